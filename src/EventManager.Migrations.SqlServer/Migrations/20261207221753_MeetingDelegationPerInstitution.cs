using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventManager.Migrations.SqlServer.Migrations
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
                unique: true,
                filter: "[InstitutionId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingDelegations_EventId_PersonId",
                table: "MeetingDelegations",
                columns: new[] { "EventId", "PersonId" },
                unique: true,
                filter: "[PersonId] IS NOT NULL");
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
