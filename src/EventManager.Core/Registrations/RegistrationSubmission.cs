using EventManager.Core.Common;
using EventManager.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Registrations;

/// <summary>
/// A submission from the public form, or a row an organiser imports: checked against every rule, then given a
/// place, a pending decision or a spot on the waiting list by the <see cref="PlacesLedger"/>.
/// </summary>
public sealed class RegistrationSubmission(EventManagerDbContext db, TimeProvider time, PlacesLedger ledger, IRegistrationNotifier notifier, TravelDocumentVault vault, AnswerFiles files)
{
    private readonly Dictionary<int, Events.Event?> checkedEvents = [];
    private readonly HashSet<int> knownInstitutions = [];
    private readonly Dictionary<int, PrivacyNotice?> notices = [];

    /// <summary>
    /// Takes a submission from the public form, or (<paramref name="byOrganiser"/>) one an organiser imports:
    /// that one skips the opening dates and the approval step, but never the capacity.
    /// </summary>
    public Task<DomainResult<IReadOnlyList<Registration>>> RegisterAsync(int eventId, RegistrationRequest request, CancellationToken cancellationToken = default, bool byOrganiser = false) =>
        RegisterAsync(eventId, request, null, byOrganiser, cancellationToken);

    /// <summary>
    /// A submission through an invitation's link: the person registering is the invited person (their address, their
    /// directory record), alone or, for an institution's contact, with the delegation they nominate. The invitation is
    /// answered in the same unit of work. It works while the invitation is open, also at an invitation-only event.
    /// </summary>
    public async Task<DomainResult<IReadOnlyList<Registration>>> RegisterInvitedAsync(string token, RegistrationRequest request, CancellationToken cancellationToken = default)
    {
        var invitation = await db.Invitations.Include(i => i.Event).Include(i => i.Person).SingleOrDefaultAsync(i => i.Token == token, cancellationToken);
        if (invitation?.Person?.Email is not { } email)
        {
            return DomainResult<IReadOnlyList<Registration>>.Failure("", "This invitation no longer exists.");
        }

        switch ((await Invitations.InvitationService.OpenAsync(db, invitation, time.GetUtcNow().UtcDateTime, cancellationToken)).State)
        {
            case Invitations.InvitationState.Registered:
                return DomainResult<IReadOnlyList<Registration>>.Failure("", "You registered through this invitation already: your confirmation message has your private link.");
            case Invitations.InvitationState.Declined:
                return DomainResult<IReadOnlyList<Registration>>.Failure("", "You declined this invitation. If you can come after all, ask the organisers for a new one.");
            case Invitations.InvitationState.Withdrawn:
                return DomainResult<IReadOnlyList<Registration>>.Failure("", "This invitation was withdrawn by the organisers.");
            case Invitations.InvitationState.Expired:
                return DomainResult<IReadOnlyList<Registration>>.Failure("", "This invitation has expired: registration has closed or its answer-by time has passed.");
        }

        if (invitation.Kind == Invitations.InvitationKind.Personal && request.Companions.Count > 0)
        {
            return DomainResult<IReadOnlyList<Registration>>.Failure("", "This invitation is for you alone: the people coming with you need their own invitations.");
        }

        // The invited person registers under the address the invitation went to, whatever the form says.
        return await RegisterAsync(invitation.EventId, request with { Head = request.Head with { Email = email } }, invitation, byOrganiser: false, cancellationToken);
    }

    private async Task<DomainResult<IReadOnlyList<Registration>>> RegisterAsync(int eventId, RegistrationRequest request, Invitations.Invitation? invitation, bool byOrganiser, CancellationToken cancellationToken)
    {
        // Before anything else, so an invitation-only event answers every address alike (a registered one too).
        if (!byOrganiser && invitation is null && await db.RegistrationPolicies.AnyAsync(p => p.EventId == eventId && p.InvitationOnly, cancellationToken))
        {
            return DomainResult<IReadOnlyList<Registration>>.Failure("", "This event is by invitation only: use the link in your invitation to register.");
        }

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
        if (taken.Count > 0 && byOrganiser)
        {
            return AlreadyRegistered(emails, taken);
        }

        if (taken.Count > 0)
        {
            // The public form answers a registered address exactly as a new one ("we sent you a message"), so nobody
            // learns from it who is registered. The address's owner gets their own private link again instead, at most
            // once an hour; a registered companion stays as they were while the rest of the delegation is registered.
            var already = await db.Registrations.Where(r => r.EventId == eventId && taken.Contains(r.Email)).ToListAsync(cancellationToken);
            await notifier.AddAsync(RegistrationNotice.TriedAgain, already, cancellationToken);
            if (taken.Contains(emails[0]))
            {
                if (invitation is not null)
                {
                    // Registered before the invitation was answered (by the public form, or an organiser's import).
                    Answer(invitation, already.First(r => r.Email == emails[0]));
                }

                await db.SaveChangesAsync(cancellationToken);
                return DomainResult<IReadOnlyList<Registration>>.Success([]);
            }

            var kept = Enumerable.Range(0, people.Count).Where(i => !taken.Contains(emails[i])).ToList();
            people = kept.Select(i => people[i]).ToList();
            emails = kept.Select(i => emails[i]).ToList();
        }

        var delegates = await LinkDelegatesAsync(people, emails, request, cancellationToken);
        if (invitation is not null)
        {
            // The invitation names the person: their directory record, even where another one shares nothing with it.
            delegates[emails[0]] = invitation.Person!;
        }

        DomainResult<IReadOnlyList<Registration>> result;
        try
        {
            result = await ledger.ChangeAsync<IReadOnlyList<Registration>>(eventId, async policy =>
            {
                var now = time.GetUtcNow().UtcDateTime;
                if (!byOrganiser && !policy.IsOpenAt(now))
                {
                    return DomainResult<IReadOnlyList<Registration>>.Failure("", "Registration for this event is not open.");
                }

                var created = await PlaceAsync(policy, eventId, request, people, emails, delegates, answers, byOrganiser, now, cancellationToken);
                if (invitation is not null)
                {
                    Answer(invitation, created[0]);
                }

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

            return byOrganiser ? AlreadyRegistered(emails, nowTaken) : DomainResult<IReadOnlyList<Registration>>.Success([]);
        }

        if (result.Succeeded && result.Value!.Count > 0)
        {
            // A rector planned to sign is linked to the registration they now have: the ceremony's flags follow.
            await Ceremonies.CeremonyService.LinkRegisteredSignatoriesAsync(db, eventId, cancellationToken);
        }

        return result;
    }

    /// <summary>
    /// Inside the event's places lock: gives the people of one submission a place, a pending decision or a spot on the
    /// waiting list, adds their registrations and the "received" notice to the unit of work.
    /// </summary>
    private async Task<List<Registration>> PlaceAsync(RegistrationPolicy policy, int eventId, RegistrationRequest request, List<PersonDetails> people, List<string> emails,
        Dictionary<string, Delegate> delegates, List<RegistrationAnswer> answers, bool byOrganiser, DateTime now, CancellationToken cancellationToken)
    {
        var status = policy.RequiresApproval && !byOrganiser
            ? RegistrationStatus.Pending
            : await ledger.HasRoomAsync(policy, request.InstitutionId, people.Count, cancellationToken) ? RegistrationStatus.Confirmed : RegistrationStatus.Waitlisted;

        var delegation = Guid.NewGuid();
        // The sender agreed for the people they register: each registration keeps the version of the notice shown.
        var consent = request.Consented == true && notices.GetValueOrDefault(eventId) is { IsShown: true } notice ? notice.Version : (int?)null;
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
            // The passport is the person's who typed it: the others give theirs through their own links.
            TravelDocument = i == 0 && request.NeedsVisaLetter && request.TravelDocument?.Read([], Today) is { } document ? vault.Seal(document) : null,
            Delegate = delegates[emails[i]],
            // The answers are the submission's, like its travel dates: each person of a delegation carries them.
            // A file (a passport scan) is the sender's own, like their passport number: the others give theirs themselves.
            Answers = answers.Where(a => i == 0 || a.SealedFile is null)
                .Select(a => new RegistrationAnswer { QuestionId = a.QuestionId, Value = a.Value, SealedFile = a.SealedFile, ContentType = a.ContentType }).ToList(),
            CreatedAtUtc = now,
            UpdatedAtUtc = now,
            DecidedAtUtc = status == RegistrationStatus.Pending ? null : now,
            ConsentVersion = consent,
            ConsentedAtUtc = consent is null ? null : now,
        }).ToList();

        if (status == RegistrationStatus.Confirmed)
        {
            policy.ConfirmedCount += created.Count;
        }

        db.Registrations.AddRange(created);
        await notifier.AddAsync(RegistrationNotice.Received, created, cancellationToken);
        return created;
    }

    /// <summary>
    /// Registers an import's rows under the event's lock, in the caller's change (see
    /// <see cref="PlacesLedger.ChangeAsync{T}"/>): the rules were checked when the file was read. Returns each row's
    /// registrations, or null where the address was registered meanwhile.
    /// </summary>
    public async Task<List<List<Registration>?>> PlaceImportedAsync(RegistrationPolicy policy, int eventId, IReadOnlyList<RegistrationRequest> requests, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var all = requests.SelectMany(r => new[] { r.Head }.Concat(r.Companions)).Select(p => RegistrationRules.NormalizeEmail(p.Email)).Distinct().ToList();
        var taken = await RegisteredEmailsAsync(eventId, all, cancellationToken);
        // The people already known, for the whole batch in one query rather than one a row.
        var known = await db.Delegates.Where(d => d.Email != null && all.Contains(d.Email)).ToDictionaryAsync(d => d.Email!, cancellationToken);
        var placed = new List<List<Registration>?>();
        foreach (var request in requests)
        {
            var people = new List<PersonDetails> { request.Head };
            people.AddRange(request.Companions);
            var emails = people.Select(p => RegistrationRules.NormalizeEmail(p.Email)).ToList();
            if (emails.Any(taken.Contains))
            {
                placed.Add(null);
                continue;
            }

            var delegates = await LinkDelegatesAsync(people, emails, request, cancellationToken, known);
            placed.Add(await PlaceAsync(policy, eventId, request, people, emails, delegates, [], byOrganiser: true, now, cancellationToken));
        }

        return placed;
    }

    /// <summary>Every rule a submission must meet before it is worth taking the lock; writes nothing.</summary>
    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public async Task<List<DomainError>> ValidateAsync(int eventId, RegistrationRequest request, CancellationToken cancellationToken = default) =>
        (await CheckAsync(eventId, request, cancellationToken)).Errors;

    /// <summary>The broken rules, and the answers to the event's questions worth storing when there are none.</summary>
    private async Task<(List<DomainError> Errors, List<RegistrationAnswer> Answers)> CheckAsync(int eventId, RegistrationRequest request, CancellationToken cancellationToken)
    {
        // An import checks thousands of rows against one event in one scope: it is read once.
        if (!checkedEvents.TryGetValue(eventId, out var ev))
        {
            ev = await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == eventId, cancellationToken);
            checkedEvents[eventId] = ev;
        }

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
        // Asked on the public form (an import carries no answers, and no passports) of whoever wants a letter.
        var document = request.NeedsVisaLetter ? request.TravelDocument?.Read(errors, Today) : null;
        if (request.NeedsVisaLetter && document is null && request.TravelDocument is null or { IsBlank: true } && request.Answers is not null)
        {
            errors.Add(new DomainError("PassportNumber", "For the invitation letter, enter your passport number, nationality and date of birth."));
        }

        // The form asks for agreement (Consented is set); an import, whose people agreed elsewhere, does not.
        if (request.Consented is { } consented)
        {
            if (!notices.TryGetValue(eventId, out var notice))
            {
                notice = await db.PrivacyNotices.AsNoTracking().SingleOrDefaultAsync(n => n.EventId == eventId, cancellationToken);
                notices[eventId] = notice;
            }

            if (notice is { RequiresConsent: true, IsShown: true } && !consented)
            {
                errors.Add(new DomainError("Consented", "Tick the box to say you agree to the privacy notice; without it we cannot register you."));
            }
        }

        // Imports carry no answers: only the public form is held to the event's own questions.
        var answers = request.Answers is null ? [] : RegistrationQuestions.Check(errors, await new RegistrationQuestions(db).ListAsync(eventId, cancellationToken), request.Answers, files, request.Files);
        return (errors, answers);
    }

    /// <summary>Addresses among these that already have a registration at the event.</summary>
    public async Task<IReadOnlySet<string>> RegisteredEmailsAsync(int eventId, IEnumerable<string> emails, CancellationToken cancellationToken = default)
    {
        var wanted = emails.Select(RegistrationRules.NormalizeEmail).Distinct().ToList();
        var found = await db.Registrations.Where(r => r.EventId == eventId && wanted.Contains(r.Email)).Select(r => r.Email).ToListAsync(cancellationToken);
        return found.ToHashSet();
    }

    private async Task CheckInstitutionAsync(List<DomainError> errors, int? institutionId, string? proposedName, string? proposedNativeName, CancellationToken cancellationToken)
    {
        if (institutionId is int id)
        {
            if (!knownInstitutions.Contains(id) && !await db.Institutions.AnyAsync(i => i.Id == id, cancellationToken))
            {
                errors.Add(new DomainError("InstitutionId", "Choose your institution from the list, or enter its name if it is not there."));
            }
            else
            {
                knownInstitutions.Add(id);
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
    private async Task<Dictionary<string, Delegate>> LinkDelegatesAsync(List<PersonDetails> people, List<string> emails, RegistrationRequest request, CancellationToken cancellationToken, IReadOnlyDictionary<string, Delegate>? preloaded = null)
    {
        var known = preloaded is null
            ? await db.Delegates.Where(d => d.Email != null && emails.Contains(d.Email)).ToListAsync(cancellationToken)
            : emails.Select(e => preloaded.GetValueOrDefault(e)).OfType<Delegate>().ToList();
        var byEmail = known.ToDictionary(d => d.Email!);
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
                    CreatedAtUtc = time.GetUtcNow().UtcDateTime,
                };
                db.Delegates.Add(added);
                byEmail[emails[i]] = added;
            }
        }

        return byEmail;
    }

    private void Answer(Invitations.Invitation invitation, Registration registration)
    {
        invitation.Status = Invitations.InvitationStatus.Registered;
        invitation.Registration = registration;
        invitation.AnsweredAtUtc = time.GetUtcNow().UtcDateTime;
    }

    private static DomainResult<IReadOnlyList<Registration>> AlreadyRegistered(List<string> emails, IReadOnlySet<string> taken) =>
        DomainResult<IReadOnlyList<Registration>>.Failure(emails.Where(taken.Contains).Select(email => new DomainError(
            emails.IndexOf(email) == 0 ? "Email" : $"Companions[{emails.IndexOf(email) - 1}].Email",
            "{0} is already registered for this event. The confirmation message sent to that address has a link to see or change the registration.", email)).ToList());
}
