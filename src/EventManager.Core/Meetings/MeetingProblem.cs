using EventManager.Core.Common;

namespace EventManager.Core.Meetings;

/// <summary>
/// One slot of a meeting block: a time at which every table of the block can hold one meeting. The scheduler
/// numbers slots by their place in <see cref="MeetingProblem.Slots"/>.
/// </summary>
public sealed record MeetingSlot(int Block, DateTime StartsAtUtc, DateTime EndsAtUtc, int Tables);

/// <summary>
/// A side that meets: an institution's delegation or one person. <see cref="People"/> are who sits at the table (two
/// parties sharing a person can never meet at the same time); <see cref="BusySlots"/> are the slots in which it cannot
/// meet (not available in that block, or one of its people has a duty or a session they will attend).
/// </summary>
public sealed record MeetingParty(int Id, string Name, IReadOnlySet<string> Languages, IReadOnlySet<int> BusySlots)
{
    public IReadOnlySet<int> People { get; init; } = new HashSet<int>();
}

/// <summary>An interpreter: the language pairs they interpret (either way) and the slots in which they are busy.</summary>
public sealed record MeetingInterpreter(int Id, string Name, IReadOnlyList<LanguagePair> Pairs, IReadOnlySet<int> BusySlots)
{
    public bool Covers(IReadOnlySet<string> a, IReadOnlySet<string> b) =>
        Pairs.Any(p => (a.Contains(p.First) && b.Contains(p.Second)) || (a.Contains(p.Second) && b.Contains(p.First)));
}

/// <summary>Two languages an interpreter works between, in either direction; written "zh–kk".</summary>
public sealed record LanguagePair(string First, string Second)
{
    public override string ToString() => $"{First}–{Second}";
}

/// <summary>Where a meeting is: a slot, a table (1 to the block's table count), and the interpreter when one is needed.</summary>
public sealed record MeetingPlace(int Slot, int Table, int? InterpreterId);

/// <summary>
/// An accepted request to place. <see cref="Order"/> is its place in the order requests were made (earlier first);
/// <see cref="Pinned"/> is where an organiser fixed it; <see cref="Published"/> is where the published schedule has it,
/// which a re-run keeps unless moving it places more meetings.
/// </summary>
public sealed record MeetingToPlace(int Id, int PartyA, int PartyB, int Order)
{
    public bool Priority { get; init; }
    public MeetingPlace? Pinned { get; init; }
    public MeetingPlace? Published { get; init; }
}

/// <summary>
/// Everything the scheduler needs, as plain values: no database, so it can be tested against brute force and measured
/// alone. <see cref="MaxPerBlock"/> is a delegation's most meetings in one block, keyed by block (absent: no limit).
/// </summary>
public sealed record MeetingProblem(
    IReadOnlyList<MeetingSlot> Slots,
    IReadOnlyList<MeetingParty> Parties,
    IReadOnlyList<MeetingInterpreter> Interpreters,
    IReadOnlyList<MeetingToPlace> Requests)
{
    public IReadOnlyDictionary<int, int> MaxPerBlock { get; init; } = new Dictionary<int, int>();
}

/// <summary>A placed meeting; <see cref="Moved"/> when the published schedule had it elsewhere (its people are told).</summary>
public sealed record ScheduledMeeting(int RequestId, MeetingPlace Place, bool Moved);

/// <summary>A request the schedule could not hold, and why, as a message the web layer translates.</summary>
public sealed record UnplacedMeeting(int RequestId, DomainError Reason, bool WasPublished);

/// <summary>
/// What a run found: the meetings placed, those it could not place with their reasons, whether the solver proved the
/// schedule the best possible (<see cref="Optimal"/>) or stopped at its limit with the best it had, and how long it took.
/// </summary>
public sealed record MeetingSchedule(IReadOnlyList<ScheduledMeeting> Meetings, IReadOnlyList<UnplacedMeeting> Unplaced, bool Optimal, TimeSpan SolveTime)
{
    /// <summary>Pins that could not be kept (a pin's side became busy, or two pins clash): their meetings were placed freely.</summary>
    public IReadOnlyList<int> PinsDropped { get; init; } = [];

    /// <summary>The most meetings the solver proved any schedule could hold (priority meetings counted twice).</summary>
    public int? ProvenMost { get; init; }

    public int Moved => Meetings.Count(m => m.Moved) + Unplaced.Count(u => u.WasPublished);
}
