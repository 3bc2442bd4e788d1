using EventManager.Core.Activity;
using EventManager.Core.Registrations;
using EventManager.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Activity;

/// <summary>
/// An activity line in the reader's language. A line about a registration names it by its current name, so an
/// erased registration reads as erased here too; the stored line keeps facts only.
/// </summary>
public static class ActivityText
{
    public static string Who(this IStringLocalizer t, ActivityEntry a) => a.Actor switch
    {
        ActivityLog.Delegate => t["the delegate"],
        "system" => t["the system"],
        _ => a.Actor,
    };

    public static string What(this IStringLocalizer t, ActivityEntry a) => a.Kind switch
    {
        ActivityKind.RegistrationApproved => Enum.TryParse<RegistrationStatus>(a.Subject, out var status) && status == RegistrationStatus.Waitlisted
            ? t["approved; no place was free, so on the waiting list"] : t["approved: confirmed"],
        ActivityKind.RegistrationDeclined => t["declined the registration"],
        ActivityKind.RegistrationCancelled => t["cancelled the registration"],
        ActivityKind.RegistrationPromoted => t["given a place from the waiting list"],
        ActivityKind.RegistrationRestored => Enum.TryParse<RegistrationStatus>(a.Subject, out var restored) && restored == RegistrationStatus.Waitlisted
            ? t["restored, to the waiting list"] : t["restored: confirmed"],
        ActivityKind.RegistrationEdited => t["details changed: {0}", a.Subject],
        ActivityKind.RegistrationConfirmedOverCapacity => t["confirmed beyond the places, on purpose: {0}", a.Subject],
        ActivityKind.PrivateLinkResent => t["sent the private link again"],
        ActivityKind.CheckedIn => t["checked in at the desk"],
        ActivityKind.CheckInUndone => t["check-in taken back"],
        ActivityKind.PersonalDataErased => t.Plural("erased the personal data of {0, plural, one {# registration} other {# registrations}}", Count(a)),
        ActivityKind.AgendaPublished => t["published version {0} of the agenda", a.Subject],
        ActivityKind.CertificateRevoked => t["revoked certificate {0}", a.Subject],
        ActivityKind.CertificatesPrinted => t.Plural("printed {0, plural, one {# certificate} other {# certificates}}", Count(a)),
        ActivityKind.ColleagueInvited => t["invited {0}", a.Subject],
        ActivityKind.RoleChanged => t["changed the role of {0}", a.Subject],
        ActivityKind.AccessRemoved => t["removed the access of {0}", a.Subject],
        ActivityKind.AccessRestored => t["gave {0} access again", a.Subject],
        ActivityKind.TwoFactorRequired => t["required two-factor sign-in for the whole team"],
        ActivityKind.TwoFactorOptional => t["made two-factor sign-in each person's choice"],
        ActivityKind.EventCreated => t["created the event {0}", a.Subject],
        ActivityKind.EventChanged => t["changed the event's details"],
        ActivityKind.RegistrationSettingsChanged => t["changed the registration settings"],
        ActivityKind.DelegatesImported => t.Plural("imported {0, plural, one {# delegate} other {# delegates}}", Count(a)),
        ActivityKind.MessagePlanned => t["planned a message to all confirmed delegates: {0}", a.Subject],
        ActivityKind.AgreementSigned => t["recorded the signing of {0}", a.Subject],
        ActivityKind.InstitutionAdded => t["added the institution {0}", a.Subject],
        ActivityKind.InstitutionMerged => t["pointed registrations at the listed institution {0}", a.Subject],
        ActivityKind.TranslationsImported => t["imported translations into {0}", a.Subject],
        ActivityKind.RestoredFromBackup => t["restored the backup of {0}", a.Subject.Split('|')[0]],
        ActivityKind.HeldMessagesSent => t.Plural("sent {0, plural, one {# message} other {# messages}} held after the restore", Count(a)),
        ActivityKind.HeldMessagesDropped => t.Plural("dropped {0, plural, one {# message} other {# messages}} held after the restore", Count(a)),
        ActivityKind.VisaLetterSettingsChanged => t["changed the visa letter's letterhead and signatory"],
        ActivityKind.VisaLettersPrinted => t.Plural("printed {0, plural, one {# visa letter} other {# visa letters}}", Count(a)),
        ActivityKind.PersonAdded => t["added {0} to the people directory", a.Subject],
        ActivityKind.PersonChanged => t["changed the details of {0}", a.Subject],
        ActivityKind.PeopleMerged => t["merged the same person entered twice: {0}", a.Subject],
        ActivityKind.PersonErased => t["erased a person from the directory"],
        ActivityKind.InvitationsSent => t.Plural("sent {0, plural, one {# invitation} other {# invitations}}", Count(a)),
        ActivityKind.InvitationSentAgain => t["sent the invitation to {0} again", a.Subject],
        ActivityKind.InvitationWithdrawn => t["withdrew the invitation to {0}", a.Subject],
        ActivityKind.InvitationDeclined => t["an invited person declined the invitation"],
        ActivityKind.PrivacyNoticeChanged => t["changed the privacy notice (version {0})", a.Subject],
        _ => a.Kind.ToString(),
    };

    private static int Count(ActivityEntry a) => int.TryParse(a.Subject, out var n) ? n : 0;
}
