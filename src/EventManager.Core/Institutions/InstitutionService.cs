using EventManager.Core.Common;
using EventManager.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Institutions;

/// <param name="Names">The name in other languages readers use (zh, kk, ru), where it has one.</param>
public sealed record InstitutionInput(string EnglishName, string? NativeName, string CountryCode, string? City, LocalText? Names = null);

public sealed class InstitutionService(EventManagerDbContext db)
{
    public async Task<IReadOnlyList<Institution>> ListAsync(CancellationToken cancellationToken = default) =>
        await db.Institutions.AsNoTracking()
            .OrderBy(i => i.CountryCode).ThenBy(i => i.EnglishName)
            .ToListAsync(cancellationToken);

    public Task<Institution?> FindAsync(int id, CancellationToken cancellationToken = default) =>
        db.Institutions.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);

    public async Task<DomainResult<Institution>> SaveAsync(int? id, InstitutionInput input, CancellationToken cancellationToken = default)
    {
        Institution? existing = null;
        if (id is not null)
        {
            existing = await db.Institutions.SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
            if (existing is null)
            {
                return DomainResult<Institution>.Failure([new DomainError("", "This institution no longer exists.")]);
            }
        }

        var errors = new List<DomainError>();
        var englishName = input.EnglishName?.Trim() ?? "";
        var nativeName = string.IsNullOrWhiteSpace(input.NativeName) ? null : input.NativeName.Trim();
        var country = input.CountryCode?.Trim().ToUpperInvariant() ?? "";
        var city = string.IsNullOrWhiteSpace(input.City) ? null : input.City.Trim();

        if (englishName.Length == 0)
        {
            errors.Add(new DomainError(nameof(InstitutionInput.EnglishName), "Enter the institution's name in English."));
        }
        else if (englishName.Length > InstitutionRules.NameMaxLength)
        {
            errors.Add(new DomainError(nameof(InstitutionInput.EnglishName), "The name can be at most {0} characters.", InstitutionRules.NameMaxLength));
        }

        if (nativeName is { Length: > InstitutionRules.NameMaxLength })
        {
            errors.Add(new DomainError(nameof(InstitutionInput.NativeName), "The name can be at most {0} characters.", InstitutionRules.NameMaxLength));
        }

        if (!InstitutionRules.IsCountryCode(country))
        {
            errors.Add(new DomainError(nameof(InstitutionInput.CountryCode), "Choose a country from the list."));
        }
        else if (englishName.Length > 0)
        {
            var normalized = TextNormalization.ToNfc(englishName)!;
            if (await db.Institutions.AnyAsync(i => i.CountryCode == country && i.EnglishName == normalized && i.Id != (id ?? 0), cancellationToken))
            {
                errors.Add(new DomainError(nameof(InstitutionInput.EnglishName), "{0} is already listed for this country.", englishName));
            }
        }

        var names = input.Names is { IsEmpty: false } given
            ? LocalText.From(given.Entries.Where(e => !string.IsNullOrWhiteSpace(e.Value)).Select(e => new KeyValuePair<string, string?>(e.Key, e.Value!.Trim())))
            : null;
        if (names is not null && names.Entries.Any(e => e.Value!.Length > InstitutionRules.NameMaxLength))
        {
            errors.Add(new DomainError(nameof(InstitutionInput.Names), "The name can be at most {0} characters.", InstitutionRules.NameMaxLength));
        }

        if (city is { Length: > 100 })
        {
            errors.Add(new DomainError(nameof(InstitutionInput.City), "The city can be at most {0} characters.", 100));
        }

        if (errors.Count > 0)
        {
            return DomainResult<Institution>.Failure(errors);
        }

        var target = existing ?? new Institution { EnglishName = englishName, CountryCode = country };
        target.EnglishName = englishName;
        target.NativeName = nativeName;
        target.CountryCode = country;
        target.City = city;
        target.Names = names is { IsEmpty: false } ? names : null;
        if (existing is null)
        {
            db.Institutions.Add(target);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return DomainResult<Institution>.Failure([new DomainError(nameof(InstitutionInput.EnglishName), "{0} is already listed for this country.", englishName)]);
        }

        return DomainResult<Institution>.Success(target);
    }
}
