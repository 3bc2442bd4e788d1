using System.Globalization;

namespace EventManager.Core.Institutions;

public static class InstitutionRules
{
    public const int NameMaxLength = 300;

    /// <summary>True for an ISO 3166-1 alpha-2 code the platform knows, e.g. CN, KZ, TH.</summary>
    public static bool IsCountryCode(string? code)
    {
        if (code is not { Length: 2 } || !code.All(char.IsAsciiLetterUpper))
        {
            return false;
        }

        try
        {
            return new RegionInfo(code).TwoLetterISORegionName == code;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The English name; .NET gives a region's name only in English or its own language.</summary>
    public static string CountryName(string code)
    {
        try
        {
            return new RegionInfo(code).EnglishName;
        }
        catch (ArgumentException)
        {
            return code;
        }
    }
}
