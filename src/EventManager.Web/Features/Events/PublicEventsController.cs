using EventManager.Web.Infrastructure;
using EventManager.Core.Events;
using EventManager.Core.Registrations;
using Microsoft.AspNetCore.Mvc;

namespace EventManager.Web.Features.Events;

[OneConnection]
public sealed class PublicEventsController(EventService events, RegistrationPolicies registrations) : Controller
{
    [Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PublicPageCache.Policy)]
    [HttpGet("/events/{slug}")]
    public async Task<IActionResult> Show(string slug, CancellationToken cancellationToken)
    {
        var found = await events.FindBySlugAsync(slug.ToLowerInvariant(), cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        var policy = await registrations.FindAsync(found.Id, cancellationToken);
        ViewData["RegistrationOpen"] = registrations.IsOpen(policy);
        ViewData["InvitationOnly"] = policy?.InvitationOnly == true;
        ViewData["Full"] = policy?.IsFull == true;
        return View(found);
    }
}
