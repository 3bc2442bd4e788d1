using EventManager.Core.Common;
using EventManager.Core.Delegates;
using EventManager.Core.Events;
using EventManager.Core.Registrations;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Invitations;

public enum InvitationKind
{
    /// <summary>The person registers themselves, alone.</summary>
    Personal = 0,

    /// <summary>The person is their institution's contact: they register themselves and nominate the rest of its delegation.</summary>
    Delegation = 1,
}

public enum InvitationStatus
{
    /// <summary>Sent, not answered yet (it may have expired since: see <see cref="Invitation.StateAt"/>).</summary>
    Sent = 0,
    Registered = 1,
    Declined = 2,
    Withdrawn = 3,
}

/// <summary>Where an invitation stands at a moment: its status, with "expired" for one never answered in time.</summary>
public enum InvitationState
{
    Open,
    Registered,
    Declined,
    Withdrawn,
    Expired,
}

/// <summary>
/// A personal link (/i/{token}) that opens the registration form prefilled and bound to one person of the directory:
/// a rector the organisers want at the dialogue, or an institution's contact who registers its delegation. It can be
/// sent again and withdrawn, and it expires when registration closes (or at its own answer-by time, if earlier).
/// </summary>
public class Invitation
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public Event? Event { get; set; }

    public int PersonId { get; set; }
    public Delegate? Person { get; set; }

    public InvitationKind Kind { get; set; }
    public InvitationStatus Status { get; set; }

    /// <summary>256 random bits, base64url: whoever holds the link may register as the person or decline for them.</summary>
    [NotPersonalData("a random secret")]
    public required string Token { get; set; }

    /// <summary>An answer-by time the organisers set (UTC); the invitation also expires when registration closes.</summary>
    public DateTime? ExpiresAtUtc { get; set; }

    public DateTime CreatedAtUtc { get; set; }
    public DateTime LastSentAtUtc { get; set; }
    public int TimesSent { get; set; }
    public DateTime? AnsweredAtUtc { get; set; }

    /// <summary>The registration made through the link.</summary>
    public int? RegistrationId { get; set; }
    public Registration? Registration { get; set; }

    /// <summary>What the person wrote when declining, if anything.</summary>
    [MultiLine]
    [ErasedBy(typeof(InvitationEraser))]
    public string? DeclineReason { get; set; }

    /// <summary>
    /// The moment the link stops working: the answer-by time, the close of registration or the end of the event,
    /// whichever comes first.
    /// </summary>
    public DateTime ExpiryUtc(RegistrationPolicy? policy, DateTime eventEndsAtUtc) =>
        new[] { ExpiresAtUtc, policy?.ClosesAtUtc, eventEndsAtUtc }.OfType<DateTime>().Min();

    public InvitationState StateAt(DateTime utc, RegistrationPolicy? policy, DateTime eventEndsAtUtc) => Status switch
    {
        InvitationStatus.Registered => InvitationState.Registered,
        InvitationStatus.Declined => InvitationState.Declined,
        InvitationStatus.Withdrawn => InvitationState.Withdrawn,
        _ when utc >= ExpiryUtc(policy, eventEndsAtUtc) => InvitationState.Expired,
        _ => InvitationState.Open,
    };
}

public enum InvitationNotice
{
    Invited,
    SentAgain,
}

/// <summary>Writes the invitation message, in the person's language; added to the unit of work, not saved.</summary>
public interface IInvitationNotifier
{
    Task AddAsync(InvitationNotice notice, IReadOnlyList<Invitation> invitations, CancellationToken cancellationToken = default);
}

/// <summary>
/// Invitations of an erased event or of erased registrations go (with the reasons people gave for declining);
/// those of a person erased from the directory go with the person (the foreign key cascades).
/// </summary>
public sealed class InvitationEraser : IPersonalDataEraser
{
    public Task EraseAsync(Data.EventManagerDbContext db, ErasureScope scope, CancellationToken cancellationToken) =>
        db.Invitations.Where(i => i.EventId == scope.EventId
                && (scope.Everyone || (i.RegistrationId != null && scope.RegistrationIds.Contains(i.RegistrationId.Value))))
            .ExecuteDeleteAsync(cancellationToken);
}
