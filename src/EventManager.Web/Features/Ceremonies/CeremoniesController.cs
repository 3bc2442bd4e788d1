using EventManager.Core.Agenda;
using EventManager.Core.Ceremonies;
using EventManager.Core.Common;
using EventManager.Core.Events;
using EventManager.Web.Configuration;
using EventManager.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using EventManager.Core.Printing;

namespace EventManager.Web.Features.Ceremonies;

public sealed record CeremonyListPage(Event Event, IReadOnlyList<(Session Session, int Agreements)> Ceremonies);

/// <param name="Invited">People with an invitation to the ceremony's event: a planned signatory is flagged "not invited" or "invited".</param>
public sealed record CeremonyPage(Session Session, IReadOnlyList<Agreement> Agreements, IReadOnlySet<int>? Invited = null)
{
    public IReadOnlyList<DomainError> ProblemsOf(Agreement agreement) => CeremonyService.Problems(agreement, Invited);
}

public sealed record PartnershipsPage(Event Event, PartnershipMatrix Matrix);

/// <summary>Organisers' view of an event's signing ceremonies: the list, one ceremony's running order, the partnership matrix.</summary>
[Authorize(Policy = IdentityConfiguration.EventOrganiserPolicy)]
public sealed class CeremoniesController(CeremonyService ceremonies, PartnershipService partnerships, EventService events, IStringLocalizer<SharedResource> t) : Controller
{
    /// <summary>Whether staff may print certificates of ready agreements before the ceremony (to hand over at the table).</summary>
    [HttpPost("/organiser/ceremonies/{sessionId:int}/certificates-before-signing")]
    public async Task<IActionResult> CertificatesBeforeSigning(int sessionId, [FromForm] bool allowed, CancellationToken cancellationToken)
    {
        if (!await ceremonies.SetCertificatesBeforeSigningAsync(sessionId, allowed, cancellationToken))
        {
            return NotFound();
        }

        TempData["Notice"] = (allowed
            ? t["Certificates of ready agreements may now be printed before the ceremony."]
            : t["Certificates are now printed only for signed agreements."]).Value;
        return Redirect($"/organiser/ceremonies/{sessionId}");
    }

    [HttpGet("/organiser/events/{eventId:int}/ceremonies")]
    public async Task<IActionResult> Index(int eventId, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        if (ev is null)
        {
            return NotFound();
        }

        var sessions = await ceremonies.CeremoniesAsync(eventId, cancellationToken);
        var counts = await ceremonies.AgreementCountsAsync(sessions.Select(s => s.Id).ToList(), cancellationToken);
        var list = sessions.Select(s => (s, counts.GetValueOrDefault(s.Id))).ToList();
        return View(new CeremonyListPage(ev, list));
    }

    [HttpGet("/organiser/ceremonies/{sessionId:int}")]
    public async Task<IActionResult> Ceremony(int sessionId, CancellationToken cancellationToken)
    {
        var session = await ceremonies.FindCeremonyAsync(sessionId, cancellationToken);
        return session is null ? NotFound() : View(new CeremonyPage(session, await ceremonies.AgreementsAsync(sessionId, cancellationToken),
            await ceremonies.InvitedPeopleAsync(session.EventId, cancellationToken)));
    }

    [HttpGet("/organiser/events/{eventId:int}/partnerships")]
    public async Task<IActionResult> Partnerships(int eventId, string? rows, string? columns, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        return ev is null ? NotFound() : View(new PartnershipsPage(ev, await partnerships.MatrixAsync(eventId, rows, columns, cancellationToken)));
    }
}
