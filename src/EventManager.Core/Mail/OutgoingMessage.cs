namespace EventManager.Core.Mail;

public enum MessageStatus
{
    /// <summary>Waiting until it is due, or for its next attempt.</summary>
    Pending = 0,
    /// <summary>Accepted by the mail server (or written to the drop folder).</summary>
    Sent = 1,
    /// <summary>Gave up after the set number of attempts; an organiser can try again.</summary>
    Failed = 2,
    /// <summary>Never sent on purpose (<see cref="NotSent"/> says why): planned too late, or nothing to say.</summary>
    Skipped = 3,
    /// <summary>
    /// Held after a restore: it was waiting when the backup was taken and may have been sent since from the original.
    /// An organiser sends the held ones or drops them, in one decision.
    /// </summary>
    Held = 4,
}

/// <summary>Why a message was not sent on purpose, as recorded in its LastError (and translated where shown).</summary>
public static class NotSent
{
    public const string TooLate = "Planned after its moment had passed; not sent.";
    public const string NothingNew = "Nothing new to report; not sent.";
    public const string DroppedAfterRestore = "Waiting when the restored backup was taken; dropped so as not to send it twice.";
}

/// <summary>
/// A message owed to someone. The row is the truth: it is written first, in the sender's transaction where
/// there is one, and the mail job only carries out what the rows say.
/// </summary>
public class OutgoingMessage
{
    public long Id { get; set; }

    /// <summary>Says what the message is about, so the same one is never queued twice.</summary>
    public required string DeduplicationKey { get; set; }

    public required string Kind { get; set; }
    public int? EventId { get; set; }

    /// <summary>The reminder rule that planned it, if one did: the messages page folds a rule's future messages into one line.</summary>
    public int? ReminderRuleId { get; set; }
    [Common.ErasedBy(typeof(Registrations.RegistrationEraser))]
    public required string RecipientEmail { get; set; }
    [Common.ErasedBy(typeof(Registrations.RegistrationEraser))]
    public string? RecipientName { get; set; }
    public required string Subject { get; set; }
    [Common.MultiLine]
    [Common.ErasedBy(typeof(Registrations.RegistrationEraser))]
    public required string TextBody { get; set; }
    [Common.MultiLine]
    [Common.ErasedBy(typeof(Registrations.RegistrationEraser))]
    public string? HtmlBody { get; set; }
    /// <summary>The language the message is written in ("zh-CN"): the HTML part says so, for screen readers and mail clients.</summary>
    [Common.NotPersonalData("a language code")]
    public string? Language { get; set; }
    public List<MessageAttachment> Attachments { get; set; } = [];

    public DateTime CreatedAtUtc { get; set; }
    public DateTime DueAtUtc { get; set; }
    public MessageStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime? NextAttemptAtUtc { get; set; }
    [Common.MultiLine]
    [Common.ErasedBy(typeof(Registrations.RegistrationEraser))]
    public string? LastError { get; set; }
    public DateTime? SentAtUtc { get; set; }

    /// <summary>Which sender holds the message, and until when: two app instances never send the same one.</summary>
    [Common.NotPersonalData("the app instance sending it")]
    public string? ClaimedBy { get; set; }
    public DateTime? ClaimedUntilUtc { get; set; }
}

public class MessageAttachment
{
    public long Id { get; set; }
    public long OutgoingMessageId { get; set; }
    [Common.ErasedBy(typeof(Registrations.RegistrationEraser))]
    public required string FileName { get; set; }
    [Common.NotPersonalData("a file type")]
    public required string ContentType { get; set; }
    [Common.ErasedBy(typeof(Registrations.RegistrationEraser))]
    public required byte[] Content { get; set; }
}
