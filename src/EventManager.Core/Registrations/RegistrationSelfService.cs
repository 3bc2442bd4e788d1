using EventManager.Core.Activity;
using EventManager.Core.Common;
using EventManager.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Registrations;

/// <summary>What a delegate does through the private link in their confirmation: see, correct or cancel their registration.</summary>
public sealed class RegistrationSelfService(EventManagerDbContext db, TimeProvider time, PlacesLedger ledger, IRegistrationNotifier notifier, ActivityLog activity, TravelDocumentVault vault, AnswerFiles files)
{
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
            return DomainResult<Registration>.Failure("", "This registration link is not valid.");
        }

        if (registration.Status is RegistrationStatus.Cancelled or RegistrationStatus.Declined)
        {
            return DomainResult<Registration>.Failure("", "This registration is closed and can no longer be changed.");
        }

        var errors = await ApplyAsync(db, vault, files, time, registration, correction, byDelegate: true, cancellationToken);
        if (errors.Count > 0)
        {
            return DomainResult<Registration>.Failure(errors);
        }

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
            return DomainResult<Registration>.Failure("", "This registration link is not valid.");
        }

        var result = await ledger.ChangeAsync<Registration>(found.EventId, async policy =>
        {
            var registration = await db.Registrations.SingleAsync(r => r.Id == found.Id, cancellationToken);
            if (registration.Status is RegistrationStatus.Cancelled or RegistrationStatus.Declined)
            {
                return DomainResult<Registration>.Success(registration);
            }

            var now = time.GetUtcNow().UtcDateTime;
            PlacesLedger.Release(policy, registration, RegistrationStatus.Cancelled, now);
            registration.CancelledAtUtc = now;
            activity.Add(ActivityKind.RegistrationCancelled, registration, by: ActivityLog.Delegate);
            var promoted = await ledger.FillFreePlacesAsync(policy, now, cancellationToken);
            await notifier.AddAsync(RegistrationNotice.Cancelled, [registration], cancellationToken);
            await notifier.AddAsync(RegistrationNotice.PromotedFromWaitingList, promoted, cancellationToken);
            return DomainResult<Registration>.Success(registration);
        }, cancellationToken);

        return result;
    }

    /// <summary>
    /// Checks a correction and, when it holds, applies it to the tracked registration (the delegate's own and an
    /// organiser's edit share it). Returns what stops it; changes nothing then. A travel document left out keeps the
    /// one stored; a delegate who wants a letter must have one; one who no longer wants it has theirs dropped.
    /// </summary>
    internal static async Task<List<DomainError>> ApplyAsync(EventManagerDbContext db, TravelDocumentVault vault, AnswerFiles files, TimeProvider time, Registration registration, RegistrationCorrection correction, bool byDelegate, CancellationToken cancellationToken)
    {
        var errors = new List<DomainError>();
        var document = correction.NeedsVisaLetter ? correction.TravelDocument?.Read(errors, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)) : null;
        if (byDelegate && correction.NeedsVisaLetter && document is null && correction.TravelDocument is null or { IsBlank: true } && vault.Open(registration.TravelDocument) is null)
        {
            errors.Add(new DomainError("PassportNumber", "For the invitation letter, enter your passport number, nationality and date of birth."));
        }

        RegistrationRules.CheckName(errors, "", correction.LatinName, correction.NativeName, correction.Position);
        RegistrationRules.CheckContact(errors, correction.Phone, correction.PreferredLanguage, correction.TimeZoneId);
        RegistrationRules.CheckTravel(errors, registration.Event!, correction.ArrivalDate, correction.DepartureDate);
        RegistrationRules.CheckLength(errors, nameof(correction.DietaryNeeds), correction.DietaryNeeds, 500);
        var questions = correction.Answers is null ? [] : await new RegistrationQuestions(db).ListAsync(registration.EventId, cancellationToken);
        // A file sent before stays unless a new one replaces it; an organiser's edit never asks for one.
        var storedFiles = byDelegate ? registration.Answers.Where(a => a.SealedFile is not null).Select(a => a.QuestionId).ToList() : questions.Select(q => q.Id).ToList();
        var answers = correction.Answers is null ? null
            : RegistrationQuestions.Check(errors, questions, correction.Answers, files, correction.Files, storedFiles);
        if (errors.Count > 0)
        {
            return errors;
        }

        if (answers is not null)
        {
            // This person's answers only: a delegation's members may answer differently once registered.
            registration.Answers.RemoveAll(a => !answers.Any(n => n.QuestionId == a.QuestionId) && a.SealedFile is null);
            foreach (var answer in answers)
            {
                if (registration.Answers.FirstOrDefault(a => a.QuestionId == answer.QuestionId) is { } existing)
                {
                    existing.Value = answer.Value;
                    existing.SealedFile = answer.SealedFile;
                    existing.ContentType = answer.ContentType;
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
        if (!correction.NeedsVisaLetter)
        {
            registration.TravelDocument = null;
        }
        else if (document is not null)
        {
            registration.TravelDocument = vault.Seal(document);
        }

        return errors;
    }
}
