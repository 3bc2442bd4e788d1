using EventManager.Core.Activity;
using EventManager.Core.Events;
using EventManager.Core.Registrations;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Tests;

/// <summary>The activity line is written by the service, in the same save as the change it records.</summary>
public sealed class ActivityLogTests : SignedInOrganiserTest
{
    [Fact]
    public async Task Approving_logs_each_registration_decided_and_what_became_of_it_by_whoever_did_it()
    {
        var ev = await App.CreateEventAsync("logged", capacity: 2, approval: true);
        foreach (var email in new[] { "a@example.edu", "b@example.edu", "c@example.edu", "d@example.edu" })
        {
            (await App.Client().RegisterAsync("logged", RegistrationSupport.Delegate(email))).Dispose();
        }

        var ids = (await App.RegistrationsAsync(ev.Id)).Select(r => r.Id).ToList();
        Assert.True(await App.WithServiceAsync<RegistrationDecisions, bool>(async d => (await d.DeclineAsync(ev.Id, [ids[3]])).Succeeded));

        // Four ticked, one of them already declined: three are decided (two fit, one waits).
        var page = await Organiser.GetPageAsync($"/organiser/events/{ev.Id}/registrations");
        var token = page.QuerySelector("#bulk input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var approved = await Organiser.PostAsync($"/organiser/events/{ev.Id}/registrations/approve", new FormUrlEncodedContent(
            ids.Select(id => new KeyValuePair<string, string>("ids", id.ToString())).Prepend(new("__RequestVerificationToken", token))));
        Assert.Contains("2 approved; 1 did not fit", (await approved.ReadDocumentAsync()).QuerySelector(".notice")!.TextContent);

        // One line per registration decided, saying what became of it: two confirmed and one on the waiting list, not "approved 3".
        var lines = await App.WithDbAsync(db => db.Activity.Where(a => a.EventId == ev.Id && a.RegistrationId != null).OrderBy(a => a.Id)
            .Select(a => new { a.Actor, a.Kind, a.Subject, a.RegistrationId }).ToListAsync());
        Assert.Equal(4, lines.Count);
        Assert.Equal(("system", ActivityKind.RegistrationDeclined, ids[3]), (lines[0].Actor, lines[0].Kind, lines[0].RegistrationId!.Value));
        Assert.Equal(
            [(ids[0], "Confirmed"), (ids[1], "Confirmed"), (ids[2], "Waitlisted")],
            lines.Skip(1).Select(l => (l.RegistrationId!.Value, l.Subject)));
        Assert.All(lines.Skip(1), l => Assert.Equal((AppFactory.OrganiserEmail, ActivityKind.RegistrationApproved), (l.Actor, l.Kind)));

        var shown = (await Organiser.GetPageAsync($"/organiser/activity?eventId={ev.Id}")).QuerySelectorAll("#activity tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains("approved; no place was free, so on the waiting list", shown[0]);
        Assert.Contains("approved: confirmed", shown[1]);
        Assert.Contains("declined the registration", shown[3]);
        Assert.Contains("the system", shown[3]);
    }

    [Fact]
    public async Task A_new_event_and_its_created_line_are_one_unit_of_work()
    {
        // The database refuses the "created" line (as a full disk or a lost connection would refuse the second save).
        await App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            $"CREATE TRIGGER refuse_created BEFORE INSERT ON ActivityLog WHEN NEW.Kind = '{ActivityKind.EventCreated}' BEGIN SELECT RAISE(ABORT, 'refused'); END"));
        await Assert.ThrowsAsync<DbUpdateException>(() => App.WithServiceAsync<EventService, Event>(async s => (await s.SaveAsync(null, new EventInput(
            "Half written", "half-written", EventKind.Dialogue, null, new DateTime(2027, 9, 14, 9, 0, 0), new DateTime(2027, 9, 14, 17, 0, 0),
            "Asia/Shanghai", null, null, null))).Value!));
        Assert.False(await App.WithDbAsync(db => db.Events.AnyAsync(e => e.Slug == "half-written")));
    }

    [Fact]
    public async Task A_refused_change_leaves_no_line()
    {
        // An event whose registration was never set up: deciding is refused under the places lock.
        var ev = await App.WithServiceAsync<EventService, Event>(async s => (await s.SaveAsync(null, new EventInput(
            "Unopened", "unopened", EventKind.Dialogue, null, new DateTime(2027, 9, 14, 9, 0, 0), new DateTime(2027, 9, 14, 17, 0, 0),
            "Asia/Shanghai", null, null, null))).Value!);

        var refused = await App.WithServiceAsync<RegistrationDecisions, bool>(async d => (await d.ApproveAsync(ev.Id, [1, 2])).Succeeded);

        Assert.False(refused);
        Assert.Equal([ActivityKind.EventCreated], await App.WithDbAsync(db => db.Activity.Where(a => a.EventId == ev.Id).Select(a => a.Kind).ToListAsync()));
    }

    [Fact]
    public async Task The_changes_others_ask_about_are_logged_each_in_words_on_the_activity_page()
    {
        var ev = await App.CreateEventAsync("logged");
        (await App.Client().RegisterAsync("logged", RegistrationSupport.Delegate("a@example.edu"))).Dispose();
        var id = (await App.RegistrationsAsync(ev.Id)).Single().Id;
        Assert.True(await App.WithServiceAsync<RegistrationCheckIn, bool>(async c => (await c.CheckInAsync(ev.Id, id, true)).Succeeded));
        Assert.True(await App.WithServiceAsync<RegistrationCheckIn, bool>(async c => (await c.CheckInAsync(ev.Id, id, true)).Succeeded));
        Assert.True(await App.WithServiceAsync<EventService, bool>(async s => (await s.SaveAsync(ev.Id, new EventInput("Renamed", "logged", EventKind.Dialogue, null,
            new DateTime(2027, 9, 14, 9, 0, 0), new DateTime(2027, 9, 15, 17, 30, 0), "Asia/Shanghai", null, null, null))).Succeeded));

        var kinds = await App.WithDbAsync(db => db.Activity.Where(a => a.EventId == ev.Id).OrderBy(a => a.Id).Select(a => a.Kind).ToListAsync());
        // Checking in twice is one arrival.
        Assert.Equal([ActivityKind.EventCreated, ActivityKind.RegistrationSettingsChanged, ActivityKind.CheckedIn, ActivityKind.EventChanged], kinds);
        var shown = (await Organiser.GetPageAsync($"/organiser/activity?eventId={ev.Id}")).QuerySelectorAll("#activity tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains("changed the event's details", shown[0]);
        Assert.Contains("Aigerim Nurlanqyzy (Айгерім Нұрланқызы): checked in at the desk", System.Text.RegularExpressions.Regex.Replace(shown[1], @"\s+", " "));
        Assert.Contains("changed the registration settings", shown[2]);
        Assert.Contains("created the event Dialogue logged", shown[3]);
    }
}
