using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventManager.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class PeopleDirectory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Delegates_Email",
                table: "Delegates");

            migrationBuilder.AlterColumn<string>(
                name: "Email",
                table: "Delegates",
                type: "nvarchar(254)",
                maxLength: 254,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "nvarchar(254)",
                oldMaxLength: 254);

            migrationBuilder.AddColumn<string>(
                name: "Biography",
                table: "Delegates",
                type: "nvarchar(max)",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "CreatedAtUtc",
                table: "Delegates",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "Photo",
                table: "Delegates",
                type: "varbinary(max)",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Delegates",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SpokenLanguages",
                table: "Delegates",
                type: "nvarchar(120)",
                maxLength: 120,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Title",
                table: "Delegates",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Delegates_Email",
                table: "Delegates",
                column: "Email",
                unique: true,
                filter: "[Email] IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Delegates_Email",
                table: "Delegates");

            migrationBuilder.DropColumn(
                name: "Biography",
                table: "Delegates");

            migrationBuilder.DropColumn(
                name: "CreatedAtUtc",
                table: "Delegates");

            migrationBuilder.DropColumn(
                name: "Photo",
                table: "Delegates");

            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "Delegates");

            migrationBuilder.DropColumn(
                name: "SpokenLanguages",
                table: "Delegates");

            migrationBuilder.DropColumn(
                name: "Title",
                table: "Delegates");

            migrationBuilder.AlterColumn<string>(
                name: "Email",
                table: "Delegates",
                type: "nvarchar(254)",
                maxLength: 254,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "nvarchar(254)",
                oldMaxLength: 254,
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Delegates_Email",
                table: "Delegates",
                column: "Email",
                unique: true);
        }
    }
}
