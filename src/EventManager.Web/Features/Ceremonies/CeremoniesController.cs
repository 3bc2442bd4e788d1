using System.ComponentModel.DataAnnotations;
using EventManager.Core.Agenda;
using EventManager.Core.Ceremonies;
using EventManager.Core.Certificates;
using EventManager.Core.Common;
using EventManager.Core.Events;
using EventManager.Core.Registrations;
using EventManager.Web.Configuration;
using EventManager.Web.Features.Certificates;
using EventManager.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using EventManager.Core.Printing;

namespace EventManager.Web.Features.Ceremonies;

public sealed class PartyForm
{
    public int? InstitutionId { get; set; }
    public int? SignatoryRegistrationId { get; set; }
    public string? LocalTitle { get; set; }
}

public sealed class AgreementForm
{
    public const int PartyRows = 4;

    [Display(Name = "Title")]
    public string? Title { get; set; }

    [Display(Name = "Kind")]
    public AgreementKind Kind { get; set; }

    [Display(Name = "Round")]
    public int Round { get; set; } = 1;

    [Display(Name = "Table")]
    public int Table { get; set; } = 1;

    public List<PartyForm> Parties { get; set; } = [];

    /// <summary>Always offers <see cref="PartyRows"/> party rows; blank ones are ignored.</summary>
    public AgreementForm Padded()
    {
        while (Parties.Count < PartyRows)
        {
            Parties.Add(new PartyForm());
        }

        return this;
    }

    public AgreementInput ToInput(IReadOnlyList<Registration> signatories) => new(Title, Kind, Round, Table, Parties
        .Select(p => new AgreementPartyInput(
            // Choosing the signatory is enough: their institution is the party.
            p.InstitutionId ?? signatories.FirstOrDefault(s => s.Id == p.SignatoryRegistrationId)?.InstitutionId,
            p.SignatoryRegistrationId,
            p.LocalTitle))
        .ToList());

    public static AgreementForm From(Agreement a) => new AgreementForm
    {
        Title = a.Title,
        Kind = a.Kind,
        Round = a.Round,
        Table = a.Table,
        Parties = a.Parties.OrderBy(p => p.Order).Select(p => new PartyForm { InstitutionId = p.InstitutionId, SignatoryRegistrationId = p.SignatoryRegistrationId, LocalTitle = p.LocalTitle }).ToList(),
    }.Padded();
}

public sealed record CeremonyListPage(Event Event, IReadOnlyList<(Session Session, int Agreements)> Ceremonies);

public sealed record CeremonyPage(Session Session, IReadOnlyList<Agreement> Agreements)
{
    public IReadOnlyList<DomainError> ProblemsOf(Agreement agreement) => CeremonyService.Problems(agreement);
}

public sealed record AgreementFormPage(Session Session, int? AgreementId, AgreementForm Form, IReadOnlyList<Registration> Signatories);

public sealed record PartnershipsPage(Event Event, PartnershipMatrix Matrix);

/// <summary>Organisers set up signing ceremonies: agreements, running order, run sheet, partnership matrix.</summary>
[Authorize(Policy = IdentityConfiguration.OrganiserPolicy)]
public sealed class CeremoniesController(
    CeremonyService ceremonies,
    PartnershipService partnerships,
    EventService events,
    DocumentFonts fonts,
    TimeProvider time,
    IStringLocalizer<SharedResource> t) : Controller
{
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
        return session is null ? NotFound() : View(new CeremonyPage(session, await ceremonies.AgreementsAsync(sessionId, cancellationToken)));
    }

    [HttpGet("/organiser/ceremonies/{sessionId:int}/agreements/new")]
    public async Task<IActionResult> NewAgreement(int sessionId, CancellationToken cancellationToken)
    {
        var session = await ceremonies.FindCeremonyAsync(sessionId, cancellationToken);
        return session is null ? NotFound() : await FormView(session, null, new AgreementForm().Padded(), cancellationToken);
    }

    [HttpPost("/organiser/ceremonies/{sessionId:int}/agreements/new")]
    public Task<IActionResult> NewAgreement(int sessionId, [FromForm] AgreementForm form, CancellationToken cancellationToken) =>
        Save(sessionId, null, form, cancellationToken);

    [HttpGet("/organiser/ceremonies/{sessionId:int}/agreements/{agreementId:int}/edit")]
    public async Task<IActionResult> EditAgreement(int sessionId, int agreementId, CancellationToken cancellationToken)
    {
        var session = await ceremonies.FindCeremonyAsync(sessionId, cancellationToken);
        var agreement = await ceremonies.FindAgreementAsync(agreementId, cancellationToken);
        if (session is null || agreement is null || agreement.SessionId != sessionId)
        {
            return NotFound();
        }

        return await FormView(session, agreementId, AgreementForm.From(agreement), cancellationToken);
    }

    [HttpPost("/organiser/ceremonies/{sessionId:int}/agreements/{agreementId:int}/edit")]
    public Task<IActionResult> EditAgreement(int sessionId, int agreementId, [FromForm] AgreementForm form, CancellationToken cancellationToken) =>
        Save(sessionId, agreementId, form, cancellationToken);

    [HttpPost("/organiser/agreements/{agreementId:int}/move")]
    public async Task<IActionResult> Move(int agreementId, [FromForm] int direction, CancellationToken cancellationToken)
    {
        await ceremonies.MoveAsync(agreementId, direction, cancellationToken);
        return await BackToCeremony(agreementId, null, cancellationToken);
    }

    [HttpPost("/organiser/agreements/{agreementId:int}/ready")]
    public async Task<IActionResult> Ready(int agreementId, CancellationToken cancellationToken) =>
        await BackToCeremony(agreementId, await ceremonies.MarkReadyAsync(agreementId, cancellationToken), cancellationToken);

    [HttpPost("/organiser/agreements/{agreementId:int}/signed")]
    public async Task<IActionResult> Signed(int agreementId, [FromForm] DateTime? signedLocal, CancellationToken cancellationToken)
    {
        var agreement = await ceremonies.FindAgreementAsync(agreementId, cancellationToken);
        if (agreement is null)
        {
            return NotFound();
        }

        DateTime? signedUtc = null;
        if (signedLocal is DateTime local && EventTime.TryFindZone(agreement.Session!.Event!.TimeZoneId, out var zone) && EventTime.TryToUtc(local, zone, out var utc))
        {
            signedUtc = utc;
        }

        return await BackToCeremony(agreementId, await ceremonies.MarkSignedAsync(agreementId, signedUtc, cancellationToken), cancellationToken);
    }

    [HttpPost("/organiser/agreements/{agreementId:int}/withdraw")]
    public async Task<IActionResult> Withdraw(int agreementId, [FromForm] string? reason, CancellationToken cancellationToken) =>
        await BackToCeremony(agreementId, await ceremonies.WithdrawAsync(agreementId, reason, User.Identity?.Name ?? "", cancellationToken), cancellationToken);

    [HttpGet("/organiser/ceremonies/{sessionId:int}/run-sheet")]
    public async Task<IActionResult> RunSheet(int sessionId, CancellationToken cancellationToken)
    {
        var session = await ceremonies.FindCeremonyAsync(sessionId, cancellationToken);
        return session is null ? NotFound() : View(new CeremonyPage(session, await RunningOrder(sessionId, cancellationToken)));
    }

    [HttpGet("/organiser/ceremonies/{sessionId:int}/run-sheet.pdf")]
    public async Task<IActionResult> RunSheetPdf(int sessionId, CancellationToken cancellationToken)
    {
        var session = await ceremonies.FindCeremonyAsync(sessionId, cancellationToken);
        if (session is null)
        {
            return NotFound();
        }

        if (fonts.Catalog is null)
        {
            return Problem(fonts.Error, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var rows = (await RunningOrder(sessionId, cancellationToken)).Select(a => new RunSheetRow(
            a.Position.ToString(), a.Round.ToString(), a.Table.ToString(), a.Title,
            a.Parties.Select(CeremonyText.Party).ToList(), a.Parties.Select(CeremonyText.Signatory).ToList(),
            CeremonyText.Kind(a.Kind, t) + " · " + CeremonyText.Status(a.Status, t))).ToList();
        var model = new RunSheetModel(
            t["Run sheet: {0}", session.Title],
            $"{session.Event!.Name} · {Display.TimeRange(session.StartsAtUtc, session.EndsAtUtc, session.Event.TimeZoneId)} · {session.Room?.Name}",
            [t["No."], t["Round"], t["Table"], t["Agreement"], t["Parties"], t["Signatories"]],
            rows,
            t["Printed {0}", Display.Moment(time.GetUtcNow().UtcDateTime, session.Event.TimeZoneId)]);
        try
        {
            return File(new RunSheetRenderer(fonts.Catalog).Render(model), "application/pdf", $"run-sheet-{sessionId}.pdf");
        }
        catch (MissingGlyphsException e)
        {
            return Problem(t["The certificate fonts cannot print {0}. Configure a font for these characters under Printing:Fonts.", e.Characters], statusCode: StatusCodes.Status422UnprocessableEntity);
        }
    }

    [HttpGet("/organiser/events/{eventId:int}/partnerships")]
    public async Task<IActionResult> Partnerships(int eventId, string? rows, string? columns, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        return ev is null ? NotFound() : View(new PartnershipsPage(ev, await partnerships.MatrixAsync(eventId, rows, columns, cancellationToken)));
    }

    private async Task<List<Agreement>> RunningOrder(int sessionId, CancellationToken cancellationToken) =>
        (await ceremonies.AgreementsAsync(sessionId, cancellationToken)).Where(a => a.Status != AgreementStatus.Withdrawn).ToList();

    private async Task<IActionResult> Save(int sessionId, int? agreementId, AgreementForm form, CancellationToken cancellationToken)
    {
        var session = await ceremonies.FindCeremonyAsync(sessionId, cancellationToken);
        if (session is null)
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var result = await ceremonies.SaveAsync(sessionId, agreementId, form.ToInput(await ceremonies.SignatoriesAsync(sessionId, cancellationToken)), cancellationToken);
            if (result.Succeeded)
            {
                TempData["Notice"] = t["{0} was saved.", result.Value!.Title].Value;
                return Redirect($"/organiser/ceremonies/{sessionId}");
            }

            ModelState.AddDomainErrors(result.Errors, t);
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return await FormView(session, agreementId, form.Padded(), cancellationToken);
    }

    private async Task<IActionResult> FormView(Session session, int? agreementId, AgreementForm form, CancellationToken cancellationToken) =>
        View("Agreement", new AgreementFormPage(session, agreementId, form, await ceremonies.SignatoriesAsync(session.Id, cancellationToken)));

    private async Task<IActionResult> BackToCeremony(int agreementId, DomainResult<Agreement>? result, CancellationToken cancellationToken)
    {
        if (result is not null)
        {
            TempData["Notice"] = result.Succeeded
                ? t["{0}: {1}.", result.Value!.Title, CeremonyText.Status(result.Value.Status, t)].Value
                : string.Join(" ", result.Errors.Select(e => t[e.Message, e.Arguments].Value));
        }

        var agreement = await ceremonies.FindAgreementAsync(agreementId, cancellationToken);
        return agreement is null ? NotFound() : Redirect($"/organiser/ceremonies/{agreement.SessionId}#agreement-{agreementId}");
    }
}
