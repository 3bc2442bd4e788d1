using EventManager.Core.Institutions;
using EventManager.Core.Registrations;
using EventManager.Web.Configuration;
using EventManager.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Registrations.Manage;

public sealed record RegistrationDetailPage(RegistrationDetail Detail, int? WaitingListPosition);

public sealed record RegistrationEditPage(Registration Registration, CorrectionForm Form, string Email, RegistrationCategory Category, int? InstitutionId,
    IReadOnlyList<RegistrationQuestion> Questions, IReadOnlyList<Institution> Institutions);

/// <summary>One registration, as organisers see and correct it: every field and answer, its delegation, history and messages.</summary>
[Authorize(Policy = IdentityConfiguration.EventOrganiserPolicy)]
[Route("/organiser/events/{eventId:int}/registrations/{id:int}")]
public sealed class RegistrationDetailController(
    RegistrationAdministration administration,
    RegistrationLists lists,
    InstitutionService institutions,
    IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int eventId, int id, CancellationToken cancellationToken)
    {
        var detail = await administration.DetailAsync(eventId, id, cancellationToken);
        if (detail is null)
        {
            return NotFound();
        }

        var positions = detail.Registration.Status == RegistrationStatus.Waitlisted ? await lists.WaitingListPositionsAsync(eventId, cancellationToken) : null;
        Response.Headers.CacheControl = "no-store";
        return View(new RegistrationDetailPage(detail, positions?.GetValueOrDefault(id)));
    }

    /// <summary>A file a delegate sent with the form (a passport scan): organisers only, never cached, never shown inline.</summary>
    [HttpGet("files/{questionId:int}")]
    public async Task<IActionResult> File(int eventId, int id, int questionId, [FromServices] AnswerFiles files, CancellationToken cancellationToken)
    {
        var detail = await administration.DetailAsync(eventId, id, cancellationToken);
        var answer = detail?.Registration.Answers.FirstOrDefault(a => a.QuestionId == questionId && a.SealedFile is not null);
        if (answer is null || files.Open(answer.SealedFile) is not { } content)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        return File(content, answer.ContentType ?? "application/octet-stream", answer.Value);
    }

    [HttpGet("edit")]
    public async Task<IActionResult> Edit(int eventId, int id, CancellationToken cancellationToken)
    {
        var detail = await administration.DetailAsync(eventId, id, cancellationToken);
        if (detail is null)
        {
            return NotFound();
        }

        var r = detail.Registration;
        return View(new RegistrationEditPage(r, CorrectionForm.From(r), r.Email, r.Category, r.InstitutionId, detail.Questions, await institutions.ListAsync(cancellationToken)));
    }

    [HttpPost("edit")]
    public async Task<IActionResult> Edit(int eventId, int id, [FromForm] CorrectionForm form, [FromForm] string? email, [FromForm] RegistrationCategory category,
        [FromForm] int? institutionId, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var result = await administration.EditAsync(eventId, id, new RegistrationEdit(form.ToCorrection(), email ?? "", category, institutionId), cancellationToken);
            if (result.Succeeded)
            {
                TempData["Notice"] = t["The registration was saved."].Value;
                return Redirect($"/organiser/events/{eventId}/registrations/{id}");
            }

            ModelState.AddDomainErrors(result.Errors, t);
        }

        var detail = await administration.DetailAsync(eventId, id, cancellationToken);
        if (detail is null)
        {
            return NotFound();
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(new RegistrationEditPage(detail.Registration, form, email ?? "", category, institutionId, detail.Questions, await institutions.ListAsync(cancellationToken)));
    }

    [HttpPost("resend-link")]
    public async Task<IActionResult> ResendLink(int eventId, int id, CancellationToken cancellationToken) =>
        Done(eventId, id, await administration.ResendLinkAsync(eventId, id, cancellationToken), r => t["The private link was sent again to {0}.", r.Email]);

    [HttpPost("restore")]
    public async Task<IActionResult> Restore(int eventId, int id, CancellationToken cancellationToken) =>
        Done(eventId, id, await administration.RestoreAsync(eventId, id, cancellationToken), r => r.Status == RegistrationStatus.Confirmed
            ? t["The registration is restored and confirmed."] : t["The registration is restored; no place was free, so it is on the waiting list."]);

    [HttpPost("confirm-over-capacity")]
    public async Task<IActionResult> ConfirmOverCapacity(int eventId, int id, [FromForm] string? reason, CancellationToken cancellationToken) =>
        Done(eventId, id, await administration.ConfirmOverCapacityAsync(eventId, id, reason, cancellationToken), _ => t["Confirmed beyond the capacity; the reason is in the activity log."]);

    private RedirectResult Done(int eventId, int id, Core.Common.DomainResult<Registration> result, Func<Registration, LocalizedString> said)
    {
        TempData["Notice"] = result.Succeeded ? said(result.Value!).Value : t.Say(result.Errors);
        return Redirect($"/organiser/events/{eventId}/registrations/{id}");
    }
}
