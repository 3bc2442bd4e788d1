using System.Net;
using EventManager.Core.Meetings;
using EventManager.Core.Ceremonies;
using EventManager.Core.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace EventManager.Tests;

/// <summary>
/// The meetings part of a delegate's private hub: one university asks another with a reason, the other accepts from
/// its own hub, the organisers schedule, and both read the meeting's time, table and interpreter; before organisers
/// open meetings there is nothing to do there.
/// </summary>
public class DelegateMeetingsTests : IAsyncLifetime
{
    private AppFactory app = default!;

    /// <summary>The day before the block: meetings are still to come.</summary>
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(MeetingSupport.Ten.AddDays(-1)));

    public async Task InitializeAsync() => app = new AppFactory(clock: clock).With("RateLimits:PublicFormPermits", "1000");

    public async Task DisposeAsync() => await app.DisposeAsync();

    private Task<string> TokenAsync(int personId) => app.WithDbAsync(db => db.Registrations.Where(r => r.DelegateId == personId).Select(r => r.Token).SingleAsync());

    [Fact]
    public async Task Two_universities_request_accept_and_see_their_scheduled_meeting_on_their_hubs()
    {
        var dialogue = await app.MeetingDialogueAsync();
        var guizhou = await TokenAsync(dialogue.People["Guizhou University"]);
        var kaznu = await TokenAsync(dialogue.People["Al-Farabi Kazakh National University"]);
        var client = app.Client();

        var hub = await client.GetPageAsync($"/r/{guizhou}");
        Assert.Equal($"/r/{guizhou}/meetings", hub.QuerySelector("#hub-meetings")!.GetAttribute("href"));

        // Guizhou filters to Kazakhstan and asks KazNU, with a reason.
        // Nazarbayev University's rector is invited, not registered yet: her university can be asked already.
        await app.WithDbAsync(async db =>
        {
            var nazarbayev = new EventManager.Core.Institutions.Institution { EnglishName = "Nazarbayev University", NativeName = "Назарбаев Университеті", CountryCode = "KZ" };
            db.Invitations.Add(new EventManager.Core.Invitations.Invitation
            {
                EventId = dialogue.EventId, Person = new EventManager.Core.Delegates.Delegate { LatinName = "Rector of Nazarbayev University", Institution = nazarbayev, Email = "rector@nu.example" },
                Token = Guid.NewGuid().ToString("N"), Status = EventManager.Core.Invitations.InvitationStatus.Sent, CreatedAtUtc = MeetingSupport.Ten.AddDays(-10), LastSentAtUtc = MeetingSupport.Ten.AddDays(-10),
            });
            return await db.SaveChangesAsync();
        });
        var kazakh = await client.GetPageAsync($"/r/{guizhou}/meetings?country=KZ");
        Assert.Equal("Guizhou University", kazakh.QuerySelector("#my-delegation h2")!.TextContent);
        Assert.Equal(["Al-Farabi Kazakh National University", "Astana IT University", "Nazarbayev University"], kazakh.QuerySelectorAll(".ask-list strong").Select(s => s.TextContent));
        var kaznuDelegation = dialogue.Delegations["Al-Farabi Kazakh National University"];
        using (var asked = await client.SubmitFormAsync($"/r/{guizhou}/meetings?country=KZ", new Dictionary<string, string> { ["reason"] = "A joint laboratory for new materials" },
                   $".ask-list li[data-delegation='{kaznuDelegation}'] form"))
        {
            var page = await asked.ReadDocumentAsync();
            Assert.Equal("Your request was sent; you will see here when they answer.", page.QuerySelector(".notice")!.TextContent);
            Assert.Contains("waiting for an answer", page.QuerySelector("#our-requests li")!.TextContent);
            Assert.Null(page.QuerySelector($".ask-list li[data-delegation='{kaznuDelegation}']"));
        }

        // KazNU reads the request and accepts it from its own hub.
        var incoming = await client.GetPageAsync($"/r/{kaznu}/meetings");
        Assert.Contains("Guizhou University (China): A joint laboratory for new materials", incoming.QuerySelector("#requests-to-us li")!.TextContent);
        using (var accepted = await client.SubmitFormAsync($"/r/{kaznu}/meetings", new Dictionary<string, string>(), "#requests-to-us form", button: "button[value=true]"))
        {
            var page = await accepted.ReadDocumentAsync();
            Assert.Equal("You accepted the meeting; it will be given a time and a table.", page.QuerySelector(".notice")!.TextContent);
            Assert.Contains("accepted; time and table to follow", page.QuerySelector("#my-meetings li")!.TextContent);
        }

        await app.RunMeetingSchedulerAsync(dialogue.EventId);
        // Delegations see the schedule once organisers publish it.
        Assert.Contains("accepted; time and table to follow", (await client.GetPageAsync($"/r/{guizhou}/meetings")).QuerySelector("#my-meetings li")!.TextContent);
        await app.WithServiceAsync<MeetingScheduling, int>(s => s.PublishAsync(dialogue.EventId));

        // Both see the same meeting: after the Guizhou rector's talk, with the interpreter (Guizhou speaks Chinese, KazNU Kazakh and Russian).
        foreach (var token in new[] { guizhou, kaznu })
        {
            var text = (await client.GetPageAsync($"/r/{token}/meetings")).QuerySelector("#my-meetings li")!.TextContent;
            Assert.Contains("Table 1", text);
            Assert.Contains("Interpreter: Aigerim Nurlanovna", text);
        }

        var guizhouText = (await client.GetPageAsync($"/r/{guizhou}/meetings")).QuerySelector("#my-meetings li")!.TextContent;
        Assert.StartsWith("Al-Farabi Kazakh National University:", guizhouText.Trim());

        // KazNU calls the meeting off: asked first, then done; Guizhou's hub no longer lists it.
        using (var called = await client.ConfirmAsync(await client.SubmitFormAsync($"/r/{kaznu}/meetings", new Dictionary<string, string>(), "#my-meetings form")))
        {
            Assert.Equal("The request was withdrawn.", (await called.ReadDocumentAsync()).QuerySelector(".notice")!.TextContent);
        }

        Assert.Equal("No meetings yet.", (await client.GetPageAsync($"/r/{guizhou}/meetings")).QuerySelector("#my-meetings p")!.TextContent);
    }

    [Fact]
    public async Task Before_organisers_open_meetings_the_hub_offers_none_and_a_forged_request_is_refused()
    {
        var dialogue = await app.MeetingDialogueAsync(withBlock: false);
        var guizhou = await TokenAsync(dialogue.People["Guizhou University"]);
        var client = app.Client();

        Assert.Null((await client.GetPageAsync($"/r/{guizhou}")).QuerySelector("#hub-meetings"));
        var page = await client.GetPageAsync($"/r/{guizhou}/meetings");
        Assert.NotNull(page.QuerySelector("#meetings-closed"));
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? (await client.GetPageAsync($"/r/{guizhou}")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var forged = await client.PostAsync($"/r/{guizhou}/meetings/ask", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["toId"] = $"{dialogue.Delegations["Al-Farabi Kazakh National University"]}",
        }));
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.MeetingRequests.CountAsync()));
    }

    [Fact]
    public async Task The_accepting_side_picks_a_free_time_both_are_told_in_their_language_and_an_agreement_proposed_becomes_a_draft_for_the_ceremony()
    {
        var dialogue = await app.MeetingDialogueAsync();
        var guizhou = await TokenAsync(dialogue.People["Guizhou University"]);
        var kaznu = await TokenAsync(dialogue.People["Al-Farabi Kazakh National University"]);
        await app.WithDbAsync(db => db.Registrations.Where(r => r.Token == kaznu).ExecuteUpdateAsync(u => u.SetProperty(r => r.PreferredLanguage, "kk-KZ")));
        var client = app.Client();
        var kaznuDelegation = dialogue.Delegations["Al-Farabi Kazakh National University"];
        await client.SubmitFormAsync($"/r/{guizhou}/meetings", new Dictionary<string, string> { ["reason"] = "A joint laboratory" }, $".ask-list li[data-delegation='{kaznuDelegation}'] form");

        // KazNU is told in Kazakh, with the reason and its own link.
        var asked = Assert.Single(await MessagesAsync("MeetingRequested"));
        Assert.Equal("rector2@2.example", asked.RecipientEmail);
        Assert.StartsWith("Guizhou University сіздің делегацияңызбен", asked.Subject);
        Assert.EndsWith("кезінде кездесуді сұрайды", asked.Subject);
        Assert.Contains("A joint laboratory", asked.TextBody);
        Assert.Contains($"/r/{kaznu}/meetings?lang=kk-KZ", asked.TextBody);

        // The times offered: not 10:00 (Guizhou's rector speaks until 10:15), but 10:20 and 10:40 in Guiyang.
        var incoming = await client.GetPageAsync($"/r/{kaznu}/meetings");
        var options = incoming.QuerySelectorAll("#requests-to-us select[name=at] option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal(["", $"{dialogue.Block}:1", $"{dialogue.Block}:2"], options);
        using (var accepted = await client.SubmitFormAsync($"/r/{kaznu}/meetings", new Dictionary<string, string> { ["at"] = $"{dialogue.Block}:2" }, "#requests-to-us form.answer", button: "button[value=true]"))
        {
            var page = await accepted.ReadDocumentAsync();
            Assert.Contains("Table 1", page.QuerySelector("#my-meetings li")!.TextContent);
            Assert.Contains("Interpreter: Aigerim Nurlanovna", page.QuerySelector("#my-meetings li")!.TextContent);
        }

        // Guizhou is told the time in English; the time is published, so a later run keeps it unless it must move.
        var told = Assert.Single(await MessagesAsync("MeetingAccepted"));
        Assert.Equal("rector1@1.example", told.RecipientEmail);
        Assert.Equal("Meeting with Al-Farabi Kazakh National University accepted", told.Subject);
        Assert.Contains("10:40–11:00", told.TextBody);
        Assert.Contains("Interpreter: Aigerim Nurlanovna", told.TextBody);
        var run = await app.RunMeetingSchedulerAsync(dialogue.EventId);
        Assert.Equal((1, 0), (run.Placed, run.Moved));

        // A reminder half an hour before each meeting, through the reminder rules: each side's delegate, in their language,
        // with the table, the other side and the interpreter. A rule for the meeting's delegations must anchor at meetings.
        var rules = app.Services.GetRequiredService<IServiceScopeFactory>();
        using (var scope = rules.CreateScope())
        {
            var service = scope.ServiceProvider.GetRequiredService<EventManager.Core.Reminders.ReminderRuleService>();
            var wrong = await service.SaveAsync(dialogue.EventId, null, new EventManager.Core.Reminders.ReminderRuleInput("Before each meeting", EventManager.Core.Reminders.ReminderAnchor.SessionStart, -30,
                EventManager.Core.Reminders.ReminderAudience.MeetingDelegations, "Your meeting at {start}", "{meeting}", true));
            Assert.Equal("A reminder at each bilateral meeting goes to the meeting's delegations, and they get no other kind.", Assert.Single(wrong.Errors).Message);
            Assert.True((await service.SaveAsync(dialogue.EventId, null, new EventManager.Core.Reminders.ReminderRuleInput("Before each meeting", EventManager.Core.Reminders.ReminderAnchor.MeetingStart, -30,
                EventManager.Core.Reminders.ReminderAudience.MeetingDelegations, "Your meeting at {start}", "{meeting}", true))).Succeeded);
            await scope.ServiceProvider.GetRequiredService<EventManager.Core.Reminders.ReminderPlanner>().PlanAsync(dialogue.EventId);
        }

        var reminders = await app.WithDbAsync(db => db.OutgoingMessages.Where(m => m.Kind == "Reminder" && m.Subject.StartsWith("Your meeting")).OrderBy(m => m.RecipientEmail).ToListAsync());
        Assert.Equal(["rector1@1.example", "rector2@2.example"], reminders.Select(m => m.RecipientEmail));
        Assert.All(reminders, m => Assert.Equal(MeetingSupport.Ten.AddMinutes(10), m.DueAtUtc));
        Assert.StartsWith("Table 1 · Al-Farabi Kazakh National University · Interpreter: Aigerim Nurlanovna", reminders[0].TextBody);
        Assert.StartsWith("Table 1 · Guizhou University", reminders[1].TextBody);

        // The meeting is in each side's calendar feed, in its language, at 10:40 Guiyang time (02:40 UTC).
        var requestId = await app.WithDbAsync(db => db.MeetingRequests.Select(r => r.Id).SingleAsync());
        var english = (await client.GetStringAsync($"/r/{guizhou}/agenda.ics")).Replace("\r\n ", "");
        Assert.Contains($"UID:meeting-{requestId}@eventmanager", english);
        Assert.Contains("SUMMARY:Meeting with Al-Farabi Kazakh National University", english);
        Assert.Contains("DTSTART:20260916T024000Z", english);
        Assert.Contains("Interpreter: Aigerim Nurlanovna", english);
        var kazakh = (await client.GetStringAsync($"/r/{kaznu}/agenda.ics")).Replace("\r\n ", "");
        Assert.Contains("SUMMARY:Guizhou University өкілдерімен кездесу", kazakh);

        // KazNU prints its schedule in Kazakh: the time, the table, Guizhou in both names, the interpreter.
        using (var printed = await client.GetAsync($"/r/{kaznu}/meetings.pdf"))
        {
            var text = PdfTools.Compact(PdfTools.Text(await printed.Content.ReadAsByteArrayAsync()));
            Assert.Contains(PdfTools.Compact("Әл-Фараби атындағы Қазақ ұлттық университеті: кездесулер кестесі"), text);
            Assert.Contains(PdfTools.Compact("Guizhou University"), text);
            Assert.Contains("贵州大学", text);
            Assert.Contains("AigerimNurlanovna", text);
            Assert.Contains("1-үстел", text);
        }

        // Before the meeting nobody records an outcome; once it has begun, Guizhou records an agreement proposed.
        Assert.Null((await client.GetPageAsync($"/r/{guizhou}/meetings")).QuerySelector("#my-meetings form.outcome"));
        var early = await app.WithServiceAsync<MeetingOutcomes, EventManager.Core.Common.DomainResult<MeetingRequest>>(o =>
            o.RecordAsync(dialogue.EventId, requestId, dialogue.Delegations["Guizhou University"], MeetingOutcome.FollowUp));
        Assert.Equal("You can say what came of the meeting once it has begun.", Assert.Single(early.Errors).Message);
        // Nor does a delegation that is not a side of it.
        clock.SetUtcNow(new DateTimeOffset(MeetingSupport.Ten.AddMinutes(45)));
        var stranger = await app.WithServiceAsync<MeetingOutcomes, EventManager.Core.Common.DomainResult<MeetingRequest>>(o =>
            o.RecordAsync(dialogue.EventId, requestId, dialogue.Delegations["Astana IT University"], MeetingOutcome.AgreementProposed));
        Assert.Equal("That meeting is not there.", Assert.Single(stranger.Errors).Message);
        clock.SetUtcNow(new DateTimeOffset(MeetingSupport.Ten.AddMinutes(45)));
        using (var recorded = await client.SubmitFormAsync($"/r/{guizhou}/meetings", new Dictionary<string, string> { ["outcome"] = "AgreementProposed" }, "#my-meetings form.outcome"))
        {
            Assert.Equal("Recorded; the organisers will prepare the agreement for the signing ceremony.", (await recorded.ReadDocumentAsync()).QuerySelector(".notice")!.TextContent);
        }

        var draft = await app.WithDbAsync(db => db.Agreements.Include(a => a.Parties).Include(a => a.Session).SingleAsync());
        Assert.Equal(("Signing ceremony", AgreementStatus.Draft), (draft.Session!.Title.Default, draft.Status));
        Assert.Equal("Guizhou University – Al-Farabi Kazakh National University", draft.Title.Default);
        Assert.Equal([dialogue.Institutions["Guizhou University"], dialogue.Institutions["Al-Farabi Kazakh National University"]], draft.Parties.OrderBy(p => p.Order).Select(p => p.InstitutionId));

        // Recording it again (from the other side) does not draft a second agreement.
        await client.SubmitFormAsync($"/r/{kaznu}/meetings", new Dictionary<string, string> { ["outcome"] = "AgreementProposed" }, "#my-meetings form.outcome");
        Assert.Equal(1, await app.WithDbAsync(db => db.Agreements.CountAsync()));
    }

    [Fact]
    public async Task A_delegation_says_its_fields_languages_and_blocks_and_others_find_it_by_them()
    {
        var dialogue = await app.MeetingDialogueAsync();
        var guizhou = await TokenAsync(dialogue.People["Guizhou University"]);
        var kaznu = await TokenAsync(dialogue.People["Al-Farabi Kazakh National University"]);
        var research = (await app.WithServiceAsync<MeetingSetup, EventManager.Core.Common.DomainResult<MeetingInterest>>(s => s.AddInterestAsync(dialogue.EventId, "Joint research"))).Value!.Id;
        var exchange = (await app.WithServiceAsync<MeetingSetup, EventManager.Core.Common.DomainResult<MeetingInterest>>(s => s.AddInterestAsync(dialogue.EventId, "Student exchange"))).Value!.Id;
        var client = app.Client();

        // Guizhou wants joint research, meets in Chinese and English, and cannot come to the block (its box unticked).
        using (var saved = await client.SubmitFormAsync($"/r/{guizhou}/meetings",
                   [new("interests", $"{research}"), new("languages", "zh"), new("languages", "en"), new("blocks", "")], "#delegation-profile form"))
        {
            Assert.Equal("Saved: other delegations see what your delegation wants to talk about and the languages it meets in.", (await saved.ReadDocumentAsync()).QuerySelector(".notice")!.TextContent);
        }

        var stored = await app.WithDbAsync(db => db.MeetingDelegations.SingleAsync(d => d.Id == dialogue.Delegations["Guizhou University"]));
        Assert.Equal(($"{research}", "zh en", $"{dialogue.Block}"), (stored.Interests, stored.Languages, stored.UnavailableBlocks));

        // KazNU finds Guizhou among those interested in joint research, and among those meeting in Chinese, not in Kazakh.
        string[] Listed(AngleSharp.Dom.IDocument page) => page.QuerySelectorAll(".ask-list strong").Select(s => s.TextContent).ToArray();
        Assert.Equal(["Guizhou University"], Listed(await client.GetPageAsync($"/r/{kaznu}/meetings?interest={research}")));
        Assert.Empty(Listed(await client.GetPageAsync($"/r/{kaznu}/meetings?interest={exchange}")));
        Assert.Contains("Guizhou University", Listed(await client.GetPageAsync($"/r/{kaznu}/meetings?speaks=zh")));
        Assert.DoesNotContain("Guizhou University", Listed(await client.GetPageAsync($"/r/{kaznu}/meetings?speaks=kk")));
        var entry = (await client.GetPageAsync($"/r/{kaznu}/meetings")).QuerySelector($".ask-list li[data-delegation='{dialogue.Delegations["Guizhou University"]}']")!.TextContent;
        Assert.Contains("Joint research · English, 中文", entry);

        // The scheduler keeps Guizhou out of the block it cannot come to.
        await app.AcceptedMeetingAsync(dialogue, "Guizhou University", "Al-Farabi Kazakh National University", 5);
        Assert.Equal((0, 1), await app.RunMeetingSchedulerAsync(dialogue.EventId) is var run ? (run.Placed, run.Unplaced) : default);

        // A field of another list, or a language nobody offered, changes nothing.
        using (var forged = await client.SubmitFormAsync($"/r/{guizhou}/meetings", [new("interests", "999999")], "#delegation-profile form"))
        {
            Assert.Equal("Choose from the lists offered.", (await forged.ReadDocumentAsync()).QuerySelector(".notice.problem")?.TextContent.Trim() ?? "");
        }

        Assert.Equal("zh en", await app.WithDbAsync(db => db.MeetingDelegations.Where(d => d.Id == dialogue.Delegations["Guizhou University"]).Select(d => d.Languages).SingleAsync()));
    }

    [Fact]
    public async Task Where_organisers_allow_it_a_delegate_of_no_institution_meets_on_their_own_behalf()
    {
        var dialogue = await app.MeetingDialogueAsync();
        var expert = await app.WithDbAsync(async db =>
        {
            var registration = new EventManager.Core.Registrations.Registration
            {
                EventId = dialogue.EventId, Delegate = new EventManager.Core.Delegates.Delegate { LatinName = "Dr Saule Independent", SpokenLanguages = "kk ru zh" },
                Token = EventManager.Core.Registrations.RegistrationRules.NewToken(), Status = EventManager.Core.Registrations.RegistrationStatus.Confirmed, Sequence = 99,
                DelegationKey = Guid.NewGuid(), LatinName = "Dr Saule Independent", Email = "saule@example.kz", CountryCode = "KZ",
            };
            db.Registrations.Add(registration);
            await db.SaveChangesAsync();
            return registration.Token;
        });
        var guizhou = await TokenAsync(dialogue.People["Guizhou University"]);
        var client = app.Client();

        // Not until the organisers allow it.
        Assert.NotNull((await client.GetPageAsync($"/r/{expert}/meetings")).QuerySelector("#meetings-closed"));
        await app.WithServiceAsync<MeetingSetup, int>(async s => { await s.SetIndividualsMeetAsync(dialogue.EventId, true); return 0; });

        var page = await client.GetPageAsync($"/r/{expert}/meetings");
        Assert.Equal("Dr Saule Independent", page.QuerySelector("#my-delegation h2")!.TextContent);
        var guizhouDelegation = dialogue.Delegations["Guizhou University"];
        (await client.SubmitFormAsync($"/r/{expert}/meetings", new Dictionary<string, string> { ["reason"] = "Water research" }, $".ask-list li[data-delegation='{guizhouDelegation}'] form")).Dispose();
        Assert.Contains("Dr Saule Independent", (await client.GetPageAsync($"/r/{guizhou}/meetings")).QuerySelector("#requests-to-us li")!.TextContent);
        // She is told by mail at her own address when Guizhou answers.
        var request = await app.WithDbAsync(db => db.MeetingRequests.Select(r => r.Id).SingleAsync());
        await app.WithServiceAsync<MeetingRequests, EventManager.Core.Common.DomainResult<MeetingRequest>>(r => r.AnswerAsync(dialogue.EventId, request, guizhouDelegation, accept: true));
        Assert.Equal("saule@example.kz", Assert.Single(await MessagesAsync("MeetingAccepted")).RecipientEmail);

        // She withdraws and asks to be erased: her registration goes; her person record stays on the meeting's record,
        // as a signatory's does. The interpreter cannot be erased from the directory while on the event's meetings.
        var registrationId = await app.WithDbAsync(async db =>
        {
            var r = await db.Registrations.SingleAsync(r => r.Token == expert);
            r.Status = EventManager.Core.Registrations.RegistrationStatus.Cancelled;
            await db.SaveChangesAsync();
            return r.Id;
        });
        var erased = await app.WithServiceAsync<EventManager.Core.Registrations.PersonalDataErasure, EventManager.Core.Common.DomainResult<EventManager.Core.Registrations.ErasureReport>>(
            e => e.EraseAsync(dialogue.EventId, [registrationId]));
        Assert.True(erased.Succeeded, string.Join(" ", erased.Errors.Select(e => e.Message)));
        Assert.False(await app.WithDbAsync(db => db.Registrations.AnyAsync(r => r.Email == "saule@example.kz")));
        var interpreterPerson = await app.WithDbAsync(db => db.Interpreters.Where(i => i.Id == dialogue.Interpreter).Select(i => i.PersonId).SingleAsync());
        var refused = await app.WithServiceAsync<EventManager.Core.Delegates.PeopleDirectory, EventManager.Core.Common.DomainResult<string>>(p => p.EraseAsync(interpreterPerson));
        Assert.Equal("{0} interprets or meets at bilateral meetings: take them off the event's meetings first.", Assert.Single(refused.Errors).Message);
    }

    private Task<List<OutgoingMessage>> MessagesAsync(string kind) => app.WithDbAsync(db => db.OutgoingMessages.Where(m => m.Kind == kind).ToListAsync());
}
