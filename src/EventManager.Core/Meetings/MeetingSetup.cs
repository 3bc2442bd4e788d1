using System.Globalization;
using EventManager.Core.Common;
using EventManager.Core.Data;
using EventManager.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Meetings;

/// <summary>What a delegation says of itself: fields of cooperation (ids), the languages it meets in, the blocks it can come to.</summary>
public sealed record DelegationProfile(IReadOnlyList<int> Interests, IReadOnlyList<string> Languages, IReadOnlyList<int> AvailableBlocks);

/// <summary>
/// What organisers keep for an event's meetings (the fields of cooperation delegations choose from, and the
/// interpreters with their language pairs), and what each delegation says of itself.
/// </summary>
public sealed class MeetingSetup(EventManagerDbContext db, MeetingLock locks, TimeProvider time)
{
    public const int InterestMaxLength = 100;
    public const int MostInterests = 40;

    /// <summary>The languages a delegation may say it meets in, by code (the registration form's languages).</summary>
    public static readonly IReadOnlyList<string> MeetingLanguages =
        Registrations.RegistrationRules.Languages.Select(LocalText.Code).Distinct().ToList();

    /// <summary>A language as its own speakers name it: 中文, Қазақ тілі, ไทย.</summary>
    public static string LanguageName(string code)
    {
        var known = EventLanguages.NativeName(code);
        if (known != code)
        {
            return known;
        }

        try
        {
            var native = CultureInfo.GetCultureInfo(code).NativeName;
            return native.Length > 0 ? char.ToUpper(native[0], CultureInfo.GetCultureInfo(code)) + native[1..] : code;
        }
        catch (CultureNotFoundException)
        {
            return code;
        }
    }

    public Task<List<MeetingInterest>> InterestsAsync(int eventId, CancellationToken cancellationToken = default) =>
        db.MeetingInterests.AsNoTracking().Where(i => i.EventId == eventId).OrderBy(i => i.SortOrder).ThenBy(i => i.Id).ToListAsync(cancellationToken);

    public async Task<DomainResult<MeetingInterest>> AddInterestAsync(int eventId, LocalText? name, CancellationToken cancellationToken = default)
    {
        var errors = new List<DomainError>();
        var languages = await EventLanguages.OfEventAsync(db, eventId, cancellationToken);
        var kept = LocalTextRules.Check(errors, "Name", name, InterestMaxLength, languages, "Enter the field of cooperation.");
        var count = await db.MeetingInterests.CountAsync(i => i.EventId == eventId, cancellationToken);
        if (count >= MostInterests)
        {
            errors.Add(new DomainError("Name", "An event can list at most {0} fields of cooperation.", MostInterests));
        }

        if (errors.Count > 0)
        {
            return DomainResult<MeetingInterest>.Failure(errors);
        }

        var interest = new MeetingInterest { EventId = eventId, Name = kept!, SortOrder = count };
        db.MeetingInterests.Add(interest);
        await db.SaveChangesAsync(cancellationToken);
        return DomainResult<MeetingInterest>.Success(interest);
    }

    /// <summary>Removes a field of cooperation; delegations that chose it simply no longer show it.</summary>
    public async Task<bool> RemoveInterestAsync(int eventId, int interestId, CancellationToken cancellationToken = default) =>
        await db.MeetingInterests.Where(i => i.Id == interestId && i.EventId == eventId).ExecuteDeleteAsync(cancellationToken) == 1;

    public Task<List<Interpreter>> InterpretersAsync(int eventId, CancellationToken cancellationToken = default) =>
        db.Interpreters.AsNoTracking().Include(i => i.Person).Where(i => i.EventId == eventId).OrderBy(i => i.Person!.LatinName).ToListAsync(cancellationToken);

    /// <summary>The people of the directory who could interpret, by name (interpreters are people first, registered or not).</summary>
    public async Task<List<(int Id, string Name)>> CandidateInterpretersAsync(int eventId, CancellationToken cancellationToken = default) =>
        (await db.Delegates.AsNoTracking().Where(d => !db.Interpreters.Any(i => i.EventId == eventId && i.PersonId == d.Id))
            .OrderBy(d => d.LatinName).Select(d => new { d.Id, d.LatinName, d.NativeName }).Take(5000).ToListAsync(cancellationToken))
        .Select(d => (d.Id, d.NativeName is { Length: > 0 } native && native != d.LatinName ? $"{d.LatinName} ({native})" : d.LatinName)).ToList();

    /// <summary>A person of the directory interprets at the event between the given pairs ("zh-kk zh-ru"), either way.</summary>
    public async Task<DomainResult<Interpreter>> AddInterpreterAsync(int eventId, int personId, string? pairs, CancellationToken cancellationToken = default)
    {
        var parsed = MeetingScheduling.Pairs(pairs);
        if (parsed.Count == 0 || parsed.Any(p => !MeetingLanguages.Contains(p.First) || !MeetingLanguages.Contains(p.Second) || p.First == p.Second))
        {
            return DomainResult<Interpreter>.Failure("pairs", "Give the language pairs as codes joined by a hyphen, such as zh-kk zh-ru.");
        }

        if (!await db.Delegates.AnyAsync(d => d.Id == personId, cancellationToken))
        {
            return DomainResult<Interpreter>.Failure("personId", "Choose a person from the people directory.");
        }

        if (await db.Interpreters.AnyAsync(i => i.EventId == eventId && i.PersonId == personId, cancellationToken))
        {
            return DomainResult<Interpreter>.Failure("personId", "That person already interprets at this event.");
        }

        var interpreter = new Interpreter { EventId = eventId, PersonId = personId, Pairs = string.Join(' ', parsed.DistinctBy(p => string.CompareOrdinal(p.First, p.Second) <= 0 ? (p.First, p.Second) : (p.Second, p.First)).Select(p => $"{p.First}-{p.Second}")) };
        db.Interpreters.Add(interpreter);
        await db.SaveChangesAsync(cancellationToken);
        return DomainResult<Interpreter>.Success(interpreter);
    }

    /// <summary>
    /// Takes an interpreter off the event; meetings they were placed at keep their time and table but lose the
    /// interpreter until the next scheduler run names another.
    /// </summary>
    public async Task<bool> RemoveInterpreterAsync(int eventId, int interpreterId, CancellationToken cancellationToken = default)
    {
        var interpreter = await db.Interpreters.SingleOrDefaultAsync(i => i.Id == interpreterId && i.EventId == eventId, cancellationToken);
        if (interpreter is null)
        {
            return false;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.MeetingRequests.Where(r => r.InterpreterId == interpreterId).ExecuteUpdateAsync(u => u.SetProperty(r => r.InterpreterId, (int?)null), cancellationToken);
        await db.MeetingRequests.Where(r => r.PublishedInterpreterId == interpreterId).ExecuteUpdateAsync(u => u.SetProperty(r => r.PublishedInterpreterId, (int?)null), cancellationToken);
        db.Interpreters.Remove(interpreter);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Organisers let confirmed delegates of no institution meet on their own behalf, or not (their meetings stay).</summary>
    public async Task SetIndividualsMeetAsync(int eventId, bool allowed, CancellationToken cancellationToken = default)
    {
        await locks.EnsureSettingsAsync(eventId, cancellationToken);
        await db.MeetingSettings.Where(s => s.EventId == eventId).ExecuteUpdateAsync(u => u.SetProperty(m => m.IndividualsMeet, allowed), cancellationToken);
    }

    public async Task<bool> IndividualsMeetAsync(int eventId, CancellationToken cancellationToken = default) =>
        await db.MeetingSettings.AnyAsync(s => s.EventId == eventId && s.IndividualsMeet, cancellationToken);

    /// <summary>A delegation says what it wants to talk about, the languages it meets in and the blocks it can come to.</summary>
    public async Task<DomainResult<MeetingDelegation>> SaveProfileAsync(int delegationId, DelegationProfile profile, CancellationToken cancellationToken = default)
    {
        var delegation = await db.MeetingDelegations.SingleAsync(d => d.Id == delegationId, cancellationToken);
        var interests = await db.MeetingInterests.Where(i => i.EventId == delegation.EventId).Select(i => i.Id).ToListAsync(cancellationToken);
        var blocks = await db.MeetingBlocks.Where(b => b.EventId == delegation.EventId).Select(b => b.Id).ToListAsync(cancellationToken);
        var languages = profile.Languages.Select(LocalText.Code).Distinct().ToList();
        if (profile.Interests.Any(i => !interests.Contains(i)) || profile.AvailableBlocks.Any(b => !blocks.Contains(b)) || languages.Any(l => !MeetingLanguages.Contains(l)))
        {
            return DomainResult<MeetingDelegation>.Failure("", "Choose from the lists offered.");
        }

        delegation.Interests = Joined(profile.Interests.Distinct().Order());
        delegation.Languages = languages.Count == 0 ? null : string.Join(' ', languages);
        delegation.UnavailableBlocks = Joined(blocks.Except(profile.AvailableBlocks).Order());
        delegation.UpdatedAtUtc = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return DomainResult<MeetingDelegation>.Success(delegation);
    }

    private static string? Joined(IEnumerable<int> ids) => ids.Any() ? string.Join(' ', ids.Select(i => i.ToString(CultureInfo.InvariantCulture))) : null;

    /// <summary>The ids in a space-separated list ("3 7").</summary>
    public static HashSet<int> Ids(string? text) =>
        (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => int.TryParse(w, CultureInfo.InvariantCulture, out var id) ? id : -1).Where(id => id > 0).ToHashSet();
}
