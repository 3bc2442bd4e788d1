using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace EventManager.Tests;

public sealed partial class LocalizationTests : IAsyncLifetime
{
    private AppFactory app = default!;

    public Task InitializeAsync()
    {
        app = new AppFactory();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Theory]
    [InlineData("kk-KZ,kk;q=0.9,ru;q=0.8", "kk-KZ")]
    [InlineData("zh-CN,zh;q=0.9", "zh-CN")]
    [InlineData("fr-FR,fr;q=0.9", "en")]
    [InlineData("", "en")]
    public async Task The_browsers_language_is_used_when_the_user_chose_none(string acceptLanguage, string expected)
    {
        var client = app.Client();
        if (acceptLanguage.Length > 0)
        {
            client.DefaultRequestHeaders.Add("Accept-Language", acceptLanguage);
        }

        var page = await client.GetPageAsync("/");
        Assert.Equal(expected, page.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task The_users_choice_wins_over_the_browser()
    {
        var client = app.Client();
        client.DefaultRequestHeaders.Add("Accept-Language", "kk-KZ");
        using var response = await client.SubmitFormAsync("/", new Dictionary<string, string> { ["culture"] = "zh-CN" }, "footer form");
        var page = await response.ReadDocumentAsync();
        Assert.Equal("zh-CN", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("zh-CN", page.QuerySelector("#culture-choice option[selected]")!.GetAttribute("value"));

        // An unknown choice changes nothing.
        using var odd = await client.SubmitFormAsync("/", new Dictionary<string, string> { ["culture"] = "xx-YY" }, "footer form");
        Assert.Equal("zh-CN", (await odd.ReadDocumentAsync()).DocumentElement.GetAttribute("lang"));
    }

    [GeneratedRegex("""\b[Tt]\["((?:[^"\\]|\\.)*)"|new DomainError\([^,]*,\s*"((?:[^"\\]|\\.)*)"|ErrorMessage\s*=\s*"((?:[^"\\]|\\.)*)"|Display\(Name\s*=\s*"((?:[^"\\]|\\.)*)"|\.Say\([^,]*,\s*"((?:[^"\\]|\\.)*)"|asp-antiforgery""")]
    private static partial Regex LocalizedText();

    [Fact]
    public void Every_user_facing_string_has_an_english_resource()
    {
        var root = Repository.Root;
        var resx = XDocument.Load(Path.Combine(root, "src/EventManager.Web/Resources/SharedResource.resx"));
        var resources = resx.Root!.Elements("data").ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);
        // Resource names are matched without regard to case when the file is compiled: two that differ only in case clash.
        var clashes = resources.Keys.GroupBy(k => k, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(clashes.Count == 0, "Resource names that differ only in case: " + string.Join(", ", clashes));

        var used = new HashSet<string>();
        foreach (var folder in new[] { "src/EventManager.Web", "src/EventManager.Core" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, folder), "*.*", SearchOption.AllDirectories)
                         .Where(f => (f.EndsWith(".cs") || f.EndsWith(".cshtml")) && !f.Contains("/obj/") && !f.Contains("/bin/")))
            {
                foreach (Match m in LocalizedText().Matches(File.ReadAllText(file)))
                {
                    var key = m.Groups.Cast<Group>().Skip(1).FirstOrDefault(g => g.Success)?.Value.Replace("\\\"", "\"");
                    if (key is not null)
                    {
                        used.Add(key);
                    }
                }
            }
        }

        Assert.True(used.Count > 80, $"Only {used.Count} localized strings found: is the scan still looking in the right places?");
        var missing = used.Where(k => !resources.ContainsKey(k)).Order().ToList();
        Assert.True(missing.Count == 0, "Strings without an English resource (run scripts/localization-keys.py):\n" + string.Join("\n", missing));
        Assert.All(resources, r => Assert.False(string.IsNullOrWhiteSpace(r.Value), $"Empty English text for '{r.Key}'"));
    }
}
