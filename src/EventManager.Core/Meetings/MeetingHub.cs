using EventManager.Core.Data;
using EventManager.Core.Registrations;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Meetings;

/// <summary>A request as one side sees it: the other side's name and country.</summary>
/// <param name="Free">For a request to this side: the slots it could take now, to accept at a time of its choosing.</param>
public sealed record HubRequest(MeetingRequest Request, string Counterpart, string Country, IReadOnlyList<FreeSlot>? Free = null);

/// <summary>A meeting as one side sees it: when, where, with whom, and who interprets.</summary>
/// <param name="Counterpart">The other side's name as the reader reads it.</param>
/// <param name="CounterpartOwn">Its name in its own script when that differs (贵州大学 beside Guizhou University), for printed schedules.</param>
/// <param name="Begun">Whether its time has come: then either side records what came of it.</param>
/// <param name="Cancelled">Called off after it was given a time (calendars remove it).</param>
public sealed record HubMeeting(int RequestId, string Counterpart, DateTime? StartsAtUtc, DateTime? EndsAtUtc, int? Table, string? Interpreter, bool Begun, MeetingOutcome Outcome,
    string? CounterpartOwn = null, Common.LocalText? Room = null, bool Cancelled = false, DateTime UpdatedAtUtc = default);

/// <summary>Another delegation one may ask to meet, with what it wants to talk about and the languages it meets in.</summary>
public sealed record HubDelegation(int Id, string Name, string Country, IReadOnlyList<string> Interests, IReadOnlyList<string> Languages);

/// <summary>Which delegations to list for asking: of a country, with a field of cooperation, meeting in a language (each optional).</summary>
public sealed record HubFilter(string? Country = null, int? Interest = null, string? Language = null);

/// <summary>A block as a delegation chooses whether it can come.</summary>
public sealed record HubBlock(int Id, Common.LocalText Title, DateTime StartsAtUtc, DateTime EndsAtUtc);

/// <summary>The meetings part of a delegate's private hub.</summary>
public sealed record MeetingHubView(
    MeetingDelegation Mine, string MyName,
    IReadOnlyList<HubRequest> Incoming, IReadOnlyList<HubRequest> Outgoing, IReadOnlyList<HubMeeting> Meetings,
    IReadOnlyList<HubDelegation> Others, IReadOnlyList<string> Countries,
    IReadOnlyList<(int Id, string Name)> Interests, IReadOnlyList<HubBlock> Blocks, IReadOnlyList<string> MyLanguages);

/// <summary>
/// A confirmed delegate acts for their institution's delegation: whether it takes meetings, the requests to and from
/// it, its meetings, and the delegations it may ask. Open once organisers have a meeting block at the event; the
/// delegations of every institution with a confirmed delegate are made on first use.
/// </summary>
public sealed class MeetingHub(EventManagerDbContext db, MeetingPlacing placing, TimeProvider time)
{
    /// <summary>
    /// Whether this registration may take part in meetings: confirmed, at an event with a block, and of an institution
    /// (or, where organisers allow individuals, of none: then the person meets on their own behalf).
    /// </summary>
    public async Task<bool> IsOpenAsync(Registration registration, CancellationToken cancellationToken = default) =>
        registration.Status == RegistrationStatus.Confirmed
        && (registration.InstitutionId is not null || (registration.DelegateId is not null && await IndividualsMeetAsync(registration.EventId, cancellationToken)))
        && await db.MeetingBlocks.AnyAsync(b => b.EventId == registration.EventId, cancellationToken);

    /// <summary>The delegation this registration acts for, made when missing; null when meetings are not open to it.</summary>
    public async Task<MeetingDelegation?> DelegationForAsync(Registration registration, CancellationToken cancellationToken = default)
    {
        if (!await IsOpenAsync(registration, cancellationToken))
        {
            return null;
        }

        // Every institution with a confirmed or invited delegate is a delegation one may ask, whether or not its people
        // came here yet (an invited rector's university can be asked before she registers); and, where allowed, every
        // confirmed delegate of no institution.
        var eventId = registration.EventId;
        var confirmed = db.Registrations.Where(r => r.EventId == eventId && r.Status == RegistrationStatus.Confirmed);
        var institutions = (await confirmed.Where(r => r.InstitutionId != null).Select(r => r.InstitutionId!.Value).Distinct().ToListAsync(cancellationToken))
            .Union(await db.Invitations.Where(i => i.EventId == eventId && (i.Status == Invitations.InvitationStatus.Sent || i.Status == Invitations.InvitationStatus.Registered)
                && i.Person!.InstitutionId != null).Select(i => i.Person!.InstitutionId!.Value).Distinct().ToListAsync(cancellationToken))
            .ToList();
        var individuals = await IndividualsMeetAsync(eventId, cancellationToken)
            ? await confirmed.Where(r => r.InstitutionId == null && r.DelegateId != null).Select(r => r.DelegateId!.Value).Distinct().ToListAsync(cancellationToken)
            : [];
        var known = await db.MeetingDelegations.Where(d => d.EventId == eventId).Select(d => new { d.InstitutionId, d.PersonId }).ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var missing = institutions.Except(known.Where(k => k.InstitutionId != null).Select(k => k.InstitutionId!.Value))
            .Select(i => new MeetingDelegation { EventId = eventId, InstitutionId = i, UpdatedAtUtc = now })
            .Concat(individuals.Except(known.Where(k => k.PersonId != null).Select(k => k.PersonId!.Value))
                .Select(p => new MeetingDelegation { EventId = eventId, PersonId = p, UpdatedAtUtc = now }))
            .ToList();
        if (missing.Count > 0)
        {
            db.MeetingDelegations.AddRange(missing);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another first visit made them at the same moment (one delegation per institution or person is a unique index).
                db.ChangeTracker.Clear();
            }
        }

        return await Mine(registration).FirstAsync(cancellationToken);
    }

    /// <summary>The delegation this registration acts for, when it has one already (nothing is made).</summary>
    public async Task<MeetingDelegation?> FindDelegationAsync(Registration registration, CancellationToken cancellationToken = default) =>
        registration.Status == RegistrationStatus.Confirmed && (registration.InstitutionId is not null || registration.DelegateId is not null)
            ? await Mine(registration).AsNoTracking().FirstOrDefaultAsync(cancellationToken)
            : null;

    /// <summary>The registration's institution's delegation, or (with no institution) the person's own.</summary>
    private IQueryable<MeetingDelegation> Mine(Registration registration) =>
        db.MeetingDelegations.Include(d => d.Institution).Include(d => d.Person)
            .Where(d => d.EventId == registration.EventId && (registration.InstitutionId != null
                ? d.InstitutionId == registration.InstitutionId
                : d.InstitutionId == null && d.PersonId == registration.DelegateId));

    private async Task<bool> IndividualsMeetAsync(int eventId, CancellationToken cancellationToken) =>
        await db.MeetingSettings.AnyAsync(s => s.EventId == eventId && s.IndividualsMeet, cancellationToken);

    public async Task SetTakesMeetingsAsync(MeetingDelegation delegation, bool takes, CancellationToken cancellationToken = default)
    {
        delegation.TakesMeetings = takes;
        delegation.UpdatedAtUtc = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <param name="language">The reader's language, for institutions' names.</param>
    /// <param name="filter">Which delegations to list for asking.</param>
    public async Task<MeetingHubView> ReadAsync(MeetingDelegation mine, string language, HubFilter filter, CancellationToken cancellationToken = default)
    {
        var interests = (await db.MeetingInterests.AsNoTracking().Where(i => i.EventId == mine.EventId).OrderBy(i => i.SortOrder).ThenBy(i => i.Id).ToListAsync(cancellationToken))
            .Select(i => (i.Id, i.Name.In(language))).ToList();
        var blocks = await db.MeetingBlocks.AsNoTracking().Where(b => b.EventId == mine.EventId).OrderBy(b => b.Session!.StartsAtUtc)
            .Select(b => new HubBlock(b.Id, b.Session!.Title, b.Session.StartsAtUtc, b.Session.EndsAtUtc)).ToListAsync(cancellationToken);
        var spoken = await LanguagesAsync(mine.EventId, cancellationToken);
        var delegations = await db.MeetingDelegations.AsNoTracking().Include(d => d.Institution).Include(d => d.Person)
            .Where(d => d.EventId == mine.EventId).ToListAsync(cancellationToken);
        var byId = delegations.ToDictionary(d => d.Id);
        string Name(int id) => byId.TryGetValue(id, out var d) ? d.NameFor(language) : "";
        string Country(int id) => byId.TryGetValue(id, out var d) ? d.Institution?.CountryCode ?? "" : "";
        var requests = await db.MeetingRequests.AsNoTracking()
            .Where(r => r.EventId == mine.EventId && (r.FromId == mine.Id || r.ToId == mine.Id))
            .OrderBy(r => r.RequestedAtUtc).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        int Other(MeetingRequest r) => r.FromId == mine.Id ? r.ToId : r.FromId;
        var incoming = requests.Where(r => r.ToId == mine.Id && r.Status == MeetingRequestStatus.Requested).ToList();
        var free = await placing.FreeSlotsAsync(mine.EventId, incoming, cancellationToken);
        var open = requests.Where(r => r.Status is MeetingRequestStatus.Requested or MeetingRequestStatus.Accepted).Select(Other).ToHashSet();
        var meetings = await MeetingsAsync(mine, language, withCancelled: false, cancellationToken);
        IReadOnlyList<string> Speaks(MeetingDelegation d) => spoken.GetValueOrDefault(d.Id) ?? [];
        var individuals = await IndividualsMeetAsync(mine.EventId, cancellationToken);
        var others = delegations.Where(d => d.Id != mine.Id && d.TakesMeetings && !open.Contains(d.Id) && (d.InstitutionId != null || individuals))
            .Where(d => string.IsNullOrEmpty(filter.Country) || d.Institution?.CountryCode == filter.Country)
            .Where(d => filter.Interest is not { } wanted || MeetingSetup.Ids(d.Interests).Contains(wanted))
            .Where(d => string.IsNullOrEmpty(filter.Language) || Speaks(d).Contains(filter.Language))
            .Select(d => new HubDelegation(d.Id, Name(d.Id), Country(d.Id),
                interests.Where(i => MeetingSetup.Ids(d.Interests).Contains(i.Id)).Select(i => i.Item2).ToList(), Speaks(d)))
            .OrderBy(d => d.Name, StringComparer.CurrentCulture).ToList();
        return new MeetingHubView(mine, Name(mine.Id),
            incoming.Select(r => new HubRequest(r, Name(r.FromId), Country(r.FromId), free.GetValueOrDefault(r.Id) ?? [])).ToList(),
            requests.Where(r => r.FromId == mine.Id && r.Status is MeetingRequestStatus.Requested or MeetingRequestStatus.Declined).Select(r => new HubRequest(r, Name(r.ToId), Country(r.ToId))).ToList(),
            meetings, others,
            delegations.Where(d => d.Id != mine.Id && d.TakesMeetings).Select(d => Country(d.Id)).Where(c => c.Length > 0).Distinct().Order().ToList(),
            interests, blocks, spoken.GetValueOrDefault(mine.Id) ?? []);
    }

    /// <summary>
    /// The languages each delegation of the event meets in: those it gave, else those its confirmed delegates speak
    /// (as the scheduler takes them).
    /// </summary>
    private async Task<Dictionary<int, IReadOnlyList<string>>> LanguagesAsync(int eventId, CancellationToken cancellationToken)
    {
        var delegations = await db.MeetingDelegations.AsNoTracking().Where(d => d.EventId == eventId).Select(d => new { d.Id, d.InstitutionId, d.PersonId, d.Languages }).ToListAsync(cancellationToken);
        var people = await db.Registrations.AsNoTracking().Where(r => r.EventId == eventId && r.Status == RegistrationStatus.Confirmed && r.Delegate != null)
            .Select(r => new { r.InstitutionId, r.DelegateId, r.Delegate!.SpokenLanguages }).ToListAsync(cancellationToken);
        return delegations.ToDictionary(d => d.Id, d => (IReadOnlyList<string>)(string.IsNullOrWhiteSpace(d.Languages)
            ? people.Where(p => d.InstitutionId != null ? p.InstitutionId == d.InstitutionId : p.DelegateId == d.PersonId).SelectMany(p => MeetingScheduling.Words(p.SpokenLanguages))
            : MeetingScheduling.Words(d.Languages)).Distinct().Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>
    /// A delegation's meetings as it was told them: accepted requests at their published place (or none yet), in time
    /// order; with <paramref name="withCancelled"/> also those called off after they had a time, for calendars to remove.
    /// </summary>
    public async Task<IReadOnlyList<HubMeeting>> MeetingsAsync(MeetingDelegation mine, string language, bool withCancelled, CancellationToken cancellationToken = default)
    {
        var requests = await db.MeetingRequests.AsNoTracking()
            .Include(r => r.From!.Institution).Include(r => r.From!.Person).Include(r => r.To!.Institution).Include(r => r.To!.Person)
            .Where(r => r.EventId == mine.EventId && (r.FromId == mine.Id || r.ToId == mine.Id)
                && (r.Status == MeetingRequestStatus.Accepted || (withCancelled && r.Status == MeetingRequestStatus.Withdrawn && r.PublishedBlockId != null)))
            .ToListAsync(cancellationToken);
        var blockIds = requests.Where(r => r.PublishedBlockId is not null).Select(r => r.PublishedBlockId!.Value).Distinct().ToList();
        var blocks = await db.MeetingBlocks.AsNoTracking().Include(b => b.Session!.Room).Where(b => blockIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, cancellationToken);
        var interpreterIds = requests.Where(r => r.PublishedInterpreterId is not null).Select(r => r.PublishedInterpreterId!.Value).Distinct().ToList();
        var interpreters = await db.Interpreters.AsNoTracking().Where(i => interpreterIds.Contains(i.Id)).Select(i => new { i.Id, i.Person!.LatinName }).ToDictionaryAsync(i => i.Id, i => i.LatinName, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        return requests.Select(r =>
        {
            var other = r.FromId == mine.Id ? r.To! : r.From!;
            var name = other.NameFor(language);
            var own = other.Institution is { } i ? new[] { i.NativeName, i.EnglishName }.FirstOrDefault(n => !string.IsNullOrEmpty(n) && n != name) : null;
            var block = r.PublishedBlockId is { } b ? blocks.GetValueOrDefault(b) : null;
            var time = block is not null && r.PublishedSlot is { } s ? block.TimeOf(s) : null;
            var placed = time is not null;
            return new HubMeeting(r.Id, name, time?.Start, time?.End, placed ? r.PublishedTable : null,
                placed && r.PublishedInterpreterId is { } interpreter ? interpreters.GetValueOrDefault(interpreter) : null,
                time?.Start <= now, r.Outcome, own, block?.Session?.Room?.Name, r.Status == MeetingRequestStatus.Withdrawn, r.UpdatedAtUtc);
        }).OrderBy(m => m.StartsAtUtc ?? DateTime.MaxValue).ThenBy(m => m.RequestId).ToList();
    }
}
