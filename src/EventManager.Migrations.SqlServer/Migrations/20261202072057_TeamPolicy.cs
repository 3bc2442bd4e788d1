using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventManager.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class TeamPolicy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TeamPolicies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false),
                    RequireTwoFactor = table.Column<bool>(type: "bit", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamPolicies", x => x.Id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TeamPolicies");
        }
    }
}
