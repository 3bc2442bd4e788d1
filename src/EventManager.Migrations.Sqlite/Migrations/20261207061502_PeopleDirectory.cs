using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventManager.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PeopleDirectory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Email",
                table: "Delegates",
                type: "TEXT",
                maxLength: 254,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 254);

            migrationBuilder.AddColumn<string>(
                name: "Biography",
                table: "Delegates",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "CreatedAtUtc",
                table: "Delegates",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "Photo",
                table: "Delegates",
                type: "BLOB",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Delegates",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SpokenLanguages",
                table: "Delegates",
                type: "TEXT",
                maxLength: 120,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Title",
                table: "Delegates",
                type: "TEXT",
                maxLength: 40,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
                type: "TEXT",
                maxLength: 254,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 254,
                oldNullable: true);
        }
    }
}
