using EventManager.Core.Agenda;
using EventManager.Core.Ceremonies;
using EventManager.Core.Certificates;
using EventManager.Core.Common;
using EventManager.Web.Configuration;
using EventManager.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using EventManager.Core.Printing;

namespace EventManager.Web.Features.Certificates;

public sealed record CertificatesPage(Session Session, IReadOnlyList<Agreement> Agreements, IReadOnlyList<Certificate> Certificates, string? FontError, string Language)
{
    public Certificate? CurrentOf(Agreement agreement) =>
        Certificates.FirstOrDefault(c => c.AgreementId == agreement.Id && c.RevokedAtUtc is null && c.SupersededById is null);

    /// <summary>Revoked and superseded certificates of the agreement: paper that no longer counts.</summary>
    public IEnumerable<Certificate> RevokedOf(Agreement agreement) =>
        Certificates.Where(c => c.AgreementId == agreement.Id && (c.RevokedAtUtc is not null || c.SupersededById is not null));

    /// <summary>The agreement changed after its certificate was printed: the paper is out of date until reprinted.</summary>
    public bool OutOfDate(Agreement agreement) =>
        CurrentOf(agreement) is { Prints.Count: > 0 } current && CertificateService.IsOutOfDate(current, agreement, Session);

    public bool Printable(Agreement agreement) => CertificateService.PrintProblems(agreement, Session).Count == 0;
}

public sealed record StaffCeremoniesPage(IReadOnlyList<(Core.Events.Event Event, IReadOnlyList<Session> Ceremonies)> Events, Core.Events.Event? OnlyEvent = null);

/// <summary>Staff print certificates one by one or a whole ceremony at once, and revoke them.</summary>
[Authorize(Policy = IdentityConfiguration.EventStaffPolicy)]
public sealed class CertificatesController(
    CeremonyService ceremonies,
    CertificateService certificates,
    CertificateBuilder models,
    CertificateSigning signing,
    TimeProvider time,
    Ceremonies.PlaceCardBuilder placeCards,
    DocumentFonts fonts,
    Core.Events.EventService events,
    Team.TeamAccess access,
    IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("/staff/ceremonies")]
    public async Task<IActionResult> Ceremonies(int? eventId, CancellationToken cancellationToken)
    {
        var list = new List<(Core.Events.Event, IReadOnlyList<Session>)>();
        var visible = await access.EventsWhereAsync(User, r => r.Works || r.Observer, cancellationToken);
        var upcoming = (await events.UpcomingAsync(cancellationToken)).Where(e => visible is null || visible.Contains(e.Id)).ToList();
        var only = upcoming.FirstOrDefault(e => e.Id == eventId);
        foreach (var ev in only is null ? upcoming : [only])
        {
            var sessions = (await ceremonies.CeremoniesAsync(ev.Id, cancellationToken)).Where(s => s.EventId == ev.Id).ToList();
            if (sessions.Count > 0)
            {
                list.Add((ev, sessions));
            }
        }

        return View(new StaffCeremoniesPage(list, only));
    }

    /// <param name="language">The language of the certificates' own words (headings, date, serial line); English by default.</param>
    [HttpGet("/staff/ceremonies/{sessionId:int}/certificates")]
    public async Task<IActionResult> Index(int sessionId, string? language, CancellationToken cancellationToken)
    {
        var page = await Page(sessionId, WebConfiguration.SupportedCultureOr(language).Name, cancellationToken);
        return page is null ? NotFound() : View(page);
    }

    /// <summary>One agreement's certificate as a PDF; issued on first print, logged every time.</summary>
    [HttpPost("/staff/agreements/{agreementId:int}/certificate")]
    public async Task<IActionResult> Print(int agreementId, [FromForm] string? reason, [FromForm] string? language, CancellationToken cancellationToken)
    {
        var agreement = await ceremonies.FindAgreementAsync(agreementId, cancellationToken);
        return agreement is null ? NotFound() : await PrintAsync(agreement.SessionId, [agreementId], reason, language, $"certificate-{agreementId}.pdf", cancellationToken);
    }

    /// <summary>Every printable certificate of the ceremony in running order, one PDF.</summary>
    [HttpPost("/staff/ceremonies/{sessionId:int}/certificates")]
    public async Task<IActionResult> PrintAll(int sessionId, [FromForm] string? reason, [FromForm] string? language, CancellationToken cancellationToken)
    {
        var ceremony = await ceremonies.FindCeremonyAsync(sessionId, cancellationToken);
        if (ceremony is null)
        {
            return NotFound();
        }

        var agreements = await ceremonies.AgreementsAsync(sessionId, cancellationToken);
        var printable = agreements.Where(a => CertificateService.PrintProblems(a, ceremony).Count == 0).Select(a => a.Id).ToList();
        if (printable.Count == 0)
        {
            TempData["Notice"] = t["No agreement of this ceremony is ready to print."].Value;
            return Redirect($"/staff/ceremonies/{sessionId}/certificates");
        }

        return await PrintAsync(sessionId, printable, reason, language, $"certificates-{sessionId}.pdf", cancellationToken);
    }

    /// <summary>
    /// A folding place card for every signatory at every table, in round and table order: what protocol staff set out
    /// before each round.
    /// </summary>
    [HttpGet("/staff/ceremonies/{sessionId:int}/place-cards.pdf")]
    /// <param name="language">The cards' own words ("Round 1 · Table 3") in this language; the screen's when not given.</param>
    public async Task<IActionResult> PlaceCards(int sessionId, string? language, CancellationToken cancellationToken)
    {
        if (await ceremonies.FindCeremonyAsync(sessionId, cancellationToken) is null)
        {
            return NotFound();
        }

        if (fonts.Catalog is null)
        {
            return await Refuse(sessionId, t["Certificates cannot be printed: {0}", fonts.Error ?? ""], cancellationToken);
        }

        var agreements = await ceremonies.AgreementsAsync(sessionId, cancellationToken);
        var cards = placeCards.Build(agreements, language);
        if (cards.Count == 0)
        {
            return await Refuse(sessionId, t["No agreements yet."], cancellationToken);
        }

        var renderer = new PlaceCardRenderer(fonts.Catalog);
        if (t.FontProblem(() => renderer.EnsurePrintable(cards)) is { } problem)
        {
            return await Refuse(sessionId, problem, cancellationToken);
        }

        return File(renderer.Render(cards), "application/pdf", $"place-cards-{sessionId}.pdf");
    }

    [HttpPost("/staff/certificates/{certificateId:int}/revoke")]
    public async Task<IActionResult> Revoke(int certificateId, [FromForm] int sessionId, [FromForm] string? reason, CancellationToken cancellationToken)
    {
        var result = await certificates.RevokeAsync(certificateId, reason, cancellationToken);
        TempData["Notice"] = result.Succeeded
            ? t["Certificate {0} is revoked.", result.Value!.SerialNumber].Value
            : t.Say(result.Errors);
        return Redirect($"/staff/ceremonies/{sessionId}/certificates");
    }

    private async Task<IActionResult> PrintAsync(int sessionId, IReadOnlyList<int> agreementIds, string? reason, string? language, string fileName, CancellationToken cancellationToken)
    {
        var culture = WebConfiguration.SupportedCultureOr(language);
        if (fonts.Catalog is null)
        {
            return await Refuse(sessionId, t["Certificates cannot be printed: {0}", fonts.Error ?? ""], cancellationToken, culture.Name);
        }

        // The PDF is drawn before anything is recorded: a name the fonts cannot print leaves no print in the log.
        var renderer = new CertificateRenderer(fonts.Catalog);
        DomainResult<byte[]> result;
        try
        {
            result = await certificates.PrintAsync(agreementIds, reason, culture.Name, issued =>
            {
                using var output = new MemoryStream();
                renderer.Render(issued.Select(c => models.For(c, culture)).ToList(), output);
                // Signed before its hash is stored: the file handed out is the file recorded.
                return signing.Apply(output.ToArray(), time.GetUtcNow().UtcDateTime);
            }, cancellationToken);
        }
        catch (MissingGlyphsException e)
        {
            return await Refuse(sessionId, t["The certificate fonts cannot print {0}. Correct the name or configure a font for these characters under Printing:Fonts.", e.Characters], cancellationToken, culture.Name);
        }

        if (!result.Succeeded)
        {
            return await Refuse(sessionId, t.Say(result.Errors), cancellationToken, culture.Name);
        }

        Response.Headers.CacheControl = "no-store";
        return File(result.Value!, "application/pdf", fileName);
    }

    /// <param name="language">The certificate language the desk had chosen, so it stays chosen.</param>
    private async Task<IActionResult> Refuse(int sessionId, string message, CancellationToken cancellationToken, string? language = null)
    {
        var page = await Page(sessionId, WebConfiguration.SupportedCultureOr(language).Name, cancellationToken);
        if (page is null)
        {
            return NotFound();
        }

        ModelState.AddModelError("", message);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View("Index", page);
    }

    private async Task<CertificatesPage?> Page(int sessionId, string language, CancellationToken cancellationToken)
    {
        var session = await ceremonies.FindCeremonyAsync(sessionId, cancellationToken);
        return session is null
            ? null
            : new CertificatesPage(session, await ceremonies.AgreementsAsync(sessionId, cancellationToken), await certificates.ForCeremonyAsync(sessionId, cancellationToken), fonts.Error, language);
    }
}
