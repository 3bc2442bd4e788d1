using EventManager.Core.Common;
using EventManager.Core.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace EventManager.Tests;

/// <summary>
/// Requests between delegations as the rules have them: one open request per pair, only the asked side answers (or an
/// organiser for it), answered once, withdrawn by the asking side; a refused step changes nothing.
/// </summary>
/// <remarks>Run on SQLite here and on PostgreSQL by <see cref="MeetingRequestsTestsOnPostgreSql"/>.</remarks>
public class MeetingRequestsTests : IAsyncLifetime
{
    public MeetingRequestsTests()
        : this(TestDatabase.Sqlite)
    {
    }

    protected MeetingRequestsTests(TestDatabase database) => Database = database;

    protected TestDatabase Database { get; }

    private AppFactory app = default!;

    public async Task InitializeAsync() => app = new AppFactory(database: Database, clock: new FakeTimeProvider(new DateTimeOffset(MeetingSupport.Ten.AddDays(-1))));

    public async Task DisposeAsync() => await app.DisposeAsync();

    private Task<DomainResult<MeetingRequest>> Use(Func<MeetingRequests, Task<DomainResult<MeetingRequest>>> step) => app.WithServiceAsync(step);

    [Fact]
    public async Task A_request_is_asked_once_answered_by_the_asked_side_only_and_withdrawn_by_the_asking_side()
    {
        var dialogue = await app.MeetingDialogueAsync();
        var (guizhou, kaznu, astana) = (dialogue.Delegations["Guizhou University"], dialogue.Delegations["Al-Farabi Kazakh National University"], dialogue.Delegations["Astana IT University"]);

        var asked = await Use(r => r.AskAsync(dialogue.EventId, guizhou, kaznu, "  Joint laboratory for materials science  "));
        Assert.True(asked.Succeeded);
        Assert.Equal(("Joint laboratory for materials science", MeetingRequestStatus.Requested), (asked.Value!.Reason, asked.Value.Status));

        // The same pair again, either way round, is refused while one is open.
        Assert.Equal("These two already have a request or a meeting.", Assert.Single((await Use(r => r.AskAsync(dialogue.EventId, kaznu, guizhou, null))).Errors).Message);
        Assert.Equal("A delegation cannot ask itself to meet.", Assert.Single((await Use(r => r.AskAsync(dialogue.EventId, guizhou, guizhou, null))).Errors).Message);
        Assert.Equal("Keep the reason to {0} characters.", Assert.Single((await Use(r => r.AskAsync(dialogue.EventId, guizhou, astana, new string('x', 501)))).Errors).Message);

        // Only the asked side answers: Guizhou cannot accept its own request.
        Assert.False((await Use(r => r.AnswerAsync(dialogue.EventId, asked.Value.Id, guizhou, accept: true))).Succeeded);
        var accepted = await Use(r => r.AnswerAsync(dialogue.EventId, asked.Value.Id, kaznu, accept: true));
        Assert.Equal(MeetingRequestStatus.Accepted, accepted.Value!.Status);
        Assert.Equal("That request has already been answered.", Assert.Single((await Use(r => r.AnswerAsync(dialogue.EventId, asked.Value.Id, kaznu, accept: false))).Errors).Message);

        // An organiser creates a meeting directly: accepted at once.
        var direct = await Use(r => r.AskAsync(dialogue.EventId, astana, kaznu, null, byOrganiser: true));
        Assert.Equal(MeetingRequestStatus.Accepted, direct.Value!.Status);

        // A side that does not take meetings cannot be asked.
        await app.WithDbAsync(async db =>
        {
            (await db.MeetingDelegations.SingleAsync(d => d.Id == dialogue.Delegations["Tsinghua University"])).TakesMeetings = false;
            return await db.SaveChangesAsync();
        });
        Assert.Equal("That delegation does not take meetings.", Assert.Single((await Use(r => r.AskAsync(dialogue.EventId, guizhou, dialogue.Delegations["Tsinghua University"], null))).Errors).Message);

        // The asked side may call off an accepted meeting; a third delegation may not.
        Assert.False((await Use(r => r.WithdrawAsync(dialogue.EventId, asked.Value.Id, astana))).Succeeded);
        Assert.Equal(MeetingRequestStatus.Withdrawn, (await Use(r => r.WithdrawAsync(dialogue.EventId, asked.Value.Id, kaznu))).Value!.Status);
        // Then the pair may ask again.
        Assert.True((await Use(r => r.AskAsync(dialogue.EventId, kaznu, guizhou, null))).Succeeded);
        Assert.Equal(3, await app.WithDbAsync(db => db.MeetingRequests.CountAsync(r => r.EventId == dialogue.EventId)));
    }

    [Fact]
    public async Task Two_requests_accepted_into_the_same_slot_at_once_do_not_put_one_delegation_in_two_meetings()
    {
        var dialogue = await app.MeetingDialogueAsync();
        var (guizhou, kaznu, astana) = (dialogue.Delegations["Guizhou University"], dialogue.Delegations["Al-Farabi Kazakh National University"], dialogue.Delegations["Astana IT University"]);
        var first = (await Use(r => r.AskAsync(dialogue.EventId, guizhou, kaznu, null))).Value!.Id;
        var second = (await Use(r => r.AskAsync(dialogue.EventId, astana, kaznu, null))).Value!.Id;

        // KazNU, on two devices, accepts both for 10:40 at the same moment: one gets the time, the other is told to choose again.
        var answers = await Task.WhenAll(
            Use(r => r.AnswerAsync(dialogue.EventId, first, kaznu, accept: true, at: (dialogue.Block, 2))),
            Use(r => r.AnswerAsync(dialogue.EventId, second, kaznu, accept: true, at: (dialogue.Block, 2))));
        Assert.Single(answers, a => a.Succeeded);
        Assert.Equal("That time was taken a moment ago; choose another.", Assert.Single(answers.Single(a => !a.Succeeded).Errors).Message);
        var stored = await app.WithDbAsync(db => db.MeetingRequests.Where(r => r.EventId == dialogue.EventId).OrderBy(r => r.Id).ToListAsync());
        Assert.Single(stored, r => r.Slot == 2);
        // The refused answer left its request open, with no place: nothing half-written.
        Assert.Single(stored, r => r is { Status: MeetingRequestStatus.Requested, Slot: null, BlockId: null });

        // A time offered must be one of the block's slots still to come and free for both.
        var open = stored.Single(r => r.Status == MeetingRequestStatus.Requested).Id;
        Assert.Equal("Choose one of the times offered.", Assert.Single((await Use(r => r.AnswerAsync(dialogue.EventId, open, kaznu, accept: true, at: (dialogue.Block, 99)))).Errors).Message);
        Assert.Equal("That time was taken a moment ago; choose another.",
            Assert.Single((await Use(r => r.AnswerAsync(dialogue.EventId, open, kaznu, accept: true, at: (dialogue.Block, 2)))).Errors).Message);
        Assert.True((await Use(r => r.AnswerAsync(dialogue.EventId, open, kaznu, accept: true, at: (dialogue.Block, 1)))).Succeeded);
    }
}

public sealed class MeetingRequestsTestsOnPostgreSql() : MeetingRequestsTests(TestDatabase.PostgreSql);
