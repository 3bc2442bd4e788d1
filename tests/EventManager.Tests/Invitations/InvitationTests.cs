using System.Net;
using EventManager.Core.Delegates;
using EventManager.Core.Invitations;
using EventManager.Core.Registrations;
using EventManager.Core.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace EventManager.Tests;

/// <summary>
/// Invitations: a rector of the directory gets a personal link that opens the form filled in and bound to them; they
/// register or decline with one click; organisers send again, withdraw, see the answers per institution, remind those
/// who have not answered; an invitation-only event takes nobody without a link.
/// </summary>
/// <remarks>Run on SQLite here and on PostgreSQL by <see cref="InvitationTestsOnPostgreSql"/>: the same bodies, the database a parameter.</remarks>
public class InvitationTests : IAsyncLifetime
{
    public InvitationTests()
        : this(TestDatabase.Sqlite)
    {
    }

    protected InvitationTests(TestDatabase database) => Database = database;

    protected TestDatabase Database { get; }

    // A month before the dialogue (14 September 2027 in Guiyang).
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2027, 8, 14, 0, 0, 0, TimeSpan.Zero));
    private AppFactory app = default!;
    private HttpClient organiser = default!;

    public async Task InitializeAsync()
    {
        app = new AppFactory(clock: clock, database: Database).With("RateLimits:PublicFormPermits", "1000");
        organiser = app.Client();
        await organiser.LoginAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private Task<int> AddPersonAsync(string latin, string? native, string? email, int? institution, string? language = null, string? title = "Prof.") =>
        app.WithDbAsync(async db =>
        {
            var person = new Core.Delegates.Delegate { LatinName = latin, NativeName = native, Title = title, Email = email, InstitutionId = institution, PreferredLanguage = language, Position = "Rector" };
            person.SearchText = person.ComputeSearchText();
            db.Delegates.Add(person);
            await db.SaveChangesAsync();
            return person.Id;
        });

    private Task<HttpResponseMessage> InviteAsync(int eventId, IEnumerable<int> people, string kind = "Personal", string? answerBy = null)
    {
        var fields = people.Select(p => new KeyValuePair<string, string>("PersonIds", p.ToString())).ToList();
        fields.Add(new("Kind", kind));
        if (answerBy is not null)
        {
            fields.Add(new("AnswerBy", answerBy));
        }

        return organiser.SubmitFormAsync($"/organiser/events/{eventId}/invitations", fields, "#invite-form");
    }

    private Task<Invitation> InvitationOfAsync(int personId) =>
        app.WithDbAsync(db => db.Invitations.AsNoTracking().SingleAsync(i => i.PersonId == personId));

    /// <summary>The row of the answers-by-institution table: invited, registered, confirmed, declined, no answer.</summary>
    private async Task<int[]> ResponsesAsync(int eventId, string institution)
    {
        var page = await organiser.GetPageAsync($"/organiser/events/{eventId}/invitations");
        var row = page.QuerySelectorAll("#responses tbody tr").Single(r => r.QuerySelector("th")!.TextContent.Trim() == institution);
        return row.QuerySelectorAll("td").Select(td => int.Parse(td.TextContent.Trim())).ToArray();
    }

    private static Dictionary<string, string> Travel() => new()
    {
        ["Phone"] = "+86 851 8829 2000",
        ["ArrivalDate"] = "2027-09-13",
        ["DepartureDate"] = "2027-09-16",
    };

    [Fact]
    public async Task An_invited_rector_registers_through_the_link_as_the_same_person_and_the_answers_per_institution_follow()
    {
        var ev = await app.CreateEventAsync("rectors", languages: "en zh");
        var gzu = await app.AddInstitutionAsync("Guizhou University", "贵州大学", "CN");
        var wang = await AddPersonAsync("Wang Wei", "王伟", "wang.wei@gzu.edu.cn", gzu, "zh-CN");
        var li = await AddPersonAsync("Li Ming", "李明", "li.ming@gzu.edu.cn", gzu);

        using (var sent = await InviteAsync(ev.Id, [wang, li]))
        {
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
            Assert.Contains("2 invitations were sent.", (await sent.ReadDocumentAsync()).QuerySelector("[role=status]")!.TextContent);
        }

        // Wang Wei reads it in Chinese, greeted by his own-script name, with his own link.
        var invitation = await InvitationOfAsync(wang);
        var (subject, body) = app.MailTo("wang.wei@gzu.edu.cn").Single();
        Assert.Contains("邀请", subject);
        Assert.Contains("王伟", body);
        Assert.Contains($"/i/{invitation.Token}?lang=zh-CN", body);
        Assert.Equal(new[] { 2, 0, 0, 0, 2 }, await ResponsesAsync(ev.Id, "Guizhou University"));

        // The link opens the form filled in for him; the address is the invitation's and cannot be changed.
        var guest = app.Client();
        var form = await guest.GetPageAsync($"/i/{invitation.Token}?lang=en");
        Assert.Equal("Wang Wei", form.QuerySelector("#LatinName")!.GetAttribute("value"));
        Assert.Equal("王伟", form.QuerySelector("#NativeName")!.GetAttribute("value"));
        Assert.True(form.QuerySelector("#Email")!.HasAttribute("readonly"));
        Assert.Null(form.QuerySelector("[name='Companions[0].LatinName']"));

        var registerForm = await guest.GetPageAsync($"/i/{invitation.Token}/decline");
        var fields = Travel();
        fields["Email"] = "someone.else@example.com";
        using var registered = await guest.SubmitFormAsync($"/i/{invitation.Token}", fields);
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        Assert.StartsWith("/r/", registered.RequestMessage!.RequestUri!.AbsolutePath);

        // One person, not two: the registration is his directory record's, under the invited address.
        var registration = (await app.RegistrationsAsync(ev.Id)).Single();
        Assert.Equal((wang, "wang.wei@gzu.edu.cn", RegistrationStatus.Confirmed), (registration.DelegateId!.Value, registration.Email, registration.Status));
        Assert.Equal(2, await app.WithDbAsync(db => db.Delegates.CountAsync()));
        invitation = await InvitationOfAsync(wang);
        Assert.Equal((InvitationStatus.Registered, registration.Id), (invitation.Status, invitation.RegistrationId));
        Assert.Equal(new[] { 2, 1, 1, 0, 1 }, await ResponsesAsync(ev.Id, "Guizhou University"));

        // The link now says so, and registers nobody twice.
        var again = await guest.GetPageAsync($"/i/{invitation.Token}");
        Assert.Equal("Registered", again.QuerySelector("#invitation-state")!.GetAttribute("data-state"));
        using (var decline = await guest.PostAsync($"/i/{invitation.Token}/decline", new FormUrlEncodedContent(await FormOfAsync(registerForm, new Dictionary<string, string>()))))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, decline.StatusCode);
        }

        Assert.Equal(InvitationStatus.Registered, (await InvitationOfAsync(wang)).Status);
        var page = await organiser.GetPageAsync($"/organiser/events/{ev.Id}/invitations");
        Assert.Equal("Registered", page.QuerySelectorAll("#invitations tbody tr").Single(r => r.TextContent.Contains("Wang Wei")).GetAttribute("data-state"));
    }

    [Fact]
    public async Task Declining_is_one_click_with_an_optional_reason_that_the_organisers_read_and_a_declined_link_registers_no_one()
    {
        var ev = await app.CreateEventAsync("rectors");
        var kaznu = await app.AddInstitutionAsync("Al-Farabi Kazakh National University", "Әл-Фараби атындағы Қазақ ұлттық университеті", "KZ");
        var rector = await AddPersonAsync("Zhanseit Tuymebayev", "Жансейіт Түймебаев", "rector@kaznu.kz", kaznu, "kk-KZ");
        using (await InviteAsync(ev.Id, [rector]))
        {
        }

        var token = (await InvitationOfAsync(rector)).Token;
        var guest = app.Client();
        var registerPage = await guest.GetPageAsync($"/i/{token}");
        Assert.NotNull(registerPage.QuerySelector($"a[href='/i/{token}/decline']"));

        using (var declined = await guest.SubmitFormAsync($"/i/{token}/decline", new Dictionary<string, string> { ["reason"] = "Парламенттік сессия сол аптада" }))
        {
            Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
            Assert.Equal("Declined", (await declined.ReadDocumentAsync()).QuerySelector("#invitation-state")!.GetAttribute("data-state"));
        }

        var invitation = await InvitationOfAsync(rector);
        Assert.Equal((InvitationStatus.Declined, "Парламенттік сессия сол аптада"), (invitation.Status, invitation.DeclineReason));
        var page = await organiser.GetPageAsync($"/organiser/events/{ev.Id}/invitations");
        Assert.Contains("Парламенттік сессия сол аптада", page.QuerySelector("#invitations .decline-reason")!.TextContent);
        Assert.Equal(new[] { 1, 0, 0, 1, 0 }, await ResponsesAsync(ev.Id, "Al-Farabi Kazakh National University"));

        // The form opened before declining no longer registers anyone.
        var fields = Travel();
        fields["CountryCode"] = "KZ";
        using var late = await guest.PostAsync($"/i/{token}", new FormUrlEncodedContent(await FormOfAsync(registerPage, fields)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, late.StatusCode);
        Assert.Contains("You declined this invitation", (await late.ReadDocumentAsync()).QuerySelector(".error-summary")!.TextContent);
        Assert.Empty(await app.RegistrationsAsync(ev.Id));

        // Once the event is over, erasing everyone's data takes the invitation and the reason given.
        clock.SetUtcNow(new DateTimeOffset(2027, 9, 16, 0, 0, 0, TimeSpan.Zero));
        Assert.True(await app.WithServiceAsync<PersonalDataErasure, bool>(async e => (await e.EraseAsync(ev.Id, null)).Succeeded));
        Assert.Empty(await app.ColumnsMentioningAsync("сессия"));
    }

    /// <summary>The fields of a page's main form as they stood (antiforgery token included), with changes typed over them.</summary>
    private static Task<List<KeyValuePair<string, string>>> FormOfAsync(AngleSharp.Dom.IDocument page, Dictionary<string, string> changes)
    {
        var values = page.QuerySelector("main form[method=post]")!.QuerySelectorAll("input[name], select[name]")
            .Where(e => e.GetAttribute("type") is not ("checkbox" or "radio") || e.HasAttribute("checked"))
            .Select(e => new KeyValuePair<string, string>(e.GetAttribute("name")!, e is AngleSharp.Html.Dom.IHtmlSelectElement s ? s.Value ?? "" : e.GetAttribute("value") ?? ""))
            .Where(kv => !changes.ContainsKey(kv.Key)).ToList();
        values.AddRange(changes);
        return Task.FromResult(values);
    }

    [Fact]
    public async Task A_withdrawn_invitation_and_an_expired_one_register_no_one_and_say_why()
    {
        var ev = await app.CreateEventAsync("rectors");
        var gzu = await app.AddInstitutionAsync("Guizhou University", "贵州大学", "CN");
        var withdrawn = await AddPersonAsync("Wang Wei", "王伟", "wang.wei@gzu.edu.cn", gzu);
        var expiring = await AddPersonAsync("Li Ming", "李明", "li.ming@gzu.edu.cn", gzu);
        using (await InviteAsync(ev.Id, [withdrawn]))
        {
        }

        // Answer by 20 August, 18:00 in Guiyang.
        using (var sent = await InviteAsync(ev.Id, [expiring], answerBy: "2027-08-20T18:00"))
        {
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        }

        var guest = app.Client();
        var withdrawnToken = (await InvitationOfAsync(withdrawn)).Token;
        var expiringToken = (await InvitationOfAsync(expiring)).Token;
        var openedBefore = await guest.GetPageAsync($"/i/{withdrawnToken}");
        var expiringBefore = await guest.GetPageAsync($"/i/{expiringToken}");

        var page = await organiser.GetPageAsync($"/organiser/events/{ev.Id}/invitations");
        var row = page.QuerySelectorAll("#invitations tbody tr").Single(r => r.TextContent.Contains("Wang Wei"));
        using (var done = await organiser.ConfirmAsync(await organiser.SubmitFormAsync($"/organiser/events/{ev.Id}/invitations", new Dictionary<string, string>(), $"form[action$='/{(await InvitationOfAsync(withdrawn)).Id}/withdraw']")))
        {
            Assert.Contains("was withdrawn", (await done.ReadDocumentAsync()).QuerySelector("[role=status]")!.TextContent);
        }

        Assert.NotNull(row);
        Assert.Equal("Withdrawn", (await guest.GetPageAsync($"/i/{withdrawnToken}")).QuerySelector("#invitation-state")!.GetAttribute("data-state"));
        var fields = Travel();
        fields["CountryCode"] = "CN";
        using (var refused = await guest.PostAsync($"/i/{withdrawnToken}", new FormUrlEncodedContent(await FormOfAsync(openedBefore, fields))))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains("withdrawn", (await refused.Content.ReadAsStringAsync()));
        }

        // 20 August 18:00 in Guiyang is 10:00 UTC: a minute later the other link has expired.
        clock.SetUtcNow(new DateTimeOffset(2027, 8, 20, 10, 1, 0, TimeSpan.Zero));
        var expired = await guest.GetPageAsync($"/i/{expiringToken}");
        Assert.Equal("Expired", expired.QuerySelector("#invitation-state")!.GetAttribute("data-state"));
        using (var refused = await guest.PostAsync($"/i/{expiringToken}", new FormUrlEncodedContent(await FormOfAsync(expiringBefore, fields))))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains("expired", (await refused.Content.ReadAsStringAsync()));
        }

        Assert.Empty(await app.RegistrationsAsync(ev.Id));
        // An expired invitation is not sent again (the organiser signs in again: six days have passed).
        organiser = app.Client();
        await organiser.LoginAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        var expiredRow = (await organiser.GetPageAsync($"/organiser/events/{ev.Id}/invitations")).QuerySelectorAll("#invitations tbody tr").Single(r => r.TextContent.Contains("Li Ming"));
        Assert.Equal("Expired", expiredRow.GetAttribute("data-state"));
        Assert.Null(expiredRow.QuerySelector("form[action$='/send-again']"));
        var expiredId = (await InvitationOfAsync(expiring)).Id;
        Assert.False(await app.WithServiceAsync<InvitationService, bool>(async i => (await i.SendAgainAsync(ev.Id, expiredId)).Succeeded));
        Assert.Single(app.MailTo("li.ming@gzu.edu.cn"));

        Assert.Equal(new[] { 2 - 1, 0, 0, 0, 0 }, await ResponsesAsync(ev.Id, "Guizhou University"));
    }

    [Fact]
    public async Task Registration_closing_expires_every_unanswered_invitation()
    {
        var ev = await app.CreateEventAsync("rectors");
        var rector = await AddPersonAsync("Wang Wei", "王伟", "wang.wei@gzu.edu.cn", null);
        using (await InviteAsync(ev.Id, [rector]))
        {
        }

        await app.SavePolicyAsync(ev.Id, new RegistrationPolicyInput(true, null, new DateTime(2027, 8, 15, 12, 0, 0), null, null, false));
        var guest = app.Client();
        var token = (await InvitationOfAsync(rector)).Token;
        Assert.NotNull((await guest.GetPageAsync($"/i/{token}")).QuerySelector("#LatinName"));
        clock.SetUtcNow(new DateTimeOffset(2027, 8, 15, 4, 0, 0, TimeSpan.Zero));
        Assert.Equal("Expired", (await guest.GetPageAsync($"/i/{token}")).QuerySelector("#invitation-state")!.GetAttribute("data-state"));
    }

    [Fact]
    public async Task An_invitation_only_event_turns_the_public_form_away_for_every_address_and_takes_the_invited()
    {
        var ev = await app.CreateEventAsync("closed-dialogue");
        var rector = await AddPersonAsync("Wang Wei", "王伟", "wang.wei@gzu.edu.cn", null);
        // Someone registered before the event became invitation-only, and a stranger with the form open.
        var earlyClient = app.Client();
        (await earlyClient.RegisterAsync("closed-dialogue", RegistrationSupport.Delegate("early@example.edu"))).Dispose();
        var stranger = app.Client();
        var openForm = await stranger.GetPageAsync("/events/closed-dialogue/register");
        await app.SavePolicyAsync(ev.Id, new RegistrationPolicyInput(true, null, null, null, null, false, InvitationOnly: true));
        var before = app.WithDbAsync(db => db.OutgoingMessages.CountAsync()).GetAwaiter().GetResult();

        var page = await stranger.GetPageAsync("/events/closed-dialogue/register");
        Assert.NotNull(page.QuerySelector("#invitation-only"));
        Assert.Null(page.QuerySelector("main form[method=post]"));
        Assert.NotNull((await stranger.GetPageAsync("/events/closed-dialogue")).QuerySelector("#invitation-only"));
        foreach (var email in new[] { "stranger@example.edu", "early@example.edu" })
        {
            using var refused = await stranger.PostAsync("/events/closed-dialogue/register",
                new FormUrlEncodedContent(await FormOfAsync(openForm, RegistrationSupport.Delegate(email))));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains("by invitation only", await refused.Content.ReadAsStringAsync());
        }

        // Nothing was written, not even the "someone tried your address again" message a registered address gets elsewhere.
        Assert.Single(await app.RegistrationsAsync(ev.Id));
        Assert.Equal(before, await app.WithDbAsync(db => db.OutgoingMessages.CountAsync()));

        using (await InviteAsync(ev.Id, [rector]))
        {
        }

        var fields = Travel();
        fields["CountryCode"] = "CN";
        fields["ProposedInstitutionName"] = "Guizhou University";
        using var registered = await app.Client().SubmitFormAsync($"/i/{(await InvitationOfAsync(rector)).Token}", fields);
        Assert.StartsWith("/r/", registered.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(2, (await app.RegistrationsAsync(ev.Id)).Count);
    }

    [Fact]
    public async Task An_institutions_contact_registers_its_delegation_while_a_personal_invitation_takes_one_person()
    {
        var ev = await app.CreateEventAsync("rectors");
        var kaznu = await app.AddInstitutionAsync("Al-Farabi Kazakh National University", "Әл-Фараби атындағы Қазақ ұлттық университеті", "KZ");
        var contact = await AddPersonAsync("Aigerim Nurlanqyzy", "Айгерім Нұрланқызы", "intl@kaznu.kz", kaznu, title: null);
        var alone = await AddPersonAsync("Zhanseit Tuymebayev", "Жансейіт Түймебаев", "rector@kaznu.kz", kaznu);
        using (await InviteAsync(ev.Id, [contact], kind: "Delegation"))
        {
        }

        using (await InviteAsync(ev.Id, [alone]))
        {
        }

        var contactToken = (await InvitationOfAsync(contact)).Token;
        Assert.Contains("delegation", app.MailTo("intl@kaznu.kz").Single().Body);
        var fields = Travel();
        fields["Companions[0].LatinName"] = "Daulet Serikuly";
        fields["Companions[0].Email"] = "daulet@kaznu.kz";
        using (var registered = await app.Client().SubmitFormAsync($"/i/{contactToken}", fields))
        {
            Assert.StartsWith("/r/", registered.RequestMessage!.RequestUri!.AbsolutePath);
        }

        Assert.Equal(["daulet@kaznu.kz", "intl@kaznu.kz"], (await app.RegistrationsAsync(ev.Id)).Select(r => r.Email).Order());

        // A personal invitation's form has no companion rows, and a crafted post with one is refused whole.
        var aloneToken = (await InvitationOfAsync(alone)).Token;
        var guest = app.Client();
        var page = await guest.GetPageAsync($"/i/{aloneToken}");
        var crafted = Travel();
        crafted["Companions[0].LatinName"] = "Gate Crasher";
        crafted["Companions[0].Email"] = "crasher@example.com";
        using var refused = await guest.PostAsync($"/i/{aloneToken}", new FormUrlEncodedContent(await FormOfAsync(page, crafted)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("for you alone", await refused.Content.ReadAsStringAsync());
        Assert.Equal(2, (await app.RegistrationsAsync(ev.Id)).Count);
    }

    [Fact]
    public async Task Sending_again_repeats_the_same_link_and_a_reminder_for_the_unanswered_reaches_only_them_until_the_invitation_expires()
    {
        var ev = await app.CreateEventAsync("rectors");
        var gzu = await app.AddInstitutionAsync("Guizhou University", "贵州大学", "CN");
        var silent = await AddPersonAsync("Wang Wei", "王伟", "wang.wei@gzu.edu.cn", gzu);
        var answered = await AddPersonAsync("Li Ming", "李明", "li.ming@gzu.edu.cn", gzu);
        var late = await AddPersonAsync("Zhou Jie", "周杰", "zhou.jie@gzu.edu.cn", gzu);
        using (await InviteAsync(ev.Id, [silent, answered]))
        {
        }

        // Zhou Jie must answer by 25 August (Guiyang), before the reminder goes out on the 31st.
        using (await InviteAsync(ev.Id, [late], answerBy: "2027-08-25T12:00"))
        {
        }

        var silentInvitation = await InvitationOfAsync(silent);
        using (var again = await organiser.SubmitFormAsync($"/organiser/events/{ev.Id}/invitations", new Dictionary<string, string>(), $"form[action$='/{silentInvitation.Id}/send-again']"))
        {
            Assert.Contains("was sent again", (await again.ReadDocumentAsync()).QuerySelector("[role=status]")!.TextContent);
        }

        var mail = app.MailTo("wang.wei@gzu.edu.cn");
        Assert.Equal(2, mail.Count);
        Assert.All(mail, m => Assert.Contains($"/i/{silentInvitation.Token}", m.Body));
        Assert.Equal(2, (await InvitationOfAsync(silent)).TimesSent);

        using (await app.Client().SubmitFormAsync($"/i/{(await InvitationOfAsync(answered)).Token}/decline", new Dictionary<string, string>()))
        {
        }

        var saved = await app.WithServiceAsync<ReminderRuleService, bool>(async rules => (await rules.SaveAsync(ev.Id, null, new ReminderRuleInput(
            "Two weeks before, to those who have not answered", ReminderAnchor.EventStart, -14 * 24 * 60, ReminderAudience.InvitedNoAnswer,
            "Will you join us at {event}?", "Dear {name},\n\nWe hope to see you at {event}. Please answer here: {link}", true))).Succeeded);
        Assert.True(saved);
        await app.WithServiceAsync<ReminderPlanner, PlanReport>(p => p.PlanAsync(ev.Id));
        var reminders = await app.WithDbAsync(db => db.OutgoingMessages.AsNoTracking().Where(m => m.Kind == ReminderPlanner.Kind && m.Subject.StartsWith("Will you join")).ToListAsync());
        var reminder = Assert.Single(reminders);
        Assert.Equal("wang.wei@gzu.edu.cn", reminder.RecipientEmail);
        Assert.Contains($"/i/{silentInvitation.Token}", reminder.TextBody);
        Assert.Contains("Dear Prof. Wang Wei", reminder.TextBody);

        // Once he registers, re-planning takes his reminder back.
        using (await app.Client().SubmitFormAsync($"/i/{silentInvitation.Token}", Travel()))
        {
        }

        await app.WithServiceAsync<ReminderPlanner, PlanReport>(p => p.PlanAsync(ev.Id));
        Assert.Empty(await app.WithDbAsync(db => db.OutgoingMessages.AsNoTracking().Where(m => m.Kind == ReminderPlanner.Kind && m.Subject.StartsWith("Will you join")).ToListAsync()));
    }

    [Fact]
    public async Task Merging_moves_invitations_to_the_survivor_and_erasing_a_person_takes_their_invitation_and_reason()
    {
        var ev = await app.CreateEventAsync("rectors");
        var survivor = await AddPersonAsync("Wang Wei", "王伟", null, null);
        var duplicate = await AddPersonAsync("Wang Wei", null, "wang.wei@gzu.edu.cn", null);
        using (await InviteAsync(ev.Id, [duplicate]))
        {
        }

        using (await app.Client().SubmitFormAsync($"/i/{(await InvitationOfAsync(duplicate)).Token}/decline", new Dictionary<string, string> { ["reason"] = "Xqzv travelling to Lisbon" }))
        {
        }

        Assert.True(await app.WithServiceAsync<PeopleDirectory, bool>(async p => (await p.MergeAsync(survivor, duplicate)).Succeeded));
        Assert.Equal(InvitationStatus.Declined, (await InvitationOfAsync(survivor)).Status);

        Assert.True(await app.WithServiceAsync<PeopleDirectory, bool>(async p => (await p.EraseAsync(survivor)).Succeeded));
        Assert.Equal(0, await app.WithDbAsync(db => db.Invitations.CountAsync()));
        Assert.Empty(await app.ColumnsMentioningAsync("Xqzv"));
    }
}

public sealed class InvitationTestsOnPostgreSql() : InvitationTests(TestDatabase.PostgreSql);
