using System.Security.Claims;
using EventManager.Web.Configuration;
using EventManager.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Team;

public sealed class InviteForm
{
    public string? Email { get; set; }
    public string? Name { get; set; }
    public string? Role { get; set; } = Core.Data.Roles.Staff;

    /// <summary>Empty: every event; else the one event (and those inside it) the role is for.</summary>
    public int? EventId { get; set; }
}

public sealed record TeamPage(IReadOnlyList<TeamMember> Members, InviteForm Invite, string CurrentUserId, bool TwoFactorRequired, IReadOnlyList<Core.Events.Event> Events);

/// <summary>Who may sign in: organisers invite colleagues, change their role and remove their access.</summary>
[Authorize(Policy = IdentityConfiguration.OrganiserPolicy)]
[Route("/organiser/team")]
public sealed class TeamController(TeamService team, Core.Events.EventService events, Account.TwoFactorRequirement twoFactor, IStringLocalizer<SharedResource> t) : Controller
{
    private string CurrentUserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => await PageAsync(new InviteForm(), cancellationToken);

    private async Task<ViewResult> PageAsync(InviteForm invite, CancellationToken cancellationToken) =>
        View("Index", new TeamPage(await team.ListAsync(cancellationToken), invite, CurrentUserId, await twoFactor.IsRequiredAsync(cancellationToken),
            (await events.ListAsync(cancellationToken)).OrderBy(e => e.StartsAtUtc).ToList()));

    /// <summary>Two-factor sign-in for everyone: those without it are led to set it up at their next page.</summary>
    [HttpPost("two-factor")]
    public async Task<IActionResult> RequireTwoFactor([FromForm] bool required, CancellationToken cancellationToken)
    {
        if (required && !User.HasClaim("amr", "mfa"))
        {
            // Whoever requires it shows it works for them first, and is not led away from this page by their own rule.
            TempData["Problem"] = t["Turn on two-factor sign-in for yourself first (under your name at the top of the page), then require it for everyone."].Value;
            return Redirect("/organiser/team");
        }

        await twoFactor.SetAsync(required, cancellationToken);
        TempData["Notice"] = (required
            ? t["Everyone on the team now signs in with a code from an authenticator app. Those who have not set it up are asked to at their next page."]
            : t["Two-factor sign-in is now each person's choice."]).Value;
        return Redirect("/organiser/team");
    }

    [HttpPost("invite")]
    public async Task<IActionResult> Invite([FromForm] InviteForm form, CancellationToken cancellationToken)
    {
        // A field that held a control character comes back with its message (FormGuard), and nobody is invited.
        var result = ModelState.IsValid ? await team.InviteAsync(form.Email, form.Name, form.Role, form.EventId, cancellationToken) : null;
        if (result is { Succeeded: true })
        {
            TempData["Notice"] = t["An invitation is on its way to {0}. They choose their own password.", result.Value!.Email].Value;
            return Redirect("/organiser/team");
        }

        if (result is not null)
        {
            ModelState.AddDomainErrors(result.Errors, t);
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return await PageAsync(form, cancellationToken);
    }

    [HttpPost("{id}/resend")]
    public async Task<IActionResult> Resend(string id, CancellationToken cancellationToken) =>
        Done(await team.ResendInvitationAsync(id, cancellationToken), m => t["A new invitation is on its way to {0}; the earlier link no longer works.", m.Email]);

    [HttpPost("{id}/role")]
    public async Task<IActionResult> Role(string id, [FromForm] string? role) =>
        Done(await team.ChangeRoleAsync(id, role, CurrentUserId), m => m.Role switch
        {
            Core.Data.Roles.Organiser => t["{0} is now an organiser.", m.Email],
            Core.Data.Roles.Staff => t["{0} is now staff.", m.Email],
            Core.Data.Roles.Observer => t["{0} is now an observer.", m.Email],
            _ => t["{0} now has roles at single events only.", m.Email],
        });

    [HttpPost("{id}/grants")]
    public async Task<IActionResult> Grant(string id, [FromForm] int? eventId, [FromForm] string? role, CancellationToken cancellationToken) =>
        Done(await team.GrantAsync(id, eventId, role, CurrentUserId, cancellationToken), m => t["{0} has a new role at an event.", m.Email]);

    [HttpPost("{id}/grants/{grantId:int}/remove")]
    public async Task<IActionResult> Revoke(string id, int grantId, CancellationToken cancellationToken) =>
        Done(await team.RevokeAsync(id, grantId, CurrentUserId, cancellationToken), m => t["{0} no longer has that role at the event.", m.Email]);

    [HttpPost("{id}/remove")]
    public async Task<IActionResult> Remove(string id)
    {
        if (!Request.Confirmed() && id != CurrentUserId && await team.FindAsync(id) is { } member)
        {
            return this.Confirm(new Confirmation(
                t["Remove the access of {0}?", member.Name ?? member.Email],
                [t["They are signed out everywhere and can no longer sign in, at every event."].Value, t["Their name stays in the print and check-in records; their access can be given back later."].Value],
                t["Remove access"],
                "/organiser/team"));
        }

        return Done(await team.RemoveAccessAsync(id, CurrentUserId),
            m => t["{0} can no longer sign in. Their name stays in the print and check-in records.", m.Email]);
    }

    [HttpPost("{id}/restore")]
    public async Task<IActionResult> Restore(string id) =>
        Done(await team.RestoreAccessAsync(id), m => t["{0} can sign in again.", m.Email]);

    /// <summary>Tells what happened (the service recorded who did it).</summary>
    private RedirectResult Done(Core.Common.DomainResult<TeamMember> result, Func<TeamMember, LocalizedString> notice)
    {
        if (result.Succeeded)
        {
            TempData["Notice"] = notice(result.Value!).Value;
        }
        else
        {
            TempData["Problem"] = string.Join(" ", result.Errors.Select(e => t[e.Message, e.Arguments].Value));
        }

        return Redirect("/organiser/team");
    }
}
