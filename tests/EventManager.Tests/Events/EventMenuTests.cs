using System.Net;
using EventManager.Core.Data;
using EventManager.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Tests;

/// <summary>
/// Inside an event, every page carries the one event menu, and the event's name above the title always leads to the
/// event's home; the header keeps only what is about every event.
/// </summary>
public sealed class EventMenuTests : IAsyncLifetime
{
    private static readonly string[] OrganiserMenu =
        ["Event home", "Registrations", "Agenda", "Ceremonies", "Messages", "Reminders", "Translations", "Settings", "Check-in desk"];

    private AppFactory app = default!;

    public async Task InitializeAsync()
    {
        app = new AppFactory(demoSeed: true);
        await Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Every_page_of_an_event_has_the_event_menu_and_its_name_leads_home()
    {
        var ids = await app.WithDbAsync(async db =>
        {
            var ev = await db.Events.SingleAsync(e => e.Slug == DemoData.DialogueSlug);
            var ceremony = await db.Sessions.FirstAsync(s => s.EventId == ev.Id && s.Kind == Core.Agenda.SessionKind.SigningCeremony);
            var agreement = await db.Agreements.FirstAsync(a => a.SessionId == ceremony.Id);
            var session = await db.Sessions.FirstAsync(s => s.EventId == ev.Id);
            var registration = await db.Registrations.FirstAsync(r => r.EventId == ev.Id);
            return (Event: ev.Id, Ceremony: ceremony.Id, Agreement: agreement.Id, Session: session.Id, Registration: registration.Id);
        });
        var home = $"/organiser/events/{ids.Event}";
        var pages = new (string Url, string Current)[]
        {
            (home, "Event home"),
            ($"{home}/registrations", "Registrations"),
            ($"{home}/registrations/{ids.Registration}", "Registrations"),
            ($"{home}/registrations/{ids.Registration}/edit", "Registrations"),
            ($"{home}/registration-settings", "Registrations"),
            ($"{home}/questions", "Registrations"),
            ($"{home}/registrations/import", "Registrations"),
            ($"{home}/visa-letters", "Registrations"),
            ($"{home}/invitations", "Registrations"),
            ($"{home}/agenda", "Agenda"),
            ($"{home}/rooms", "Agenda"),
            ($"{home}/agenda/sessions/new", "Agenda"),
            ($"{home}/agenda/sessions/{ids.Session}/edit", "Agenda"),
            ($"{home}/ceremonies", "Ceremonies"),
            ($"{home}/partnerships", "Ceremonies"),
            ($"/organiser/ceremonies/{ids.Ceremony}", "Ceremonies"),
            ($"/organiser/ceremonies/{ids.Ceremony}/run-sheet", "Ceremonies"),
            ($"/organiser/ceremonies/{ids.Ceremony}/agreements/new", "Ceremonies"),
            ($"/organiser/ceremonies/{ids.Ceremony}/agreements/{ids.Agreement}/edit", "Ceremonies"),
            ($"/organiser/messages?eventId={ids.Event}", "Messages"),
            ($"{home}/reminders", "Reminders"),
            ($"{home}/translations", "Translations"),
            ($"{home}/edit", "Settings"),
            ($"/staff/events/{ids.Event}/check-in", "Check-in desk"),
        };

        var organiser = app.Client();
        await organiser.LoginAsync(AccountSetup.DemoOrganiserEmail, AccountSetup.DemoOrganiserPassword);
        foreach (var (url, current) in pages)
        {
            var page = await organiser.GetPageAsync(url);
            var menu = page.QuerySelectorAll("nav.event-menu a");
            Assert.True(OrganiserMenu.SequenceEqual(menu.Select(a => a.TextContent.Trim())), $"{url}: the menu reads {string.Join(", ", menu.Select(a => a.TextContent))}");
            Assert.All(menu, a => Assert.Matches($"[/=]{ids.Event}(/|$)", a.GetAttribute("href")!));
            Assert.Equal(current, Assert.Single(page.QuerySelectorAll("nav.event-menu a[aria-current=page]")).TextContent);
            Assert.Equal(["Events", "Institutions", "People", "Team", "Activity", "System"],
                page.QuerySelectorAll("header nav a").Select(a => a.TextContent.Trim()));
            if (url != home)
            {
                var context = page.QuerySelector("main .kind a.event-context");
                Assert.True(context is not null, $"{url} has no context link");
                Assert.Equal(home, context.GetAttribute("href"));
                Assert.Equal("First China–Kazakhstan University Rectors' Cooperation Dialogue", context.TextContent);
            }
        }

        // A page that is about every event has no event menu.
        Assert.Null((await organiser.GetPageAsync("/organiser/people")).QuerySelector("nav.event-menu"));
        Assert.Null((await organiser.GetPageAsync("/organiser/messages")).QuerySelector("nav.event-menu"));
    }

    [Fact]
    public async Task Staff_see_their_own_menu_and_the_system_page_is_for_organisers()
    {
        var eventId = await app.WithDbAsync(db => db.Events.Where(e => e.Slug == DemoData.DialogueSlug).Select(e => e.Id).SingleAsync());
        var staff = app.Client();
        await staff.LoginAsync(AccountSetup.DemoStaffEmail, AccountSetup.DemoStaffPassword);
        var desk = await staff.GetPageAsync($"/staff/events/{eventId}/check-in");
        Assert.Equal(["Check-in desk", "Certificates"], desk.QuerySelectorAll("nav.event-menu a").Select(a => a.TextContent.Trim()));
        Assert.Equal($"/staff/events/{eventId}/check-in", desk.QuerySelector("main .kind a.event-context")!.GetAttribute("href"));
        Assert.Equal(["Events"], desk.QuerySelectorAll("header nav a").Select(a => a.TextContent.Trim()));
        var certificates = await staff.GetPageAsync($"/staff/ceremonies?eventId={eventId}");
        Assert.Equal("Certificates", certificates.QuerySelector("nav.event-menu a[aria-current=page]")!.TextContent);
        Assert.All(certificates.QuerySelectorAll("main h2"), h => Assert.Equal("First China–Kazakhstan University Rectors' Cooperation Dialogue", h.TextContent));
        using var system = await staff.GetAsync("/organiser/system");
        Assert.Equal(HttpStatusCode.Forbidden, system.StatusCode);

        var organiser = app.Client();
        await organiser.LoginAsync(AccountSetup.DemoOrganiserEmail, AccountSetup.DemoOrganiserPassword);
        var systemPage = await organiser.GetPageAsync("/organiser/system");
        var links = systemPage.QuerySelectorAll("#system-links a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/hangfire", links);
        Assert.Contains("/organiser/messages", links);
        using var jobs = await organiser.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.OK, jobs.StatusCode);
    }
}
