using EventManager.Core.Events;
using Microsoft.AspNetCore.Mvc;

namespace EventManager.Web.Features.Events;

public sealed class PublicEventsController(EventService events) : Controller
{
    [HttpGet("/events/{slug}")]
    public async Task<IActionResult> Show(string slug, CancellationToken cancellationToken)
    {
        var found = await events.FindBySlugAsync(slug.ToLowerInvariant(), cancellationToken);
        return found is null ? NotFound() : View(found);
    }
}
