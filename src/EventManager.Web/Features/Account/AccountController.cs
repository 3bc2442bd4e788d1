using System.ComponentModel.DataAnnotations;
using EventManager.Core.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
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

[Route("/account")]
public sealed class AccountController(SignInManager<AppUser> signIn, UserManager<AppUser> users, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("login")]
    [AllowAnonymous]
    public IActionResult Login(string? returnUrl) => View(new LoginForm { ReturnUrl = returnUrl });

    [HttpPost("login")]
    [AllowAnonymous]
    public async Task<IActionResult> Login([FromForm] LoginForm form)
    {
        if (ModelState.IsValid)
        {
            var result = await signIn.PasswordSignInAsync(form.Email!.Trim(), form.Password!, form.RememberMe, lockoutOnFailure: true);
            if (result.Succeeded)
            {
                if (Url.IsLocalUrl(form.ReturnUrl))
                {
                    return LocalRedirect(form.ReturnUrl);
                }

                var user = await users.FindByEmailAsync(form.Email.Trim());
                var organiser = user is not null && await users.IsInRoleAsync(user, Roles.Organiser);
                var staff = user is not null && await users.IsInRoleAsync(user, Roles.Staff);
                return LocalRedirect(organiser ? "/organiser" : staff ? "/staff" : "/");
            }

            ModelState.AddModelError("", result.IsLockedOut
                ? t["Too many failed attempts. Try again in a few minutes."]
                : t["The email or password is wrong."]);
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        form.Password = null;
        return View(form);
    }

    [HttpPost("logout")]
    public async Task<IActionResult> Logout()
    {
        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }

    [HttpGet("denied")]
    public IActionResult Denied()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View();
    }
}
