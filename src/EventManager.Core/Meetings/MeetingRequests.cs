using EventManager.Core.Common;
using EventManager.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Meetings;

/// <summary>
/// Requests between delegations: one side asks with a reason, the other accepts or declines (or organisers do for
/// them, or create a meeting directly); the asking side may withdraw while it is open. A pair has at most one open or
/// accepted request at a time.
/// </summary>
public sealed class MeetingRequests(EventManagerDbContext db, MeetingLock locks, MeetingPlacing placing, IMeetingNotifier notifier, TimeProvider time)
{
    /// <summary>A delegation asks another to meet; <paramref name="byOrganiser"/> creates the meeting accepted at once.</summary>
    public async Task<DomainResult<MeetingRequest>> AskAsync(int eventId, int fromId, int toId, string? reason, bool byOrganiser = false, CancellationToken cancellationToken = default)
    {
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (reason is { Length: > MeetingRules.ReasonMaxLength })
        {
            return DomainResult<MeetingRequest>.Failure("reason", "Keep the reason to {0} characters.", MeetingRules.ReasonMaxLength);
        }

        if (fromId == toId)
        {
            return DomainResult<MeetingRequest>.Failure("toId", "A delegation cannot ask itself to meet.");
        }

        var sides = await db.MeetingDelegations.Where(d => d.EventId == eventId && (d.Id == fromId || d.Id == toId)).ToListAsync(cancellationToken);
        if (sides.Count != 2)
        {
            return DomainResult<MeetingRequest>.Failure("toId", "Choose a delegation of this event.");
        }

        var individuals = await db.MeetingSettings.AnyAsync(s => s.EventId == eventId && s.IndividualsMeet, cancellationToken);
        if (sides.Any(s => !s.TakesMeetings || (s.InstitutionId is null && !individuals && !byOrganiser)))
        {
            return DomainResult<MeetingRequest>.Failure("toId", "That delegation does not take meetings.");
        }

        var open = await db.MeetingRequests.AnyAsync(r => r.EventId == eventId
            && ((r.FromId == fromId && r.ToId == toId) || (r.FromId == toId && r.ToId == fromId))
            && (r.Status == MeetingRequestStatus.Requested || r.Status == MeetingRequestStatus.Accepted), cancellationToken);
        if (open)
        {
            return DomainResult<MeetingRequest>.Failure("toId", "These two already have a request or a meeting.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var request = new MeetingRequest
        {
            EventId = eventId, FromId = fromId, ToId = toId, Reason = reason, RequestedAtUtc = now, UpdatedAtUtc = now,
            Status = byOrganiser ? MeetingRequestStatus.Accepted : MeetingRequestStatus.Requested,
            AnsweredAtUtc = byOrganiser ? now : null,
        };
        db.MeetingRequests.Add(request);
        if (byOrganiser)
        {
            await notifier.AddAsync(MeetingNotice.Accepted, request, fromId, cancellationToken);
            await notifier.AddAsync(MeetingNotice.Accepted, request, toId, cancellationToken);
        }
        else
        {
            await notifier.AddAsync(MeetingNotice.Requested, request, toId, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return DomainResult<MeetingRequest>.Success(request);
    }

    /// <summary>
    /// The asked side (<paramref name="answeringId"/>; null: an organiser for them) accepts or declines an open request.
    /// Accepting may take a free slot at once (<paramref name="at"/>: a block and a slot of <see cref="MeetingPlacing.FreeSlotsAsync"/>);
    /// when that slot was taken meanwhile nothing is answered.
    /// </summary>
    public Task<DomainResult<MeetingRequest>> AnswerAsync(int eventId, int requestId, int? answeringId, bool accept, (int BlockId, int Slot)? at = null, CancellationToken cancellationToken = default) =>
        locks.UnderLockAsync(eventId, async _ =>
        {
            var request = await db.MeetingRequests.SingleOrDefaultAsync(r => r.Id == requestId && r.EventId == eventId, cancellationToken);
            if (request is null || (answeringId is not null && request.ToId != answeringId))
            {
                return DomainResult<MeetingRequest>.Failure("", "That request is not there to answer.");
            }

            if (request.Status != MeetingRequestStatus.Requested)
            {
                return DomainResult<MeetingRequest>.Failure("", "That request has already been answered.");
            }

            request.Status = accept ? MeetingRequestStatus.Accepted : MeetingRequestStatus.Declined;
            request.AnsweredAtUtc = request.UpdatedAtUtc = time.GetUtcNow().UtcDateTime;
            if (accept && at is { } place && await placing.TakeAsync(request, place.BlockId, place.Slot, cancellationToken) is { Succeeded: false } taken)
            {
                return taken;
            }

            var notice = accept ? MeetingNotice.Accepted : MeetingNotice.Declined;
            await notifier.AddAsync(notice, request, request.FromId, cancellationToken);
            if (answeringId is null)
            {
                await notifier.AddAsync(notice, request, request.ToId, cancellationToken);
            }

            return DomainResult<MeetingRequest>.Success(request);
        }, cancellationToken);

    /// <summary>The asking side takes back a request not yet answered, or either side (or an organiser) calls off a meeting.</summary>
    public async Task<DomainResult<MeetingRequest>> WithdrawAsync(int eventId, int requestId, int? sideId, CancellationToken cancellationToken = default)
    {
        var request = await db.MeetingRequests.SingleOrDefaultAsync(r => r.Id == requestId && r.EventId == eventId, cancellationToken);
        var mine = request is not null && (sideId is null || request.FromId == sideId || (request.ToId == sideId && request.Status == MeetingRequestStatus.Accepted));
        if (request is null || !mine || request.Status is not (MeetingRequestStatus.Requested or MeetingRequestStatus.Accepted))
        {
            return DomainResult<MeetingRequest>.Failure("", "That request is not there to withdraw.");
        }

        if (request.PublishedBlockId is not null)
        {
            // Its reminders go with it.
            db.AfterCommit.ReplanReminders(eventId);
        }

        request.Status = MeetingRequestStatus.Withdrawn;
        request.ClearPlace(unpin: true);
        request.UpdatedAtUtc = time.GetUtcNow().UtcDateTime;
        foreach (var side in new[] { request.FromId, request.ToId }.Where(s => s != sideId))
        {
            await notifier.AddAsync(MeetingNotice.Withdrawn, request, side, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return DomainResult<MeetingRequest>.Success(request);
    }

    /// <summary>Organisers mark a request to be placed before others when not all fit.</summary>
    public async Task<bool> SetPriorityAsync(int eventId, int requestId, bool priority, CancellationToken cancellationToken = default) =>
        await db.MeetingRequests.Where(r => r.Id == requestId && r.EventId == eventId)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Priority, priority).SetProperty(r => r.UpdatedAtUtc, time.GetUtcNow().UtcDateTime), cancellationToken) == 1;
}
