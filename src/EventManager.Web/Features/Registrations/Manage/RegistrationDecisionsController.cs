using EventManager.Core.Registrations;
using EventManager.Web.Configuration;
using EventManager.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Registrations.Manage;

/// <summary>What organisers decide about the ticked registrations on the list: approve, decline, erase.</summary>
[Authorize(Policy = IdentityConfiguration.EventOrganiserPolicy)]
[Route("/organiser/events/{eventId:int}/registrations")]
public sealed class RegistrationDecisionsController(RegistrationDecisions decisions, PersonalDataErasure erasure, Core.Data.EventManagerDbContext db, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpPost("approve")]
    public async Task<IActionResult> Approve(int eventId, [FromForm] int[] ids, [FromForm] string? returnQuery, [FromForm] bool fromRegistration, CancellationToken cancellationToken)
    {
        if (ids.Length == 0)
        {
            TempData["Notice"] = t["Tick the registrations to approve first."].Value;
            return BackToList(eventId, returnQuery);
        }

        var result = await decisions.ApproveAsync(eventId, ids, cancellationToken);
        TempData["Notice"] = result.Succeeded
            ? result.Value!.Waitlisted.Count == 0
                ? t["{0} approved.", result.Value.Confirmed.Count].Value
                : t.Plural("{0} approved; {1, plural, one {# did not fit and is} other {# did not fit and are}} on the waiting list.", result.Value.Confirmed.Count, result.Value.Waitlisted.Count)
            : t.Say(result.Errors);
        return fromRegistration && ids.Length == 1 ? BackToRegistration(eventId, ids[0]) : BackToList(eventId, returnQuery);
    }

    [HttpPost("decline")]
    public async Task<IActionResult> Decline(int eventId, [FromForm] int[] ids, [FromForm] string? returnQuery, [FromForm] bool fromRegistration, CancellationToken cancellationToken)
    {
        if (ids.Length == 0)
        {
            TempData["Notice"] = t["Tick the registrations to decline first."].Value;
            return BackToList(eventId, returnQuery);
        }

        if (!Request.Confirmed())
        {
            // Who would be declined, and how many places that frees: said before anything changes.
            var chosen = await db.Registrations.AsNoTracking()
                .Where(r => r.EventId == eventId && ids.Contains(r.Id) && (r.Status == RegistrationStatus.Pending || r.Status == RegistrationStatus.Waitlisted || r.Status == RegistrationStatus.Confirmed))
                .OrderBy(r => r.LatinName).Select(r => new { r.LatinName, r.Status }).ToListAsync(cancellationToken);
            if (chosen.Count > 0)
            {
                var names = string.Join(", ", chosen.Take(10).Select(r => r.LatinName)) + (chosen.Count > 10 ? ", …" : "");
                var freed = chosen.Count(r => r.Status == RegistrationStatus.Confirmed);
                return this.Confirm(new Confirmation(
                    t.Plural("Decline {0, plural, one {# registration} other {# registrations}}?", chosen.Count),
                    new[]
                    {
                        t.Plural("{0, plural, one {# registration is} other {# registrations are}} declined: {1}.", chosen.Count, names),
                        t["Each person is told so by email, in their language; a declined registration can be restored later."].Value,
                        freed == 0 ? null : t.Plural("{0, plural, one {# confirmed place is} other {# confirmed places are}} freed: the first on the waiting list move up and are told.", freed),
                    }.OfType<string>().ToList(),
                    t.Plural("Decline {0, plural, one {# registration} other {# registrations}}", chosen.Count),
                    fromRegistration && ids.Length == 1 ? $"/organiser/events/{eventId}/registrations/{ids[0]}" : BackToList(eventId, returnQuery).Url));
            }
        }

        var result = await decisions.DeclineAsync(eventId, ids, cancellationToken);
        TempData["Notice"] = result.Succeeded
            ? t["{0} declined; {1} moved up from the waiting list.", result.Value!.Declined.Count, result.Value.Promoted.Count].Value
            : t.Say(result.Errors);
        return fromRegistration && ids.Length == 1 ? BackToRegistration(eventId, ids[0]) : BackToList(eventId, returnQuery);
    }

    /// <summary>Erases the personal data of the ticked registrations, or (after the event) of everyone.</summary>
    [HttpPost("erase")]
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
            TempData["Problem"] = t.Say(result.Errors);
            return BackToList(eventId, returnQuery);
        }

        var report = result.Value!;
        TempData["Notice"] = string.Join(" ", new[]
        {
            t.Plural("The personal data of {0, plural, one {# registration} other {# registrations}} was erased.", report.Erased),
            report.KeptSignatories.Count == 0 ? null : t["Kept, because they sign agreements: {0}.", string.Join(", ", report.KeptSignatories)].Value,
            report.KeptSpeakers.Count == 0 ? null : t["Kept, because they are on the agenda: {0}.", string.Join(", ", report.KeptSpeakers)].Value,
        }.Where(s => s is not null));
        return BackToList(eventId, returnQuery);
    }

    private RedirectResult BackToRegistration(int eventId, int id) => Redirect($"/organiser/events/{eventId}/registrations/{id}");

    /// <summary>Back to the list as it was filtered; only a query string of this site is followed.</summary>
    private RedirectResult BackToList(int eventId, string? query) =>
        Redirect($"/organiser/events/{eventId}/registrations{(query is { Length: > 0 } && query.StartsWith('?') && !query.Contains("//") ? query : "")}");
}
