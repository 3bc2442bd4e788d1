using System.Net;
using EventManager.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Tests;

/// <summary>
/// Anonymous public pages come from the output cache: the same page for every stranger, with no database work and no
/// visitor's token in it; an organiser's change shows at once, a change made elsewhere (another instance) within the
/// cache's short life; signed-in people always see the page as it is.
/// </summary>
public sealed class PublicPageCacheTests : IAsyncLifetime
{
    private readonly AppFactory app = new AppFactory().With("Diagnostics:CountQueries", "true").With("PublicPageCache:Duration", "00:00:02");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    private static int Commands(HttpResponseMessage response) => int.Parse(response.Headers.GetValues("X-Db-Commands").Single());

    private Task RenameBehindTheAppsBackAsync(int id, string name) =>
        app.WithDbAsync(db => db.Events.Where(e => e.Id == id).ExecuteUpdateAsync(u => u.SetProperty(e => e.Name, LocalText.From(("en", name)))));

    [Fact]
    public async Task Strangers_get_the_event_page_from_cache_in_their_language_and_see_changes_at_once_or_within_its_life()
    {
        var ev = await app.CreateEventAsync("cached");
        var stranger = app.Client();
        using (var first = await stranger.GetAsync("/events/cached"))
        {
            Assert.True(Commands(first) > 0);
            Assert.False(first.Headers.Contains("Set-Cookie"), "a public page sets no cookie: " + string.Join(" | ", first.Headers.TryGetValues("Set-Cookie", out var c) ? c : []));
            var html = await first.Content.ReadAsStringAsync();
            Assert.DoesNotContain("__RequestVerificationToken", html);
        }

        // Another instance renames the event: this one still serves its copy, without touching the database.
        await RenameBehindTheAppsBackAsync(ev.Id, "Renamed elsewhere");
        using (var cached = await stranger.GetAsync("/events/cached"))
        {
            Assert.Equal(0, Commands(cached));
            Assert.DoesNotContain("Renamed elsewhere", await cached.Content.ReadAsStringAsync());
        }

        // A reader of another language gets a page of their own, not the English copy.
        var chinese = app.Client();
        chinese.DefaultRequestHeaders.Add("Accept-Language", "zh-CN");
        Assert.Equal("zh-CN", (await chinese.GetPageAsync("/events/cached")).DocumentElement.GetAttribute("lang"));

        // Signed in, the page is always as it is.
        var organiser = app.Client();
        await organiser.LoginAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        Assert.Contains("Renamed elsewhere", await organiser.GetStringAsync("/events/cached"));

        // Within the cache's life (two seconds here, ten by default) strangers see it too.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.Contains("Renamed elsewhere", await stranger.GetStringAsync("/events/cached"));

        // An organiser's change through the app empties this instance's cache before the answer leaves.
        using (var saved = await organiser.SubmitFormAsync($"/organiser/events/{ev.Id}/edit", new Dictionary<string, string> { ["Name[en]"] = "Renamed by the organiser" }))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        Assert.Contains("Renamed by the organiser", await stranger.GetStringAsync("/events/cached"));
    }

    [Fact]
    public async Task The_agenda_and_its_calendar_feed_are_cached_per_query_and_a_page_with_a_notice_is_not()
    {
        var ev = await app.CreateEventAsync("cached-agenda");
        var stranger = app.Client();
        foreach (var url in new[] { "/events/cached-agenda/agenda", "/events/cached-agenda/agenda?tz=Asia%2FAlmaty", "/events/cached-agenda/agenda.ics" })
        {
            using var first = await stranger.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            using var again = await stranger.GetAsync(url);
            Assert.True(Commands(again) == 0, $"{url} was rendered again");
            Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await again.Content.ReadAsByteArrayAsync());
        }

        // Each zone its own page: the Almaty copy is not the Shanghai one.
        Assert.NotEqual(await stranger.GetStringAsync("/events/cached-agenda/agenda"), await stranger.GetStringAsync("/events/cached-agenda/agenda?tz=Asia%2FAlmaty"));

        // A visitor carrying a one-time notice gets the page rendered for them.
        var withNotice = app.Client();
        withNotice.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Mvc.CookieTempDataProvider=x");
        using var rendered = await withNotice.GetAsync($"/events/cached-agenda");
        Assert.True(Commands(rendered) > 0);
        _ = ev;
    }
}
