using System.ComponentModel.DataAnnotations;
using EventManager.Core.Institutions;

namespace EventManager.Web.Features.Institutions;

public sealed class InstitutionForm
{
    [Display(Name = "Name in English")]
    [Required(ErrorMessage = "Enter the institution's name in English.")]
    public string? EnglishName { get; set; }

    [Display(Name = "Name in its own script")]
    public string? NativeName { get; set; }

    [Display(Name = "Country")]
    [Required(ErrorMessage = "Choose a country from the list.")]
    public string? CountryCode { get; set; }

    [Display(Name = "City")]
    public string? City { get; set; }

    /// <summary>The name in the other languages the app speaks, posted as <c>Names[zh]</c>.</summary>
    public Dictionary<string, string?>? Names { get; set; }

    /// <summary>The languages besides English an institution's name may be given in.</summary>
    public static IReadOnlyList<string> OtherLanguages => ["zh", "kk", "ru"];

    public InstitutionInput ToInput() => new(EnglishName ?? "", NativeName, CountryCode ?? "", City, Infrastructure.LocalTextForms.ToText(Names));

    public static InstitutionForm From(Institution i) => new()
    {
        EnglishName = i.EnglishName,
        NativeName = i.NativeName,
        CountryCode = i.CountryCode,
        City = i.City,
        Names = OtherLanguages.ToDictionary(l => l, l => i.Names?.Exactly(l)),
    };
}

public sealed record InstitutionFormPage(int? Id, InstitutionForm Form);
