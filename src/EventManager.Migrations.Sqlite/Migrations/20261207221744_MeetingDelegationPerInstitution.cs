using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventManager.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MeetingDelegationPerInstitution : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MeetingDelegations_EventId_InstitutionId",
                table: "MeetingDelegations");

            migrationBuilder.DropIndex(
                name: "IX_MeetingDelegations_EventId_PersonId",
                table: "MeetingDelegations");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingDelegations_EventId_InstitutionId",
                table: "MeetingDelegations",
                columns: new[] { "EventId", "InstitutionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MeetingDelegations_EventId_PersonId",
                table: "MeetingDelegations",
                columns: new[] { "EventId", "PersonId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MeetingDelegations_EventId_InstitutionId",
                table: "MeetingDelegations");

            migrationBuilder.DropIndex(
                name: "IX_MeetingDelegations_EventId_PersonId",
                table: "MeetingDelegations");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingDelegations_EventId_InstitutionId",
                table: "MeetingDelegations",
                columns: new[] { "EventId", "InstitutionId" });

            migrationBuilder.CreateIndex(
                name: "IX_MeetingDelegations_EventId_PersonId",
                table: "MeetingDelegations",
                columns: new[] { "EventId", "PersonId" });
        }
    }
}
