using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EventManager.Core.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace EventManager.Web.Features.Team;

/// <summary>
/// The token in invitation and password links. Identity's own provider reads the system clock; this one
/// asks <see cref="TimeProvider"/>, so "the link works for 72 hours" is a rule tests can check. A token
/// names its account, purpose and security stamp: a new password, a newer link or removed access ends it.
/// </summary>
public sealed class AccountLinkTokenProvider(IDataProtectionProvider protection, TimeProvider time) : IUserTwoFactorTokenProvider<AppUser>
{
    public const string Name = "AccountLink";

    private readonly IDataProtector protector = protection.CreateProtector("EventManager.AccountLinks.v1");

    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<AppUser> manager, AppUser user) => Task.FromResult(false);

    public async Task<string> GenerateAsync(string purpose, UserManager<AppUser> manager, AppUser user)
    {
        var payload = string.Join('\n', time.GetUtcNow().UtcTicks.ToString(CultureInfo.InvariantCulture), user.Id, purpose, await manager.GetSecurityStampAsync(user));
        return WebEncoders.Base64UrlEncode(protector.Protect(Encoding.UTF8.GetBytes(payload)));
    }

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        string[] parts;
        try
        {
            parts = Encoding.UTF8.GetString(protector.Unprotect(WebEncoders.Base64UrlDecode(token))).Split('\n');
        }
        catch (Exception error) when (error is CryptographicException or FormatException)
        {
            return false;
        }

        if (parts.Length != 4 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var createdTicks))
        {
            return false;
        }

        var created = new DateTimeOffset(createdTicks, TimeSpan.Zero);
        return created + AccountLinks.Lifetime >= time.GetUtcNow()
            && parts[1] == user.Id
            && parts[2] == purpose
            && parts[3] == await manager.GetSecurityStampAsync(user);
    }
}
