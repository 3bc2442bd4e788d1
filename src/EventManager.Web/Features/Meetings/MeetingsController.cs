using System.Globalization;
using EventManager.Core.Common;
using EventManager.Core.Events;
using EventManager.Core.Meetings;
using EventManager.Web.Configuration;
using EventManager.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Meetings;

/// <summary>The form that turns an agenda session into a meeting block.</summary>
public sealed class MeetingBlockForm
{
    public int SessionId { get; set; }
    public int SlotMinutes { get; set; } = 20;
    public int Tables { get; set; } = 10;
    public int? MaxPerDelegation { get; set; }
}

public sealed record MeetingsPage(Event Event, MeetingBoardView Board, MeetingBlockForm Form, IReadOnlyList<MeetingInterest> Interests, IReadOnlyList<Interpreter> Interpreters,
    IReadOnlyList<(int Id, string Name)> People, bool IndividualsMeet);

/// <summary>
/// Organisers' bilateral meetings of an event: blocks as grids (tables across, slots down), the counts, the requests the
/// scheduler could not place and why, a block added to a session, and "Schedule the meetings".
/// </summary>
[Authorize(Policy = IdentityConfiguration.EventOrganiserPolicy)]
public sealed class MeetingsController(MeetingBoard board, MeetingBlocks blocks, MeetingScheduling scheduling, MeetingSetup setup, EventService events, MeetingDocuments documents, DocumentFonts fonts,
    IStringLocalizer<SharedResource> t) : Controller
{
    private static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    [HttpGet("/organiser/events/{eventId:int}/meetings")]
    public async Task<IActionResult> Index(int eventId, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        return ev is null ? NotFound() : View(await PageAsync(ev, new MeetingBlockForm(), cancellationToken));
    }

    /// <summary>A sign for each table of the block, with the meetings held at it, to print.</summary>
    [HttpGet("/organiser/events/{eventId:int}/meetings/{blockId:int}/signs.pdf")]
    public async Task<IActionResult> TableSigns(int eventId, int blockId, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        var block = ev is null ? null : (await board.ReadAsync(eventId, Language, cancellationToken)).Blocks.FirstOrDefault(b => b.Block.Id == blockId);
        return block is null ? NotFound() : fonts.Pdf(this, t, catalog => documents.TableSigns(catalog, ev!, block), $"table-signs-{blockId}.pdf");
    }

    [HttpPost("/organiser/events/{eventId:int}/meetings/blocks")]
    public async Task<IActionResult> AddBlock(int eventId, MeetingBlockForm form, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        if (ev is null)
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var result = await blocks.AddAsync(eventId, new MeetingBlockInput(form.SessionId, form.SlotMinutes, form.Tables, form.MaxPerDelegation), cancellationToken);
            if (result.Succeeded)
            {
                TempData["Notice"] = t["The session now holds meetings in slots of {0} minutes at {1} tables.", form.SlotMinutes, form.Tables].Value;
                return Redirect($"/organiser/events/{eventId}/meetings");
            }

            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Field, t[error.Message, error.Arguments]);
            }
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(nameof(Index), await PageAsync(ev, form, cancellationToken));
    }

    /// <summary>What the grid shows becomes what delegations were told; a later run's moves are counted from it.</summary>
    [HttpPost("/organiser/events/{eventId:int}/meetings/publish")]
    public async Task<IActionResult> Publish(int eventId, CancellationToken cancellationToken)
    {
        if (await events.FindAsync(eventId, cancellationToken) is null)
        {
            return NotFound();
        }

        TempData["Notice"] = t["Meetings published: {0}. A later run moves one only to place more, and says how many moved.", await scheduling.PublishAsync(eventId, cancellationToken)].Value;
        return Redirect($"/organiser/events/{eventId}/meetings");
    }

    [HttpPost("/organiser/events/{eventId:int}/meetings/schedule")]
    public async Task<IActionResult> Schedule(int eventId, CancellationToken cancellationToken)
    {
        if (await events.FindAsync(eventId, cancellationToken) is null)
        {
            return NotFound();
        }

        var run = await scheduling.RunAsync(eventId, cancellationToken: cancellationToken);
        if (run.Value is { } report)
        {
            TempData["Notice"] = t["Meetings scheduled: {0}; could not be placed: {1} (see why below); published meetings moved: {2}.", report.Placed, report.Unplaced, report.Moved].Value
                + (report.PinsDropped > 0 ? " " + t["Pinned meetings that clashed where they were and were moved: {0}.", report.PinsDropped].Value : "");
        }

        return this.Said(t, $"/organiser/events/{eventId}/meetings", run.Errors, null);
    }

    private async Task<MeetingsPage> PageAsync(Event ev, MeetingBlockForm form, CancellationToken cancellationToken) =>
        new(ev, await board.ReadAsync(ev.Id, Language, cancellationToken), form, await setup.InterestsAsync(ev.Id, cancellationToken),
            await setup.InterpretersAsync(ev.Id, cancellationToken), await setup.CandidateInterpretersAsync(ev.Id, cancellationToken),
            await setup.IndividualsMeetAsync(ev.Id, cancellationToken));
}
