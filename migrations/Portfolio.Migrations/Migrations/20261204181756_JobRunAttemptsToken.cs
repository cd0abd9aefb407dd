using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portfolio.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class JobRunAttemptsToken : Migration
    {
        // The run's concurrency token moves from PostgreSQL's xmin, a system column that needs no DDL, to "Attempts", which
        // exists already: only the model changes.
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
