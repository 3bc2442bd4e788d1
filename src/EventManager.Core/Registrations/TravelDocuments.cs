using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using EventManager.Core.Common;
using EventManager.Core.Institutions;
using Microsoft.AspNetCore.DataProtection;

namespace EventManager.Core.Registrations;

/// <summary>
/// What a consulate reads on a visa invitation letter about the traveller: asked only of a delegate who wants a letter.
/// </summary>
public sealed record TravelDocument(string PassportNumber, string NationalityCode, DateOnly DateOfBirth)
{
    /// <summary>The last characters, which is all a page shows back ("…4567").</summary>
    public string PassportEnding => PassportNumber.Length <= 4 ? PassportNumber : PassportNumber[^4..];
}

/// <summary>The three fields as typed on a form; <see cref="Read"/> checks them.</summary>
public sealed record TravelDocumentInput(string? PassportNumber, string? NationalityCode, DateOnly? DateOfBirth)
{
    public bool IsBlank => string.IsNullOrWhiteSpace(PassportNumber) && string.IsNullOrWhiteSpace(NationalityCode) && DateOfBirth is null;

    public TravelDocument? Read(List<DomainError> errors, DateOnly today) =>
        TravelDocumentVault.Read(errors, "", PassportNumber, NationalityCode, DateOfBirth, today);
}

/// <summary>
/// Keeps travel documents encrypted at rest: the registration's column holds them protected with the app's
/// data-protection keys (which live in the database and the backups with it), so a copy of the table, a log of its
/// rows or a query over it never shows a passport number. Erasure blanks the column like every other personal field.
/// </summary>
public sealed partial class TravelDocumentVault(IDataProtectionProvider protection)
{
    private readonly IDataProtector protector = protection.CreateProtector("EventManager.TravelDocuments.v1");

    [GeneratedRegex("^[A-Z0-9]{5,20}$")]
    private static partial Regex PassportPattern();

    public string Seal(TravelDocument document) => protector.Protect(JsonSerializer.Serialize(document));

    /// <summary>The document, or null when there is none or it cannot be read (keys lost): then it is asked again.</summary>
    public TravelDocument? Open(string? sealedDocument)
    {
        if (string.IsNullOrEmpty(sealedDocument))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<TravelDocument>(protector.Unprotect(sealedDocument));
        }
        catch (Exception e) when (e is CryptographicException or JsonException)
        {
            return null;
        }
    }

    /// <summary>A passport number as printed in the passport: letters and digits, upper case, spaces and hyphens dropped.</summary>
    public static string NormalizePassportNumber(string? number) =>
        new string((number ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray()).ToUpperInvariant();

    /// <summary>
    /// Reads the three fields as typed. Returns null when all are empty; adds errors (under <paramref name="prefix"/>)
    /// when some are given and not all, or one is wrong.
    /// </summary>
    public static TravelDocument? Read(List<DomainError> errors, string prefix, string? passportNumber, string? nationalityCode, DateOnly? dateOfBirth, DateOnly today)
    {
        var number = NormalizePassportNumber(passportNumber);
        if (number.Length == 0 && string.IsNullOrWhiteSpace(nationalityCode) && dateOfBirth is null)
        {
            return null;
        }

        var before = errors.Count;
        if (number.Length == 0)
        {
            errors.Add(new DomainError(prefix + "PassportNumber", "Enter the passport number, as printed in the passport."));
        }
        else if (!PassportPattern().IsMatch(number))
        {
            errors.Add(new DomainError(prefix + "PassportNumber", "A passport number has 5 to 20 letters and digits."));
        }

        if (!InstitutionRules.IsCountryCode(nationalityCode))
        {
            errors.Add(new DomainError(prefix + "Nationality", "Choose the nationality of the passport from the list."));
        }

        if (dateOfBirth is not { } born)
        {
            errors.Add(new DomainError(prefix + "DateOfBirth", "Enter the date of birth, as in the passport."));
        }
        else if (born > today || born < today.AddYears(-120))
        {
            errors.Add(new DomainError(prefix + "DateOfBirth", "Enter a date of birth in the past, as in the passport."));
        }

        return errors.Count > before ? null : new TravelDocument(number, nationalityCode!, dateOfBirth!.Value);
    }
}
