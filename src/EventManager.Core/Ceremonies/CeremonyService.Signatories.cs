using EventManager.Core.Agenda;
using EventManager.Core.Certificates;
using EventManager.Core.Common;
using EventManager.Core.Data;
using EventManager.Core.Events;
using EventManager.Core.Registrations;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Ceremonies;

/// <summary>Who signs: the rules that flag a party waiting for its signatory, and who may be chosen or planned.</summary>
public sealed partial class CeremonyService
{
    /// <summary>
    /// What stands between an agreement and its signing: a party with no signatory chosen yet, a planned signatory who
    /// is not invited, has not registered or is not confirmed, one whose registration was cancelled. Such an agreement
    /// is flagged, and cannot be signed or printed until mended.
    /// </summary>
    /// <param name="invited">
    /// The people with an invitation to the event (<see cref="Invitations.InvitationService.InvitedPeopleAsync"/>), to tell
    /// "not invited" from "invited, not registered"; without it both read "has not registered yet".
    /// </param>
    public static IReadOnlyList<DomainError> Problems(Agreement agreement, IReadOnlySet<int>? invited = null)
    {
        if (agreement.Status == AgreementStatus.Withdrawn)
        {
            return [];
        }

        return agreement.Parties.OrderBy(p => p.Order).Select(p => Problem(p, invited)).OfType<DomainError>().ToList();
    }

    private static DomainError? Problem(AgreementParty p, IReadOnlySet<int>? invited)
    {
        var institution = p.Institution?.EnglishName ?? "";
        return p.Signatory switch
        {
            null when p.SignatoryPerson is null => new DomainError("Parties", "{0} has no signatory yet: choose who signs for it.", institution),
            null when invited is not null && !invited.Contains(p.SignatoryPerson.Id) =>
                new DomainError("Parties", "{0}, who signs for {1}, is not invited yet: invite them from the event's invitations.", p.SignatoryPerson.LatinName, institution),
            null when invited is not null => new DomainError("Parties", "{0}, who signs for {1}, is invited but has not registered yet.", p.SignatoryPerson.LatinName, institution),
            null => new DomainError("Parties", "{0}, who signs for {1}, has not registered for the event yet.", p.SignatoryPerson.LatinName, institution),
            { Status: RegistrationStatus.Cancelled } => new DomainError("Parties", "{0} cancelled their registration: choose another signatory for {1}.", p.Signatory.LatinName, institution),
            { Status: RegistrationStatus.Pending or RegistrationStatus.Waitlisted } when p.Signatory.InstitutionId == p.InstitutionId =>
                new DomainError("Parties", "{0}, who signs for {1}, is registered but not confirmed yet.", p.Signatory.LatinName, institution),
            _ when p.Signatory.Status != RegistrationStatus.Confirmed || p.Signatory.InstitutionId != p.InstitutionId =>
                new DomainError("Parties", "{0} is no longer a confirmed delegate of {1}: choose another signatory.", p.Signatory.LatinName, institution),
            _ => null,
        };
    }

    /// <summary>
    /// The rule of <see cref="Problems"/> as the database can count it: a party with no signatory, a planned one not
    /// registered, one not (or no longer) confirmed, or of another institution. Signed and withdrawn agreements are done.
    /// </summary>
    public static readonly System.Linq.Expressions.Expression<Func<Agreement, bool>> IsFlagged = a =>
        a.Status != AgreementStatus.Withdrawn && a.Status != AgreementStatus.Signed
        && a.Parties.Any(p => p.Signatory == null || p.Signatory.Status != RegistrationStatus.Confirmed || p.Signatory.InstitutionId != p.InstitutionId);

    /// <summary>
    /// The flagged agreements of an event's ceremonies (its own and those of the events inside it), in running order,
    /// each with what its parties wait for: the event home lists them.
    /// </summary>
    public async Task<IReadOnlyList<(Agreement Agreement, IReadOnlyList<DomainError> Problems)>> WaitingAsync(int eventId, int max, CancellationToken cancellationToken = default)
    {
        var agreements = await db.Agreements.AsNoTracking().AsSplitQuery()
            .Include(a => a.Parties).ThenInclude(p => p.Institution)
            .Include(a => a.Parties).ThenInclude(p => p.Signatory)
            .Include(a => a.Parties).ThenInclude(p => p.SignatoryPerson)
            .Where(a => a.Session!.Kind == SessionKind.SigningCeremony && (a.Session.EventId == eventId || a.Session.Event!.ParentEventId == eventId))
            .Where(IsFlagged)
            .OrderBy(a => a.Session!.StartsAtUtc).ThenBy(a => a.Position).Take(max)
            .ToListAsync(cancellationToken);
        var invited = await InvitedPeopleAsync(eventId, cancellationToken);
        return agreements.Select(a => (a, Problems(a, invited))).ToList();
    }

    /// <summary>People with an invitation to the event, for <see cref="Problems"/>.</summary>
    public Task<IReadOnlySet<int>> InvitedPeopleAsync(int eventId, CancellationToken cancellationToken = default) =>
        Invitations.InvitationService.InvitedPeopleAsync(db, eventId, cancellationToken);

    /// <summary>
    /// People of the directory who may be planned to sign for an institution: those with an institution, registered or
    /// not, who have not cancelled or been declined at the ceremony's event.
    /// </summary>
    public async Task<List<Delegate>> PlannedSignatoriesAsync(int sessionId, CancellationToken cancellationToken = default)
    {
        var eventId = await db.Sessions.Where(s => s.Id == sessionId).Select(s => s.EventId).SingleAsync(cancellationToken);
        return await db.Delegates.AsNoTracking().Include(d => d.Institution)
            .Where(d => d.InstitutionId != null && !db.Registrations.Any(r => r.DelegateId == d.Id && r.EventId == eventId
                && (r.Status == RegistrationStatus.Cancelled || r.Status == RegistrationStatus.Declined)))
            .OrderBy(d => d.Institution!.CountryCode).ThenBy(d => d.Institution!.EnglishName).ThenBy(d => d.LatinName)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Links planned signatories to the registrations they now have at the event (after they registered): one update,
    /// run after every registration, so the ceremony's flags follow without an organiser.
    /// </summary>
    public static Task<int> LinkRegisteredSignatoriesAsync(EventManagerDbContext db, int eventId, CancellationToken cancellationToken = default) =>
        db.AgreementParties
            .Where(p => p.SignatoryRegistrationId == null && p.SignatoryPersonId != null && p.Agreement!.Session!.EventId == eventId)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.SignatoryRegistrationId, p => db.Registrations
                .Where(r => r.EventId == eventId && r.DelegateId == p.SignatoryPersonId
                    && r.Status != RegistrationStatus.Cancelled && r.Status != RegistrationStatus.Declined)
                .Select(r => (int?)r.Id).FirstOrDefault()), cancellationToken);

    /// <summary>Who may sign: confirmed delegates of the ceremony's event who belong to an institution.</summary>
    public async Task<List<Registration>> SignatoriesAsync(int sessionId, CancellationToken cancellationToken = default)
    {
        var eventId = await db.Sessions.Where(s => s.Id == sessionId).Select(s => s.EventId).SingleAsync(cancellationToken);
        return await db.Registrations.AsNoTracking().Include(r => r.Institution)
            .Where(r => r.EventId == eventId && r.Status == RegistrationStatus.Confirmed && r.InstitutionId != null)
            .OrderBy(r => r.Institution!.CountryCode).ThenBy(r => r.Institution!.EnglishName).ThenBy(r => r.LatinName)
            .ToListAsync(cancellationToken);
    }
}
