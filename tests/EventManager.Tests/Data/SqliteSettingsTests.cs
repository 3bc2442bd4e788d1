using EventManager.Core.Data;
using EventManager.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EventManager.Tests;

/// <summary>
/// The app's SQLite settings (synchronous=NORMAL under WAL, a busy timeout so a second writer waits) hold on every
/// connection its contexts use: the first one and the pooled ones opened again, which are not configured twice.
/// </summary>
public sealed class SqliteSettingsTests : IDisposable
{
    private readonly AppFactory app = new();

    [Fact]
    public async Task Every_connection_the_app_opens_commits_without_a_full_sync_and_waits_for_the_write_lock()
    {
        _ = app.Server;
        for (var i = 0; i < 5; i++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<EventManagerDbContext>();
            // One query opens and closes the connection; the settings are read on the next open, from the pool.
            Assert.True(await db.Events.CountAsync() >= 0);
            Assert.Equal(1, await Pragma(db, "synchronous"));  // NORMAL; under WAL the default would be FULL (2)
            Assert.Equal(10_000, await Pragma(db, "busy_timeout"));
        }
    }

    private static async Task<long> Pragma(EventManagerDbContext db, string name) =>
        (await db.Database.SqlQueryRaw<long>($"SELECT * FROM pragma_{name}").ToListAsync()).Single();

    public void Dispose() => app.Dispose();
}
