using System.Security.Claims;
using EventManager.Core.Data;
using EventManager.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Account;

/// <summary>The two-factor page: turn it on with an authenticator app, see how many recovery codes are left, turn it off.</summary>
public sealed record TwoFactorPage(bool Enabled, bool Required, int RecoveryCodesLeft, string? SharedKey, string? QrCodeDataUri, IReadOnlyList<string>? NewRecoveryCodes)
{
    /// <summary>The account's passkeys: name, when added, and the id (base64url) to remove one by.</summary>
    public IReadOnlyList<(string Id, string? Name, DateTimeOffset CreatedAt)> Passkeys { get; init; } = [];
}

/// <summary>
/// Two-factor sign-in with an authenticator app (TOTP, RFC 6238, through Identity) and ten one-use recovery codes.
/// Organisers may require it of the whole team; until someone has it, every page leads them here.
/// </summary>
[Route("/account")]
public sealed class TwoFactorController(
    SignInManager<AppUser> signIn,
    UserManager<AppUser> users,
    TwoFactorRequirement requirement,
    IStringLocalizer<SharedResource> t) : Controller
{
    private const int RecoveryCodeCount = 10;

    [HttpGet("two-factor")]
    [Authorize]
    [PrivateLink]
    public async Task<IActionResult> Index()
    {
        var account = await users.GetUserAsync(User);
        return account is null ? Challenge() : View(await PageAsync(account, null));
    }

    [HttpPost("two-factor/enable")]
    [Authorize]
    [PrivateLink]
    public async Task<IActionResult> Enable([FromForm] string? code)
    {
        var account = await users.GetUserAsync(User);
        if (account is null)
        {
            return Challenge();
        }

        if (!account.TwoFactorEnabled && await IsCurrentCodeAsync(account, code))
        {
            await users.SetTwoFactorEnabledAsync(account, true);
            var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(account, RecoveryCodeCount))!.ToList();
            // This browser proved the code just now: it counts as signed in with two factors.
            await signIn.SignInWithClaimsAsync(account, isPersistent: false, [new Claim("amr", "mfa")]);
            TempData["Notice"] = t["Two-factor sign-in is on. From now on you type a code from your app after your password."].Value;
            return View("Index", await PageAsync(account, codes));
        }

        ModelState.AddModelError("code", t["That code is not right. Type the six digits your app shows now."]);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View("Index", await PageAsync(account, null));
    }

    [HttpPost("two-factor/recovery-codes")]
    [Authorize]
    [PrivateLink]
    public async Task<IActionResult> NewRecoveryCodes()
    {
        var account = await users.GetUserAsync(User);
        if (account is null || !account.TwoFactorEnabled)
        {
            return Redirect("/account/two-factor");
        }

        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(account, RecoveryCodeCount))!.ToList();
        TempData["Notice"] = t["New recovery codes are made; the earlier ones no longer work."].Value;
        return View("Index", await PageAsync(account, codes));
    }

    [HttpPost("two-factor/disable")]
    [Authorize]
    public async Task<IActionResult> Disable([FromForm] string? code)
    {
        var account = await users.GetUserAsync(User);
        if (account is null)
        {
            return Challenge();
        }

        if (await requirement.IsRequiredAsync())
        {
            TempData["Problem"] = t["The organisers require two-factor sign-in for the whole team: it cannot be turned off."].Value;
            return Redirect("/account/two-factor");
        }

        if (account.TwoFactorEnabled && await IsCurrentCodeAsync(account, code))
        {
            await users.SetTwoFactorEnabledAsync(account, false);
            await users.ResetAuthenticatorKeyAsync(account);
            await signIn.RefreshSignInAsync(account);
            TempData["Notice"] = t["Two-factor sign-in is off. Your password alone signs you in."].Value;
            return Redirect("/account/two-factor");
        }

        ModelState.AddModelError("disable-code", t["That code is not right. Type the six digits your app shows now."]);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View("Index", await PageAsync(account, null));
    }

    private async Task<TwoFactorPage> PageAsync(AppUser account, IReadOnlyList<string>? newCodes) =>
        await TotpPageAsync(account, newCodes) with
        {
            Passkeys = (await users.GetPasskeysAsync(account))
                .Select(p => (Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(p.CredentialId), p.Name, p.CreatedAt))
                .OrderBy(p => p.CreatedAt).ToList(),
        };

    private async Task<TwoFactorPage> TotpPageAsync(AppUser account, IReadOnlyList<string>? newCodes)
    {
        var required = await requirement.IsRequiredAsync();
        if (account.TwoFactorEnabled)
        {
            return new TwoFactorPage(true, required, await users.CountRecoveryCodesAsync(account), null, null, newCodes);
        }

        var key = await users.GetAuthenticatorKeyAsync(account);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(account);
            key = (await users.GetAuthenticatorKeyAsync(account))!;
        }

        var issuer = Uri.EscapeDataString("EventManager");
        var uri = $"otpauth://totp/{issuer}:{Uri.EscapeDataString(account.Email!)}?secret={key}&issuer={issuer}&digits=6";
        using var data = new QRCoder.QRCodeGenerator().CreateQrCode(uri, QRCoder.QRCodeGenerator.ECCLevel.M);
        var svg = new QRCoder.SvgQRCode(data).GetGraphic(4);
        var dataUri = "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(svg));
        var grouped = string.Join(" ", key.ToLowerInvariant().Chunk(4).Select(c => new string(c)));
        return new TwoFactorPage(false, required, 0, grouped, dataUri, null);
    }

    /// <summary>Whether <paramref name="code"/> is what the account's authenticator app shows now.</summary>
    private async Task<bool> IsCurrentCodeAsync(AppUser account, string? code)
    {
        var typed = TwoFactorCode.Normalize(code);
        return typed.Length == 6 && await users.VerifyTwoFactorTokenAsync(account, users.Options.Tokens.AuthenticatorTokenProvider, typed);
    }

}
