using EventManager.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Events;

/// <summary>The languages an event's texts may be written in: English, Chinese, Kazakh, Russian.</summary>
public static class EventLanguages
{
    public static readonly IReadOnlyList<string> Supported = ["en", "zh", "kk", "ru"];

    /// <summary>A language's name in itself, as a bilingual organiser looks for it.</summary>
    public static string NativeName(string code) => code switch
    {
        "en" => "English",
        "zh" => "中文",
        "kk" => "Қазақ тілі",
        "ru" => "Русский",
        _ => code,
    };

    /// <summary>The stored list ("zh en") as codes, the default first; unknown codes are dropped, never empty.</summary>
    public static IReadOnlyList<string> Parse(string? stored)
    {
        var codes = (stored ?? "").Split([' ', ','], StringSplitOptions.RemoveEmptyEntries)
            .Select(Common.LocalText.Code).Where(Supported.Contains).Distinct().ToList();
        return codes.Count == 0 ? ["en"] : codes;
    }

    /// <summary>The list to store: the default first, then the others in the supported order.</summary>
    public static string Format(string? defaultLanguage, IEnumerable<string>? others)
    {
        var first = Parse(defaultLanguage)[0];
        var rest = Supported.Where(l => l != first && (others ?? []).Select(Common.LocalText.Code).Contains(l));
        return string.Join(' ', new[] { first }.Concat(rest));
    }

    /// <summary>An event's languages as stored, the default first (English for an event that is not there).</summary>
    public static async Task<IReadOnlyList<string>> OfEventAsync(EventManagerDbContext db, int eventId, CancellationToken cancellationToken = default) =>
        Parse(await db.Events.Where(e => e.Id == eventId).Select(e => e.Languages).SingleOrDefaultAsync(cancellationToken));
}
