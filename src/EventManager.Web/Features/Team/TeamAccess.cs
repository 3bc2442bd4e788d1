using System.Security.Claims;
using EventManager.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Web.Features.Team;

/// <summary>
/// What a team member may do where: their account's role covers every event; a grant covers one event and the events
/// inside it. Read from the database on every request (a grant taken away ends at once, on every instance), once per request.
/// </summary>
public sealed class TeamAccess(EventManagerDbContext db)
{
    private List<EventTeamGrant>? grants;
    private Dictionary<int, int?>? parents;

    /// <summary>The roles the account itself has: for every event.</summary>
    public static EventRoles Everywhere(ClaimsPrincipal user) =>
        new(user.IsInRole(Roles.Organiser), user.IsInRole(Roles.Staff), user.IsInRole(Roles.Observer));

    public async Task<EventRoles> ForEventAsync(ClaimsPrincipal user, int eventId, CancellationToken cancellationToken = default)
    {
        var roles = Everywhere(user);
        var mine = await GrantsAsync(user, cancellationToken);
        if (mine.Count == 0)
        {
            return roles;
        }

        var tree = await ParentsAsync(cancellationToken);
        // The event and every event it is inside: a grant on the week reaches the dialogue within it.
        for (int? id = eventId, depth = 0; id is int current && depth < 16; id = tree.GetValueOrDefault(current), depth++)
        {
            foreach (var grant in mine.Where(g => g.EventId == current))
            {
                roles = roles.With(grant.Role);
            }
        }

        return roles;
    }

    /// <summary>Every role the member has anywhere: whether they see the events list, the directory, the desk at all.</summary>
    public async Task<EventRoles> AnywhereAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default) =>
        (await GrantsAsync(user, cancellationToken)).Aggregate(Everywhere(user), (roles, g) => roles.With(g.Role));

    /// <summary>The events where <paramref name="allowed"/> holds; null when it holds for every event (the account's own role).</summary>
    public async Task<IReadOnlySet<int>?> EventsWhereAsync(ClaimsPrincipal user, Func<EventRoles, bool> allowed, CancellationToken cancellationToken = default)
    {
        if (allowed(Everywhere(user)))
        {
            return null;
        }

        var tree = await ParentsAsync(cancellationToken);
        var visible = new HashSet<int>();
        foreach (var id in tree.Keys)
        {
            if (allowed(await ForEventAsync(user, id, cancellationToken)))
            {
                visible.Add(id);
            }
        }

        return visible;
    }

    private async Task<List<EventTeamGrant>> GrantsAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (grants is null)
        {
            var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
            grants = id is null ? [] : await db.EventTeamGrants.AsNoTracking().Where(g => g.UserId == id).ToListAsync(cancellationToken);
        }

        return grants;
    }

    private async Task<Dictionary<int, int?>> ParentsAsync(CancellationToken cancellationToken) =>
        parents ??= await db.Events.AsNoTracking().ToDictionaryAsync(e => e.Id, e => e.ParentEventId, cancellationToken);
}
