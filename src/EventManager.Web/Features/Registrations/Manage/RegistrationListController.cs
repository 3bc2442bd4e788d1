using EventManager.Core.Events;
using EventManager.Core.Institutions;
using EventManager.Core.Registrations;
using EventManager.Web.Configuration;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EventManager.Web.Features.Registrations.Manage;

public sealed record RegistrationsPage(
    Event Event,
    RegistrationPolicy? Policy,
    RegistrationFilter Filter,
    RegistrationPage Page,
    IReadOnlyDictionary<int, int> WaitingListPositions,
    IReadOnlyDictionary<RegistrationStatus, int> Counts,
    int Proposals,
    IReadOnlyList<Institution> Institutions,
    DateTime Now,
    IReadOnlyList<RegistrationQuestion> Questions,
    bool SelectAll)
{
    public IReadOnlyList<Registration> Registrations => Page.Items;

    /// <summary>The list's address with its filter, on another page (or with every row on this page ticked).</summary>
    public string Link(int page, bool selectAll = false) => "?" + string.Join("&", new[]
    {
        Filter.Status is { } s ? $"status={s}" : null,
        Filter.InstitutionId is { } i ? $"institution={i}" : null,
        Filter.CountryCode is { } c ? $"country={Uri.EscapeDataString(c)}" : null,
        Filter.Category is { } k ? $"category={k}" : null,
        string.IsNullOrWhiteSpace(Filter.Search) ? null : $"q={Uri.EscapeDataString(Filter.Search)}",
        page > 1 ? $"page={page}" : null,
        selectAll ? "select=all" : null,
    }.Where(p => p is not null));
}

/// <summary>The organisers' list of an event's registrations, filtered, and its CSV export.</summary>
[Authorize(Policy = IdentityConfiguration.EventOrganiserPolicy)]
[Route("/organiser/events/{eventId:int}")]
public sealed class RegistrationListController(
    EventService events,
    InstitutionService institutions,
    RegistrationLists lists,
    RegistrationPolicies policies,
    InstitutionProposals proposals,
    RegistrationQuestions questions,
    TimeProvider time) : Controller
{
    [HttpGet("registrations")]
    public async Task<IActionResult> Index(int eventId, RegistrationStatus? status, int? institution, string? country, RegistrationCategory? category, string? q,
        int page, string? select, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        if (ev is null)
        {
            return NotFound();
        }

        var filter = new RegistrationFilter(status, institution, string.IsNullOrWhiteSpace(country) ? null : country, category, q);
        return View(new RegistrationsPage(
            ev,
            await policies.FindAsync(eventId, cancellationToken),
            filter,
            await lists.PageAsync(eventId, filter, page, cancellationToken),
            await lists.WaitingListPositionsAsync(eventId, cancellationToken),
            await lists.CountsAsync(eventId, cancellationToken),
            (await proposals.ListAsync(cancellationToken)).Count,
            await institutions.ListAsync(cancellationToken),
            time.GetUtcNow().UtcDateTime,
            await questions.ListAsync(eventId, cancellationToken),
            select == "all"));
    }

    [HttpGet("registrations.csv")]
    public async Task<IActionResult> Export(int eventId, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        if (ev is null)
        {
            return NotFound();
        }

        var list = await lists.ListAsync(eventId, new RegistrationFilter(), cancellationToken);
        var positions = await lists.WaitingListPositionsAsync(eventId, cancellationToken);
        var buffer = new MemoryStream();
        RegistrationCsv.Write(buffer, list, positions, await questions.ListAsync(eventId, cancellationToken));
        Response.Headers.CacheControl = "no-store";
        return File(buffer.ToArray(), "text/csv; charset=utf-8", $"{ev.Slug}-registrations.csv");
    }
}
