using EventManager.Core.Common;
using EventManager.Core.Delegates;
using EventManager.Core.Institutions;
using EventManager.Web.Configuration;
using EventManager.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.People;

/// <param name="Rows">The file's rows and what each will do; null before a file is chosen.</param>
/// <param name="Content">The file as read (UTF-8, base64), posted back to import exactly what was previewed.</param>
public sealed record PeopleImportPage(IReadOnlyList<(PersonRow Row, Core.Delegates.Delegate? Updates)>? Rows, string? Content);

/// <summary>
/// The directory as a spreadsheet: exported for the protocol office, imported from a partner's list of rectors and
/// guests — checked first, row by row, and written only when the organiser has seen what each row will do.
/// </summary>
[Authorize(Policy = IdentityConfiguration.EventOrganiserPolicy)]
public sealed class PeopleImportController(PeopleDirectory people, InstitutionService institutions, IStringLocalizer<SharedResource> t) : Controller
{
    private const int MaxBytes = 2 * 1024 * 1024;

    [HttpGet("/organiser/people.csv")]
    public async Task<IActionResult> Export(CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        PeopleCsv.Write(buffer, await people.EveryoneAsync(cancellationToken));
        Response.Headers.CacheControl = "no-store";
        return File(buffer.ToArray(), "text/csv; charset=utf-8", "people.csv");
    }

    [HttpGet("/organiser/people/import")]
    public IActionResult Index() => View("Import", new PeopleImportPage(null, null));

    [HttpPost("/organiser/people/import")]
    [RequestSizeLimit(4 * MaxBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = 4 * MaxBytes)]
    public async Task<IActionResult> Preview(IFormFile? file, [FromForm] string? encoding, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0 || file.Length > MaxBytes)
        {
            ModelState.AddModelError("file", file is null || file.Length == 0 ? t["Choose a CSV file to import."] : t["The file is larger than {0} MB.", MaxBytes / 1024 / 1024]);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View("Import", new PeopleImportPage(null, null));
        }

        using var content = new MemoryStream();
        await file.CopyToAsync(content, cancellationToken);
        var decoded = CsvFiles.ToUtf8(content.ToArray(), encoding);
        var rows = decoded.Succeeded ? await ReadAsync(decoded.Value!, cancellationToken) : [];
        var fileErrors = decoded.Succeeded ? rows.Where(r => r.Line == 0).SelectMany(r => r.Problems).ToList() : decoded.Errors;
        if (fileErrors.Count > 0)
        {
            ModelState.AddDomainErrors(fileErrors.Select(e => e with { Field = "file" }).ToList(), t);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View("Import", new PeopleImportPage(null, null));
        }

        return View("Import", new PeopleImportPage(await people.PreviewAsync(rows, cancellationToken), Convert.ToBase64String(decoded.Value!)));
    }

    [HttpPost("/organiser/people/import/confirm")]
    [RequestFormLimits(ValueLengthLimit = MaxBytes * 2)]
    public async Task<IActionResult> Confirm([FromForm] string? content, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(content ?? "");
        }
        catch (FormatException)
        {
            bytes = [];
        }

        var rows = (await ReadAsync(bytes, cancellationToken)).Where(r => r.Line > 0).ToList();
        var (added, updated) = await people.ImportAsync(rows, cancellationToken);
        TempData["Notice"] = t["People imported: {0} added, {1} updated.", added, updated].Value;
        return Redirect("/organiser/people");
    }

    private async Task<List<PersonRow>> ReadAsync(byte[] utf8, CancellationToken cancellationToken) =>
        PeopleCsv.Read(new MemoryStream(utf8), await institutions.ListAsync(cancellationToken));
}
