using System.Security.Claims;
using EventManager.Core.Data;
using EventManager.Web.Configuration;
using EventManager.Web.Features.Team;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Account;

/// <summary>
/// Passkeys (WebAuthn, through Identity's own support in .NET 10): organisers and staff add one on the two-factor
/// page and sign in with it instead of a password and a code. The browser's part is wwwroot/js/passkeys.js; without
/// script the buttons stay hidden and the password form works as before. A passkey proves possession of a device
/// and its unlocking (user verification), so a passkey sign-in counts as two factors.
/// </summary>
[Route("/account")]
public sealed class PasskeysController(SignInManager<AppUser> signIn, UserManager<AppUser> users, TimeProvider time, IStringLocalizer<SharedResource> t) : Controller
{
    /// <summary>Step one of adding a passkey: the options for navigator.credentials.create().</summary>
    [HttpPost("passkeys/options")]
    [Authorize]
    public async Task<IActionResult> CreationOptions()
    {
        var account = await users.GetUserAsync(User);
        if (account is null)
        {
            return Challenge();
        }

        var options = await signIn.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity
        {
            Id = await users.GetUserIdAsync(account),
            Name = account.Email!,
            DisplayName = account.DisplayName ?? account.Email!,
        });
        return Content(options, "application/json");
    }

    /// <summary>Step two: the browser's new credential, checked and stored.</summary>
    [HttpPost("passkeys")]
    [Authorize]
    public async Task<IActionResult> Add([FromForm] string? credential, [FromForm] string? name)
    {
        var account = await users.GetUserAsync(User);
        if (account is null)
        {
            return Challenge();
        }

        var result = string.IsNullOrEmpty(credential) ? null : await signIn.PerformPasskeyAttestationAsync(credential);
        if (result is not { Succeeded: true })
        {
            TempData["Problem"] = t["The passkey could not be added. Try again, or use another device."].Value;
            return Redirect("/account/two-factor");
        }

        var passkey = result.Passkey;
        var typed = name?.Trim() ?? "";
        passkey.Name = typed.Length == 0
            ? t["Passkey added on {0}", time.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)].Value
            : typed[..Math.Min(100, typed.Length)];
        var stored = await users.AddOrUpdatePasskeyAsync(account, passkey);
        TempData[stored.Succeeded ? "Notice" : "Problem"] = stored.Succeeded
            ? t["Your passkey is added. Next time, choose “Sign in with a passkey”."].Value
            : t["The passkey could not be added. Try again, or use another device."].Value;
        return Redirect("/account/two-factor");
    }

    [HttpPost("passkeys/{credentialId}/remove")]
    [Authorize]
    public async Task<IActionResult> Remove(string credentialId)
    {
        var account = await users.GetUserAsync(User);
        if (account is null)
        {
            return Challenge();
        }

        var id = FromBase64Url(credentialId);
        if (id is not null && (await users.RemovePasskeyAsync(account, id)).Succeeded)
        {
            TempData["Notice"] = t["The passkey is removed; it no longer signs you in."].Value;
        }

        return Redirect("/account/two-factor");
    }

    /// <summary>Step one of signing in: options for navigator.credentials.get(), for any passkey of this site.</summary>
    [HttpPost("login/passkey/options")]
    [AllowAnonymous]
    [EnableRateLimiting(SecurityConfiguration.SignInPolicy)]
    public async Task<IActionResult> RequestOptions() =>
        Content(await signIn.MakePasskeyRequestOptionsAsync(null), "application/json");

    [HttpPost("login/passkey")]
    [AllowAnonymous]
    [EnableRateLimiting(SecurityConfiguration.SignInPolicy)]
    public async Task<IActionResult> SignIn([FromForm] string? credential, [FromForm] string? returnUrl)
    {
        var result = string.IsNullOrEmpty(credential) ? null : await signIn.PerformPasskeyAssertionAsync(credential);
        if (result is { Succeeded: true } && !TeamService.IsRemoved(result.User) && !await users.IsLockedOutAsync(result.User))
        {
            // The signature count and last use are kept with the passkey.
            await users.AddOrUpdatePasskeyAsync(result.User, result.Passkey);
            await signIn.SignInWithClaimsAsync(result.User, isPersistent: false, [new Claim("amr", "mfa"), new Claim("amr", "pop")]);
            return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : await AccountHome.OfAsync(users, result.User));
        }

        TempData["Problem"] = t["That passkey does not sign anyone in here. Use your password, or another passkey."].Value;
        return Redirect("/account/login");
    }

    private static byte[]? FromBase64Url(string text)
    {
        try
        {
            return Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
