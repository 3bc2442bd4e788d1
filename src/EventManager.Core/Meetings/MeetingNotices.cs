namespace EventManager.Core.Meetings;

/// <summary>What a delegation is told about a meeting request.</summary>
public enum MeetingNotice
{
    /// <summary>Another delegation asks to meet it.</summary>
    Requested,
    /// <summary>Its request was accepted (with the time, when the accepting side chose one).</summary>
    Accepted,
    Declined,
    /// <summary>The other side (or an organiser) withdrew the request or called the meeting off.</summary>
    Withdrawn,
    /// <summary>The published schedule gives the meeting a time and a table, or a new one.</summary>
    Scheduled,
    /// <summary>The published schedule no longer has a time for a meeting it had placed.</summary>
    Unscheduled,
}

/// <summary>
/// Tells a delegation's people (its confirmed delegates at the event, each in their language) what happened to a
/// meeting request. Messages join the unit of work of the change that caused them.
/// </summary>
public interface IMeetingNotifier
{
    /// <summary>Adds the messages for the delegation <paramref name="toDelegationId"/> to the unit of work; it does not save.</summary>
    Task AddAsync(MeetingNotice notice, MeetingRequest request, int toDelegationId, CancellationToken cancellationToken = default);
}
