using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Portfolio.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class TransformationProjects : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "TransformationProjectId",
                table: "JournalEntries",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ProjectId",
                table: "FeedbackRequests",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TransformationProjectId",
                table: "Evidence",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "TransformationProjects",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OwnerId = table.Column<string>(type: "text", nullable: false),
                    CohortId = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Context = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Ambition = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Visibility = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SharedWithUserIds = table.Column<string[]>(type: "text[]", nullable: false),
                    PresentationOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PresentationSummary = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    PresentationFileName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    PresentationContentType = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    PresentationFileLength = table.Column<long>(type: "bigint", nullable: true),
                    PresentationFileId = table.Column<Guid>(type: "uuid", nullable: true),
                    PresentationSubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TransformationProjects", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TransformationProjects_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_TransformationProjects_Cohorts_CohortId",
                        column: x => x.CohortId,
                        principalTable: "Cohorts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ProjectMilestones",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProjectId = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    DoneOn = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProjectMilestones", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProjectMilestones_TransformationProjects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "TransformationProjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_JournalEntries_TransformationProjectId",
                table: "JournalEntries",
                column: "TransformationProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackRequests_ProjectId",
                table: "FeedbackRequests",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_Evidence_TransformationProjectId",
                table: "Evidence",
                column: "TransformationProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_ProjectMilestones_ProjectId_DueOn",
                table: "ProjectMilestones",
                columns: new[] { "ProjectId", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_TransformationProjects_CohortId",
                table: "TransformationProjects",
                column: "CohortId");

            migrationBuilder.CreateIndex(
                name: "IX_TransformationProjects_OwnerId_CohortId",
                table: "TransformationProjects",
                columns: new[] { "OwnerId", "CohortId" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Evidence_TransformationProjects_TransformationProjectId",
                table: "Evidence",
                column: "TransformationProjectId",
                principalTable: "TransformationProjects",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_FeedbackRequests_TransformationProjects_ProjectId",
                table: "FeedbackRequests",
                column: "ProjectId",
                principalTable: "TransformationProjects",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_JournalEntries_TransformationProjects_TransformationProject~",
                table: "JournalEntries",
                column: "TransformationProjectId",
                principalTable: "TransformationProjects",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Evidence_TransformationProjects_TransformationProjectId",
                table: "Evidence");

            migrationBuilder.DropForeignKey(
                name: "FK_FeedbackRequests_TransformationProjects_ProjectId",
                table: "FeedbackRequests");

            migrationBuilder.DropForeignKey(
                name: "FK_JournalEntries_TransformationProjects_TransformationProject~",
                table: "JournalEntries");

            migrationBuilder.DropTable(
                name: "ProjectMilestones");

            migrationBuilder.DropTable(
                name: "TransformationProjects");

            migrationBuilder.DropIndex(
                name: "IX_JournalEntries_TransformationProjectId",
                table: "JournalEntries");

            migrationBuilder.DropIndex(
                name: "IX_FeedbackRequests_ProjectId",
                table: "FeedbackRequests");

            migrationBuilder.DropIndex(
                name: "IX_Evidence_TransformationProjectId",
                table: "Evidence");

            migrationBuilder.DropColumn(
                name: "TransformationProjectId",
                table: "JournalEntries");

            migrationBuilder.DropColumn(
                name: "ProjectId",
                table: "FeedbackRequests");

            migrationBuilder.DropColumn(
                name: "TransformationProjectId",
                table: "Evidence");
        }
    }
}
