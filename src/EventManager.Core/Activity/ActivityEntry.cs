namespace EventManager.Core.Activity;

/// <summary>What an organiser or staff member did that others may later ask about ("who erased these?").</summary>
public enum ActivityKind
{
    RegistrationsApproved,
    RegistrationsDeclined,
    PersonalDataErased,
    AgendaPublished,
    CertificateRevoked,
    ColleagueInvited,
    RoleChanged,
    AccessRemoved,
    AccessRestored,
    TwoFactorRequired,
    TwoFactorOptional,
}

/// <summary>One line of the activity log: when, who (as they were called then), what, about which event.</summary>
public class ActivityEntry
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    public required string Actor { get; set; }
    public ActivityKind Kind { get; set; }
    public int? EventId { get; set; }

    /// <summary>The facts the line is written from (a count, a version number, an address), not prose: pages word it in the reader's language.</summary>
    public required string Subject { get; set; }
}
