using EventManager.Core.Common;
using EventManager.Core.Events;
using EventManager.Core.Registrations;
using EventManager.Web.Configuration;
using EventManager.Web.Infrastructure;
using Hangfire;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Registrations.Import;

public sealed record ImportPage(Event Event, IReadOnlyList<ImportRow>? Rows, string? Content);

/// <summary>
/// Delegates from a CSV file: uploaded for a preview that shows each row's problems, then confirmed. The file
/// travels back with the confirmation, so nothing is kept on the server in between.
/// </summary>
[Authorize(Policy = IdentityConfiguration.EventOrganiserPolicy)]
[Route("/organiser/events/{eventId:int}/registrations/import")]
public sealed class ImportController(EventService events, RegistrationImport import, IBackgroundJobClient jobs, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int eventId, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        return ev is null ? NotFound() : View(new ImportPage(ev, null, null));
    }

    [HttpPost("")]
    // Files up to four times the limit are taken in to be refused with the import's own message; beyond that, a 413 page.
    [RequestSizeLimit(4 * RegistrationCsv.MaxImportBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = 4 * RegistrationCsv.MaxImportBytes)]
    public async Task<IActionResult> Preview(int eventId, IFormFile? file, [FromForm] string? encoding, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        if (ev is null)
        {
            return NotFound();
        }

        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", t["Choose a CSV file to import."]);
        }
        else if (file.Length > RegistrationCsv.MaxImportBytes)
        {
            ModelState.AddModelError("file", t["The file is larger than {0} MB.", RegistrationCsv.MaxImportBytes / 1024 / 1024]);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View("Index", new ImportPage(ev, null, null));
        }

        using var content = new MemoryStream();
        await file!.CopyToAsync(content, cancellationToken);
        // From here on the file is UTF-8: what is posted back to confirm, stored and run is what was previewed.
        var decoded = CsvFiles.ToUtf8(content.ToArray(), encoding);
        var rows = decoded.Succeeded ? await import.ReadAsync(eventId, decoded.Value!, cancellationToken) : [];
        var fileErrors = decoded.Succeeded ? rows.Where(r => r.Line == 0).SelectMany(r => r.Problems).ToList() : decoded.Errors;
        if (fileErrors.Count > 0)
        {
            // A problem with the file as a whole: the form again, with what to do, and nothing to import.
            ModelState.AddDomainErrors(fileErrors.Select(e => e with { Field = "file" }).ToList(), t);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View("Index", new ImportPage(ev, null, null));
        }

        return View("Index", new ImportPage(ev, rows, Convert.ToBase64String(decoded.Value!)));
    }

    [HttpPost("confirm")]
    [RequestFormLimits(ValueLengthLimit = RegistrationCsv.MaxImportBytes * 2)]
    public async Task<IActionResult> Confirm(int eventId, [FromForm] string? content, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        if (ev is null)
        {
            return NotFound();
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(content ?? "");
        }
        catch (FormatException)
        {
            bytes = [];
        }

        var importId = await import.QueueAsync(eventId, bytes, null, cancellationToken);
        if (importId is null)
        {
            TempData["Notice"] = t["The file had no rows to import."].Value;
            return Redirect($"/organiser/events/{eventId}/registrations/import");
        }

        // The rows are written by a background job, in batches: a big file does not hold this request (or a proxy's
        // timeout), and a restart resumes it. The progress page shows how far it is.
        jobs.Enqueue<ImportRun>(run => run.RunAsync(importId.Value, CancellationToken.None));
        return Redirect($"/organiser/events/{eventId}/registrations/import/{importId}");
    }
}
