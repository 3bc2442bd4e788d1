namespace EventManager.Core.Data;

/// <summary>
/// A team member's role at one event and every event inside it (a grant on the week covers its dialogue and forum).
/// A role for the whole instance is the account's own role; a member may have that, grants, or both.
/// </summary>
public class EventTeamGrant
{
    public int Id { get; set; }

    [Common.NotPersonalData("the key of a team account; removed with the account")]
    public required string UserId { get; set; }

    public int EventId { get; set; }
    public Events.Event? Event { get; set; }

    /// <summary>One of <see cref="Roles.All"/>.</summary>
    [Common.NotPersonalData("a role name")]
    public required string Role { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>What one team member may do at one event.</summary>
public sealed record EventRoles(bool Organiser, bool Staff, bool Observer)
{
    public static readonly EventRoles None = new(false, false, false);

    /// <summary>May open the organisers' pages of the event (observers only look).</summary>
    public bool Reads => Organiser || Observer;

    /// <summary>May work at the desk: check delegates in, print badges and certificates.</summary>
    public bool Works => Organiser || Staff;

    public bool Any => Organiser || Staff || Observer;

    public EventRoles With(string role) => role switch
    {
        Roles.Organiser => this with { Organiser = true },
        Roles.Staff => this with { Staff = true },
        Roles.Observer => this with { Observer = true },
        _ => this,
    };
}
