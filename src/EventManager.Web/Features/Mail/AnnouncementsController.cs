using System.ComponentModel.DataAnnotations;
using EventManager.Core.Data;
using EventManager.Core.Events;
using EventManager.Core.Mail;
using EventManager.Core.Reminders;
using EventManager.Web.Configuration;
using EventManager.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Mail;

/// <summary>A message organisers write to everyone of one audience: once, now or at a time they choose.</summary>
public sealed class AnnouncementForm
{
    /// <summary>Those a message at a set moment can go to.</summary>
    public static readonly IReadOnlyList<ReminderAudience> Audiences = [ReminderAudience.ConfirmedDelegates, ReminderAudience.InvitedNoAnswer, ReminderAudience.Organisers];

    [Display(Name = "Who gets it")]
    public ReminderAudience Audience { get; set; } = ReminderAudience.ConfirmedDelegates;

    /// <summary>The subject in each of the event's languages, by code.</summary>
    public Dictionary<string, string?> Subject { get; set; } = [];

    /// <summary>The message in each of the event's languages, by code.</summary>
    public Dictionary<string, string?> Body { get; set; } = [];

    /// <summary>False: it goes out now; true: at <see cref="AtLocal"/>.</summary>
    public bool Later { get; set; }

    /// <summary>When, in the event's time zone, if <see cref="Later"/>.</summary>
    [Display(Name = "Date and time")]
    public DateTime? AtLocal { get; set; }
}

public sealed record AnnouncementPage(Event Event, AnnouncementForm Form, MessagePreview? Preview = null);

[Authorize(Policy = IdentityConfiguration.EventOrganiserPolicy)]
[Route("/organiser/events/{eventId:int}/messages")]
public sealed class AnnouncementsController(EventService events, ReminderRuleService rules, ReminderPlanner planner, EventManagerDbContext db, TimeProvider time, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("new")]
    public async Task<IActionResult> New(int eventId, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        if (ev is null)
        {
            return NotFound();
        }

        // A quarter of an hour ahead, on a five-minute mark, if it is to go later: time to add translations first.
        var local = EventTime.ToLocal(time.GetUtcNow().UtcDateTime.AddMinutes(15), EventTime.FindZone(ev.TimeZoneId));
        return View("New", new AnnouncementPage(ev, new AnnouncementForm
        {
            AtLocal = new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute / 5 * 5, 0).AddMinutes(5),
            // Only the default language is begun: a language left with a greeting and nothing else would reach its readers empty.
            Subject = LocalTextForms.ToForm(Core.Common.LocalText.From((ev.DefaultLanguage, "{event}: ")), ev.LanguageList),
            Body = LocalTextForms.ToForm(Core.Common.LocalText.From((ev.DefaultLanguage, Greeting(ev.DefaultLanguage))), ev.LanguageList),
        }));
    }

    /// <summary>Before it goes: how many get it, and for each language it is written in, how many read that one and what.</summary>
    [HttpPost("preview")]
    public async Task<IActionResult> Preview(int eventId, [FromForm] AnnouncementForm form, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        if (ev is null)
        {
            return NotFound();
        }

        var zone = EventTime.FindZone(ev.TimeZoneId);
        var at = form.Later && form.AtLocal is { } local && EventTime.TryToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone, out var utc) ? utc : time.GetUtcNow().UtcDateTime;
        var preview = AnnouncementForm.Audiences.Contains(form.Audience)
            ? await planner.PreviewAsync(eventId, form.Audience, at, LocalTextForms.ToText(form.Subject).For(ev.LanguageList), LocalTextForms.ToText(form.Body).For(ev.LanguageList), cancellationToken)
            : null;
        if (preview is null)
        {
            ModelState.AddModelError("Audience", t["A message at a set time goes to all confirmed delegates, to the organisers, or to the people invited who have not answered."]);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        return View("New", new AnnouncementPage(ev, form, preview));
    }

    [HttpPost("new")]
    public async Task<IActionResult> Send(int eventId, [FromForm] AnnouncementForm form, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        if (ev is null)
        {
            return NotFound();
        }

        if (!form.Later)
        {
            // A minute ahead, on the minute: planning (just below) finds it still ahead, and the mail job sends it.
            var local = EventTime.ToLocal(time.GetUtcNow().UtcDateTime.AddMinutes(1), EventTime.FindZone(ev.TimeZoneId));
            form.AtLocal = new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0).AddMinutes(1);
        }

        if (!AnnouncementForm.Audiences.Contains(form.Audience))
        {
            ModelState.AddModelError("Audience", t["A message at a set time goes to all confirmed delegates, to the organisers, or to the people invited who have not answered."]);
        }

        if (ModelState.IsValid)
        {
            var subject = LocalTextForms.ToText(form.Subject);
            var name = t["Message to everyone: {0}", subject.Default].Value;
            var input = new ReminderRuleInput(name.Length > 200 ? name[..199] + "…" : name, ReminderAnchor.At, 0, form.Audience, subject, LocalTextForms.ToText(form.Body), true, form.AtLocal);
            var result = await rules.SaveAsync(eventId, null, input, cancellationToken);
            if (result.Succeeded)
            {
                // Planned here rather than in the background, so the organiser reads how many it became.
                var rule = result.Value!;
                await planner.PlanAsync(eventId, cancellationToken);
                var queued = await db.OutgoingMessages.CountAsync(m => m.ReminderRuleId == rule.Id && m.Status == MessageStatus.Pending, cancellationToken);
                TempData["Notice"] = form.Later
                    ? t.Plural("{0, plural, one {# message is} other {# messages are}} planned for {1}, in the event's time zone.", queued, Display.Moment(rule.AtUtc!.Value, ev.TimeZoneId))
                    : t.Plural("{0, plural, one {# message was} other {# messages were}} queued; they go out within two minutes.", queued);
                return Redirect($"/organiser/messages?eventId={eventId}&rule={rule.Id}");
            }

            ModelState.AddDomainErrors(result.Errors, t);
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View("New", new AnnouncementPage(ev, form));
    }

    private string Greeting(string language)
    {
        var culture = ReminderTemplates.CultureOf(language);
        using var scope = CultureScope.Use(culture);
        return $"{t["Dear {name},"].Value}\n\n\n\n{t["Your registration and agenda: {link}"].Value}";
    }
}
