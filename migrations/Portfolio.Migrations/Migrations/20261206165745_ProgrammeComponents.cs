using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portfolio.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class ProgrammeComponents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Components",
                table: "Programmes",
                type: "integer",
                nullable: false,
                // The programmes already there are the certificate's: every part but the transformation project
                // (ProgrammeComponents.Default). The default only fills existing rows; the application always writes the value.
                defaultValue: 4095); // ProgrammeComponents.Default when written, a literal so that the migration never moves

            migrationBuilder.AddColumn<string>(
                name: "FrameworkCode",
                table: "Programmes",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "Programmes",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Components",
                table: "Programmes");

            migrationBuilder.DropColumn(
                name: "FrameworkCode",
                table: "Programmes");

            migrationBuilder.DropColumn(
                name: "xmin",
                table: "Programmes");
        }
    }
}
