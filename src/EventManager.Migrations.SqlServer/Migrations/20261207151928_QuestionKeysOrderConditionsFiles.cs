using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventManager.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class QuestionKeysOrderConditionsFiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OptionKeys",
                table: "RegistrationQuestions",
                type: "nvarchar(max)",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Position",
                table: "RegistrationQuestions",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ShowWhenAnswer",
                table: "RegistrationQuestions",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ShowWhenQuestionId",
                table: "RegistrationQuestions",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ContentType",
                table: "RegistrationAnswers",
                type: "nvarchar(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "SealedFile",
                table: "RegistrationAnswers",
                type: "varbinary(max)",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OptionKeys",
                table: "RegistrationQuestions");

            migrationBuilder.DropColumn(
                name: "Position",
                table: "RegistrationQuestions");

            migrationBuilder.DropColumn(
                name: "ShowWhenAnswer",
                table: "RegistrationQuestions");

            migrationBuilder.DropColumn(
                name: "ShowWhenQuestionId",
                table: "RegistrationQuestions");

            migrationBuilder.DropColumn(
                name: "ContentType",
                table: "RegistrationAnswers");

            migrationBuilder.DropColumn(
                name: "SealedFile",
                table: "RegistrationAnswers");
        }
    }
}
