using System.ComponentModel.DataAnnotations;
using EventManager.Core.Registrations;

namespace EventManager.Web.Features.Registrations;

public sealed class PersonForm
{
    [Display(Name = "Name in Latin letters")]
    public string? LatinName { get; set; }

    [Display(Name = "Name in your own script")]
    public string? NativeName { get; set; }

    [Display(Name = "Position")]
    public string? Position { get; set; }

    [Display(Name = "Email")]
    public string? Email { get; set; }

    [Display(Name = "Category")]
    public RegistrationCategory Category { get; set; } = RegistrationCategory.Delegate;

    [Display(Name = "Dietary needs")]
    public string? DietaryNeeds { get; set; }

    public bool IsBlank =>
        string.IsNullOrWhiteSpace(LatinName) && string.IsNullOrWhiteSpace(NativeName) && string.IsNullOrWhiteSpace(Position)
        && string.IsNullOrWhiteSpace(Email) && string.IsNullOrWhiteSpace(DietaryNeeds);

    public PersonDetails ToDetails() => new(LatinName ?? "", NativeName, Position, Email ?? "", Category, DietaryNeeds);
}

/// <summary>The public form: the person registering, their institution and travel, and anyone coming with them.</summary>
public sealed class RegisterForm
{
    [Display(Name = "Name in Latin letters")]
    public string? LatinName { get; set; }

    [Display(Name = "Name in your own script")]
    public string? NativeName { get; set; }

    [Display(Name = "Position")]
    public string? Position { get; set; }

    [Display(Name = "Email")]
    public string? Email { get; set; }

    [Display(Name = "Category")]
    public RegistrationCategory Category { get; set; } = RegistrationCategory.Delegate;

    [Display(Name = "Dietary needs")]
    public string? DietaryNeeds { get; set; }

    [Display(Name = "Institution")]
    public int? InstitutionId { get; set; }

    [Display(Name = "Institution's name in English")]
    public string? ProposedInstitutionName { get; set; }

    [Display(Name = "Institution's name in its own script")]
    public string? ProposedInstitutionNativeName { get; set; }

    [Display(Name = "Country")]
    public string? CountryCode { get; set; }

    [Display(Name = "Phone")]
    public string? Phone { get; set; }

    [Display(Name = "Language for messages")]
    public string? PreferredLanguage { get; set; } = "en";

    [Display(Name = "Your time zone")]
    public string? TimeZoneId { get; set; }

    [Display(Name = "Arrival date")]
    public DateOnly? ArrivalDate { get; set; }

    [Display(Name = "Departure date")]
    public DateOnly? DepartureDate { get; set; }

    [Display(Name = "I need an invitation letter for a visa")]
    public bool NeedsVisaLetter { get; set; }

    [Display(Name = "Passport number")]
    public string? PassportNumber { get; set; }

    [Display(Name = "Nationality (as in the passport)")]
    public string? Nationality { get; set; }

    [Display(Name = "Date of birth")]
    public DateOnly? DateOfBirth { get; set; }

    /// <summary>Answers to the event's own questions, by question id.</summary>
    public Dictionary<int, string?> Answers { get; set; } = [];

    public List<PersonForm> Companions { get; set; } = [];

    /// <summary>The event's privacy notice agreed to (the box ticked).</summary>
    public bool Consented { get; set; }

    /// <summary>Posted by the "add a person" button: show the form again with one more companion row, send nothing.</summary>
    public bool AddCompanion { get; set; }

    /// <param name="files">The files sent for file questions (<see cref="AnswerUploads.Read"/>).</param>
    public RegistrationRequest ToRequest(IReadOnlyDictionary<int, UploadedFile>? files = null) => new(
        new PersonDetails(LatinName ?? "", NativeName, Position, Email ?? "", Category, DietaryNeeds),
        Companions.Where(c => !c.IsBlank).Select(c => c.ToDetails()).ToList(),
        InstitutionId,
        ProposedInstitutionName,
        ProposedInstitutionNativeName,
        CountryCode ?? "",
        Phone,
        PreferredLanguage,
        TimeZoneId,
        ArrivalDate,
        DepartureDate,
        NeedsVisaLetter,
        Answers,
        new TravelDocumentInput(PassportNumber, Nationality, DateOfBirth),
        Consented,
        files);
}

/// <summary>The files a form sent for its file questions, posted as <c>Files[questionId]</c>.</summary>
public static class AnswerUploads
{
    /// <summary>
    /// Each file read into memory, at most one byte beyond the limit (so a larger one is refused without reading it
    /// all). Inputs left empty are not there.
    /// </summary>
    public static async Task<IReadOnlyDictionary<int, UploadedFile>> Read(HttpRequest request, CancellationToken cancellationToken)
    {
        var read = new Dictionary<int, UploadedFile>();
        if (!request.HasFormContentType)
        {
            return read;
        }

        foreach (var file in (await request.ReadFormAsync(cancellationToken)).Files)
        {
            if (file.Length == 0 || !file.Name.StartsWith("Files[", StringComparison.Ordinal) || !file.Name.EndsWith(']')
                || !int.TryParse(file.Name.AsSpan(6, file.Name.Length - 7), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var questionId))
            {
                continue;
            }

            await using var stream = file.OpenReadStream();
            var buffer = new byte[Math.Min(file.Length, AnswerFiles.MaxBytes + 1)];
            await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
            read[questionId] = new UploadedFile(file.FileName, file.Length > AnswerFiles.MaxBytes ? new byte[AnswerFiles.MaxBytes + 1] : buffer);
        }

        return read;
    }
}

public sealed class CorrectionForm
{
    [Display(Name = "Name in Latin letters")]
    public string? LatinName { get; set; }

    [Display(Name = "Name in your own script")]
    public string? NativeName { get; set; }

    [Display(Name = "Position")]
    public string? Position { get; set; }

    [Display(Name = "Phone")]
    public string? Phone { get; set; }

    [Display(Name = "Language for messages")]
    public string? PreferredLanguage { get; set; }

    [Display(Name = "Your time zone")]
    public string? TimeZoneId { get; set; }

    [Display(Name = "Dietary needs")]
    public string? DietaryNeeds { get; set; }

    [Display(Name = "Arrival date")]
    public DateOnly? ArrivalDate { get; set; }

    [Display(Name = "Departure date")]
    public DateOnly? DepartureDate { get; set; }

    [Display(Name = "I need an invitation letter for a visa")]
    public bool NeedsVisaLetter { get; set; }

    /// <summary>Typed afresh, never filled in from what is stored (a page shows only the number's ending).</summary>
    [Display(Name = "Passport number")]
    public string? PassportNumber { get; set; }

    [Display(Name = "Nationality (as in the passport)")]
    public string? Nationality { get; set; }

    [Display(Name = "Date of birth")]
    public DateOnly? DateOfBirth { get; set; }

    /// <summary>Answers to the event's own questions, by question id.</summary>
    public Dictionary<int, string?> Answers { get; set; } = [];

    public RegistrationCorrection ToCorrection(IReadOnlyDictionary<int, UploadedFile>? files = null) =>
        new(LatinName ?? "", NativeName, Position, Phone, PreferredLanguage, TimeZoneId, DietaryNeeds, ArrivalDate, DepartureDate, NeedsVisaLetter, Answers,
            new TravelDocumentInput(PassportNumber, Nationality, DateOfBirth), files);

    public static CorrectionForm From(Registration r) => new()
    {
        LatinName = r.LatinName,
        NativeName = r.NativeName,
        Position = r.Position,
        Phone = r.Phone,
        PreferredLanguage = r.PreferredLanguage,
        TimeZoneId = r.TimeZoneId,
        DietaryNeeds = r.DietaryNeeds,
        ArrivalDate = r.ArrivalDate,
        DepartureDate = r.DepartureDate,
        Answers = r.Answers.ToDictionary(a => a.QuestionId, a => (string?)a.Value),
        NeedsVisaLetter = r.NeedsVisaLetter,
    };
}
