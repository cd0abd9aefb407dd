using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portfolio.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class ProgrammeCoordinators : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ProgrammeCoordinators",
                columns: table => new
                {
                    ProgrammeId = table.Column<int>(type: "integer", nullable: false),
                    UserId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeCoordinators", x => new { x.ProgrammeId, x.UserId });
                    table.ForeignKey(
                        name: "FK_ProgrammeCoordinators_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProgrammeCoordinators_Programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "Programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeCoordinators_UserId",
                table: "ProgrammeCoordinators",
                column: "UserId");

            // A running office loses nothing: every existing coordinator keeps every existing programme.
            migrationBuilder.Sql("""
                INSERT INTO "ProgrammeCoordinators" ("ProgrammeId", "UserId")
                SELECT p."Id", ur."UserId"
                FROM "Programmes" p
                CROSS JOIN "AspNetUserRoles" ur
                JOIN "AspNetRoles" r ON r."Id" = ur."RoleId" AND r."Name" = 'Coordinator';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProgrammeCoordinators");
        }
    }
}
