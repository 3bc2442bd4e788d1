using System.ComponentModel.DataAnnotations;
using EventManager.Core.Data;
using EventManager.Web.Configuration;
using EventManager.Web.Features.Team;
using EventManager.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Account;

public sealed class LoginForm
{
    [Display(Name = "Email")]
    [Required(ErrorMessage = "Enter your email address.")]
    public string? Email { get; set; }

    [Display(Name = "Password")]
    [Required(ErrorMessage = "Enter your password.")]
    [DataType(DataType.Password)]
    public string? Password { get; set; }

    [Display(Name = "Keep me signed in")]
    public bool RememberMe { get; set; }

    public string? ReturnUrl { get; set; }
}

/// <summary>A new password, typed twice: setting one from a link, or changing one's own.</summary>
[Route("/account")]
public sealed class AccountController(
    SignInManager<AppUser> signIn,
    UserManager<AppUser> users,
    SignInThrottle throttle,
    PasswordCheck passwords,
    IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("login")]
    [AllowAnonymous]
    public IActionResult Login(string? returnUrl) => View(new LoginForm { ReturnUrl = returnUrl });

    [HttpPost("login")]
    [AllowAnonymous]
    [EnableRateLimiting(SecurityConfiguration.SignInPolicy)]
    public async Task<IActionResult> Login([FromForm] LoginForm form)
    {
        if (ModelState.IsValid)
        {
            var email = form.Email!.Trim();
            var address = SecurityConfiguration.ClientAddress(HttpContext);
            if (await throttle.WaitAsync(email, address, HttpContext.RequestAborted) is { } wait)
            {
                // Said alike for accounts that exist and those that do not; other addresses are not held back.
                var minutes = Math.Max(1, (int)Math.Ceiling(wait.Left.TotalMinutes));
                ModelState.AddModelError("", wait.FromEverywhere
                    ? t["This account has had many failed attempts in the last hour. Wait {0} seconds and try again.", Math.Max(1, (int)Math.Ceiling(wait.Left.TotalSeconds))]
                    : t["Too many failed attempts for this account from your address. Try again in {0} minutes.", minutes]);
            }
            else
            {
                var outcome = await SignInAsync(email, form.Password!, form.RememberMe);
                if (outcome is { } done)
                {
                    await throttle.SucceededAsync(email, address, HttpContext.RequestAborted);
                    return done;
                }

                await throttle.FailedAsync(email, address, HttpContext.RequestAborted);
            }
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        form.Password = null;
        return View(form);
    }

    /// <summary>
    /// One password check whatever the account: a missing one against a dummy hash, a removed one told so only with
    /// its right password. Identity's own lockout is not used: anyone could lock anyone out with it.
    /// </summary>
    private async Task<IActionResult?> SignInAsync(string email, string password, bool remember)
    {
        var account = await users.FindByEmailAsync(email);
        if (account is null)
        {
            passwords.AgainstNobody(password);
            ModelState.AddModelError("", t["The email or password is wrong."]);
            return null;
        }

        if (TeamService.IsRemoved(account))
        {
            ModelState.AddModelError("", await users.CheckPasswordAsync(account, password)
                ? t["This account no longer has access. Ask an organiser if you need it again."]
                : t["The email or password is wrong."]);
            return null;
        }

        var result = await signIn.PasswordSignInAsync(account, password, remember, lockoutOnFailure: false);
        if (result.RequiresTwoFactor)
        {
            return RedirectToAction(nameof(TwoFactorSignInController.SignIn), "TwoFactorSignIn", new { returnUrl = LocalOrNull(Request.Form["ReturnUrl"]), remember });
        }

        if (!result.Succeeded)
        {
            // Locked only after wrong two-factor codes, which need the password first: say so only to whoever knows it.
            ModelState.AddModelError("", result.IsLockedOut && await users.CheckPasswordAsync(account, password)
                ? t["Too many wrong codes. Try again in a few minutes."]
                : t["The email or password is wrong."]);
            return null;
        }

        var returnUrl = Request.Form["ReturnUrl"].ToString();
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : await HomeOfAsync(account));
    }

    private string? LocalOrNull(string? url) => Url.IsLocalUrl(url) ? url : null;

    [HttpPost("logout")]
    public async Task<IActionResult> Logout()
    {
        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }

    /// <summary>Where an invitation or a "forgot your password" message leads.</summary>
    [HttpGet("denied")]
    public IActionResult Denied()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View();
    }

    /// <summary>The account a set-password link is for, if the link still works and the account may sign in.</summary>
    private Task<string> HomeOfAsync(AppUser? user) => AccountHome.OfAsync(users, user);
}
