using EventManager.Core.Agenda;
using EventManager.Core.Events;
using EventManager.Core.Institutions;
using EventManager.Core.Registrations;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventManager.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class CeremonyJourneyTests(Browser browser) : IAsyncLifetime
{
    private AppFactory app = default!;

    public Task InitializeAsync()
    {
        app = new AppFactory(kestrel: true);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    /// <summary>A dialogue with a signing ceremony and four confirmed delegates of four universities.</summary>
    private async Task<int> SetUpAsync()
    {
        _ = app.ServerAddress;
        await app.CreateStaffAsync();
        return await app.WithDbAsync(async db =>
        {
            var start = new DateTime(2027, 9, 14, 1, 0, 0, DateTimeKind.Utc);
            var ev = new Event { Name = "Rectors' Dialogue", Slug = "rectors-dialogue", Kind = EventKind.Dialogue, TimeZoneId = "Asia/Shanghai", StartsAtUtc = start, EndsAtUtc = start.AddHours(9), Venue = "Guiyang International Eco-Conference Center", City = "Guiyang", Languages = "en zh" };
            var people = new (string Institution, string Native, string Country, string Name, string NativeName, string Position)[]
            {
                ("Guizhou University", "贵州大学", "CN", "Wang Wei", "王伟", "President"),
                ("Guizhou Normal University", "贵州师范大学", "CN", "Li Na", "李娜", "Vice-President"),
                ("Al-Farabi Kazakh National University", "Әл-Фараби атындағы Қазақ ұлттық университеті", "KZ", "Zhansaya Abenova", "Жансая Әбенова", "Rector"),
                ("Royal University of Phnom Penh", "សាកលវិទ្យាល័យភូមិន្ទភ្នំពេញ", "KH", "Sok Chan", "សុខ ចាន់", "Rector"),
            };
            var n = 0;
            foreach (var p in people)
            {
                var institution = new Institution { EnglishName = p.Institution, NativeName = p.Native, CountryCode = p.Country };
                db.Registrations.Add(new Registration
                {
                    Event = ev, Token = RegistrationRules.NewToken(), Status = RegistrationStatus.Confirmed, Sequence = ++n, DelegationKey = Guid.NewGuid(),
                    LatinName = p.Name, NativeName = p.NativeName, Position = p.Position, Email = $"p{n}@example.org", Institution = institution, CountryCode = p.Country,
                    CreatedAtUtc = start, UpdatedAtUtc = start,
                });
            }

            var session = new Session { Event = ev, Uid = Guid.NewGuid(), Title = "Group signing ceremony", Kind = SessionKind.SigningCeremony, StartsAtUtc = start.AddHours(5), EndsAtUtc = start.AddHours(6), UpdatedAtUtc = start };
            db.Sessions.Add(session);
            await db.SaveChangesAsync();
            return session.Id;
        });
    }

    [Fact]
    public async Task An_organiser_builds_a_ceremony_staff_print_the_batch_and_the_verification_page_follows_revocation()
    {
        var ceremonyId = await SetUpAsync();
        var page = await browser.NewPageAsync(app.ServerAddress);
        await Browser.SignInAsync(page, AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        await page.GotoAsync($"/organiser/ceremonies/{ceremonyId}");

        async Task AddAsync(string title, string kind, int table, string first, string second)
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Add an agreement" }).ClickAsync();
            await page.GetByRole(AriaRole.Group, new() { Name = "Title", Exact = true }).GetByLabel("English").FillAsync(title);
            await page.GetByLabel("Kind").SelectOptionAsync(new SelectOptionValue { Label = kind });
            await page.GetByLabel("Table").FillAsync(table.ToString());
            await page.GetByLabel("Signatory 1", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = first });
            await page.GetByLabel("Signatory 2", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = second });
            await page.GetByRole(AriaRole.Button, new() { Name = "Save agreement" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{title} was saved.");
            await page.GetByRole(AriaRole.Button, new() { Name = $"Mark ready: {title}" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{title}: Ready.");
        }

        await AddAsync("Memorandum of understanding on academic cooperation", "Memorandum of understanding", 1,
            "Wang Wei (王伟), President", "Zhansaya Abenova (Жансая Әбенова), Rector");
        await AddAsync("Student exchange agreement", "Student exchange", 2,
            "Li Na (李娜), Vice-President", "Sok Chan (សុខ ចាន់), Rector");
        await Expect(page.Locator("table.agreements tbody tr")).ToHaveCountAsync(2);
        await Browser.AssertAccessibleAsync(page, targetSize: true);
        await Browser.ScreenshotAsync(page, "ceremony");

        // The running order's ↑ and ↓ are big enough to hit, in English and in Chinese.
        var chinese = await browser.NewPageAsync(app.ServerAddress, "zh-CN");
        await Browser.SignInAsync(chinese, AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        await chinese.GotoAsync($"/organiser/ceremonies/{ceremonyId}");
        await Browser.AssertAccessibleAsync(chinese, targetSize: true);
        foreach (var box in new[] { await page.Locator("button.move").First.BoundingBoxAsync(), await chinese.Locator("button.move").Last.BoundingBoxAsync() })
        {
            Assert.True(box is { Width: >= 24, Height: >= 24 }, $"a move button is {box?.Width} × {box?.Height} px");
        }

        await chinese.Context.CloseAsync();

        // The certificates are to be handed over at the tables: printed before the ceremony, by the organisers' leave.
        await page.GetByRole(AriaRole.Button, new() { Name = "Allow printing before the ceremony" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("may now be printed before the ceremony");

        await page.Context.ClearCookiesAsync();
        await Browser.SignInAsync(page, AppFactory.StaffEmail, AppFactory.StaffPassword);
        await page.GotoAsync($"/staff/ceremonies/{ceremonyId}/certificates");
        await Browser.AssertAccessibleAsync(page);
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = "Print all certificates (one PDF, running order)" }).ClickAsync());
        var path = await download.PathAsync();
        var pdf = await File.ReadAllBytesAsync(path!);
        Assert.Contains("សាកលវិទ្យាល័យភូមិន្ទភ្នំពេញ", PdfTools.Compact(PdfTools.Text(pdf, 2)));
        var address = Assert.Single(PdfTools.QrCodes(pdf, 1));
        Assert.StartsWith(app.ServerAddress.ToString().TrimEnd('/') + "/verify/", address);

        await page.ReloadAsync();
        await Browser.ScreenshotAsync(page, "certificates-desk");
        await Expect(page.Locator("table.certificates")).ToContainTextAsync(AppFactory.StaffEmail);

        var verification = await browser.NewPageAsync(app.ServerAddress);
        await verification.GotoAsync(address);
        await Expect(verification.GetByRole(AriaRole.Status)).ToContainTextAsync("Issued, not yet signed");
        await Expect(verification.Locator("main")).ToContainTextAsync("Әл-Фараби атындағы Қазақ ұлттық университеті");
        await Browser.AssertAccessibleAsync(verification);

        var first = page.Locator("table.certificates tbody tr").First;
        await first.Locator("summary", new() { HasText = "Revoke" }).ClickAsync();
        await first.GetByLabel("Reason for revoking").FillAsync("Signed with the wrong annex");
        await first.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Revoke certificate") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("is revoked.");

        await verification.ReloadAsync();
        await Expect(verification.GetByRole(AriaRole.Status)).ToContainTextAsync("Revoked certificate");
        await Browser.ScreenshotAsync(verification, "verify-revoked");
    }
}
