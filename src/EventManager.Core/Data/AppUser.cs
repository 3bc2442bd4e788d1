using Microsoft.AspNetCore.Identity;

namespace EventManager.Core.Data;

/// <summary>An organiser or staff account. Delegates have no account: they use a secret link.</summary>
public class AppUser : IdentityUser
{
    public string? DisplayName { get; set; }
}

public static class Roles
{
    public const string Organiser = "Organiser";
    public const string Staff = "Staff";

    public static readonly IReadOnlyList<string> All = [Organiser, Staff];
}
