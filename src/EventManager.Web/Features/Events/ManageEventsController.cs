using EventManager.Core.Events;
using EventManager.Web.Configuration;
using EventManager.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Events;

public sealed record EventListPage(IReadOnlyList<Event> Events, IReadOnlyDictionary<int, EventHeadline> Headlines);

[Authorize(Policy = IdentityConfiguration.EventOrganiserPolicy)]
[Route("/organiser/events")]
public sealed class ManageEventsController(EventService events, EventOverview overview, Team.TeamAccess access, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("/organiser")]
    public IActionResult Dashboard() => RedirectToAction(nameof(Index));

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        // Only the events the member may read; a member of one event's team sees that event (and those inside it).
        var visible = await access.EventsWhereAsync(User, r => r.Reads, cancellationToken);
        var list = (await events.ListAsync(cancellationToken)).Where(e => visible is null || visible.Contains(e.Id)).ToList();
        return View(new EventListPage(list, await overview.HeadlinesAsync(cancellationToken)));
    }

    /// <summary>The event's home: its figures, each linked to the list behind it, and what needs a person next.</summary>
    [HttpGet("{eventId:int}")]
    public async Task<IActionResult> Home(int eventId, CancellationToken cancellationToken)
    {
        var figures = await overview.FiguresAsync(eventId, cancellationToken);
        return figures is null ? NotFound() : View(figures);
    }

    [HttpGet("new")]
    [Authorize(Policy = IdentityConfiguration.OrganiserPolicy)]
    public async Task<IActionResult> Create(int? parent, CancellationToken cancellationToken)
    {
        var form = new EventForm { ParentEventId = parent };
        return await FormView(null, form, cancellationToken);
    }

    [HttpPost("new")]
    [Authorize(Policy = IdentityConfiguration.OrganiserPolicy)]
    public Task<IActionResult> Create([FromForm] EventForm form, string? refresh, CancellationToken cancellationToken) =>
        Save(null, form, refresh, cancellationToken);

    [HttpGet("{eventId:int}/edit")]
    public async Task<IActionResult> Edit(int eventId, CancellationToken cancellationToken)
    {
        var found = await events.FindAsync(eventId, cancellationToken);
        return found is null ? NotFound() : await FormView(eventId, EventForm.From(found), cancellationToken);
    }

    [HttpPost("{eventId:int}/edit")]
    public Task<IActionResult> Edit(int eventId, [FromForm] EventForm form, string? refresh, CancellationToken cancellationToken) =>
        Save(eventId, form, refresh, cancellationToken);

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
