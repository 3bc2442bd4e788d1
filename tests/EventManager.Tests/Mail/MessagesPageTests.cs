using EventManager.Core.Mail;
using EventManager.Core.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace EventManager.Tests;

/// <summary>The messages page stays usable at thousands of rows: paged, filtered, future reminders folded by rule, each message readable.</summary>
public sealed class MessagesPageTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2027, 8, 14, 0, 0, 0, TimeSpan.Zero));
    private AppFactory app = default!;
    private HttpClient organiser = default!;

    public async Task InitializeAsync()
    {
        app = new AppFactory(clock: clock).With("RateLimits:PublicFormPermits", "1000");
        organiser = app.Client();
        await organiser.LoginAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Messages_come_fifty_a_page_filtered_by_kind_and_the_daily_digests_ahead_are_one_line_per_rule()
    {
        var ev = await app.CreateEventAsync("rectors");
        for (var i = 0; i < 60; i++)
        {
            (await app.Client().RegisterAsync("rectors", RegistrationSupport.Delegate($"d{i:00}@example.edu", change: f => f["LatinName"] = $"Delegate {i:00}"))).Dispose();
        }

        // Planning the default rules: a day-before reminder for each delegate, and (once switched on: it starts off) a
        // daily digest for the organiser on each day until the event (a month of them).
        await app.WithServiceAsync<Core.Reminders.ReminderRuleService, bool>(async rules =>
        {
            var digest = (await rules.ListAsync(ev.Id)).Single(r => r.Anchor == Core.Reminders.ReminderAnchor.DailyAt);
            return (await rules.SaveAsync(ev.Id, digest.Id, new Core.Reminders.ReminderRuleInput(digest.Name, digest.Anchor, digest.OffsetMinutes, digest.Audience, digest.Subject, digest.Body, Enabled: true))).Succeeded;
        });
        await app.WithServiceAsync<ReminderPlanner, PlanReport>(p => p.PlanAsync(ev.Id));
        var digests = await app.WithDbAsync(db => db.OutgoingMessages.CountAsync(m => m.Subject == "New registrations for Dialogue rectors"));
        Assert.True(digests > 25, $"{digests} digests");

        var page = await organiser.GetPageAsync($"/organiser/messages?eventId={ev.Id}");
        var planned = page.QuerySelectorAll("#planned-list li").Select(li => System.Text.RegularExpressions.Regex.Replace(li.TextContent, @"\s+", " ").Trim()).ToList();
        Assert.Equal(2, planned.Count);
        Assert.Contains(planned, p => p.StartsWith("Daily digest of new registrations, at 18:00:") && p.Contains($"{digests} messages planned"));
        Assert.Contains(planned, p => p.StartsWith("The day before:") && p.Contains("60 messages planned"));
        // The list itself: the 60 confirmations, fifty a page, newest first.
        Assert.Equal(50, page.QuerySelectorAll("#messages tbody tr").Length);
        Assert.Contains("Page 1 of 2; 60 messages.", page.QuerySelector("#page-summary")!.TextContent);
        var second = await organiser.GetPageAsync($"/organiser/messages{page.QuerySelector("a[rel=next]")!.GetAttribute("href")}");
        Assert.Equal(10, second.QuerySelectorAll("#messages tbody tr").Length);

        // One rule opened: its messages one by one, paged too.
        var digestRule = page.QuerySelectorAll("#planned-list a").Single(a => a.TextContent.StartsWith("Daily digest")).GetAttribute("href")!;
        var opened = await organiser.GetPageAsync($"/organiser/messages{digestRule}");
        Assert.Equal(Math.Min(50, digests), opened.QuerySelectorAll("#messages tbody tr").Length);
        Assert.All(opened.QuerySelectorAll("#messages tbody tr"), r => Assert.Contains("New registrations for Dialogue rectors", r.TextContent));

        // Filtered by kind: only registration messages.
        var received = await organiser.GetPageAsync($"/organiser/messages?eventId={ev.Id}&kind=RegistrationReceived&page=2");
        Assert.Equal(10, received.QuerySelectorAll("#messages tbody tr").Length);
        Assert.Equal("Registration received", received.QuerySelector("#kind option[selected]")!.TextContent.Trim());
        Assert.Empty(received.QuerySelectorAll("#planned-list li"));
    }

    [Fact]
    public async Task A_message_opens_to_show_what_will_be_sent_in_its_readers_language()
    {
        var ev = await app.CreateEventAsync("rectors");
        (await app.Client().RegisterAsync("rectors", RegistrationSupport.Delegate("wang@example.edu", change: f => { f["LatinName"] = "Wang Fang"; f["PreferredLanguage"] = "zh-CN"; }))).Dispose();
        var id = await app.WithDbAsync(db => db.OutgoingMessages.Where(m => m.RecipientEmail == "wang@example.edu").Select(m => m.Id).SingleAsync());
        var token = await app.WithDbAsync(db => db.Registrations.Where(r => r.Email == "wang@example.edu").Select(r => r.Token).SingleAsync());

        var list = await organiser.GetPageAsync($"/organiser/messages?eventId={ev.Id}");
        var link = list.QuerySelectorAll("#messages tbody a").Single(a => a.GetAttribute("href") == $"/organiser/messages/{id}");
        var page = await organiser.GetPageAsync(link.GetAttribute("href")!);
        Assert.Contains("Wang Fang <wang@example.edu>", page.QuerySelector("#message-facts")!.TextContent);
        Assert.Contains("Waiting", page.QuerySelector("#message-facts")!.TextContent);
        Assert.Equal("The text that will be sent", page.QuerySelector("#text")!.TextContent.Trim());
        var text = page.QuerySelector("#message-text")!.TextContent;
        Assert.Contains("尊敬的", text);
        // The private link opens the page in the message's language, whatever the browser prefers.
        Assert.Contains($"http://localhost/r/{token}?lang=zh-CN", text);
        var anon = app.Client();
        anon.DefaultRequestHeaders.Add("Accept-Language", "en-GB");
        Assert.Equal("zh-CN", (await anon.GetPageAsync($"/r/{token}?lang=zh-CN")).DocumentElement.GetAttribute("lang"));
        Assert.Contains("Dialogue rectors", page.QuerySelector("h1")!.TextContent);

        await organiser.GetPageAsync("/organiser/messages/999999", System.Net.HttpStatusCode.NotFound);
    }
}
