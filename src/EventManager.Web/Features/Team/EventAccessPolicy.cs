using EventManager.Core.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Web.Features.Team;

/// <summary>The two kinds of work on an event: organising it (observers may look), and the desk (check-in, badges, certificates).</summary>
public enum EventWork
{
    Organise,
    Desk,
}

public sealed class EventAccessRequirement(EventWork work) : IAuthorizationRequirement
{
    public EventWork Work { get; } = work;
}

/// <summary>
/// Every organiser and staff route asks for the role at the event it touches: the event is found from the route
/// (an event, a session, an agreement, a certificate, a message); a page about no one event (the events list, the
/// directory) asks for the role anywhere, and lists only what the member may see. Reading is a GET; anything else changes.
/// </summary>
public sealed class EventAccessHandler(TeamAccess access, EventManagerDbContext db) : AuthorizationHandler<EventAccessRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, EventAccessRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated != true || context.Resource is not HttpContext http)
        {
            return;
        }

        var eventId = await EventOfAsync(http);
        var roles = eventId is int id ? await access.ForEventAsync(context.User, id, http.RequestAborted) : await access.AnywhereAsync(context.User, http.RequestAborted);
        var reading = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method);
        var allowed = requirement.Work == EventWork.Organise
            ? (reading ? roles.Reads : roles.Organiser)
            : (reading ? roles.Works || roles.Observer : roles.Works);
        if (allowed)
        {
            context.Succeed(requirement);
        }
    }

    /// <summary>The event a request touches, from its route; null when it names none.</summary>
    private async Task<int?> EventOfAsync(HttpContext http)
    {
        int? Value(string key) => int.TryParse(http.GetRouteValue(key)?.ToString(), out var v) ? v : null;
        var cancellationToken = http.RequestAborted;
        if (Value("eventId") is int eventId)
        {
            return eventId;
        }

        if (Value("sessionId") is int sessionId)
        {
            return await db.Sessions.Where(s => s.Id == sessionId).Select(s => (int?)s.EventId).FirstOrDefaultAsync(cancellationToken) ?? -1;
        }

        if (Value("agreementId") is int agreementId)
        {
            return await db.Agreements.Where(a => a.Id == agreementId).Select(a => (int?)a.Session!.EventId).FirstOrDefaultAsync(cancellationToken) ?? -1;
        }

        if (Value("certificateId") is int certificateId)
        {
            return await db.Certificates.Where(c => c.Id == certificateId).Select(c => (int?)c.EventId).FirstOrDefaultAsync(cancellationToken) ?? -1;
        }

        if (long.TryParse(http.GetRouteValue("messageId")?.ToString(), out var messageId))
        {
            // A message about no event (an account's invitation) is the instance's: -1 is no event, reached by account roles only.
            return await db.OutgoingMessages.Where(m => m.Id == messageId).Select(m => m.EventId).FirstOrDefaultAsync(cancellationToken) ?? -1;
        }

        // Lists filtered to one event (the messages of one event) name it in the query.
        return int.TryParse(http.Request.Query["eventId"], out var queried) ? queried : null;
    }
}
