using EventManager.Core.Institutions;
using EventManager.Core.Registrations;
using EventManager.Web.Configuration;
using EventManager.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Institutions;

/// <summary>Institutions delegates typed in: added to the list, or recognised as one already there.</summary>
[Authorize(Policy = IdentityConfiguration.EventOrganiserPolicy)]
[Route("/organiser/institutions/proposals")]
public sealed class InstitutionProposalsController(InstitutionService institutions, InstitutionProposals proposals, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpPost("accept")]
    public async Task<IActionResult> Accept([FromForm] string name, [FromForm] string? nativeName, [FromForm] string country, CancellationToken cancellationToken)
    {
        var created = await institutions.SaveAsync(null, new InstitutionInput(name, nativeName, country, null), cancellationToken);
        if (!created.Succeeded)
        {
            TempData["Notice"] = t.Say(created.Errors);
            return BackToList();
        }

        var moved = await proposals.ResolveAsync(name, country, created.Value!.Id, added: true, cancellationToken);
        TempData["Notice"] = t.Plural("{0} added to the institutions; {1, plural, one {# registration now points} other {# registrations now point}} to it.", created.Value.EnglishName, moved);
        return BackToList();
    }

    [HttpPost("merge")]
    public async Task<IActionResult> Merge([FromForm] string name, [FromForm] string country, [FromForm] int? institutionId, CancellationToken cancellationToken)
    {
        var target = institutionId is int id ? await institutions.FindAsync(id, cancellationToken) : null;
        if (target is null)
        {
            TempData["Notice"] = t["Choose the listed institution it is the same as."].Value;
            return BackToList();
        }

        var moved = await proposals.ResolveAsync(name, country, target.Id, added: false, cancellationToken);
        TempData["Notice"] = t.Plural("{0, plural, one {# registration now points} other {# registrations now point}} to {1}.", moved, target.EnglishName);
        return BackToList();
    }

    private RedirectResult BackToList() => Redirect("/organiser/institutions#proposals");
}
