namespace EventManager.Core.Institutions;

public class Institution
{
    public int Id { get; set; }
    [Common.NotPersonalData("an institution, not a person")]
    public required string EnglishName { get; set; }

    /// <summary>The name in the institution's own script: 贵州大学, Назарбаев Университет.</summary>
    [Common.NotPersonalData("an institution, not a person")]
    public string? NativeName { get; set; }

    /// <summary>
    /// The name as readers of other languages know it ("萨特巴耶夫大学", "Университет Сатпаева"), where organisers
    /// gave it: by language code.
    /// </summary>
    [Common.NotPersonalData("an institution, not a person")]
    public Common.LocalText? Names { get; set; }

    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    public required string CountryCode { get; set; }
    public string? City { get; set; }

    /// <summary>
    /// The name a reader of this language ("kk", "zh") reads: the one organisers gave in it; else, for a reader of the
    /// institution's own language, its own name; else the English one.
    /// </summary>
    public string NameFor(string language) =>
        Names?.Exactly(language)
        ?? (NativeName is not null && CountryLanguages.Native(CountryCode)?.Split('-')[0] == language ? NativeName : null)
        ?? EnglishName;
}

/// <summary>The language a country's institutions and people write their own names in, as a language tag.</summary>
public static class CountryLanguages
{
    /// <summary>"zh-Hans" for China, "kk" for Kazakhstan; null where the app does not know.</summary>
    public static string? Native(string? countryCode) => countryCode switch
    {
        "CN" => "zh-Hans",
        "TW" => "zh-Hant",
        "HK" or "MO" => "zh-Hant",
        "KZ" => "kk",
        "RU" or "BY" => "ru",
        "KG" => "ky",
        "UZ" => "uz",
        "MN" => "mn",
        "TH" => "th",
        "KH" => "km",
        "LA" => "lo",
        "MM" => "my",
        "VN" => "vi",
        "ID" => "id",
        "MY" or "BN" => "ms",
        "JP" => "ja",
        "KR" => "ko",
        _ => null,
    };
}
