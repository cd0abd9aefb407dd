using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portfolio.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class FrameworkRevision : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "Revision",
                table: "Frameworks",
                type: "uuid",
                nullable: false,
                // Each existing version gets a revision of its own; afterwards the application sets it on every import.
                defaultValueSql: "gen_random_uuid()");
            migrationBuilder.Sql("ALTER TABLE \"Frameworks\" ALTER COLUMN \"Revision\" DROP DEFAULT;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Revision",
                table: "Frameworks");
        }
    }
}
