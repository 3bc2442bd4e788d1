using EventManager.Core.Meetings;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Tests;

/// <summary>
/// The organisers' scheduler run over the database: blocks cut into slots, delegations made of an institution's people
/// at the event, their languages and duties (a rector speaking at the plenary cannot meet then), interpreters, and each
/// accepted request stored with its place or the reason it has none.
/// </summary>
/// <remarks>Run on SQLite here and on PostgreSQL by <see cref="MeetingSchedulingTestsOnPostgreSql"/>.</remarks>
public class MeetingSchedulingTests : IAsyncLifetime
{
    public MeetingSchedulingTests()
        : this(TestDatabase.Sqlite)
    {
    }

    protected MeetingSchedulingTests(TestDatabase database) => Database = database;

    protected TestDatabase Database { get; }

    private AppFactory app = default!;

    public async Task InitializeAsync() => app = new AppFactory(database: Database);

    public async Task DisposeAsync() => await app.DisposeAsync();

    private Task<MeetingRequest> RequestAsync(int id) => app.WithDbAsync(db => db.MeetingRequests.AsNoTracking().SingleAsync(r => r.Id == id));

    [Fact]
    public async Task A_run_places_accepted_requests_around_duties_with_an_interpreter_and_says_why_one_cannot_be_placed()
    {
        var dialogue = await app.MeetingDialogueAsync();
        var guizhouKaznu = await app.AcceptedMeetingAsync(dialogue, "Guizhou University", "Al-Farabi Kazakh National University", 30);
        var guizhouAstana = await app.AcceptedMeetingAsync(dialogue, "Guizhou University", "Astana IT University", 20);
        var kaznuAstana = await app.AcceptedMeetingAsync(dialogue, "Al-Farabi Kazakh National University", "Astana IT University", 10);
        var tsinghua = await app.AcceptedMeetingAsync(dialogue, "Tsinghua University", "Astana IT University", 5);

        var report = await app.RunMeetingSchedulerAsync(dialogue.EventId);

        Assert.Equal((3, 1), (report.Placed, report.Unplaced));
        var (a, b, c) = (await RequestAsync(guizhouKaznu), await RequestAsync(guizhouAstana), await RequestAsync(kaznuAstana));
        // The Guizhou rector speaks until 10:15: not in the first slot (10:00–10:20). Both Guizhou meetings need the one interpreter.
        Assert.Equal([1, 2], new[] { a.Slot!.Value, b.Slot!.Value }.Order());
        Assert.All(new[] { a, b }, r => Assert.Equal((dialogue.Block, dialogue.Interpreter), (r.BlockId!.Value, r.InterpreterId!.Value)));
        // KazNU and Astana share Russian: no interpreter, and in a slot neither has another meeting.
        Assert.Null(c.InterpreterId);
        Assert.Equal(0, c.Slot);
        Assert.All(new[] { a, b, c }, r => Assert.InRange(r.Table!.Value, 1, 2));
        Assert.All(new[] { a, b, c }, r => Assert.Null(r.Unplaced));

        // Tsinghua's rector chairs a dialogue round through the whole block.
        var left = await RequestAsync(tsinghua);
        Assert.Null(left.Slot);
        Assert.Equal("{0} is not free in any slot of the meeting blocks.", left.Unplaced);
        Assert.Equal("Tsinghua University", left.UnplacedArguments);
    }

    [Fact]
    public async Task A_delegation_away_for_the_block_is_not_placed_and_a_pinned_meeting_stays_where_the_organiser_put_it()
    {
        var dialogue = await app.MeetingDialogueAsync();
        var kaznuAstana = await app.AcceptedMeetingAsync(dialogue, "Al-Farabi Kazakh National University", "Astana IT University", 10);
        var guizhouKaznu = await app.AcceptedMeetingAsync(dialogue, "Guizhou University", "Al-Farabi Kazakh National University", 30);
        await app.WithDbAsync(async db =>
        {
            var pinned = await db.MeetingRequests.SingleAsync(r => r.Id == kaznuAstana);
            (pinned.BlockId, pinned.Slot, pinned.Table, pinned.Pinned) = (dialogue.Block, 2, 2, true);
            var guizhou = await db.MeetingDelegations.SingleAsync(d => d.Id == dialogue.Delegations["Guizhou University"]);
            guizhou.UnavailableBlocks = dialogue.Block.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return await db.SaveChangesAsync();
        });

        await app.RunMeetingSchedulerAsync(dialogue.EventId);

        var pinnedNow = await RequestAsync(kaznuAstana);
        Assert.Equal((2, 2, true), (pinnedNow.Slot!.Value, pinnedNow.Table!.Value, pinnedNow.Pinned));
        Assert.Equal("{0} is not free in any slot of the meeting blocks.", (await RequestAsync(guizhouKaznu)).Unplaced);
    }
}

public sealed class MeetingSchedulingTestsOnPostgreSql() : MeetingSchedulingTests(TestDatabase.PostgreSql);
