using System.Net;
using EventManager.Core.Ceremonies;
using EventManager.Core.Mail;
using EventManager.Core.Registrations;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Tests;

/// <summary>The organiser's home of one event: its figures, each leading to its list, and what needs a person next.</summary>
public sealed class EventHomeTests : IAsyncLifetime
{
    private readonly AppFactory app = new AppFactory(demoSeed: true).With("Diagnostics:CountQueries", "true").With("RateLimits:PublicFormPermits", "1000");
    private HttpClient organiser = default!;
    private int dialogue;

    public async Task InitializeAsync()
    {
        organiser = app.Client();
        await organiser.LoginAsync("organiser@demo.eventmanager.test", "Demo-Organiser-2026");
        dialogue = await app.WithDbAsync(db => db.Events.Where(e => e.Slug == "china-kazakhstan-rectors-dialogue").Select(e => e.Id).SingleAsync());
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private async Task<(AngleSharp.Dom.IDocument Page, int Queries)> HomeAsync()
    {
        using var response = await organiser.GetAsync($"/organiser/events/{dialogue}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadDocumentAsync(), int.Parse(response.Headers.GetValues("X-Db-Commands").Single()));
    }

    private static Dictionary<string, (string Figure, string Link)> Figures(AngleSharp.Dom.IDocument page, string list) =>
        page.QuerySelectorAll($"#{list} dt").ToDictionary(dt => dt.TextContent.Trim(), dt =>
        {
            var link = dt.NextElementSibling!.QuerySelector("a")!;
            return (link.TextContent.Trim(), link.GetAttribute("href")!);
        });

    [Fact]
    public async Task An_agenda_never_published_says_so_and_leads_to_the_draft_not_to_an_empty_public_agenda()
    {
        var week = await app.WithDbAsync(db => db.Events.Where(e => e.Slug == Core.Data.DemoData.WeekSlug).Select(e => e.Id).SingleAsync());
        var weekHome = await organiser.GetPageAsync($"/organiser/events/{week}");
        var notYet = weekHome.QuerySelector("#agenda-published a")!;
        Assert.Equal("not yet: publish the draft", notYet.TextContent.Trim());
        Assert.Equal($"/organiser/events/{week}/agenda#publishing", notYet.GetAttribute("href"));

        var (dialogueHome, _) = await HomeAsync();
        var published = dialogueHome.QuerySelector("#agenda-published a")!;
        Assert.Equal(("Version 1", "/events/china-kazakhstan-rectors-dialogue/agenda"), (published.TextContent.Trim(), published.GetAttribute("href")));
    }

    [Fact]
    public async Task The_home_counts_what_matters_links_each_figure_to_its_list_and_says_what_needs_a_person()
    {
        var counts = await app.WithDbAsync(db => db.Registrations.Where(r => r.EventId == dialogue).GroupBy(r => r.Status).ToDictionaryAsync(g => g.Key, g => g.Count()));
        var capacity = await app.WithDbAsync(db => db.RegistrationPolicies.Where(p => p.EventId == dialogue).Select(p => p.Capacity).SingleAsync());
        var (page, _) = await HomeAsync();

        var places = Figures(page, "figures-registrations");
        Assert.Equal(($"{counts[RegistrationStatus.Confirmed]} of {capacity}", $"/organiser/events/{dialogue}/registrations?status=Confirmed"), places["Places taken"]);
        Assert.Equal(($"{counts[RegistrationStatus.Pending]}", $"/organiser/events/{dialogue}/registrations?status=Pending"), places["Awaiting approval"]);
        var ceremonies = Figures(page, "figures-ceremonies");
        // The demo's last agreement still waits for its Kazakh signatory: a draft, flagged.
        Assert.Equal("23", ceremonies["Agreements ready"].Figure);
        Assert.Equal("1", ceremonies["Agreements flagged"].Figure);
        Assert.Equal("Version 1", Figures(page, "figures-agenda")["Published"].Figure);

        var steps = page.QuerySelectorAll("#next-steps a").ToList();
        var approval = Assert.Single(steps, a => a.TextContent.Contains("wait for approval"));
        Assert.Equal($"{counts[RegistrationStatus.Pending]} registrations wait for approval", approval.TextContent.Trim());
        // The link leads to exactly those registrations.
        var pending = await organiser.GetPageAsync(approval.GetAttribute("href")!);
        Assert.Equal(counts[RegistrationStatus.Pending], pending.QuerySelectorAll("#bulk tbody input[name=ids]").Length);

        // A signatory cancels: their agreement is flagged, and the home says so first among the agreements.
        var signatory = await app.WithDbAsync(db => db.AgreementParties.Where(p => p.Agreement!.Session!.EventId == dialogue).OrderBy(p => p.Id).Select(p => p.Signatory!).FirstAsync());
        var theirs = await app.WithDbAsync(db => db.Agreements.CountAsync(a => a.Status == Core.Ceremonies.AgreementStatus.Ready && a.Parties.Any(p => p.SignatoryRegistrationId == signatory.Id)));
        Assert.True((await app.WithServiceAsync<RegistrationSelfService, Core.Common.DomainResult<Registration>>(s => s.CancelAsync(signatory.Token))).Succeeded);
        (page, _) = await HomeAsync();
        Assert.Equal($"{1 + theirs}", Figures(page, "figures-ceremonies")["Agreements flagged"].Figure);
        var flagged = page.QuerySelectorAll("#next-steps a").Single(a => a.TextContent.Contains("flagged"));
        Assert.Equal("#waiting-parties", flagged.GetAttribute("href"));
        // The home names each flagged agreement and what its parties wait for, the cancelled signatory among them.
        var waiting = page.QuerySelectorAll("#waiting-parties > li").ToList();
        Assert.Equal(1 + theirs, waiting.Count);
        Assert.Contains(waiting, li => li.TextContent.Contains($"{signatory.LatinName} cancelled their registration"));
        Assert.Contains(waiting, li => li.TextContent.Contains("has no signatory yet"));
        Assert.All(waiting, li => Assert.StartsWith("/organiser/ceremonies/", li.QuerySelector("a")!.GetAttribute("href")));
    }

    [Fact]
    public async Task The_demo_has_invitations_in_every_state_and_the_home_counts_the_answers_per_institution()
    {
        var page = await organiser.GetPageAsync($"/organiser/events/{dialogue}/invitations");
        var states = page.QuerySelectorAll("#invitations tbody tr").Select(r => r.GetAttribute("data-state")).Distinct().Order().ToList();
        Assert.Equal(["Declined", "Expired", "Open", "Registered", "Withdrawn"], states);
        Assert.Contains("Our academic council meets that week", page.QuerySelector("#invitations .decline-reason")!.TextContent);

        var (home, _) = await HomeAsync();
        int[] Row(string institution) => home.QuerySelectorAll("#responses tbody tr").Single(r => r.QuerySelector("th")!.TextContent.Trim() == institution)
            .QuerySelectorAll("td").Select(td => int.Parse(td.TextContent.Trim())).ToArray();
        // Invited, registered, confirmed, declined, no answer.
        Assert.Equal(new[] { 1, 1, 1, 1, 0 }, Row("Kazakh National Agrarian Research University"));
        Assert.Equal(new[] { 1, 1, 1, 0, 1 }, Row("Karaganda Buketov University"));
        var unanswered = home.QuerySelectorAll("#next-steps a").Single(a => a.TextContent.Contains("not answered"));
        Assert.Equal("2 invited people have not answered yet", unanswered.TextContent.Trim());
    }

    [Fact]
    public async Task The_home_runs_the_same_few_queries_however_many_registrations_and_messages()
    {
        var (_, few) = await HomeAsync();
        var before = await app.WithDbAsync(db => db.Registrations.CountAsync(r => r.EventId == dialogue));
        for (var i = 0; i < 25; i++)
        {
            (await app.Client().RegisterAsync("china-kazakhstan-rectors-dialogue", RegistrationSupport.Delegate($"more{i}@example.edu", change: f => { f["ArrivalDate"] = ""; f["DepartureDate"] = ""; }))).Dispose();
        }

        Assert.Equal(before + 25, await app.WithDbAsync(db => db.Registrations.CountAsync(r => r.EventId == dialogue)));

        var failed = await app.WithDbAsync(async db =>
        {
            var five = await db.OutgoingMessages.Where(m => m.EventId == dialogue && m.Kind == "RegistrationReceived").OrderBy(m => m.Id).Select(m => m.Id).Take(5).ToListAsync();
            return await db.OutgoingMessages.Where(m => five.Contains(m.Id)).ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, MessageStatus.Failed));
        });
        Assert.Equal(5, failed);
        var (page, many) = await HomeAsync();
        Assert.Equal(few, many);
        Assert.InRange(many, 1, 30);
        Assert.Equal("5", Figures(page, "figures-messages")["Failed"].Figure);
        // The demo's bilateral meetings: three waiting for an answer, fifteen accepted, thirteen of them given a time.
        var meetings = Figures(page, "figures-meetings");
        Assert.Equal(("3", "15", "13", "0"), (meetings["Requested"].Figure, meetings["Accepted"].Figure, meetings["Scheduled"].Figure, meetings["Could not be placed"].Figure));
        Assert.Contains(page.QuerySelectorAll("#next-steps a"), a => a.TextContent.Trim() == "5 messages could not be sent");
    }

    [Fact]
    public async Task The_event_list_shows_each_events_places_waiting_and_pending_and_leads_to_its_home()
    {
        var page = await organiser.GetPageAsync("/organiser/events");
        var row = page.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("First China–Kazakhstan University Rectors' Cooperation Dialogue"));
        var counts = await app.WithDbAsync(db => db.Registrations.Where(r => r.EventId == dialogue).GroupBy(r => r.Status).ToDictionaryAsync(g => g.Key, g => g.Count()));
        var cells = row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Contains($"{counts[RegistrationStatus.Confirmed]} of 90", cells);
        Assert.Contains($"{counts[RegistrationStatus.Pending]}", cells);
        Assert.Equal($"/organiser/events/{dialogue}", row.QuerySelector("td a")!.GetAttribute("href"));
    }
}
