using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Portfolio.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class CohortSessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "SessionId",
                table: "JournalEntries",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SessionId",
                table: "Evidence",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CohortSessions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CohortId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    PillarId = table.Column<int>(type: "integer", nullable: true),
                    LeadershipCompetencyId = table.Column<int>(type: "integer", nullable: true),
                    Uid = table.Column<Guid>(type: "uuid", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CancelledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CohortSessions", x => x.Id);
                    table.CheckConstraint("CK_CohortSession_EndsAfterStart", "\"EndsAt\" > \"StartsAt\"");
                    table.ForeignKey(
                        name: "FK_CohortSessions_Cohorts_CohortId",
                        column: x => x.CohortId,
                        principalTable: "Cohorts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CohortSessions_LeadershipCompetency_LeadershipCompetencyId",
                        column: x => x.LeadershipCompetencyId,
                        principalTable: "LeadershipCompetency",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CohortSessions_Pillar_PillarId",
                        column: x => x.PillarId,
                        principalTable: "Pillar",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_JournalEntries_OwnerId_SessionId",
                table: "JournalEntries",
                columns: new[] { "OwnerId", "SessionId" });

            migrationBuilder.CreateIndex(
                name: "IX_JournalEntries_SessionId",
                table: "JournalEntries",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_Evidence_OwnerId_SessionId",
                table: "Evidence",
                columns: new[] { "OwnerId", "SessionId" });

            migrationBuilder.CreateIndex(
                name: "IX_Evidence_SessionId",
                table: "Evidence",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_CohortSessions_CohortId_LeadershipCompetencyId",
                table: "CohortSessions",
                columns: new[] { "CohortId", "LeadershipCompetencyId" },
                unique: true,
                filter: "\"LeadershipCompetencyId\" IS NOT NULL AND \"CancelledAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_CohortSessions_CohortId_StartsAt",
                table: "CohortSessions",
                columns: new[] { "CohortId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CohortSessions_LeadershipCompetencyId",
                table: "CohortSessions",
                column: "LeadershipCompetencyId");

            migrationBuilder.CreateIndex(
                name: "IX_CohortSessions_PillarId",
                table: "CohortSessions",
                column: "PillarId");

            migrationBuilder.CreateIndex(
                name: "IX_CohortSessions_Uid",
                table: "CohortSessions",
                column: "Uid",
                unique: true);

            // The leadership seminars become sessions of the cohort's calendar: a seminar only had a day, so it is moved
            // as a day from 9:00 to 17:00, Brussels time, titled after its competency.
            migrationBuilder.Sql("""
                INSERT INTO "CohortSessions" ("CohortId", "Kind", "Title", "StartsAt", "EndsAt", "Place", "PillarId", "LeadershipCompetencyId", "Uid", "Sequence", "CreatedAt")
                SELECT s."CohortId", 'LeadershipSeminar', left('Séminaire de leadership ' || c."Code" || ' — ' || c."Title", 200),
                       (s."HeldOn" + time '09:00') AT TIME ZONE 'Europe/Brussels', (s."HeldOn" + time '17:00') AT TIME ZONE 'Europe/Brussels',
                       NULL, NULL, s."LeadershipCompetencyId", gen_random_uuid(), 0, now()
                FROM "Seminars" s JOIN "LeadershipCompetency" c ON c."Id" = s."LeadershipCompetencyId";
                """);

            migrationBuilder.DropTable(
                name: "Seminars");

            migrationBuilder.AddForeignKey(
                name: "FK_Evidence_CohortSessions_SessionId",
                table: "Evidence",
                column: "SessionId",
                principalTable: "CohortSessions",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_JournalEntries_CohortSessions_SessionId",
                table: "JournalEntries",
                column: "SessionId",
                principalTable: "CohortSessions",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Seminars",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CohortId = table.Column<int>(type: "integer", nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: false),
                    LeadershipCompetencyId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Seminars", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Seminars_Cohorts_CohortId",
                        column: x => x.CohortId,
                        principalTable: "Cohorts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Seminars_LeadershipCompetency_LeadershipCompetencyId",
                        column: x => x.LeadershipCompetencyId,
                        principalTable: "LeadershipCompetency",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Seminars_CohortId_LeadershipCompetencyId",
                table: "Seminars",
                columns: new[] { "CohortId", "LeadershipCompetencyId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Seminars_LeadershipCompetencyId",
                table: "Seminars",
                column: "LeadershipCompetencyId");

            // Only the seminars in force go back: the other sessions had no place before this migration.
            migrationBuilder.Sql("""
                INSERT INTO "Seminars" ("CohortId", "LeadershipCompetencyId", "HeldOn")
                SELECT "CohortId", "LeadershipCompetencyId", ("StartsAt" AT TIME ZONE 'Europe/Brussels')::date
                FROM "CohortSessions" WHERE "LeadershipCompetencyId" IS NOT NULL AND "CancelledAt" IS NULL;
                """);

            migrationBuilder.DropForeignKey(
                name: "FK_Evidence_CohortSessions_SessionId",
                table: "Evidence");

            migrationBuilder.DropForeignKey(
                name: "FK_JournalEntries_CohortSessions_SessionId",
                table: "JournalEntries");

            migrationBuilder.DropTable(
                name: "CohortSessions");

            migrationBuilder.DropIndex(
                name: "IX_JournalEntries_OwnerId_SessionId",
                table: "JournalEntries");

            migrationBuilder.DropIndex(
                name: "IX_JournalEntries_SessionId",
                table: "JournalEntries");

            migrationBuilder.DropIndex(
                name: "IX_Evidence_OwnerId_SessionId",
                table: "Evidence");

            migrationBuilder.DropIndex(
                name: "IX_Evidence_SessionId",
                table: "Evidence");

            migrationBuilder.DropColumn(
                name: "SessionId",
                table: "JournalEntries");

            migrationBuilder.DropColumn(
                name: "SessionId",
                table: "Evidence");

        }
    }
}
