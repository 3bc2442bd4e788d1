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

    /// <summary>Reads what organisers read and changes nothing: a partner university's office following the preparations.</summary>
    public const string Observer = "Observer";

    public static readonly IReadOnlyList<string> All = [Organiser, Staff, Observer];
}

/// <summary>Rules for the whole team's accounts, set by organisers. One row (Id 1); no row means the defaults.</summary>
public sealed class TeamPolicy
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    /// <summary>Every organiser and staff member signs in with a code from an authenticator app as well as a password.</summary>
    public bool RequireTwoFactor { get; set; }
}

/// <summary>
/// A wrong password, kept in the database so every instance counts it (a guesser gets one budget, not one per
/// instance): for which account (a hash of the address typed, existing or not) and from which client address (an
/// IPv6 address counts by its /64), when. Pruned once older than the longest window that reads it.
/// </summary>
public class SignInFailure
{
    public long Id { get; set; }

    /// <summary>SHA-256 of the normalised e-mail address typed, so the table names nobody.</summary>
    [Common.KeptAsRecord("a hash of an address typed at sign-in, kept only for the sign-in limit's window and pruned after it")]
    public required string AccountKey { get; set; }

    /// <summary>The client address, or its IPv6 network, as the rate limits count it.</summary>
    [Common.KeptAsRecord("the address a failed sign-in came from, kept only for the sign-in limit's window and pruned after it")]
    public required string ClientKey { get; set; }

    public DateTime AtUtc { get; set; }
}
