using System.Text;
using CsvHelper;
using EventManager.Core.Common;
using EventManager.Core.Events;
using EventManager.Core.Institutions;
using EventManager.Core.Registrations;

namespace EventManager.Core.Delegates;

/// <summary>A row of a people file: the person it describes, and what is wrong with it.</summary>
public sealed record PersonRow(int Line, string Name, PersonInput? Input, List<DomainError> Problems);

/// <summary>
/// The people directory as CSV: the export an organiser hands to the protocol office, and the import of the rectors,
/// speakers and guests a partner sent as a spreadsheet. The import reads the export's columns.
/// </summary>
public static class PeopleCsv
{
    public const int MaxRows = 2000;

    public static readonly string[] Columns =
    [
        "title", "latin_name", "native_name", "position", "institution", "country", "email", "preferred_language", "spoken_languages",
        .. EventLanguages.Supported.Select(l => "biography_" + l),
    ];

    public static void Write(Stream output, IEnumerable<Delegate> people) =>
        RegistrationCsv.WriteTable(output, Columns, people.Select(p => (string[])
        [
            p.Title ?? "", p.LatinName, p.NativeName ?? "", p.Position ?? "", p.Institution?.EnglishName ?? "", p.Institution?.CountryCode ?? "",
            p.Email ?? "", p.PreferredLanguage ?? "", p.SpokenLanguages ?? "",
            .. EventLanguages.Supported.Select(l => p.Biography?.Exactly(l) ?? ""),
        ]));

    /// <summary>
    /// Reads a people file (UTF-8: <see cref="CsvFiles.ToUtf8"/> first). A problem with the file as a whole comes back
    /// as one row at line 0. Institutions are found by their English or own-script name (and country, when given).
    /// </summary>
    public static List<PersonRow> Read(Stream input, IReadOnlyList<Institution> institutions)
    {
        static List<PersonRow> FileError(DomainError error) => [new PersonRow(0, "", null, [error])];

        var rows = new List<PersonRow>();
        var lines = 0;
        try
        {
            using var csv = CsvReader.Create(new StreamReader(input, new UTF8Encoding(false, throwOnInvalidBytes: true)), CsvReaderOptions.Default);
            foreach (var row in csv)
            {
                var cells = new Dictionary<string, string>();
                foreach (var column in Columns)
                {
                    if (csv.TryGetFieldIndex(column, out var index) && index < row.FieldCount && TextNormalization.ToNfc(row.GetString(index).Trim()) is { Length: > 0 } value)
                    {
                        cells[column] = value;
                    }
                }

                string? Field(string name) => cells.GetValueOrDefault(name);

                if (lines == 0 && !csv.TryGetFieldIndex("latin_name", out _))
                {
                    return FileError(new DomainError("file", "The file needs a header row with at least the column latin_name."));
                }

                if (++lines > MaxRows)
                {
                    continue;
                }

                var problems = new List<DomainError>();
                for (var i = 0; i < row.FieldCount; i++)
                {
                    if (TextNormalization.HasForbiddenControl(row.GetString(i)))
                    {
                        problems.Add(new DomainError("", "Column {0} holds an invisible control character (such as U+0000); take it out of the file.", i + 1));
                        break;
                    }
                }

                int? institutionId = null;
                if (Field("institution") is { } name)
                {
                    var country = Field("country")?.ToUpperInvariant();
                    var key = TextNormalization.SearchKey(name);
                    var found = institutions.Where(i => (country is null || i.CountryCode == country)
                        && (TextNormalization.SearchKey(i.EnglishName) == key || (i.NativeName is not null && TextNormalization.SearchKey(i.NativeName) == key))).ToList();
                    if (found.Count == 1)
                    {
                        institutionId = found[0].Id;
                    }
                    else
                    {
                        problems.Add(new DomainError("", "“{0}” is not in the institutions list (or names several): add it there first, or write its name as listed.", name));
                    }
                }

                var biography = LocalText.From(EventLanguages.Supported.Select(l => new KeyValuePair<string, string?>(l, Field("biography_" + l)?.Replace("\\n", "\n"))));
                var latin = Field("latin_name") ?? "";
                var person = new PersonInput(latin, Field("native_name"), Field("title"), Field("position"), institutionId, Field("email"),
                    Field("preferred_language"), Field("spoken_languages"), biography);
                rows.Add(new PersonRow(lines + 1, latin, problems.Count == 0 ? person : null, problems));
            }
        }
        catch (Exception e) when (CsvFiles.ReadProblem(e) is { } problem)
        {
            return FileError(problem);
        }

        if (lines > MaxRows)
        {
            return FileError(new DomainError("file", "The file has {0:N0} rows; at most {1:N0} can be imported at once. Split it into smaller files.", lines, MaxRows));
        }

        return lines == 0 ? FileError(new DomainError("file", "The file has no rows to import.")) : rows;
    }
}
