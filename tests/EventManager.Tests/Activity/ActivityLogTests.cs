using EventManager.Core.Activity;
using EventManager.Core.Events;
using EventManager.Core.Registrations;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Tests;

/// <summary>The activity line is written by the service, in the same save as the change it records.</summary>
public sealed class ActivityLogTests : SignedInOrganiserTest
{
    [Fact]
    public async Task Approving_logs_the_registrations_decided_by_whoever_did_it()
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

        var lines = await App.WithDbAsync(db => db.Activity.Where(a => a.EventId == ev.Id).OrderBy(a => a.Id).Select(a => new { a.Actor, a.Kind, a.Subject }).ToListAsync());
        Assert.Equal(2, lines.Count);
        Assert.Equal(("system", ActivityKind.RegistrationsDeclined, "1"), (lines[0].Actor, lines[0].Kind, lines[0].Subject));
        Assert.Equal((AppFactory.OrganiserEmail, ActivityKind.RegistrationsApproved, "3"), (lines[1].Actor, lines[1].Kind, lines[1].Subject));
        var shown = (await Organiser.GetPageAsync($"/organiser/activity?eventId={ev.Id}")).QuerySelector("#activity tbody tr")!.TextContent;
        Assert.Contains("approved 3 registrations", shown);
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
        Assert.Equal(0, await App.WithDbAsync(db => db.Activity.CountAsync(a => a.EventId == ev.Id)));
    }
}
