using EventManager.Core.Ceremonies;
using EventManager.Core.Common;
using EventManager.Core.Data;
using EventManager.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Meetings;

/// <summary>
/// What came of a meeting, as either side (once it has begun) or an organiser (at any time) records it. "Agreement
/// proposed" drafts an agreement between the two institutions for the ceremony the organisers chose for meetings
/// (<see cref="MeetingSettings.AgreementCeremonyId"/>; none chosen: the event's first ceremony), once per meeting; the
/// organisers then give it its kind, title and signatories on the ceremony page.
/// </summary>
public sealed class MeetingOutcomes(EventManagerDbContext db, CeremonyService ceremonies, MeetingLock locks, TimeProvider time)
{
    public async Task<DomainResult<MeetingRequest>> RecordAsync(int eventId, int requestId, int? sideId, MeetingOutcome outcome, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(outcome))
        {
            return DomainResult<MeetingRequest>.Failure("outcome", "Choose what came of the meeting.");
        }

        var request = await db.MeetingRequests.Include(r => r.From!.Institution).Include(r => r.To!.Institution).Include(r => r.Agreement)
            .SingleOrDefaultAsync(r => r.Id == requestId && r.EventId == eventId, cancellationToken);
        if (request is not { Status: MeetingRequestStatus.Accepted } || (sideId is not null && sideId != request.FromId && sideId != request.ToId))
        {
            return DomainResult<MeetingRequest>.Failure("", "That meeting is not there.");
        }

        if (sideId is not null && !await HasBegunAsync(request, cancellationToken))
        {
            return DomainResult<MeetingRequest>.Failure("outcome", "You can say what came of the meeting once it has begun.");
        }

        request.Outcome = outcome;
        request.UpdatedAtUtc = time.GetUtcNow().UtcDateTime;
        if (outcome != MeetingOutcome.AgreementProposed || request.Agreement is { Status: not AgreementStatus.Withdrawn })
        {
            await db.SaveChangesAsync(cancellationToken);
            return DomainResult<MeetingRequest>.Success(request);
        }

        if (request.From!.Institution is not { } first || request.To!.Institution is not { } second)
        {
            return DomainResult<MeetingRequest>.Failure("outcome", "An agreement is between institutions, and one side of this meeting is a person meeting on their own behalf.");
        }

        var ceremony = await CeremonyAsync(eventId, cancellationToken);
        if (ceremony is null)
        {
            return DomainResult<MeetingRequest>.Failure("outcome", "The organisers have no signing ceremony for agreements yet; record a follow-up for now.");
        }

        var languages = await EventLanguages.OfEventAsync(db, ceremony.EventId, cancellationToken);
        var title = LocalText.From(languages.Select(l => (l, (string?)Shorten($"{first.NameFor(l)} – {second.NameFor(l)}"))).ToArray());
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var drafted = await ceremonies.SaveAsync(ceremony.Id, null,
            new AgreementInput(title, AgreementKind.MemorandumOfUnderstanding, 1, 1, [new AgreementPartyInput(first.Id, null, null), new AgreementPartyInput(second.Id, null, null)]),
            cancellationToken);
        if (!drafted.Succeeded)
        {
            db.ChangeTracker.Clear();
            return DomainResult<MeetingRequest>.Failure(drafted.Errors);
        }

        request.AgreementId = drafted.Value!.Id;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return DomainResult<MeetingRequest>.Success(request);
    }

    /// <summary>Organisers choose the ceremony proposed agreements are drafted for (null: the event's first).</summary>
    public async Task<DomainResult<MeetingSettings>> ChooseCeremonyAsync(int eventId, int? ceremonyId, CancellationToken cancellationToken = default)
    {
        if (ceremonyId is { } id && !(await ceremonies.CeremoniesAsync(eventId, cancellationToken)).Any(c => c.Id == id))
        {
            return DomainResult<MeetingSettings>.Failure("ceremonyId", "Choose one of this event's signing ceremonies.");
        }

        await locks.EnsureSettingsAsync(eventId, cancellationToken);
        await db.MeetingSettings.Where(s => s.EventId == eventId).ExecuteUpdateAsync(s => s.SetProperty(m => m.AgreementCeremonyId, ceremonyId), cancellationToken);
        return DomainResult<MeetingSettings>.Success(await locks.EnsureSettingsAsync(eventId, cancellationToken));
    }

    /// <summary>The ceremony proposed agreements go to: the organisers' choice, else the event's first not cancelled.</summary>
    public async Task<Agenda.Session?> CeremonyAsync(int eventId, CancellationToken cancellationToken = default)
    {
        var all = await ceremonies.CeremoniesAsync(eventId, cancellationToken);
        var chosen = await db.MeetingSettings.AsNoTracking().Where(s => s.EventId == eventId).Select(s => s.AgreementCeremonyId).SingleOrDefaultAsync(cancellationToken);
        return all.FirstOrDefault(c => c.Id == chosen) ?? all.FirstOrDefault(c => !c.IsCancelled);
    }

    /// <summary>Whether the meeting's time, as its sides were told it (the published place), has come.</summary>
    private async Task<bool> HasBegunAsync(MeetingRequest request, CancellationToken cancellationToken)
    {
        if (request is not { PublishedBlockId: { } blockId, PublishedSlot: { } slot })
        {
            return false;
        }

        var block = await db.MeetingBlocks.AsNoTracking().Include(b => b.Session).SingleAsync(b => b.Id == blockId, cancellationToken);
        return block.TimeOf(slot)?.Start <= time.GetUtcNow().UtcDateTime;
    }

    private static string Shorten(string title) => title.Length <= AgreementRules.TitleMaxLength ? title : title[..(AgreementRules.TitleMaxLength - 1)] + "…";
}
