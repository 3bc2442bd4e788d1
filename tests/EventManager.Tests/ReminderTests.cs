using EventManager.Core.Agenda;
using EventManager.Core.Mail;
using EventManager.Core.Registrations;
using EventManager.Core.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace EventManager.Tests;

public sealed class ReminderTests : IAsyncLifetime
{
    // A month before the dialogue (14 September 2027, 09:00 in Guiyang).
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2027, 8, 14, 0, 0, 0, TimeSpan.Zero));
    private AppFactory app = default!;

    public Task InitializeAsync()
    {
        app = new AppFactory(clock: clock).With("RateLimits:PublicFormPermits", "1000");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private Task<PlanReport> PlanAsync(int eventId) => app.WithServiceAsync<ReminderPlanner, PlanReport>(p => p.PlanAsync(eventId));

    /// <summary>Tests about the delegates' reminders leave the organisers' daily digest out.</summary>
    private Task WithoutDigestAsync(int eventId) =>
        app.WithDbAsync(async db =>
        {
            if (!await db.ReminderRules.AnyAsync(r => r.EventId == eventId))
            {
                db.ReminderRules.AddRange(ReminderPlanner.Defaults(eventId));
                await db.SaveChangesAsync();
            }

            return await db.ReminderRules.Where(r => r.EventId == eventId && r.Anchor == ReminderAnchor.DailyAt)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.Enabled, false));
        });

    private Task<List<OutgoingMessage>> RemindersAsync() =>
        app.WithDbAsync(db => db.OutgoingMessages.AsNoTracking().Where(m => m.Kind == ReminderPlanner.Kind).OrderBy(m => m.DueAtUtc).ThenBy(m => m.RecipientEmail).ToListAsync());

    private async Task<(int EventId, int SpeakerDelegate, Guid Keynote)> DialogueAsync(bool digest = false)
    {
        var ev = await app.CreateEventAsync("rectors");
        (await app.Client().RegisterAsync("rectors", RegistrationSupport.Delegate("speaker@example.edu", change: f => { f["LatinName"] = "Speaker"; f["TimeZoneId"] = "Asia/Almaty"; }))).Dispose();
        (await app.Client().RegisterAsync("rectors", RegistrationSupport.Delegate("one@example.edu", change: f => { f["LatinName"] = "One"; f["TimeZoneId"] = "America/New_York"; }))).Dispose();
        (await app.Client().RegisterAsync("rectors", RegistrationSupport.Delegate("two@example.edu", change: f => f["LatinName"] = "Two"))).Dispose();
        var speaker = await app.WithDbAsync(db => db.Registrations.Where(r => r.Email == "speaker@example.edu").Select(r => r.DelegateId!.Value).SingleAsync());
        var keynote = await app.WithServiceAsync<AgendaService, Guid>(async agenda =>
        {
            var saved = await agenda.SaveSessionAsync(ev.Id, null, new SessionInput("Keynote", null, SessionKind.Plenary,
                new DateTime(2027, 9, 14, 10, 0, 0), new DateTime(2027, 9, 14, 11, 0, 0), null, null, [speaker], null, null, null));
            Assert.True((await agenda.PublishAsync(ev.Id)).Succeeded);
            return saved.Value!.Uid;
        });
        if (!digest)
        {
            await WithoutDigestAsync(ev.Id);
        }

        return (ev.Id, speaker, keynote);
    }

    [Fact]
    public async Task The_default_rules_plan_a_day_before_reminder_for_each_delegate_and_an_hour_before_for_each_speaker()
    {
        var (eventId, _, _) = await DialogueAsync();
        var report = await PlanAsync(eventId);
        Assert.Equal(4, report.Planned);

        var reminders = await RemindersAsync();
        // 09:00 on 14 September in Guiyang is 01:00 UTC; a day before is 01:00 UTC on the 13th.
        var dayBefore = reminders.Where(r => r.Subject == "Dialogue rectors starts tomorrow").ToList();
        Assert.Equal(["one@example.edu", "speaker@example.edu", "two@example.edu"], dayBefore.Select(r => r.RecipientEmail));
        Assert.All(dayBefore, r => Assert.Equal(new DateTime(2027, 9, 13, 1, 0, 0, DateTimeKind.Utc), r.DueAtUtc));
        // Each in their own time zone.
        Assert.Contains("Monday 13 September 2027, 21:00 (America/New_York)", dayBefore.Single(r => r.RecipientEmail == "one@example.edu").TextBody);
        Assert.Contains("Tuesday 14 September 2027, 06:00 (Asia/Almaty)", dayBefore.Single(r => r.RecipientEmail == "speaker@example.edu").TextBody);

        var hourBefore = Assert.Single(reminders, r => r.Subject == "In one hour: Keynote");
        Assert.Equal("speaker@example.edu", hourBefore.RecipientEmail);
        Assert.Equal(new DateTime(2027, 9, 14, 1, 0, 0, DateTimeKind.Utc), hourBefore.DueAtUtc);

        // Planning again changes nothing.
        Assert.Equal(new PlanReport(0, 0, 4, 0), await PlanAsync(eventId));
        Assert.Equal(4, (await RemindersAsync()).Count);
    }

    [Fact]
    public async Task Organisers_get_a_daily_digest_of_the_registrations_written_when_it_goes_out()
    {
        var (eventId, _, _) = await DialogueAsync(digest: true);
        await PlanAsync(eventId);
        var digests = (await RemindersAsync()).Where(r => r.Subject == "New registrations for Dialogue rectors").ToList();
        // From today (14 August in Guiyang) to the event's last day (15 September): 33 days, at 18:00 Guiyang = 10:00 UTC.
        Assert.Equal(33, digests.Count);
        Assert.All(digests, d => Assert.Equal(AppFactory.OrganiserEmail, d.RecipientEmail));
        Assert.Equal(new DateTime(2027, 8, 14, 10, 0, 0, DateTimeKind.Utc), digests[0].DueAtUtc);
        Assert.Contains("{digest}", digests[0].TextBody);

        // A registration during the day, then the day's digest goes out with it.
        clock.Advance(TimeSpan.FromHours(3));
        (await app.Client().RegisterAsync("rectors", RegistrationSupport.Delegate("late@example.edu", change: f => { f["LatinName"] = "Late Comer"; f["NativeName"] = "Кеш келген"; }))).Dispose();
        clock.SetUtcNow(new DateTimeOffset(2027, 8, 14, 10, 0, 0, TimeSpan.Zero));
        await app.WithServiceAsync<MailSender, SendReport>(s => s.SendDueAsync("test"));
        var sent = (await RemindersAsync()).Single(r => r.Subject == "New registrations for Dialogue rectors" && r.Status == MessageStatus.Sent);
        Assert.Contains("4 new:", sent.TextBody);
        Assert.Contains("- Late Comer (Кеш келген), Kazakh-British Technical University, Confirmed", sent.TextBody);
        Assert.DoesNotContain("{digest}", sent.TextBody);
    }

    [Fact]
    public async Task Organisers_can_be_the_audience_of_a_rule()
    {
        var (eventId, _, _) = await DialogueAsync();
        var saved = await app.WithServiceAsync<ReminderRuleService, Core.Common.DomainResult<ReminderRule>>(s => s.SaveAsync(eventId, null, new ReminderRuleInput(
            "Organisers' briefing", ReminderAnchor.EventStart, -120, ReminderAudience.Organisers, "Briefing for {event}", "Dear {name}, registrations: {link}", true)));
        Assert.True(saved.Succeeded);
        await PlanAsync(eventId);
        var briefing = Assert.Single(await RemindersAsync(), r => r.Subject == "Briefing for Dialogue rectors");
        Assert.Equal(AppFactory.OrganiserEmail, briefing.RecipientEmail);
        Assert.Contains($"/organiser/events/{eventId}/registrations", briefing.TextBody);
        Assert.Equal(new DateTime(2027, 9, 13, 23, 0, 0, DateTimeKind.Utc), briefing.DueAtUtc);
    }

    [Fact]
    public async Task Moving_a_session_re_plans_its_reminders_and_cancelling_a_registration_removes_theirs()
    {
        var (eventId, speaker, _) = await DialogueAsync();
        await PlanAsync(eventId);

        await app.WithServiceAsync<AgendaService, bool>(async agenda =>
        {
            var session = await agenda.DraftAsync(eventId);
            var keynote = session!.Sessions.Single();
            Assert.True((await agenda.MoveSessionAsync(eventId, keynote.Id, new DateTime(2027, 9, 14, 15, 0, 0), null)).Succeeded);
            return (await agenda.PublishAsync(eventId)).Succeeded;
        });
        var replanned = await PlanAsync(eventId);
        Assert.Equal((1, 1), (replanned.Planned, replanned.Removed));
        Assert.Equal(new DateTime(2027, 9, 14, 6, 0, 0, DateTimeKind.Utc), (await RemindersAsync()).Single(r => r.Subject == "In one hour: Keynote").DueAtUtc);

        var token = await app.WithDbAsync(db => db.Registrations.Where(r => r.Email == "two@example.edu").Select(r => r.Token).SingleAsync());
        Assert.True((await app.WithServiceAsync<RegistrationService, Core.Common.DomainResult<Registration>>(s => s.CancelAsync(token))).Succeeded);
        Assert.Equal(1, (await PlanAsync(eventId)).Removed);
        Assert.DoesNotContain(await RemindersAsync(), r => r.RecipientEmail == "two@example.edu");
    }

    [Fact]
    public async Task Reminders_go_out_when_due_and_one_planned_too_late_is_recorded_not_sent()
    {
        var (eventId, _, _) = await DialogueAsync();
        // Planned only half an hour before the keynote: its hour-before reminder's moment has passed.
        clock.SetUtcNow(new DateTimeOffset(2027, 9, 14, 1, 30, 0, TimeSpan.Zero));
        var report = await PlanAsync(eventId);
        Assert.Equal(4, report.Missed);
        var reminders = await RemindersAsync();
        Assert.All(reminders, r => Assert.Equal(MessageStatus.Skipped, r.Status));
        Assert.All(reminders, r => Assert.Equal("Planned after its moment had passed; not sent.", r.LastError));
        var sent = await app.WithServiceAsync<MailSender, SendReport>(s => s.SendDueAsync("test"));
        Assert.Equal(3, sent.Sent);   // the three registration confirmations, and no reminder
        Assert.All(await RemindersAsync(), r => Assert.Equal(MessageStatus.Skipped, r.Status));
    }

    [Fact]
    public async Task The_mail_job_sends_a_reminder_only_once_its_moment_has_come()
    {
        var (eventId, _, _) = await DialogueAsync();
        await PlanAsync(eventId);
        await app.WithServiceAsync<MailSender, SendReport>(s => s.SendDueAsync("test"));   // the registration confirmations

        clock.SetUtcNow(new DateTimeOffset(2027, 9, 13, 0, 59, 0, TimeSpan.Zero));
        Assert.Equal(0, (await app.WithServiceAsync<MailSender, SendReport>(s => s.SendDueAsync("test"))).Claimed);
        clock.SetUtcNow(new DateTimeOffset(2027, 9, 13, 1, 0, 0, TimeSpan.Zero));
        Assert.Equal(3, (await app.WithServiceAsync<MailSender, SendReport>(s => s.SendDueAsync("test"))).Sent);
        Assert.Equal(3, (await RemindersAsync()).Count(r => r.Status == MessageStatus.Sent));

        // Sent reminders stay sent when the plan is made again.
        Assert.Equal(0, (await PlanAsync(eventId)).Removed);
    }
}

public sealed class ReminderRulesPageTests : SignedInOrganiserTest
{
    [Fact]
    public async Task An_organiser_sees_the_default_rules_and_adds_one()
    {
        var ev = await App.CreateEventAsync("rules");
        var page = await Organiser.GetPageAsync($"/organiser/events/{ev.Id}/reminders");
        Assert.Equal(4, page.QuerySelectorAll("#rules tbody tr").Length);
        Assert.Contains("-1440 minutes from the start of the event", page.QuerySelector("#rules")!.TextContent);
        Assert.Contains("the ceremony's signatories", page.QuerySelector("#rules")!.TextContent);

        using var saved = await Organiser.SubmitFormAsync($"/organiser/events/{ev.Id}/reminders", new Dictionary<string, string>
        {
            ["Name"] = "Thank you note",
            ["Anchor"] = "EventEnd",
            ["OffsetMinutes"] = "120",
            ["Audience"] = "ConfirmedDelegates",
            ["Subject"] = "Thank you for coming to {event}",
            ["Body"] = "Dear {name}, thank you.",
        });
        Assert.Contains("Thank you note was saved", (await saved.ReadDocumentAsync()).QuerySelector(".notice")!.TextContent);
        Assert.Equal(5, await App.WithDbAsync(db => db.ReminderRules.CountAsync(r => r.EventId == ev.Id)));
    }

    [Theory]
    [InlineData("OffsetMinutes", "999999", "A reminder can be at most 90 days before or after its moment.")]
    [InlineData("Subject", "", "Enter a subject of at most 500 characters.")]
    [InlineData("Audience", "Everyone", "'Everyone' is not a valid value for Who gets it.")]
    public async Task Bad_rules_are_explained_and_not_saved(string field, string value, string message)
    {
        var ev = await App.CreateEventAsync("bad-rules");
        var fields = new Dictionary<string, string> { ["Name"] = "Rule", ["Subject"] = "S", ["Body"] = "B", [field] = value };
        using var response = await Organiser.SubmitFormAsync($"/organiser/events/{ev.Id}/reminders", fields);
        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(message, (await response.ReadDocumentAsync()).Errors());
        Assert.Equal(4, await App.WithDbAsync(db => db.ReminderRules.CountAsync(r => r.EventId == ev.Id)));
    }
}
