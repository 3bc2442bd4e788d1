using System.Globalization;
using System.Text;
using CsvHelper;
using EventManager.Core.Common;
using EventManager.Core.Institutions;

namespace EventManager.Core.Registrations;

/// <summary>A row of an import file, read into a registration request, with what is wrong with it.</summary>
public sealed record ImportRow(int Line, string Name, string Email, RegistrationRequest? Request, List<DomainError> Problems);

/// <summary>
/// Registrations as CSV: the export organisers hand to hotels and visa offices, and the import that
/// brings in delegates an institution sent as a spreadsheet. The import reads the export's columns.
/// </summary>
public static class RegistrationCsv
{
    public const int MaxImportBytes = 2 * 1024 * 1024;
    public const int MaxImportRows = 5000;

    public static readonly string[] Columns =
    [
        "status", "category", "latin_name", "native_name", "position", "institution", "institution_native_name", "country",
        "email", "phone", "preferred_language", "time_zone", "dietary_needs", "arrival_date", "departure_date",
        "needs_visa_letter", "waiting_list_position", "registered_at_utc", "checked_in_at_utc",
    ];

    /// <summary>
    /// Writes UTF-8 CSV (with a byte-order mark, so spreadsheet programs read Chinese and Kazakh names right).
    /// Text that starts like a formula (=, +, -, @) is escaped so that a spreadsheet shows it instead of running it.
    /// </summary>
    /// <param name="questions">The event's own questions: one more column each, headed by the question.</param>
    public static void Write(Stream output, IEnumerable<Registration> registrations, IReadOnlyDictionary<int, int> waitingListPositions, IReadOnlyList<RegistrationQuestion>? questions = null)
    {
        questions ??= [];
        using var csv = CsvWriter.Create(output, new CsvWriterOptions { Injection = CsvInjection.Escape, WriteByteOrderMark = true }, true);
        csv.WriteHeader([.. Columns, .. questions.Select(q => q.Label.Default)]);
        foreach (var r in registrations)
        {
            csv.WriteRecord(
            [
                r.Status.ToString(),
                r.Category.ToString(),
                r.LatinName,
                r.NativeName ?? "",
                r.Position ?? "",
                r.InstitutionDisplayName,
                r.Institution?.NativeName ?? r.ProposedInstitutionNativeName ?? "",
                r.CountryCode,
                r.Email,
                r.Phone ?? "",
                r.PreferredLanguage ?? "",
                r.TimeZoneId ?? "",
                r.DietaryNeeds ?? "",
                r.ArrivalDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
                r.DepartureDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
                r.NeedsVisaLetter ? "yes" : "no",
                waitingListPositions.TryGetValue(r.Id, out var position) ? position.ToString(CultureInfo.InvariantCulture) : "",
                r.CreatedAtUtc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                r.CheckedInAtUtc?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) ?? "",
                .. questions.Select(q => r.Answers.FirstOrDefault(a => a.QuestionId == q.Id)?.Value is { } value ? q.AnswerIn(value, CultureInfo.CurrentUICulture) : ""),
            ]);
        }
    }

    /// <summary>Any table as CSV, with the same protection against cells a spreadsheet would run as formulas.</summary>
    public static void WriteTable(Stream output, string[] header, IEnumerable<string[]> rows)
    {
        using var csv = CsvWriter.Create(output, new CsvWriterOptions { Injection = CsvInjection.Escape, WriteByteOrderMark = true }, true);
        csv.WriteHeader(header);
        foreach (var row in rows)
        {
            csv.WriteRecord(row);
        }
    }

    /// <summary>
    /// Reads an import file (UTF-8: <see cref="CsvFiles.ToUtf8"/> first). Problems with the file as a whole come back
    /// as one row at line 0, which the preview shows as the file's error, with nothing to import.
    /// </summary>
    public static List<ImportRow> Read(Stream input, IReadOnlyList<Institution> institutions)
    {
        static List<ImportRow> FileError(DomainError error) => [new ImportRow(0, "", "", null, [error])];

        var rows = new List<ImportRow>();
        var lines = 0;
        try
        {
            using var csv = CsvReader.Create(new StreamReader(input, new UTF8Encoding(false, throwOnInvalidBytes: true)), CsvReaderOptions.Default);
            string? Field(CsvRow row, string name) =>
                csv.TryGetFieldIndex(name, out var index) && index < row.FieldCount ? TextNormalization.ToNfc(row.GetString(index).Trim()) : null;

            foreach (var row in csv)
            {
                if (lines == 0 && (!csv.TryGetFieldIndex("latin_name", out _) || !csv.TryGetFieldIndex("email", out _)))
                {
                    return FileError(new DomainError("file", "The file needs a header row with at least the columns latin_name and email."));
                }

                // Past the limit the rest is only counted, so the message can say how many there are.
                if (++lines > MaxImportRows)
                {
                    continue;
                }

                var line = lines + 1;
                var controlColumn = 0;
                for (var i = 0; i < row.FieldCount && controlColumn == 0; i++)
                {
                    controlColumn = TextNormalization.HasForbiddenControl(row.GetString(i)) ? i + 1 : 0;
                }

                var imported = ReadRow(line, Field(row, "latin_name"), Field(row, "native_name"), Field(row, "position"), Field(row, "email"),
                    Field(row, "category"), Field(row, "institution"), Field(row, "institution_native_name"), Field(row, "country"), Field(row, "phone"),
                    Field(row, "preferred_language"), Field(row, "time_zone"), Field(row, "dietary_needs"), Field(row, "arrival_date"),
                    Field(row, "departure_date"), Field(row, "needs_visa_letter"), institutions);
                if (controlColumn > 0)
                {
                    // Refused, not cleaned: the organiser fixes the spreadsheet, as a typed form field comes back too.
                    imported.Problems.Add(new DomainError("", "Column {0} holds an invisible control character (such as U+0000); take it out of the file.", controlColumn));
                    imported = imported with { Request = null };
                }

                rows.Add(imported);
            }
        }
        catch (Exception e) when (CsvFiles.ReadProblem(e) is { } problem)
        {
            return FileError(problem);
        }

        if (lines > MaxImportRows)
        {
            return FileError(new DomainError("file", "The file has {0:N0} rows; at most {1:N0} can be imported at once. Split it into smaller files.", lines, MaxImportRows));
        }

        if (rows.Count == 0)
        {
            return FileError(new DomainError("file", "The file has no delegates in it."));
        }

        return rows;
    }

    private static ImportRow ReadRow(int line, string? latin, string? native, string? position, string? email, string? category, string? institution,
        string? institutionNative, string? country, string? phone, string? language, string? zone, string? dietary, string? arrival, string? departure,
        string? visa, IReadOnlyList<Institution> institutions)
    {
        var problems = new List<DomainError>();
        var parsedCategory = RegistrationCategory.Delegate;
        if (!string.IsNullOrEmpty(category) && !Enum.TryParse(category, ignoreCase: true, out parsedCategory))
        {
            problems.Add(new DomainError("category", "'{0}' is not a category; use Delegate, Speaker, Observer or Press.", category));
        }

        DateOnly? Date(string? text, string column)
        {
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }

            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            problems.Add(new DomainError(column, "'{0}' is not a date like 2027-09-14.", text));
            return null;
        }

        var countryCode = (country ?? "").ToUpperInvariant();
        var match = string.IsNullOrEmpty(institution)
            ? null
            : institutions.FirstOrDefault(i => (i.CountryCode == countryCode || countryCode.Length == 0)
                && (string.Equals(i.EnglishName, institution, StringComparison.OrdinalIgnoreCase) || string.Equals(i.NativeName, institution, StringComparison.Ordinal)));
        if (countryCode.Length == 0 && match is not null)
        {
            countryCode = match.CountryCode;
        }

        var needsVisa = visa?.ToLowerInvariant() is "yes" or "true" or "1" or "y";
        var request = new RegistrationRequest(
            new PersonDetails(latin ?? "", native, position, email ?? "", parsedCategory, dietary),
            [],
            match?.Id,
            match is null ? institution : null,
            match is null ? institutionNative : null,
            countryCode,
            phone,
            string.IsNullOrEmpty(language) ? null : language,
            string.IsNullOrEmpty(zone) ? null : zone,
            Date(arrival, "arrival_date"),
            Date(departure, "departure_date"),
            needsVisa);
        return new ImportRow(line, latin ?? "", RegistrationRules.NormalizeEmail(email), request, problems);
    }
}
