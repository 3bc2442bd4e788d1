using System.Text.RegularExpressions;
using EventManager.Core.Common;
using EventManager.Core.Data;
using EventManager.Core.Registrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventManager.BrowserTests;

/// <summary>
/// A delegate's week on a 390 px phone, in Chinese, Kazakh and Russian: the form with a question asked after an
/// answer, a file and the privacy notice; the hub opened from the message; the ticket; the agenda; the language
/// holding from page to page; the calendar file.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DelegateJourneyTests(Browser browser) : IAsyncLifetime
{
    private AppFactory app = default!;

    public Task InitializeAsync()
    {
        app = new AppFactory(demoSeed: true, kestrel: true);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Theory]
    [InlineData("zh-CN", "zh", "报名", "酒店")]
    [InlineData("kk-KZ", "kk", "Тіркелу", "Қонақүй")]
    [InlineData("ru-RU", "ru", "Зарегистрироваться", "Гостиница")]
    public async Task A_delegate_registers_on_a_phone_and_finds_everything_at_their_link_in_their_language(string locale, string language, string registerHeading, string hotelWord)
    {
        _ = app.ServerAddress;
        var eventId = await app.WithDbAsync(db => db.Events.Where(e => e.Slug == DemoData.DialogueSlug).Select(e => e.Id).SingleAsync());
        var (needsHotel, hotel, scan) = await app.WithServiceAsync<RegistrationQuestions, (int, int, int)>(async q =>
        {
            var a = (await q.SaveAsync(eventId, null, new QuestionInput(
                LocalText.From(("en", "Do you need a hotel room?"), ("zh", "您需要酒店房间吗？"), ("kk", "Сізге қонақүй бөлмесі керек пе?"), ("ru", "Вам нужен номер в гостинице?")),
                QuestionKind.YesNo, null, true))).Value!.Id;
            var b = (await q.SaveAsync(eventId, null, new QuestionInput(
                LocalText.From(("en", "Hotel"), ("zh", "酒店"), ("kk", "Қонақүй"), ("ru", "Гостиница")), QuestionKind.Choice,
                LocalText.From(("en", "Sheraton Guiyang\nKempinski Guiyang"), ("zh", "贵阳喜来登酒店\n贵阳凯宾斯基酒店"), ("kk", "Sheraton Гуйян\nKempinski Гуйян"), ("ru", "Шератон Гуйян\nКемпински Гуйян")),
                true, a, RegistrationQuestions.Yes))).Value!.Id;
            var c = (await q.SaveAsync(eventId, null, new QuestionInput(
                LocalText.From(("en", "Passport photo page"), ("zh", "护照照片页"), ("kk", "Төлқұжаттың фото беті"), ("ru", "Страница паспорта с фото")), QuestionKind.File, null, true))).Value!.Id;
            return (a, b, c);
        });
        await app.WithServiceAsync<PrivacyNotices, bool>(async n => (await n.SaveAsync(eventId, new PrivacyNoticeInput(LocalText.From(
            ("en", "We keep your details until the dialogue ends."), ("zh", "我们保存您的信息至对话结束。"), ("kk", "Деректеріңізді диалог аяқталғанша сақтаймыз."), ("ru", "Мы храним ваши данные до окончания диалога.")), true))).Succeeded);

        var page = await browser.NewPageAsync(app.ServerAddress, locale);
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync($"/events/{DemoData.DialogueSlug}");
        await page.Locator($"main a[href='/events/{DemoData.DialogueSlug}/register']").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync(registerHeading);
        Assert.Null(await Browser.SidewaysOverflowAsync(page));

        var email = $"journey-{language}@example.edu";
        await page.Locator("#LatinName").FillAsync("Aruzhan Seitkali");
        await page.Locator("#NativeName").FillAsync(language == "zh" ? "王芳" : "Аружан Сейтқали");
        await page.Locator("#Email").FillAsync(email);
        await page.Locator("#InstitutionId").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.Locator("#CountryCode").SelectOptionAsync(language == "zh" ? "CN" : "KZ");
        // The hotel is asked only after "yes": hidden until then.
        await Expect(page.Locator($"#Answers_{hotel}")).ToBeHiddenAsync();
        await page.Locator($"#Answers_{needsHotel}_0").CheckAsync();
        await Expect(page.Locator($"#Answers_{hotel}")).ToBeVisibleAsync();
        await Expect(page.Locator($"#Answers_{hotel} legend")).ToContainTextAsync(hotelWord);
        await page.Locator($"#Answers_{hotel}_1").CheckAsync();
        await page.Locator($"#Answers_{scan}").SetInputFilesAsync(new FilePayload
        {
            Name = "passport.png", MimeType = "image/png",
            Buffer = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[600]],
        });
        await page.Locator("#Consented").CheckAsync();
        await page.Locator("main form button[type=submit]:not([name])").ClickAsync();
        if (await page.Locator(".error-summary").CountAsync() > 0)
        {
            Assert.Fail(await page.Locator(".error-summary").InnerTextAsync());
        }

        await Expect(page.Locator("#registration-sent")).ToContainTextAsync(email);

        var stored = await app.WithDbAsync(db => db.Registrations.Include(r => r.Answers).SingleAsync(r => r.Email == email));
        Assert.Equal(locale, stored.PreferredLanguage);
        Assert.Equal(1, stored.ConsentVersion);
        Assert.Equal(["yes", "2", "passport.png"], stored.Answers.Where(a => a.QuestionId >= needsHotel).OrderBy(a => a.QuestionId).Select(a => a.Value));
        // The dialogue's organisers approve each delegate; then the place, and the ticket, are theirs.
        Assert.Equal(RegistrationStatus.Pending, stored.Status);
        Assert.True((await app.WithServiceAsync<RegistrationDecisions, DomainResult<PlacesChange>>(d => d.ApproveAsync(eventId, [stored.Id]))).Succeeded);

        // The message's link, opened in a browser that asks for English: the message's language wins, and stays.
        var link = Regex.Match(await app.WithDbAsync(db => db.OutgoingMessages.Where(m => m.RecipientEmail == email).Select(m => m.TextBody).FirstAsync()),
            @"http://\S+/r/[A-Za-z0-9_-]{43}\?lang=\S+").Value;
        Assert.NotEmpty(link);
        var hub = await browser.NewPageAsync(app.ServerAddress, "en-GB");
        await hub.SetViewportSizeAsync(390, 844);
        await hub.GotoAsync(link);
        await ExpectLanguageAsync(hub, language);
        await Expect(hub.Locator("#ticket svg")).ToBeVisibleAsync();
        await Expect(hub.Locator("#venue a[href^='geo:']")).ToBeVisibleAsync();
        Assert.Null(await Browser.SidewaysOverflowAsync(hub));
        await Browser.ScreenshotAsync(hub, $"hub-{language}");

        // Three pages on, without ?lang=: their agenda, back to the hub by its heading link, the event's page.
        await hub.Locator("#hub-links a[href$='/agenda']").ClickAsync();
        await Expect(hub).ToHaveURLAsync(new Regex("/agenda$"));
        await ExpectLanguageAsync(hub, language);
        Assert.Null(await Browser.SidewaysOverflowAsync(hub));
        // They will attend the opening plenary: it goes into their calendar.
        await hub.Locator("form[action$='/agenda/choose'] button").First.ClickAsync();
        await Expect(hub.Locator("#all-sessions")).ToBeVisibleAsync();
        await ExpectLanguageAsync(hub, language);
        await hub.Locator("main .kind a").ClickAsync();
        await Expect(hub.Locator("#ticket")).ToBeVisibleAsync();
        await ExpectLanguageAsync(hub, language);
        await hub.Locator("main .kind a").ClickAsync();
        await Expect(hub).ToHaveURLAsync(new Regex($"/events/{DemoData.DialogueSlug}$"));
        await ExpectLanguageAsync(hub, language);

        // The calendar file, from the hub.
        await hub.GotoAsync(new Uri(link).AbsolutePath);
        await ExpectLanguageAsync(hub, language);
        var download = await hub.RunAndWaitForDownloadAsync(() => hub.Locator("#hub-links a[href$='agenda.ics']").ClickAsync());
        var ics = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.StartsWith("BEGIN:VCALENDAR", ics);
        Assert.Contains("BEGIN:VEVENT", ics);
    }

    private static async Task ExpectLanguageAsync(IPage page, string language) =>
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", new Regex($"^{language}"));
}
