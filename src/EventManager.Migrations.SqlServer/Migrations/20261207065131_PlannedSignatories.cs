using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventManager.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class PlannedSignatories : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<int>(
                name: "SignatoryRegistrationId",
                table: "AgreementParties",
                type: "int",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "int");

            migrationBuilder.AddColumn<int>(
                name: "SignatoryPersonId",
                table: "AgreementParties",
                type: "int",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_AgreementParties_SignatoryPersonId",
                table: "AgreementParties",
                column: "SignatoryPersonId");

            migrationBuilder.AddForeignKey(
                name: "FK_AgreementParties_Delegates_SignatoryPersonId",
                table: "AgreementParties",
                column: "SignatoryPersonId",
                principalTable: "Delegates",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            // Every signatory chosen before is the person behind their registration: the plan starts from what was chosen.
            migrationBuilder.Sql("UPDATE [AgreementParties] SET [SignatoryPersonId] = (SELECT r.[DelegateId] FROM [Registrations] r WHERE r.[Id] = [AgreementParties].[SignatoryRegistrationId])");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_AgreementParties_Delegates_SignatoryPersonId",
                table: "AgreementParties");

            migrationBuilder.DropIndex(
                name: "IX_AgreementParties_SignatoryPersonId",
                table: "AgreementParties");

            migrationBuilder.DropColumn(
                name: "SignatoryPersonId",
                table: "AgreementParties");

            migrationBuilder.AlterColumn<int>(
                name: "SignatoryRegistrationId",
                table: "AgreementParties",
                type: "int",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "int",
                oldNullable: true);
        }
    }
}
