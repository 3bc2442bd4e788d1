using System.Net;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Tests;

/// <summary>Every document and export that names people is sent so that no browser or proxy keeps a copy.</summary>
public sealed class DocumentCachingTests
{
    [Fact]
    public async Task Pdfs_and_exports_with_names_are_never_cached()
    {
        await using var app = new AppFactory(demoSeed: true);
        var organiser = app.Client();
        await organiser.LoginAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        var dialogue = await app.WithDbAsync(db => db.Events.Where(e => e.Slug == Core.Data.DemoData.DialogueSlug).Select(e => e.Id).SingleAsync());
        var ceremony = await app.WithDbAsync(db => db.Sessions.Where(s => s.Kind == Core.Agenda.SessionKind.SigningCeremony).Select(s => s.Id).SingleAsync());

        foreach (var (url, type) in new[]
                 {
                     ($"/organiser/ceremonies/{ceremony}/run-sheet.pdf", "application/pdf"),
                     ($"/staff/ceremonies/{ceremony}/place-cards.pdf", "application/pdf"),
                     ($"/staff/events/{dialogue}/badges.pdf", "application/pdf"),
                     ($"/organiser/events/{dialogue}/visa-letters.pdf", "application/pdf"),
                     ($"/organiser/events/{dialogue}/registrations.csv", "text/csv"),
                 })
        {
            using var response = await organiser.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}");
            Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
            Assert.True(response.Headers.CacheControl?.NoStore, $"{url} may be cached: {response.Headers.CacheControl}");
        }
    }
}
