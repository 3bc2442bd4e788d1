using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Tests;

/// <summary>The demo's public passwords never reach a database that holds anything real.</summary>
public sealed class DemoSeedTests
{
    [Fact]
    public async Task The_demo_is_seeded_only_into_an_empty_database()
    {
        var folder = Directory.CreateTempSubdirectory("eventmanager-demo-").FullName;
        try
        {
            await using (var real = new AppFactory(folder))
            {
                await real.CreateEventAsync("a-real-event");
            }

            await using var restarted = new AppFactory(folder, demoSeed: true);
            _ = restarted.Client();
            var emails = await restarted.WithDbAsync(db => db.Users.Select(u => u.Email).ToListAsync());
            Assert.Equal([AppFactory.OrganiserEmail], emails);
            Assert.False(await restarted.WithDbAsync(db => db.Events.AnyAsync(e => e.Slug == Core.Data.DemoData.DialogueSlug)));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task An_empty_database_gets_the_demo_and_its_accounts()
    {
        await using var app = new AppFactory(demoSeed: true);
        var emails = await app.WithDbAsync(db => db.Users.Select(u => u.Email).ToListAsync());
        Assert.Contains(EventManager.Web.Features.Account.AccountSetup.DemoOrganiserEmail, emails);
        Assert.True(await app.WithDbAsync(db => db.Events.AnyAsync(e => e.Slug == Core.Data.DemoData.DialogueSlug)));
    }
}
