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

public sealed record PolicyPage(Event Event, RegistrationPolicy? Policy, PolicyForm Form);

/// <summary>When an event takes registrations, how many places it has, and whether organisers approve each.</summary>
[Authorize(Policy = IdentityConfiguration.OrganiserPolicy)]
[Route("/organiser/events/{eventId:int}/registration-settings")]
public sealed class RegistrationSettingsController(EventService events, RegistrationPolicies policies, IStringLocalizer<SharedResource> t) : Controller
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
        return View(new PolicyPage(ev, policy, PolicyForm.From(policy, ev.TimeZoneId)));
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
        return View(new PolicyPage(ev, await policies.FindAsync(eventId, cancellationToken), form));
    }
}
