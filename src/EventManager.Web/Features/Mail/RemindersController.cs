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

    /// <summary>The offset as stored: minutes from the moment, negative before it. The form writes it as days, hours and minutes.</summary>
    public int OffsetMinutes { get; set; } = -60;

    [Display(Name = "Before or after")]
    public bool After { get; set; }

    [Display(Name = "Days")]
    [Range(0, 999, ErrorMessage = "Enter a whole number of 0 or more.")]
    public int? Days { get; set; }

    [Display(Name = "Hours")]
    [Range(0, 9999, ErrorMessage = "Enter a whole number of 0 or more.")]
    public int? Hours { get; set; }

    [Display(Name = "Minutes")]
    [Range(0, 99999, ErrorMessage = "Enter a whole number of 0 or more.")]
    public int? Minutes { get; set; }

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

    /// <summary>The days, hours and minutes typed, as minutes from the moment (negative before it); the stored offset if none was typed.</summary>
    public int Offset => Days is null && Hours is null && Minutes is null
        ? OffsetMinutes
        : (After ? 1 : -1) * (int)Math.Min(int.MaxValue, ((long)(Days ?? 0) * 24 * 60) + ((long)(Hours ?? 0) * 60) + (Minutes ?? 0));

    public ReminderRuleInput ToInput() => new(Name ?? "", Anchor, Offset, Audience, LocalTextForms.ToText(Subject), LocalTextForms.ToText(Body), Enabled, AtLocal);

    public static ReminderRuleForm From(ReminderRule r, Event ev) => WithOffset(new()
    {
        Name = r.Name, Anchor = r.Anchor, OffsetMinutes = r.OffsetMinutes, Audience = r.Audience, Enabled = r.Enabled,
        Subject = LocalTextForms.ToForm(r.Subject, ev.LanguageList), Body = LocalTextForms.ToForm(r.Body, ev.LanguageList),
        AtLocal = r.AtUtc is { } at ? EventTime.ToLocal(at, EventTime.FindZone(ev.TimeZoneId)) : null,
    });

    /// <summary>The stored minutes as the form shows them: "2 days before", not −2880.</summary>
    public static ReminderRuleForm WithOffset(ReminderRuleForm form)
    {
        var m = Math.Abs(form.OffsetMinutes);
        (form.After, form.Days, form.Hours, form.Minutes) = (form.OffsetMinutes > 0, m / (24 * 60), m / 60 % 24, m % 60);
        return form;
    }
}

public sealed record RemindersPage(Event Event, IReadOnlyList<ReminderRule> Rules, ReminderRuleForm Form, int? EditingId);

/// <summary>An event's reminder rules: when, to whom, and what; planned into the outbox in the background.</summary>
[Authorize(Policy = IdentityConfiguration.EventOrganiserPolicy)]
[Route("/organiser/events/{eventId:int}/reminders")]
public sealed class RemindersController(EventService events, ReminderRuleService rules, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int eventId, int? edit, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        if (ev is null)
        {
            return NotFound();
        }

        var list = await rules.ListAsync(eventId, cancellationToken);
        var editing = list.FirstOrDefault(r => r.Id == edit);
        var form = editing is not null ? ReminderRuleForm.From(editing, ev) : ReminderRuleForm.WithOffset(new ReminderRuleForm());
        return View(new RemindersPage(ev, list, form, editing?.Id));
    }

    [HttpPost("")]
    public async Task<IActionResult> Save(int eventId, [FromForm] int? ruleId, [FromForm] ReminderRuleForm form, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        if (ev is null)
        {
            return NotFound();
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
}
