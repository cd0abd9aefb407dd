using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Portfolio.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class FeedbackAnswers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Feedback",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RequestId = table.Column<int>(type: "integer", nullable: false),
                    PeerId = table.Column<string>(type: "text", nullable: false),
                    Strengths = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    StrengthsObjectiveIds = table.Column<int[]>(type: "integer[]", nullable: false),
                    StrengthsAxisIds = table.Column<int[]>(type: "integer[]", nullable: false),
                    Questions = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    QuestionsObjectiveIds = table.Column<int[]>(type: "integer[]", nullable: false),
                    QuestionsAxisIds = table.Column<int[]>(type: "integer[]", nullable: false),
                    Suggestions = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    SuggestionsObjectiveIds = table.Column<int[]>(type: "integer[]", nullable: false),
                    SuggestionsAxisIds = table.Column<int[]>(type: "integer[]", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Reply = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    RepliedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CriticalRating = table.Column<int>(type: "integer", nullable: true),
                    BenevolentRating = table.Column<int>(type: "integer", nullable: true),
                    RatingComment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    RatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    Levels = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Feedback", x => x.Id);
                    table.CheckConstraint("CK_Feedback_BenevolentRating", "\"BenevolentRating\" BETWEEN 1 AND 4");
                    table.CheckConstraint("CK_Feedback_CriticalRating", "\"CriticalRating\" BETWEEN 1 AND 4");
                    table.ForeignKey(
                        name: "FK_Feedback_FeedbackRecipients_RequestId_PeerId",
                        columns: x => new { x.RequestId, x.PeerId },
                        principalTable: "FeedbackRecipients",
                        principalColumns: new[] { "RequestId", "PeerId" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Feedback_FeedbackRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "FeedbackRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Feedback_PeerId_RatedAt",
                table: "Feedback",
                columns: new[] { "PeerId", "RatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Feedback_RequestId_PeerId",
                table: "Feedback",
                columns: new[] { "RequestId", "PeerId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Feedback");
        }
    }
}
