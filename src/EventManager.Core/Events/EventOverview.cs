using EventManager.Core.Agenda;
using EventManager.Core.Ceremonies;
using EventManager.Core.Data;
using EventManager.Core.Mail;
using EventManager.Core.Registrations;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Events;

/// <summary>An event's places at a glance: the event list shows one per event.</summary>
public sealed record EventHeadline(int Confirmed, int? Capacity, int Waiting, int Pending, bool Open);

/// <summary>Where an event's signing ceremonies stand (its own and those of the events inside it).</summary>
public sealed record CeremonyReadiness(int Ceremonies, int Draft, int Ready, int Signed, int Flagged, int CertificatesPrinted);

/// <summary>Bilateral meetings at a glance: blocks, requests waiting for an answer, accepted, given a time, and left out by the scheduler.</summary>
public sealed record MeetingFigures(int Blocks, int Requested, int Accepted, int Scheduled, int Unplaceable);

/// <summary>Everything the event's home page counts; each figure has a filtered list behind it.</summary>
public sealed record EventFigures(
    Event Event,
    EventHeadline Places,
    int CheckedInToday,
    int? AgendaVersion,
    int Sessions,
    int UnpublishedChanges,
    int Clashes,
    int Warnings,
    CeremonyReadiness Ceremonies,
    int MessagesDue,
    int MessagesPlanned,
    int MessagesFailed,
    int ProposedInstitutions,
    IReadOnlyList<Event> Inside,
    IReadOnlyList<Invitations.InstitutionResponse> Responses,
    IReadOnlyList<(Agreement Agreement, IReadOnlyList<Common.DomainError> Problems)> Waiting,
    MeetingFigures Meetings);

/// <summary>
/// The organiser's view of an event at a glance. Every figure is a count the database makes (grouped queries, no rows
/// loaded per registration or message), so the page costs the same few queries for ten delegates or ten thousand.
/// </summary>
public sealed class EventOverview(EventManagerDbContext db, TimeProvider time, AgendaDrafts drafts, AgendaPublishing publishing, CeremonyService ceremonyService, Invitations.InvitationService invitations)
{
    /// <summary>How many flagged agreements the home lists by name; the ceremony pages have them all.</summary>
    public const int WaitingShown = 10;

    /// <summary>The headline of every event, in two queries.</summary>
    public async Task<IReadOnlyDictionary<int, EventHeadline>> HeadlinesAsync(CancellationToken cancellationToken = default)
    {
        var counts = await db.Registrations.GroupBy(r => new { r.EventId, r.Status }).Select(g => new { g.Key.EventId, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var policies = await db.RegistrationPolicies.AsNoTracking().ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        return counts.Select(c => c.EventId).Concat(policies.Select(p => p.EventId)).Distinct().ToDictionary(id => id, id =>
        {
            int Count(RegistrationStatus s) => counts.Where(c => c.EventId == id && c.Status == s).Sum(c => c.Count);
            var policy = policies.FirstOrDefault(p => p.EventId == id);
            return new EventHeadline(Count(RegistrationStatus.Confirmed), policy?.Capacity, Count(RegistrationStatus.Waitlisted), Count(RegistrationStatus.Pending), policy?.IsOpenAt(now) == true);
        });
    }

    public async Task<EventFigures?> FiguresAsync(int eventId, CancellationToken cancellationToken = default)
    {
        var draft = await drafts.DraftAsync(eventId, cancellationToken);
        if (draft is null)
        {
            return null;
        }

        var ev = draft.Event;
        var now = time.GetUtcNow().UtcDateTime;
        var statuses = await db.Registrations.Where(r => r.EventId == eventId).GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var policy = await db.RegistrationPolicies.AsNoTracking().SingleOrDefaultAsync(p => p.EventId == eventId, cancellationToken);
        var places = new EventHeadline(statuses.GetValueOrDefault(RegistrationStatus.Confirmed), policy?.Capacity,
            statuses.GetValueOrDefault(RegistrationStatus.Waitlisted), statuses.GetValueOrDefault(RegistrationStatus.Pending), policy?.IsOpenAt(now) == true);

        // "Today" is the event's day: the desk in Guiyang counts from local midnight.
        var zone = EventTime.FindZone(ev.TimeZoneId);
        var today = EventTime.ToLocal(now, zone).Date;
        var from = EventTime.TryToUtc(today, zone, out var start) ? start : now.AddDays(-1);
        var checkedIn = await db.Registrations.CountAsync(r => r.EventId == eventId && r.CheckedInAtUtc >= from && r.CheckedInAtUtc <= now, cancellationToken);

        var changes = await publishing.PendingChangesAsync(draft, cancellationToken);
        var issues = draft.Issues;

        var ceremonies = db.Sessions.Where(s => s.Kind == SessionKind.SigningCeremony && (s.EventId == eventId || s.Event!.ParentEventId == eventId));
        var agreements = db.Agreements.Where(a => ceremonies.Any(s => s.Id == a.SessionId));
        var byStatus = await agreements.GroupBy(a => a.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var flagged = await agreements.CountAsync(CeremonyService.IsFlagged, cancellationToken);
        var printed = await db.Certificates.CountAsync(c => agreements.Any(a => a.Id == c.AgreementId) && c.Prints.Any(), cancellationToken);
        // The ceremonies and the bilateral meetings counted in one round trip.
        var counts = await db.Events.Where(e => e.Id == eventId).Select(e => new
        {
            Ceremonies = ceremonies.Count(),
            Blocks = db.MeetingBlocks.Count(b => b.EventId == eventId),
            Requested = db.MeetingRequests.Count(r => r.EventId == eventId && r.Status == Meetings.MeetingRequestStatus.Requested),
            Accepted = db.MeetingRequests.Count(r => r.EventId == eventId && r.Status == Meetings.MeetingRequestStatus.Accepted),
            Scheduled = db.MeetingRequests.Count(r => r.EventId == eventId && r.Status == Meetings.MeetingRequestStatus.Accepted && r.BlockId != null),
            Unplaceable = db.MeetingRequests.Count(r => r.EventId == eventId && r.Status == Meetings.MeetingRequestStatus.Accepted && r.Unplaced != null),
        }).SingleAsync(cancellationToken);
        var meetingFigures = new MeetingFigures(counts.Blocks, counts.Requested, counts.Accepted, counts.Scheduled, counts.Unplaceable);
        var readiness = new CeremonyReadiness(counts.Ceremonies, byStatus.GetValueOrDefault(AgreementStatus.Draft),
            byStatus.GetValueOrDefault(AgreementStatus.Ready), byStatus.GetValueOrDefault(AgreementStatus.Signed), flagged, printed);

        // One pass over the event's waiting and failed rows in the (EventId, Status, DueAtUtc) index, counted without
        // sorting: an event with 200,000 planned reminders is counted in milliseconds, not grouped.
        var messages = await db.OutgoingMessages.Where(m => m.EventId == eventId && (m.Status == MessageStatus.Pending || m.Status == MessageStatus.Failed))
            .GroupBy(m => 1).Select(g => new
            {
                Due = g.Count(m => m.Status == MessageStatus.Pending && m.DueAtUtc <= now),
                Planned = g.Count(m => m.Status == MessageStatus.Pending && m.DueAtUtc > now),
                Failed = g.Count(m => m.Status == MessageStatus.Failed),
            })
            .SingleOrDefaultAsync(cancellationToken);
        var proposed = await db.Registrations.Where(r => r.EventId == eventId && r.InstitutionId == null && r.ProposedInstitutionName != null)
            .Select(r => new { r.ProposedInstitutionName, r.CountryCode }).Distinct().CountAsync(cancellationToken);
        var inside = await db.Events.AsNoTracking().Where(e => e.ParentEventId == eventId).OrderBy(e => e.StartsAtUtc).ToListAsync(cancellationToken);

        return new EventFigures(ev, places, checkedIn, draft.Latest?.Number, draft.Sessions.Count, changes.Count,
            issues.Count(i => i.Severity == IssueSeverity.Error), issues.Count(i => i.Severity == IssueSeverity.Warning), readiness,
            messages?.Due ?? 0,
            messages?.Planned ?? 0,
            messages?.Failed ?? 0,
            proposed, inside, await invitations.ResponsesAsync(ev, policy, cancellationToken),
            readiness.Flagged == 0 ? [] : await ceremonyService.WaitingAsync(eventId, WaitingShown, cancellationToken),
            meetingFigures);
    }
}
