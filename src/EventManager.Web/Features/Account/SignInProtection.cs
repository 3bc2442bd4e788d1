using System.Globalization;
using System.Threading.Channels;
using EventManager.Core.Data;
using EventManager.Web.Configuration;
using EventManager.Web.Features.Team;
using EventManager.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Web.Features.Account;

/// <summary>
/// Wrong passwords are counted per account <em>and</em> client address (an IPv6 address by its /64). After a few, that
/// address waits before it may try that account again; every other address (the organiser at their desk) signs in as
/// usual. Across all addresses, an account that draws more than a ceiling of failures in an hour is slowed: each try
/// must wait a little longer after the last failure (never locked: its owner gets in with a short wait). A stranger can
/// slow guessing, never lock someone else out. Accounts that do not exist are counted the same way, so the answer never
/// tells. The failures are rows in the database, so every instance sees them; old ones are pruned.
/// </summary>
public sealed class SignInThrottle(IServiceScopeFactory scopes, RateLimitSettings settings, TimeProvider time)
{
    private static readonly TimeSpan AccountWindow = TimeSpan.FromHours(1);
    private static readonly TimeSpan LongestSlowdown = TimeSpan.FromMinutes(2);

    /// <summary>What the client must be told to wait, or null if it may try now.</summary>
    public async Task<SignInWait?> WaitAsync(string email, string address, CancellationToken cancellationToken = default)
    {
        var account = AccountKey(email);
        var now = time.GetUtcNow().UtcDateTime;
        var since = now - (settings.FailedSignInPause > AccountWindow ? settings.FailedSignInPause : AccountWindow);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EventManagerDbContext>();
        var recent = await db.SignInFailures.AsNoTracking().Where(f => f.AccountKey == account && f.AtUtc > since)
            .Select(f => new { f.ClientKey, f.AtUtc }).ToListAsync(cancellationToken);

        var fromHere = recent.Where(f => f.ClientKey == address && f.AtUtc > now - settings.FailedSignInPause).Select(f => f.AtUtc).Order().ToList();
        if (fromHere.Count >= settings.FailedSignInsPerAccountAndAddress)
        {
            return new SignInWait(fromHere[^settings.FailedSignInsPerAccountAndAddress] + settings.FailedSignInPause - now, FromEverywhere: false);
        }

        var lastHour = recent.Where(f => f.AtUtc > now - AccountWindow).Select(f => f.AtUtc).ToList();
        var over = lastHour.Count - settings.FailedSignInsPerAccountPerHour;
        if (over >= 0)
        {
            // Five seconds between tries at the ceiling, five more for each failure past it, up to two minutes.
            var slowdown = TimeSpan.FromSeconds(Math.Min(LongestSlowdown.TotalSeconds, 5 * (over + 1)));
            var left = lastHour.Max() + slowdown - now;
            if (left > TimeSpan.Zero)
            {
                return new SignInWait(left, FromEverywhere: true);
            }
        }

        return null;
    }

    public async Task FailedAsync(string email, string address, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EventManagerDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        db.SignInFailures.Add(new SignInFailure { AccountKey = AccountKey(email), ClientKey = address, AtUtc = now });
        await db.SaveChangesAsync(cancellationToken);
        // Pruned as it goes: nothing older than the longest window is ever read again.
        if (Random.Shared.Next(50) == 0)
        {
            var before = now - (settings.FailedSignInPause > AccountWindow ? settings.FailedSignInPause : AccountWindow);
            await db.SignInFailures.Where(f => f.AtUtc < before).ExecuteDeleteAsync(cancellationToken);
        }
    }

    public async Task SucceededAsync(string email, string address, CancellationToken cancellationToken = default)
    {
        var account = AccountKey(email);
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<EventManagerDbContext>().SignInFailures
            .Where(f => f.AccountKey == account && f.ClientKey == address).ExecuteDeleteAsync(cancellationToken);
    }

    private static string AccountKey(string email) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(email.Trim().ToUpperInvariant())));
}

/// <summary>How long to wait, and whether it is this address's pause or the account's slowdown from everywhere.</summary>
public sealed record SignInWait(TimeSpan Left, bool FromEverywhere);

/// <summary>
/// Checks a password in the same time whether or not the account exists: a missing account is checked against a
/// hash of a random password made with the same algorithm and work factor as real ones.
/// </summary>
public sealed class PasswordCheck(IPasswordHasher<AppUser> hasher)
{
    private static readonly AppUser Nobody = new() { UserName = "nobody", Email = "nobody@eventmanager.invalid" };
    private readonly Lazy<string> dummyHash = new(() => hasher.HashPassword(Nobody, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))));

    public void AgainstNobody(string password) => hasher.VerifyHashedPassword(Nobody, dummyHash.Value, password);

    /// <summary>Hashes once now, so the first try for a missing account costs no more than the next.</summary>
    public void Warm() => _ = dummyHash.Value;
}

/// <summary>
/// "Forgot your password?" answers at once and does the work afterwards, for every address asked about: whether a link
/// is made, stored and mailed (an account) or not (no account) cannot be told from how long the answer took. The work
/// starts a random 1–2 s after the answer, not at once: done at once it competed with the answer itself (and with the
/// asker's next request), which made an account's answer measurably slower (about half a millisecond).
/// </summary>
public sealed class PasswordLinkQueue(IServiceScopeFactory scopes, ILogger<PasswordLinkQueue> logger) : BackgroundService
{
    // Real time, not the app's clock: the delay is about the machine's work, and a test's clock standing still must not hold it.
    private readonly Channel<(string Email, string Culture, long Due)> requests =
        Channel.CreateBounded<(string, string, long)>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropWrite });
    private int pending;

    public void Request(string email)
    {
        Interlocked.Increment(ref pending);
        var due = Environment.TickCount64 + 1000 + Random.Shared.Next(1000);
        if (!requests.Writer.TryWrite((email, CultureInfo.CurrentUICulture.Name, due)))
        {
            Interlocked.Decrement(ref pending);
            logger.LogWarning("Too many password link requests are waiting; one was dropped.");
        }
    }

    /// <summary>Returns once every request made so far has been handled.</summary>
    public async Task WhenIdleAsync(CancellationToken cancellationToken = default)
    {
        while (Volatile.Read(ref pending) > 0)
        {
            await Task.Delay(20, cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (email, culture, due) in requests.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                if (due - Environment.TickCount64 is var wait and > 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(wait), stoppingToken);
                }

                await using var scope = scopes.CreateAsyncScope();
                using var language = CultureScope.Use(WebConfiguration.SupportedCultureOr(culture));
                await scope.ServiceProvider.GetRequiredService<TeamService>().SendPasswordResetAsync(email, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Could not send a password link.");
            }
            finally
            {
                Interlocked.Decrement(ref pending);
            }
        }
    }
}
