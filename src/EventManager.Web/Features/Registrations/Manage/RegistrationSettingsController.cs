using System.ComponentModel.DataAnnotations;
using EventManager.Core.Events;
using EventManager.Core.Registrations;
using EventManager.Web.Configuration;
using EventManager.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Registrations.Manage;

public sealed class PolicyForm
{
    [Display(Name = "Take registrations")]
    public bool Enabled { get; set; }

    [Display(Name = "Opens")]
    public DateTime? OpensLocal { get; set; }

    [Display(Name = "Closes")]
    public DateTime? ClosesLocal { get; set; }

    [Display(Name = "Places")]
    public int? Capacity { get; set; }

    [Display(Name = "Places per institution")]
    public int? InstitutionQuota { get; set; }

    [Display(Name = "An organiser approves each registration")]
    public bool RequiresApproval { get; set; }

    [Display(Name = "By invitation only")]
    public bool InvitationOnly { get; set; }

    public RegistrationPolicyInput ToInput() => new(Enabled, OpensLocal, ClosesLocal, Capacity, InstitutionQuota, RequiresApproval, InvitationOnly);

    public static PolicyForm From(RegistrationPolicy? policy, string timeZoneId)
    {
        if (policy is null)
        {
            return new PolicyForm();
        }

        var zone = EventTime.FindZone(timeZoneId);
        return new PolicyForm
        {
            Enabled = policy.Enabled,
            OpensLocal = policy.OpensAtUtc is { } o ? EventTime.ToLocal(o, zone) : null,
            ClosesLocal = policy.ClosesAtUtc is { } c ? EventTime.ToLocal(c, zone) : null,
            Capacity = policy.Capacity,
            InstitutionQuota = policy.InstitutionQuota,
            RequiresApproval = policy.RequiresApproval,
            InvitationOnly = policy.InvitationOnly,
        };
    }
}

public sealed class PrivacyForm
{
    /// <summary>The notice in the event's languages, posted as <c>Text[code]</c>.</summary>
    public Dictionary<string, string?>? Text { get; set; }

    [Display(Name = "Delegates must agree to it before they register")]
    public bool RequiresConsent { get; set; }

    public PrivacyNoticeInput ToInput() => new(LocalTextForms.ToText(Text), RequiresConsent);

    public static PrivacyForm From(PrivacyNotice? notice, Event ev) =>
        new() { Text = LocalTextForms.ToForm(notice?.Text, ev.LanguageList), RequiresConsent = notice?.RequiresConsent == true };
}

public sealed record PolicyPage(Event Event, RegistrationPolicy? Policy, PolicyForm Form, PrivacyNotice? Notice, PrivacyForm PrivacyForm);

/// <summary>When an event takes registrations, how many places it has, and whether organisers approve each.</summary>
[Authorize(Policy = IdentityConfiguration.EventOrganiserPolicy)]
[Route("/organiser/events/{eventId:int}/registration-settings")]
public sealed class RegistrationSettingsController(EventService events, RegistrationPolicies policies, PrivacyNotices notices, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int eventId, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        if (ev is null)
        {
            return NotFound();
        }

        var policy = await policies.FindAsync(eventId, cancellationToken);
        var notice = await notices.FindAsync(eventId, cancellationToken);
        return View(new PolicyPage(ev, policy, PolicyForm.From(policy, ev.TimeZoneId), notice, PrivacyForm.From(notice, ev)));
    }

    [HttpPost("")]
    public async Task<IActionResult> Index(int eventId, [FromForm] PolicyForm form, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        if (ev is null)
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var result = await policies.SaveAsync(eventId, form.ToInput(), cancellationToken);
            if (result.Succeeded)
            {
                TempData["Notice"] = t["Registration settings saved."].Value;
                return Redirect($"/organiser/events/{eventId}/registrations");
            }

            ModelState.AddDomainErrors(result.Errors, t);
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        var notice = await notices.FindAsync(eventId, cancellationToken);
        return View(new PolicyPage(ev, await policies.FindAsync(eventId, cancellationToken), form, notice, PrivacyForm.From(notice, ev)));
    }

    /// <summary>The privacy notice the form shows; a changed text is a new version, which later consents refer to.</summary>
    [HttpPost("privacy")]
    public async Task<IActionResult> Privacy(int eventId, [FromForm] PrivacyForm form, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        if (ev is null)
        {
            return NotFound();
        }

        var result = await notices.SaveAsync(eventId, form.ToInput(), cancellationToken);
        if (result.Succeeded)
        {
            TempData["Notice"] = t["The privacy notice is saved (version {0}).", result.Value!.Version].Value;
            return Redirect($"/organiser/events/{eventId}/registration-settings");
        }

        ModelState.AddDomainErrors(result.Errors, t);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        var policy = await policies.FindAsync(eventId, cancellationToken);
        return View(nameof(Index), new PolicyPage(ev, policy, PolicyForm.From(policy, ev.TimeZoneId), await notices.FindAsync(eventId, cancellationToken), form));
    }
}
