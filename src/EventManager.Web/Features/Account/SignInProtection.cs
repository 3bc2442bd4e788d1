using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using EventManager.Core.Data;
using EventManager.Web.Configuration;
using EventManager.Web.Features.Team;
using EventManager.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace EventManager.Web.Features.Account;

/// <summary>
/// Wrong passwords are counted per account <em>and</em> client address. After a few, that address waits before it may
/// try that account again; every other address (the organiser at their desk) signs in as usual. A stranger can slow
/// their own guessing, never lock someone else out. The per-address rate limit on the sign-in form bounds how many
/// accounts one address can try. Accounts that do not exist are counted the same way, so the answer never tells.
/// </summary>
public sealed class SignInThrottle(RateLimitSettings settings, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Failures> failures = new();

    /// <summary>How long the address must still wait before it may try this account again, or null if it may now.</summary>
    public TimeSpan? PauseLeft(string email, string address)
    {
        if (!failures.TryGetValue(Key(email, address), out var entry))
        {
            return null;
        }

        lock (entry)
        {
            var now = time.GetUtcNow();
            entry.Times.RemoveAll(t => t + settings.FailedSignInPause <= now);
            return entry.Times.Count >= settings.FailedSignInsPerAccountAndAddress ? entry.Times[0] + settings.FailedSignInPause - now : null;
        }
    }

    public void Failed(string email, string address)
    {
        if (failures.Count > 100_000)
        {
            Prune();
        }

        var entry = failures.GetOrAdd(Key(email, address), _ => new Failures());
        lock (entry)
        {
            entry.Times.Add(time.GetUtcNow());
        }
    }

    public void Succeeded(string email, string address) => failures.TryRemove(Key(email, address), out _);

    private void Prune()
    {
        var now = time.GetUtcNow();
        foreach (var (key, entry) in failures)
        {
            lock (entry)
            {
                if (entry.Times.All(t => t + settings.FailedSignInPause <= now))
                {
                    failures.TryRemove(key, out _);
                }
            }
        }
    }

    private static string Key(string email, string address) => email.Trim().ToUpperInvariant() + "\n" + address;

    private sealed class Failures
    {
        public List<DateTimeOffset> Times { get; } = [];
    }
}

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
/// is made, stored and mailed (an account) or not (no account) cannot be told from how long the answer took.
/// </summary>
public sealed class PasswordLinkQueue(IServiceScopeFactory scopes, ILogger<PasswordLinkQueue> logger) : BackgroundService
{
    private readonly Channel<(string Email, string Culture)> requests =
        Channel.CreateBounded<(string, string)>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropWrite });
    private int pending;

    public void Request(string email)
    {
        Interlocked.Increment(ref pending);
        if (!requests.Writer.TryWrite((email, CultureInfo.CurrentUICulture.Name)))
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
        await foreach (var (email, culture) in requests.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
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
