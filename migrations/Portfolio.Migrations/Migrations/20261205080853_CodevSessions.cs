using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Portfolio.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class CodevSessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CodevSessions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    GroupId = table.Column<int>(type: "integer", nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    VideoLink = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    RunById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    CaseOwnerIds = table.Column<string[]>(type: "text[]", nullable: false),
                    PlannedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CurrentStep = table.Column<int>(type: "integer", nullable: false),
                    Presentation = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Clarification = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Contract = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    HeldAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CodevSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CodevSessions_IntervisionGroups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "IntervisionGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CodevAttendance",
                columns: table => new
                {
                    SessionId = table.Column<int>(type: "integer", nullable: false),
                    MemberId = table.Column<string>(type: "text", nullable: false),
                    Present = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CodevAttendance", x => new { x.SessionId, x.MemberId });
                    table.ForeignKey(
                        name: "FK_CodevAttendance_AspNetUsers_MemberId",
                        column: x => x.MemberId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CodevAttendance_CodevSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "CodevSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CodevContributions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SessionId = table.Column<int>(type: "integer", nullable: false),
                    MemberId = table.Column<string>(type: "text", nullable: false),
                    Type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    RecordedById = table.Column<string>(type: "text", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CodevContributions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CodevContributions_AspNetUsers_MemberId",
                        column: x => x.MemberId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CodevContributions_CodevSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "CodevSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CodevPlans",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SessionId = table.Column<int>(type: "integer", nullable: false),
                    OwnerId = table.Column<string>(type: "text", nullable: false),
                    Synthesis = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    WrittenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Items = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CodevPlans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CodevPlans_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CodevPlans_CodevSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "CodevSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CodevTakeaways",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SessionId = table.Column<int>(type: "integer", nullable: false),
                    MemberId = table.Column<string>(type: "text", nullable: false),
                    Text = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    WrittenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CodevTakeaways", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CodevTakeaways_AspNetUsers_MemberId",
                        column: x => x.MemberId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CodevTakeaways_CodevSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "CodevSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CodevFollowUps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SessionId = table.Column<int>(type: "integer", nullable: false),
                    PlanId = table.Column<int>(type: "integer", nullable: false),
                    OwnerId = table.Column<string>(type: "text", nullable: false),
                    Text = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    WrittenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CodevFollowUps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CodevFollowUps_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CodevFollowUps_CodevPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "CodevPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CodevFollowUps_CodevSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "CodevSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CodevAttendance_MemberId",
                table: "CodevAttendance",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_CodevContributions_MemberId",
                table: "CodevContributions",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_CodevContributions_SessionId",
                table: "CodevContributions",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_CodevFollowUps_OwnerId",
                table: "CodevFollowUps",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_CodevFollowUps_PlanId",
                table: "CodevFollowUps",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_CodevFollowUps_SessionId_PlanId",
                table: "CodevFollowUps",
                columns: new[] { "SessionId", "PlanId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CodevPlans_OwnerId",
                table: "CodevPlans",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_CodevPlans_SessionId_OwnerId",
                table: "CodevPlans",
                columns: new[] { "SessionId", "OwnerId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CodevSessions_GroupId_StartsAt",
                table: "CodevSessions",
                columns: new[] { "GroupId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CodevTakeaways_MemberId",
                table: "CodevTakeaways",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_CodevTakeaways_SessionId_MemberId",
                table: "CodevTakeaways",
                columns: new[] { "SessionId", "MemberId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CodevAttendance");

            migrationBuilder.DropTable(
                name: "CodevContributions");

            migrationBuilder.DropTable(
                name: "CodevFollowUps");

            migrationBuilder.DropTable(
                name: "CodevTakeaways");

            migrationBuilder.DropTable(
                name: "CodevPlans");

            migrationBuilder.DropTable(
                name: "CodevSessions");
        }
    }
}
