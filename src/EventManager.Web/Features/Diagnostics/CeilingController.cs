using Microsoft.AspNetCore.Mvc;

namespace EventManager.Web.Features.Diagnostics;

/// <summary>
/// The benchmarks' ceiling: the cheapest requests this app can answer through the same pipeline (forwarded headers,
/// security headers, localization, routing, MVC; for the POST, the antiforgery check every form pays), with no
/// database and no view. A benchmark's ratio to it says what the measured page's own work costs. Off unless
/// Diagnostics:CeilingEndpoints is true: there is nothing here for anyone else.
/// </summary>
[Route("/_ceiling")]
public sealed class CeilingController(IConfiguration configuration) : Controller
{
    private bool Enabled => configuration.GetValue<bool>("Diagnostics:CeilingEndpoints");

    [HttpGet("")]
    public IActionResult Read() => Enabled ? Content("ok", "text/plain") : NotFound();

    /// <summary>A write's ceiling: the form's antiforgery token is validated (as on every form of the app), nothing is stored.</summary>
    [HttpPost("")]
    [ValidateAntiForgeryToken]
    public IActionResult Write() => Enabled ? Redirect("/_ceiling") : NotFound();
}
