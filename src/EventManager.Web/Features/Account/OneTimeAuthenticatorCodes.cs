using System.Globalization;
using System.Security.Cryptography;
using EventManager.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Web.Features.Account;

/// <summary>
/// Codes from an authenticator app (RFC 6238: HMAC-SHA1, 30-second steps, six digits), each good once: the time step
/// of the last code accepted for an account is kept in the database (every instance sees it), and a code of that step
/// or an earlier one is refused. Without it, a code read over a shoulder or from a phishing page signs in again for
/// the next minute and a half. Steps from two before to two after now are accepted, for phones whose clocks drift.
/// </summary>
public sealed class OneTimeAuthenticatorCodes(IServiceScopeFactory scopes, TimeProvider time) : IUserTwoFactorTokenProvider<AppUser>
{
    public const string Name = "OneTimeAuthenticator";
    private const string TokenProvider = "[EventManager]";
    private const string TokenName = "LastAuthenticatorStep";
    private const int Drift = 2;

    public Task<string> GenerateAsync(string purpose, UserManager<AppUser> manager, AppUser user) => Task.FromResult(string.Empty);

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<AppUser> manager, AppUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        var typed = TwoFactorCode.Normalize(token);
        if (string.IsNullOrWhiteSpace(key) || typed.Length != 6 || !typed.All(char.IsAsciiDigit))
        {
            return false;
        }

        var secret = Base32(key);
        var now = time.GetUtcNow().ToUnixTimeSeconds() / 30;
        // The newest matching step: a code is claimed as late as it can be.
        for (var step = now + Drift; step >= now - Drift; step--)
        {
            if (CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Code(secret, step)), System.Text.Encoding.ASCII.GetBytes(typed)))
            {
                return await ClaimAsync(user.Id, step);
            }
        }

        return false;
    }

    /// <summary>Records the step as the account's last, if it is later than the last: one conditional update, so two instances cannot both accept it.</summary>
    private async Task<bool> ClaimAsync(string userId, long step)
    {
        // A context of its own: the request's holds the account Identity is about to update.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EventManagerDbContext>();
        // Fixed width, so the database's text comparison orders steps as numbers.
        var value = step.ToString("D20", CultureInfo.InvariantCulture);
        if (!await db.UserTokens.AnyAsync(t => t.UserId == userId && t.LoginProvider == TokenProvider && t.Name == TokenName))
        {
            try
            {
                db.UserTokens.Add(new IdentityUserToken<string> { UserId = userId, LoginProvider = TokenProvider, Name = TokenName, Value = new string('0', 20) });
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException)
            {
                // Another instance added it first.
            }
        }

        return await db.UserTokens
            .Where(t => t.UserId == userId && t.LoginProvider == TokenProvider && t.Name == TokenName && string.Compare(t.Value, value) < 0)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.Value, value)) == 1;
    }

    private static string Code(byte[] secret, long step)
    {
        var counter = BitConverter.GetBytes(step);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }

        var hash = HMACSHA1.HashData(secret, counter);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant().TrimEnd('='))
        {
            var value = alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                continue;
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}
