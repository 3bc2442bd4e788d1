using System.ComponentModel.DataAnnotations;
using EventManager.Core.Agenda;
using EventManager.Core.Ceremonies;
using EventManager.Core.Common;
using EventManager.Core.Events;
using EventManager.Core.Registrations;
using EventManager.Web.Configuration;
using EventManager.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Ceremonies;

public sealed class PartyForm
{
    public int? InstitutionId { get; set; }
    public int? SignatoryRegistrationId { get; set; }

    /// <summary>A person of the directory planned to sign, while they have no confirmed registration.</summary>
    public int? SignatoryPersonId { get; set; }
    public string? LocalTitle { get; set; }
}

public sealed class AgreementForm
{
    public const int PartyRows = 4;

    /// <summary>By language code, as the form posts it (Title[zh]).</summary>
    public Dictionary<string, string?> Title { get; set; } = [];

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

    public AgreementInput ToInput(IReadOnlyList<Registration> signatories, IReadOnlyList<Core.Delegates.Delegate> planned) => new(LocalTextForms.ToText(Title), Kind, Round, Table, Parties
        .Select(p => new AgreementPartyInput(
            // Choosing the signatory is enough: their institution is the party.
            p.InstitutionId ?? signatories.FirstOrDefault(s => s.Id == p.SignatoryRegistrationId)?.InstitutionId ?? planned.FirstOrDefault(d => d.Id == p.SignatoryPersonId)?.InstitutionId,
            p.SignatoryRegistrationId,
            p.LocalTitle,
            p.SignatoryPersonId))
        .ToList());

    public static AgreementForm From(Agreement a, IReadOnlyList<string> languages) => new AgreementForm
    {
        Title = LocalTextForms.ToForm(a.Title, languages),
        Kind = a.Kind,
        Round = a.Round,
        Table = a.Table,
        // A confirmed signatory shows in the delegates' list; a planned one (registered or not) in the directory's.
        Parties = a.Parties.OrderBy(p => p.Order).Select(p => p.Signatory?.Status == RegistrationStatus.Confirmed
            ? new PartyForm { InstitutionId = p.InstitutionId, SignatoryRegistrationId = p.SignatoryRegistrationId, LocalTitle = p.LocalTitle }
            : new PartyForm { InstitutionId = p.InstitutionId, SignatoryPersonId = p.SignatoryPersonId, LocalTitle = p.LocalTitle }).ToList(),
    }.Padded();
}

/// <param name="Institutions">Every institution of the directory: an agreement is planned by institution before anyone registers.</param>
public sealed record AgreementFormPage(Session Session, int? AgreementId, AgreementForm Form, IReadOnlyList<Registration> Signatories, IReadOnlyList<Core.Delegates.Delegate> Planned,
    IReadOnlyList<Core.Institutions.Institution> Institutions);

/// <summary>Organisers set up the agreements of a ceremony: parties and signatories, running order, ready, signed, withdrawn.</summary>
[Authorize(Policy = IdentityConfiguration.EventOrganiserPolicy)]
public sealed class AgreementsController(CeremonyService ceremonies, Core.Institutions.InstitutionService institutions, IStringLocalizer<SharedResource> t) : Controller
{
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

        return await FormView(session, agreementId, AgreementForm.From(agreement, session.Event!.LanguageList), cancellationToken);
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
    public async Task<IActionResult> Withdraw(int agreementId, [FromForm] string? reason, CancellationToken cancellationToken)
    {
        if (!Request.Confirmed() && !string.IsNullOrWhiteSpace(reason) && await ceremonies.FindAgreementAsync(agreementId, cancellationToken) is { } agreement)
        {
            return this.Confirm(new Confirmation(
                t["Withdraw {0}?", agreement.Title],
                [
                    t["It leaves the running order and the place cards; it is no longer signed at the ceremony."].Value,
                    t["A certificate already printed for it stays valid until staff revoke it."].Value,
                    t["The reason is kept in the activity log: {0}", reason.Trim()].Value,
                ],
                t["Withdraw the agreement"],
                $"/organiser/ceremonies/{agreement.SessionId}"));
        }

        return await BackToCeremony(agreementId, await ceremonies.WithdrawAsync(agreementId, reason, User.Identity?.Name ?? "", cancellationToken), cancellationToken);
    }

    private async Task<IActionResult> Save(int sessionId, int? agreementId, AgreementForm form, CancellationToken cancellationToken)
    {
        var session = await ceremonies.FindCeremonyAsync(sessionId, cancellationToken);
        if (session is null)
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var result = await ceremonies.SaveAsync(sessionId, agreementId,
                form.ToInput(await ceremonies.SignatoriesAsync(sessionId, cancellationToken), await ceremonies.PlannedSignatoriesAsync(sessionId, cancellationToken)), cancellationToken);
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
        View("Agreement", new AgreementFormPage(session, agreementId, form, await ceremonies.SignatoriesAsync(session.Id, cancellationToken),
            await ceremonies.PlannedSignatoriesAsync(session.Id, cancellationToken),
            (await institutions.ListAsync(cancellationToken)).OrderBy(i => i.CountryCode).ThenBy(i => i.EnglishName).ToList()));

    private async Task<IActionResult> BackToCeremony(int agreementId, DomainResult<Agreement>? result, CancellationToken cancellationToken)
    {
        if (result is not null)
        {
            TempData["Notice"] = result.Succeeded
                ? t["{0}: {1}.", result.Value!.Title, t.Label(result.Value.Status)].Value
                : t.Say(result.Errors);
        }

        var agreement = await ceremonies.FindAgreementAsync(agreementId, cancellationToken);
        return agreement is null ? NotFound() : Redirect($"/organiser/ceremonies/{agreement.SessionId}#agreement-{agreementId}");
    }
}
