using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventManager.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class VisaLetterIssued : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "VisaLetterIssuedAtUtc",
                table: "Registrations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VisaLetterIssuedBy",
                table: "Registrations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VisaLetterIssuedByContact",
                table: "Registrations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VisaLetterLanguage",
                table: "Registrations",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "VisaLetterIssuedAtUtc",
                table: "Registrations");

            migrationBuilder.DropColumn(
                name: "VisaLetterIssuedBy",
                table: "Registrations");

            migrationBuilder.DropColumn(
                name: "VisaLetterIssuedByContact",
                table: "Registrations");

            migrationBuilder.DropColumn(
                name: "VisaLetterLanguage",
                table: "Registrations");
        }
    }
}
