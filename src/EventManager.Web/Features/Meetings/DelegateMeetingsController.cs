using System.Globalization;
using EventManager.Core.Common;
using EventManager.Core.Meetings;
using EventManager.Core.Registrations;
using EventManager.Web.Configuration;
using EventManager.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Meetings;

/// <param name="View">Null when meetings are not open to this delegate (not confirmed, no institution, or no block yet).</param>
public sealed record DelegateMeetingsPage(Registration Registration, MeetingHubView? View, HubFilter Filter);

/// <summary>
/// The meetings part of a delegate's private hub: whether their institution's delegation takes meetings, the requests
/// to and from it (accept, decline, withdraw), its meetings, and the delegations it may ask, by country. Whoever holds
/// the private link acts for the delegation, as with the rest of the hub.
/// </summary>
[PrivateLink]
public sealed class DelegateMeetingsController(RegistrationSelfService registrations, MeetingHub hub, MeetingRequests requests, MeetingOutcomes outcomes, MeetingSetup setup, MeetingDocuments documents, DocumentFonts fonts,
    IStringLocalizer<SharedResource> t) : Controller
{
    private static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    /// <param name="speaks">Only delegations meeting in this language (a code); "lang" is the page's own language.</param>
    [HttpGet("/r/{token}/meetings")]
    public async Task<IActionResult> Index(string token, string? country, int? interest, string? speaks, CancellationToken cancellationToken)
    {
        var registration = await registrations.FindByTokenAsync(token, cancellationToken);
        if (registration is null)
        {
            return NotFound();
        }

        var mine = await hub.DelegationForAsync(registration, cancellationToken);
        var filter = new HubFilter(string.IsNullOrWhiteSpace(country) ? null : country.Trim().ToUpperInvariant(), interest,
            string.IsNullOrWhiteSpace(speaks) ? null : speaks.Trim().ToLowerInvariant());
        return View(new DelegateMeetingsPage(registration, mine is null ? null : await hub.ReadAsync(mine, Language, filter, cancellationToken), filter));
    }

    /// <summary>The delegation says what it wants to talk about, the languages it meets in, and the blocks it can come to.</summary>
    [HttpPost("/r/{token}/meetings/profile")]
    [EnableRateLimiting(WebConfiguration.PublicFormsPolicy)]
    public Task<IActionResult> Profile(string token, [FromForm] int[] interests, [FromForm] string[] languages, [FromForm] int[] blocks, CancellationToken cancellationToken) =>
        ActAsync(token, async mine => (await setup.SaveProfileAsync(mine.Id, new DelegationProfile(interests, languages, blocks), cancellationToken)).Errors,
            t["Saved: other delegations see what your delegation wants to talk about and the languages it meets in."], cancellationToken);

    /// <summary>The delegation's schedule to print, in the delegate's language (or the link's ?lang=) and time zone.</summary>
    [HttpGet("/r/{token}/meetings.pdf")]
    public async Task<IActionResult> Pdf(string token, CancellationToken cancellationToken)
    {
        var registration = await registrations.FindByTokenAsync(token, cancellationToken);
        if (registration is null || await hub.FindDelegationAsync(registration, cancellationToken) is not { } mine)
        {
            return NotFound();
        }

        using var language = Request.Query.ContainsKey(Localization.LanguageNegotiation.QueryProvider.Key) ? default : CultureScope.UseIfChosen(registration.PreferredLanguage);
        var meetings = await hub.MeetingsAsync(mine, Language, withCancelled: false, cancellationToken);
        return fonts.Pdf(this, t, catalog => documents.Schedule(catalog, registration.Event!, mine.NameFor(Language), meetings, registration.TimeZoneId ?? registration.Event!.TimeZoneId),
            $"meetings-{registration.Event!.Slug}.pdf");
    }

    [HttpPost("/r/{token}/meetings/takes")]
    [EnableRateLimiting(WebConfiguration.PublicFormsPolicy)]
    public Task<IActionResult> TakesMeetings(string token, [FromForm] bool takes, CancellationToken cancellationToken) =>
        ActAsync(token, async mine =>
        {
            await hub.SetTakesMeetingsAsync(mine, takes, cancellationToken);
            return [];
        }, takes ? t["Your delegation now takes meeting requests."] : t["Your delegation no longer takes meeting requests."], cancellationToken);

    [HttpPost("/r/{token}/meetings/ask")]
    [EnableRateLimiting(WebConfiguration.PublicFormsPolicy)]
    public Task<IActionResult> Ask(string token, [FromForm] int toId, [FromForm] string? reason, CancellationToken cancellationToken) =>
        ActAsync(token, async mine => (await requests.AskAsync(mine.EventId, mine.Id, toId, reason, cancellationToken: cancellationToken)).Errors,
            t["Your request was sent; you will see here when they answer."], cancellationToken);

    [HttpPost("/r/{token}/meetings/{requestId:int}/answer")]
    [EnableRateLimiting(WebConfiguration.PublicFormsPolicy)]
    public Task<IActionResult> Answer(string token, int requestId, [FromForm] bool accept, [FromForm] string? at, CancellationToken cancellationToken)
    {
        // "blockId:slot" of a free slot offered with the request, or nothing: the organisers' scheduler gives the time.
        (int, int)? place = at?.Split(':') is [var block, var slot] && int.TryParse(block, CultureInfo.InvariantCulture, out var b) && int.TryParse(slot, CultureInfo.InvariantCulture, out var s) ? (b, s) : null;
        return ActAsync(token, async mine => (await requests.AnswerAsync(mine.EventId, requestId, mine.Id, accept, place, cancellationToken)).Errors,
            !accept ? t["You declined the request."]
            : place is null ? t["You accepted the meeting; it will be given a time and a table."] : t["You accepted the meeting at the time you chose; both delegations were told."], cancellationToken);
    }

    [HttpPost("/r/{token}/meetings/{requestId:int}/outcome")]
    [EnableRateLimiting(WebConfiguration.PublicFormsPolicy)]
    public Task<IActionResult> Outcome(string token, int requestId, [FromForm] MeetingOutcome outcome, CancellationToken cancellationToken) =>
        ActAsync(token, async mine => (await outcomes.RecordAsync(mine.EventId, requestId, mine.Id, outcome, cancellationToken)).Errors,
            outcome == MeetingOutcome.AgreementProposed ? t["Recorded; the organisers will prepare the agreement for the signing ceremony."] : t["Recorded."], cancellationToken);

    [HttpPost("/r/{token}/meetings/{requestId:int}/withdraw")]
    [EnableRateLimiting(WebConfiguration.PublicFormsPolicy)]
    public async Task<IActionResult> Withdraw(string token, int requestId, CancellationToken cancellationToken)
    {
        if (!Request.Confirmed())
        {
            return await registrations.FindByTokenAsync(token, cancellationToken) is null ? NotFound() : this.Confirm(new Confirmation(
                t["Withdraw the request or call off the meeting?"],
                [t["The other delegation will see that it was called off, and a scheduled meeting gives up its time and table."].Value],
                t["Yes, withdraw"], $"/r/{token}/meetings"));
        }

        return await ActAsync(token, async mine => (await requests.WithdrawAsync(mine.EventId, requestId, mine.Id, cancellationToken)).Errors,
            t["The request was withdrawn."], cancellationToken);
    }

    /// <summary>Finds the delegation the link acts for, does the step, and says what happened on the hub's meetings page.</summary>
    private async Task<IActionResult> ActAsync(string token, Func<MeetingDelegation, Task<IReadOnlyList<DomainError>>> step, LocalizedString done, CancellationToken cancellationToken)
    {
        var registration = await registrations.FindByTokenAsync(token, cancellationToken);
        if (registration is null || await hub.DelegationForAsync(registration, cancellationToken) is not { } mine)
        {
            return NotFound();
        }

        return this.Said(t, $"/r/{token}/meetings", await step(mine), done);
    }
}
