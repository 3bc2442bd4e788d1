using System.ComponentModel.DataAnnotations;
using EventManager.Core.Events;
using EventManager.Core.Reminders;
using EventManager.Web.Configuration;
using EventManager.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Mail;

public sealed class ReminderRuleForm
{
    [Display(Name = "Name")]
    public string? Name { get; set; }

    [Display(Name = "Moment")]
    public ReminderAnchor Anchor { get; set; } = ReminderAnchor.SessionStart;

    [Display(Name = "Minutes from that moment (negative: before)")]
    public int OffsetMinutes { get; set; } = -60;

    [Display(Name = "Who gets it")]
    public ReminderAudience Audience { get; set; } = ReminderAudience.SessionSpeakersAndChair;

    /// <summary>The subject in each of the event's languages, by code.</summary>
    public Dictionary<string, string?> Subject { get; set; } = [];

    /// <summary>The message in each of the event's languages, by code.</summary>
    public Dictionary<string, string?> Body { get; set; } = [];

    [Display(Name = "On")]
    public bool Enabled { get; set; } = true;

    /// <summary>For a message at a set time: when, in the event's time zone.</summary>
    [Display(Name = "Date and time")]
    public DateTime? AtLocal { get; set; }

    public ReminderRuleInput ToInput() => new(Name ?? "", Anchor, OffsetMinutes, Audience, LocalTextForms.ToText(Subject), LocalTextForms.ToText(Body), Enabled, AtLocal);

    public static ReminderRuleForm From(ReminderRule r, Event ev) => new()
    {
        Name = r.Name, Anchor = r.Anchor, OffsetMinutes = r.OffsetMinutes, Audience = r.Audience, Enabled = r.Enabled,
        Subject = LocalTextForms.ToForm(r.Subject, ev.LanguageList), Body = LocalTextForms.ToForm(r.Body, ev.LanguageList),
        AtLocal = r.AtUtc is { } at ? EventTime.ToLocal(at, EventTime.FindZone(ev.TimeZoneId)) : null,
    };
}

public sealed record RemindersPage(Event Event, IReadOnlyList<ReminderRule> Rules, ReminderRuleForm Form, int? EditingId, MessagePreview? Preview = null);

/// <summary>An event's reminder rules: when, to whom, and what; planned into the outbox in the background.</summary>
[Authorize(Policy = IdentityConfiguration.OrganiserPolicy)]
[Route("/organiser/events/{eventId:int}/reminders")]
public sealed class RemindersController(EventService events, ReminderRuleService rules, ReminderPlanner planner, TimeProvider time, IStringLocalizer<SharedResource> t) : Controller
{
    /// <param name="write">Opens the form ready for a message to all confirmed delegates, a quarter of an hour from now.</param>
    [HttpGet("")]
    public async Task<IActionResult> Index(int eventId, int? edit, bool write, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        if (ev is null)
        {
            return NotFound();
        }

        var list = await rules.ListAsync(eventId, cancellationToken);
        var editing = list.FirstOrDefault(r => r.Id == edit);
        var form = editing is not null ? ReminderRuleForm.From(editing, ev) : write ? Announcement(ev) : new ReminderRuleForm();
        return View(new RemindersPage(ev, list, form, editing?.Id));
    }

    /// <summary>Before a message to everyone is planned: how many it goes to, and what the first of them reads.</summary>
    [HttpPost("preview")]
    public async Task<IActionResult> Preview(int eventId, [FromForm] int? ruleId, [FromForm] ReminderRuleForm form, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        if (ev is null)
        {
            return NotFound();
        }

        var zone = EventTime.FindZone(ev.TimeZoneId);
        var at = form.AtLocal is { } local && EventTime.TryToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone, out var utc) ? utc : time.GetUtcNow().UtcDateTime;
        var preview = await planner.PreviewAsync(eventId, form.Audience, at, LocalTextForms.ToText(form.Subject).For(ev.LanguageList), LocalTextForms.ToText(form.Body).For(ev.LanguageList), cancellationToken);
        if (preview is null)
        {
            ModelState.AddModelError("Audience", t["A message at a set time goes to all confirmed delegates, to the organisers, or to the people invited who have not answered."]);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        return View("Index", new RemindersPage(ev, await rules.ListAsync(eventId, cancellationToken), form, ruleId, Preview: preview));
    }

    /// <param name="sendNow">A message at a set time goes out within the minute instead of at the time typed.</param>
    [HttpPost("")]
    public async Task<IActionResult> Save(int eventId, [FromForm] int? ruleId, [FromForm] ReminderRuleForm form, [FromForm] bool sendNow, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        if (ev is null)
        {
            return NotFound();
        }

        if (sendNow && form.Anchor != ReminderAnchor.At)
        {
            ModelState.AddModelError("Anchor", t["Only a message at a set date and time can be sent now."]);
        }
        else if (sendNow)
        {
            // A minute ahead, on the minute: planning happens just after saving, and a moment already past is never sent.
            var local = EventTime.ToLocal(time.GetUtcNow().UtcDateTime.AddMinutes(1), EventTime.FindZone(ev.TimeZoneId));
            form.AtLocal = new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0).AddMinutes(1);
        }

        if (ModelState.IsValid)
        {
            var result = await rules.SaveAsync(eventId, ruleId, form.ToInput(), cancellationToken);
            if (result.Succeeded)
            {
                TempData["Notice"] = t["{0} was saved; the reminders are being planned again.", result.Value!.Name].Value;
                return Redirect($"/organiser/events/{eventId}/reminders");
            }

            ModelState.AddDomainErrors(result.Errors, t);
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View("Index", new RemindersPage(ev, await rules.ListAsync(eventId, cancellationToken), form, ruleId));
    }

    private ReminderRuleForm Announcement(Event ev)
    {
        // A quarter of an hour ahead, on a five-minute mark: time to add translations before it goes.
        var local = EventTime.ToLocal(time.GetUtcNow().UtcDateTime.AddMinutes(15), EventTime.FindZone(ev.TimeZoneId));
        var at = new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute / 5 * 5, 0).AddMinutes(5);
        return new ReminderRuleForm
        {
            Name = t["Message to the delegates"], Anchor = ReminderAnchor.At, OffsetMinutes = 0, AtLocal = at, Audience = ReminderAudience.ConfirmedDelegates,
            Subject = LocalTextForms.ToForm("{event}: ", ev.LanguageList), Body = LocalTextForms.ToForm("Dear {name},\n\n\n\nYour registration and agenda: {link}", ev.LanguageList),
        };
    }
}
