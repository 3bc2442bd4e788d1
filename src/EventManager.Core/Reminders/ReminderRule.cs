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

    /// <summary>Once, at <see cref="ReminderRule.AtUtc"/>: a message organisers write to everyone ("the buses leave at 08:00").</summary>
    At = 6,

    /// <summary>The published time of each bilateral meeting; goes to <see cref="ReminderAudience.MeetingDelegations"/>.</summary>
    MeetingStart = 7,
}

public enum ReminderAudience
{
    ConfirmedDelegates = 0,
    SessionSpeakersAndChair = 1,
    SessionAttendees = 2,
    Organisers = 3,

    /// <summary>Each signatory of an agreement at the signing ceremony, with their places ({running_order}).</summary>
    CeremonySignatories = 4,

    /// <summary>People with an invitation still open (not answered, withdrawn or expired); {link} is their invitation's link.</summary>
    InvitedNoAnswer = 5,

    /// <summary>The confirmed delegates of both sides of a bilateral meeting, with its table and counterpart ({meeting}).</summary>
    MeetingDelegations = 6,
}

/// <summary>
/// "Send this, this long before or after that moment, to these people." Planning turns rules into message
/// rows in the outbox; the mail job sends them when they are due.
/// </summary>
public class ReminderRule
{
    public int Id { get; set; }
    public int EventId { get; set; }
    [Common.NotPersonalData("a rule's name, written by organisers")]
    public required string Name { get; set; }
    public ReminderAnchor Anchor { get; set; }

    /// <summary>Minutes from the anchor: negative is before it.</summary>
    public int OffsetMinutes { get; set; }

    /// <summary>The moment of a <see cref="ReminderAnchor.At"/> rule, in UTC.</summary>
    public DateTime? AtUtc { get; set; }

    public ReminderAudience Audience { get; set; }

    /// <summary>
    /// The message in the event's languages (the default first); a recipient gets the language they chose where
    /// both subject and body are written in it, else the default. Placeholders are in <see cref="ReminderTemplates.Placeholders"/>.
    /// </summary>
    public required Common.LocalText Subject { get; set; }

    [Common.MultiLine]
    [Common.NotPersonalData("a template organisers write; each recipient's text is in the outbox")]
    public required Common.LocalText Body { get; set; }
    public bool Enabled { get; set; } = true;

    /// <summary>The language a recipient who chose <paramref name="language"/> reads this message in.</summary>
    public string LanguageFor(string? language) => ReminderTemplates.LanguageFor(Subject, Body, language);
}
