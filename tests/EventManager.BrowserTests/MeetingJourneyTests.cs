using EventManager.Core.Agenda;
using Person = EventManager.Core.Delegates.Delegate;
using EventManager.Core.Events;
using EventManager.Core.Institutions;
using EventManager.Core.Meetings;
using EventManager.Core.Registrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventManager.BrowserTests;

/// <summary>
/// Bilateral meetings end to end in Chromium: a Chinese university asks a Kazakh one to meet from its private page (in
/// Chinese), the Kazakh side accepts from its own (in Kazakh), the organiser schedules and publishes, each side sees the
/// meeting in its language on its page and in its calendar feed, one records "agreement proposed" after the meeting,
/// and the draft agreement is on the ceremony page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MeetingJourneyTests(Browser browser) : IAsyncLifetime
{
    /// <summary>10:00 in Guiyang on the day of the meetings.</summary>
    private static readonly DateTime Ten = new(2027, 9, 15, 2, 0, 0, DateTimeKind.Utc);

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(Ten.AddDays(-2)));
    private AppFactory app = default!;

    public Task InitializeAsync()
    {
        app = new AppFactory(kestrel: true, clock: clock);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private sealed record Setup(int EventId, int CeremonyId, string Guizhou, string Kaznu, int KaznuDelegation);

    private Task<Setup> SetUpAsync() => app.WithDbAsync(async db =>
    {
        var ev = new Event { Name = "Rectors' Dialogue", Slug = "rectors-dialogue", Kind = EventKind.Dialogue, TimeZoneId = "Asia/Shanghai", StartsAtUtc = Ten.AddHours(-1), EndsAtUtc = Ten.AddHours(8), Languages = "en zh kk" };
        var guizhou = new Institution { EnglishName = "Guizhou University", NativeName = "贵州大学", CountryCode = "CN" };
        var kaznu = new Institution { EnglishName = "Al-Farabi Kazakh National University", NativeName = "Әл-Фараби атындағы Қазақ ұлттық университеті", CountryCode = "KZ" };
        Registration Delegate(Institution institution, string name, string language, string spoken, int n) => new()
        {
            Event = ev, Token = RegistrationRules.NewToken(), Status = RegistrationStatus.Confirmed, Sequence = n, DelegationKey = Guid.NewGuid(),
            LatinName = name, Email = $"rector{n}@example.org", Institution = institution, CountryCode = institution.CountryCode, PreferredLanguage = language,
            Delegate = new Person { LatinName = name, Institution = institution, SpokenLanguages = spoken }, CreatedAtUtc = Ten, UpdatedAtUtc = Ten,
        };
        var (g, k) = (Delegate(guizhou, "Wang Wei", "zh-CN", "zh", 1), Delegate(kaznu, "Zhansaya Abenova", "kk-KZ", "kk ru", 2));
        db.Registrations.AddRange(g, k);
        var block = new Session { Event = ev, Uid = Guid.NewGuid(), Title = "Bilateral meetings", Kind = SessionKind.BilateralMeetings, StartsAtUtc = Ten, EndsAtUtc = Ten.AddHours(1), UpdatedAtUtc = Ten };
        var ceremony = new Session { Event = ev, Uid = Guid.NewGuid(), Title = "Group signing ceremony", Kind = SessionKind.SigningCeremony, StartsAtUtc = Ten.AddHours(4), EndsAtUtc = Ten.AddHours(5), UpdatedAtUtc = Ten };
        db.Sessions.AddRange(block, ceremony);
        db.MeetingBlocks.Add(new MeetingBlock { Event = ev, Session = block, SlotMinutes = 20, Tables = 4 });
        db.Interpreters.Add(new Interpreter { Event = ev, Person = new Person { LatinName = "Aigerim Nurlanovna" }, Pairs = "zh-kk" });
        await db.SaveChangesAsync();
        return new Setup(ev.Id, ceremony.Id, g.Token, k.Token, 0);
    });

    [Fact]
    public async Task Two_universities_meet_in_their_languages_and_the_agreement_they_propose_is_drafted_for_the_ceremony()
    {
        _ = app.ServerAddress;
        var setup = await SetUpAsync();

        // Guizhou reads its page in Chinese, finds Al-Farabi University and asks to meet, with a reason.
        var guizhou = await browser.NewPageAsync(app.ServerAddress, locale: "zh-CN", timeZone: "Asia/Shanghai");
        await guizhou.GotoAsync($"/r/{setup.Guizhou}/meetings?lang=zh-CN");
        await Expect(guizhou.Locator("h1")).ToHaveTextAsync("双边会谈");
        var ask = guizhou.Locator(".ask-list li", new() { HasText = "Al-Farabi Kazakh National University" });
        await ask.Locator("input[name=reason]").FillAsync("联合实验室 / joint laboratory");
        await ask.Locator("button").ClickAsync();
        await Expect(guizhou.Locator("#our-requests li")).ToContainTextAsync("Al-Farabi Kazakh National University");

        // Al-Farabi University reads the request in Kazakh and accepts, leaving the time to the organisers.
        var kaznu = await browser.NewPageAsync(app.ServerAddress, locale: "kk-KZ", timeZone: "Asia/Almaty");
        await kaznu.GotoAsync($"/r/{setup.Kaznu}/meetings?lang=kk-KZ");
        await Expect(kaznu.Locator("h1")).ToHaveTextAsync("Екіжақты кездесулер");
        await Expect(kaznu.Locator("#requests-to-us li")).ToContainTextAsync("联合实验室 / joint laboratory");
        await kaznu.Locator("#requests-to-us button[value=true]").ClickAsync();
        await Expect(kaznu.Locator("#my-meetings li")).ToContainTextAsync("Guizhou University");

        // The organiser schedules and publishes.
        var organiser = await browser.NewPageAsync(app.ServerAddress);
        await Browser.SignInAsync(organiser, AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        await organiser.GotoAsync($"/organiser/events/{setup.EventId}/meetings");
        await organiser.GetByRole(AriaRole.Button, new() { Name = "Schedule the meetings" }).ClickAsync();
        await Expect(organiser.GetByRole(AriaRole.Status)).ToContainTextAsync("Meetings scheduled: 1; could not be placed: 0");
        await Expect(organiser.Locator(".meeting-grid .meeting")).ToContainTextAsync("Interpreter: Aigerim Nurlanovna");
        // The organiser drags the meeting to 10:40 at table 3: it moves there, pinned.
        await organiser.Locator(".meeting-grid .meeting").DragToAsync(organiser.Locator(".meeting-grid td[data-slot='2'][data-table='3']"));
        await Expect(organiser.GetByRole(AriaRole.Status)).ToContainTextAsync("Moved and pinned");
        await Expect(organiser.Locator(".meeting-grid td[data-slot='2'][data-table='3'] .meeting")).ToContainTextAsync("Pinned");
        await organiser.GetByRole(AriaRole.Button, new() { Name = "Publish the schedule" }).ClickAsync();
        await Expect(organiser.GetByRole(AriaRole.Status)).ToContainTextAsync("Meetings published: 1");

        // Each side reads its meeting in its language: 10:40–11:00 in Guiyang (07:40 in Almaty), table 3, with the interpreter.
        await guizhou.ReloadAsync();
        await Expect(guizhou.Locator("#my-meetings li")).ToContainTextAsync("3 号桌");
        await Expect(guizhou.Locator("#my-meetings li")).ToContainTextAsync("Aigerim Nurlanovna");
        await kaznu.ReloadAsync();
        await Expect(kaznu.Locator("#my-meetings li")).ToContainTextAsync("3-үстел");
        var feed = await (await kaznu.APIRequest.GetAsync($"/r/{setup.Kaznu}/agenda.ics")).TextAsync();
        Assert.Contains("SUMMARY:Guizhou University өкілдерімен кездесу", feed.Replace("\r\n ", ""));
        Assert.Contains("DTSTART:20270915T024000Z", feed);
        var chineseFeed = await (await guizhou.APIRequest.GetAsync($"/r/{setup.Guizhou}/agenda.ics")).TextAsync();
        Assert.Contains("SUMMARY:与Al-Farabi Kazakh National University会谈", chineseFeed.Replace("\r\n ", ""));

        // After the meeting has begun, Guizhou records that an agreement was proposed.
        clock.SetUtcNow(new DateTimeOffset(Ten.AddMinutes(45)));
        await guizhou.ReloadAsync();
        await guizhou.Locator("#my-meetings select[name=outcome]").SelectOptionAsync("AgreementProposed");
        await guizhou.Locator("#my-meetings form.outcome button").ClickAsync();
        await Expect(guizhou.GetByRole(AriaRole.Status)).ToBeVisibleAsync();

        // The organiser (signed in again: two days passed) finds the draft agreement between the two universities on the ceremony page.
        await Browser.SignInAsync(organiser, AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        await organiser.GotoAsync($"/organiser/ceremonies/{setup.CeremonyId}");
        await Expect(organiser.Locator("main")).ToContainTextAsync("Guizhou University – Al-Farabi Kazakh National University");
        Assert.Equal(1, await app.WithDbAsync(db => db.Agreements.CountAsync(a => a.Session!.Id == setup.CeremonyId && a.Status == Core.Ceremonies.AgreementStatus.Draft)));
    }
}
