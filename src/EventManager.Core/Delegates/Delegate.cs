using EventManager.Core.Institutions;

namespace EventManager.Core.Delegates;

public class Delegate
{
    public int Id { get; set; }
    public required string LatinName { get; set; }
    public string? NativeName { get; set; }
    public string? Position { get; set; }
    public int? InstitutionId { get; set; }
    public Institution? Institution { get; set; }
    public required string Email { get; set; }

    /// <summary>BCP 47 language tag, e.g. zh-CN, kk-KZ.</summary>
    public string? PreferredLanguage { get; set; }

    /// <summary>IANA time zone id the delegate wants times shown in.</summary>
    public string? TimeZoneId { get; set; }
}
