using EventManager.Core.Agenda;
using EventManager.Core.Ceremonies;
using EventManager.Core.Events;
using EventManager.Core.Registrations;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Infrastructure;

/// <summary>
/// The one place the words for the domain's kinds and states are chosen, for pages, messages and PDFs alike:
/// <c>@T.Label(r.Status)</c> in a view, <c>t.Label(kind)</c> in code. The English word is the resource key.
/// </summary>
public static class Labels
{
    public static string Label(this IStringLocalizer t, Features.Events.EventSection section) => section switch
    {
        Features.Events.EventSection.Home => t["Event home"],
        Features.Events.EventSection.Registrations => t["Registrations"],
        Features.Events.EventSection.Agenda => t["Agenda"],
        Features.Events.EventSection.Ceremonies => t["Ceremonies"],
        Features.Events.EventSection.Messages => t["Messages"],
        Features.Events.EventSection.Reminders => t["Reminders"],
        Features.Events.EventSection.Translations => t["Translations"],
        Features.Events.EventSection.Settings => t["Settings"],
        Features.Events.EventSection.CheckIn => t["Check-in desk"],
        _ => t["Certificates"],
    };

    /// <summary>A reminder rule's name: a built-in rule's in the reader's language, an organiser's as written.</summary>
    public static string RuleName(this IStringLocalizer t, string name) =>
        Core.Reminders.DefaultReminders.Names.Contains(name) ? t[name] : name;

    public static string Label(this IStringLocalizer t, Core.Reminders.ReminderAudience audience) => audience switch
    {
        Core.Reminders.ReminderAudience.ConfirmedDelegates => t["all confirmed delegates"],
        Core.Reminders.ReminderAudience.SessionSpeakersAndChair => t["the session's speakers and chair"],
        Core.Reminders.ReminderAudience.SessionAttendees => t["delegates who chose the session"],
        Core.Reminders.ReminderAudience.CeremonySignatories => t["the ceremony's signatories"],
        Core.Reminders.ReminderAudience.InvitedNoAnswer => t["people invited who have not answered yet"],
        Core.Reminders.ReminderAudience.MeetingDelegations => t["the meeting's two delegations"],
        _ => t["organisers"],
    };

    public static string Label(this IStringLocalizer t, RegistrationStatus status) => status switch
    {
        RegistrationStatus.Pending => t["Awaiting approval"],
        RegistrationStatus.Confirmed => t["Confirmed"],
        RegistrationStatus.Waitlisted => t["On the waiting list"],
        RegistrationStatus.Declined => t["Declined"],
        _ => t["Cancelled"],
    };

    public static string Label(this IStringLocalizer t, Core.Mail.MessageStatus status) => status switch
    {
        Core.Mail.MessageStatus.Pending => t["Waiting"],
        Core.Mail.MessageStatus.Sent => t["Sent"],
        Core.Mail.MessageStatus.Skipped => t["Not sent"],
        Core.Mail.MessageStatus.Held => t["Held after a restore"],
        _ => t["Failed"],
    };

    /// <summary>What kind of message a row of the outbox is (its Kind column), in words.</summary>
    public static string MessageKind(this IStringLocalizer t, string kind) => kind switch
    {
        "Reminder" => t["Reminder or message to all"],
        "AgendaChanged" => t["Agenda changed"],
        "RegistrationReceived" => t["Registration received"],
        "RegistrationPromotedFromWaitingList" => t["Place from the waiting list"],
        "RegistrationApproved" => t["Registration approved"],
        "RegistrationDeclined" => t["Registration declined"],
        "RegistrationCancelled" => t["Registration cancelled"],
        "RegistrationRestored" => t["Registration restored"],
        "RegistrationLinkResent" => t["Private link sent again"],
        "AccountInvitation" => t["Invitation to the team"],
        "AccountPasswordReset" => t["Password reset"],
        _ => kind,
    };

    public static string Label(this IStringLocalizer t, RegistrationCategory category) => category switch
    {
        RegistrationCategory.Speaker => t["Speaker"],
        RegistrationCategory.Observer => t["Observer"],
        RegistrationCategory.Press => t["Press"],
        _ => t["Delegate"],
    };

    public static string Label(this IStringLocalizer t, EventKind kind) => kind switch
    {
        EventKind.Dialogue => t["Dialogue"],
        EventKind.Forum => t["Forum"],
        EventKind.Ceremony => t["Ceremony"],
        _ => t["Conference"],
    };

    public static string Label(this IStringLocalizer t, SessionKind kind) => kind switch
    {
        SessionKind.Plenary => t["Plenary"],
        SessionKind.Panel => t["Panel"],
        SessionKind.DialogueRound => t["Dialogue round"],
        SessionKind.SigningCeremony => t["Signing ceremony"],
        SessionKind.Break => t["Break"],
        SessionKind.BilateralMeetings => t["Bilateral meetings"],
        _ => t["Visit"],
    };

    public static string Label(this IStringLocalizer t, AgreementKind kind) => kind switch
    {
        AgreementKind.MemorandumOfUnderstanding => t["Memorandum of understanding"],
        AgreementKind.StudentExchange => t["Student exchange"],
        AgreementKind.JointResearch => t["Joint research"],
        AgreementKind.JointProgramme => t["Joint programme"],
        _ => t["Other agreement"],
    };

    public static string Label(this IStringLocalizer t, AgreementStatus status) => status switch
    {
        AgreementStatus.Draft => t["Draft"],
        AgreementStatus.Ready => t["Ready"],
        AgreementStatus.Signed => t["Signed"],
        _ => t["Withdrawn"],
    };

    public static string Label(this IStringLocalizer t, QuestionKind kind) => kind switch
    {
        QuestionKind.Text => t["A line of text"],
        QuestionKind.YesNo => t["Yes or no"],
        QuestionKind.File => t["A file (PDF, JPEG or PNG)"],
        _ => t["One of a list"],
    };

    /// <summary>A stored answer as this reader reads it: yes/no and a choice in their language, anything else as given.</summary>
    public static string Answer(this IStringLocalizer t, RegistrationQuestion question, string value) =>
        question.Kind == QuestionKind.YesNo ? (value == RegistrationQuestions.Yes ? t["Yes"] : value == RegistrationQuestions.No ? t["No"] : value)
        : question.AnswerIn(value, System.Globalization.CultureInfo.CurrentUICulture);

    public static string Label(this IStringLocalizer t, Core.Invitations.InvitationState state) => state switch
    {
        Core.Invitations.InvitationState.Open => t["No answer yet"],
        Core.Invitations.InvitationState.Registered => t["Registered"],
        Core.Invitations.InvitationState.Declined => t["Declined the invitation"],
        Core.Invitations.InvitationState.Withdrawn => t["Withdrawn"],
        _ => t["Expired"],
    };
}
