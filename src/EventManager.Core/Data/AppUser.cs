using Microsoft.AspNetCore.Identity;

namespace EventManager.Core.Data;

/// <summary>An organiser or staff account. Delegates have no account: they use a secret link.</summary>
public class AppUser : IdentityUser
{
    [Common.KeptAsRecord("a team member's name: removed with the account, not a delegate")]
    public string? DisplayName { get; set; }
}

public static class Roles
{
    public const string Organiser = "Organiser";
    public const string Staff = "Staff";

    public static readonly IReadOnlyList<string> All = [Organiser, Staff];
}

/// <summary>Rules for the whole team's accounts, set by organisers. One row (Id 1); no row means the defaults.</summary>
public sealed class TeamPolicy
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    /// <summary>Every organiser and staff member signs in with a code from an authenticator app as well as a password.</summary>
    public bool RequireTwoFactor { get; set; }
}
