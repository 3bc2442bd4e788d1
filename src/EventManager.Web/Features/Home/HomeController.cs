using EventManager.Core.Events;
using Microsoft.AspNetCore.Mvc;

namespace EventManager.Web.Features.Home;

public sealed class HomeController(EventService events) : Controller
{
    [HttpGet("/")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await events.UpcomingAsync(cancellationToken));
}
