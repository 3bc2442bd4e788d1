using EventManager.Core.Agenda;
using Delegate = EventManager.Core.Delegates.Delegate;
using EventManager.Core.Meetings;
using EventManager.Core.Registrations;
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

    private static readonly DateTime Ten = new(2026, 9, 16, 2, 0, 0, DateTimeKind.Utc);   // 10:00 in Guiyang
    private AppFactory app = default!;

    public async Task InitializeAsync() => app = new AppFactory(database: Database);

    public async Task DisposeAsync() => await app.DisposeAsync();

    private sealed record Dialogue(int EventId, int Block, Dictionary<string, int> Delegations, Dictionary<string, int> People, int Interpreter);

    /// <summary>
    /// Three universities and a fourth whose rector chairs a session through the whole block; the Guizhou rector speaks at
    /// a plenary during the block's first slot; one interpreter for zh–kk and zh–ru.
    /// </summary>
    private async Task<Dialogue> DialogueAsync()
    {
        var ev = await app.CreateEventAsync("meetings-dialogue");
        var institutions = new Dictionary<string, int>
        {
            ["Guizhou University"] = await app.AddInstitutionAsync("Guizhou University", "贵州大学", "CN"),
            ["Al-Farabi Kazakh National University"] = await app.AddInstitutionAsync("Al-Farabi Kazakh National University", "Әл-Фараби атындағы Қазақ ұлттық университеті", "KZ"),
            ["Astana IT University"] = await app.AddInstitutionAsync("Astana IT University", "Astana IT University", "KZ"),
            ["Tsinghua University"] = await app.AddInstitutionAsync("Tsinghua University", "清华大学", "CN"),
        };
        return await app.WithDbAsync(async db =>
        {
            var people = new Dictionary<string, Delegate>();
            var sequence = 0;
            foreach (var (name, institution, languages) in new[]
            {
                ("Guizhou University", "Guizhou University", "zh"),
                ("Al-Farabi Kazakh National University", "Al-Farabi Kazakh National University", "kk ru"),
                ("Astana IT University", "Astana IT University", "ru en"),
                ("Tsinghua University", "Tsinghua University", "zh en"),
            })
            {
                var person = new Delegate { LatinName = $"Rector of {name}", InstitutionId = institutions[institution], SpokenLanguages = languages, Email = $"rector{++sequence}@{sequence}.example" };
                people[name] = person;
                db.Registrations.Add(new Registration
                {
                    EventId = ev.Id, Delegate = person, Token = RegistrationRules.NewToken(), Status = RegistrationStatus.Confirmed, Sequence = sequence,
                    DelegationKey = Guid.NewGuid(), LatinName = person.LatinName, Email = person.Email!, InstitutionId = institutions[institution], CountryCode = "CN",
                });
            }

            var interpreterPerson = new Delegate { LatinName = "Aigerim Nurlanovna", SpokenLanguages = "zh kk ru" };
            db.Delegates.Add(interpreterPerson);
            var blockSession = new Session { EventId = ev.Id, Uid = Guid.NewGuid(), Title = "Bilateral meetings", Kind = SessionKind.DialogueRound, StartsAtUtc = Ten, EndsAtUtc = Ten.AddHours(1) };
            var plenary = new Session { EventId = ev.Id, Uid = Guid.NewGuid(), Title = "Plenary", Kind = SessionKind.Plenary, StartsAtUtc = Ten.AddMinutes(-30), EndsAtUtc = Ten.AddMinutes(15) };
            var round = new Session { EventId = ev.Id, Uid = Guid.NewGuid(), Title = "Dialogue round", Kind = SessionKind.DialogueRound, StartsAtUtc = Ten, EndsAtUtc = Ten.AddHours(1) };
            db.Sessions.AddRange(blockSession, plenary, round);
            db.SessionPeople.Add(new SessionPerson { Session = plenary, Delegate = people["Guizhou University"], Role = SessionRole.Speaker });
            db.SessionPeople.Add(new SessionPerson { Session = round, Delegate = people["Tsinghua University"], Role = SessionRole.Chair });
            var block = new MeetingBlock { EventId = ev.Id, Session = blockSession, SlotMinutes = 20, Tables = 2 };
            db.MeetingBlocks.Add(block);
            var delegations = institutions.ToDictionary(i => i.Key, i => new MeetingDelegation { EventId = ev.Id, InstitutionId = i.Value });
            db.MeetingDelegations.AddRange(delegations.Values);
            var interpreter = new Interpreter { EventId = ev.Id, Person = interpreterPerson, Pairs = "zh-kk zh-ru" };
            db.Interpreters.Add(interpreter);
            await db.SaveChangesAsync();
            return new Dialogue(ev.Id, block.Id, delegations.ToDictionary(d => d.Key, d => d.Value.Id), people.ToDictionary(p => p.Key, p => p.Value.Id), interpreter.Id);
        });
    }

    private Task<int> AcceptedAsync(Dialogue dialogue, string from, string to, int minutesAgo) => app.WithDbAsync(async db =>
    {
        var request = new MeetingRequest
        {
            EventId = dialogue.EventId, FromId = dialogue.Delegations[from], ToId = dialogue.Delegations[to], Status = MeetingRequestStatus.Accepted,
            RequestedAtUtc = Ten.AddDays(-1).AddMinutes(-minutesAgo), Reason = "Joint research in materials science",
        };
        db.MeetingRequests.Add(request);
        await db.SaveChangesAsync();
        return request.Id;
    });

    private Task<MeetingRequest> RequestAsync(int id) => app.WithDbAsync(db => db.MeetingRequests.AsNoTracking().SingleAsync(r => r.Id == id));

    [Fact]
    public async Task A_run_places_accepted_requests_around_duties_with_an_interpreter_and_says_why_one_cannot_be_placed()
    {
        var dialogue = await DialogueAsync();
        var guizhouKaznu = await AcceptedAsync(dialogue, "Guizhou University", "Al-Farabi Kazakh National University", 30);
        var guizhouAstana = await AcceptedAsync(dialogue, "Guizhou University", "Astana IT University", 20);
        var kaznuAstana = await AcceptedAsync(dialogue, "Al-Farabi Kazakh National University", "Astana IT University", 10);
        var tsinghua = await AcceptedAsync(dialogue, "Tsinghua University", "Astana IT University", 5);

        var report = await app.WithServiceAsync<MeetingScheduling, MeetingRunReport>(s => s.RunAsync(dialogue.EventId));

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
        var dialogue = await DialogueAsync();
        var kaznuAstana = await AcceptedAsync(dialogue, "Al-Farabi Kazakh National University", "Astana IT University", 10);
        var guizhouKaznu = await AcceptedAsync(dialogue, "Guizhou University", "Al-Farabi Kazakh National University", 30);
        await app.WithDbAsync(async db =>
        {
            var pinned = await db.MeetingRequests.SingleAsync(r => r.Id == kaznuAstana);
            (pinned.BlockId, pinned.Slot, pinned.Table, pinned.Pinned) = (dialogue.Block, 2, 2, true);
            var guizhou = await db.MeetingDelegations.SingleAsync(d => d.Id == dialogue.Delegations["Guizhou University"]);
            guizhou.UnavailableBlocks = dialogue.Block.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return await db.SaveChangesAsync();
        });

        await app.WithServiceAsync<MeetingScheduling, MeetingRunReport>(s => s.RunAsync(dialogue.EventId));

        var pinnedNow = await RequestAsync(kaznuAstana);
        Assert.Equal((2, 2, true), (pinnedNow.Slot!.Value, pinnedNow.Table!.Value, pinnedNow.Pinned));
        Assert.Equal("{0} is not free in any slot of the meeting blocks.", (await RequestAsync(guizhouKaznu)).Unplaced);
    }
}

public sealed class MeetingSchedulingTestsOnPostgreSql() : MeetingSchedulingTests(TestDatabase.PostgreSql);
