using EventManager.Core.Activity;
using EventManager.Core.Common;
using EventManager.Core.Data;
using EventManager.Core.Events;
using EventManager.Web.Configuration;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Web.Features.Activity;

public sealed record ActivityPage(IReadOnlyList<ActivityEntry> Entries, IReadOnlyList<Event> Events, int? EventId, IReadOnlyDictionary<int, string> Registrations);

/// <summary>Who approved, declined, erased, published, revoked, invited or removed whom, and when; for organisers.</summary>
[Authorize(Policy = IdentityConfiguration.OrganiserPolicy)]
[Route("/organiser/activity")]
public sealed class ActivityController(EventManagerDbContext db) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int? eventId, CancellationToken cancellationToken)
    {
        var entries = db.Activity.AsNoTracking();
        if (eventId is { } id)
        {
            entries = entries.Where(a => a.EventId == id);
        }

        var events = await db.Events.AsNoTracking().OrderByDescending(e => e.StartsAtUtc).ToListAsync(cancellationToken);
        var lines = await entries.OrderByDescending(a => a.Id).Take(500).ToListAsync(cancellationToken);
        var ids = lines.Where(a => a.RegistrationId != null).Select(a => a.RegistrationId!.Value).Distinct().ToList();
        var names = await db.Registrations.AsNoTracking().Where(r => ids.Contains(r.Id))
            .Select(r => new { r.Id, r.LatinName, r.NativeName }).ToDictionaryAsync(r => r.Id, r => DisplayName.Of(r.LatinName, r.NativeName), cancellationToken);
        return View(new ActivityPage(lines, events, eventId, names));
    }
}
