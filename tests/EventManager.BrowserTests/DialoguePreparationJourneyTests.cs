using System.Text.RegularExpressions;
using EventManager.Core.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventManager.BrowserTests;

/// <summary>
/// A dialogue prepared the way rectors' dialogues are, in Chromium: before anyone registers, the organiser enters ten
/// universities, imports their rectors and two outside keynote speakers, plans six agreements with those rectors as
/// signatories and an agenda with the keynotes, then invites the rectors. One registers through his link; the event
/// home's answers and flags follow; the public agenda leads to a keynote speaker's page in Chinese.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DialoguePreparationJourneyTests(Browser browser) : IAsyncLifetime
{
    private AppFactory app = default!;

    public Task InitializeAsync()
    {
        app = new AppFactory(kestrel: true);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private static readonly (string English, string Native, string Country, string City, string Rector, string RectorNative, string Email)[] Universities =
    [
        ("Guizhou University", "贵州大学", "CN", "Guiyang", "Wang Wei", "王伟", "wang.wei@gzu.example"),
        ("Guizhou Normal University", "贵州师范大学", "CN", "Guiyang", "Li Na", "李娜", "li.na@gznu.example"),
        ("Lanzhou University", "兰州大学", "CN", "Lanzhou", "Chen Jing", "陈静", "chen.jing@lzu.example"),
        ("Xinjiang University", "新疆大学", "CN", "Ürümqi", "Huang Li", "黄丽", "huang.li@xju.example"),
        ("Northwest University", "西北大学", "CN", "Xi'an", "Xu Ming", "徐明", "xu.ming@nwu.example"),
        ("Al-Farabi Kazakh National University", "Әл-Фараби атындағы Қазақ ұлттық университеті", "KZ", "Almaty", "Zhansaya Abenova", "Жансая Әбенова", "rector@kaznu.example"),
        ("Nazarbayev University", "Назарбаев Университет", "KZ", "Astana", "Aigerim Nurlanqyzy", "Айгерім Нұрланқызы", "rector@nu.example"),
        ("Satbayev University", "Сәтбаев университеті", "KZ", "Almaty", "Gulnara Kassymova", "Гүлнара Қасымова", "rector@satbayev.example"),
        ("KIMEP University", "КИМЭП университеті", "KZ", "Almaty", "Saule Omarova", "Сәуле Омарова", "rector@kimep.example"),
        ("Karaganda Buketov University", "Академик Е.А. Бөкетов атындағы Қарағанды университеті", "KZ", "Karaganda", "Talgat Ospanov", "Талғат Оспанов", "rector@buketov.example"),
    ];

    [Fact]
    public async Task An_organiser_prepares_a_dialogue_before_anyone_registers_invites_the_rectors_and_the_home_follows_their_answers()
    {
        _ = app.ServerAddress;
        int eventId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            eventId = (await scope.ServiceProvider.GetRequiredService<EventService>().SaveAsync(null, new EventInput(
                "Rectors' Dialogue", "dialogue", EventKind.Dialogue, null,
                new DateTime(2027, 9, 14, 9, 0, 0), new DateTime(2027, 9, 14, 18, 0, 0), "Asia/Shanghai", null, "Guiyang", null))).Value!.Id;
        }

        var page = await browser.NewPageAsync(app.ServerAddress);
        await Browser.SignInAsync(page, AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);

        // Ten universities, by hand.
        foreach (var u in Universities)
        {
            await page.GotoAsync("/organiser/institutions/new");
            await page.Locator("#EnglishName").FillAsync(u.English);
            await page.Locator("#NativeName").FillAsync(u.Native);
            await page.Locator("#CountryCode").SelectOptionAsync(u.Country);
            await page.Locator("#City").FillAsync(u.City);
            await page.GetByRole(AriaRole.Button, new() { Name = "Save institution" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToBeVisibleAsync();
        }

        // Their rectors and two outside keynote speakers, from one CSV file.
        var csv = Path.Combine(Path.GetTempPath(), $"rectors-{Guid.NewGuid():N}.csv");
        var lines = new List<string> { "title,latin_name,native_name,position,institution,country,email,preferred_language,biography_en,biography_zh" };
        lines.AddRange(Universities.Select(u => $"Prof.,{u.Rector},{u.RectorNative},Rector,\"{u.English}\",{u.Country},{u.Email},{(u.Country == "CN" ? "zh-CN" : "kk-KZ")},,"));
        lines.Add("Academician,Zhang Wenhua,张文华,\"Chair, China Association for International Education\",,,,,Twenty years of exchanges between Chinese and Central Asian universities.,二十年来致力于中国与中亚高校交流。");
        lines.Add("Dr.,Maria Ivanova,Мария Иванова,UNESCO Chair in Higher Education,,,maria.ivanova@unesco.example,ru-RU,Higher education policy in Central Asia.,中亚高等教育政策研究者。");
        await File.WriteAllLinesAsync(csv, lines);
        await page.GotoAsync("/organiser/people/import");
        await page.Locator("#file").SetInputFilesAsync(csv);
        await page.GetByRole(AriaRole.Button, new() { Name = "Check the file" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Import 12 rows" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("12");
        File.Delete(csv);

        // The agenda: two keynotes by people who will never register, and the signing ceremony.
        await page.GotoAsync($"/organiser/events/{eventId}/agenda");
        async Task SessionAsync(string title, string kind, string starts, string ends, string? speaker)
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "New session" }).ClickAsync();
            await page.GetByLabel("Title").FillAsync(title);
            await page.GetByLabel("Kind").SelectOptionAsync(new SelectOptionValue { Label = kind });
            await page.GetByLabel("Starts").FillAsync(starts);
            await page.GetByLabel("Ends").FillAsync(ends);
            if (speaker is not null)
            {
                await page.Locator("#speaker-0").FillAsync(speaker);
            }

            await page.GetByRole(AriaRole.Button, new() { Name = "Save session" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("was saved.");
        }

        await SessionAsync("Keynote: universities along the Silk Road", "Plenary", "2027-09-14T09:30", "2027-09-14T10:15", "Zhang Wenhua");
        await SessionAsync("Keynote: higher education policy in Central Asia", "Plenary", "2027-09-14T10:15", "2027-09-14T11:00", "Maria Ivanova");
        await SessionAsync("Group signing ceremony", "Signing ceremony", "2027-09-14T14:00", "2027-09-14T15:30", null);
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish version 1" }).ClickAsync();

        // Six agreements planned by institution, each rector planned to sign; nobody has registered.
        var ceremonyId = await app.WithDbAsync(db => db.Sessions.Where(s => s.EventId == eventId && s.Kind == Core.Agenda.SessionKind.SigningCeremony).Select(s => s.Id).SingleAsync());
        var pairs = new[] { (0, 5), (1, 6), (2, 7), (3, 8), (4, 9), (0, 6) };
        for (var n = 0; n < pairs.Length; n++)
        {
            var (cn, kz) = pairs[n];
            await page.GotoAsync($"/organiser/ceremonies/{ceremonyId}/agreements/new");
            await page.Locator("[name='Title[en]']").FillAsync($"Memorandum of cooperation {n + 1}");
            await page.GetByLabel("Round").FillAsync(n < 5 ? "1" : "2");
            await page.GetByLabel("Table").FillAsync((n % 5 + 1).ToString());
            foreach (var (party, u) in new[] { (0, Universities[cn]), (1, Universities[kz]) })
            {
                await page.Locator($"#Parties_{party}__InstitutionId").SelectOptionAsync(new SelectOptionValue { Label = $"{u.English} ({u.Native})" });
                await page.Locator($"#Parties_{party}__SignatoryPersonId").SelectOptionAsync(new SelectOptionValue { Label = $"Prof. {u.Rector} ({u.RectorNative}), Rector" });
            }

            await page.GetByRole(AriaRole.Button, new() { Name = "Save agreement" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("was saved.");
        }

        await Expect(page.Locator("main")).ToContainTextAsync("Wang Wei, who signs for Guizhou University, is not invited yet");
        await page.GotoAsync($"/organiser/events/{eventId}/registration-settings");
        await page.GetByLabel("Take registrations").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();

        await page.GotoAsync($"/organiser/events/{eventId}");
        await Expect(page.Locator("#figures-ceremonies")).ToContainTextAsync("6");
        await Expect(page.Locator("#waiting-parties > li")).ToHaveCountAsync(6);
        await Expect(page.Locator("#waiting-parties")).ToContainTextAsync("is not invited yet");

        // The rectors are invited, each with their own link.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Work on this event" }).GetByRole(AriaRole.Link, new() { Name = "Invitations" }).ClickAsync();
        await Browser.AssertAccessibleAsync(page);
        foreach (var u in Universities)
        {
            await page.GetByLabel($"Prof. {u.Rector}", new() { Exact = true }).CheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Send invitations" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("10 invitations were sent.");
        await Browser.ScreenshotAsync(page, "invitations");

        await page.GotoAsync($"/organiser/events/{eventId}");
        await Expect(page.Locator("#waiting-parties")).ToContainTextAsync("Wang Wei, who signs for Guizhou University, is invited but has not registered yet");
        await Expect(page.Locator("#next-steps")).ToContainTextAsync("10 invited people have not answered yet");
        await Expect(Row(page, "Guizhou University")).ToHaveTextAsync(new Regex(@"Guizhou University\s*1\s*0\s*0\s*0\s*1"));

        // Wang Wei opens the link in his message, in Chinese: the form is his, filled in; he sends it.
        var message = await app.WithDbAsync(db => db.OutgoingMessages.Where(m => m.RecipientEmail == "wang.wei@gzu.example" && m.Kind == "InvitationInvited").Select(m => m.TextBody).SingleAsync());
        var link = new Uri(Regex.Match(message, @"https?://\S+/i/\S+").Value);
        var rector = await browser.NewPageAsync(app.ServerAddress, locale: "zh-CN", timeZone: "Asia/Shanghai");
        await rector.GotoAsync(link.PathAndQuery);
        await Expect(rector.Locator("#LatinName")).ToHaveValueAsync("Wang Wei");
        await Expect(rector.Locator("#NativeName")).ToHaveValueAsync("王伟");
        await Expect(rector.Locator("#Email")).ToHaveValueAsync("wang.wei@gzu.example");
        await Expect(rector.Locator("main")).ToContainTextAsync("谢绝邀请");
        await Browser.AssertAccessibleAsync(rector);
        await rector.Locator("main form button[type=submit]").ClickAsync();
        await Expect(rector).ToHaveURLAsync(new Regex("/r/[^/?]+"));

        // The home follows: his university has answered, his agreements no longer wait for him.
        await page.GotoAsync($"/organiser/events/{eventId}");
        await Expect(Row(page, "Guizhou University")).ToHaveTextAsync(new Regex(@"Guizhou University\s*1\s*1\s*1\s*0\s*0"));
        await Expect(page.Locator("#next-steps")).ToContainTextAsync("9 invited people have not answered yet");
        await Expect(page.Locator("#waiting-parties")).Not.ToContainTextAsync("Wang Wei");
        await Expect(page.Locator("#waiting-parties")).ToContainTextAsync("Zhansaya Abenova, who signs for Al-Farabi Kazakh National University, is invited but has not registered yet");
        await Browser.ScreenshotAsync(page, "dialogue-home-after-first-answer");

        // The public agenda, read in Chinese, leads to the keynote speaker's page.
        var visitor = await browser.NewPageAsync(app.ServerAddress, locale: "zh-CN", timeZone: "Asia/Shanghai");
        await visitor.GotoAsync("/events/dialogue/agenda?lang=zh-CN");
        await visitor.GetByRole(AriaRole.Link, new() { Name = "Zhang Wenhua" }).ClickAsync();
        await Expect(visitor.Locator("#speaker h1")).ToHaveTextAsync("Academician Zhang Wenhua");
        await Expect(visitor.Locator("#speaker")).ToContainTextAsync("二十年来致力于中国与中亚高校交流。");
    }

    private static ILocator Row(IPage page, string institution) =>
        page.Locator("#responses tbody tr").Filter(new() { Has = page.Locator("th", new() { HasTextRegex = new Regex($"^{Regex.Escape(institution)}$") }) });
}
