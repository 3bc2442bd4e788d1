namespace EventManager.Core.Institutions;

public class Institution
{
    public int Id { get; set; }
    [Common.NotPersonalData("an institution, not a person")]
    public required string EnglishName { get; set; }

    /// <summary>The name in the institution's own script: 贵州大学, Назарбаев Университет.</summary>
    [Common.NotPersonalData("an institution, not a person")]
    public string? NativeName { get; set; }

    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    public required string CountryCode { get; set; }
    public string? City { get; set; }
}
