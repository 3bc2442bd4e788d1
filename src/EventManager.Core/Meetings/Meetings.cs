using EventManager.Core.Agenda;
using EventManager.Core.Ceremonies;
using EventManager.Core.Common;
using EventManager.Core.Delegates;
using EventManager.Core.Events;
using EventManager.Core.Institutions;

namespace EventManager.Core.Meetings;

/// <summary>
/// Bilateral meetings in one agenda session: its span cut into slots of <see cref="SlotMinutes"/>, each slot with
/// <see cref="Tables"/> numbered tables. The public agenda shows the session as one item.
/// </summary>
public class MeetingBlock
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public Event? Event { get; set; }
    public int SessionId { get; set; }
    public Session? Session { get; set; }
    public int SlotMinutes { get; set; } = 20;
    public int Tables { get; set; } = 10;

    /// <summary>The most meetings one delegation may have in this block; null: as many as there are slots.</summary>
    public int? MaxPerDelegation { get; set; }

    public static readonly int[] SlotLengths = [15, 20, 30];

    /// <summary>The block's slots in order (its <see cref="Session"/> loaded).</summary>
    public IReadOnlyList<(DateTime Start, DateTime End)> Slots => SlotsOf(Session!.StartsAtUtc, Session.EndsAtUtc, SlotMinutes);

    /// <summary>When one of its slots is (its <see cref="Session"/> loaded); null for a slot the block does not have.</summary>
    public (DateTime Start, DateTime End)? TimeOf(int slot) => Slots is var slots && slot >= 0 && slot < slots.Count ? slots[slot] : null;

    /// <summary>The block's slots, in order: whole slots of its length from the session's start to its end.</summary>
    public static IReadOnlyList<(DateTime Start, DateTime End)> SlotsOf(DateTime startsAtUtc, DateTime endsAtUtc, int slotMinutes)
    {
        var slots = new List<(DateTime, DateTime)>();
        for (var start = startsAtUtc; start.AddMinutes(slotMinutes) <= endsAtUtc; start = start.AddMinutes(slotMinutes))
        {
            slots.Add((start, start.AddMinutes(slotMinutes)));
        }

        return slots;
    }
}

/// <summary>A field of cooperation organisers list for an event (joint research, student exchange…), in its languages.</summary>
public class MeetingInterest
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public Event? Event { get; set; }
    [NotPersonalData("a field of cooperation")]
    public required LocalText Name { get; set; }
    public int SortOrder { get; set; }
}

/// <summary>
/// A side that meets at an event: an institution's delegation (its confirmed or invited people there), or one person
/// where organisers allow individual meetings. Says whether it takes meetings, what it wants to talk about, the
/// languages it can meet in, and the blocks it cannot come to.
/// </summary>
public class MeetingDelegation
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public Event? Event { get; set; }
    public int? InstitutionId { get; set; }
    public Institution? Institution { get; set; }

    /// <summary>Set for a person meeting on their own behalf (then <see cref="InstitutionId"/> is null).</summary>
    public int? PersonId { get; set; }
    public Delegate? Person { get; set; }

    public bool TakesMeetings { get; set; } = true;

    /// <summary>Ids of <see cref="MeetingInterest"/>s, space-separated.</summary>
    public string? Interests { get; set; }

    /// <summary>Languages the delegation can meet in, space-separated ("zh en"); none: taken from its people.</summary>
    [NotPersonalData("the languages an institution's delegation meets in")]
    public string? Languages { get; set; }

    /// <summary>Ids of the <see cref="MeetingBlock"/>s it cannot come to, space-separated.</summary>
    public string? UnavailableBlocks { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>The name a reader of this language reads (the institution, or the person meeting alone); both must be loaded.</summary>
    public string NameFor(string language) => Institution?.NameFor(language) ?? Person?.LatinName ?? "";
}

/// <summary>Where a request stands between the two sides.</summary>
public enum MeetingRequestStatus
{
    Requested = 0,
    Accepted = 1,
    Declined = 2,
    Withdrawn = 3,
}

/// <summary>What came of a meeting, as either side or an organiser records it.</summary>
public enum MeetingOutcome
{
    None = 0,
    FollowUp = 1,
    AgreementProposed = 2,
}

/// <summary>
/// One delegation asks another to meet. Once accepted it is placed (a block, a slot, a table, and an interpreter where
/// the two share no language) by the accepting side or by the scheduler; what the published schedule said is kept
/// beside it, so a re-run knows what it moves and who to tell.
/// </summary>
public class MeetingRequest
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public Event? Event { get; set; }
    public int FromId { get; set; }
    public MeetingDelegation? From { get; set; }
    public int ToId { get; set; }
    public MeetingDelegation? To { get; set; }

    /// <summary>Why the asking side wants to meet, in a sentence or two.</summary>
    [NotPersonalData("why two institutions want to meet, written for the other side and the organisers")]
    public string? Reason { get; set; }

    public MeetingRequestStatus Status { get; set; }
    public DateTime RequestedAtUtc { get; set; }
    public DateTime? AnsweredAtUtc { get; set; }

    /// <summary>Marked by organisers: placed before others when not all fit.</summary>
    public bool Priority { get; set; }

    public int? BlockId { get; set; }
    public MeetingBlock? Block { get; set; }

    /// <summary>The slot's number within the block, from 0.</summary>
    public int? Slot { get; set; }
    public int? Table { get; set; }
    public int? InterpreterId { get; set; }
    public Interpreter? Interpreter { get; set; }

    /// <summary>Fixed by an organiser: the scheduler keeps it where it is.</summary>
    public bool Pinned { get; set; }

    /// <summary>Where the last published schedule had it (its people were told that); null until published.</summary>
    public int? PublishedBlockId { get; set; }
    public int? PublishedSlot { get; set; }
    public int? PublishedTable { get; set; }
    public int? PublishedInterpreterId { get; set; }

    /// <summary>Why the last scheduler run could not place it: a message key and its arguments (joined by U+001F).</summary>
    public string? Unplaced { get; set; }
    public string? UnplacedArguments { get; set; }

    public MeetingOutcome Outcome { get; set; }
    public int? AgreementId { get; set; }
    public Agreement? Agreement { get; set; }
    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>Takes the meeting out of the schedule; its published place stays, so a re-publish knows it moved.</summary>
    public void ClearPlace(bool unpin)
    {
        (BlockId, Slot, Table, InterpreterId) = (null, null, null, null);
        Pinned = Pinned && !unpin;
    }
}

/// <summary>
/// An interpreter at an event: a person, the language pairs they interpret (either way, "zh-kk zh-ru"), and the blocks
/// they cannot work in. Each serves one meeting at a time.
/// </summary>
public class Interpreter
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public Event? Event { get; set; }
    public int PersonId { get; set; }
    public Delegate? Person { get; set; }
    public required string Pairs { get; set; }
    public string? UnavailableBlocks { get; set; }
}

/// <summary>
/// An event's meeting settings, one row per event: the signing ceremony for which "agreement proposed" drafts an
/// agreement (null: the event's first ceremony). Its <see cref="Version"/> is the lock row of the event's meeting
/// places: every change that takes a slot and a table first updates it, so two sides accepting at once cannot take
/// the same table or the same delegation twice (as the registration policy row does for places).
/// </summary>
public class MeetingSettings
{
    public int EventId { get; set; }
    public Event? Event { get; set; }
    public int? AgreementCeremonyId { get; set; }
    public Session? AgreementCeremony { get; set; }

    /// <summary>Whether confirmed delegates who come for no institution may meet on their own behalf.</summary>
    public bool IndividualsMeet { get; set; }

    public int Version { get; set; }
}
