using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventManager.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class MessagesByEventStatusDue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_OutgoingMessages_EventId_Status_DueAtUtc_ReminderRuleId",
                table: "OutgoingMessages",
                columns: new[] { "EventId", "Status", "DueAtUtc", "ReminderRuleId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OutgoingMessages_EventId_Status_DueAtUtc_ReminderRuleId",
                table: "OutgoingMessages");
        }
    }
}
