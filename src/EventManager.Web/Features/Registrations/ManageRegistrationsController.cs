using System.ComponentModel.DataAnnotations;
using EventManager.Core.Events;
using EventManager.Core.Institutions;
using EventManager.Core.Registrations;
using EventManager.Web.Configuration;
using EventManager.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Registrations;

public sealed record RegistrationsPage(
    Event Event,
    RegistrationPolicy? Policy,
    RegistrationFilter Filter,
    IReadOnlyList<Registration> Registrations,
    IReadOnlyDictionary<int, int> WaitingListPositions,
    IReadOnlyDictionary<RegistrationStatus, int> Counts,
    IReadOnlyList<InstitutionProposal> Proposals,
    IReadOnlyList<Institution> Institutions,
    DateTime Now,
    IReadOnlyList<RegistrationQuestion> Questions);

public sealed class PolicyForm
{
    [Display(Name = "Take registrations")]
    public bool Enabled { get; set; }

    [Display(Name = "Opens")]
    public DateTime? OpensLocal { get; set; }

    [Display(Name = "Closes")]
    public DateTime? ClosesLocal { get; set; }

    [Display(Name = "Places")]
    public int? Capacity { get; set; }

    [Display(Name = "Places per institution")]
    public int? InstitutionQuota { get; set; }

    [Display(Name = "An organiser approves each registration")]
    public bool RequiresApproval { get; set; }

    public RegistrationPolicyInput ToInput() => new(Enabled, OpensLocal, ClosesLocal, Capacity, InstitutionQuota, RequiresApproval);

    public static PolicyForm From(RegistrationPolicy? policy, string timeZoneId)
    {
        if (policy is null)
        {
            return new PolicyForm();
        }

        var zone = EventTime.FindZone(timeZoneId);
        return new PolicyForm
        {
            Enabled = policy.Enabled,
            OpensLocal = policy.OpensAtUtc is { } o ? EventTime.ToLocal(o, zone) : null,
            ClosesLocal = policy.ClosesAtUtc is { } c ? EventTime.ToLocal(c, zone) : null,
            Capacity = policy.Capacity,
            InstitutionQuota = policy.InstitutionQuota,
            RequiresApproval = policy.RequiresApproval,
        };
    }
}

public sealed record ImportPage(Event Event, IReadOnlyList<ImportRow>? Rows, string? Content);

public sealed record PolicyPage(Event Event, RegistrationPolicy? Policy, PolicyForm Form);

[Authorize(Policy = IdentityConfiguration.OrganiserPolicy)]
[Route("/organiser/events/{eventId:int}")]
public sealed class ManageRegistrationsController(
    EventService events,
    InstitutionService institutions,
    RegistrationService registrations,
    PersonalDataErasure erasure,
    RegistrationQuestions questions,
    Activity.ActivityLog activity,
    TimeProvider time,
    IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("registrations")]
    public async Task<IActionResult> Index(int eventId, RegistrationStatus? status, int? institution, string? country, RegistrationCategory? category, string? q, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        if (ev is null)
        {
            return NotFound();
        }

        var filter = new RegistrationFilter(status, institution, string.IsNullOrWhiteSpace(country) ? null : country, category, q);
        var list = await registrations.ListAsync(eventId, filter, cancellationToken);
        var positions = await registrations.WaitingListPositionsAsync(eventId, cancellationToken);
        return View(new RegistrationsPage(
            ev,
            await registrations.PolicyAsync(eventId, cancellationToken),
            filter,
            list,
            positions,
            await registrations.CountsAsync(eventId, cancellationToken),
            await registrations.ProposalsAsync(eventId, cancellationToken),
            await institutions.ListAsync(cancellationToken),
            time.GetUtcNow().UtcDateTime,
            await questions.ListAsync(eventId, cancellationToken)));
    }

    [HttpPost("registrations/approve")]
    public async Task<IActionResult> Approve(int eventId, [FromForm] int[] ids, [FromForm] string? returnQuery, CancellationToken cancellationToken)
    {
        if (ids.Length == 0)
        {
            TempData["Notice"] = t["Tick the registrations to approve first."].Value;
            return BackToList(eventId, returnQuery);
        }

        var result = await registrations.ApproveAsync(eventId, ids, cancellationToken);
        if (result.Succeeded)
        {
            await activity.RecordAsync(Core.Activity.ActivityKind.RegistrationsApproved, eventId, (result.Value!.Confirmed.Count + result.Value.Waitlisted.Count).ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        }

        TempData["Notice"] = result.Succeeded
            ? result.Value!.Waitlisted.Count == 0
                ? t["{0} approved.", result.Value.Confirmed.Count].Value
                : t["{0} approved; {1} did not fit and are on the waiting list.", result.Value.Confirmed.Count, result.Value.Waitlisted.Count].Value
            : t[result.Errors[0].Message].Value;
        return BackToList(eventId, returnQuery);
    }

    [HttpPost("registrations/decline")]
    public async Task<IActionResult> Decline(int eventId, [FromForm] int[] ids, [FromForm] string? returnQuery, CancellationToken cancellationToken)
    {
        if (ids.Length == 0)
        {
            TempData["Notice"] = t["Tick the registrations to decline first."].Value;
            return BackToList(eventId, returnQuery);
        }

        var result = await registrations.DeclineAsync(eventId, ids, cancellationToken);
        if (result.Succeeded)
        {
            await activity.RecordAsync(Core.Activity.ActivityKind.RegistrationsDeclined, eventId, result.Value!.Declined.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        }

        TempData["Notice"] = result.Succeeded
            ? t["{0} declined; {1} moved up from the waiting list.", result.Value!.Declined.Count, result.Value.Promoted.Count].Value
            : t[result.Errors[0].Message].Value;
        return BackToList(eventId, returnQuery);
    }

    /// <summary>Erases the personal data of the ticked registrations, or (after the event) of everyone.</summary>
    [HttpPost("registrations/erase")]
    public async Task<IActionResult> Erase(int eventId, [FromForm] int[] ids, [FromForm] bool everyone, [FromForm] bool confirmed, [FromForm] string? returnQuery, CancellationToken cancellationToken)
    {
        if (!confirmed)
        {
            TempData["Problem"] = t["Tick “I understand this cannot be undone” to erase personal data."].Value;
            return BackToList(eventId, returnQuery);
        }

        var result = await erasure.EraseAsync(eventId, everyone ? null : ids, cancellationToken);
        if (!result.Succeeded)
        {
            TempData["Problem"] = string.Join(" ", result.Errors.Select(e => t[e.Message, e.Arguments].Value));
            return BackToList(eventId, returnQuery);
        }

        var report = result.Value!;
        await activity.RecordAsync(Core.Activity.ActivityKind.PersonalDataErased, eventId, report.Erased.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        TempData["Notice"] = string.Join(" ", new[]
        {
            t["The personal data of {0} registrations was erased.", report.Erased].Value,
            report.KeptSignatories.Count == 0 ? null : t["Kept, because they sign agreements: {0}.", string.Join(", ", report.KeptSignatories)].Value,
            report.KeptSpeakers.Count == 0 ? null : t["Kept, because they are on the agenda: {0}.", string.Join(", ", report.KeptSpeakers)].Value,
        }.Where(s => s is not null));
        return BackToList(eventId, returnQuery);
    }

    [HttpPost("proposals/accept")]
    public async Task<IActionResult> AcceptProposal(int eventId, [FromForm] string name, [FromForm] string? nativeName, [FromForm] string country, CancellationToken cancellationToken)
    {
        var created = await institutions.SaveAsync(null, new InstitutionInput(name, nativeName, country, null), cancellationToken);
        if (!created.Succeeded)
        {
            TempData["Notice"] = string.Join(" ", created.Errors.Select(e => t[e.Message, e.Arguments].Value));
            return BackToList(eventId, null);
        }

        var moved = await registrations.ResolveProposalAsync(name, country, created.Value!.Id, cancellationToken);
        TempData["Notice"] = t["{0} added to the institutions; {1} registrations now point to it.", created.Value.EnglishName, moved].Value;
        return BackToList(eventId, null);
    }

    [HttpPost("proposals/merge")]
    public async Task<IActionResult> MergeProposal(int eventId, [FromForm] string name, [FromForm] string country, [FromForm] int? institutionId, CancellationToken cancellationToken)
    {
        var target = institutionId is int id ? await institutions.FindAsync(id, cancellationToken) : null;
        if (target is null)
        {
            TempData["Notice"] = t["Choose the listed institution it is the same as."].Value;
            return BackToList(eventId, null);
        }

        var moved = await registrations.ResolveProposalAsync(name, country, target.Id, cancellationToken);
        TempData["Notice"] = t["{0} registrations now point to {1}.", moved, target.EnglishName].Value;
        return BackToList(eventId, null);
    }

    [HttpGet("registration-settings")]
    public async Task<IActionResult> Settings(int eventId, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        if (ev is null)
        {
            return NotFound();
        }

        var policy = await registrations.PolicyAsync(eventId, cancellationToken);
        return View(new PolicyPage(ev, policy, PolicyForm.From(policy, ev.TimeZoneId)));
    }

    [HttpPost("registration-settings")]
    public async Task<IActionResult> Settings(int eventId, [FromForm] PolicyForm form, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        if (ev is null)
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var result = await registrations.SavePolicyAsync(eventId, form.ToInput(), cancellationToken);
            if (result.Succeeded)
            {
                TempData["Notice"] = t["Registration settings saved."].Value;
                return Redirect($"/organiser/events/{eventId}/registrations");
            }

            ModelState.AddDomainErrors(result.Errors, t);
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(new PolicyPage(ev, await registrations.PolicyAsync(eventId, cancellationToken), form));
    }

    [HttpGet("registrations.csv")]
    public async Task<IActionResult> Export(int eventId, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        if (ev is null)
        {
            return NotFound();
        }

        var list = await registrations.ListAsync(eventId, new RegistrationFilter(), cancellationToken);
        var positions = await registrations.WaitingListPositionsAsync(eventId, cancellationToken);
        var buffer = new MemoryStream();
        RegistrationCsv.Write(buffer, list, positions, await questions.ListAsync(eventId, cancellationToken));
        Response.Headers.CacheControl = "no-store";
        return File(buffer.ToArray(), "text/csv; charset=utf-8", $"{ev.Slug}-registrations.csv");
    }

    [HttpGet("registrations/import")]
    public async Task<IActionResult> Import(int eventId, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        return ev is null ? NotFound() : View("Import", new ImportPage(ev, null, null));
    }

    [HttpPost("registrations/import")]
    // Files up to four times the limit are taken in to be refused with the import's own message; beyond that, a 413 page.
    [RequestSizeLimit(4 * RegistrationCsv.MaxImportBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = 4 * RegistrationCsv.MaxImportBytes)]
    public async Task<IActionResult> Preview(int eventId, IFormFile? file, CancellationToken cancellationToken)
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
            return View("Import", new ImportPage(ev, null, null));
        }

        using var content = new MemoryStream();
        await file!.CopyToAsync(content, cancellationToken);
        var bytes = content.ToArray();
        var rows = await ReadImportAsync(eventId, bytes, cancellationToken);
        return View("Import", new ImportPage(ev, rows, Convert.ToBase64String(bytes)));
    }

    [HttpPost("registrations/import/confirm")]
    [RequestFormLimits(ValueLengthLimit = RegistrationCsv.MaxImportBytes * 2)]
    public async Task<IActionResult> ConfirmImport(int eventId, [FromForm] string? content, CancellationToken cancellationToken)
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

        // Checked again: the event may have changed since the preview.
        var rows = await ReadImportAsync(eventId, bytes, cancellationToken);
        int confirmed = 0, waiting = 0, skipped = 0;
        await registrations.EnsurePolicyAsync(eventId, cancellationToken);
        foreach (var row in rows)
        {
            if (row.Problems.Count > 0 || row.Request is null)
            {
                skipped++;
                continue;
            }

            var result = await registrations.RegisterAsync(eventId, row.Request, cancellationToken, byOrganiser: true);
            if (!result.Succeeded)
            {
                skipped++;
            }
            else if (result.Value![0].Status == RegistrationStatus.Confirmed)
            {
                confirmed++;
            }
            else
            {
                waiting++;
            }
        }

        TempData["Notice"] = t["Imported {0} delegates: {1} confirmed, {2} on the waiting list; {3} rows skipped.", confirmed + waiting, confirmed, waiting, skipped].Value;
        return Redirect($"/organiser/events/{eventId}/registrations");
    }

    private async Task<IReadOnlyList<ImportRow>> ReadImportAsync(int eventId, byte[] bytes, CancellationToken cancellationToken)
    {
        var rows = RegistrationCsv.Read(new MemoryStream(bytes), await institutions.ListAsync(cancellationToken));
        await registrations.CheckImportAsync(eventId, rows, cancellationToken);
        return rows;
    }

    private RedirectResult BackToList(int eventId, string? query) =>
        Redirect($"/organiser/events/{eventId}/registrations{(query is { Length: > 0 } && query.StartsWith('?') && !query.Contains("//") ? query : "")}");
}
