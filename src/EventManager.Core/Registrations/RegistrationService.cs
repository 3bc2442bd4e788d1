using EventManager.Core.Common;
using EventManager.Core.Data;
using EventManager.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Registrations;

public sealed record InstitutionProposal(string Name, string? NativeName, string CountryCode, int Registrations);

public sealed record RegistrationFilter(RegistrationStatus? Status = null, int? InstitutionId = null, string? CountryCode = null, RegistrationCategory? Category = null, string? Search = null);

/// <summary>What organisers changed in one go, and whom it moved.</summary>
public sealed record PlacesChange(IReadOnlyList<Registration> Confirmed, IReadOnlyList<Registration> Waitlisted, IReadOnlyList<Registration> Declined, IReadOnlyList<Registration> Promoted);

/// <summary>
/// Who holds a place at an event. Every change that can move a place runs in one transaction that first
/// updates the event's <see cref="RegistrationPolicy"/> row: that row lock queues concurrent changes on SQL
/// Server, and SQLite's single writer does the same, so capacity holds whatever the load.
/// </summary>
public sealed class RegistrationService(EventManagerDbContext db, TimeProvider time, IPlaceWriteGate gate, IRegistrationNotifier notifier)
{
    public Task<RegistrationPolicy?> PolicyAsync(int eventId, CancellationToken cancellationToken = default) =>
        db.RegistrationPolicies.AsNoTracking().SingleOrDefaultAsync(p => p.EventId == eventId, cancellationToken);

    public bool IsOpen(RegistrationPolicy? policy) => policy is not null && policy.IsOpenAt(time.GetUtcNow().UtcDateTime);

    /// <summary>
    /// Takes a submission from the public form, or (<paramref name="byOrganiser"/>) one an organiser imports:
    /// that one skips the opening dates and the approval step, but never the capacity.
    /// </summary>
    public async Task<DomainResult<IReadOnlyList<Registration>>> RegisterAsync(int eventId, RegistrationRequest request, CancellationToken cancellationToken = default, bool byOrganiser = false)
    {
        var (errors, answers) = await CheckAsync(eventId, request, cancellationToken);
        if (errors.Count > 0)
        {
            return DomainResult<IReadOnlyList<Registration>>.Failure(errors);
        }

        var people = new List<PersonDetails> { request.Head };
        people.AddRange(request.Companions);
        var emails = people.Select(p => RegistrationRules.NormalizeEmail(p.Email)).ToList();
        // Who is already registered, and who the people are across events, can be read before taking the
        // lock: the unique index on (event, email) still refuses a second registration that slips in meanwhile.
        var taken = await RegisteredEmailsAsync(eventId, emails, cancellationToken);
        if (taken.Count > 0)
        {
            return AlreadyRegistered(emails, taken);
        }

        var delegates = await LinkDelegatesAsync(people, emails, request, cancellationToken);
        DomainResult<IReadOnlyList<Registration>> result;
        try
        {
            result = await UnderPlacesLockAsync<IReadOnlyList<Registration>>(eventId, async policy =>
            {
                var now = time.GetUtcNow().UtcDateTime;
                if (!byOrganiser && !policy.IsOpenAt(now))
                {
                    return Fail<IReadOnlyList<Registration>>("", "Registration for this event is not open.");
                }

                var status = policy.RequiresApproval && !byOrganiser
                    ? RegistrationStatus.Pending
                    : await HasRoomAsync(policy, request.InstitutionId, people.Count, cancellationToken) ? RegistrationStatus.Confirmed : RegistrationStatus.Waitlisted;

                var delegation = Guid.NewGuid();
                var created = people.Select((person, i) => new Registration
                {
                    EventId = eventId,
                    Token = RegistrationRules.NewToken(),
                    Status = status,
                    Category = person.Category,
                    Sequence = policy.Version,
                    DelegationKey = delegation,
                    IsHeadOfDelegation = i == 0 && people.Count > 1,
                    LatinName = RegistrationRules.Clean(person.LatinName)!,
                    NativeName = RegistrationRules.Clean(person.NativeName),
                    Position = RegistrationRules.Clean(person.Position),
                    Email = emails[i],
                    Phone = i == 0 ? RegistrationRules.Clean(request.Phone) : null,
                    InstitutionId = request.InstitutionId,
                    ProposedInstitutionName = request.InstitutionId is null ? RegistrationRules.Clean(request.ProposedInstitutionName) : null,
                    ProposedInstitutionNativeName = request.InstitutionId is null ? RegistrationRules.Clean(request.ProposedInstitutionNativeName) : null,
                    CountryCode = request.CountryCode,
                    PreferredLanguage = RegistrationRules.Clean(request.PreferredLanguage),
                    TimeZoneId = RegistrationRules.Clean(request.TimeZoneId),
                    DietaryNeeds = RegistrationRules.Clean(person.DietaryNeeds),
                    ArrivalDate = request.ArrivalDate,
                    DepartureDate = request.DepartureDate,
                    NeedsVisaLetter = request.NeedsVisaLetter,
                    Delegate = delegates[emails[i]],
                    // The answers are the submission's, like its travel dates: each person of a delegation carries them.
                    Answers = answers.Select(a => new RegistrationAnswer { QuestionId = a.QuestionId, Value = a.Value }).ToList(),
                    CreatedAtUtc = now,
                    UpdatedAtUtc = now,
                    DecidedAtUtc = status == RegistrationStatus.Pending ? null : now,
                }).ToList();

                if (status == RegistrationStatus.Confirmed)
                {
                    policy.ConfirmedCount += created.Count;
                }

                db.Registrations.AddRange(created);
                await notifier.AddAsync(RegistrationNotice.Received, created, cancellationToken);
                return DomainResult<IReadOnlyList<Registration>>.Success(created);
            }, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another submission with one of these addresses committed between our check and our insert.
            db.ChangeTracker.Clear();
            var nowTaken = await RegisteredEmailsAsync(eventId, emails, cancellationToken);
            if (nowTaken.Count == 0)
            {
                throw;
            }

            return AlreadyRegistered(emails, nowTaken);
        }

        if (result.Succeeded)
        {
            notifier.Committed();
        }

        return result;
    }

    /// <summary>Every rule a submission must meet before it is worth taking the lock; writes nothing.</summary>
    public async Task<List<DomainError>> ValidateAsync(int eventId, RegistrationRequest request, CancellationToken cancellationToken = default) =>
        (await CheckAsync(eventId, request, cancellationToken)).Errors;

    /// <summary>The broken rules, and the answers to the event's questions worth storing when there are none.</summary>
    private async Task<(List<DomainError> Errors, List<RegistrationAnswer> Answers)> CheckAsync(int eventId, RegistrationRequest request, CancellationToken cancellationToken)
    {
        var ev = await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == eventId, cancellationToken);
        if (ev is null)
        {
            return ([new DomainError("", "This event no longer exists.")], []);
        }

        var errors = new List<DomainError>();
        if (request.Companions.Count > RegistrationRules.MaxCompanions)
        {
            errors.Add(new DomainError("", "A delegation can have at most {0} people besides its head; send the others separately.", RegistrationRules.MaxCompanions));
        }

        RegistrationRules.CheckPerson(errors, "", request.Head);
        for (var i = 0; i < request.Companions.Count; i++)
        {
            RegistrationRules.CheckPerson(errors, $"Companions[{i}].", request.Companions[i]);
        }

        var emails = new[] { request.Head }.Concat(request.Companions).Select(p => RegistrationRules.NormalizeEmail(p.Email)).ToList();
        for (var i = 1; i < emails.Count; i++)
        {
            if (emails[i].Length > 0 && emails.IndexOf(emails[i]) < i)
            {
                errors.Add(new DomainError($"Companions[{i - 1}].Email", "Each person needs their own email address; {0} is given twice.", emails[i]));
            }
        }

        await CheckInstitutionAsync(errors, request.InstitutionId, request.ProposedInstitutionName, request.ProposedInstitutionNativeName, cancellationToken);
        RegistrationRules.CheckCountry(errors, request.CountryCode);
        RegistrationRules.CheckContact(errors, request.Phone, request.PreferredLanguage, request.TimeZoneId);
        RegistrationRules.CheckTravel(errors, ev, request.ArrivalDate, request.DepartureDate);
        // Imports carry no answers: only the public form is held to the event's own questions.
        var answers = request.Answers is null ? [] : RegistrationQuestions.Check(errors, await new RegistrationQuestions(db).ListAsync(eventId, cancellationToken), request.Answers);
        return (errors, answers);
    }

    /// <summary>Adds to each import row what would stop it: the form's rules, an address twice in the file, or already registered.</summary>
    public async Task CheckImportAsync(int eventId, IReadOnlyList<ImportRow> rows, CancellationToken cancellationToken = default)
    {
        var registered = await RegisteredEmailsAsync(eventId, rows.Select(r => r.Email), cancellationToken);
        var seen = new HashSet<string>();
        foreach (var row in rows.Where(r => r.Request is not null))
        {
            row.Problems.AddRange(await ValidateAsync(eventId, row.Request!, cancellationToken));
            if (row.Email.Length > 0 && !seen.Add(row.Email))
            {
                row.Problems.Add(new DomainError("email", "{0} appears more than once in the file.", row.Email));
            }
            else if (registered.Contains(row.Email))
            {
                row.Problems.Add(new DomainError("email", "{0} is already registered for this event.", row.Email));
            }
        }
    }

    /// <summary>Addresses among these that already have a registration at the event.</summary>
    public async Task<IReadOnlySet<string>> RegisteredEmailsAsync(int eventId, IEnumerable<string> emails, CancellationToken cancellationToken = default)
    {
        var wanted = emails.Select(RegistrationRules.NormalizeEmail).Distinct().ToList();
        var found = await db.Registrations.Where(r => r.EventId == eventId && wanted.Contains(r.Email)).Select(r => r.Email).ToListAsync(cancellationToken);
        return found.ToHashSet();
    }

    public async Task<Registration?> FindByTokenAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (!RegistrationRules.LooksLikeToken(token))
        {
            return null;
        }

        return await db.Registrations.AsNoTracking()
            .Include(r => r.Event)
            .Include(r => r.Institution)
            .Include(r => r.Answers)
            .SingleOrDefaultAsync(r => r.Token == token, cancellationToken);
    }

    /// <summary>1 for the first on the waiting list; members of one delegation share their place.</summary>
    public async Task<int?> WaitingListPositionAsync(Registration registration, CancellationToken cancellationToken = default)
    {
        if (registration.Status != RegistrationStatus.Waitlisted)
        {
            return null;
        }

        return 1 + await db.Registrations.CountAsync(r => r.EventId == registration.EventId && r.Status == RegistrationStatus.Waitlisted && r.Sequence < registration.Sequence, cancellationToken);
    }

    /// <summary>Every waiting registration's place, by id, counted as <see cref="WaitingListPositionAsync"/> counts it.</summary>
    public async Task<IReadOnlyDictionary<int, int>> WaitingListPositionsAsync(int eventId, CancellationToken cancellationToken = default)
    {
        var waiting = await db.Registrations.AsNoTracking()
            .Where(r => r.EventId == eventId && r.Status == RegistrationStatus.Waitlisted)
            .Select(r => new { r.Id, r.Sequence })
            .ToListAsync(cancellationToken);
        var positions = new Dictionary<int, int>();
        var ahead = 0;
        foreach (var submission in waiting.GroupBy(r => r.Sequence).OrderBy(g => g.Key))
        {
            foreach (var r in submission)
            {
                positions[r.Id] = ahead + 1;
            }

            ahead += submission.Count();
        }

        return positions;
    }

    /// <summary>The others registered in the same submission, for the head of a delegation.</summary>
    public async Task<IReadOnlyList<Registration>> DelegationOfAsync(Registration registration, CancellationToken cancellationToken = default) =>
        await db.Registrations.AsNoTracking()
            .Where(r => r.DelegationKey == registration.DelegationKey && r.Id != registration.Id)
            .OrderBy(r => r.Id)
            .ToListAsync(cancellationToken);

    public async Task<DomainResult<Registration>> CorrectAsync(string token, RegistrationCorrection correction, CancellationToken cancellationToken = default)
    {
        var registration = RegistrationRules.LooksLikeToken(token)
            ? await db.Registrations.Include(r => r.Event).Include(r => r.Answers).SingleOrDefaultAsync(r => r.Token == token, cancellationToken)
            : null;
        if (registration is null)
        {
            return Fail<Registration>("", "This registration link is not valid.");
        }

        if (registration.Status is RegistrationStatus.Cancelled or RegistrationStatus.Declined)
        {
            return Fail<Registration>("", "This registration is closed and can no longer be changed.");
        }

        var errors = new List<DomainError>();
        RegistrationRules.CheckName(errors, "", correction.LatinName, correction.NativeName, correction.Position);
        RegistrationRules.CheckContact(errors, correction.Phone, correction.PreferredLanguage, correction.TimeZoneId);
        RegistrationRules.CheckTravel(errors, registration.Event!, correction.ArrivalDate, correction.DepartureDate);
        RegistrationRules.CheckLength(errors, nameof(correction.DietaryNeeds), correction.DietaryNeeds, 500);
        var answers = correction.Answers is null ? null
            : RegistrationQuestions.Check(errors, await new RegistrationQuestions(db).ListAsync(registration.EventId, cancellationToken), correction.Answers);
        if (errors.Count > 0)
        {
            return DomainResult<Registration>.Failure(errors);
        }

        if (answers is not null)
        {
            // This person's answers only: a delegation's members may answer differently once registered.
            registration.Answers.RemoveAll(a => !answers.Any(n => n.QuestionId == a.QuestionId));
            foreach (var answer in answers)
            {
                if (registration.Answers.FirstOrDefault(a => a.QuestionId == answer.QuestionId) is { } existing)
                {
                    existing.Value = answer.Value;
                }
                else
                {
                    registration.Answers.Add(answer);
                }
            }
        }

        registration.LatinName = RegistrationRules.Clean(correction.LatinName)!;
        registration.NativeName = RegistrationRules.Clean(correction.NativeName);
        registration.Position = RegistrationRules.Clean(correction.Position);
        registration.Phone = RegistrationRules.Clean(correction.Phone);
        registration.PreferredLanguage = RegistrationRules.Clean(correction.PreferredLanguage);
        registration.TimeZoneId = RegistrationRules.Clean(correction.TimeZoneId);
        registration.DietaryNeeds = RegistrationRules.Clean(correction.DietaryNeeds);
        registration.ArrivalDate = correction.ArrivalDate;
        registration.DepartureDate = correction.DepartureDate;
        registration.NeedsVisaLetter = correction.NeedsVisaLetter;
        registration.UpdatedAtUtc = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return DomainResult<Registration>.Success(registration);
    }

    /// <summary>The delegate gives up their registration; a confirmed place goes to the waiting list at once.</summary>
    public async Task<DomainResult<Registration>> CancelAsync(string token, CancellationToken cancellationToken = default)
    {
        var found = await FindByTokenAsync(token, cancellationToken);
        if (found is null)
        {
            return Fail<Registration>("", "This registration link is not valid.");
        }

        var result = await UnderPlacesLockAsync<Registration>(found.EventId, async policy =>
        {
            var registration = await db.Registrations.SingleAsync(r => r.Id == found.Id, cancellationToken);
            if (registration.Status is RegistrationStatus.Cancelled or RegistrationStatus.Declined)
            {
                return DomainResult<Registration>.Success(registration);
            }

            var now = time.GetUtcNow().UtcDateTime;
            if (registration.Status == RegistrationStatus.Confirmed)
            {
                policy.ConfirmedCount--;
            }

            registration.Status = RegistrationStatus.Cancelled;
            registration.CancelledAtUtc = now;
            registration.UpdatedAtUtc = now;
            var promoted = await FillFreePlacesAsync(policy, now, cancellationToken);
            await notifier.AddAsync(RegistrationNotice.Cancelled, [registration], cancellationToken);
            await notifier.AddAsync(RegistrationNotice.PromotedFromWaitingList, promoted, cancellationToken);
            return DomainResult<Registration>.Success(registration);
        }, cancellationToken);

        if (result.Succeeded)
        {
            notifier.Committed();
        }

        return result;
    }

    /// <summary>Approves pending registrations in the order they came; those that no longer fit go to the waiting list.</summary>
    public async Task<DomainResult<PlacesChange>> ApproveAsync(int eventId, IReadOnlyCollection<int> ids, CancellationToken cancellationToken = default)
    {
        var result = await UnderPlacesLockAsync<PlacesChange>(eventId, async policy =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            var pending = await db.Registrations
                .Where(r => r.EventId == eventId && ids.Contains(r.Id) && r.Status == RegistrationStatus.Pending)
                .OrderBy(r => r.Sequence).ThenBy(r => r.Id)
                .ToListAsync(cancellationToken);
            var confirmed = new List<Registration>();
            var waitlisted = new List<Registration>();
            foreach (var registration in pending)
            {
                var fits = await HasRoomAsync(policy, registration.InstitutionId, 1, cancellationToken, extraForInstitution: confirmed.Count(c => c.InstitutionId == registration.InstitutionId));
                registration.Status = fits ? RegistrationStatus.Confirmed : RegistrationStatus.Waitlisted;
                registration.DecidedAtUtc = now;
                registration.UpdatedAtUtc = now;
                if (fits)
                {
                    policy.ConfirmedCount++;
                    confirmed.Add(registration);
                }
                else
                {
                    waitlisted.Add(registration);
                }
            }

            await notifier.AddAsync(RegistrationNotice.Approved, confirmed, cancellationToken);
            return DomainResult<PlacesChange>.Success(new PlacesChange(confirmed, waitlisted, [], []));
        }, cancellationToken);

        if (result.Succeeded)
        {
            notifier.Committed();
        }

        return result;
    }

    /// <summary>Declines registrations; places they held go to the waiting list.</summary>
    public async Task<DomainResult<PlacesChange>> DeclineAsync(int eventId, IReadOnlyCollection<int> ids, CancellationToken cancellationToken = default)
    {
        var result = await UnderPlacesLockAsync<PlacesChange>(eventId, async policy =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            var open = await db.Registrations
                .Where(r => r.EventId == eventId && ids.Contains(r.Id)
                    && (r.Status == RegistrationStatus.Pending || r.Status == RegistrationStatus.Waitlisted || r.Status == RegistrationStatus.Confirmed))
                .ToListAsync(cancellationToken);
            foreach (var registration in open)
            {
                if (registration.Status == RegistrationStatus.Confirmed)
                {
                    policy.ConfirmedCount--;
                }

                registration.Status = RegistrationStatus.Declined;
                registration.DecidedAtUtc = now;
                registration.UpdatedAtUtc = now;
            }

            var promoted = await FillFreePlacesAsync(policy, now, cancellationToken);
            await notifier.AddAsync(RegistrationNotice.Declined, open, cancellationToken);
            await notifier.AddAsync(RegistrationNotice.PromotedFromWaitingList, promoted, cancellationToken);
            return DomainResult<PlacesChange>.Success(new PlacesChange([], [], open, promoted));
        }, cancellationToken);

        if (result.Succeeded)
        {
            notifier.Committed();
        }

        return result;
    }

    /// <summary>Marks a confirmed delegate as arrived (or takes it back).</summary>
    public async Task<DomainResult<Registration>> CheckInAsync(int eventId, int id, bool arrived, CancellationToken cancellationToken = default)
    {
        var registration = await db.Registrations.SingleOrDefaultAsync(r => r.EventId == eventId && r.Id == id, cancellationToken);
        if (registration is null)
        {
            return Fail<Registration>("", "This registration no longer exists.");
        }

        if (registration.Status != RegistrationStatus.Confirmed)
        {
            return Fail<Registration>("", "Only confirmed delegates can be checked in.");
        }

        registration.CheckedInAtUtc = arrived ? registration.CheckedInAtUtc ?? time.GetUtcNow().UtcDateTime : null;
        await db.SaveChangesAsync(cancellationToken);
        return DomainResult<Registration>.Success(registration);
    }

    public async Task<DomainResult<RegistrationPolicy>> SavePolicyAsync(int eventId, RegistrationPolicyInput input, CancellationToken cancellationToken = default)
    {
        var ev = await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == eventId, cancellationToken);
        if (ev is null)
        {
            return Fail<RegistrationPolicy>("", "This event no longer exists.");
        }

        var errors = new List<DomainError>();
        var zone = EventTime.FindZone(ev.TimeZoneId);
        DateTime? opens = null, closes = null;
        if (input.OpensLocal is { } o)
        {
            if (!EventTime.TryToUtc(o, zone, out var utc))
            {
                errors.Add(new DomainError("OpensLocal", "This time does not exist in {0}: the clocks skip it.", zone.Id));
            }

            opens = utc;
        }

        if (input.ClosesLocal is { } c)
        {
            if (!EventTime.TryToUtc(c, zone, out var utc))
            {
                errors.Add(new DomainError("ClosesLocal", "This time does not exist in {0}: the clocks skip it.", zone.Id));
            }

            closes = utc;
        }

        if (opens is not null && closes is not null && closes <= opens)
        {
            errors.Add(new DomainError("ClosesLocal", "Registration must close after it opens."));
        }

        if (input.Capacity is < 0 or > 1_000_000)
        {
            errors.Add(new DomainError("Capacity", "Enter a number of places between 0 and 1,000,000, or leave it empty for no limit."));
        }

        if (input.InstitutionQuota is < 1 or > 1_000_000)
        {
            errors.Add(new DomainError("InstitutionQuota", "Enter at least 1 place per institution, or leave it empty for no limit."));
        }

        if (errors.Count > 0)
        {
            return DomainResult<RegistrationPolicy>.Failure(errors);
        }

        await EnsurePolicyAsync(eventId, cancellationToken);
        var result = await UnderPlacesLockAsync<RegistrationPolicy>(eventId, async policy =>
        {
            policy.Enabled = input.Enabled;
            policy.OpensAtUtc = opens;
            policy.ClosesAtUtc = closes;
            policy.Capacity = input.Capacity;
            policy.InstitutionQuota = input.InstitutionQuota;
            policy.RequiresApproval = input.RequiresApproval;
            var promoted = await FillFreePlacesAsync(policy, time.GetUtcNow().UtcDateTime, cancellationToken);
            await notifier.AddAsync(RegistrationNotice.PromotedFromWaitingList, promoted, cancellationToken);
            return DomainResult<RegistrationPolicy>.Success(policy);
        }, cancellationToken);

        if (result.Succeeded)
        {
            notifier.Committed();
        }

        return result;
    }

    public async Task<IReadOnlyList<Registration>> ListAsync(int eventId, RegistrationFilter filter, CancellationToken cancellationToken = default)
    {
        var query = db.Registrations.AsNoTracking().Include(r => r.Institution).Include(r => r.Answers).Where(r => r.EventId == eventId);
        if (filter.Status is { } status)
        {
            query = query.Where(r => r.Status == status);
        }

        if (filter.InstitutionId is { } institution)
        {
            query = query.Where(r => r.InstitutionId == institution);
        }

        if (!string.IsNullOrWhiteSpace(filter.CountryCode))
        {
            query = query.Where(r => r.CountryCode == filter.CountryCode);
        }

        if (filter.Category is { } category)
        {
            query = query.Where(r => r.Category == category);
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            // Staff type names as they hear them: "wang" finds Wang Wei, "әбенов" finds ӘБЕНОВ, "nguyen" finds Nguyễn.
            var key = TextNormalization.SearchKey(filter.Search);
            query = query.Where(r => r.SearchText.Contains(key));
        }

        return await query.OrderBy(r => r.Sequence).ThenBy(r => r.Id).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<RegistrationStatus, int>> CountsAsync(int eventId, CancellationToken cancellationToken = default) =>
        await db.Registrations.Where(r => r.EventId == eventId)
            .GroupBy(r => r.Status)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

    /// <summary>Institutions delegates typed in because they did not find them in the list.</summary>
    public async Task<IReadOnlyList<InstitutionProposal>> ProposalsAsync(int eventId, CancellationToken cancellationToken = default) =>
        await db.Registrations.AsNoTracking()
            .Where(r => r.EventId == eventId && r.InstitutionId == null && r.ProposedInstitutionName != null)
            .GroupBy(r => new { r.ProposedInstitutionName, r.CountryCode })
            .Select(g => new InstitutionProposal(g.Key.ProposedInstitutionName!, g.Max(r => r.ProposedInstitutionNativeName), g.Key.CountryCode, g.Count()))
            .ToListAsync(cancellationToken);

    /// <summary>Points every registration that proposed this institution (in any event) at a listed one.</summary>
    public async Task<int> ResolveProposalAsync(string proposedName, string countryCode, int institutionId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var delegates = db.Registrations.Where(r => r.InstitutionId == null && r.ProposedInstitutionName == proposedName && r.CountryCode == countryCode)
            .Where(r => r.DelegateId != null).Select(r => r.DelegateId);
        await db.Delegates.Where(d => d.InstitutionId == null && delegates.Contains(d.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.InstitutionId, institutionId), cancellationToken);
        return await db.Registrations
            .Where(r => r.InstitutionId == null && r.ProposedInstitutionName == proposedName && r.CountryCode == countryCode)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.InstitutionId, institutionId)
                .SetProperty(r => r.ProposedInstitutionName, (string?)null)
                .SetProperty(r => r.ProposedInstitutionNativeName, (string?)null)
                .SetProperty(r => r.UpdatedAtUtc, now), cancellationToken);
    }

    /// <summary>Creates the event's (closed) registration settings if it has none yet.</summary>
    public async Task EnsurePolicyAsync(int eventId, CancellationToken cancellationToken = default)
    {
        if (await db.RegistrationPolicies.AnyAsync(p => p.EventId == eventId, cancellationToken))
        {
            return;
        }

        db.RegistrationPolicies.Add(new RegistrationPolicy { EventId = eventId });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another organiser may have created it at the same moment; anything else is a real failure.
            db.ChangeTracker.Clear();
            if (!await db.RegistrationPolicies.AnyAsync(p => p.EventId == eventId, cancellationToken))
            {
                throw;
            }
        }

        db.ChangeTracker.Clear();
    }

    private async Task<DomainResult<T>> UnderPlacesLockAsync<T>(int eventId, Func<RegistrationPolicy, Task<DomainResult<T>>> work, CancellationToken cancellationToken)
    {
        using var entered = await gate.EnterAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // The first statement writes the event's policy row: from here until commit, no other change to
        // this event's places can run (SQL Server holds the row lock; SQLite holds its single write lock).
        var locked = await db.RegistrationPolicies
            .Where(p => p.EventId == eventId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Version, p => p.Version + 1), cancellationToken);
        if (locked == 0)
        {
            return Fail<T>("", "Registration for this event is not open.");
        }

        var tracked = db.ChangeTracker.Entries<RegistrationPolicy>().FirstOrDefault(e => e.Entity.EventId == eventId);
        if (tracked is not null)
        {
            await tracked.ReloadAsync(cancellationToken);
        }

        var policy = tracked?.Entity ?? await db.RegistrationPolicies.SingleAsync(p => p.EventId == eventId, cancellationToken);
        var result = await work(policy);
        if (!result.Succeeded)
        {
            db.ChangeTracker.Clear();
            return result;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// Gives free places to the waiting list in order. A delegation moves up together, so a delegation that
    /// does not fit lets the next that does go first, rather than leave places empty.
    /// </summary>
    private async Task<List<Registration>> FillFreePlacesAsync(RegistrationPolicy policy, DateTime now, CancellationToken cancellationToken)
    {
        var free = policy.Capacity is int capacity ? capacity - policy.ConfirmedCount : int.MaxValue;
        var promoted = new List<Registration>();
        if (free <= 0)
        {
            return promoted;
        }

        var waiting = await db.Registrations
            .Where(r => r.EventId == policy.EventId && r.Status == RegistrationStatus.Waitlisted)
            .OrderBy(r => r.Sequence).ThenBy(r => r.Id)
            .ToListAsync(cancellationToken);
        Dictionary<int, int>? perInstitution = null;
        if (policy.InstitutionQuota is not null)
        {
            perInstitution = await db.Registrations
                .Where(r => r.EventId == policy.EventId && r.Status == RegistrationStatus.Confirmed && r.InstitutionId != null)
                .GroupBy(r => r.InstitutionId!.Value)
                .Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        }

        foreach (var delegation in waiting.GroupBy(r => r.DelegationKey))
        {
            var members = delegation.ToList();
            if (members.Count > free)
            {
                continue;
            }

            var institution = members[0].InstitutionId;
            if (perInstitution is not null && institution is int id
                && perInstitution.GetValueOrDefault(id) + members.Count > policy.InstitutionQuota)
            {
                continue;
            }

            foreach (var member in members)
            {
                member.Status = RegistrationStatus.Confirmed;
                member.DecidedAtUtc = now;
                member.UpdatedAtUtc = now;
            }

            if (perInstitution is not null && institution is int counted)
            {
                perInstitution[counted] = perInstitution.GetValueOrDefault(counted) + members.Count;
            }

            free -= members.Count;
            policy.ConfirmedCount += members.Count;
            promoted.AddRange(members);
            if (free == 0)
            {
                break;
            }
        }

        return promoted;
    }

    private async Task<bool> HasRoomAsync(RegistrationPolicy policy, int? institutionId, int people, CancellationToken cancellationToken, int extraForInstitution = 0)
    {
        if (policy.Capacity is int capacity && policy.ConfirmedCount + people > capacity)
        {
            return false;
        }

        if (policy.InstitutionQuota is int quota && institutionId is int id)
        {
            var held = await db.Registrations.CountAsync(r => r.EventId == policy.EventId && r.InstitutionId == id && r.Status == RegistrationStatus.Confirmed, cancellationToken);
            return held + extraForInstitution + people <= quota;
        }

        return true;
    }

    private async Task CheckInstitutionAsync(List<DomainError> errors, int? institutionId, string? proposedName, string? proposedNativeName, CancellationToken cancellationToken)
    {
        if (institutionId is int id)
        {
            if (!await db.Institutions.AnyAsync(i => i.Id == id, cancellationToken))
            {
                errors.Add(new DomainError("InstitutionId", "Choose your institution from the list, or enter its name if it is not there."));
            }
        }
        else if (string.IsNullOrWhiteSpace(proposedName))
        {
            errors.Add(new DomainError("InstitutionId", "Choose your institution from the list, or enter its name if it is not there."));
        }
        else
        {
            RegistrationRules.CheckLength(errors, "ProposedInstitutionName", proposedName, 300);
            RegistrationRules.CheckLength(errors, "ProposedInstitutionNativeName", proposedNativeName, 300);
        }
    }

    /// <summary>The person behind each address, across events: found by email, or recorded now.</summary>
    private async Task<Dictionary<string, Delegate>> LinkDelegatesAsync(List<PersonDetails> people, List<string> emails, RegistrationRequest request, CancellationToken cancellationToken)
    {
        var known = await db.Delegates.Where(d => emails.Contains(d.Email)).ToListAsync(cancellationToken);
        var byEmail = known.ToDictionary(d => d.Email);
        for (var i = 0; i < people.Count; i++)
        {
            if (!byEmail.ContainsKey(emails[i]))
            {
                var person = people[i];
                var added = new Delegate
                {
                    LatinName = RegistrationRules.Clean(person.LatinName)!,
                    NativeName = RegistrationRules.Clean(person.NativeName),
                    Position = RegistrationRules.Clean(person.Position),
                    Email = emails[i],
                    InstitutionId = request.InstitutionId,
                    PreferredLanguage = RegistrationRules.Clean(request.PreferredLanguage),
                    TimeZoneId = RegistrationRules.Clean(request.TimeZoneId),
                };
                db.Delegates.Add(added);
                byEmail[emails[i]] = added;
            }
        }

        return byEmail;
    }

    private static DomainResult<IReadOnlyList<Registration>> AlreadyRegistered(List<string> emails, IReadOnlySet<string> taken) =>
        DomainResult<IReadOnlyList<Registration>>.Failure(emails.Where(taken.Contains).Select(email => new DomainError(
            emails.IndexOf(email) == 0 ? "Email" : $"Companions[{emails.IndexOf(email) - 1}].Email",
            "{0} is already registered for this event. The confirmation message sent to that address has a link to see or change the registration.", email)).ToList());

    private static DomainResult<T> Fail<T>(string field, string message) => DomainResult<T>.Failure([new DomainError(field, message)]);
}
