using EventManager.Core.Data;
using EventManager.Core.Events;
using EventManager.Core.Registrations;
using EventManager.Web.Configuration;
using EventManager.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Registrations.Import;

public sealed record ImportProgressPage(Event Event, ImportJob Job, IReadOnlyList<ImportJobRow> Skipped);

/// <summary>
/// An import running in the background: how far it is (the page's script asks for the figures every second; without
/// script the page reloads itself), and at the end what became of every row, as a page and as a CSV file.
/// </summary>
[Authorize(Policy = IdentityConfiguration.EventOrganiserPolicy)]
[Route("/organiser/events/{eventId:int}/registrations/import/{importId:int}")]
public sealed class ImportProgressController(EventService events, EventManagerDbContext db, IStringLocalizer<SharedResource> t) : Controller
{
    private const int SkippedShown = 200;

    [HttpGet("")]
    public async Task<IActionResult> Index(int eventId, int importId, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        var job = await FindAsync(eventId, importId, cancellationToken);
        if (ev is null || job is null)
        {
            return NotFound();
        }

        var skipped = await db.ImportJobRows.AsNoTracking().Where(r => r.ImportJobId == importId && r.Outcome == ImportOutcomeKind.Skipped)
            .OrderBy(r => r.Line).Take(SkippedShown).ToListAsync(cancellationToken);
        return View("Progress", new ImportProgressPage(ev, job, skipped));
    }

    [HttpGet("status")]
    public async Task<IActionResult> Status(int eventId, int importId, CancellationToken cancellationToken)
    {
        var job = await FindAsync(eventId, importId, cancellationToken);
        if (job is null)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        return Json(new
        {
            status = job.Status.ToString(),
            done = job.RowsDone,
            total = job.TotalRows,
            confirmed = job.Confirmed,
            waiting = job.Waiting,
            skipped = job.Skipped,
            text = t["{0} of {1} rows done", job.RowsDone, job.TotalRows].Value,
        });
    }

    [HttpGet("summary.csv")]
    public async Task<IActionResult> Summary(int eventId, int importId, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        if (ev is null || await FindAsync(eventId, importId, cancellationToken) is null)
        {
            return NotFound();
        }

        var rows = await db.ImportJobRows.AsNoTracking().Where(r => r.ImportJobId == importId).OrderBy(r => r.Line).ToListAsync(cancellationToken);
        var buffer = new MemoryStream();
        RegistrationCsv.WriteTable(buffer, ["line", "name", "email", "outcome", "reason"], rows.Select(r => new[]
        {
            r.Line.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Name, r.Email, r.Outcome.ToString(), Reason(t, r),
        }));
        Response.Headers.CacheControl = "no-store";
        return File(buffer.ToArray(), "text/csv; charset=utf-8", $"{ev.Slug}-import-{importId}.csv");
    }

    /// <summary>A skipped row's reason in the reader's language.</summary>
    public static string Reason(IStringLocalizer t, ImportJobRow row) =>
        row.Reason is null ? "" : t[row.Reason, (row.ReasonArguments?.Split('\u001f') ?? []).Cast<object>().ToArray()].Value;

    private Task<ImportJob?> FindAsync(int eventId, int importId, CancellationToken cancellationToken) =>
        db.ImportJobs.AsNoTracking().Where(j => j.Id == importId && j.EventId == eventId)
            .Select(j => new ImportJob
            {
                Id = j.Id, EventId = j.EventId, FileName = j.FileName, StartedBy = j.StartedBy, Status = j.Status, TotalRows = j.TotalRows,
                RowsDone = j.RowsDone, Confirmed = j.Confirmed, Waiting = j.Waiting, Skipped = j.Skipped, CreatedAtUtc = j.CreatedAtUtc,
                FinishedAtUtc = j.FinishedAtUtc, Resumed = j.Resumed, Error = j.Error,
            })
            .SingleOrDefaultAsync(cancellationToken);
}
