using EventManager.Core.Agenda;
using EventManager.Core.Certificates;
using EventManager.Core.Common;
using EventManager.Core.Data;
using EventManager.Core.Events;
using EventManager.Core.Registrations;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Ceremonies;

/// <param name="SignatoryRegistrationId">A confirmed delegate of the institution who signs.</param>
/// <param name="SignatoryPersonId">Or a person of the directory planned to sign, registered or not; neither: chosen later.</param>
public sealed record AgreementPartyInput(int? InstitutionId, int? SignatoryRegistrationId, string? LocalTitle, int? SignatoryPersonId = null);

public sealed record AgreementInput(LocalText? Title, AgreementKind Kind, int Round, int Table, IReadOnlyList<AgreementPartyInput> Parties);

/// <summary>Signing ceremonies and their agreements: the rules that keep a running order sound.</summary>
public sealed partial class CeremonyService(EventManagerDbContext db, TimeProvider time, Activity.ActivityLog activity)
{
    /// <summary>A session of kind signing ceremony, with its event and room; null for any other session.</summary>
    public Task<Session?> FindCeremonyAsync(int sessionId, CancellationToken cancellationToken = default) =>
        db.Sessions.AsNoTracking().Include(s => s.Event).Include(s => s.Room)
            .SingleOrDefaultAsync(s => s.Id == sessionId && s.Kind == SessionKind.SigningCeremony, cancellationToken);

    /// <summary>The signing ceremonies of an event and of the events held inside it, in time order.</summary>
    public Task<List<Session>> CeremoniesAsync(int eventId, CancellationToken cancellationToken = default) =>
        db.Sessions.AsNoTracking().Include(s => s.Event)
            .Where(s => s.Kind == SessionKind.SigningCeremony && (s.EventId == eventId || s.Event!.ParentEventId == eventId))
            .OrderBy(s => s.StartsAtUtc).ThenBy(s => s.Id)
            .ToListAsync(cancellationToken);

    /// <summary>How many agreements (withdrawn ones not counted) each of the given ceremonies holds.</summary>
    public Task<Dictionary<int, int>> AgreementCountsAsync(IEnumerable<int> sessionIds, CancellationToken cancellationToken = default) =>
        db.Agreements.Where(a => sessionIds.Contains(a.SessionId) && a.Status != AgreementStatus.Withdrawn)
            .GroupBy(a => a.SessionId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

    /// <summary>A ceremony's agreements in running order, with parties, institutions and signatories.</summary>
    public Task<List<Agreement>> AgreementsAsync(int sessionId, CancellationToken cancellationToken = default) =>
        WithParties(db.Agreements.AsNoTracking().Where(a => a.SessionId == sessionId))
            .OrderBy(a => a.Position).ThenBy(a => a.Id)
            .ToListAsync(cancellationToken);

    public Task<Agreement?> FindAgreementAsync(int agreementId, CancellationToken cancellationToken = default) =>
        WithParties(db.Agreements.AsNoTracking().Include(a => a.Session).ThenInclude(s => s!.Event))
            .SingleOrDefaultAsync(a => a.Id == agreementId, cancellationToken);

    /// <summary>
    /// Where a delegate signs: the agreements (ready or signed, so settled) that name them as a signatory, with their
    /// ceremony, in time and running order. Shown to the delegate on their private page.
    /// </summary>
    public Task<List<Agreement>> SigningPlacesAsync(int registrationId, CancellationToken cancellationToken = default) =>
        WithParties(db.Agreements.AsNoTracking().Include(a => a.Session).ThenInclude(s => s!.Room)
                .Where(a => a.Parties.Any(p => p.SignatoryRegistrationId == registrationId)
                    && (a.Status == AgreementStatus.Ready || a.Status == AgreementStatus.Signed)))
            .OrderBy(a => a.Session!.StartsAtUtc).ThenBy(a => a.Position)
            .ToListAsync(cancellationToken);

    internal static IQueryable<Agreement> WithParties(IQueryable<Agreement> agreements) =>
        agreements.AsSplitQuery()
            .Include(a => a.Parties.OrderBy(p => p.Order)).ThenInclude(p => p.Institution)
            .Include(a => a.Parties).ThenInclude(p => p.Signatory)
            .Include(a => a.Parties).ThenInclude(p => p.SignatoryPerson);

    public async Task<DomainResult<Agreement>> SaveAsync(int sessionId, int? agreementId, AgreementInput input, CancellationToken cancellationToken = default)
    {
        var session = await db.Sessions.SingleOrDefaultAsync(s => s.Id == sessionId && s.Kind == SessionKind.SigningCeremony, cancellationToken);
        if (session is null)
        {
            return Fail(new DomainError("", "This signing ceremony no longer exists."));
        }

        Agreement? agreement = null;
        if (agreementId is int id)
        {
            agreement = await db.Agreements.Include(a => a.Parties).SingleOrDefaultAsync(a => a.Id == id && a.SessionId == sessionId, cancellationToken);
            if (agreement is null)
            {
                return Fail(new DomainError("", "This agreement no longer exists."));
            }

            if (agreement.Status is AgreementStatus.Signed or AgreementStatus.Withdrawn)
            {
                return Fail(new DomainError("", "A signed or withdrawn agreement cannot be changed."));
            }
        }

        var errors = new List<DomainError>();
        var languages = await Events.EventLanguages.OfEventAsync(db, session.EventId, cancellationToken);
        var title = LocalTextRules.Check(errors, nameof(AgreementInput.Title), input.Title, AgreementRules.TitleMaxLength, languages, "Enter the agreement's title.") ?? LocalText.Empty;

        if (!Enum.IsDefined(input.Kind))
        {
            errors.Add(new DomainError(nameof(AgreementInput.Kind), "Choose the kind of agreement."));
        }

        if (input.Round is < 1 or > AgreementRules.MaxRound)
        {
            errors.Add(new DomainError(nameof(AgreementInput.Round), "The round is a number from 1 to {0}.", AgreementRules.MaxRound));
        }

        if (input.Table is < 1 or > AgreementRules.MaxTable)
        {
            errors.Add(new DomainError(nameof(AgreementInput.Table), "The table is a number from 1 to {0}.", AgreementRules.MaxTable));
        }

        var parties = input.Parties.Where(p => p.InstitutionId is not null || p.SignatoryRegistrationId is not null || p.SignatoryPersonId is not null || !string.IsNullOrWhiteSpace(p.LocalTitle)).ToList();
        var (partyErrors, people) = await CheckPartiesAsync(session, agreement?.Id, input.Round, input.Table, parties, cancellationToken);
        errors.AddRange(partyErrors);
        if (errors.Count > 0)
        {
            return DomainResult<Agreement>.Failure(errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (agreement is null)
        {
            var last = await db.Agreements.Where(a => a.SessionId == sessionId).MaxAsync(a => (int?)a.Position, cancellationToken) ?? 0;
            agreement = new Agreement { SessionId = sessionId, Title = title, Position = last + 1, CreatedAtUtc = now };
            db.Agreements.Add(agreement);
        }

        agreement.Title = title;
        agreement.Kind = input.Kind;
        agreement.Round = input.Round;
        agreement.Table = input.Table;
        agreement.UpdatedAtUtc = now;
        db.AgreementParties.RemoveRange(agreement.Parties);
        agreement.Parties = parties.Select((p, i) => new AgreementParty
        {
            Order = i + 1,
            InstitutionId = p.InstitutionId!.Value,
            SignatoryPersonId = people[i].Person,
            SignatoryRegistrationId = people[i].Registration,
            LocalTitle = string.IsNullOrWhiteSpace(p.LocalTitle) ? null : p.LocalTitle.Trim(),
        }).ToList();
        await db.SaveChangesAsync(cancellationToken);
        return DomainResult<Agreement>.Success(agreement);
    }

    /// <summary>The rules for the parties, and each party's signatory as stored: the person, and their registration at the event when they have one.</summary>
    private async Task<(List<DomainError> Errors, List<(int? Person, int? Registration)> Signatories)> CheckPartiesAsync(Session session, int? agreementId, int round, int table,
        List<AgreementPartyInput> parties, CancellationToken cancellationToken)
    {
        var errors = new List<DomainError>();
        const string field = nameof(AgreementInput.Parties);
        if (parties.Count < 2)
        {
            errors.Add(new DomainError(field, "An agreement needs at least two parties, each with an institution."));
        }

        if (parties.Count > AgreementRules.MaxParties)
        {
            errors.Add(new DomainError(field, "An agreement can have at most {0} parties.", AgreementRules.MaxParties));
        }

        if (parties.Any(p => p.InstitutionId is null))
        {
            errors.Add(new DomainError(field, "Choose the institution of every party (its signatory may be chosen later)."));
        }

        if (parties.Any(p => p.SignatoryRegistrationId is not null && p.SignatoryPersonId is not null))
        {
            errors.Add(new DomainError(field, "Choose a party's signatory once: a confirmed delegate, or a planned signatory."));
        }

        if (parties.Any(p => p.LocalTitle?.Trim().Length > AgreementRules.TitleMaxLength))
        {
            errors.Add(new DomainError(field, "The title can be at most {0} characters.", AgreementRules.TitleMaxLength));
        }

        var institutionIds = parties.Where(p => p.InstitutionId is not null).Select(p => p.InstitutionId!.Value).ToList();
        var institutions = await db.Institutions.AsNoTracking().Where(i => institutionIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
        foreach (var twice in institutionIds.GroupBy(i => i).Where(g => g.Count() > 1))
        {
            errors.Add(new DomainError(field, "{0} is named twice: one institution cannot be two parties of one agreement.",
                institutions.TryGetValue(twice.Key, out var i) ? i.EnglishName : twice.Key.ToString()));
        }

        if (institutionIds.Any(i => !institutions.ContainsKey(i)))
        {
            errors.Add(new DomainError(field, "One of the institutions no longer exists."));
        }

        var signatoryIds = parties.Where(p => p.SignatoryRegistrationId is not null).Select(p => p.SignatoryRegistrationId!.Value).ToList();
        var signatories = await db.Registrations.AsNoTracking().Where(r => signatoryIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        foreach (var party in parties.Where(p => p.InstitutionId is not null && p.SignatoryRegistrationId is not null))
        {
            var institution = institutions.GetValueOrDefault(party.InstitutionId!.Value);
            if (!signatories.TryGetValue(party.SignatoryRegistrationId!.Value, out var signatory) || signatory.EventId != session.EventId)
            {
                errors.Add(new DomainError(field, "The chosen signatory is not registered for this event."));
            }
            else if (signatory.Status != RegistrationStatus.Confirmed)
            {
                errors.Add(new DomainError(field, "{0} is not a confirmed delegate: only confirmed delegates can sign.", signatory.LatinName));
            }
            else if (signatory.InstitutionId != party.InstitutionId)
            {
                errors.Add(new DomainError(field, "{0} is not a delegate of {1}: a signatory signs for their own institution.", signatory.LatinName, institution?.EnglishName ?? ""));
            }
        }

        // A planned signatory is a person of the party's institution; their registration at the event, when they have
        // one, is linked now (and by LinkRegisteredSignatoriesAsync when they register later).
        var personIds = parties.Where(p => p.SignatoryPersonId is not null).Select(p => p.SignatoryPersonId!.Value).ToList();
        var persons = await db.Delegates.AsNoTracking().Where(d => personIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, cancellationToken);
        var theirRegistrations = (await db.Registrations.AsNoTracking()
                .Where(r => r.EventId == session.EventId && r.DelegateId != null && personIds.Contains(r.DelegateId.Value)
                    && r.Status != RegistrationStatus.Cancelled && r.Status != RegistrationStatus.Declined)
                .Select(r => new { r.Id, DelegateId = r.DelegateId!.Value }).ToListAsync(cancellationToken))
            .GroupBy(r => r.DelegateId).ToDictionary(g => g.Key, g => g.First().Id);
        foreach (var party in parties.Where(p => p.SignatoryPersonId is not null))
        {
            if (!persons.TryGetValue(party.SignatoryPersonId!.Value, out var person))
            {
                errors.Add(new DomainError(field, "The planned signatory is no longer in the people directory."));
            }
            else if (party.InstitutionId is not null && person.InstitutionId != party.InstitutionId)
            {
                errors.Add(new DomainError(field, "{0} is not of {1}: a signatory signs for their own institution.", person.LatinName,
                    institutions.GetValueOrDefault(party.InstitutionId.Value)?.EnglishName ?? ""));
            }
        }

        var stored = parties.Select(p => p.SignatoryRegistrationId is int registration
            ? (signatories.GetValueOrDefault(registration)?.DelegateId, (int?)registration)
            : p.SignatoryPersonId is int planned ? ((int?)planned, theirRegistrations.TryGetValue(planned, out var linked) ? linked : (int?)null)
            : (null, null)).ToList();

        // One person cannot sit at two tables at once.
        var delegateIds = stored.Where(s => s.Item1 is not null).Select(s => s.Item1!.Value).ToList();
        var registrationIds = stored.Where(s => s.Item2 is not null).Select(s => s.Item2!.Value).ToList();
        var clashes = await db.AgreementParties.AsNoTracking()
            .Where(p => p.Agreement!.SessionId == session.Id && p.Agreement.Id != (agreementId ?? 0)
                && p.Agreement.Round == round && p.Agreement.Table != table && p.Agreement.Status != AgreementStatus.Withdrawn
                && ((p.SignatoryRegistrationId != null && registrationIds.Contains(p.SignatoryRegistrationId.Value))
                    || (p.SignatoryPersonId != null && delegateIds.Contains(p.SignatoryPersonId.Value))))
            .Select(p => new { LatinName = p.Signatory != null ? p.Signatory.LatinName : p.SignatoryPerson!.LatinName, p.Agreement!.Table, p.Agreement.Title })
            .ToListAsync(cancellationToken);
        foreach (var clash in clashes.DistinctBy(c => c.LatinName))
        {
            errors.Add(new DomainError(field, "{0} already signs at table {1} in round {2} (\"{3}\"): one signatory cannot be at two tables in the same round.",
                clash.LatinName, clash.Table, round, clash.Title));
        }

        return (errors, stored);
    }

    /// <summary>Moves an agreement one place earlier (-1) or later (+1) in the running order.</summary>
    public async Task MoveAsync(int agreementId, int direction, CancellationToken cancellationToken = default)
    {
        var agreement = await db.Agreements.SingleOrDefaultAsync(a => a.Id == agreementId, cancellationToken);
        if (agreement is null)
        {
            return;
        }

        var all = await db.Agreements.Where(a => a.SessionId == agreement.SessionId).OrderBy(a => a.Position).ThenBy(a => a.Id).ToListAsync(cancellationToken);
        var index = all.IndexOf(agreement);
        var other = index + Math.Sign(direction);
        if (other < 0 || other >= all.Count)
        {
            return;
        }

        (all[index], all[other]) = (all[other], all[index]);
        for (var i = 0; i < all.Count; i++)
        {
            all[i].Position = i + 1;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public Task<DomainResult<Agreement>> MarkReadyAsync(int agreementId, CancellationToken cancellationToken = default) =>
        ChangeAsync(agreementId, agreement =>
        {
            if (agreement.Status != AgreementStatus.Draft)
            {
                return new DomainError("", "Only a draft agreement can be marked ready.");
            }

            agreement.Status = AgreementStatus.Ready;
            return null;
        }, cancellationToken);

    /// <summary>Records the signing, at the given moment or now.</summary>
    /// <summary>
    /// Marks an agreement signed at a moment of the ceremony's day in the event's zone (now, when none is given):
    /// a certificate states that day, so a moment on another day is refused.
    /// </summary>
    public async Task<DomainResult<Agreement>> MarkSignedAsync(int agreementId, DateTime? signedAtUtc, CancellationToken cancellationToken = default)
    {
        var ceremony = await db.Sessions.Include(s => s.Event)
            .SingleOrDefaultAsync(s => db.Agreements.Any(a => a.Id == agreementId && a.SessionId == s.Id), cancellationToken);
        return await ChangeAsync(agreementId, agreement =>
        {
            if (agreement.Status is AgreementStatus.Signed or AgreementStatus.Withdrawn)
            {
                return new DomainError("", "This agreement is already signed or withdrawn.");
            }

            var now = time.GetUtcNow().UtcDateTime;
            var moment = signedAtUtc ?? now;
            if (moment > now.AddMinutes(5))
            {
                return new DomainError("", "The signing time cannot be in the future.");
            }

            var zone = EventTime.FindZone(ceremony!.Event!.TimeZoneId);
            var day = DateOnly.FromDateTime(EventTime.ToLocal(ceremony.StartsAtUtc, zone));
            if (DateOnly.FromDateTime(EventTime.ToLocal(moment, zone)) != day)
            {
                return new DomainError("", "An agreement is signed on the day of its ceremony, {0}: enter a time on that day.", day.ToString("D", System.Globalization.CultureInfo.CurrentCulture));
            }

            agreement.Status = AgreementStatus.Signed;
            agreement.SignedAtUtc = moment;
            activity.Add(Activity.ActivityKind.AgreementSigned, ceremony.EventId, agreement.Title.Default);
            return null;
        }, cancellationToken);
    }

    /// <summary>Lets staff print certificates of ready agreements before the ceremony, or stops it.</summary>
    public async Task<bool> SetCertificatesBeforeSigningAsync(int sessionId, bool allowed, CancellationToken cancellationToken = default) =>
        await db.Sessions.Where(s => s.Id == sessionId && s.Kind == SessionKind.SigningCeremony)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.CertificatesBeforeSigning, allowed), cancellationToken) == 1;

    /// <summary>Withdraws an agreement; certificates already issued for it are revoked with the same reason.</summary>
    public Task<DomainResult<Agreement>> WithdrawAsync(int agreementId, string? reason, string by, CancellationToken cancellationToken = default) =>
        ChangeAsync(agreementId, agreement =>
        {
            reason = reason?.Trim();
            if (string.IsNullOrEmpty(reason) || reason.Length > CertificateRules.ReasonMaxLength)
            {
                return new DomainError("", "Give a reason for withdrawing the agreement (at most 500 characters).");
            }

            if (agreement.Status == AgreementStatus.Withdrawn)
            {
                return new DomainError("", "This agreement is already withdrawn.");
            }

            agreement.Status = AgreementStatus.Withdrawn;
            agreement.WithdrawnReason = reason;
            var now = time.GetUtcNow().UtcDateTime;
            foreach (var certificate in db.Certificates.Where(c => c.AgreementId == agreement.Id && c.RevokedAtUtc == null))
            {
                certificate.RevokedAtUtc = now;
                certificate.RevokedReason = reason;
                certificate.RevokedBy = by;
            }

            return null;
        }, cancellationToken, checkProblems: false);

    private async Task<DomainResult<Agreement>> ChangeAsync(int agreementId, Func<Agreement, DomainError?> change,
        CancellationToken cancellationToken, bool checkProblems = true)
    {
        var agreement = await WithParties(db.Agreements).SingleOrDefaultAsync(a => a.Id == agreementId, cancellationToken);
        if (agreement is null)
        {
            return Fail(new DomainError("", "This agreement no longer exists."));
        }

        if (checkProblems && Problems(agreement) is { Count: > 0 } problems)
        {
            return DomainResult<Agreement>.Failure(problems);
        }

        if (change(agreement) is DomainError error)
        {
            return DomainResult<Agreement>.Failure([error]);
        }

        agreement.UpdatedAtUtc = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return DomainResult<Agreement>.Success(agreement);
    }

    private static DomainResult<Agreement> Fail(DomainError error) => DomainResult<Agreement>.Failure([error]);
}
