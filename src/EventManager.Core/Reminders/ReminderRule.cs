namespace EventManager.Core.Reminders;

public enum ReminderAnchor
{
    EventStart = 0,
    EventEnd = 1,
    SessionStart = 2,
    SessionEnd = 3,
    SigningCeremonyStart = 4,

    /// <summary>Every day until the event ends, at <see cref="ReminderRule.OffsetMinutes"/> after midnight in the event's zone.</summary>
    DailyAt = 5,
}

public enum ReminderAudience
{
    ConfirmedDelegates = 0,
    SessionSpeakersAndChair = 1,
    SessionAttendees = 2,
    Organisers = 3,

    /// <summary>Each signatory of an agreement at the signing ceremony, with their places ({running_order}).</summary>
    CeremonySignatories = 4,
}

/// <summary>
/// "Send this, this long before or after that moment, to these people." Planning turns rules into message
/// rows in the outbox; the mail job sends them when they are due.
/// </summary>
public class ReminderRule
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public required string Name { get; set; }
    public ReminderAnchor Anchor { get; set; }

    /// <summary>Minutes from the anchor: negative is before it.</summary>
    public int OffsetMinutes { get; set; }

    public ReminderAudience Audience { get; set; }

    /// <summary>
    /// Placeholders: {name}, {event}, {session}, {start} (in the recipient's zone), {room}, {link}, and {digest}:
    /// the registrations of the 24 hours before the message goes out, written when it is sent.
    /// </summary>
    public required string Subject { get; set; }

    public required string Body { get; set; }
    public bool Enabled { get; set; } = true;
}
