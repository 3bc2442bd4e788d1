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
    [InlineData("zh", "zh-CN")]
    [InlineData("zh-Hans", "zh-CN")]
    [InlineData("zh-TW,en;q=0.5", "zh-CN")]
    [InlineData("ru", "ru-RU")]
    [InlineData("kk", "kk-KZ")]
    [InlineData("kk-Cyrl-KZ", "kk-KZ")]
    [InlineData("fr;q=1, ru;q=0.7, kk;q=0.9", "kk-KZ")]
    [InlineData("en-US,zh;q=0.8", "en")]
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

    [Theory]
    [InlineData("zh", "zh-CN")]
    [InlineData("ru-RU", "ru-RU")]
    [InlineData("kk", "kk-KZ")]
    [InlineData("xx", "en")]
    public async Task A_link_names_its_readers_language_and_that_wins_over_the_browser(string lang, string expected)
    {
        var client = app.Client();
        client.DefaultRequestHeaders.Add("Accept-Language", lang == "xx" ? "en" : "fr");
        var page = await client.GetPageAsync($"/?lang={lang}");
        Assert.Equal(expected, page.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task The_users_choice_wins_over_the_browser_and_sticks_from_a_plain_link_in_the_footer()
    {
        await app.CreateEventAsync("footer-language");
        var client = app.Client();
        client.DefaultRequestHeaders.Add("Accept-Language", "kk-KZ");
        // The footer's choice is a link back to this page, without the page's own ?lang= (which would outvote it).
        var before = await client.GetPageAsync("/events/footer-language?lang=ru&tz=Asia%2FAlmaty");
        Assert.Null(before.QuerySelector("footer form"));
        var link = before.QuerySelector("footer .language a[lang='zh-CN']")!.GetAttribute("href")!;
        Assert.Equal("/culture/zh-CN?returnUrl=" + Uri.EscapeDataString("/events/footer-language?tz=Asia%2FAlmaty"), link);
        Assert.Equal("ru-RU", before.QuerySelector("footer .language a[aria-current]")!.GetAttribute("lang"));

        var page = await client.GetPageAsync(link);
        Assert.Equal("zh-CN", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("zh-CN", page.QuerySelector("footer .language a[aria-current]")!.GetAttribute("lang"));
        // It sticks: every page opened from here is in Chinese, though the browser asks for Kazakh.
        Assert.Equal("zh-CN", (await client.GetPageAsync("/")).DocumentElement.GetAttribute("lang"));

        // An unknown choice changes nothing; a return address elsewhere is not followed.
        Assert.Equal("zh-CN", (await client.GetPageAsync("/culture/xx-YY?returnUrl=%2F")).DocumentElement.GetAttribute("lang"));
        using var away = await app.Client(followRedirects: false).GetAsync("/culture/ru-RU?returnUrl=https%3A%2F%2Fevil.example%2F");
        Assert.Equal("/", away.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("en", "Kazakhstan", "Vietnam")]
    [InlineData("ru-RU", "Казахстан", "Вьетнам")]
    [InlineData("kk-KZ", "Қазақстан", "Вьетнам")]
    [InlineData("zh-CN", "哈萨克斯坦", "越南")]
    public async Task Countries_are_named_in_the_readers_language(string language, string kazakhstan, string vietnam)
    {
        await app.CreateEventAsync("countries");
        var client = app.Client();
        client.DefaultRequestHeaders.Add("Accept-Language", language);
        var form = await client.GetPageAsync("/events/countries/register");
        Assert.Equal(kazakhstan, form.QuerySelector("#CountryCode option[value=KZ]")!.TextContent.Trim());
        Assert.Equal(vietnam, form.QuerySelector("#CountryCode option[value=VN]")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_delegate_who_reads_chinese_registers_in_chinese_and_is_written_to_in_chinese()
    {
        await app.CreateEventAsync("rectors");
        var client = app.Client();
        client.DefaultRequestHeaders.Add("Accept-Language", "zh-CN,zh;q=0.9");
        var form = await client.GetPageAsync("/events/rectors/register");
        Assert.Equal("报名", form.QuerySelector("h1")!.TextContent.Trim());
        Assert.StartsWith("报名参加Dialogue rectors", form.Title);
        Assert.Equal("拉丁字母姓名", form.QuerySelector("label[for=LatinName]")!.TextContent.Trim());
        // Countries are named in Chinese and in pinyin order: 阿富汗 (ā) … 哈萨克斯坦 (hā) … 中国 (zhōng).
        var countries = form.QuerySelectorAll("#CountryCode option").Select(o => (Code: o.GetAttribute("value"), Name: o.TextContent.Trim())).ToList();
        Assert.Equal("哈萨克斯坦", countries.Single(c => c.Code == "KZ").Name);
        Assert.True(countries.FindIndex(c => c.Code == "AF") < countries.FindIndex(c => c.Code == "KZ")
            && countries.FindIndex(c => c.Code == "KZ") < countries.FindIndex(c => c.Code == "CN"), string.Join(" ", countries.Select(c => c.Name)));
        // Messages will be in Chinese too, unless the delegate chooses another language.
        Assert.Equal("zh-CN", form.QuerySelector("#PreferredLanguage option[selected]")!.GetAttribute("value"));

        // A mistake is explained in Chinese, next to the field.
        using var refused = await client.RegisterAsync("rectors", RegistrationSupport.Delegate("", change: f => f["PreferredLanguage"] = "zh-CN"));
        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("请填写电子邮箱。", (await refused.ReadDocumentAsync()).Errors());

        using var response = await client.RegisterAsync("rectors", RegistrationSupport.Delegate("wang@gzu.example.edu", change: f =>
        {
            f["LatinName"] = "Wang Fang"; f["NativeName"] = "王芳"; f["PreferredLanguage"] = "zh-CN";
        }));
        Assert.Contains("我们已向 wang@gzu.example.edu 发送了一封邮件。", (await response.ReadDocumentAsync()).MainText());
        var page = await client.GetPageAsync($"/r/{await app.TokenOfAsync(response)}");
        Assert.Equal("已确认", page.QuerySelector("#registration-status .status")!.TextContent.Trim());

        var mail = app.MailTo("wang@gzu.example.edu").Single();
        Assert.Equal("您参加Dialogue rectors的名额已确认", mail.Subject);
        // Greeted by the name as Chinese writes it.
        Assert.StartsWith("尊敬的王芳：", mail.Body);
    }

    [Fact]
    public async Task An_organiser_whose_browser_reads_chinese_works_in_chinese()
    {
        var organiser = app.Client();
        organiser.DefaultRequestHeaders.Add("Accept-Language", "zh-CN");
        await organiser.LoginAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        var ev = await app.CreateEventAsync("rectors");
        var page = await organiser.GetPageAsync($"/organiser/events/{ev.Id}/registrations");
        Assert.Equal("报名", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("机构", page.QuerySelector("header nav")!.TextContent);
        Assert.Contains("报名", page.QuerySelector("nav.event-menu [aria-current=page]")!.TextContent);

        // A broken rule is explained in Chinese.
        using var refused = await organiser.SubmitFormAsync($"/organiser/events/{ev.Id}/edit", new Dictionary<string, string> { ["Name[en]"] = "" });
        Assert.Contains("请输入活动名称。", (await refused.ReadDocumentAsync()).Errors());
    }

    [Fact]
    public async Task A_delegate_gets_messages_in_the_language_they_chose_whatever_the_language_of_the_page()
    {
        await app.CreateEventAsync("rectors");
        (await app.Client().RegisterAsync("rectors", RegistrationSupport.Delegate("aigerim@satbayev.example", change: f => f["PreferredLanguage"] = "kk-KZ"))).Dispose();
        (await app.Client().RegisterAsync("rectors", RegistrationSupport.Delegate("irina@kaznu.example", change: f => { f["LatinName"] = "Irina Petrova"; f["PreferredLanguage"] = "ru-RU"; }))).Dispose();
        (await app.Client().RegisterAsync("rectors", RegistrationSupport.Delegate("somchai@cmu.example", change: f => { f["LatinName"] = "Somchai"; f["PreferredLanguage"] = "th-TH"; }))).Dispose();

        Assert.Equal("«Dialogue rectors» іс-шарасына қатысуыңыз расталды", app.MailTo("aigerim@satbayev.example").Single().Subject);
        Assert.Equal("Ваше участие в мероприятии «Dialogue rectors» подтверждено", app.MailTo("irina@kaznu.example").Single().Subject);
        // No Thai translation yet: English.
        Assert.Equal("Your place at Dialogue rectors is confirmed", app.MailTo("somchai@cmu.example").Single().Subject);
    }

    [Fact]
    public async Task While_approval_is_pending_the_kazakh_message_says_received_not_accepted()
    {
        await app.CreateEventAsync("approval", approval: true);
        (await app.Client().RegisterAsync("approval", RegistrationSupport.Delegate("aigerim@satbayev.example", change: f => f["PreferredLanguage"] = "kk-KZ"))).Dispose();
        var subject = app.MailTo("aigerim@satbayev.example").Single().Subject;
        Assert.Equal("«Dialogue approval» іс-шарасына тіркелу өтініміңізді алдық", subject);
        Assert.DoesNotContain("қабылданды", subject);
    }

    [Fact]
    public void Every_translation_is_of_an_english_string_and_keeps_its_placeholders()
    {
        static Dictionary<string, string> Read(string file) => XDocument.Load(Path.Combine(Repository.Root, "src/EventManager.Web/Resources", file)).Root!
            .Elements("data").ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);
        var english = Read("SharedResource.resx");
        var files = Directory.GetFiles(Path.Combine(Repository.Root, "src/EventManager.Web/Resources"), "SharedResource.*.resx").Select(Path.GetFileName).ToList();
        Assert.Equal(["SharedResource.kk.resx", "SharedResource.ru.resx", "SharedResource.zh-Hans.resx"], files.Order());
        foreach (var file in files)
        {
            var translated = Read(file!);
            Assert.True(translated.Count > 150, $"{file}: only {translated.Count} strings");
            // Organisers and staff work in Chinese, Kazakh or Russian: every screen is translated, and stays so; the UI
            // never falls back to English for a key.
            var missing = english.Keys.Where(k => !translated.ContainsKey(k)).ToList();
            Assert.True(missing.Count == 0, $"Strings without a translation (add them to {file}):\n" + string.Join("\n", missing));

            foreach (var (key, text) in translated)
            {
                Assert.True(english.ContainsKey(key), $"{file}: '{key}' is not an English string (any more)");
                Assert.False(string.IsNullOrWhiteSpace(text), $"{file}: '{key}' is empty");
                Assert.True(Placeholders(key).SequenceEqual(Placeholders(text)), $"{file}: '{text}' does not keep the placeholders of '{key}'");
                if (file == "SharedResource.ru.resx" && text.Contains(", plural,"))
                {
                    // Russian counts one, few and many: "1 делегат, 3 делегата, 5 делегатов".
                    Assert.True(text.Contains(" few {") && text.Contains(" many {"), $"{file}: '{text}' lacks the few or many form");
                }
            }
        }

        // A plural block ("{1, plural, one {# change} other {# changes}}") is placeholder 1; Chinese may write plain {1}.
        static IEnumerable<string> Placeholders(string text) => Regex.Matches(text, @"\{(\d+)(?:\}|,\s*plural,)").Select(m => m.Groups[1].Value).Distinct().Order();
    }

    [GeneratedRegex("""\b[Tt]\["((?:[^"\\]|\\.)*)"|new DomainError\([^,]*,\s*"((?:[^"\\]|\\.)*)"|ErrorMessage\s*=\s*"((?:[^"\\]|\\.)*)"|Display\(Name\s*=\s*"((?:[^"\\]|\\.)*)"|\.Say\([^,]*,\s*"((?:[^"\\]|\\.)*)"|\.Failure\("[^"]*",\s*"((?:[^"\\]|\\.)*)"|asp-antiforgery""")]
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
