using EventManager.Core.Common;
using EventManager.Core.Delegates;
using EventManager.Core.Events;
using EventManager.Core.Institutions;
using EventManager.Web.Configuration;
using EventManager.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.People;

/// <summary>
/// The people directory: everyone the events know, registered or not. Organisers add rectors, ministers and keynote
/// speakers before registration opens, find them in any script, and merge a person entered twice.
/// </summary>
[Authorize(Policy = IdentityConfiguration.EventOrganiserPolicy)]
[Route("/organiser/people")]
public sealed class PeopleController(PeopleDirectory people, InstitutionService institutions, IStringLocalizer<SharedResource> t) : Controller
{
    /// <summary>Biographies are written in the languages the app's events use.</summary>
    private static readonly IReadOnlyList<string> Languages = EventLanguages.Supported;

    /// <param name="q">Part of a name in any script, a title, a position or an address.</param>
    /// <param name="institution">Only the people of this institution.</param>
    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, int? institution, CancellationToken cancellationToken)
    {
        var of = institution is int id ? await institutions.FindAsync(id, cancellationToken) : null;
        Response.Headers.CacheControl = "no-store";
        return View(new PeoplePage(await people.ListAsync(q, of?.Id, cancellationToken), q, of));
    }

    [HttpGet("new")]
    public async Task<IActionResult> Create(int? institution, CancellationToken cancellationToken) =>
        View("Form", await PageAsync(null, new PersonForm { InstitutionId = institution }, false, cancellationToken));

    [HttpPost("new")]
    [RequestSizeLimit(2 * UploadedImages.MaxBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = 2 * UploadedImages.MaxBytes)]
    public Task<IActionResult> Create([FromForm] PersonForm form, IFormFile? photo, CancellationToken cancellationToken) => Save(null, form, photo, cancellationToken);

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var person = await people.FindAsync(id, cancellationToken);
        Response.Headers.CacheControl = "no-store";
        return person is null ? NotFound() : View("Form", await PageAsync(id, PersonForm.From(person, Languages), person.Photo is not null, cancellationToken));
    }

    [HttpPost("{id:int}")]
    [RequestSizeLimit(2 * UploadedImages.MaxBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = 2 * UploadedImages.MaxBytes)]
    public Task<IActionResult> Edit(int id, [FromForm] PersonForm form, IFormFile? photo, CancellationToken cancellationToken) => Save(id, form, photo, cancellationToken);

    /// <summary>The portrait as stored, for organisers (public pages show it only while the person holds a public role).</summary>
    [HttpGet("{id:int}/photo.jpg")]
    public async Task<IActionResult> Photo(int id, CancellationToken cancellationToken)
    {
        var photo = (await people.FindAsync(id, cancellationToken))?.Photo;
        Response.Headers.CacheControl = "no-store";
        return photo is null ? NotFound() : File(photo, "image/jpeg");
    }

    /// <summary>Merges <paramref name="duplicateId"/> into this person.</summary>
    [HttpPost("{id:int}/merge")]
    public async Task<IActionResult> Merge(int id, [FromForm] int? duplicateId, CancellationToken cancellationToken)
    {
        var result = duplicateId is int duplicate ? await people.MergeAsync(id, duplicate, cancellationToken) : DomainResult<Core.Delegates.Delegate>.Failure("", "Choose the duplicate to merge into this person.");
        TempData[result.Succeeded ? "Notice" : "Problem"] = result.Succeeded ? t["The two records are now one: {0}.", result.Value!.LatinName].Value : t.Say(result.Errors);
        return Redirect($"/organiser/people/{id}");
    }

    [HttpPost("{id:int}/erase")]
    public async Task<IActionResult> Erase(int id, [FromForm] bool confirmed, CancellationToken cancellationToken)
    {
        if (!confirmed)
        {
            TempData["Problem"] = t["Tick the box to confirm that this person's data is to be erased."].Value;
            return Redirect($"/organiser/people/{id}");
        }

        var result = await people.EraseAsync(id, cancellationToken);
        if (!result.Succeeded)
        {
            TempData["Problem"] = t.Say(result.Errors);
            return Redirect($"/organiser/people/{id}");
        }

        TempData["Notice"] = t["{0}'s data was erased.", result.Value!].Value;
        return Redirect("/organiser/people");
    }

    private async Task<IActionResult> Save(int? id, PersonForm form, IFormFile? photo, CancellationToken cancellationToken)
    {
        var result = await people.SaveAsync(id, form.ToInput(await photo.ReadImageAsync(cancellationToken)), cancellationToken);
        if (result.Succeeded)
        {
            TempData["Notice"] = t["{0} was saved.", result.Value!.LatinName].Value;
            return Redirect($"/organiser/people/{result.Value.Id}");
        }

        ModelState.AddDomainErrors(result.Errors, t);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        var hasPhoto = id is int existing && (await people.FindAsync(existing, cancellationToken))?.Photo is not null;
        return View("Form", await PageAsync(id, form, hasPhoto, cancellationToken));
    }

    private async Task<PersonFormPage> PageAsync(int? id, PersonForm form, bool hasPhoto, CancellationToken cancellationToken)
    {
        // Candidates for "the same person": others with the same name in either script.
        var duplicates = id is null ? [] : (await people.ListAsync(form.LatinName, null, cancellationToken))
            .Concat(string.IsNullOrWhiteSpace(form.NativeName) ? [] : await people.ListAsync(form.NativeName, null, cancellationToken))
            .Where(p => p.Person.Id != id).DistinctBy(p => p.Person.Id).ToList();
        return new PersonFormPage(id, form, await institutions.ListAsync(cancellationToken), Languages, hasPhoto, duplicates);
    }
}
