using System.Globalization;
using CsvHelper;

namespace EventManager.Core.Institutions;

/// <summary>
/// Country names in the languages the product speaks: English from .NET; Chinese, Russian and Kazakh in
/// CountryNames.csv, made from Debian's iso-codes 4.15 (ISO 3166-1 translations, LGPL-2.1+), with the names used in
/// mainland China for Hong Kong, Macao and Taiwan, and short forms for a few long official names (Лаос, Россия, США).
/// A language without a name for a country falls back to English.
/// </summary>
public static class CountryNames
{
    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> Table = new(Load);

    /// <summary>The country's name in the culture's language, else in English, else its code.</summary>
    public static string Name(string code, CultureInfo culture)
    {
        var names = Table.Value.GetValueOrDefault(LanguageOf(culture));
        return names is not null && names.TryGetValue(code, out var name) ? name : InstitutionRules.CountryName(code);
    }

    /// <summary>The given countries named and sorted for the culture (Chinese by pinyin, Russian and Kazakh alphabetically).</summary>
    public static IReadOnlyList<(string Code, string Name)> Sorted(IEnumerable<string> codes, CultureInfo culture)
    {
        var comparer = StringComparer.Create(culture, ignoreCase: true);
        return codes.Select(c => (c, Name(c, culture))).OrderBy(c => c.Item2, comparer).ToList();
    }

    private static string LanguageOf(CultureInfo culture) => culture.TwoLetterISOLanguageName switch
    {
        "zh" => "zh-Hans",
        var language => language,
    };

    private static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Load()
    {
        using var stream = typeof(CountryNames).Assembly.GetManifestResourceStream("CountryNames.csv")
            ?? throw new InvalidOperationException("CountryNames.csv is not embedded in EventManager.Core.");
        using var csv = CsvReader.Create(stream, CsvReaderOptions.Default, false);
        string[] languages = ["zh-Hans", "ru", "kk"];
        var table = languages.ToDictionary(l => l, _ => new Dictionary<string, string>(StringComparer.Ordinal));
        foreach (var row in csv)
        {
            var code = row["code"].ToString();
            foreach (var language in languages)
            {
                var name = row[language].ToString();
                if (name.Length > 0)
                {
                    table[language][code] = name;
                }
            }
        }

        return table.ToDictionary(t => t.Key, t => (IReadOnlyDictionary<string, string>)t.Value);
    }
}
