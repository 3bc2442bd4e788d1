using System.Text.RegularExpressions;
using EventManager.Core.Agenda;
using EventManager.Core.Common;

namespace EventManager.Web.Features.Agenda;

/// <summary>
/// Chairs and speakers are chosen in a text box with suggestions: a suggestion reads "Zhang Hua · 张华 · Guizhou
/// University (#42)", and typed text is matched as staff search names (any script, without accents or case), so
/// "zhang hua", "张华" and "Nguyen" all find their person. The number settles namesakes.
/// </summary>
public static partial class PeoplePicker
{
    public static string Label(AgendaPerson p) =>
        string.Join(" · ", new[] { p.LatinName, p.NativeName, p.Institution }.Where(s => !string.IsNullOrWhiteSpace(s))) + $" (#{p.DelegateId})";

    /// <summary>The person the text names; null with the reason (no one, or several) when it names none or many.</summary>
    public static (AgendaPerson? Person, bool Ambiguous) Find(IReadOnlyList<AgendaPerson> people, string text)
    {
        var number = Number().Match(text);
        if (number.Success && int.TryParse(number.Groups[1].Value, out var id))
        {
            return (people.FirstOrDefault(p => p.DelegateId == id), false);
        }

        var key = TextNormalization.SearchKey(text);
        var exact = people.Where(p => TextNormalization.SearchKey(p.LatinName) == key || (p.NativeName is not null && TextNormalization.SearchKey(p.NativeName) == key)).ToList();
        var found = exact.Count > 0 ? exact : people.Where(p => TextNormalization.SearchKey(Label(p)).Contains(key, StringComparison.Ordinal)).ToList();
        return found.Count == 1 ? (found[0], false) : (null, found.Count > 1);
    }

    [GeneratedRegex(@"\(#(\d+)\)\s*$")]
    private static partial Regex Number();
}
