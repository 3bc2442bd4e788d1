using EventManager.Core.Delegates;
using EventManager.Core.Events;
using EventManager.Core.Institutions;
using EventManager.Core.Invitations;
using EventManager.Web.Configuration;
using EventManager.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Invitations;

public sealed record InvitationsPage(
    Event Event,
    IReadOnlyList<OpenedInvitation> Invitations,
    IReadOnlyList<InstitutionResponse> Responses,
    IReadOnlyList<PersonListing> Candidates,
    IReadOnlyList<Institution> Institutions,
    string? Search,
    int? InstitutionId,
    InviteForm Form);

public sealed class InviteForm
{
    public List<int> PersonIds { get; set; } = [];

    public InvitationKind Kind { get; set; } = InvitationKind.Personal;

    /// <summary>In the event's zone; empty: the invitation is open until registration closes.</summary>
    public DateTime? AnswerBy { get; set; }
}

/// <summary>
/// Inviting the people of the directory to one event: rectors each for themselves, or an institution's contact who
/// registers its delegation. The page lists every invitation with where it stands, and the answers per institution.
/// </summary>
[Authorize(Policy = IdentityConfiguration.EventOrganiserPolicy)]
[Route("/organiser/events/{eventId:int}/invitations")]
public sealed class InvitationsController(EventService events, InvitationService invitations, PeopleDirectory people, InstitutionService institutions, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int eventId, string? q, int? institution, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        return ev is null ? NotFound() : View(await PageAsync(ev, q, institution, new InviteForm(), cancellationToken));
    }

    [HttpPost("")]
    public async Task<IActionResult> Invite(int eventId, [FromForm] InviteForm form, string? q, int? institution, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        if (ev is null)
        {
            return NotFound();
        }

        DateTime? answerBy = null;
        if (form.AnswerBy is { } local)
        {
            if (EventTime.TryToUtc(local, EventTime.FindZone(ev.TimeZoneId), out var utc))
            {
                answerBy = utc;
            }
            else
            {
                ModelState.AddModelError(nameof(form.AnswerBy), t["This time does not exist in {0}: the clocks skip it.", ev.TimeZoneId]);
            }
        }

        if (ModelState.IsValid)
        {
            var result = await invitations.InviteAsync(eventId, form.PersonIds, form.Kind, answerBy, cancellationToken);
            if (result.Succeeded)
            {
                var round = result.Value!;
                TempData["Notice"] = (round.Skipped.Count == 0
                    ? t.Plural("{0, plural, one {# invitation was sent.} other {# invitations were sent.}}", round.Sent.Count)
                    : t.Plural("{0, plural, one {# invitation was sent.} other {# invitations were sent.}}", round.Sent.Count) + " "
                      + t["Left out (invited already, registered, or without an email address): {0}.", string.Join(", ", round.Skipped)]).ToString();
                return Redirect($"/organiser/events/{eventId}/invitations");
            }

            ModelState.AddDomainErrors(result.Errors, t);
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View("Index", await PageAsync(ev, q, institution, form, cancellationToken));
    }

    [HttpPost("{id:int}/send-again")]
    public async Task<IActionResult> SendAgain(int eventId, int id, CancellationToken cancellationToken)
    {
        var result = await invitations.SendAgainAsync(eventId, id, cancellationToken);
        TempData[result.Succeeded ? "Notice" : "Problem"] = result.Succeeded ? t["The invitation to {0} was sent again.", result.Value!.Person!.LatinName].Value : t.Say(result.Errors);
        return Redirect($"/organiser/events/{eventId}/invitations#invitations");
    }

    [HttpPost("{id:int}/withdraw")]
    public async Task<IActionResult> Withdraw(int eventId, int id, CancellationToken cancellationToken)
    {
        if (!Request.Confirmed() && (await invitations.ListAsync(eventId, cancellationToken)).FirstOrDefault(i => i.Invitation.Id == id)?.Invitation.Person is { } person)
        {
            return this.Confirm(new Confirmation(
                t["Withdraw the invitation to {0}?", person.LatinName],
                [t["Their invitation link stops working at once; they are not told by email."].Value, t["They can be invited again later."].Value],
                t["Withdraw the invitation"],
                $"/organiser/events/{eventId}/invitations#invitations"));
        }

        var result = await invitations.WithdrawAsync(eventId, id, cancellationToken);
        TempData[result.Succeeded ? "Notice" : "Problem"] = result.Succeeded ? t["The invitation to {0} was withdrawn: its link no longer works.", result.Value!.Person!.LatinName].Value : t.Say(result.Errors);
        return Redirect($"/organiser/events/{eventId}/invitations#invitations");
    }

    private async Task<InvitationsPage> PageAsync(Event ev, string? q, int? institution, InviteForm form, CancellationToken cancellationToken)
    {
        var list = await invitations.ListAsync(ev.Id, cancellationToken);
        // Who can still be invited: not invited already, not registered here.
        var taken = await invitations.TakenAsync(ev.Id, cancellationToken);
        var candidates = (await people.ListAsync(q, institution, cancellationToken)).Where(p => !taken.Contains(p.Person.Id)).ToList();
        Response.Headers.CacheControl = "no-store";
        return new InvitationsPage(ev, list, await invitations.ResponsesAsync(ev.Id, cancellationToken), candidates,
            await institutions.ListAsync(cancellationToken), q, institution, form);
    }
}
