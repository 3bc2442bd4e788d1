using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace EventManager.Tests;

/// <summary>
/// One word for one thing: every Chinese, Kazakh and Russian string of the app uses the translations docs/glossary.md
/// gives for the domain's terms (institution, delegate, signatory, waiting list …).
/// </summary>
public sealed class GlossaryTests
{
    private static readonly string Resources = Path.Combine(Repository.Root, "src", "EventManager.Web", "Resources");

    private static Dictionary<string, string> Strings(string file) =>
        XDocument.Load(Path.Combine(Resources, file)).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);

    /// <summary>The glossary's terms: the English pattern and the stem each language must use.</summary>
    private static List<(string Pattern, string Zh, string Kk, string Ru)> Terms()
    {
        var text = File.ReadAllText(Path.Combine(Repository.Root, "docs", "glossary.md"));
        var table = text[..text.IndexOf("## Words that take their sense", StringComparison.Ordinal)];
        return table.Split('\n').Where(l => l.StartsWith("| ") && l.Contains('`'))
            .Select(l => Regex.Matches(l.Replace("\\|", "|"), "`([^`]+)`").Select(m => m.Groups[1].Value).ToList())
            .Where(stems => stems.Count == 4)
            .Select(stems => (stems[0], stems[1], stems[2], stems[3])).ToList();
    }

    /// <summary>The strings the glossary lists as "not the term": their English only looks like it.</summary>
    private static List<string> Exceptions()
    {
        var text = File.ReadAllText(Path.Combine(Repository.Root, "docs", "glossary.md"));
        var section = text[text.IndexOf("## Not the term", StringComparison.Ordinal)..];
        return Regex.Matches(section, "^- `([^`]+)`", RegexOptions.Multiline).Select(m => m.Groups[1].Value.TrimEnd('…', ' ')).ToList();
    }

    [Fact]
    public void Every_translated_string_uses_the_glossarys_word_for_each_term()
    {
        var english = Strings("SharedResource.resx");
        var languages = new[] { ("zh", Strings("SharedResource.zh-Hans.resx")), ("kk", Strings("SharedResource.kk.resx")), ("ru", Strings("SharedResource.ru.resx")) };
        var terms = Terms();
        var exceptions = Exceptions();
        Assert.True(terms.Count >= 10, $"the glossary has {terms.Count} terms");
        var wrong = new List<string>();
        foreach (var (pattern, zh, kk, ru) in terms)
        {
            foreach (var key in english.Keys.Where(k => Regex.IsMatch(k, pattern, RegexOptions.IgnoreCase) && !exceptions.Any(k.StartsWith)))
            {
                foreach (var (language, strings) in languages)
                {
                    var stem = language switch { "zh" => zh, "kk" => kk, _ => ru };
                    if (strings.TryGetValue(key, out var translated) && !Regex.IsMatch(translated, stem, RegexOptions.IgnoreCase))
                    {
                        wrong.Add($"{language}: \"{key}\" → \"{translated}\" (wants {stem})");
                    }
                }
            }
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} strings use another word than the glossary's:\n" + string.Join("\n", wrong.Take(40)));
    }

    [Theory]
    [InlineData("Name (person)", "ru", "Имя")]
    [InlineData("Name", "ru", "Название")]
    [InlineData("Staff (role)", "ru", "Сотрудник")]
    [InlineData("Institutions", "ru", "Учреждения")]
    [InlineData("Waiting", "ru", "Ожидает отправки")]
    public void Words_that_take_their_sense_from_the_screen_have_a_translation_for_each_sense(string key, string language, string expected)
    {
        Assert.Equal(expected, Strings(language == "ru" ? "SharedResource.ru.resx" : $"SharedResource.{language}.resx")[key]);
        Assert.Equal(key.Split(" (")[0], Strings("SharedResource.resx")[key]);
    }
}
