using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventManager.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class PrivacyNoticeAndConsent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ConsentVersion",
                table: "Registrations",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ConsentedAtUtc",
                table: "Registrations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PrivacyNotices",
                columns: table => new
                {
                    EventId = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "text", nullable: true),
                    RequiresConsent = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PrivacyNotices", x => x.EventId);
                    table.ForeignKey(
                        name: "FK_PrivacyNotices_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OutgoingMessages_RecipientEmail_EventId",
                table: "OutgoingMessages",
                columns: new[] { "RecipientEmail", "EventId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PrivacyNotices");

            migrationBuilder.DropIndex(
                name: "IX_OutgoingMessages_RecipientEmail_EventId",
                table: "OutgoingMessages");

            migrationBuilder.DropColumn(
                name: "ConsentVersion",
                table: "Registrations");

            migrationBuilder.DropColumn(
                name: "ConsentedAtUtc",
                table: "Registrations");
        }
    }
}
