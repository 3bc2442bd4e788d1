using EventManager.Web.Infrastructure;
using EventManager.Core.Events;
using EventManager.Core.Registrations;
using Microsoft.AspNetCore.Mvc;

namespace EventManager.Web.Features.Events;

[OneConnection]
public sealed class PublicEventsController(EventService events, RegistrationPolicies registrations) : Controller
{
    [HttpGet("/events/{slug}")]
    public async Task<IActionResult> Show(string slug, CancellationToken cancellationToken)
    {
        var found = await events.FindBySlugAsync(slug.ToLowerInvariant(), cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        ViewData["RegistrationOpen"] = registrations.IsOpen(await registrations.FindAsync(found.Id, cancellationToken));
        return View(found);
    }
}
