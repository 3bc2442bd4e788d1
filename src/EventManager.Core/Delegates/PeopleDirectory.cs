using EventManager.Core.Activity;
using EventManager.Core.Common;
using EventManager.Core.Data;
using EventManager.Core.Registrations;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace EventManager.Core.Delegates;

public sealed record PersonInput(
    string LatinName,
    string? NativeName,
    string? Title,
    string? Position,
    int? InstitutionId,
    string? Email,
    string? PreferredLanguage,
    string? SpokenLanguages,
    LocalText? Biography,
    byte[]? NewPhoto = null,
    bool RemovePhoto = false);

/// <summary>A person as the directory lists them: with how many registrations and programme roles they have.</summary>
public sealed record PersonListing(Delegate Person, int Registrations, int Roles);

/// <summary>
/// The people the events know, registered or not: organisers add a rector, a minister or a keynote speaker weeks before
/// registration opens, find them in any script, and merge the same person entered twice.
/// </summary>
public sealed class PeopleDirectory(EventManagerDbContext db, TimeProvider time, ActivityLog activity)
{
    public const int TitleMaxLength = 40;
    public const int BiographyMaxLength = 2000;
    public const int PhotoMaxPixels = 480;
    public const int PageSize = 100;

    /// <param name="search">Part of a name in any script, a title, a position or an address: "wang", "王", "Нұрлан".</param>
    public async Task<IReadOnlyList<PersonListing>> ListAsync(string? search, int? institutionId = null, CancellationToken cancellationToken = default)
    {
        var people = db.Delegates.AsNoTracking().Include(d => d.Institution).AsQueryable();
        if (TextNormalization.SearchKey(search) is { Length: > 0 } key)
        {
            people = people.Where(d => d.SearchText.Contains(key));
        }

        if (institutionId is not null)
        {
            people = people.Where(d => d.InstitutionId == institutionId);
        }

        return await people
            .OrderBy(d => d.LatinName).ThenBy(d => d.Id)
            .Take(PageSize)
            .Select(d => new PersonListing(d, db.Registrations.Count(r => r.DelegateId == d.Id), db.SessionPeople.Count(p => p.DelegateId == d.Id)))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Everyone, for the export: erased people are not in the directory at all.</summary>
    public Task<List<Delegate>> EveryoneAsync(CancellationToken cancellationToken = default) =>
        db.Delegates.AsNoTracking().Include(d => d.Institution).OrderBy(d => d.LatinName).ThenBy(d => d.Id).ToListAsync(cancellationToken);

    /// <summary>The person whose private page this is; null for a token that is not one.</summary>
    public async Task<Delegate?> FindByTokenAsync(string? token, CancellationToken cancellationToken = default) =>
        RegistrationRules.LooksLikeToken(token)
            ? await db.Delegates.AsNoTracking().Include(d => d.Institution).SingleOrDefaultAsync(d => d.Token == token, cancellationToken)
            : null;

    /// <summary>Gives each of these people a private page's secret where they have none yet; returns every one's.</summary>
    public static async Task<Dictionary<int, string>> EnsureTokensAsync(EventManagerDbContext db, IReadOnlyCollection<int> ids, CancellationToken cancellationToken = default)
    {
        foreach (var id in ids)
        {
            // One conditional update each: two planners at once give a person one token, never two.
            await db.Delegates.Where(d => d.Id == id && d.Token == null)
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.Token, RegistrationRules.NewToken()), cancellationToken);
        }

        return await db.Delegates.Where(d => ids.Contains(d.Id) && d.Token != null).ToDictionaryAsync(d => d.Id, d => d.Token!, cancellationToken);
    }

    /// <summary>The events whose agenda has this person on a session (draft or published), soonest first.</summary>
    public Task<List<Events.Event>> EventsOnProgrammeAsync(int personId, CancellationToken cancellationToken = default) =>
        db.Events.AsNoTracking()
            .Where(e => db.SessionPeople.Any(p => p.DelegateId == personId && p.Session!.EventId == e.Id))
            .OrderBy(e => e.StartsAtUtc).ToListAsync(cancellationToken);

    public Task<Delegate?> FindAsync(int id, CancellationToken cancellationToken = default) =>
        db.Delegates.AsNoTracking().Include(d => d.Institution).SingleOrDefaultAsync(d => d.Id == id, cancellationToken);

    public async Task<DomainResult<Delegate>> SaveAsync(int? id, PersonInput input, CancellationToken cancellationToken = default)
    {
        Delegate? person = null;
        if (id is not null && (person = await db.Delegates.SingleOrDefaultAsync(d => d.Id == id, cancellationToken)) is null)
        {
            return DomainResult<Delegate>.Failure("", "This person is no longer in the directory.");
        }

        var errors = await CheckAsync(id, input, cancellationToken);
        var photo = input.NewPhoto is { Length: > 0 } upload ? UploadedImages.Redraw(errors, "Photo", upload, PhotoMaxPixels, SKEncodedImageFormat.Jpeg) : null;
        if (errors.Count > 0)
        {
            return DomainResult<Delegate>.Failure(errors);
        }

        person = Apply(person, input, photo);
        activity.Add(id is null ? ActivityKind.PersonAdded : ActivityKind.PersonChanged, null, person.LatinName);
        await db.SaveChangesAsync(cancellationToken);
        return DomainResult<Delegate>.Success(person);
    }

    /// <summary>What importing a file would do with each row it can take: add a person, or update the one with its address.</summary>
    public async Task<IReadOnlyList<(PersonRow Row, Delegate? Updates)>> PreviewAsync(IReadOnlyList<PersonRow> rows, CancellationToken cancellationToken = default)
    {
        var preview = new List<(PersonRow, Delegate?)>();
        foreach (var row in rows)
        {
            var (existing, errors) = row.Input is null ? (null, []) : await MatchAsync(row.Input, cancellationToken);
            row.Problems.AddRange(errors);
            preview.Add((row, row.Problems.Count == 0 ? existing : null));
        }

        return preview;
    }

    /// <summary>
    /// Imports the rows that hold no problem, in one unit of work: a row whose address is in the directory (or, without
    /// an address, whose name is there at the same institution) updates that person (its empty cells keep what is
    /// there), any other row adds one. Returns how many were added and updated.
    /// </summary>
    public async Task<(int Added, int Updated)> ImportAsync(IReadOnlyList<PersonRow> rows, CancellationToken cancellationToken = default)
    {
        var (added, updated) = (0, 0);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var row in rows.Where(r => r.Input is not null && r.Problems.Count == 0))
        {
            var (existing, errors) = await MatchAsync(row.Input!, cancellationToken);
            if (errors.Count > 0)
            {
                continue;
            }

            var person = Apply(existing, existing is null ? row.Input! : Fill(existing, row.Input!), null);
            activity.Add(existing is null ? ActivityKind.PersonAdded : ActivityKind.PersonChanged, null, person.LatinName);
            (added, updated) = existing is null ? (added + 1, updated) : (added, updated + 1);
            // Saved row by row: a later row with the same address finds this one.
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return (added, updated);
    }

    private async Task<(Delegate? Existing, List<DomainError> Errors)> MatchAsync(PersonInput input, CancellationToken cancellationToken)
    {
        var email = RegistrationRules.NormalizeEmail(input.Email);
        var existing = email.Length == 0 ? null : await db.Delegates.SingleOrDefaultAsync(d => d.Email == email, cancellationToken);
        if (email.Length == 0)
        {
            // Without an address, the same name at the same institution is the same person (a file imported twice).
            var latin = TextNormalization.ToNfc(RegistrationRules.Clean(input.LatinName));
            var namesakes = await db.Delegates.Where(d => d.LatinName == latin && d.InstitutionId == input.InstitutionId).Take(2).ToListAsync(cancellationToken);
            existing = namesakes.Count == 1 ? namesakes[0] : null;
        }

        return (existing, await CheckAsync(existing?.Id, existing is null ? input : Fill(existing, input), cancellationToken));
    }

    /// <summary>What a file's row says, over what the directory holds: an empty cell keeps the stored value.</summary>
    private static PersonInput Fill(Delegate d, PersonInput row) => new(
        string.IsNullOrWhiteSpace(row.LatinName) ? d.LatinName : row.LatinName,
        row.NativeName ?? d.NativeName, row.Title ?? d.Title, row.Position ?? d.Position, row.InstitutionId ?? d.InstitutionId, d.Email,
        row.PreferredLanguage ?? d.PreferredLanguage, row.SpokenLanguages ?? d.SpokenLanguages,
        row.Biography is { IsEmpty: false } biography ? LocalText.From((d.Biography ?? LocalText.Empty).Entries.Select(e => new KeyValuePair<string, string?>(e.Key, e.Value))
            .Where(e => biography.Exactly(e.Key) is null).Concat(biography.Entries.Select(e => new KeyValuePair<string, string?>(e.Key, e.Value)))) : d.Biography);

    private async Task<List<DomainError>> CheckAsync(int? id, PersonInput input, CancellationToken cancellationToken)
    {
        var errors = new List<DomainError>();
        RegistrationRules.CheckName(errors, "", input.LatinName, input.NativeName, input.Position);
        RegistrationRules.CheckLength(errors, nameof(PersonInput.Title), input.Title, TitleMaxLength);
        var email = RegistrationRules.NormalizeEmail(input.Email);
        if (email.Length > 0 && !RegistrationRules.IsEmail(email))
        {
            errors.Add(new DomainError(nameof(PersonInput.Email), "Enter an email address like name@university.edu."));
        }
        else if (email.Length > 0 && await db.Delegates.AnyAsync(d => d.Email == email && d.Id != (id ?? 0), cancellationToken))
        {
            errors.Add(new DomainError(nameof(PersonInput.Email), "{0} is already in the directory: find that person instead of adding a second.", email));
        }

        if (input.InstitutionId is { } institution && !await db.Institutions.AnyAsync(i => i.Id == institution, cancellationToken))
        {
            errors.Add(new DomainError(nameof(PersonInput.InstitutionId), "Choose an institution from the list."));
        }

        RegistrationRules.CheckContact(errors, null, input.PreferredLanguage, null);
        if (SpokenLanguages(input).Count > 10 || SpokenLanguages(input).Any(l => !RegistrationRules.Languages.Contains(l)))
        {
            errors.Add(new DomainError(nameof(PersonInput.SpokenLanguages), "Choose the languages from the list."));
        }

        if (input.Biography is { } biography && biography.Entries.Any(e => (e.Value ?? "").Length > BiographyMaxLength))
        {
            errors.Add(new DomainError(nameof(PersonInput.Biography), "A biography has at most {0} characters in each language.", BiographyMaxLength));
        }

        return errors;
    }

    private static List<string> SpokenLanguages(PersonInput input) =>
        (input.SpokenLanguages ?? "").Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).Distinct().ToList();

    private Delegate Apply(Delegate? person, PersonInput input, byte[]? photo)
    {
        if (person is null)
        {
            person = new Delegate { LatinName = "", CreatedAtUtc = time.GetUtcNow().UtcDateTime };
            db.Delegates.Add(person);
        }

        var email = RegistrationRules.NormalizeEmail(input.Email);
        var spoken = SpokenLanguages(input);
        person.LatinName = RegistrationRules.Clean(input.LatinName)!;
        person.NativeName = RegistrationRules.Clean(input.NativeName);
        person.Title = RegistrationRules.Clean(input.Title);
        person.Position = RegistrationRules.Clean(input.Position);
        person.InstitutionId = input.InstitutionId;
        person.Email = email.Length == 0 ? null : email;
        person.PreferredLanguage = RegistrationRules.Clean(input.PreferredLanguage);
        person.SpokenLanguages = spoken.Count == 0 ? null : string.Join(' ', spoken);
        person.Biography = input.Biography is { IsEmpty: false } ? input.Biography : null;
        if (photo is not null)
        {
            person.Photo = photo;
        }
        else if (input.RemovePhoto)
        {
            person.Photo = null;
        }

        return person;
    }

    /// <summary>
    /// Erases a person the directory holds on their own: every detail and the photo go with the row. Someone with a
    /// registration is erased through it (the registrations' erasure takes the person too); someone on a programme is
    /// taken off it first, since a published agenda keeps its speakers as a record.
    /// </summary>
    public async Task<DomainResult<string>> EraseAsync(int id, CancellationToken cancellationToken = default)
    {
        var person = await db.Delegates.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (person is null)
        {
            return DomainResult<string>.Failure("", "This person is no longer in the directory.");
        }

        if (await db.Registrations.AnyAsync(r => r.DelegateId == id, cancellationToken))
        {
            return DomainResult<string>.Failure("", "{0} has registrations: erase them from the event's registrations, which takes this record too.", person.LatinName);
        }

        if (await db.SessionPeople.AnyAsync(p => p.DelegateId == id, cancellationToken))
        {
            return DomainResult<string>.Failure("", "{0} is on an agenda: take them off its sessions first.", person.LatinName);
        }

        if (await db.AgreementParties.AnyAsync(p => p.SignatoryPersonId == id, cancellationToken))
        {
            return DomainResult<string>.Failure("", "{0} is planned to sign an agreement: choose another signatory first.", person.LatinName);
        }

        if (await db.Interpreters.AnyAsync(i => i.PersonId == id, cancellationToken) || await db.MeetingDelegations.AnyAsync(m => m.PersonId == id, cancellationToken))
        {
            return DomainResult<string>.Failure("", "{0} interprets or meets at bilateral meetings: take them off the event's meetings first.", person.LatinName);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Delegates.Remove(person);
        // The log keeps that someone was erased, not who: their name leaves the lines that gave it.
        activity.Add(ActivityKind.PersonErased, null, "");
        await db.SaveChangesAsync(cancellationToken);
        await activity.ForgetNamesAsync([person.LatinName], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return DomainResult<string>.Success(person.LatinName);
    }

    /// <summary>
    /// The same person entered twice: the duplicate's registrations and programme roles move to the survivor (and with
    /// the registrations, their messages), the survivor's empty details are filled from the duplicate's, and the
    /// duplicate goes. One unit of work, logged.
    /// </summary>
    public async Task<DomainResult<Delegate>> MergeAsync(int survivorId, int duplicateId, CancellationToken cancellationToken = default)
    {
        if (survivorId == duplicateId)
        {
            return DomainResult<Delegate>.Failure("", "Choose two different people to merge.");
        }

        var survivor = await db.Delegates.SingleOrDefaultAsync(d => d.Id == survivorId, cancellationToken);
        var duplicate = await db.Delegates.SingleOrDefaultAsync(d => d.Id == duplicateId, cancellationToken);
        if (survivor is null || duplicate is null)
        {
            return DomainResult<Delegate>.Failure("", "This person is no longer in the directory.");
        }

        // One interpreter and one individual delegation per person and event: two at one event cannot become one.
        var twice = await db.Interpreters.Where(i => i.PersonId == duplicateId).AnyAsync(i => db.Interpreters.Any(o => o.PersonId == survivorId && o.EventId == i.EventId), cancellationToken)
            || await db.MeetingDelegations.Where(m => m.PersonId == duplicateId).AnyAsync(m => db.MeetingDelegations.Any(o => o.PersonId == survivorId && o.EventId == m.EventId), cancellationToken);
        if (twice)
        {
            return DomainResult<Delegate>.Failure("", "Both interpret or meet on their own behalf at the same event: take one off that event's meetings first.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Interpreters.Where(i => i.PersonId == duplicateId).ExecuteUpdateAsync(u => u.SetProperty(i => i.PersonId, survivorId), cancellationToken);
        await db.MeetingDelegations.Where(m => m.PersonId == duplicateId).ExecuteUpdateAsync(u => u.SetProperty(m => m.PersonId, survivorId), cancellationToken);
        await db.Registrations.Where(r => r.DelegateId == duplicateId).ExecuteUpdateAsync(u => u.SetProperty(r => r.DelegateId, survivorId), cancellationToken);
        // A session both were on keeps the survivor's role; the duplicate's other roles become the survivor's.
        var survivorSessions = await db.SessionPeople.Where(p => p.DelegateId == survivorId).Select(p => p.SessionId).ToListAsync(cancellationToken);
        await db.SessionPeople.Where(p => p.DelegateId == duplicateId && survivorSessions.Contains(p.SessionId)).ExecuteDeleteAsync(cancellationToken);
        await db.SessionPeople.Where(p => p.DelegateId == duplicateId).ExecuteUpdateAsync(u => u.SetProperty(p => p.DelegateId, survivorId), cancellationToken);
        await db.AgreementParties.Where(p => p.SignatoryPersonId == duplicateId).ExecuteUpdateAsync(u => u.SetProperty(p => p.SignatoryPersonId, survivorId), cancellationToken);
        await db.Invitations.Where(i => i.PersonId == duplicateId).ExecuteUpdateAsync(u => u.SetProperty(i => i.PersonId, survivorId), cancellationToken);

        var email = duplicate.Email;
        survivor.NativeName ??= duplicate.NativeName;
        survivor.Title ??= duplicate.Title;
        survivor.TitleTranslations ??= duplicate.TitleTranslations;
        survivor.Position ??= duplicate.Position;
        survivor.InstitutionId ??= duplicate.InstitutionId;
        survivor.PreferredLanguage ??= duplicate.PreferredLanguage;
        survivor.SpokenLanguages ??= duplicate.SpokenLanguages;
        survivor.TimeZoneId ??= duplicate.TimeZoneId;
        survivor.Biography ??= duplicate.Biography;
        survivor.Photo ??= duplicate.Photo;
        db.Delegates.Remove(duplicate);
        // The address is unique: the duplicate's row goes before the survivor takes it.
        await db.SaveChangesAsync(cancellationToken);
        if (survivor.Email is null && email is not null)
        {
            survivor.Email = email;
        }

        activity.Add(ActivityKind.PeopleMerged, null, $"{duplicate.LatinName} → {survivor.LatinName}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return DomainResult<Delegate>.Success(survivor);
    }
}
