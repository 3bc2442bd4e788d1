using EventManager.Core.Data;
using Microsoft.AspNetCore.Identity;

namespace EventManager.Web.Features.Account;

/// <summary>Where someone lands after signing in: their role's home.</summary>
public static class AccountHome
{
    public static async Task<string> OfAsync(UserManager<AppUser> users, AppUser? user) =>
        user is not null && await users.IsInRoleAsync(user, Roles.Organiser) ? "/organiser"
        : user is not null && await users.IsInRoleAsync(user, Roles.Staff) ? "/staff"
        : "/";
}
