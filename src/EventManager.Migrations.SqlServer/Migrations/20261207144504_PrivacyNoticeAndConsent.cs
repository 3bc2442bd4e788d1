using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventManager.Migrations.SqlServer.Migrations
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
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ConsentedAtUtc",
                table: "Registrations",
                type: "datetime2",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PrivacyNotices",
                columns: table => new
                {
                    EventId = table.Column<int>(type: "int", nullable: false),
                    Text = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    RequiresConsent = table.Column<bool>(type: "bit", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
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
