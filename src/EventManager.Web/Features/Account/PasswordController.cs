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

/// <summary>Passwords: chosen from an invitation or reset link, asked for when forgotten, changed when signed in.</summary>
[Route("/account")]
public sealed class PasswordController(
    SignInManager<AppUser> signIn,
    UserManager<AppUser> users,
    PasswordLinkQueue passwordLinks,
    IStringLocalizer<SharedResource> t) : Controller
{
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
