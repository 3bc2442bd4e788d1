using EventManager.Core.Institutions;
using EventManager.Core.Invitations;
using EventManager.Core.Registrations;
using EventManager.Web.Configuration;
using EventManager.Web.Features.Registrations;
using EventManager.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Invitations;

/// <summary>The invitation as its link shows it: answered, withdrawn, expired, or the place to decline.</summary>
public sealed record InvitationPage(OpenedInvitation Opened, bool RegistrationOpen, string? Reason = null);

/// <summary>
/// The invited person's link, /i/{token}: the registration form filled in and bound to them, or one click to decline.
/// Whoever holds the link acts for the person, as with a registration's private link.
/// </summary>
[PrivateLink]
public sealed class InvitationLinkController(
    InvitationService invitations,
    Registrations.RegisterPages pages,
    RegistrationPolicies policies,
    RegistrationSubmission submission,
    IStringLocalizer<SharedResource> t) : Controller
{
    private const string RegisterView = "/Features/Registrations/Views/Register.cshtml";

    [HttpGet("/i/{token}")]
    public async Task<IActionResult> Open(string token, int? people, CancellationToken cancellationToken)
    {
        var opened = await invitations.FindByTokenAsync(token, cancellationToken);
        if (opened is null)
        {
            return NotFound();
        }

        if (opened.State != InvitationState.Open || !policies.IsOpen(opened.Policy))
        {
            return View("Invitation", new InvitationPage(opened, policies.IsOpen(opened.Policy)));
        }

        var person = opened.Invitation.Person!;
        var reading = System.Globalization.CultureInfo.CurrentUICulture.Name;
        var form = new RegisterForm
        {
            LatinName = person.LatinName,
            NativeName = person.NativeName,
            Position = person.Position,
            Email = person.Email,
            InstitutionId = person.InstitutionId,
            CountryCode = person.Institution?.CountryCode,
            PreferredLanguage = person.PreferredLanguage ?? (RegistrationRules.Languages.Contains(reading) ? reading : "en"),
            TimeZoneId = person.TimeZoneId,
        };
        return View(RegisterView, await pages.BuildAsync(opened.Invitation.Event!, form, people ?? 0, opened.Invitation, cancellationToken));
    }

    [HttpPost("/i/{token}")]
    [EnableRateLimiting(WebConfiguration.PublicFormsPolicy)]
    public async Task<IActionResult> Register(string token, [FromForm] RegisterForm form, CancellationToken cancellationToken)
    {
        var opened = await invitations.FindByTokenAsync(token, cancellationToken);
        if (opened is null)
        {
            return NotFound();
        }

        if (form.AddCompanion)
        {
            ModelState.Clear();
            return View(RegisterView, await pages.BuildAsync(opened.Invitation.Event!, form, RegisterPages.RowsAfter(form), opened.Invitation, cancellationToken));
        }

        if (ModelState.IsValid)
        {
            var result = await submission.RegisterInvitedAsync(token, form.ToRequest(await Registrations.AnswerUploads.Read(Request, cancellationToken)), cancellationToken);
            if (result.Succeeded)
            {
                // The link went to the person's own address: it may open their registration at once.
                return result.Value!.Count > 0
                    ? Redirect($"/r/{result.Value[0].Token}?new=true")
                    : View("Invitation", new InvitationPage((await invitations.FindByTokenAsync(token, cancellationToken))!, true));
            }

            ModelState.AddDomainErrors(result.Errors, t);
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(RegisterView, await pages.BuildAsync(opened.Invitation.Event!, form, RegisterPages.RowsAfter(form), opened.Invitation, cancellationToken));
    }

    [HttpGet("/i/{token}/decline")]
    public async Task<IActionResult> Decline(string token, CancellationToken cancellationToken)
    {
        var opened = await invitations.FindByTokenAsync(token, cancellationToken);
        if (opened is null)
        {
            return NotFound();
        }

        // Answered or withdrawn: the link says so instead of offering to decline.
        var view = opened.State is InvitationState.Open or InvitationState.Expired ? "Decline" : "Invitation";
        return View(view, new InvitationPage(opened, policies.IsOpen(opened.Policy)));
    }

    [HttpPost("/i/{token}/decline")]
    [EnableRateLimiting(WebConfiguration.PublicFormsPolicy)]
    public async Task<IActionResult> Decline(string token, [FromForm] string? reason, CancellationToken cancellationToken)
    {
        var result = await invitations.DeclineAsync(token, reason, cancellationToken);
        var opened = await invitations.FindByTokenAsync(token, cancellationToken);
        if (opened is null)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            ModelState.AddDomainErrors(result.Errors, t);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View("Decline", new InvitationPage(opened, policies.IsOpen(opened.Policy), reason));
        }

        return View("Invitation", new InvitationPage(opened, policies.IsOpen(opened.Policy)));
    }
}
