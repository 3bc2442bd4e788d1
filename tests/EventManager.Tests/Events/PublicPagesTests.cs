using System.Net;
using EventManager.Core.Data;
using EventManager.Core.Events;
using Microsoft.Extensions.Time.Testing;

namespace EventManager.Tests;

public sealed class PublicPagesTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 28, 2, 0, 0, TimeSpan.Zero));
    private AppFactory app = default!;

    public Task InitializeAsync()
    {
        app = new AppFactory(demoSeed: true, clock: clock);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Home_lists_upcoming_events_linking_to_their_public_pages()
    {
        var page = await app.Client().GetPageAsync("/");
        var links = page.QuerySelectorAll("main .event-card h2 a").Select(a => (Text: a.TextContent, Href: a.GetAttribute("href"))).ToList();

        Assert.Contains(links, l => l.Text == "China–Kazakhstan Education Cooperation Week" && l.Href == $"/events/{DemoData.WeekSlug}");
        Assert.Contains(links, l => l.Text.StartsWith("First China–Kazakhstan University Rectors") && l.Href == $"/events/{DemoData.DialogueSlug}");

        var dialogue = await app.Client().GetPageAsync($"/events/{DemoData.DialogueSlug}");
        Assert.Contains("Rectors", dialogue.QuerySelector("h1")!.TextContent);
        Assert.Equal($"/events/{DemoData.WeekSlug}", dialogue.QuerySelector(".part-of a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task The_browsers_icon_request_finds_an_icon_rather_than_a_not_found_page()
    {
        using var response = await app.Client().GetAsync("/favicon.ico");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/x-icon", response.Content.Headers.ContentType!.MediaType);
        var icon = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0, 0, 1, 0 }, icon[..4]);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], icon[38..42]);
    }

    [Fact]
    public async Task Times_are_shown_in_the_events_own_zone_not_in_utc()
    {
        // 07:00 on 2 December in Guiyang is 23:00 on 1 December in UTC.
        var result = await app.WithServiceAsync<EventService, Core.Common.DomainResult<Event>>(s => s.SaveAsync(null, new EventInput(
            "Early Morning Campus Visit", null, EventKind.Forum, null,
            new DateTime(2026, 12, 2, 7, 0, 0), new DateTime(2026, 12, 2, 9, 30, 0), "Asia/Shanghai", null, "Guiyang", null)));
        Assert.True(result.Succeeded);

        var page = await app.Client().GetPageAsync("/events/early-morning-campus-visit");
        var when = page.QuerySelector(".facts time")!;
        Assert.Equal("2026-12-01T23:00:00Z", when.GetAttribute("datetime"));
        // ICU puts a narrow no-break space before AM; a reader sees a space.
        Assert.Equal("Wednesday, December 2, 2026, 7:00 AM – 9:30 AM", when.TextContent.Replace('\u202F', ' '));
        Assert.Contains("Asia/Shanghai (UTC+08:00)", page.QuerySelector(".facts")!.TextContent);

        var home = await app.Client().GetPageAsync("/");
        Assert.Contains(home.QuerySelectorAll("main .event-card"), card => card.TextContent.Contains("Early Morning Campus Visit") && card.TextContent.Contains("Wednesday, December 2, 2026") && !card.TextContent.Contains("December 1"));
    }

    [Fact]
    public async Task Events_that_are_over_leave_the_home_page()
    {
        var before = await app.Client().GetPageAsync("/");
        Assert.Equal(3, before.QuerySelectorAll("main .event-card").Length);

        clock.Advance(TimeSpan.FromDays(80));
        var page = await app.Client().GetPageAsync("/");
        Assert.Empty(page.QuerySelectorAll("main .event-card"));
        Assert.Contains("No events are scheduled yet.", page.MainText());

        // The page itself stays: links in old messages still work.
        await app.Client().GetPageAsync($"/events/{DemoData.WeekSlug}");
    }

    [Fact]
    public async Task An_unknown_slug_gives_a_404_page_a_person_can_read()
    {
        using var response = await app.Client().GetAsync("/events/no-such-event");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Equal("Page not found", page.QuerySelector("h1")!.TextContent);
        Assert.NotNull(page.QuerySelector("a[href='/']"));
    }

    [Theory]
    [InlineData("/events/%E8%B4%B5%E5%B7%9E")]
    [InlineData("/events/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/events/" + "x")]
    [InlineData("/nothing/here")]
    public async Task Odd_addresses_give_404_not_500(string url)
    {
        using var response = await app.Client().GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Native_script_names_are_sent_as_characters()
    {
        var client = app.Client();
        await client.LoginAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        using var response = await client.GetAsync("/organiser/institutions");
        var raw = await response.Content.ReadAsStringAsync();
        Assert.Contains("贵州大学", raw);
        Assert.Contains("Әл-Фараби атындағы Қазақ ұлттық университеті", raw);
        var page = Html.Parse(raw);
        Assert.Equal("zh-Hans", page.QuerySelectorAll("td").First(td => td.TextContent == "贵州大学").GetAttribute("lang"));
    }

    [Fact]
    public async Task Health_reports_the_database_and_the_job_storage()
    {
        using var response = await app.Client().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("jobs").GetProperty("status").GetString());
    }
}
