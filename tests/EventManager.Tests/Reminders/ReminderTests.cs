using EventManager.Core.Agenda;
using EventManager.Core.Mail;
using EventManager.Core.Registrations;
using EventManager.Core.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace EventManager.Tests;

/// <remarks>Run on SQLite here and on PostgreSQL by <see cref="ReminderTestsOnPostgreSql"/>: the same bodies, the database a parameter.</remarks>
public class ReminderTests : IAsyncLifetime
{
    public ReminderTests()
        : this(TestDatabase.Sqlite)
    {
    }

    protected ReminderTests(TestDatabase database) => Database = database;

    protected TestDatabase Database { get; }

    // A month before the dialogue (14 September 2027, 09:00 in Guiyang).
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2027, 8, 14, 0, 0, 0, TimeSpan.Zero));
    private AppFactory app = default!;

    public Task InitializeAsync()
    {
        app = new AppFactory(clock: clock, database: Database).With("RateLimits:PublicFormPermits", "1000");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private Task<PlanReport> PlanAsync(int eventId) => app.WithServiceAsync<ReminderPlanner, PlanReport>(p => p.PlanAsync(eventId));

    /// <summary>The organisers' daily digest starts switched off; tests about it switch it on, as an organiser would.</summary>
    private Task SwitchDigestOnAsync(int eventId) =>
        app.WithServiceAsync<ReminderRuleService, bool>(async rules =>
        {
            var digest = (await rules.ListAsync(eventId)).Single(r => r.Anchor == ReminderAnchor.DailyAt);
            Assert.False(digest.Enabled);
            return (await rules.SaveAsync(eventId, digest.Id, new ReminderRuleInput(digest.Name, digest.Anchor, digest.OffsetMinutes, digest.Audience, digest.Subject, digest.Body, Enabled: true))).Succeeded;
        });

    private Task<List<OutgoingMessage>> RemindersAsync() =>
        app.WithDbAsync(db => db.OutgoingMessages.AsNoTracking().Where(m => m.Kind == ReminderPlanner.Kind).OrderBy(m => m.DueAtUtc).ThenBy(m => m.RecipientEmail).ToListAsync());

    private async Task<(int EventId, int SpeakerDelegate, Guid Keynote)> DialogueAsync(bool digest = false)
    {
        var ev = await app.CreateEventAsync("rectors", languages: "en zh kk ru");
        (await app.Client().RegisterAsync("rectors", RegistrationSupport.Delegate("speaker@example.edu", change: f => { f["LatinName"] = "Speaker"; f["TimeZoneId"] = "Asia/Almaty"; }))).Dispose();
        (await app.Client().RegisterAsync("rectors", RegistrationSupport.Delegate("one@example.edu", change: f => { f["LatinName"] = "One"; f["TimeZoneId"] = "America/New_York"; }))).Dispose();
        (await app.Client().RegisterAsync("rectors", RegistrationSupport.Delegate("two@example.edu", change: f => f["LatinName"] = "Two"))).Dispose();
        var speaker = await app.WithDbAsync(db => db.Registrations.Where(r => r.Email == "speaker@example.edu").Select(r => r.DelegateId!.Value).SingleAsync());
        var keynote = await app.WithServiceAsync<AgendaDrafts, Guid>(async agenda =>
        {
            var saved = await agenda.SaveSessionAsync(ev.Id, null, new SessionInput("Keynote", null, SessionKind.Plenary,
                new DateTime(2027, 9, 14, 10, 0, 0), new DateTime(2027, 9, 14, 11, 0, 0), null, null, [speaker], null, null, null));
            return saved.Value!.Uid;
        });
        Assert.True(await app.WithServiceAsync<AgendaPublishing, bool>(async publishing => (await publishing.PublishAsync(ev.Id)).Succeeded));
        if (digest)
        {
            await SwitchDigestOnAsync(ev.Id);
        }
        else
        {
            // The default rules, as the reminders page makes them.
            await app.WithServiceAsync<ReminderRuleService, int>(async rules => (await rules.ListAsync(ev.Id)).Count);
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
    public async Task A_rule_turned_off_or_deleted_takes_back_its_waiting_reminders_and_leaves_the_others()
    {
        var (eventId, _, _) = await DialogueAsync();
        Assert.Equal(4, (await PlanAsync(eventId)).Planned);
        // The hour-before rule off: its one waiting reminder goes, the three day-before ones stay.
        await app.WithDbAsync(db => db.ReminderRules.Where(r => r.EventId == eventId && r.Anchor == ReminderAnchor.SessionStart).ExecuteUpdateAsync(u => u.SetProperty(r => r.Enabled, false)));
        Assert.Equal(new PlanReport(0, 1, 3, 0), await PlanAsync(eventId));
        Assert.Equal(3, (await RemindersAsync()).Count);

        // The day-before rule deleted: nothing waits any more.
        await app.WithDbAsync(async db =>
        {
            var rule = await db.ReminderRules.SingleAsync(r => r.EventId == eventId && r.Anchor == ReminderAnchor.EventStart);
            await db.OutgoingMessages.Where(m => m.ReminderRuleId == rule.Id).ExecuteUpdateAsync(u => u.SetProperty(m => m.ReminderRuleId, (int?)null));
            db.ReminderRules.Remove(rule);
            return await db.SaveChangesAsync();
        });
        Assert.Equal(3, (await PlanAsync(eventId)).Removed);
        Assert.Empty(await RemindersAsync());
    }

    [Fact]
    public async Task A_speaker_who_never_registers_is_reminded_at_the_address_the_directory_has()
    {
        var (eventId, speaker, _) = await DialogueAsync();
        var guest = await app.WithServiceAsync<Core.Delegates.PeopleDirectory, int>(async people => (await people.SaveAsync(null,
            new Core.Delegates.PersonInput("Zhang Wenhua", "张文华", "Academician", null, null, "zhang.wenhua@example.cn", "zh-CN", null, null))).Value!.Id);
        var silent = await app.WithServiceAsync<Core.Delegates.PeopleDirectory, int>(async people => (await people.SaveAsync(null,
            new Core.Delegates.PersonInput("No Address", null, null, null, null, null, null, null, null))).Value!.Id);
        await app.WithServiceAsync<AgendaDrafts, bool>(async agenda => (await agenda.SaveSessionAsync(eventId, null, new SessionInput("Guest lecture", null, SessionKind.Plenary,
            new DateTime(2027, 9, 14, 14, 0, 0), new DateTime(2027, 9, 14, 15, 0, 0), null, null, [guest, silent], null, null, null))).Succeeded);
        Assert.True(await app.WithServiceAsync<AgendaPublishing, bool>(async publishing => (await publishing.PublishAsync(eventId)).Succeeded));

        await PlanAsync(eventId);
        var lecture = (await RemindersAsync()).Where(r => r.DueAtUtc == new DateTime(2027, 9, 14, 5, 0, 0, DateTimeKind.Utc)).ToList();
        var reminder = Assert.Single(lecture);
        // The directory says she reads Chinese: the built-in rule is written in Chinese too.
        Assert.Equal(("zhang.wenhua@example.cn", "一小时后开始：Guest lecture"), (reminder.RecipientEmail, reminder.Subject));
        Assert.StartsWith("尊敬的张文华：", reminder.TextBody);
        // The link is her own page: her sessions, a calendar feed; planning again keeps the same link.
        var link = System.Text.RegularExpressions.Regex.Match(reminder.TextBody, @"https?://\S+/p/([A-Za-z0-9_-]{43})").Groups[1].Value;
        Assert.Equal(await app.WithDbAsync(db => db.Delegates.Where(d => d.Id == guest).Select(d => d.Token).SingleAsync()), link);
        using (var own = await app.Client().GetAsync($"/p/{link}"))
        {
            Assert.Contains("no-store", own.Headers.CacheControl?.ToString());
            var page = (await own.ReadDocumentAsync()).MainText();
            Assert.Contains("Guest lecture", page);
            Assert.DoesNotContain("Keynote", page);
        }

        var feed = await app.Client().GetStringAsync($"/p/{link}/rectors.ics");
        Assert.Contains("SUMMARY:Guest lecture", feed);
        Assert.DoesNotContain("SUMMARY:Keynote", feed);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await app.Client().GetAsync($"/p/{link[..^1]}{(link[^1] == 'A' ? 'B' : 'A')}")).StatusCode);
        await PlanAsync(eventId);
        Assert.Equal(link, await app.WithDbAsync(db => db.Delegates.Where(d => d.Id == guest).Select(d => d.Token).SingleAsync()));

        // The lecture moves: she is told what changed, in a message that links to her page.
        var lectureId = await app.WithDbAsync(async db => (await db.Sessions.ToListAsync()).Single(x => x.Title.Default == "Guest lecture").Id);
        Assert.True(await app.WithServiceAsync<AgendaDrafts, bool>(async agenda => (await agenda.MoveSessionAsync(eventId, lectureId, new DateTime(2027, 9, 14, 16, 0, 0), null)).Succeeded));
        Assert.True(await app.WithServiceAsync<AgendaPublishing, bool>(async publishing => (await publishing.PublishAsync(eventId)).Succeeded));
        var notices = await app.WithDbAsync(db => db.OutgoingMessages.Where(m => m.Kind == "AgendaChanged" && m.RecipientEmail == "zhang.wenhua@example.cn").OrderBy(m => m.Id).ToListAsync());
        // Version 2 put her on the agenda, version 3 moved her lecture: one message each.
        Assert.Equal(2, notices.Count);
        // In the language the directory has for her, greeted by her own-script name.
        Assert.All(notices, n => Assert.StartsWith("尊敬的张文华", n.TextBody));
        Assert.Contains("Guest lecture", notices[0].TextBody);
        Assert.Contains("Guest lecture", notices[1].TextBody);
        Assert.Contains("2027-09-14 16:00", notices[1].TextBody);
        Assert.Contains($"/p/{link}", notices[1].TextBody);
        // The registered speaker's reminders are as before; the one with no address gets none and nothing fails.
        Assert.Contains(await RemindersAsync(), r => r.RecipientEmail == "speaker@example.edu" && r.Subject == "In one hour: Keynote");
    }

    [Fact]
    public async Task Planners_of_one_event_running_at_once_plan_each_reminder_once_and_never_fail()
    {
        var (eventId, _, _) = await DialogueAsync();
        for (var round = 0; round < 3; round++)
        {
            // Each planner reads what exists, then inserts what it lacks: the others insert the same rows meanwhile.
            var reports = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => PlanAsync(eventId))));
            Assert.All(reports, r => Assert.True(r.Planned <= 4));
        }

        Assert.Equal(4, (await RemindersAsync()).Count);

        // The same rows inserted twice in a row, as a planner that read before another's insert does: the second is a no-op.
        var rows = (await RemindersAsync()).Select(m => new OutgoingMessage
        {
            DeduplicationKey = m.DeduplicationKey, Kind = m.Kind, EventId = m.EventId, RecipientEmail = m.RecipientEmail, Subject = "Second " + m.Subject,
            TextBody = m.TextBody, CreatedAtUtc = m.CreatedAtUtc, DueAtUtc = m.DueAtUtc, Status = m.Status,
        }).ToList();
        await app.WithDbAsync(async db => { await OutboxBulk.InsertAsync(db, rows, CancellationToken.None); return true; });
        Assert.DoesNotContain(await RemindersAsync(), m => m.Subject.StartsWith("Second "));
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

        // The next day nobody registers: no digest lands in the organisers' inbox, and the page says why.
        clock.SetUtcNow(new DateTimeOffset(2027, 8, 15, 10, 0, 0, TimeSpan.Zero));
        var report = await app.WithServiceAsync<MailSender, SendReport>(s => s.SendDueAsync("test"));
        Assert.Equal(0, report.Sent);
        var quiet = (await RemindersAsync()).Single(r => r.Subject == "New registrations for Dialogue rectors" && r.DueAtUtc == new DateTime(2027, 8, 15, 10, 0, 0, DateTimeKind.Utc));
        Assert.Equal((MessageStatus.Skipped, NotSent.NothingNew, 0), (quiet.Status, quiet.LastError, quiet.Attempts));
    }

    [Fact]
    public async Task A_digest_still_waiting_for_the_mail_server_is_not_taken_back_when_the_plan_is_made_again()
    {
        var (eventId, _, _) = await DialogueAsync(digest: true);
        await PlanAsync(eventId);
        // The mail server is down for two days: the digests of the 14th and 15th are due and still waiting.
        clock.SetUtcNow(new DateTimeOffset(2027, 8, 16, 9, 0, 0, TimeSpan.Zero));
        var replanned = await PlanAsync(eventId);
        Assert.Equal(0, replanned.Removed);
        var waiting = (await RemindersAsync()).Where(r => r.Subject == "New registrations for Dialogue rectors" && r.DueAtUtc < clock.GetUtcNow().UtcDateTime).ToList();
        Assert.Equal(2, waiting.Count);
        Assert.All(waiting, r => Assert.Equal(MessageStatus.Pending, r.Status));

        // Once handled (the first has the day's registrations; the second had none), the next plan starts from today.
        await app.WithServiceAsync<MailSender, SendReport>(s => s.SendDueAsync("test"));
        Assert.Equal(0, (await PlanAsync(eventId)).Removed);
        Assert.DoesNotContain(await RemindersAsync(), r => r.Status == MessageStatus.Pending && r.DueAtUtc < clock.GetUtcNow().UtcDateTime);
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

    private static readonly string[] Languages = ["en", "zh", "kk", "ru"];

    /// <summary>Writes (or, with nulls, removes) a rule's message in one of the event's languages, through the service organisers use.</summary>
    private Task<Core.Common.DomainResult<ReminderRule>> TranslateAsync(int eventId, string rule, string language, string? subject, string? body) =>
        app.WithServiceAsync<ReminderRuleService, Core.Common.DomainResult<ReminderRule>>(async s =>
        {
            var r = (await s.ListAsync(eventId)).Single(r => r.Name == rule);
            return await s.SaveAsync(eventId, r.Id, new ReminderRuleInput(r.Name, r.Anchor, r.OffsetMinutes, r.Audience,
                r.Subject.For(Languages).With(language, subject), r.Body.For(Languages).With(language, body), r.Enabled));
        });

    [Fact]
    public async Task Each_delegate_gets_the_reminder_in_the_language_they_chose_where_one_is_written_and_in_english_otherwise()
    {
        var (eventId, _, _) = await DialogueAsync();
        (await app.Client().RegisterAsync("rectors", RegistrationSupport.Delegate("wang@gzu.example.edu", change: f =>
        {
            f["LatinName"] = "Wang Fang"; f["NativeName"] = "王芳"; f["PreferredLanguage"] = "zh-CN"; f["TimeZoneId"] = "Asia/Shanghai"; f["CountryCode"] = "CN";
        }))).Dispose();
        Assert.True((await TranslateAsync(eventId, "The day before", "zh", "{event}明天开始", "尊敬的{name}：\n\n{event}将于{start}开始。\n\n您的注册与日程：{link}")).Succeeded);

        await PlanAsync(eventId);
        var dayBefore = (await RemindersAsync()).Where(r => r.DueAtUtc == new DateTime(2027, 9, 13, 1, 0, 0, DateTimeKind.Utc)).ToDictionary(r => r.RecipientEmail);
        var chinese = dayBefore["wang@gzu.example.edu"];
        Assert.Equal("Dialogue rectors明天开始", chinese.Subject);
        // The moment in Chinese, in the delegate's own zone.
        Assert.Contains("尊敬的王芳：", chinese.TextBody);
        Assert.Contains("将于2027年9月14日星期二 09:00 (Asia/Shanghai)开始", chinese.TextBody);
        Assert.Contains("/r/", chinese.TextBody);
        // Kazakh was chosen, but nobody has written the message in Kazakh yet: English.
        Assert.Equal("Dialogue rectors starts tomorrow", dayBefore["speaker@example.edu"].Subject);
        Assert.Contains("Tuesday 14 September 2027, 06:00 (Asia/Almaty)", dayBefore["speaker@example.edu"].TextBody);

        // Correcting the translation rewrites the waiting reminder; nothing new is queued.
        Assert.True((await TranslateAsync(eventId, "The day before", "zh", "明天：{event}", "尊敬的{name}：{start}")).Succeeded);
        var replanned = await PlanAsync(eventId);
        Assert.Equal((0, 0, 1), (replanned.Planned, replanned.Removed, replanned.Rewritten));
        Assert.Equal("明天：Dialogue rectors", (await RemindersAsync()).Single(r => r.RecipientEmail == "wang@gzu.example.edu" && r.DueAtUtc == chinese.DueAtUtc).Subject);

        // A message already sent is history: it is not rewritten. Removing the translation brings back English for the rest.
        clock.SetUtcNow(new DateTimeOffset(2027, 9, 13, 1, 0, 0, TimeSpan.Zero));
        await app.WithServiceAsync<MailSender, SendReport>(s => s.SendDueAsync("test"));
        Assert.True((await TranslateAsync(eventId, "The day before", "zh", null, null)).Succeeded);
        Assert.Equal(0, (await PlanAsync(eventId)).Rewritten);
        Assert.Equal("明天：Dialogue rectors", (await RemindersAsync()).Single(r => r.RecipientEmail == "wang@gzu.example.edu" && r.DueAtUtc == chinese.DueAtUtc).Subject);
    }

    [Fact]
    public async Task A_translation_into_the_same_language_of_another_region_is_used_and_a_language_change_rewrites_the_waiting_reminder()
    {
        var (eventId, _, _) = await DialogueAsync();
        Assert.True((await TranslateAsync(eventId, "The day before", "ru", "{event} начинается завтра", "Уважаемый(ая) {name}, начало: {start}.")).Succeeded);
        await PlanAsync(eventId);
        Assert.Equal("Dialogue rectors starts tomorrow", (await RemindersAsync()).Single(r => r.RecipientEmail == "one@example.edu").Subject);

        // The delegate corrects their details: Russian (as written by a Kazakh university, "ru-KZ"), in Almaty.
        await app.WithDbAsync(db => db.Registrations.Where(r => r.Email == "one@example.edu")
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.PreferredLanguage, "ru-KZ").SetProperty(r => r.TimeZoneId, "Asia/Almaty")));
        Assert.Equal(1, (await PlanAsync(eventId)).Rewritten);
        var russian = (await RemindersAsync()).Single(r => r.RecipientEmail == "one@example.edu");
        Assert.Equal("Dialogue rectors начинается завтра", russian.Subject);
        // A Russian message names them in Cyrillic, as their registration writes it.
        Assert.Equal("Уважаемый(ая) Айгерім Нұрланқызы, начало: вторник, 14 сентября 2027 г. 06:00 (Asia/Almaty).", System.Text.RegularExpressions.Regex.Replace(russian.TextBody, @"\p{Zs}", " "));   // ICU writes no-break spaces around "г."
    }

    [Theory]
    [InlineData("zh", "会议 {evnt}", "正文", "Subject", "{0} is not a placeholder a message can fill; use one of {1}.")]
    [InlineData("zh", "会议", "{开始}", "Body", "{0} is not a placeholder a message can fill; use one of {1}.")]
    [InlineData("zh", "会议", "long", "Body", "This can be at most {0} characters.")]
    [InlineData("en", "", "Body", "Subject", "Give this in {0}, the event's default language: readers of other languages see it when theirs is missing.")]
    public async Task A_message_in_a_language_that_cannot_be_used_is_refused_with_a_reason_and_nothing_is_saved(string language, string subject, string body, string field, string message)
    {
        var (eventId, _, _) = await DialogueAsync();
        var before = await app.WithDbAsync(db => db.ReminderRules.AsNoTracking().SingleAsync(r => r.EventId == eventId && r.Name == "The day before"));
        var result = await TranslateAsync(eventId, "The day before", language, subject, body == "long" ? new string('长', 4001) : body);
        var error = Assert.Single(result.Errors);
        Assert.Equal((field, message), (error.Field, error.Message));
        var after = await app.WithDbAsync(db => db.ReminderRules.AsNoTracking().SingleAsync(r => r.EventId == eventId && r.Name == "The day before"));
        Assert.Equal((before.Subject, before.Body), (after.Subject, after.Body));
    }

    [Fact]
    public async Task Moving_a_session_re_plans_its_reminders_and_cancelling_a_registration_removes_theirs()
    {
        var (eventId, speaker, _) = await DialogueAsync();
        await PlanAsync(eventId);

        Assert.True(await app.WithServiceAsync<AgendaDrafts, bool>(async agenda =>
        {
            var session = await agenda.DraftAsync(eventId);
            var keynote = session!.Sessions.Single();
            return (await agenda.MoveSessionAsync(eventId, keynote.Id, new DateTime(2027, 9, 14, 15, 0, 0), null)).Succeeded;
        }));
        Assert.True(await app.WithServiceAsync<AgendaPublishing, bool>(async publishing => (await publishing.PublishAsync(eventId)).Succeeded));
        var replanned = await PlanAsync(eventId);
        Assert.Equal((1, 1), (replanned.Planned, replanned.Removed));
        Assert.Equal(new DateTime(2027, 9, 14, 6, 0, 0, DateTimeKind.Utc), (await RemindersAsync()).Single(r => r.Subject == "In one hour: Keynote").DueAtUtc);

        var token = await app.WithDbAsync(db => db.Registrations.Where(r => r.Email == "two@example.edu").Select(r => r.Token).SingleAsync());
        Assert.True((await app.WithServiceAsync<RegistrationSelfService, Core.Common.DomainResult<Registration>>(s => s.CancelAsync(token))).Succeeded);
        Assert.Equal(1, (await PlanAsync(eventId)).Removed);
        Assert.DoesNotContain(await RemindersAsync(), r => r.RecipientEmail == "two@example.edu");
    }

    [Fact]
    public async Task A_speaker_registered_only_for_the_week_around_the_dialogue_is_reminded_and_told_when_the_session_moves()
    {
        var week = await app.CreateEventAsync("week");
        var dialogue = await app.CreateEventAsync("rectors", partOf: week.Id);
        (await app.Client().RegisterAsync("week", RegistrationSupport.Delegate("guest@example.edu", change: f => f["LatinName"] = "Guest Speaker"))).Dispose();
        var speaker = await app.WithDbAsync(db => db.Registrations.Where(r => r.Email == "guest@example.edu").Select(r => r.DelegateId!.Value).SingleAsync());
        var keynote = await app.WithServiceAsync<AgendaDrafts, int>(async agenda => (await agenda.SaveSessionAsync(dialogue.Id, null, new SessionInput("Keynote", null, SessionKind.Plenary,
            new DateTime(2027, 9, 14, 10, 0, 0), new DateTime(2027, 9, 14, 11, 0, 0), null, null, [speaker], null, null, null))).Value!.Id);
        Assert.True(await app.WithServiceAsync<AgendaPublishing, bool>(async publishing => (await publishing.PublishAsync(dialogue.Id)).Succeeded));

        await PlanAsync(dialogue.Id);
        var reminder = Assert.Single(await RemindersAsync(), r => r.Subject == "In one hour: Keynote");
        Assert.Equal("guest@example.edu", reminder.RecipientEmail);
        Assert.Contains("http://localhost/events/rectors/agenda", reminder.TextBody);

        Assert.True(await app.WithServiceAsync<AgendaDrafts, bool>(async agenda => (await agenda.MoveSessionAsync(dialogue.Id, keynote, new DateTime(2027, 9, 14, 15, 0, 0), null)).Succeeded));
        Assert.True(await app.WithServiceAsync<AgendaPublishing, bool>(async publishing => (await publishing.PublishAsync(dialogue.Id)).Succeeded));
        var told = await app.WithDbAsync(db => db.OutgoingMessages.AsNoTracking().Where(m => m.Kind == "AgendaChanged").ToListAsync());
        Assert.Equal(["guest@example.edu"], told.Select(m => m.RecipientEmail));
        Assert.Contains("Moved: Keynote", told[0].TextBody);
        await PlanAsync(dialogue.Id);
        Assert.Equal(new DateTime(2027, 9, 14, 6, 0, 0, DateTimeKind.Utc), (await RemindersAsync()).Single(r => r.Subject == "In one hour: Keynote" && r.Status == MessageStatus.Pending).DueAtUtc);
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

    [Fact]
    public async Task Before_a_message_to_all_goes_the_organiser_sees_how_many_read_each_language_and_what_then_sends_it_now()
    {
        var (eventId, _, _) = await DialogueAsync();
        (await app.Client().RegisterAsync("rectors", RegistrationSupport.Delegate("wang@gzu.example.edu", change: f => { f["LatinName"] = "Wang Fang"; f["PreferredLanguage"] = "zh-CN"; }))).Dispose();
        await app.WithServiceAsync<MailSender, SendReport>(s => s.SendDueAsync("test"));   // the registration confirmations
        var organiser = app.Client();
        await organiser.LoginAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        var write = $"/organiser/events/{eventId}/messages/new";
        var form = await organiser.GetPageAsync(write);
        Assert.Equal("Message to everyone", form.QuerySelector("h1")!.TextContent);
        Assert.Equal("ConfirmedDelegates", form.QuerySelector("#Audience option[selected]")!.GetAttribute("value"));
        var fields = new Dictionary<string, string>
        {
            ["Subject[en]"] = "{event}: the buses leave at 08:00", ["Body[en]"] = "Dear {name},\n\nThe buses leave the hotel at 08:00.\n\n{link}",
            ["Subject[zh]"] = "{event}：班车八点发车", ["Body[zh]"] = "尊敬的{name}：\n\n班车八点从酒店发车。\n\n{link}",
        };

        using (var previewed = await organiser.SubmitFormAsync(write, fields, "form#announcement", "button[formaction$='/messages/preview']"))
        {
            var page = await previewed.ReadDocumentAsync();
            Assert.Equal("It goes to 4 people.", page.QuerySelector("#preview-count strong")!.TextContent.Trim());
            // Each language written, with how many read it in that one, and what one of them reads, their own link and all.
            Assert.Equal("3 people read it in this language", page.QuerySelector("#preview-en .preview-readers")!.TextContent.Trim());
            Assert.Equal("1 person reads it in this language", page.QuerySelector("#preview-zh .preview-readers")!.TextContent.Trim());
            Assert.Null(page.QuerySelector("#preview-kk"));
            var token = await app.WithDbAsync(db => db.Registrations.Where(r => r.Email == "one@example.edu").Select(r => r.Token).SingleAsync());
            Assert.Contains("one@example.edu", page.QuerySelector("#preview-en")!.TextContent);
            Assert.Contains("Dialogue rectors: the buses leave at 08:00", page.QuerySelector("#preview-en")!.TextContent);
            Assert.Contains($"http://localhost/r/{token}/agenda", page.QuerySelector("#preview-en .message-text")!.TextContent);
            Assert.Contains("wang@gzu.example.edu", page.QuerySelector("#preview-zh")!.TextContent);
            Assert.StartsWith("尊敬的Wang Fang：", page.QuerySelector("#preview-zh .message-text")!.TextContent);
            // The form keeps what was typed, ready to send.
            Assert.Equal("{event}：班车八点发车", page.QuerySelector("#Subject-zh")!.GetAttribute("value"));
        }

        Assert.Equal(0, await app.WithDbAsync(db => db.ReminderRules.CountAsync(r => r.Anchor == ReminderAnchor.At)));

        // Sent now: a minute ahead, planned at once, and the page says how many it became and lists them.
        using var sent = await organiser.SubmitFormAsync(write, fields, "form#announcement");
        var listed = await sent.ReadDocumentAsync();
        Assert.Equal("4 messages were queued; they go out within two minutes.", listed.QuerySelector(".notice")!.TextContent.Trim());
        Assert.Equal("/organiser/messages", sent.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(4, listed.QuerySelectorAll("#messages tbody tr").Length);
        var buses = (await RemindersAsync()).Where(r => r.Subject.Contains("buses") || r.Subject.Contains("班车")).ToList();
        Assert.Equal(4, buses.Count);
        Assert.Equal("Dialogue rectors：班车八点发车", buses.Single(r => r.RecipientEmail == "wang@gzu.example.edu").Subject);
        Assert.All(buses, r => Assert.Equal((MessageStatus.Pending, new DateTime(2027, 8, 14, 0, 2, 0, DateTimeKind.Utc)), (r.Status, r.DueAtUtc)));
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(4, (await app.WithServiceAsync<MailSender, SendReport>(s => s.SendDueAsync("test"))).Sent);
    }

    [Fact]
    public async Task An_organiser_writes_to_every_confirmed_delegate_at_a_set_time_and_each_gets_it_once()
    {
        var (eventId, _, _) = await DialogueAsync();
        await app.WithServiceAsync<MailSender, SendReport>(s => s.SendDueAsync("test"));   // the registration confirmations
        var organiser = app.Client();
        await organiser.LoginAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);

        // 00:00 UTC is 08:00 in Guiyang: the form proposes a quarter of an hour on, on a five-minute mark.
        var page = await organiser.GetPageAsync($"/organiser/events/{eventId}/messages/new");
        Assert.Equal("2027-08-14T08:20", page.QuerySelector("#AtLocal")!.GetAttribute("value"));

        using var saved = await organiser.SubmitFormAsync($"/organiser/events/{eventId}/messages/new", new Dictionary<string, string>
        {
            ["Later"] = "true", ["AtLocal"] = "2027-08-14T09:00",
            ["Subject[en]"] = "{event}: the buses leave at 08:00", ["Body[en]"] = "Dear {name},\n\nThe buses to the venue leave the hotel at 08:00.\n\n{link}",
        }, "form#announcement");
        var listed = await saved.ReadDocumentAsync();
        Assert.Equal("3 messages are planned for Saturday, August 14, 2027, 9:00 AM, in the event's time zone.", listed.QuerySelector(".notice")!.TextContent.Trim().Replace('\u202F', ' '));
        var rules = await organiser.GetPageAsync($"/organiser/events/{eventId}/reminders");
        Assert.Equal("on Saturday, August 14, 2027, 9:00 AM, in the event's time zone", rules.QuerySelectorAll("#rules tbody tr").Single(r => r.TextContent.Contains("buses")).QuerySelectorAll("td")[1].TextContent.Trim().Replace('\u202F', ' '));

        await PlanAsync(eventId);
        var buses = (await RemindersAsync()).Where(r => r.Subject == "Dialogue rectors: the buses leave at 08:00").ToList();
        Assert.Equal(["one@example.edu", "speaker@example.edu", "two@example.edu"], buses.Select(r => r.RecipientEmail));
        Assert.All(buses, r => Assert.Equal(new DateTime(2027, 8, 14, 1, 0, 0, DateTimeKind.Utc), r.DueAtUtc));
        Assert.Contains("Dear One,", buses[0].TextBody);

        clock.SetUtcNow(new DateTimeOffset(2027, 8, 14, 0, 59, 0, TimeSpan.Zero));
        Assert.Equal(0, (await app.WithServiceAsync<MailSender, SendReport>(s => s.SendDueAsync("test"))).Claimed);
        clock.SetUtcNow(new DateTimeOffset(2027, 8, 14, 1, 0, 0, TimeSpan.Zero));
        Assert.Equal(3, (await app.WithServiceAsync<MailSender, SendReport>(s => s.SendDueAsync("test"))).Sent);

        // Someone confirmed afterwards is not sent yesterday's news, and the record says so.
        clock.Advance(TimeSpan.FromHours(1));
        (await app.Client().RegisterAsync("rectors", RegistrationSupport.Delegate("late@example.edu", change: f => f["LatinName"] = "Late"))).Dispose();
        await PlanAsync(eventId);
        var late = Assert.Single(await RemindersAsync(), r => r.RecipientEmail == "late@example.edu" && r.Subject.Contains("buses"));
        Assert.Equal((MessageStatus.Skipped, NotSent.TooLate), (late.Status, late.LastError));
        Assert.Equal(3, (await RemindersAsync()).Count(r => r.Subject.Contains("buses") && r.Status == MessageStatus.Sent));

        // Its text can still be corrected (nothing sent changes); its moment cannot move into the past.
        var ruleId = await app.WithDbAsync(db => db.ReminderRules.Where(r => r.Anchor == ReminderAnchor.At).Select(r => r.Id).SingleAsync());
        using var corrected = await organiser.SubmitFormAsync($"/organiser/events/{eventId}/reminders?edit={ruleId}", new Dictionary<string, string> { ["Subject[en]"] = "{event}: buses at 08:00" });
        Assert.Contains("Message to everyone: {event}: the buses leave at 08:00 was saved", (await corrected.ReadDocumentAsync()).QuerySelector(".notice")!.TextContent);
        using var moved = await organiser.SubmitFormAsync($"/organiser/events/{eventId}/reminders?edit={ruleId}", new Dictionary<string, string> { ["AtLocal"] = "2027-08-14T09:30" });
        Assert.Contains("That moment has passed; choose one ahead (2027-08-14 10:00 in the event's time zone now).", (await moved.ReadDocumentAsync()).Errors());
    }

    [Theory]
    [InlineData("", "ConfirmedDelegates", "Enter the date and time it goes out.")]
    [InlineData("2027-08-13T09:00", "ConfirmedDelegates", "That moment has passed; choose one ahead (2027-08-14 08:00 in the event's time zone now).")]
    [InlineData("2029-01-01T09:00", "ConfirmedDelegates", "Choose a moment within a year.")]
    [InlineData("2027-08-20T09:00", "SessionSpeakersAndChair", "A message at a set time goes to all confirmed delegates, to the organisers, or to the people invited who have not answered.")]
    public async Task A_message_at_a_set_time_that_cannot_go_is_refused_with_a_reason(string at, string audience, string message)
    {
        var (eventId, _, _) = await DialogueAsync();
        var organiser = app.Client();
        await organiser.LoginAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        using var refused = await organiser.SubmitFormAsync($"/organiser/events/{eventId}/messages/new", new Dictionary<string, string>
        {
            ["Later"] = "true", ["AtLocal"] = at, ["Audience"] = audience, ["Subject[en]"] = "News", ["Body[en]"] = "Dear {name}",
        }, "form#announcement");
        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains(message, (await refused.ReadDocumentAsync()).Errors());
        Assert.Equal(0, await app.WithDbAsync(db => db.ReminderRules.CountAsync(r => r.Anchor == ReminderAnchor.At)));
    }
}

public sealed class ReminderTestsOnPostgreSql() : ReminderTests(TestDatabase.PostgreSql);
