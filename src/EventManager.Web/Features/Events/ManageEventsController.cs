using EventManager.Core.Events;
using EventManager.Web.Configuration;
using EventManager.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Events;

public sealed record EventListPage(IReadOnlyList<Event> Events, IReadOnlyDictionary<int, EventHeadline> Headlines);

[Authorize(Policy = IdentityConfiguration.OrganiserPolicy)]
[Route("/organiser/events")]
public sealed class ManageEventsController(EventService events, EventOverview overview, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("/organiser")]
    public IActionResult Dashboard() => RedirectToAction(nameof(Index));

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(new EventListPage(await events.ListAsync(cancellationToken), await overview.HeadlinesAsync(cancellationToken)));

    /// <summary>The event's home: its figures, each linked to the list behind it, and what needs a person next.</summary>
    [HttpGet("{id:int}")]
    public async Task<IActionResult> Home(int id, CancellationToken cancellationToken)
    {
        var figures = await overview.FiguresAsync(id, cancellationToken);
        return figures is null ? NotFound() : View(figures);
    }

    [HttpGet("new")]
    public async Task<IActionResult> Create(int? parent, CancellationToken cancellationToken)
    {
        var form = new EventForm { ParentEventId = parent };
        return await FormView(null, form, cancellationToken);
    }

    [HttpPost("new")]
    public Task<IActionResult> Create([FromForm] EventForm form, string? refresh, CancellationToken cancellationToken) =>
        Save(null, form, refresh, cancellationToken);

    [HttpGet("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var found = await events.FindAsync(id, cancellationToken);
        return found is null ? NotFound() : await FormView(id, EventForm.From(found), cancellationToken);
    }

    [HttpPost("{id:int}/edit")]
    public Task<IActionResult> Edit(int id, [FromForm] EventForm form, string? refresh, CancellationToken cancellationToken) =>
        Save(id, form, refresh, cancellationToken);

    private async Task<IActionResult> Save(int? id, EventForm form, string? refresh, CancellationToken cancellationToken)
    {
        if (refresh == "languages")
        {
            // The same form again with a field per chosen language; nothing is saved until the organiser saves.
            ModelState.Clear();
            return await FormView(id, form, cancellationToken);
        }

        if (ModelState.IsValid)
        {
            var result = await events.SaveAsync(id, form.ToInput(), cancellationToken);
            if (result.Succeeded)
            {
                TempData["Notice"] = id is null ? t["The event was created."].Value : t["The event was saved."].Value;
                return Redirect($"/organiser/events/{result.Value!.Id}");
            }

            ModelState.AddDomainErrors(result.Errors, t);
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return await FormView(id, form, cancellationToken);
    }

    private async Task<IActionResult> FormView(int? id, EventForm form, CancellationToken cancellationToken)
    {
        var all = await events.ListAsync(cancellationToken);
        var parents = all.Where(e => e.Id != id).OrderBy(e => e.StartsAtUtc).ToList();
        if (all.FirstOrDefault(e => e.Id == id) is { } editing)
        {
            EventMenu.Set(ViewData, editing, EventSection.Settings);
        }

        return View("Form", new EventFormPage(id, form, parents));
    }
}
