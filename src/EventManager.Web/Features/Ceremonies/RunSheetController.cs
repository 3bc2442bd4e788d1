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
using EventManager.Core.Printing;

namespace EventManager.Web.Features.Ceremonies;

/// <summary>The ceremony's running order for the protocol team, as a page and as a PDF to print.</summary>
[Authorize(Policy = IdentityConfiguration.EventOrganiserPolicy)]
public sealed class RunSheetController(CeremonyService ceremonies, RunSheetBuilder builder, DocumentFonts fonts, IStringLocalizer<SharedResource> t) : Controller
{
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

        var model = builder.Build(session, await RunningOrder(sessionId, cancellationToken));
        return fonts.Pdf(this, t, catalog => new RunSheetRenderer(catalog).Render(model), $"run-sheet-{sessionId}.pdf");
    }

    private async Task<List<Agreement>> RunningOrder(int sessionId, CancellationToken cancellationToken) =>
        (await ceremonies.AgreementsAsync(sessionId, cancellationToken)).Where(a => a.Status != AgreementStatus.Withdrawn).ToList();
}
