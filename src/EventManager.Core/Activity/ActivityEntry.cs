namespace EventManager.Core.Activity;

/// <summary>What an organiser or staff member did that others may later ask about ("who erased these?").</summary>
public enum ActivityKind
{
    PersonalDataErased,
    AgendaPublished,
    CertificateRevoked,
    ColleagueInvited,
    RoleChanged,
    AccessRemoved,
    AccessRestored,
    TwoFactorRequired,
    TwoFactorOptional,

    // One registration each (ActivityEntry.RegistrationId), so its own page can show its history.
    RegistrationApproved,
    RegistrationDeclined,
    RegistrationCancelled,
    RegistrationPromoted,
    RegistrationRestored,
    RegistrationEdited,
    RegistrationConfirmedOverCapacity,
    PrivateLinkResent,
    CheckedIn,
    CheckInUndone,

    // One event each.
    EventCreated,
    EventChanged,
    RegistrationSettingsChanged,
    DelegatesImported,
    MessagePlanned,
    AgreementSigned,
    CertificatesPrinted,
    InstitutionAdded,
    InstitutionMerged,
    TranslationsImported,
    /// <summary>A backup was restored: its subject is "backup time (ISO 8601) | messages held".</summary>
    RestoredFromBackup,
    HeldMessagesSent,
    HeldMessagesDropped,
    VisaLetterSettingsChanged,
    /// <summary>Visa letters printed: their subject is the count (they carry passport numbers, so who printed them is kept).</summary>
    VisaLettersPrinted,

    // The people directory: the subject is the person's name as it was then.
    PersonAdded,
    PersonChanged,
    PeopleMerged,
    PersonErased,

    // Invitations: the subject is a count (sent) or the person's name as it was then (sent again, withdrawn).
    InvitationsSent,
    InvitationSentAgain,
    InvitationWithdrawn,
    InvitationDeclined,

    /// <summary>The privacy notice changed: its subject is the new version number.</summary>
    PrivacyNoticeChanged,
}

/// <summary>One line of the activity log: when, who (as they were called then), what, about which event.</summary>
public class ActivityEntry
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    [Common.KeptAsRecord("who on the team did it: a team account, removed with the account, not a delegate")]
    public required string Actor { get; set; }
    public ActivityKind Kind { get; set; }
    public int? EventId { get; set; }

    /// <summary>The registration the line is about, when it is about one: its page shows its history from here.</summary>
    public int? RegistrationId { get; set; }

    /// <summary>The facts the line is written from (a count, a version number, an address), not prose: pages word it in the reader's language.</summary>
    public required string Subject { get; set; }
}
