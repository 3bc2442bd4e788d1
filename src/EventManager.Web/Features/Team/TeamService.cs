using EventManager.Core.Activity;
using System.ComponentModel.DataAnnotations;
using EventManager.Core.Common;
using EventManager.Core.Data;
using EventManager.Core.Mail;
using EventManager.Web.Features.Registrations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Team;

public enum MemberState
{
    /// <summary>Invited and has not chosen a password yet.</summary>
    Invited,
    Active,
    /// <summary>Locked for a while after too many wrong passwords.</summary>
    LockedOut,
    /// <summary>An organiser took their access away; the account stays so the print and check-in logs keep a name.</summary>
    Removed,
}

/// <param name="Role">The account's own role, for every event; empty when the member has roles at some events only.</param>
/// <param name="Grants">Their roles at single events (each covering the events inside it).</param>
public sealed record TeamMember(string Id, string Email, string? Name, string Role, MemberState State, DateTimeOffset? LockedUntil, bool TwoFactor = false, IReadOnlyList<TeamGrant>? Grants = null)
{
    public IReadOnlyList<TeamGrant> Grants { get; init; } = Grants ?? [];
}

/// <summary>A role at one event, as the team page lists it.</summary>
public sealed record TeamGrant(int Id, int EventId, Core.Common.LocalText EventName, string Role);

/// <summary>
/// The organisers and staff who may sign in. Organisers invite people by email (the invitation is a
/// link to choose a password), change their role and remove their access. Nobody changes or removes
/// themselves, so there is always an organiser left.
/// </summary>
public sealed class TeamService(
    UserManager<AppUser> users,
    EventManagerDbContext db,
    Outbox outbox,
    ActivityLog activity,
    PublicAddress address,
    IStringLocalizer<SharedResource> t,
    TimeProvider time)
{
    public const string InvitationKind = "AccountInvitation";
    public const string PasswordResetKind = "AccountPasswordReset";
    public const int NameMaxLength = 100;

    /// <summary>Removed accounts are locked until the end of time; a lockout after wrong passwords ends.</summary>
    private static readonly DateTimeOffset RemovedUntil = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    public async Task<IReadOnlyList<TeamMember>> ListAsync(CancellationToken cancellationToken = default)
    {
        var accounts = await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var roles = await db.UserRoles.AsNoTracking()
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        var grants = (await db.EventTeamGrants.AsNoTracking().Include(g => g.Event).OrderBy(g => g.Event!.StartsAtUtc).ToListAsync(cancellationToken))
            .ToLookup(g => g.UserId, g => new TeamGrant(g.Id, g.EventId, g.Event!.Name, g.Role));
        return accounts.Select(u => Describe(u, roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).ToList()) with { Grants = grants[u.Id].ToList() }).ToList();
    }

    public async Task<TeamMember?> FindAsync(string id) =>
        await users.FindByIdAsync(id) is { } user ? Describe(user, await users.GetRolesAsync(user)) : null;

    /// <param name="eventId">Null: the role is for every event; else for that event and those inside it only.</param>
    public async Task<DomainResult<TeamMember>> InviteAsync(string? email, string? name, string? role, int? eventId = null, CancellationToken cancellationToken = default)
    {
        var errors = new List<DomainError>();
        email = email?.Trim();
        name = string.IsNullOrWhiteSpace(name) ? null : TextNormalization.ToNfc(name.Trim());
        if (string.IsNullOrEmpty(email))
        {
            errors.Add(new DomainError("Email", "Enter the email address of the person you invite."));
        }
        else if (email.Length > 256 || !new EmailAddressAttribute().IsValid(email))
        {
            errors.Add(new DomainError("Email", "Enter an email address like name@example.org."));
        }
        else if (await users.FindByEmailAsync(email) is not null)
        {
            errors.Add(new DomainError("Email", "{0} already has an account.", email));
        }

        if (name is { Length: > NameMaxLength })
        {
            errors.Add(new DomainError("Name", "The name can be at most {0} characters.", NameMaxLength));
        }

        if (role is null || !Roles.All.Contains(role))
        {
            errors.Add(new DomainError("Role", "Choose whether they are an organiser, staff or an observer."));
        }

        if (eventId is int chosen && !await db.Events.AnyAsync(e => e.Id == chosen, cancellationToken))
        {
            errors.Add(new DomainError("EventId", "Choose an event from the list."));
        }

        if (errors.Count > 0)
        {
            return DomainResult<TeamMember>.Failure(errors);
        }

        // The account, its role and the invitation are written together or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = new AppUser { UserName = email, Email = email, DisplayName = name };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            return DomainResult<TeamMember>.Failure(created.Errors.Select(e => new DomainError("Email", e.Description)).ToList());
        }

        if (eventId is int at)
        {
            db.EventTeamGrants.Add(new EventTeamGrant { UserId = user.Id, EventId = at, Role = role!, CreatedAtUtc = time.GetUtcNow().UtcDateTime });
        }
        else
        {
            Require(await users.AddToRoleAsync(user, role!));
        }

        Record(ActivityKind.ColleagueInvited, user, role!);
        await QueueLinkAsync(user, InvitationKind, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return DomainResult<TeamMember>.Success(Describe(user, eventId is null ? [role!] : []));
    }

    /// <summary>Sends the invitation again, with a new link (the old one stops working).</summary>
    public async Task<DomainResult<TeamMember>> ResendInvitationAsync(string id, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null || Describe(user, []).State != MemberState.Invited)
        {
            return Refused(new DomainError("", "Only someone who has not chosen a password yet can be invited again."));
        }

        await users.UpdateSecurityStampAsync(user);
        await QueueLinkAsync(user, InvitationKind, cancellationToken);
        return DomainResult<TeamMember>.Success(Describe(user, await users.GetRolesAsync(user)));
    }

    /// <summary>
    /// "Forgot your password?": a link to choose a new one, if the address belongs to an account that may
    /// sign in. Says nothing either way, so the form does not tell strangers who has an account.
    /// </summary>
    public async Task SendPasswordResetAsync(string? email, CancellationToken cancellationToken = default)
    {
        var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        if (user is null || IsRemoved(user))
        {
            return;
        }

        await QueueLinkAsync(user, user.PasswordHash is null ? InvitationKind : PasswordResetKind, cancellationToken);
    }

    public async Task<DomainResult<TeamMember>> ChangeRoleAsync(string id, string? role, string actingUserId)
    {
        if (id == actingUserId)
        {
            return Refused(new DomainError("", "You cannot change your own role; ask another organiser."));
        }

        // Empty: no role for every event, only the roles at single events below.
        if (role is null || (role != "" && !Roles.All.Contains(role)))
        {
            return Refused(new DomainError("", "Choose whether they are an organiser, staff or an observer."));
        }

        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return Refused(new DomainError("", "That account does not exist."));
        }

        var current = await users.GetRolesAsync(user);
        await using var transaction = await db.Database.BeginTransactionAsync();
        Require(await users.RemoveFromRolesAsync(user, current));
        if (role != "")
        {
            Require(await users.AddToRoleAsync(user, role));
        }

        Record(ActivityKind.RoleChanged, user, role == "" ? "-" : role);
        // Signed-in pages follow the new role at once.
        Require(await users.UpdateSecurityStampAsync(user));
        await transaction.CommitAsync();
        return DomainResult<TeamMember>.Success(Describe(user, role == "" ? [] : [role]));
    }

    /// <summary>A role at one event (and the events inside it), beside whatever else the member has.</summary>
    public async Task<DomainResult<TeamMember>> GrantAsync(string id, int? eventId, string? role, string actingUserId, CancellationToken cancellationToken = default)
    {
        if (id == actingUserId)
        {
            return Refused(new DomainError("", "You cannot change your own role; ask another organiser."));
        }

        if (role is null || !Roles.All.Contains(role))
        {
            return Refused(new DomainError("", "Choose whether they are an organiser, staff or an observer."));
        }

        var user = await users.FindByIdAsync(id);
        var ev = eventId is int chosen ? await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == chosen, cancellationToken) : null;
        if (user is null || ev is null)
        {
            return Refused(new DomainError("", "Choose an event from the list."));
        }

        if (!await db.EventTeamGrants.AnyAsync(g => g.UserId == id && g.EventId == ev.Id && g.Role == role, cancellationToken))
        {
            db.EventTeamGrants.Add(new EventTeamGrant { UserId = id, EventId = ev.Id, Role = role, CreatedAtUtc = time.GetUtcNow().UtcDateTime });
            Record(ActivityKind.RoleChanged, user, $"{role} @ {ev.Name.Default}");
            await db.SaveChangesAsync(cancellationToken);
        }

        return DomainResult<TeamMember>.Success(Describe(user, await users.GetRolesAsync(user)));
    }

    /// <summary>Takes a role at one event away; it ends with the member's next request.</summary>
    public async Task<DomainResult<TeamMember>> RevokeAsync(string id, int grantId, string actingUserId, CancellationToken cancellationToken = default)
    {
        if (id == actingUserId)
        {
            return Refused(new DomainError("", "You cannot change your own role; ask another organiser."));
        }

        var grant = await db.EventTeamGrants.Include(g => g.Event).SingleOrDefaultAsync(g => g.Id == grantId && g.UserId == id, cancellationToken);
        var user = await users.FindByIdAsync(id);
        if (grant is null || user is null)
        {
            return Refused(new DomainError("", "That role was already taken away."));
        }

        db.EventTeamGrants.Remove(grant);
        Record(ActivityKind.RoleChanged, user, $"- {grant.Role} @ {grant.Event!.Name.Default}");
        await db.SaveChangesAsync(cancellationToken);
        return DomainResult<TeamMember>.Success(Describe(user, await users.GetRolesAsync(user)));
    }

    public async Task<DomainResult<TeamMember>> RemoveAccessAsync(string id, string actingUserId)
    {
        if (id == actingUserId)
        {
            return Refused(new DomainError("", "You cannot remove your own access; ask another organiser."));
        }

        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return Refused(new DomainError("", "That account does not exist."));
        }

        var roles = await users.GetRolesAsync(user);
        user.LockoutEnabled = true;
        user.LockoutEnd = RemovedUntil;
        var removed = Describe(user, roles);
        Record(ActivityKind.AccessRemoved, user, removed.Role);
        Require(await users.UpdateAsync(user));
        // A new stamp signs them out everywhere within the validation interval.
        Require(await users.UpdateSecurityStampAsync(user));
        return DomainResult<TeamMember>.Success(removed);
    }

    public async Task<DomainResult<TeamMember>> RestoreAccessAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return Refused(new DomainError("", "That account does not exist."));
        }

        var roles = await users.GetRolesAsync(user);
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        var restored = Describe(user, roles);
        Record(ActivityKind.AccessRestored, user, restored.Role);
        Require(await users.UpdateAsync(user));
        return DomainResult<TeamMember>.Success(restored);
    }

    /// <summary>The activity line goes into the same save as the change to the account.</summary>
    private void Record(ActivityKind kind, AppUser user, string role) => activity.Add(kind, null, $"{user.Email} ({role})");

    /// <summary>An organiser took this account's access away: it cannot sign in, nor use a set-password link.</summary>
    public static bool IsRemoved(AppUser user) => user.LockoutEnd == RemovedUntil;

    private TeamMember Describe(AppUser user, IList<string> roles)
    {
        var state = IsRemoved(user) ? MemberState.Removed
            : user.PasswordHash is null ? MemberState.Invited
            : user.LockoutEnd is { } end && end > time.GetUtcNow() ? MemberState.LockedOut
            : MemberState.Active;
        var role = roles.Contains(Roles.Organiser) ? Roles.Organiser : roles.FirstOrDefault() ?? "";
        return new TeamMember(user.Id, user.Email ?? user.UserName ?? "", user.DisplayName, role, state,
            state == MemberState.LockedOut ? user.LockoutEnd : null, user.TwoFactorEnabled);
    }

    private async Task QueueLinkAsync(AppUser user, string kind, CancellationToken cancellationToken)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = address.For($"/account/set-password?user={Uri.EscapeDataString(user.Id)}&token={Uri.EscapeDataString(token)}");
        var hours = (int)AccountLinks.Lifetime.TotalHours;
        var greeting = string.IsNullOrWhiteSpace(user.DisplayName) ? t["Hello,"] : t["Dear {0},", user.DisplayName];
        var (subject, body) = kind == InvitationKind
            ? (t["You are invited to EventManager"].Value,
               string.Join("\n\n", greeting, t["You have been invited to help run events on EventManager. Choose your password here (the link works for {0} hours and only once):", hours], link,
                   t["Your sign-in name is {0}.", user.Email!], t["If you did not expect this message, you can ignore it."]))
            : (t["Choose a new EventManager password"].Value,
               string.Join("\n\n", greeting, t["Someone, probably you, asked to choose a new password for {0}. Choose it here (the link works for {1} hours and only once):", user.Email!, hours], link,
                   t["If you did not ask, ignore this message: your password stays as it is."]));
        outbox.Add([new NewMessage($"account:{user.Id}:{kind}:{time.GetUtcNow().UtcTicks}", kind, null, user.Email!, user.DisplayName, subject, body + "\n")]);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static DomainResult<TeamMember> Refused(DomainError error) => DomainResult<TeamMember>.Failure([error]);

    private static void Require(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}

/// <summary>How long an invitation or password link works.</summary>
public static class AccountLinks
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(72);
}
