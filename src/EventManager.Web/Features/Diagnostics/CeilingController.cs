using EventManager.Core.Data;
using Microsoft.AspNetCore.Mvc;

namespace EventManager.Web.Features.Diagnostics;

/// <summary>
/// The benchmarks' floors: the cheapest requests this app can answer through the same pipeline (forwarded headers,
/// security headers, localization, routing, MVC; for the POSTs, the antiforgery check every form pays). A benchmark's
/// ratio to them says what the measured page's own work costs beyond work of the same kind. Off unless
/// Diagnostics:CeilingEndpoints is true: there is nothing here for anyone else.
/// </summary>
[Route("/_ceiling")]
public sealed class CeilingController(IConfiguration configuration) : Controller
{
    private const int MostBytes = 4 * 1024 * 1024;
    private static readonly byte[] Filler = System.Text.Encoding.ASCII.GetBytes(new string('x', MostBytes));

    private bool Enabled => configuration.GetValue<bool>("Diagnostics:CeilingEndpoints");

    /// <summary>
    /// "ok", or with ?bytes=N exactly N bytes of HTML-safe text: a page's size with none of a page's work (written
    /// from one buffer made at start, so not even an allocation per request).
    /// </summary>
    [HttpGet("")]
    public async Task<IActionResult> Read([FromQuery] int? bytes, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return NotFound();
        }

        if (bytes is not (int n and >= 0 and <= MostBytes))
        {
            return Content("ok", "text/plain");
        }

        Response.ContentType = "text/html; charset=utf-8";
        Response.ContentLength = n;
        await Response.Body.WriteAsync(Filler.AsMemory(0, n), cancellationToken);
        return new EmptyResult();
    }

    /// <summary>A write's ceiling without storage: the form's antiforgery token is validated, nothing is stored.</summary>
    [HttpPost("")]
    [ValidateAntiForgeryToken]
    public IActionResult Write() => Enabled ? Redirect("/_ceiling") : NotFound();

    /// <summary>
    /// A write's floor: the antiforgery token checked, then one row inserted and committed through EF Core in one
    /// transaction — what any form that stores something must at least do. Answers as a form does (a redirect).
    /// </summary>
    [HttpPost("write")]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> Store([FromServices] EventManagerDbContext db, [FromServices] TimeProvider time, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return NotFound();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.CeilingRows.Add(new Core.Diagnostics.CeilingRow { AtUtc = time.GetUtcNow().UtcDateTime, Note = "floor" });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Redirect("/_ceiling");
    }
}
