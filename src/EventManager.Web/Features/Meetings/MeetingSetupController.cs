using EventManager.Core.Meetings;
using EventManager.Web.Configuration;
using EventManager.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Meetings;

/// <summary>Organisers keep the event's fields of cooperation (in its languages) and its interpreters with their language pairs.</summary>
[Authorize(Policy = IdentityConfiguration.EventOrganiserPolicy)]
public sealed class MeetingSetupController(MeetingSetup setup, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpPost("/organiser/events/{eventId:int}/meetings/interests")]
    public async Task<IActionResult> AddInterest(int eventId, [FromForm] Dictionary<string, string?> name, CancellationToken cancellationToken) =>
        Said(eventId, (await setup.AddInterestAsync(eventId, LocalTextForms.ToText(name), cancellationToken)).Errors, t["The field of cooperation was added; delegations can choose it."]);

    [HttpPost("/organiser/events/{eventId:int}/meetings/interests/{interestId:int}/remove")]
    public async Task<IActionResult> RemoveInterest(int eventId, int interestId, CancellationToken cancellationToken) =>
        await setup.RemoveInterestAsync(eventId, interestId, cancellationToken) ? Said(eventId, [], t["The field of cooperation was removed."]) : NotFound();

    [HttpPost("/organiser/events/{eventId:int}/meetings/interpreters")]
    public async Task<IActionResult> AddInterpreter(int eventId, [FromForm] int personId, [FromForm] string? pairs, CancellationToken cancellationToken) =>
        Said(eventId, (await setup.AddInterpreterAsync(eventId, personId, pairs, cancellationToken)).Errors, t["The interpreter was added; the scheduler counts them from its next run."]);

    [HttpPost("/organiser/events/{eventId:int}/meetings/interpreters/{interpreterId:int}/remove")]
    public async Task<IActionResult> RemoveInterpreter(int eventId, int interpreterId, CancellationToken cancellationToken)
    {
        if (!Request.Confirmed())
        {
            return this.Confirm(new Confirmation(t["Take this interpreter off the event?"],
                [t["Meetings they were placed at keep their time and table but have no interpreter until the scheduler runs again."].Value],
                t["Yes, take them off"], $"/organiser/events/{eventId}/meetings#meeting-setup"));
        }

        return await setup.RemoveInterpreterAsync(eventId, interpreterId, cancellationToken) ? Said(eventId, [], t["The interpreter was taken off the event."]) : NotFound();
    }

    [HttpPost("/organiser/events/{eventId:int}/meetings/individuals")]
    public async Task<IActionResult> Individuals(int eventId, [FromForm] bool allowed, CancellationToken cancellationToken)
    {
        await setup.SetIndividualsMeetAsync(eventId, allowed, cancellationToken);
        return Said(eventId, [], allowed ? t["Delegates of no institution may now meet on their own behalf."] : t["Only institutions' delegations take new meeting requests now; meetings already agreed stay."]);
    }

    private RedirectResult Said(int eventId, IReadOnlyList<Core.Common.DomainError> errors, LocalizedString done) =>
        this.Said(t, $"/organiser/events/{eventId}/meetings#meeting-setup", errors, done);
}
