using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portfolio.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class CurrentCohortPerPerson : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CurrentCohortId",
                table: "AspNetUsers",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_CurrentCohortId",
                table: "AspNetUsers",
                column: "CurrentCohortId");

            migrationBuilder.AddForeignKey(
                name: "FK_AspNetUsers_Cohorts_CurrentCohortId",
                table: "AspNetUsers",
                column: "CurrentCohortId",
                principalTable: "Cohorts",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_AspNetUsers_Cohorts_CurrentCohortId",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_CurrentCohortId",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "CurrentCohortId",
                table: "AspNetUsers");
        }
    }
}
