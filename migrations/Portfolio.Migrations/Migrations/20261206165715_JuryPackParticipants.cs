using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portfolio.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class JuryPackParticipants : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<string>>(
                name: "ParticipantIds",
                table: "JuryPacks",
                type: "text[]",
                nullable: false,
                // Packs built before: no participant recorded, so closed to jurors until the next build.
                defaultValueSql: "'{}'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ParticipantIds",
                table: "JuryPacks");
        }
    }
}
