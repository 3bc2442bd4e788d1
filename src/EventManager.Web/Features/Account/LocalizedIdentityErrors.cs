using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Account;

/// <summary>The errors Identity reports, in the user's language, for the ones a person can meet here.</summary>
public sealed class LocalizedIdentityErrors(IStringLocalizer<SharedResource> t) : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        Error(nameof(PasswordTooShort), t["Choose a password of at least {0} characters. A few words in a row are easy to remember.", length]);

    public override IdentityError PasswordMismatch() =>
        Error(nameof(PasswordMismatch), t["That is not your current password."]);

    public override IdentityError InvalidToken() =>
        Error(nameof(InvalidToken), t["This link no longer works. Ask for a new one."]);

    public override IdentityError DuplicateEmail(string email) =>
        Error(nameof(DuplicateEmail), t["{0} already has an account.", email]);

    public override IdentityError DuplicateUserName(string userName) =>
        Error(nameof(DuplicateUserName), t["{0} already has an account.", userName]);

    public override IdentityError InvalidEmail(string? email) =>
        Error(nameof(InvalidEmail), t["Enter an email address like name@example.org."]);

    public override IdentityError InvalidUserName(string? userName) =>
        Error(nameof(InvalidUserName), t["Enter an email address like name@example.org."]);

    public override IdentityError DefaultError() =>
        Error(nameof(DefaultError), t["Something went wrong. Please try again."]);

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
