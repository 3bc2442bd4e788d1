using EventManager.Core.Activity;
using EventManager.Core.Data;

namespace EventManager.Web.Features.Activity;

/// <summary>Writes what the signed-in person just did to the activity log, after it succeeded.</summary>
public sealed class ActivityLog(EventManagerDbContext db, IHttpContextAccessor http, TimeProvider time)
{
    public async Task RecordAsync(ActivityKind kind, int? eventId, string subject, CancellationToken cancellationToken = default)
    {
        db.Activity.Add(new ActivityEntry
        {
            AtUtc = time.GetUtcNow().UtcDateTime,
            Actor = http.HttpContext?.User.Identity?.Name ?? "system",
            Kind = kind,
            EventId = eventId,
            Subject = subject.Length > 1000 ? subject[..1000] : subject,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
