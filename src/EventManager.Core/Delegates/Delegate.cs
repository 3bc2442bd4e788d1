using EventManager.Core.Institutions;

namespace EventManager.Core.Delegates;

public class Delegate
{
    public int Id { get; set; }
    [Common.ErasedBy(typeof(Registrations.RegistrationEraser))]
    public required string LatinName { get; set; }
    [Common.ErasedBy(typeof(Registrations.RegistrationEraser))]
    public string? NativeName { get; set; }
    [Common.ErasedBy(typeof(Registrations.RegistrationEraser))]
    public string? Position { get; set; }
    public int? InstitutionId { get; set; }
    public Institution? Institution { get; set; }
    [Common.ErasedBy(typeof(Registrations.RegistrationEraser))]
    public required string Email { get; set; }

    /// <summary>BCP 47 language tag, e.g. zh-CN, kk-KZ.</summary>
    [Common.ErasedBy(typeof(Registrations.RegistrationEraser))]
    public string? PreferredLanguage { get; set; }

    /// <summary>IANA time zone id the delegate wants times shown in.</summary>
    [Common.ErasedBy(typeof(Registrations.RegistrationEraser))]
    public string? TimeZoneId { get; set; }
}
