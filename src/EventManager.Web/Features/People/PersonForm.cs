using EventManager.Core.Common;
using EventManager.Core.Delegates;
using EventManager.Core.Institutions;
using EventManager.Web.Infrastructure;

namespace EventManager.Web.Features.People;

public sealed class PersonForm
{
    public string? LatinName { get; set; }
    public string? NativeName { get; set; }
    public string? Title { get; set; }
    public string? Position { get; set; }
    public int? InstitutionId { get; set; }
    public string? Email { get; set; }
    public string? PreferredLanguage { get; set; }
    public List<string> SpokenLanguages { get; set; } = [];
    public Dictionary<string, string?> Biography { get; set; } = [];
    public bool RemovePhoto { get; set; }

    public PersonInput ToInput(byte[]? photo) => new(LatinName ?? "", NativeName, Title, Position, InstitutionId, Email, PreferredLanguage,
        string.Join(' ', SpokenLanguages), LocalTextForms.ToText(Biography), photo, RemovePhoto);

    public static PersonForm From(Core.Delegates.Delegate d, IReadOnlyList<string> languages) => new()
    {
        LatinName = d.LatinName,
        NativeName = d.NativeName,
        Title = d.Title,
        Position = d.Position,
        InstitutionId = d.InstitutionId,
        Email = d.Email,
        PreferredLanguage = d.PreferredLanguage,
        SpokenLanguages = (d.SpokenLanguages ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList(),
        Biography = LocalTextForms.ToForm(d.Biography, languages),
    };
}

/// <summary>The directory page: who matched, where the search looked.</summary>
public sealed record PeoplePage(IReadOnlyList<PersonListing> People, string? Search, Institution? Institution);

public sealed record PersonFormPage(int? Id, PersonForm Form, IReadOnlyList<Institution> Institutions, IReadOnlyList<string> Languages, bool HasPhoto, IReadOnlyList<PersonListing> Duplicates);
