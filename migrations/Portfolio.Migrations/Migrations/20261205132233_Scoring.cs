using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Portfolio.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class Scoring : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Deliberations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    JuryCandidateId = table.Column<int>(type: "integer", nullable: false),
                    Decision = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Grade = table.Column<decimal>(type: "numeric(4,1)", precision: 4, scale: 1, nullable: true),
                    CommentsForCandidate = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Deliberations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Deliberations_JuryCandidates_JuryCandidateId",
                        column: x => x.JuryCandidateId,
                        principalTable: "JuryCandidates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "JurorScores",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    JuryCandidateId = table.Column<int>(type: "integer", nullable: false),
                    JurorId = table.Column<string>(type: "text", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JurorScores", x => x.Id);
                    table.ForeignKey(
                        name: "FK_JurorScores_AspNetUsers_JurorId",
                        column: x => x.JurorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_JurorScores_JuryCandidates_JuryCandidateId",
                        column: x => x.JuryCandidateId,
                        principalTable: "JuryCandidates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ResultsReleases",
                columns: table => new
                {
                    CohortId = table.Column<int>(type: "integer", nullable: false),
                    ReleasedById = table.Column<string>(type: "text", nullable: true),
                    ReleasedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResultsReleases", x => x.CohortId);
                    table.ForeignKey(
                        name: "FK_ResultsReleases_AspNetUsers_ReleasedById",
                        column: x => x.ReleasedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ResultsReleases_Cohorts_CohortId",
                        column: x => x.CohortId,
                        principalTable: "Cohorts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ScoringGrids",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProgrammeId = table.Column<int>(type: "integer", nullable: false),
                    PassMark = table.Column<int>(type: "integer", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScoringGrids", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScoringGrids_Programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "Programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DeliberationChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DeliberationId = table.Column<int>(type: "integer", nullable: false),
                    ById = table.Column<string>(type: "text", nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Field = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CriterionId = table.Column<int>(type: "integer", nullable: true),
                    Before = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    After = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeliberationChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DeliberationChanges_AspNetUsers_ById",
                        column: x => x.ById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_DeliberationChanges_Deliberations_DeliberationId",
                        column: x => x.DeliberationId,
                        principalTable: "Deliberations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ScoringCriteria",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    GridId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Weight = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScoringCriteria", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScoringCriteria_ScoringGrids_GridId",
                        column: x => x.GridId,
                        principalTable: "ScoringGrids",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ScoringLevels",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    GridId = table.Column<int>(type: "integer", nullable: false),
                    Value = table.Column<int>(type: "integer", nullable: false),
                    Label = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScoringLevels", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScoringLevels_ScoringGrids_GridId",
                        column: x => x.GridId,
                        principalTable: "ScoringGrids",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AgreedMarks",
                columns: table => new
                {
                    DeliberationId = table.Column<int>(type: "integer", nullable: false),
                    CriterionId = table.Column<int>(type: "integer", nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: true),
                    Rationale = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgreedMarks", x => new { x.DeliberationId, x.CriterionId });
                    table.ForeignKey(
                        name: "FK_AgreedMarks_Deliberations_DeliberationId",
                        column: x => x.DeliberationId,
                        principalTable: "Deliberations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AgreedMarks_ScoringCriteria_CriterionId",
                        column: x => x.CriterionId,
                        principalTable: "ScoringCriteria",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "JurorMarks",
                columns: table => new
                {
                    JurorScoreId = table.Column<int>(type: "integer", nullable: false),
                    CriterionId = table.Column<int>(type: "integer", nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: true),
                    Comment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JurorMarks", x => new { x.JurorScoreId, x.CriterionId });
                    table.ForeignKey(
                        name: "FK_JurorMarks_JurorScores_JurorScoreId",
                        column: x => x.JurorScoreId,
                        principalTable: "JurorScores",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_JurorMarks_ScoringCriteria_CriterionId",
                        column: x => x.CriterionId,
                        principalTable: "ScoringCriteria",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AgreedMarks_CriterionId",
                table: "AgreedMarks",
                column: "CriterionId");

            migrationBuilder.CreateIndex(
                name: "IX_DeliberationChanges_ById",
                table: "DeliberationChanges",
                column: "ById");

            migrationBuilder.CreateIndex(
                name: "IX_DeliberationChanges_DeliberationId",
                table: "DeliberationChanges",
                column: "DeliberationId");

            migrationBuilder.CreateIndex(
                name: "IX_Deliberations_JuryCandidateId",
                table: "Deliberations",
                column: "JuryCandidateId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_JurorMarks_CriterionId",
                table: "JurorMarks",
                column: "CriterionId");

            migrationBuilder.CreateIndex(
                name: "IX_JurorScores_JurorId",
                table: "JurorScores",
                column: "JurorId");

            migrationBuilder.CreateIndex(
                name: "IX_JurorScores_JuryCandidateId_JurorId",
                table: "JurorScores",
                columns: new[] { "JuryCandidateId", "JurorId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ResultsReleases_ReleasedById",
                table: "ResultsReleases",
                column: "ReleasedById");

            migrationBuilder.CreateIndex(
                name: "IX_ScoringCriteria_GridId_Position",
                table: "ScoringCriteria",
                columns: new[] { "GridId", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ScoringGrids_ProgrammeId",
                table: "ScoringGrids",
                column: "ProgrammeId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ScoringLevels_GridId_Value",
                table: "ScoringLevels",
                columns: new[] { "GridId", "Value" },
                unique: true);

            // Every programme that existed before gets the default grid (ScoringGrid.Default); programmes created later
            // get it when they are saved (ScoringGrid.GiveDefaults).
            migrationBuilder.Sql("""
                INSERT INTO "ScoringGrids" ("ProgrammeId", "PassMark")
                SELECT p."Id", 3 FROM "Programmes" p
                WHERE NOT EXISTS (SELECT 1 FROM "ScoringGrids" g WHERE g."ProgrammeId" = p."Id");

                INSERT INTO "ScoringCriteria" ("GridId", "Position", "Title", "Description", "Weight")
                SELECT g."Id", c.position, c.title, c.description, 20
                FROM "ScoringGrids" g CROSS JOIN (VALUES
                  (0, 'Rapport collectif', 'Le rapport du groupe sur l''organisation publique étudiée : analyse, recommandations, qualité de l''écrit.'),
                  (1, 'Rapport individuel', 'Le rapport individuel d''auto-évaluation réflexive construit sur le portfolio.'),
                  (2, 'Présentation orale', 'La présentation des deux rapports devant le jury : clarté, structure, gestion du temps.'),
                  (3, 'Défense orale', 'Les réponses aux questions du jury : argumentation, recul critique.'),
                  (4, 'Maîtrise des acquis d''apprentissage', 'La maîtrise des acquis d''apprentissage du programme dont témoignent les rapports et l''oral.')
                ) AS c(position, title, description)
                WHERE NOT EXISTS (SELECT 1 FROM "ScoringCriteria" x WHERE x."GridId" = g."Id");

                INSERT INTO "ScoringLevels" ("GridId", "Value", "Label")
                SELECT g."Id", l.value, l.label
                FROM "ScoringGrids" g CROSS JOIN (VALUES (1, 'Insuffisant'), (2, 'Fragile'), (3, 'Satisfaisant'), (4, 'Bon'), (5, 'Excellent')) AS l(value, label)
                WHERE NOT EXISTS (SELECT 1 FROM "ScoringLevels" x WHERE x."GridId" = g."Id");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AgreedMarks");

            migrationBuilder.DropTable(
                name: "DeliberationChanges");

            migrationBuilder.DropTable(
                name: "JurorMarks");

            migrationBuilder.DropTable(
                name: "ResultsReleases");

            migrationBuilder.DropTable(
                name: "ScoringLevels");

            migrationBuilder.DropTable(
                name: "Deliberations");

            migrationBuilder.DropTable(
                name: "JurorScores");

            migrationBuilder.DropTable(
                name: "ScoringCriteria");

            migrationBuilder.DropTable(
                name: "ScoringGrids");
        }
    }
}
