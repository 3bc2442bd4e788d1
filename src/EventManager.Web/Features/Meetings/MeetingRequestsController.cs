using EventManager.Core.Common;
using EventManager.Core.Meetings;
using EventManager.Web.Configuration;
using EventManager.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Meetings;

/// <summary>
/// Organisers act on meeting requests from the meetings page: answer for the asked side, call off, mark a priority,
/// create a meeting directly, record an outcome, and choose the ceremony proposed agreements are drafted for.
/// </summary>
[Authorize(Policy = IdentityConfiguration.EventOrganiserPolicy)]
public sealed class MeetingRequestsController(MeetingRequests requests, MeetingOutcomes outcomes, MeetingPlacing placing, MeetingLock locks, IStringLocalizer<SharedResource> t) : Controller
{
    /// <summary>Organisers answer a request for the asked side, or call a request or meeting off.</summary>
    [HttpPost("/organiser/events/{eventId:int}/meetings/{requestId:int}/answer")]
    public async Task<IActionResult> Answer(int eventId, int requestId, [FromForm] bool accept, CancellationToken cancellationToken) =>
        Said(eventId, (await requests.AnswerAsync(eventId, requestId, null, accept, cancellationToken: cancellationToken)).Errors,
            accept ? t["Accepted for them; both delegations were told."] : t["Declined for them; both delegations were told."]);

    [HttpPost("/organiser/events/{eventId:int}/meetings/{requestId:int}/withdraw")]
    public async Task<IActionResult> Withdraw(int eventId, int requestId, CancellationToken cancellationToken)
    {
        if (!Request.Confirmed())
        {
            return this.Confirm(new Confirmation(t["Call off this meeting?"],
                [t["Both delegations are told, and a scheduled meeting gives up its time and table."].Value], t["Yes, call it off"], $"/organiser/events/{eventId}/meetings#meeting-requests"));
        }

        return Said(eventId, (await requests.WithdrawAsync(eventId, requestId, null, cancellationToken)).Errors, t["Called off; both delegations were told."]);
    }

    [HttpPost("/organiser/events/{eventId:int}/meetings/{requestId:int}/priority")]
    public async Task<IActionResult> Priority(int eventId, int requestId, [FromForm] bool priority, CancellationToken cancellationToken) =>
        await requests.SetPriorityAsync(eventId, requestId, priority, cancellationToken)
            ? Said(eventId, [], priority ? t["Marked as a priority: the scheduler places it before others."] : t["No longer a priority."])
            : NotFound();

    /// <summary>Organisers create a meeting between two delegations directly: accepted at once, for the scheduler to place.</summary>
    [HttpPost("/organiser/events/{eventId:int}/meetings/create")]
    public async Task<IActionResult> Create(int eventId, [FromForm] int fromId, [FromForm] int toId, CancellationToken cancellationToken) =>
        Said(eventId, (await requests.AskAsync(eventId, fromId, toId, null, byOrganiser: true, cancellationToken)).Errors,
            t["The meeting was created; both delegations were told. Schedule the meetings to give it a time."]);

    [HttpPost("/organiser/events/{eventId:int}/meetings/{requestId:int}/outcome")]
    public async Task<IActionResult> Outcome(int eventId, int requestId, [FromForm] MeetingOutcome outcome, CancellationToken cancellationToken) =>
        Said(eventId, (await outcomes.RecordAsync(eventId, requestId, null, outcome, cancellationToken)).Errors,
            outcome == MeetingOutcome.AgreementProposed ? t["Recorded; the draft agreement is on the ceremony's page."] : t["Recorded."]);

    [HttpPost("/organiser/events/{eventId:int}/meetings/ceremony")]
    public async Task<IActionResult> Ceremony(int eventId, [FromForm] int? ceremonyId, CancellationToken cancellationToken) =>
        Said(eventId, (await outcomes.ChooseCeremonyAsync(eventId, ceremonyId, cancellationToken)).Errors, t["Agreements proposed at meetings will be drafted for that ceremony."]);

    /// <summary>A meeting dragged to another slot or table on the grid (or moved with its form): pinned there, clashes shown.</summary>
    [HttpPost("/organiser/events/{eventId:int}/meetings/{requestId:int}/move")]
    public async Task<IActionResult> Move(int eventId, int requestId, [FromForm] int blockId, [FromForm] int slot, [FromForm] int table, CancellationToken cancellationToken) =>
        this.Said(t, $"/organiser/events/{eventId}/meetings#block-{blockId}",
            (await locks.UnderLockAsync(eventId, _ => placing.MoveAsync(eventId, requestId, blockId, slot, table, cancellationToken), cancellationToken)).Errors,
            t["Moved and pinned: the scheduler keeps it there. Publish to tell both delegations."]);

    [HttpPost("/organiser/events/{eventId:int}/meetings/{requestId:int}/pin")]
    public async Task<IActionResult> Pin(int eventId, int requestId, [FromForm] bool pinned, CancellationToken cancellationToken) =>
        await placing.PinAsync(eventId, requestId, pinned, cancellationToken)
            ? Said(eventId, [], pinned ? t["Pinned: the scheduler keeps it where it is."] : t["Unpinned: the scheduler may move it."])
            : NotFound();

    private RedirectResult Said(int eventId, IReadOnlyList<DomainError> errors, LocalizedString done) =>
        this.Said(t, $"/organiser/events/{eventId}/meetings#meeting-requests", errors, done);
}
