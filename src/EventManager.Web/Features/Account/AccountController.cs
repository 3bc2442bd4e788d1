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
public abstract class NewPasswordForm
{
    [Display(Name = "New password")]
    [Required(ErrorMessage = "Choose a password.")]
    [DataType(DataType.Password)]
    public string? Password { get; set; }

    [Display(Name = "The same password again")]
    [Required(ErrorMessage = "Type the password a second time.")]
    [Compare(nameof(Password), ErrorMessage = "The two passwords are not the same.")]
    [DataType(DataType.Password)]
    public string? ConfirmPassword { get; set; }
}

public sealed class SetPasswordForm : NewPasswordForm
{
    public string? User { get; set; }
    public string? Token { get; set; }
}

/// <summary>The set-password page: who the link is for, or why it no longer works.</summary>
public sealed record SetPasswordPage(SetPasswordForm Form, string? Email, bool Invitation, bool LinkWorks);

public sealed class ForgotPasswordForm
{
    [Display(Name = "Email")]
    [Required(ErrorMessage = "Enter your email address.")]
    public string? Email { get; set; }
}

public sealed class ChangePasswordForm : NewPasswordForm
{
    [Display(Name = "Current password")]
    [Required(ErrorMessage = "Enter your current password.")]
    [DataType(DataType.Password)]
    public string? CurrentPassword { get; set; }
}

[Route("/account")]
public sealed class AccountController(
    SignInManager<AppUser> signIn,
    UserManager<AppUser> users,
    SignInThrottle throttle,
    PasswordCheck passwords,
    PasswordLinkQueue passwordLinks,
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
            if (throttle.PauseLeft(email, address) is { } left)
            {
                // Said alike for accounts that exist and those that do not; other addresses are not held back.
                var minutes = Math.Max(1, (int)Math.Ceiling(left.TotalMinutes));
                ModelState.AddModelError("", t["Too many failed attempts for this account from your address. Try again in {0} minutes.", minutes]);
            }
            else
            {
                var outcome = await SignInAsync(email, form.Password!, form.RememberMe);
                if (outcome is { } done)
                {
                    throttle.Succeeded(email, address);
                    return done;
                }

                throttle.Failed(email, address);
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
            return RedirectToAction(nameof(TwoFactorController.SignIn), "TwoFactor", new { returnUrl = LocalOrNull(Request.Form["ReturnUrl"]), remember });
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
    [HttpGet("set-password")]
    [AllowAnonymous]
    [PrivateLink]
    public async Task<IActionResult> SetPassword(string? user, string? token)
    {
        var form = new SetPasswordForm { User = user, Token = token };
        var account = await LinkAccountAsync(user, token);
        if (account is null)
        {
            Response.StatusCode = StatusCodes.Status410Gone;
        }

        return View(new SetPasswordPage(form, account?.Email, account?.PasswordHash is null, account is not null));
    }

    [HttpPost("set-password")]
    [AllowAnonymous]
    [PrivateLink]
    [EnableRateLimiting(WebConfiguration.PublicFormsPolicy)]
    public async Task<IActionResult> SetPassword([FromForm] SetPasswordForm form)
    {
        var account = await LinkAccountAsync(form.User, form.Token);
        if (account is null)
        {
            Response.StatusCode = StatusCodes.Status410Gone;
            return View(new SetPasswordPage(form, null, false, false));
        }

        var invitation = account.PasswordHash is null;
        if (ModelState.IsValid)
        {
            var result = await users.ResetPasswordAsync(account, form.Token!, form.Password!);
            if (result.Succeeded)
            {
                // Following the link proved the address; the lockout count starts again.
                account.EmailConfirmed = true;
                account.AccessFailedCount = 0;
                account.LockoutEnd = null;
                await users.UpdateAsync(account);
                await signIn.SignInAsync(account, isPersistent: false);
                TempData["Notice"] = t["Your password is set and you are signed in."].Value;
                return LocalRedirect(await HomeOfAsync(account));
            }

            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(nameof(NewPasswordForm.Password), error.Description);
            }
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        form.Password = form.ConfirmPassword = null;
        return View(new SetPasswordPage(form, account.Email, invitation, true));
    }

    [HttpGet("forgot-password")]
    [AllowAnonymous]
    public IActionResult ForgotPassword() => View(new ForgotPasswordForm());

    [HttpPost("forgot-password")]
    [AllowAnonymous]
    [EnableRateLimiting(SecurityConfiguration.SignInPolicy)]
    public IActionResult ForgotPassword([FromForm] ForgotPasswordForm form)
    {
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View(form);
        }

        // The link is made and mailed after the answer, for any address: the answer's timing tells nothing.
        passwordLinks.Request(form.Email!.Trim());
        // The same answer whether or not the address has an account.
        TempData["Notice"] = t["If {0} belongs to an account, a link to choose a new password is on its way. It works for {1} hours.", form.Email!.Trim(), (int)AccountLinks.Lifetime.TotalHours].Value;
        return Redirect("/account/login");
    }

    [HttpGet("password")]
    [Authorize]
    public IActionResult ChangePassword() => View(new ChangePasswordForm());

    [HttpPost("password")]
    [Authorize]
    public async Task<IActionResult> ChangePassword([FromForm] ChangePasswordForm form)
    {
        var account = await users.GetUserAsync(User);
        if (account is null)
        {
            return Challenge();
        }

        if (ModelState.IsValid)
        {
            var result = await users.ChangePasswordAsync(account, form.CurrentPassword!, form.Password!);
            if (result.Succeeded)
            {
                // The new security stamp signs out every other browser; this one stays signed in.
                await signIn.RefreshSignInAsync(account);
                TempData["Notice"] = t["Your password was changed. Other browsers signed in as you are signed out."].Value;
                return LocalRedirect(await HomeOfAsync(account));
            }

            foreach (var error in result.Errors)
            {
                var field = error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? nameof(ChangePasswordForm.CurrentPassword) : nameof(NewPasswordForm.Password);
                ModelState.AddModelError(field, error.Description);
            }
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(new ChangePasswordForm());
    }

    [HttpGet("denied")]
    public IActionResult Denied()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View();
    }

    /// <summary>The account a set-password link is for, if the link still works and the account may sign in.</summary>
    private async Task<AppUser?> LinkAccountAsync(string? userId, string? token)
    {
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(token) || await users.FindByIdAsync(userId) is not { } account || TeamService.IsRemoved(account))
        {
            return null;
        }

        var works = await users.VerifyUserTokenAsync(account, users.Options.Tokens.PasswordResetTokenProvider, UserManager<AppUser>.ResetPasswordTokenPurpose, token);
        return works ? account : null;
    }

    private Task<string> HomeOfAsync(AppUser? user) => AccountHome.OfAsync(users, user);
}
