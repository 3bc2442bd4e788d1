using EventManager.Core.Activity;
using System.Net;
using EventManager.Core.Registrations;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Tests;

/// <remarks>Run on SQLite here and on PostgreSQL by <see cref="RegistrationTestsOnPostgreSql"/>: the same bodies, the database a parameter.</remarks>
public class RegistrationTests : IAsyncLifetime
{
    public RegistrationTests()
        : this(TestDatabase.Sqlite)
    {
    }

    protected RegistrationTests(TestDatabase database) => Database = database;

    protected TestDatabase Database { get; }

    private AppFactory app = default!;

    public Task InitializeAsync()
    {
        app = new AppFactory(database: Database).With("RateLimits:PublicFormPermits", "1000");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task A_delegate_registers_and_their_private_link_arrives_by_mail_only()
    {
        var ev = await app.CreateEventAsync("rectors", capacity: 10);
        var kbtu = await app.AddInstitutionAsync("Satbayev University", "Сәтбаев университеті", "KZ");
        using var response = await app.Client().RegisterAsync("rectors", RegistrationSupport.Delegate("aigerim@satbayev.example", kbtu));
        var token = await app.TokenOfAsync(response);
        Assert.Equal(43, token.Length);

        var page = await response.ReadDocumentAsync();
        Assert.Contains("We have sent a message to aigerim@satbayev.example.", page.MainText());
        // The answer itself carries no private link: it would tell a stranger who typed the address nothing, but it
        // must not hand them the registration either.
        Assert.DoesNotContain(token, await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());

        var stored = (await app.RegistrationsAsync(ev.Id)).Single();
        Assert.Equal(("Айгерім Нұрланқызы", "aigerim@satbayev.example", RegistrationStatus.Confirmed, true), (stored.NativeName, stored.Email, stored.Status, stored.NeedsVisaLetter));
        Assert.Equal(new DateOnly(2027, 9, 13), stored.ArrivalDate);

        // The confirmation message carries the private link; the page it opens says what happened.
        var mail = app.MailTo("aigerim@satbayev.example").Single();
        Assert.Equal("Your place at Dialogue rectors is confirmed", mail.Subject);
        Assert.Contains($"/r/{token}", mail.Body);
        var own = await app.Client().GetPageAsync($"/r/{token}");
        Assert.Equal("Confirmed", own.QuerySelector("#registration-status .status")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_registered_address_gets_the_same_answer_as_a_new_one_and_its_owner_gets_their_link_again_at_most_hourly()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2027, 8, 1, 6, 0, 0, TimeSpan.Zero));
        await using var timed = new AppFactory(clock: clock, database: Database).With("RateLimits:PublicFormPermits", "1000");
        var ev = await timed.CreateEventAsync("rectors");
        using var first = await timed.Client().RegisterAsync("rectors", RegistrationSupport.Delegate("twice@example.edu"));
        var token = await timed.TokenOfAsync(first);

        using var again = await timed.Client().RegisterAsync("rectors", RegistrationSupport.Delegate("Twice@Example.edu ", change: f => f["LatinName"] = "Someone Else"));
        using var fresh = await timed.Client().RegisterAsync("rectors", RegistrationSupport.Delegate("fresh@example.edu"));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (again.StatusCode, fresh.StatusCode));
        string Shown(string html, string email) => html.Replace(email, "ADDRESS", StringComparison.Ordinal);
        Assert.Equal(
            Shown((await fresh.ReadDocumentAsync()).QuerySelector("main")!.OuterHtml, "fresh@example.edu"),
            Shown((await again.ReadDocumentAsync()).QuerySelector("main")!.OuterHtml, "twice@example.edu"));
        Assert.Equal(2, (await timed.RegistrationsAsync(ev.Id)).Count);
        Assert.Equal("Aigerim Nurlanqyzy", (await timed.RegistrationsAsync(ev.Id)).Single(r => r.Email == "twice@example.edu").LatinName);

        // The owner is told, with their existing link; more tries within the hour add nothing.
        (await timed.Client().RegisterAsync("rectors", RegistrationSupport.Delegate("twice@example.edu"))).Dispose();
        var mail = timed.MailTo("twice@example.edu");
        Assert.Equal(2, mail.Count);
        Assert.Equal("Someone tried to register your address again for Dialogue rectors", mail[1].Subject);
        Assert.Contains($"/r/{token}", mail[1].Body);
        clock.Advance(TimeSpan.FromHours(1));
        (await timed.Client().RegisterAsync("rectors", RegistrationSupport.Delegate("twice@example.edu"))).Dispose();
        Assert.Equal(3, timed.MailTo("twice@example.edu").Count);
    }

    [Fact]
    public async Task Two_hundred_simultaneous_registrations_fill_fifty_places_and_queue_the_rest_in_order()
    {
        var ev = await app.CreateEventAsync("rush", capacity: 50);
        var client = app.Client();
        var form = await client.GetPageAsync("/events/rush/register");
        var token = form.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            var fields = RegistrationSupport.Delegate($"delegate{i:000}@rush.example");
            fields["__RequestVerificationToken"] = token;
            using var response = await client.PostAsync("/events/rush/register", new FormUrlEncodedContent(fields));
            return (response.StatusCode, Path: response.RequestMessage!.RequestUri!.AbsolutePath);
        }));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.All(responses, r => Assert.Equal("/events/rush/register/sent", r.Path));

        var stored = await app.RegistrationsAsync(ev.Id);
        Assert.Equal(200, stored.Count);
        var confirmed = stored.Where(r => r.Status == RegistrationStatus.Confirmed).ToList();
        var waiting = stored.Where(r => r.Status == RegistrationStatus.Waitlisted).ToList();
        Assert.Equal(50, confirmed.Count);
        Assert.Equal(150, waiting.Count);

        // Served in one order: the first fifty got the places, the rest queue behind them without gaps or ties.
        Assert.True(confirmed.Max(r => r.Sequence) < waiting.Min(r => r.Sequence));
        Assert.Equal(200, stored.Select(r => r.Sequence).Distinct().Count());
        var policy = await app.WithDbAsync(db => db.RegistrationPolicies.SingleAsync(p => p.EventId == ev.Id));
        Assert.Equal(50, policy.ConfirmedCount);

        // Each registration's message was committed with it: one each, none lost, none twice.
        var messages = await app.WithDbAsync(db => db.OutgoingMessages.Where(m => m.Kind == "RegistrationReceived").Select(m => m.RecipientEmail).ToListAsync());
        Assert.Equal(stored.Select(r => r.Email).Order(), messages.Order());

        // Each waiting delegate sees their own place in the queue.
        var last = waiting[^1];
        var page = await app.Client().GetPageAsync($"/r/{last.Token}");
        Assert.Contains("You are number 150 on the waiting list", page.MainText());
    }

    [Fact]
    public async Task Cancelling_a_confirmed_place_gives_it_to_the_first_on_the_waiting_list_and_tells_them()
    {
        var ev = await app.CreateEventAsync("full", capacity: 2);
        var first = await app.TokenOfAsync(await app.Client().RegisterAsync("full", RegistrationSupport.Delegate("one@example.edu")));
        (await app.Client().RegisterAsync("full", RegistrationSupport.Delegate("two@example.edu"))).Dispose();
        var waiting1 = await app.Client().RegisterAsync("full", RegistrationSupport.Delegate("three@example.edu"));
        Assert.Contains("You are number 1 on the waiting list", (await app.Client().GetPageAsync($"/r/{await app.TokenOfAsync(waiting1)}")).MainText());
        var waiting2 = await app.Client().RegisterAsync("full", RegistrationSupport.Delegate("four@example.edu"));
        var waiting2Link = $"/r/{await app.TokenOfAsync(waiting2)}";
        Assert.Contains("You are number 2 on the waiting list", (await app.Client().GetPageAsync(waiting2Link)).MainText());

        using var cancelled = await app.Client().SubmitFormAsync($"/r/{first}", new Dictionary<string, string> { ["confirm"] = "true" }, "form[action$='/cancel']");
        var page = await cancelled.ReadDocumentAsync();
        Assert.Equal("Cancelled", page.QuerySelector("#registration-status .status")!.TextContent.Trim());
        Assert.Contains("Your registration is cancelled.", page.QuerySelector(".notice")!.TextContent);

        var stored = await app.RegistrationsAsync(ev.Id);
        Assert.Equal(RegistrationStatus.Confirmed, stored.Single(r => r.Email == "three@example.edu").Status);
        Assert.Equal(RegistrationStatus.Waitlisted, stored.Single(r => r.Email == "four@example.edu").Status);
        Assert.Contains(app.MailTo("three@example.edu"), m => m.Subject == "A place at Dialogue rectors is now yours".Replace("rectors", "full"));
        Assert.Contains("You are number 1 on the waiting list", (await app.Client().GetPageAsync(waiting2Link)).MainText());
    }

    [Fact]
    public async Task Cancelling_needs_the_box_ticked()
    {
        var ev = await app.CreateEventAsync("careful");
        var token = await app.TokenOfAsync(await app.Client().RegisterAsync("careful", RegistrationSupport.Delegate("careful@example.edu")));
        using var response = await app.Client().SubmitFormAsync($"/r/{token}", new Dictionary<string, string>(), "form[action$='/cancel']");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Tick the box to confirm that you want to cancel.", (await response.ReadDocumentAsync()).Errors());
        Assert.Equal(RegistrationStatus.Confirmed, (await app.RegistrationsAsync(ev.Id)).Single().Status);
    }

    [Fact]
    public async Task A_delegation_registers_in_one_submission_and_waits_together()
    {
        var ev = await app.CreateEventAsync("delegations", capacity: 3);
        (await app.Client().RegisterAsync("delegations", RegistrationSupport.Delegate("solo@example.edu"))).Dispose();

        // A rector and two colleagues: three people, two places left, so all three wait together.
        using var response = await app.Client().RegisterAsync("delegations", RegistrationSupport.Delegate("rector@example.edu", change: f =>
        {
            f["LatinName"] = "Zhansaya Abenova";
            f["Companions[0].LatinName"] = "Yerlan Sultanov";
            f["Companions[0].NativeName"] = "Ерлан Сұлтанов";
            f["Companions[0].Email"] = "yerlan@example.edu";
            f["Companions[1].LatinName"] = "Madina Yesenova";
            f["Companions[1].Email"] = "madina@example.edu";
            f["Companions[1].Category"] = "Observer";
        }));
        var page = await app.Client().GetPageAsync($"/r/{await app.TokenOfAsync(response)}");
        Assert.Contains("You are number 1 on the waiting list", page.MainText());
        Assert.Contains(page.QuerySelectorAll("#delegation + ul li"), li => li.TextContent.Contains("Yerlan Sultanov (Ерлан Сұлтанов)") && li.TextContent.Contains("On the waiting list"));

        (await app.Client().RegisterAsync("delegations", RegistrationSupport.Delegate("later@example.edu"))).Dispose();
        var stored = await app.RegistrationsAsync(ev.Id);
        var delegation = stored.Where(r => r.Email is "rector@example.edu" or "yerlan@example.edu" or "madina@example.edu").ToList();
        Assert.All(delegation, r => Assert.Equal(RegistrationStatus.Waitlisted, r.Status));
        Assert.Single(delegation.Select(r => r.DelegationKey).Distinct());
        Assert.Equal(RegistrationCategory.Observer, delegation.Single(r => r.Email == "madina@example.edu").Category);
        // The single delegate behind them fits in the two free places and is not held back by the delegation.
        Assert.Equal(RegistrationStatus.Confirmed, stored.Single(r => r.Email == "later@example.edu").Status);

        // One more place: still not enough for three. Then two more: the delegation moves up together.
        await app.SavePolicyAsync(ev.Id, new RegistrationPolicyInput(true, null, null, 4, null, false));
        Assert.All((await app.RegistrationsAsync(ev.Id)).Where(r => delegation.Any(d => d.Id == r.Id)), r => Assert.Equal(RegistrationStatus.Waitlisted, r.Status));
        await app.SavePolicyAsync(ev.Id, new RegistrationPolicyInput(true, null, null, 5, null, false));
        Assert.All((await app.RegistrationsAsync(ev.Id)).Where(r => delegation.Any(d => d.Id == r.Id)), r => Assert.Equal(RegistrationStatus.Confirmed, r.Status));
        Assert.Equal(5, await app.WithDbAsync(db => db.RegistrationPolicies.Where(p => p.EventId == ev.Id).Select(p => p.ConfirmedCount).SingleAsync()));
    }

    [Fact]
    public async Task Each_person_in_a_delegation_needs_their_own_address()
    {
        var ev = await app.CreateEventAsync("addresses");
        using var response = await app.Client().RegisterAsync("addresses", RegistrationSupport.Delegate("rector@example.edu", change: f =>
        {
            f["Companions[0].LatinName"] = "Yerlan Sultanov";
            f["Companions[0].Email"] = "RECTOR@example.edu";
            f["Companions[1].LatinName"] = "No Address";
        }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains("Each person needs their own email address; rector@example.edu is given twice.", page.Errors());
        Assert.Contains("Enter an email address.", page.Errors());
        Assert.Equal("true", page.QuerySelector("#Companions_1__Email")!.GetAttribute("aria-invalid"));
        // What was typed is still there.
        Assert.Equal("Yerlan Sultanov", page.QuerySelector("#Companions_0__LatinName")!.GetAttribute("value"));
        Assert.Empty(await app.RegistrationsAsync(ev.Id));
    }

    [Fact]
    public async Task With_approval_required_a_registration_waits_for_an_organiser()
    {
        var ev = await app.CreateEventAsync("approved", capacity: 1, approval: true);
        var a = await app.Client().RegisterAsync("approved", RegistrationSupport.Delegate("a@example.edu"));
        Assert.Contains("An organiser will look at your registration", (await app.Client().GetPageAsync($"/r/{await app.TokenOfAsync(a)}")).MainText());
        (await app.Client().RegisterAsync("approved", RegistrationSupport.Delegate("b@example.edu"))).Dispose();
        var ids = (await app.RegistrationsAsync(ev.Id)).Select(r => r.Id).ToList();

        var organiser = app.Client();
        await organiser.LoginAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        var list = await organiser.GetPageAsync($"/organiser/events/{ev.Id}/registrations?status=Pending");
        Assert.Equal(2, list.QuerySelectorAll("#bulk tbody tr").Length);

        using var approved = await organiser.SubmitFormAsync($"/organiser/events/{ev.Id}/registrations", new Dictionary<string, string> { ["ids"] = ids[0].ToString() }, "#bulk");
        Assert.Contains("1 approved.", (await approved.ReadDocumentAsync()).QuerySelector(".notice")!.TextContent);

        // The only place is taken: approving the second puts it on the waiting list, not over capacity.
        using var second = await organiser.SubmitFormAsync($"/organiser/events/{ev.Id}/registrations", new Dictionary<string, string> { ["ids"] = ids[1].ToString() }, "#bulk");
        Assert.Contains("0 approved; 1 did not fit and is on the waiting list.", (await second.ReadDocumentAsync()).QuerySelector(".notice")!.TextContent);
        var stored = await app.RegistrationsAsync(ev.Id);
        Assert.Equal([RegistrationStatus.Confirmed, RegistrationStatus.Waitlisted], stored.Select(r => r.Status));
        Assert.Contains(app.MailTo("a@example.edu"), m => m.Subject == "Your place at Dialogue approved is confirmed");

        // Declining the confirmed one moves the waiting one up.
        var declineForm = new FormUrlEncodedContent(new Dictionary<string, string>());
        var page = await organiser.GetPageAsync($"/organiser/events/{ev.Id}/registrations");
        var token = page.QuerySelector("#bulk input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var asked = await organiser.PostAsync($"/organiser/events/{ev.Id}/registrations/decline", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["ids"] = ids[0].ToString(),
        }));
        // Declining is a dangerous action: a second page says what follows and how many it touches, and nothing changes yet.
        var confirmation = await asked.ReadDocumentAsync();
        Assert.Equal("Decline 1 registration?", confirmation.QuerySelector("h1")!.TextContent);
        var consequences = confirmation.QuerySelectorAll("#consequences li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Contains(consequences, c => c.StartsWith("1 registration is declined: "));
        Assert.Contains("1 confirmed place is freed: the first on the waiting list move up and are told.", consequences);
        Assert.Equal([RegistrationStatus.Confirmed, RegistrationStatus.Waitlisted], (await app.RegistrationsAsync(ev.Id)).Select(r => r.Status));
        using var declined = await organiser.ConfirmAsync(await organiser.PostAsync($"/organiser/events/{ev.Id}/registrations/decline", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["ids"] = ids[0].ToString(),
        })));
        Assert.Contains("1 declined; 1 moved up from the waiting list.", (await declined.ReadDocumentAsync()).QuerySelector(".notice")!.TextContent);
        Assert.Equal([RegistrationStatus.Declined, RegistrationStatus.Confirmed], (await app.RegistrationsAsync(ev.Id)).Select(r => r.Status));
    }

    [Fact]
    public async Task An_institution_quota_sends_the_extra_delegate_to_the_waiting_list()
    {
        var ev = await app.CreateEventAsync("quota", capacity: 10, quota: 2);
        var satbayev = await app.AddInstitutionAsync("Satbayev University", "Сәтбаев университеті", "KZ");
        var kimep = await app.AddInstitutionAsync("KIMEP University", "КИМЭП университеті", "KZ");
        foreach (var email in new[] { "s1@satbayev.example", "s2@satbayev.example", "s3@satbayev.example" })
        {
            (await app.Client().RegisterAsync("quota", RegistrationSupport.Delegate(email, satbayev))).Dispose();
        }

        (await app.Client().RegisterAsync("quota", RegistrationSupport.Delegate("k1@kimep.example", kimep))).Dispose();
        var statuses = (await app.RegistrationsAsync(ev.Id)).ToDictionary(r => r.Email, r => r.Status);
        Assert.Equal(RegistrationStatus.Waitlisted, statuses["s3@satbayev.example"]);
        Assert.Equal(RegistrationStatus.Confirmed, statuses["k1@kimep.example"]);
    }

    [Fact]
    public async Task A_closed_event_says_so_and_takes_no_registration()
    {
        var ev = await app.CreateEventAsync("closed", enabled: false);
        var page = await app.Client().GetPageAsync("/events/closed/register");
        Assert.Equal("Registration is closed", page.QuerySelector("h1")!.TextContent);

        var open = await app.CreateEventAsync("soon-closed");
        var client = app.Client();
        var form = await client.GetPageAsync("/events/soon-closed/register");
        await app.SavePolicyAsync(open.Id, new RegistrationPolicyInput(false, null, null, null, null, false));
        var fields = RegistrationSupport.Delegate("late@example.edu");
        fields["__RequestVerificationToken"] = form.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var response = await client.PostAsync("/events/soon-closed/register", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Registration for this event is not open.", (await response.ReadDocumentAsync()).Errors());
        Assert.Empty(await app.RegistrationsAsync(open.Id));
        Assert.Empty(await app.RegistrationsAsync(ev.Id));
    }

    public static TheoryData<string, string, string> BadInput => new()
    {
        { "LatinName", "", "Enter the name in Latin letters, as in the passport." },
        { "Email", "not-an-email", "Enter an email address like name@university.edu." },
        { "Email", "a@b", "Enter an email address like name@university.edu." },
        { "CountryCode", "ZZ", "Choose a country from the list." },
        { "Phone", "call me", "Enter a phone number with its country code, for example +7 727 377 3333." },
        { "PreferredLanguage", "tlh", "Choose a language from the list." },
        { "TimeZoneId", "Moon/Base", "Choose a time zone from the list." },
        { "DepartureDate", "2027-09-12", "The departure date must not be before the arrival date." },
        { "ArrivalDate", "2027-10-01", "The arrival date is after the event ends (2027-09-15)." },
        { "ArrivalDate", "yesterday", "'yesterday' is not a valid value for Arrival date." },
        { "InstitutionId", "999", "Choose your institution from the list, or enter its name if it is not there." },
        { "ProposedInstitutionName", "", "Choose your institution from the list, or enter its name if it is not there." },
        { "Category", "VIP", "'VIP' is not a valid value for Category." },
        { "NativeName", new string('名', 101), "This can be at most 100 characters." },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_gets_the_form_back_with_a_message_and_writes_nothing(string field, string value, string message)
    {
        var ev = await app.CreateEventAsync("careful");
        using var response = await app.Client().RegisterAsync("careful", RegistrationSupport.Delegate("careful@example.edu", change: f => f[field] = value));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(message, (await response.ReadDocumentAsync()).Errors());
        Assert.Empty(await app.RegistrationsAsync(ev.Id));
    }

    [Fact]
    public async Task A_delegate_corrects_their_details_through_the_link()
    {
        var ev = await app.CreateEventAsync("corrections");
        var token = await app.TokenOfAsync(await app.Client().RegisterAsync("corrections", RegistrationSupport.Delegate("fix@example.edu")));
        using var saved = await app.Client().SubmitFormAsync($"/r/{token}", new Dictionary<string, string>
        {
            ["NativeName"] = "Әйгерім Нұрланқызы",
            ["DietaryNeeds"] = "Halal",
            ["DepartureDate"] = "2027-09-17",
        }, "form[action$='" + token + "']");
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("Your details were saved.", (await saved.ReadDocumentAsync()).QuerySelector(".notice")!.TextContent);
        var stored = (await app.RegistrationsAsync(ev.Id)).Single();
        Assert.Equal(("Әйгерім Нұрланқызы", "Halal", new DateOnly(2027, 9, 17)), (stored.NativeName, stored.DietaryNeeds, stored.DepartureDate));

        using var bad = await app.Client().SubmitFormAsync($"/r/{token}", new Dictionary<string, string> { ["LatinName"] = " " }, "form[action$='" + token + "']");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal("Aigerim Nurlanqyzy", (await app.RegistrationsAsync(ev.Id)).Single().LatinName);
    }

    [Theory]
    [InlineData("/r/not-a-token")]
    [InlineData("/r/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_wrong_link_shows_nothing(string url)
    {
        using var response = await app.Client().GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Personal_data_is_for_organisers_and_the_token_holder_only()
    {
        var ev = await app.CreateEventAsync("private");
        (await app.Client().RegisterAsync("private", RegistrationSupport.Delegate("secret@example.edu"))).Dispose();

        using var anonymous = await app.Client(followRedirects: false).GetAsync($"/organiser/events/{ev.Id}/registrations");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        using var export = await app.Client(followRedirects: false).GetAsync($"/organiser/events/{ev.Id}/registrations.csv");
        Assert.Equal(HttpStatusCode.Redirect, export.StatusCode);

        await app.CreateStaffAsync();
        var staff = app.Client();
        await staff.LoginAsync(AppFactory.StaffEmail, AppFactory.StaffPassword);
        using var denied = await staff.GetAsync($"/organiser/events/{ev.Id}/registrations");
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);

        // The check-in desk shows staff who is coming, but not their contact details.
        var desk = await staff.GetPageAsync($"/staff/events/{ev.Id}/check-in");
        Assert.Contains("Aigerim Nurlanqyzy", desk.MainText());
        Assert.DoesNotContain("secret@example.edu", desk.DocumentElement.OuterHtml);
        Assert.DoesNotContain("+7 727", desk.DocumentElement.OuterHtml);

        var publicPage = await app.Client().GetPageAsync("/events/private");
        Assert.DoesNotContain("Aigerim", publicPage.DocumentElement.OuterHtml);
    }

    [Fact]
    public async Task Staff_check_confirmed_delegates_in()
    {
        var ev = await app.CreateEventAsync("arrivals");
        (await app.Client().RegisterAsync("arrivals", RegistrationSupport.Delegate("arriving@example.edu"))).Dispose();
        await app.CreateStaffAsync();
        var staff = app.Client();
        await staff.LoginAsync(AppFactory.StaffEmail, AppFactory.StaffPassword);
        var id = (await app.RegistrationsAsync(ev.Id)).Single().Id;

        using var checkedIn = await staff.SubmitFormAsync($"/staff/events/{ev.Id}/check-in", new Dictionary<string, string>(), $"form[action$='/check-in/{id}']");
        Assert.Contains("Aigerim Nurlanqyzy is checked in.", (await checkedIn.ReadDocumentAsync()).QuerySelector(".notice")!.TextContent);
        Assert.NotNull((await app.RegistrationsAsync(ev.Id)).Single().CheckedInAtUtc);
    }

    [Fact]
    public async Task A_proposed_institution_is_added_or_merged_by_an_organiser()
    {
        var ev = await app.CreateEventAsync("proposals");
        (await app.Client().RegisterAsync("proposals", RegistrationSupport.Delegate("kbtu1@example.edu"))).Dispose();
        (await app.Client().RegisterAsync("proposals", RegistrationSupport.Delegate("kbtu2@example.edu", change: f => f["ProposedInstitutionNativeName"] = "Қазақстан-Британ техникалық университеті"))).Dispose();
        var organiser = app.Client();
        await organiser.LoginAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);

        // The registrations say where the proposals are resolved: on the institutions page, for every event at once.
        var list = await organiser.GetPageAsync($"/organiser/events/{ev.Id}/registrations");
        Assert.Contains("1 institution proposed by delegates waits on the institutions page.", list.QuerySelector("#proposals-waiting")!.TextContent);
        var page = await organiser.GetPageAsync("/organiser/institutions");
        Assert.Contains("Kazakh-British Technical University", page.QuerySelector("#proposal-list")!.TextContent);
        using var accepted = await organiser.SubmitFormAsync("/organiser/institutions", new Dictionary<string, string>(), "form[action$='/proposals/accept']");
        Assert.Contains("Kazakh-British Technical University added to the institutions; 2 registrations now point to it.", (await accepted.ReadDocumentAsync()).QuerySelector(".notice")!.TextContent);
        var institution = await app.WithDbAsync(db => db.Institutions.SingleAsync());
        Assert.Equal("Қазақстан-Британ техникалық университеті", institution.NativeName);
        Assert.All(await app.RegistrationsAsync(ev.Id), r => Assert.Equal((institution.Id, (string?)null), (r.InstitutionId!.Value, r.ProposedInstitutionName)));
        Assert.Null((await organiser.GetPageAsync("/organiser/institutions")).QuerySelector("#proposal-list"));
        Assert.Equal(ActivityKind.InstitutionAdded, await app.WithDbAsync(db => db.Activity.Select(a => a.Kind).SingleAsync(k => k == ActivityKind.InstitutionAdded)));
    }

    [Theory]
    [InlineData("kazakh-british", "Kazakh-British Technical University")]
    [InlineData("британ", "Kazakh-British Technical University")]
    [InlineData("贵州", "Guizhou University")]
    [InlineData("kazakhstan", "Kazakh-British Technical University")]
    public async Task Institutions_are_found_by_part_of_a_name_in_any_script_or_by_country(string query, string found)
    {
        await app.AddInstitutionAsync("Kazakh-British Technical University", "Қазақстан-Британ техникалық университеті", "KZ");
        await app.AddInstitutionAsync("Guizhou University", "贵州大学", "CN");
        var organiser = app.Client();
        await organiser.LoginAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        var rows = (await organiser.GetPageAsync($"/organiser/institutions?q={Uri.EscapeDataString(query)}")).QuerySelectorAll("#institution-list tbody tr");
        Assert.Equal(found, Assert.Single(rows).QuerySelector("td")!.TextContent.Trim());
    }
}

public sealed class RegistrationTestsOnPostgreSql() : RegistrationTests(TestDatabase.PostgreSql);
