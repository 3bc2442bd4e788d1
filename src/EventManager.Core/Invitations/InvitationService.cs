using EventManager.Core.Activity;
using EventManager.Core.Common;
using EventManager.Core.Data;
using EventManager.Core.Registrations;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Invitations;

/// <summary>An invitation as its link's holder sees it: the invitation with its person and event, and where it stands now.</summary>
public sealed record OpenedInvitation(Invitation Invitation, RegistrationPolicy? Policy, InvitationState State, DateTime ExpiryUtc);

/// <summary>What an invitation round did: who got one, and who was left out and why (already invited, registered, no address).</summary>
public sealed record InvitationRound(IReadOnlyList<Invitation> Sent, IReadOnlyList<string> Skipped);

/// <summary>An institution's answers at an event: invitations and registrations counted together.</summary>
public sealed record InstitutionResponse(int? InstitutionId, string Name, int Invited, int Registered, int Confirmed, int Declined, int NoAnswer);

/// <summary>
/// Inviting people of the directory to an event: sending, sending again, withdrawing, declining, and the figures per
/// institution. Registering through an invitation is <see cref="RegistrationSubmission"/>'s, which binds it to the person.
/// </summary>
public sealed class InvitationService(EventManagerDbContext db, TimeProvider time, IInvitationNotifier notifier, ActivityLog activity)
{
    public const int DeclineReasonMaxLength = 1000;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<IReadOnlyList<OpenedInvitation>> ListAsync(int eventId, CancellationToken cancellationToken = default)
    {
        var ev = await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == eventId, cancellationToken);
        if (ev is null)
        {
            return [];
        }

        var policy = await db.RegistrationPolicies.AsNoTracking().SingleOrDefaultAsync(p => p.EventId == eventId, cancellationToken);
        var invitations = await db.Invitations.AsNoTracking().Include(i => i.Person!).ThenInclude(p => p.Institution).Include(i => i.Registration)
            .Where(i => i.EventId == eventId).ToListAsync(cancellationToken);
        return invitations
            .OrderBy(i => i.Person!.Institution?.CountryCode).ThenBy(i => i.Person!.Institution?.EnglishName).ThenBy(i => i.Person!.LatinName)
            .Select(i => Open(i, policy, ev.EndsAtUtc)).ToList();
    }

    /// <summary>The invitation behind a link, with its event and person; null for an unknown token.</summary>
    public async Task<OpenedInvitation?> FindByTokenAsync(string token, CancellationToken cancellationToken = default)
    {
        var invitation = await db.Invitations.AsNoTracking().Include(i => i.Event).Include(i => i.Person!).ThenInclude(p => p.Institution).Include(i => i.Registration)
            .SingleOrDefaultAsync(i => i.Token == token, cancellationToken);
        if (invitation is null)
        {
            return null;
        }

        return await OpenAsync(db, invitation, Now, cancellationToken);
    }

    private OpenedInvitation Open(Invitation invitation, RegistrationPolicy? policy, DateTime eventEndsAtUtc) =>
        new(invitation, policy, invitation.StateAt(Now, policy, eventEndsAtUtc), invitation.ExpiryUtc(policy, eventEndsAtUtc));

    /// <summary>Where an invitation (its event loaded) stands at <paramref name="now"/>, read with its event's registration policy.</summary>
    public static async Task<OpenedInvitation> OpenAsync(EventManagerDbContext db, Invitation invitation, DateTime now, CancellationToken cancellationToken = default)
    {
        var policy = await db.RegistrationPolicies.AsNoTracking().SingleOrDefaultAsync(p => p.EventId == invitation.EventId, cancellationToken);
        var ends = invitation.Event!.EndsAtUtc;
        return new OpenedInvitation(invitation, policy, invitation.StateAt(now, policy, ends), invitation.ExpiryUtc(policy, ends));
    }

    /// <summary>
    /// Invites these people, each with their own link, as themselves or as their institution's contact. People already
    /// invited (and not withdrawn), already registered, or without an address are left out and named in the report.
    /// </summary>
    public async Task<DomainResult<InvitationRound>> InviteAsync(int eventId, IReadOnlyCollection<int> personIds, InvitationKind kind, DateTime? answerByUtc, CancellationToken cancellationToken = default)
    {
        var ev = await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == eventId, cancellationToken);
        if (ev is null)
        {
            return DomainResult<InvitationRound>.Failure("", "This event no longer exists.");
        }

        if (personIds.Count == 0)
        {
            return DomainResult<InvitationRound>.Failure("PersonIds", "Tick the people to invite.");
        }

        if (answerByUtc is { } by && (by <= Now || by > ev.EndsAtUtc))
        {
            return DomainResult<InvitationRound>.Failure("AnswerBy", "Choose an answer-by time after now and before the event ends.");
        }

        if (!Enum.IsDefined(kind))
        {
            return DomainResult<InvitationRound>.Failure("Kind", "Choose how the people are invited.");
        }

        var people = await db.Delegates.Where(d => personIds.Contains(d.Id)).OrderBy(d => d.LatinName).ToListAsync(cancellationToken);
        var invited = await db.Invitations.Where(i => i.EventId == eventId && personIds.Contains(i.PersonId) && i.Status != InvitationStatus.Withdrawn)
            .Select(i => i.PersonId).ToListAsync(cancellationToken);
        var registered = await db.Registrations.Where(r => r.EventId == eventId && r.DelegateId != null && personIds.Contains(r.DelegateId.Value))
            .Select(r => r.DelegateId!.Value).ToListAsync(cancellationToken);
        var skipped = new List<string>();
        var sent = new List<Invitation>();
        foreach (var person in people)
        {
            if (person.Email is null)
            {
                skipped.Add(person.LatinName);
                continue;
            }

            if (invited.Contains(person.Id) || registered.Contains(person.Id))
            {
                skipped.Add(person.LatinName);
                continue;
            }

            sent.Add(new Invitation
            {
                EventId = eventId,
                PersonId = person.Id,
                Person = person,
                Kind = kind,
                Token = RegistrationRules.NewToken(),
                ExpiresAtUtc = answerByUtc,
                CreatedAtUtc = Now,
                LastSentAtUtc = Now,
                TimesSent = 1,
            });
        }

        if (sent.Count == 0)
        {
            return DomainResult<InvitationRound>.Failure("PersonIds", "None of them can be invited: each is invited already, registered, or has no email address.");
        }

        db.Invitations.AddRange(sent);
        await notifier.AddAsync(InvitationNotice.Invited, sent, cancellationToken);
        activity.Add(ActivityKind.InvitationsSent, eventId, sent.Count);
        db.AfterCommit.ReplanReminders(eventId);
        await db.SaveChangesAsync(cancellationToken);
        return DomainResult<InvitationRound>.Success(new InvitationRound(sent, skipped));
    }

    /// <summary>Sends an unanswered, unexpired invitation again: the same link, a new message.</summary>
    public async Task<DomainResult<Invitation>> SendAgainAsync(int eventId, int invitationId, CancellationToken cancellationToken = default)
    {
        var (invitation, error) = await ChangeableAsync(eventId, invitationId, cancellationToken);
        if (invitation is null)
        {
            return DomainResult<Invitation>.Failure([error!]);
        }

        invitation.LastSentAtUtc = Now;
        invitation.TimesSent++;
        await notifier.AddAsync(InvitationNotice.SentAgain, [invitation], cancellationToken);
        activity.Add(ActivityKind.InvitationSentAgain, eventId, invitation.Person!.LatinName);
        await db.SaveChangesAsync(cancellationToken);
        return DomainResult<Invitation>.Success(invitation);
    }

    /// <summary>Withdraws an unanswered invitation: its link stops working at once and its reminders are not sent.</summary>
    public async Task<DomainResult<Invitation>> WithdrawAsync(int eventId, int invitationId, CancellationToken cancellationToken = default)
    {
        var (invitation, error) = await ChangeableAsync(eventId, invitationId, cancellationToken, expiredToo: true);
        if (invitation is null)
        {
            return DomainResult<Invitation>.Failure([error!]);
        }

        invitation.Status = InvitationStatus.Withdrawn;
        invitation.AnsweredAtUtc = Now;
        activity.Add(ActivityKind.InvitationWithdrawn, eventId, invitation.Person!.LatinName);
        db.AfterCommit.ReplanReminders(eventId);
        await db.SaveChangesAsync(cancellationToken);
        return DomainResult<Invitation>.Success(invitation);
    }

    private async Task<(Invitation? Invitation, DomainError? Error)> ChangeableAsync(int eventId, int invitationId, CancellationToken cancellationToken, bool expiredToo = false)
    {
        var invitation = await db.Invitations.Include(i => i.Event).Include(i => i.Person).SingleOrDefaultAsync(i => i.Id == invitationId && i.EventId == eventId, cancellationToken);
        if (invitation is null)
        {
            return (null, new DomainError("", "This invitation no longer exists."));
        }

        return (await OpenAsync(db, invitation, Now, cancellationToken)).State switch
        {
            InvitationState.Open => (invitation, null),
            InvitationState.Expired when expiredToo => (invitation, null),
            InvitationState.Expired => (null, new DomainError("", "The invitation to {0} has expired: registration closed or its answer-by time passed.", invitation.Person!.LatinName)),
            _ => (null, new DomainError("", "{0} has answered the invitation already, or it was withdrawn.", invitation.Person!.LatinName)),
        };
    }

    /// <summary>The person declines through their link, with a reason if they give one.</summary>
    public async Task<DomainResult<Invitation>> DeclineAsync(string token, string? reason, CancellationToken cancellationToken = default)
    {
        var invitation = await db.Invitations.Include(i => i.Event).Include(i => i.Person).SingleOrDefaultAsync(i => i.Token == token, cancellationToken);
        if (invitation is null)
        {
            return DomainResult<Invitation>.Failure("", "This invitation no longer exists.");
        }

        var errors = new List<DomainError>();
        RegistrationRules.CheckLength(errors, "Reason", reason, DeclineReasonMaxLength);
        if (errors.Count > 0)
        {
            return DomainResult<Invitation>.Failure(errors);
        }

        switch ((await OpenAsync(db, invitation, Now, cancellationToken)).State)
        {
            case InvitationState.Declined:
                return DomainResult<Invitation>.Success(invitation);
            case InvitationState.Registered:
                return DomainResult<Invitation>.Failure("", "You registered through this invitation: to cancel, use the link in your confirmation message.");
            case InvitationState.Withdrawn:
                return DomainResult<Invitation>.Failure("", "This invitation was withdrawn by the organisers.");
        }

        // Declining an expired invitation still tells the organisers the person will not come.
        invitation.Status = InvitationStatus.Declined;
        invitation.AnsweredAtUtc = Now;
        invitation.DeclineReason = RegistrationRules.Clean(reason);
        activity.Add(ActivityKind.InvitationDeclined, invitation.EventId, "");
        db.AfterCommit.ReplanReminders(invitation.EventId);
        await db.SaveChangesAsync(cancellationToken);
        return DomainResult<Invitation>.Success(invitation);
    }

    /// <summary>
    /// Per institution of the event: people invited, registered (not cancelled or declined), confirmed, who declined the
    /// invitation, and who has not answered (unanswered and unexpired). Three grouped queries, whatever the numbers.
    /// </summary>
    public async Task<IReadOnlyList<InstitutionResponse>> ResponsesAsync(int eventId, CancellationToken cancellationToken = default)
    {
        var ev = await db.Events.AsNoTracking().SingleAsync(e => e.Id == eventId, cancellationToken);
        var policy = await db.RegistrationPolicies.AsNoTracking().SingleOrDefaultAsync(p => p.EventId == eventId, cancellationToken);
        return await ResponsesAsync(ev, policy, cancellationToken);
    }

    /// <summary>The same, for an event and policy the caller has read already.</summary>
    public async Task<IReadOnlyList<InstitutionResponse>> ResponsesAsync(Events.Event ev, RegistrationPolicy? policy, CancellationToken cancellationToken = default)
    {
        var eventId = ev.Id;
        var expiry = new[] { policy?.ClosesAtUtc, ev.EndsAtUtc }.OfType<DateTime>().Min();
        var now = Now;
        var invitations = await db.Invitations.Where(i => i.EventId == eventId && i.Status != InvitationStatus.Withdrawn)
            .GroupBy(i => new { i.Person!.InstitutionId, i.Status, Expired = now >= expiry || (i.ExpiresAtUtc != null && now >= i.ExpiresAtUtc) })
            .Select(g => new { g.Key.InstitutionId, g.Key.Status, g.Key.Expired, Count = g.Count() }).ToListAsync(cancellationToken);
        var registrations = await db.Registrations.Where(r => r.EventId == eventId && r.Status != RegistrationStatus.Cancelled && r.Status != RegistrationStatus.Declined)
            .GroupBy(r => new { r.InstitutionId, r.Status }).Select(g => new { g.Key.InstitutionId, g.Key.Status, Count = g.Count() }).ToListAsync(cancellationToken);
        var ids = invitations.Select(i => i.InstitutionId).Concat(registrations.Select(r => r.InstitutionId)).OfType<int>().Distinct().ToList();
        var names = await db.Institutions.Where(i => ids.Contains(i.Id)).Select(i => new { i.Id, i.EnglishName, i.CountryCode }).ToListAsync(cancellationToken);
        var rows = names.OrderBy(n => n.CountryCode).ThenBy(n => n.EnglishName).Select(n => (int?)n.Id).ToList();
        if (invitations.Any(i => i.InstitutionId is null) || registrations.Any(r => r.InstitutionId is null))
        {
            rows.Add(null);
        }

        return rows.Select(id => new InstitutionResponse(id, names.FirstOrDefault(n => n.Id == id)?.EnglishName ?? "",
            invitations.Where(i => i.InstitutionId == id).Sum(i => i.Count),
            registrations.Where(r => r.InstitutionId == id).Sum(r => r.Count),
            registrations.Where(r => r.InstitutionId == id && r.Status == RegistrationStatus.Confirmed).Sum(r => r.Count),
            invitations.Where(i => i.InstitutionId == id && i.Status == InvitationStatus.Declined).Sum(i => i.Count),
            invitations.Where(i => i.InstitutionId == id && i.Status == InvitationStatus.Sent && !i.Expired).Sum(i => i.Count))).ToList();
    }

    /// <summary>People who cannot be invited to the event again: invited (and not withdrawn) or registered there.</summary>
    public async Task<IReadOnlySet<int>> TakenAsync(int eventId, CancellationToken cancellationToken = default)
    {
        var taken = (await InvitedPeopleAsync(db, eventId, cancellationToken)).ToHashSet();
        taken.UnionWith(await db.Registrations.Where(r => r.EventId == eventId && r.DelegateId != null).Select(r => r.DelegateId!.Value).ToListAsync(cancellationToken));
        return taken;
    }

    /// <summary>People of the directory with a live invitation to the event (sent or answered, not withdrawn).</summary>
    public static async Task<IReadOnlySet<int>> InvitedPeopleAsync(EventManagerDbContext db, int eventId, CancellationToken cancellationToken = default) =>
        (await db.Invitations.Where(i => i.EventId == eventId && i.Status != InvitationStatus.Withdrawn).Select(i => i.PersonId).ToListAsync(cancellationToken)).ToHashSet();
}
