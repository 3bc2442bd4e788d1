using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EventManager.Web.Features.Errors;

[AllowAnonymous]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ErrorController : Controller
{
    /// <summary>Status pages (404, 400, 403...) re-executed by the status-code middleware.</summary>
    [Route("/error/{code:int}")]
    [IgnoreAntiforgeryToken]
    public IActionResult Status()
    {
        // Read from the route by hand, not bound: binding reads the form too, and a re-executed POST whose form could
        // not be read (too large, too many fields) would lose its code and answer 404.
        var code = int.TryParse(HttpContext.GetRouteValue("code")?.ToString(), out var c) ? c : 404;
        Response.StatusCode = code is >= 400 and < 600 ? code : 404;
        return View("Status", Response.StatusCode);
    }

    /// <summary>An unhandled exception: a plain apology, never a stack trace.</summary>
    [Route("/error")]
    [IgnoreAntiforgeryToken]
    public IActionResult Unhandled()
    {
        Response.StatusCode = StatusCodes.Status500InternalServerError;
        return View("Status", 500);
    }
}
