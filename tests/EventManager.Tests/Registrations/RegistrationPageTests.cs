using System.Net;
using EventManager.Core.Activity;
using EventManager.Core.Registrations;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Tests;

/// <summary>One registration's own page: everything about it, and what an organiser may do to it.</summary>
public sealed class RegistrationPageTests : SignedInOrganiserTest
{
    // Many sign-ups from one test client: the per-address limit of the public forms is not what is tested here.
    protected override AppFactory CreateApp() => new AppFactory().With("RateLimits:PublicFormPermits", "1000");

    private async Task<int> IdOfAsync(string email) =>
        await App.WithDbAsync(db => db.Registrations.Where(r => r.Email == email).Select(r => r.Id).SingleAsync());

    private string PageOf(int eventId, int id) => $"/organiser/events/{eventId}/registrations/{id}";

    [Fact]
    public async Task An_organiser_sees_every_field_answer_the_delegation_its_history_and_its_messages_and_staff_do_not()
    {
        var ev = await App.CreateEventAsync("rectors", approval: true);
        var flight = await App.WithServiceAsync<RegistrationQuestions, int>(async q =>
            (await q.SaveAsync(ev.Id, null, new QuestionInput("Flight number", QuestionKind.Text, null, false))).Value!.Id);
        (await App.Client().RegisterAsync("rectors", RegistrationSupport.Delegate("rector@example.edu", change: f =>
        {
            f["LatinName"] = "Zhansaya Abenova";
            f["NativeName"] = "Жансая Әбенова";
            f["DietaryNeeds"] = "Halal";
            f[$"Answers[{flight}]"] = "KC 951";
            f["Companions[0].LatinName"] = "Yerlan Sultanov";
            f["Companions[0].Email"] = "yerlan@example.edu";
        }))).Dispose();
        var rector = await IdOfAsync("rector@example.edu");
        var page = await Organiser.GetPageAsync(PageOf(ev.Id, rector));
        Assert.Contains("Approve", page.QuerySelector("#act + form")!.TextContent);
        using (var approved = await Organiser.SubmitFormAsync(PageOf(ev.Id, rector), new Dictionary<string, string>(), "form[action$='/registrations/approve']"))
        {
            Assert.Equal(PageOf(ev.Id, rector), approved.RequestMessage!.RequestUri!.AbsolutePath);
        }

        page = await Organiser.GetPageAsync(PageOf(ev.Id, rector));
        Assert.Equal("Zhansaya Abenova · Жансая Әбенова", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.StartsWith("Confirmed", page.QuerySelector("#status-line")!.TextContent.Trim());
        var facts = page.QuerySelector("#details")!.ParentElement!.TextContent;
        foreach (var shown in new[] { "Vice-Rector", "+7 727 377 3333", "Halal", "Flight number", "KC 951", "Kazakh-British Technical University", "Asia/Almaty", "Asks for a visa letter" })
        {
            Assert.Contains(shown, facts);
        }

        Assert.Contains("Yerlan Sultanov", page.QuerySelector("#delegation-list")!.TextContent);
        var history = page.QuerySelectorAll("#history-list li").Select(li => li.TextContent).ToList();
        Assert.Equal(2, history.Count);
        Assert.Contains("registered for the event", history[0]);
        Assert.Contains("approved: confirmed", history[1]);
        Assert.Contains(AppFactory.OrganiserEmail, history[1]);
        var messages = page.QuerySelectorAll("#message-list tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(messages, m => m.Contains("We received your registration for Dialogue rectors"));
        Assert.Contains(messages, m => m.Contains("Your place at Dialogue rectors is confirmed"));

        // The message opens to show exactly what was sent, private link included.
        var token = await App.WithDbAsync(db => db.Registrations.Where(r => r.Id == rector).Select(r => r.Token).SingleAsync());
        var link = page.QuerySelectorAll("#message-list a").First(a => a.TextContent.Contains("is confirmed")).GetAttribute("href")!;
        var message = await Organiser.GetPageAsync(link);
        Assert.Contains($"http://localhost/r/{token}", message.QuerySelector("#message-text")!.TextContent);
        Assert.Contains("rector@example.edu", message.QuerySelector("#message-facts")!.TextContent);

        // Staff check people in; they do not read registrations or messages.
        await App.CreateStaffAsync();
        var staff = App.Client(followRedirects: false);
        await staff.LoginAsync(AppFactory.StaffEmail, AppFactory.StaffPassword);
        foreach (var url in new[] { PageOf(ev.Id, rector), link })
        {
            using var denied = await staff.GetAsync(url);
            Assert.True(denied.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"{url}: {denied.StatusCode}");
            Assert.DoesNotContain("Zhansaya", await denied.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task An_organiser_corrects_a_registration_the_history_names_what_changed_and_bad_input_changes_nothing()
    {
        var ev = await App.CreateEventAsync("rectors");
        (await App.Client().RegisterAsync("rectors", RegistrationSupport.Delegate("aigerim@example.edu"))).Dispose();
        (await App.Client().RegisterAsync("rectors", RegistrationSupport.Delegate("taken@example.edu", change: f => f["LatinName"] = "Taken"))).Dispose();
        var id = await IdOfAsync("aigerim@example.edu");
        var edit = $"{PageOf(ev.Id, id)}/edit";

        using (var refused = await Organiser.SubmitFormAsync(edit, new Dictionary<string, string> { ["email"] = "taken@example.edu", ["Position"] = "Rector" }))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains("taken@example.edu is already registered for this event.", (await refused.ReadDocumentAsync()).Errors());
        }

        using (var refused = await Organiser.SubmitFormAsync(edit, new Dictionary<string, string> { ["LatinName"] = "", ["Position"] = "Rector" }))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        }

        var unchanged = await App.WithDbAsync(db => db.Registrations.AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.Equal(("aigerim@example.edu", "Vice-Rector"), (unchanged.Email, unchanged.Position));

        using var saved = await Organiser.SubmitFormAsync(edit, new Dictionary<string, string>
        {
            ["email"] = " Aigerim.N@Example.edu ", ["Position"] = "Rector", ["category"] = "Speaker",
        });
        var page = await saved.ReadDocumentAsync();
        Assert.Contains("The registration was saved.", page.QuerySelector(".notice")!.TextContent);
        var changed = await App.WithDbAsync(db => db.Registrations.AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.Equal(("aigerim.n@example.edu", "Rector", RegistrationCategory.Speaker), (changed.Email, changed.Position, changed.Category));
        Assert.Contains("details changed: Position, Email, Category", page.QuerySelector("#history-list")!.TextContent);

        // Saving the same again is no change, and adds no line.
        (await Organiser.SubmitFormAsync(edit, new Dictionary<string, string>())).Dispose();
        Assert.Equal(1, await App.WithDbAsync(db => db.Activity.CountAsync(a => a.RegistrationId == id && a.Kind == ActivityKind.RegistrationEdited)));
    }

    [Fact]
    public async Task The_private_link_is_sent_again_on_request()
    {
        var ev = await App.CreateEventAsync("rectors");
        var token = await App.TokenOfAsync(await App.Client().RegisterAsync("rectors", RegistrationSupport.Delegate("aigerim@example.edu")));
        var id = await IdOfAsync("aigerim@example.edu");
        using var sent = await Organiser.SubmitFormAsync(PageOf(ev.Id, id), new Dictionary<string, string>(), "form[action$='/resend-link']");
        Assert.Contains("The private link was sent again to aigerim@example.edu.", (await sent.ReadDocumentAsync()).QuerySelector(".notice")!.TextContent);
        (await Organiser.SubmitFormAsync(PageOf(ev.Id, id), new Dictionary<string, string>(), "form[action$='/resend-link']")).Dispose();

        var again = App.MailTo("aigerim@example.edu").Where(m => m.Subject == "Your registration for Dialogue rectors: your private link").ToList();
        Assert.Equal(2, again.Count);
        Assert.All(again, m => Assert.Contains($"http://localhost/r/{token}", m.Body));
    }

    [Fact]
    public async Task A_cancelled_registration_is_restored_to_a_free_place_or_else_to_the_end_of_the_waiting_list()
    {
        var ev = await App.CreateEventAsync("rectors", capacity: 1);
        var first = await App.TokenOfAsync(await App.Client().RegisterAsync("rectors", RegistrationSupport.Delegate("first@example.edu", change: f => f["LatinName"] = "First")));
        Assert.True((await App.WithServiceAsync<RegistrationSelfService, Core.Common.DomainResult<Registration>>(s => s.CancelAsync(first))).Succeeded);
        var second = await App.TokenOfAsync(await App.Client().RegisterAsync("rectors", RegistrationSupport.Delegate("second@example.edu", change: f => f["LatinName"] = "Second")));
        (await App.Client().RegisterAsync("rectors", RegistrationSupport.Delegate("third@example.edu", change: f => f["LatinName"] = "Third"))).Dispose();
        var firstId = await IdOfAsync("first@example.edu");
        var thirdId = await IdOfAsync("third@example.edu");

        // The only place is taken and the third already waits: restored, the first waits behind them.
        using (var restored = await Organiser.SubmitFormAsync(PageOf(ev.Id, firstId), new Dictionary<string, string>(), "form[action$='/restore']"))
        {
            var page = await restored.ReadDocumentAsync();
            Assert.Contains("no place was free, so it is on the waiting list", page.QuerySelector(".notice")!.TextContent);
            Assert.Contains("number 2 on the waiting list", page.QuerySelector("#status-line")!.TextContent);
            Assert.Null(page.QuerySelector("form[action$='/restore']"));
        }

        Assert.Equal(1, await App.WithDbAsync(db => db.RegistrationPolicies.Where(p => p.EventId == ev.Id).Select(p => p.ConfirmedCount).SingleAsync()));
        Assert.Contains(App.MailTo("first@example.edu"), m => m.Subject == "You are on the waiting list for Dialogue rectors");

        // The second cancels: the third, first in line, moves up; declined, the third makes way for the first.
        Assert.True((await App.WithServiceAsync<RegistrationSelfService, Core.Common.DomainResult<Registration>>(s => s.CancelAsync(second))).Succeeded);
        Assert.Equal(RegistrationStatus.Confirmed, (await App.RegistrationsAsync(ev.Id)).Single(r => r.Id == thirdId).Status);
        Assert.True(await App.WithServiceAsync<RegistrationDecisions, bool>(async d => (await d.DeclineAsync(ev.Id, [thirdId])).Succeeded));
        Assert.Equal(RegistrationStatus.Confirmed, (await App.RegistrationsAsync(ev.Id)).Single(r => r.Id == firstId).Status);

        // Declining the first frees the place; restored, the second takes it.
        Assert.True(await App.WithServiceAsync<RegistrationDecisions, bool>(async d => (await d.DeclineAsync(ev.Id, [firstId])).Succeeded));
        var secondId = await IdOfAsync("second@example.edu");
        using (var restored = await Organiser.SubmitFormAsync(PageOf(ev.Id, secondId), new Dictionary<string, string>(), "form[action$='/restore']"))
        {
            Assert.Contains("The registration is restored and confirmed.", (await restored.ReadDocumentAsync()).QuerySelector(".notice")!.TextContent);
        }

        var history = (await Organiser.GetPageAsync(PageOf(ev.Id, firstId))).QuerySelectorAll("#history-list li").Select(li => li.TextContent).ToList();
        Assert.Equal(5, history.Count);
        Assert.Contains("cancelled the registration", history[1]);
        Assert.Contains("the delegate", history[1]);
        Assert.Contains("restored, to the waiting list", history[2]);
        Assert.Contains("given a place from the waiting list", history[3]);
        Assert.Contains("declined the registration", history[4]);

        // Restoring what is not closed is refused, and capacity held throughout.
        using var refused = await Organiser.PostAsync($"{PageOf(ev.Id, secondId)}/restore", await TokenFormAsync(PageOf(ev.Id, secondId)));
        Assert.Contains("Only a cancelled or declined registration can be restored.", (await refused.ReadDocumentAsync()).QuerySelector(".notice")!.TextContent);
        Assert.Equal(1, (await App.RegistrationsAsync(ev.Id)).Count(r => r.Status == RegistrationStatus.Confirmed));
    }

    [Fact]
    public async Task Confirming_beyond_the_capacity_takes_a_reason_which_the_log_keeps()
    {
        var ev = await App.CreateEventAsync("rectors", capacity: 1);
        (await App.Client().RegisterAsync("rectors", RegistrationSupport.Delegate("first@example.edu"))).Dispose();
        (await App.Client().RegisterAsync("rectors", RegistrationSupport.Delegate("minister@example.edu", change: f => f["LatinName"] = "Adviser"))).Dispose();
        var id = await IdOfAsync("minister@example.edu");
        Assert.Equal(RegistrationStatus.Waitlisted, (await App.RegistrationsAsync(ev.Id)).Single(r => r.Id == id).Status);

        using (var refused = await Organiser.SubmitFormAsync(PageOf(ev.Id, id), new Dictionary<string, string> { ["reason"] = " " }, "form[action$='/confirm-over-capacity']"))
        {
            Assert.Contains("Say why this person gets a place beyond the capacity", (await refused.ReadDocumentAsync()).QuerySelector(".notice")!.TextContent);
        }

        // Blank is no reason, however it arrives.
        Assert.False(await App.WithServiceAsync<RegistrationAdministration, bool>(async a => (await a.ConfirmOverCapacityAsync(ev.Id, id, "  \t")).Succeeded));
        Assert.Equal(RegistrationStatus.Waitlisted, (await App.RegistrationsAsync(ev.Id)).Single(r => r.Id == id).Status);
        using (var confirmed = await Organiser.SubmitFormAsync(PageOf(ev.Id, id), new Dictionary<string, string> { ["reason"] = "Adviser to the minister, signs agreement 7" }, "form[action$='/confirm-over-capacity']"))
        {
            var page = await confirmed.ReadDocumentAsync();
            Assert.StartsWith("Confirmed", page.QuerySelector("#status-line")!.TextContent.Trim());
            Assert.Contains("confirmed beyond the places, on purpose: Adviser to the minister, signs agreement 7", page.QuerySelector("#history-list")!.TextContent);
        }

        Assert.Equal(2, await App.WithDbAsync(db => db.RegistrationPolicies.Where(p => p.EventId == ev.Id).Select(p => p.ConfirmedCount).SingleAsync()));
        Assert.Contains("2 of 1", (await Organiser.GetPageAsync($"/organiser/events/{ev.Id}")).QuerySelector("#figures-registrations")!.TextContent);
        Assert.Contains(App.MailTo("minister@example.edu"), m => m.Subject == "Your place at Dialogue rectors is confirmed");
    }

    [Fact]
    public async Task The_list_pages_by_fifty_keeps_a_delegation_together_and_ticks_a_whole_page_at_once()
    {
        var ev = await App.CreateEventAsync("rectors");
        (await App.Client().RegisterAsync("rectors", RegistrationSupport.Delegate("rector@example.edu", change: f =>
        {
            f["LatinName"] = "Zhansaya Abenova";
            f["Companions[0].LatinName"] = "Yerlan Sultanov";
            f["Companions[0].Email"] = "yerlan@example.edu";
            f["Companions[1].LatinName"] = "Madina Yesenova";
            f["Companions[1].Email"] = "madina@example.edu";
        }))).Dispose();
        for (var i = 0; i < 52; i++)
        {
            (await App.Client().RegisterAsync("rectors", RegistrationSupport.Delegate($"d{i}@example.edu", change: f => f["LatinName"] = $"Delegate {i:00}"))).Dispose();
        }

        var first = await Organiser.GetPageAsync($"/organiser/events/{ev.Id}/registrations");
        Assert.Equal(50, first.QuerySelectorAll("#bulk tbody input[name=ids]").Length);
        Assert.Contains("Page 1 of 2; 55 registrations match.", first.QuerySelector("#page-summary")!.TextContent);
        var delegation = first.QuerySelector("#bulk tbody tr.delegation")!;
        Assert.Contains("Delegation of Zhansaya Abenova: 3 people on this page", delegation.TextContent);
        Assert.Equal(["Zhansaya Abenova", "Yerlan Sultanov", "Madina Yesenova"],
            first.QuerySelectorAll("#bulk tbody tr.in-delegation td:nth-child(2) > a").Select(a => a.TextContent.Trim()));
        Assert.DoesNotContain(first.QuerySelectorAll("#bulk tbody input[name=ids]"), box => box.HasAttribute("checked"));

        var next = first.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        var second = await Organiser.GetPageAsync($"/organiser/events/{ev.Id}/registrations{next}");
        Assert.Equal(["Delegate 47", "Delegate 48", "Delegate 49", "Delegate 50", "Delegate 51"],
            second.QuerySelectorAll("#bulk tbody td:nth-child(2) > a").Select(a => a.TextContent.Trim()));

        // "Select all on this page" works without script too: the page comes back with its boxes ticked, filter kept.
        var all = first.QuerySelector("#select-all")!.GetAttribute("href")!;
        var ticked = await Organiser.GetPageAsync($"/organiser/events/{ev.Id}/registrations{all}");
        Assert.All(ticked.QuerySelectorAll("#bulk tbody input[name=ids]"), box => Assert.True(box.HasAttribute("checked")));
        // A page past the end shows the last one.
        var filtered = await Organiser.GetPageAsync($"/organiser/events/{ev.Id}/registrations?q=delegate+5&page=9");
        Assert.Equal(["Delegate 50", "Delegate 51"], filtered.QuerySelectorAll("#bulk tbody td:nth-child(2) > a").Select(a => a.TextContent.Trim()));
        Assert.Null(filtered.QuerySelector(".pager"));
    }

    private async Task<FormUrlEncodedContent> TokenFormAsync(string page)
    {
        var token = (await Organiser.GetPageAsync(page)).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
    }
}
