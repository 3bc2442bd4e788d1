using EventManager.Core.Data;
using EventManager.Web.Configuration;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Account;

public sealed record TwoFactorSignInPage(string? ReturnUrl, bool Remember);

/// <summary>How a code is typed: spaces and hyphens are the reader's, not the code's.</summary>
public static class TwoFactorCode
{
    public static string Normalize(string? code) => new((code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());

    /// <summary>A recovery code as issued (upper case, "ABCDE-12345"), however it was typed: lower case, spaces, no hyphen.</summary>
    public static string Recovery(string? code)
    {
        var compact = new string((code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray()).ToUpperInvariant();
        return compact.Length == 10 ? $"{compact[..5]}-{compact[5..]}" : compact;
    }
}

/// <summary>The second step of signing in: after the password, a code from the authenticator app or a recovery code.</summary>
[Route("/account")]
public sealed class TwoFactorSignInController(SignInManager<AppUser> signIn, UserManager<AppUser> users, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("login/two-factor")]
    [AllowAnonymous]
    public async Task<IActionResult> SignIn(string? returnUrl, bool remember) =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null
            ? Redirect("/account/login")
            : View(new TwoFactorSignInPage(Url.IsLocalUrl(returnUrl) ? returnUrl : null, remember));

    [HttpPost("login/two-factor")]
    [AllowAnonymous]
    [EnableRateLimiting(SecurityConfiguration.SignInPolicy)]
    public async Task<IActionResult> SignIn([FromForm] string? code, [FromForm] string? returnUrl, [FromForm] bool remember)
    {
        var account = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (account is null)
        {
            // The password step was too long ago (or never happened).
            TempData["Notice"] = t["Sign in again: the code must follow the password within a few minutes."].Value;
            return Redirect("/account/login");
        }

        var typed = TwoFactorCode.Normalize(code);
        if (typed.Length > 0)
        {
            // Six digits are an authenticator code; anything else is tried as a recovery code (they look like abcde-12345).
            var recovery = TwoFactorCode.Recovery(code);
            var result = typed.Length == 6 && typed.All(char.IsAsciiDigit)
                ? await signIn.TwoFactorAuthenticatorSignInAsync(typed, remember, rememberClient: false)
                : await signIn.TwoFactorRecoveryCodeSignInAsync(recovery);
            if (result.Succeeded)
            {
                return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : await AccountHome.OfAsync(users, account));
            }

            ModelState.AddModelError("code", result.IsLockedOut
                ? t["Too many wrong codes. Try again in a few minutes."]
                : t["That code is not right. Type the six digits your app shows now, or one of your recovery codes."]);
        }
        else
        {
            ModelState.AddModelError("code", t["Type the six digits your app shows, or one of your recovery codes."]);
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(new TwoFactorSignInPage(Url.IsLocalUrl(returnUrl) ? returnUrl : null, remember));
    }
}
