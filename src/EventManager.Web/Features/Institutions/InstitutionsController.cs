using EventManager.Core.Common;
using EventManager.Core.Institutions;
using EventManager.Core.Registrations;
using EventManager.Web.Configuration;
using EventManager.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Institutions;

public sealed record InstitutionsPage(IReadOnlyList<Institution> Shown, IReadOnlyList<Institution> All, string? Search, IReadOnlyList<InstitutionProposal> Proposals);

[Authorize(Policy = IdentityConfiguration.EventOrganiserPolicy)]
[Route("/organiser/institutions")]
public sealed class InstitutionsController(InstitutionService institutions, InstitutionProposals proposals, IStringLocalizer<SharedResource> t) : Controller
{
    /// <param name="q">Part of a name in any script, a city or a country: "kaz", "贵州", "Алматы".</param>
    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, CancellationToken cancellationToken)
    {
        var all = await institutions.ListAsync(cancellationToken);
        var key = string.IsNullOrWhiteSpace(q) ? null : TextNormalization.SearchKey(q);
        var shown = key is null ? all : all.Where(i => TextNormalization.SearchKey(string.Join('\n', i.EnglishName, i.NativeName, i.City, Choices.CountryName(i.CountryCode), i.CountryCode))
            .Contains(key, StringComparison.Ordinal)).ToList();
        return View(new InstitutionsPage(shown, all, q, await proposals.ListAsync(cancellationToken)));
    }

    [HttpGet("new")]
    public IActionResult Create() => View("Form", new InstitutionFormPage(null, new InstitutionForm()));

    [HttpPost("new")]
    public Task<IActionResult> Create([FromForm] InstitutionForm form, CancellationToken cancellationToken) =>
        Save(null, form, cancellationToken);

    [HttpGet("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var found = await institutions.FindAsync(id, cancellationToken);
        return found is null ? NotFound() : View("Form", new InstitutionFormPage(id, InstitutionForm.From(found)));
    }

    [HttpPost("{id:int}/edit")]
    public Task<IActionResult> Edit(int id, [FromForm] InstitutionForm form, CancellationToken cancellationToken) =>
        Save(id, form, cancellationToken);

    private async Task<IActionResult> Save(int? id, InstitutionForm form, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var result = await institutions.SaveAsync(id, form.ToInput(), cancellationToken);
            if (result.Succeeded)
            {
                TempData["Notice"] = t["{0} was saved.", result.Value!.EnglishName].Value;
                return RedirectToAction(nameof(Index));
            }

            ModelState.AddDomainErrors(result.Errors, t);
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View("Form", new InstitutionFormPage(id, form));
    }
}
