using EventManager.Core.Common;
using EventManager.Core.Events;

namespace EventManager.Core.Agenda;

public enum SessionKind
{
    Plenary = 0,
    Panel = 1,
    DialogueRound = 2,
    SigningCeremony = 3,
    Break = 4,
    Visit = 5,

    /// <summary>A block of bilateral meetings at numbered tables (<see cref="Meetings.MeetingBlock"/>), one item on the agenda.</summary>
    BilateralMeetings = 6,
}

public enum SessionRole
{
    Chair = 0,
    Speaker = 1,
}

/// <summary>A room of the venue. Rooms belong to the outermost event, so every event held inside it shares them.</summary>
public class Room
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public Event? Event { get; set; }
    [Common.NotPersonalData("a room's name")]
    public required LocalText Name { get; set; }
    public LocalText? Venue { get; set; }
    public int? Capacity { get; set; }
    public int SortOrder { get; set; }
}

/// <summary>An agenda item as organisers edit it (the draft); the public sees the last published version.</summary>
public class Session
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public Event? Event { get; set; }

    /// <summary>Stays the same for the session's whole life: the iCalendar UID.</summary>
    public Guid Uid { get; set; }

    [Common.NotPersonalData("a session's title")]
    public required LocalText Title { get; set; }
    [Common.MultiLine]
    public LocalText? Description { get; set; }
    public SessionKind Kind { get; set; }
    public DateTime StartsAtUtc { get; set; }
    public DateTime EndsAtUtc { get; set; }
    public int? RoomId { get; set; }
    public Room? Room { get; set; }
    public int? ExpectedAttendance { get; set; }

    /// <summary>Spoken language (BCP 47), e.g. zh-CN.</summary>
    [Common.NotPersonalData("the language a session is held in")]
    public string? Language { get; set; }

    /// <summary>Interpretation offered, e.g. "Chinese ↔ Kazakh, English".</summary>
    public string? Interpretation { get; set; }

    public bool IsCancelled { get; set; }

    /// <summary>
    /// For a signing ceremony: staff may print certificates of agreements that are ready, before they are signed (to
    /// hand them over at the table). Such a certificate reads "to be signed at …" and verifies as not yet signed until
    /// the agreement is marked signed. Otherwise only signed agreements are printed.
    /// </summary>
    public bool CertificatesBeforeSigning { get; set; }
    public List<SessionPerson> People { get; set; } = [];
    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>A delegate who chairs or speaks at a session.</summary>
public class SessionPerson
{
    public int SessionId { get; set; }
    public Session? Session { get; set; }
    public int DelegateId { get; set; }
    public Delegate? Delegate { get; set; }
    public SessionRole Role { get; set; }
}

/// <summary>A numbered, published agenda: what the public and the calendar feeds show until the next one.</summary>
public class AgendaVersion
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public int Number { get; set; }
    public DateTime PublishedAtUtc { get; set; }

    /// <summary>The published sessions, as JSON (<see cref="PublishedAgenda"/>): one read serves a whole page.</summary>
    [Common.MultiLine]
    [Common.KeptAsRecord("the published agenda: its speakers and chairs are part of the record")]
    public required string Snapshot { get; set; }

    /// <summary>What changed since the version before, as JSON (<see cref="AgendaChange"/> list).</summary>
    [Common.MultiLine]
    public required string Changes { get; set; }
}

/// <summary>A session a delegate chose to attend, for their personal agenda.</summary>
public class SessionChoice
{
    public int RegistrationId { get; set; }
    public Guid SessionUid { get; set; }
}
