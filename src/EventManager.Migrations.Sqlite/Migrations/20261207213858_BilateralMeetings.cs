using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventManager.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class BilateralMeetings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Interpreters",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EventId = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    Pairs = table.Column<string>(type: "TEXT", unicode: false, maxLength: 200, nullable: false),
                    UnavailableBlocks = table.Column<string>(type: "TEXT", unicode: false, maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Interpreters", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Interpreters_Delegates_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Delegates",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_Interpreters_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MeetingBlocks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EventId = table.Column<int>(type: "INTEGER", nullable: false),
                    SessionId = table.Column<int>(type: "INTEGER", nullable: false),
                    SlotMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Tables = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxPerDelegation = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingBlocks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MeetingBlocks_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MeetingBlocks_Sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "Sessions",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "MeetingDelegations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EventId = table.Column<int>(type: "INTEGER", nullable: false),
                    InstitutionId = table.Column<int>(type: "INTEGER", nullable: true),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: true),
                    TakesMeetings = table.Column<bool>(type: "INTEGER", nullable: false),
                    Interests = table.Column<string>(type: "TEXT", unicode: false, maxLength: 400, nullable: true),
                    Languages = table.Column<string>(type: "TEXT", unicode: false, maxLength: 100, nullable: true),
                    UnavailableBlocks = table.Column<string>(type: "TEXT", unicode: false, maxLength: 400, nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingDelegations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MeetingDelegations_Delegates_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Delegates",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_MeetingDelegations_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MeetingDelegations_Institutions_InstitutionId",
                        column: x => x.InstitutionId,
                        principalTable: "Institutions",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "MeetingInterests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EventId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingInterests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MeetingInterests_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MeetingRequests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EventId = table.Column<int>(type: "INTEGER", nullable: false),
                    FromId = table.Column<int>(type: "INTEGER", nullable: false),
                    ToId = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AnsweredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Priority = table.Column<bool>(type: "INTEGER", nullable: false),
                    BlockId = table.Column<int>(type: "INTEGER", nullable: true),
                    Slot = table.Column<int>(type: "INTEGER", nullable: true),
                    Table = table.Column<int>(type: "INTEGER", nullable: true),
                    InterpreterId = table.Column<int>(type: "INTEGER", nullable: true),
                    Pinned = table.Column<bool>(type: "INTEGER", nullable: false),
                    PublishedBlockId = table.Column<int>(type: "INTEGER", nullable: true),
                    PublishedSlot = table.Column<int>(type: "INTEGER", nullable: true),
                    PublishedTable = table.Column<int>(type: "INTEGER", nullable: true),
                    PublishedInterpreterId = table.Column<int>(type: "INTEGER", nullable: true),
                    Unplaced = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    UnplacedArguments = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Outcome = table.Column<int>(type: "INTEGER", nullable: false),
                    AgreementId = table.Column<int>(type: "INTEGER", nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MeetingRequests_Agreements_AgreementId",
                        column: x => x.AgreementId,
                        principalTable: "Agreements",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_MeetingRequests_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MeetingRequests_Interpreters_InterpreterId",
                        column: x => x.InterpreterId,
                        principalTable: "Interpreters",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_MeetingRequests_MeetingBlocks_BlockId",
                        column: x => x.BlockId,
                        principalTable: "MeetingBlocks",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_MeetingRequests_MeetingDelegations_FromId",
                        column: x => x.FromId,
                        principalTable: "MeetingDelegations",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_MeetingRequests_MeetingDelegations_ToId",
                        column: x => x.ToId,
                        principalTable: "MeetingDelegations",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateIndex(
                name: "IX_Interpreters_EventId_PersonId",
                table: "Interpreters",
                columns: new[] { "EventId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Interpreters_PersonId",
                table: "Interpreters",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingBlocks_EventId",
                table: "MeetingBlocks",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingBlocks_SessionId",
                table: "MeetingBlocks",
                column: "SessionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MeetingDelegations_EventId_InstitutionId",
                table: "MeetingDelegations",
                columns: new[] { "EventId", "InstitutionId" });

            migrationBuilder.CreateIndex(
                name: "IX_MeetingDelegations_EventId_PersonId",
                table: "MeetingDelegations",
                columns: new[] { "EventId", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_MeetingDelegations_InstitutionId",
                table: "MeetingDelegations",
                column: "InstitutionId");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingDelegations_PersonId",
                table: "MeetingDelegations",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingInterests_EventId",
                table: "MeetingInterests",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingRequests_AgreementId",
                table: "MeetingRequests",
                column: "AgreementId");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingRequests_BlockId",
                table: "MeetingRequests",
                column: "BlockId");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingRequests_EventId_Status",
                table: "MeetingRequests",
                columns: new[] { "EventId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_MeetingRequests_FromId",
                table: "MeetingRequests",
                column: "FromId");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingRequests_InterpreterId",
                table: "MeetingRequests",
                column: "InterpreterId");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingRequests_ToId",
                table: "MeetingRequests",
                column: "ToId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MeetingInterests");

            migrationBuilder.DropTable(
                name: "MeetingRequests");

            migrationBuilder.DropTable(
                name: "Interpreters");

            migrationBuilder.DropTable(
                name: "MeetingBlocks");

            migrationBuilder.DropTable(
                name: "MeetingDelegations");
        }
    }
}
