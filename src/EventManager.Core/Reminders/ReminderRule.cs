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

    /// <summary>The moment of a <see cref="ReminderAnchor.At"/> rule, in UTC.</summary>
    public DateTime? AtUtc { get; set; }

    public ReminderAudience Audience { get; set; }

    /// <summary>
    /// The English message, and the one anyone gets whose language has no translation. Placeholders are in
    /// <see cref="ReminderTemplates.Placeholders"/>.
    /// </summary>
    public required string Subject { get; set; }

    public required string Body { get; set; }
    public bool Enabled { get; set; } = true;

    /// <summary>The same message in other languages; a recipient gets the one for the language they chose.</summary>
    public List<ReminderTranslation> Translations { get; set; } = [];
}

/// <summary>A rule's subject and body in one language (a BCP 47 tag from the registration form's list).</summary>
public class ReminderTranslation
{
    public int Id { get; set; }
    public int ReminderRuleId { get; set; }
    public required string Language { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
}
