using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventManager.BrowserTests;

/// <summary>
/// The check-in desk on a staff member's phone: it fits 360 px, and the phone's camera reads a badge and checks its
/// delegate in. The camera here is Chromium's fake device playing a video of the badge's QR code; Chromium on Linux
/// has no BarcodeDetector, so this reads it with the decoder the app serves itself.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DeskScanTests : IAsyncLifetime
{
    private AppFactory app = default!;
    private string folder = default!;

    public async Task InitializeAsync()
    {
        app = new AppFactory(demoSeed: true, kestrel: true);
        await app.CreateStaffAsync();
        folder = Directory.CreateTempSubdirectory("desk-scan-").FullName;
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>A few seconds of 640 × 480 video (YUV4MPEG2, what Chromium's fake camera plays) showing one QR code.</summary>
    private static void WriteVideo(string path, string text)
    {
        const int width = 640, height = 480, frames = 10;
        using var qr = new QRCoder.QRCodeGenerator().CreateQrCode(text, QRCoder.QRCodeGenerator.ECCLevel.M);
        var modules = qr.ModuleMatrix;
        var scale = 400 / modules.Count;
        var left = (width - modules.Count * scale) / 2;
        var top = (height - modules.Count * scale) / 2;
        var luma = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var (mx, my) = ((x - left) / scale, (y - top) / scale);
                var dark = x >= left && y >= top && mx < modules.Count && my < modules.Count && modules[my][mx];
                luma[y * width + x] = dark ? (byte)16 : (byte)235;
            }
        }

        var chroma = Enumerable.Repeat((byte)128, width * height / 4).ToArray();
        using var file = File.Create(path);
        file.Write(System.Text.Encoding.ASCII.GetBytes($"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n"));
        for (var f = 0; f < frames; f++)
        {
            file.Write("FRAME\n"u8);
            file.Write(luma);
            file.Write(chroma);
            file.Write(chroma);
        }
    }

    [Fact]
    public async Task A_badge_held_to_the_phones_camera_checks_its_delegate_in_and_the_desk_fits_360_px()
    {
        var (eventId, delegateId, name) = await app.WithDbAsync(async db =>
        {
            var ev = await db.Events.SingleAsync(e => e.Slug == Core.Data.DemoData.DialogueSlug);
            var r = await db.Registrations.Where(r => r.EventId == ev.Id && r.Status == Core.Registrations.RegistrationStatus.Confirmed && r.CheckedInAtUtc == null)
                .OrderBy(r => r.Id).FirstAsync();
            return (ev.Id, r.Id, r.LatinName);
        });
        // What the badge's QR code holds (the desk address of this delegate, at the configured public address).
        string badgeUrl;
        using (var scope = app.Services.CreateScope())
        {
            badgeUrl = scope.ServiceProvider.GetRequiredService<EventManager.Web.Features.Badges.BadgeBuilder>()
                .CheckInUrl(new Core.Registrations.Registration { Id = delegateId, EventId = eventId, Email = "", LatinName = "", Token = "", CountryCode = "KZ" });
        }

        var video = Path.Combine(folder, "badge.y4m");
        WriteVideo(video, badgeUrl);

        using var playwright = await Playwright.CreateAsync();
        await using var chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Browser.ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--disable-dev-shm-usage",
                "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", $"--use-file-for-fake-video-capture={video}",
            ],
        });
        var context = await chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.ServerAddress.ToString().TrimEnd('/'),
            Locale = "en-GB",
            ViewportSize = new ViewportSize { Width = 360, Height = 740 },
            IsMobile = true,
            HasTouch = true,
        });
        var page = await context.NewPageAsync();
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);
        await Browser.SignInAsync(page, AppFactory.StaffEmail, AppFactory.StaffPassword);
        await page.GotoAsync($"/staff/events/{eventId}/check-in");
        Assert.Null(await Browser.SidewaysOverflowAsync(page));
        await Browser.AssertAccessibleAsync(page, targetSize: true);

        await page.GetByRole(AriaRole.Button, new() { Name = "Scan a badge with the camera" }).ClickAsync();
        await Expect(page.Locator("main > .notice")).ToHaveTextAsync($"{name} is checked in.", new() { Timeout = 20_000 });
        await Expect(page.Locator("#desk tbody tr")).ToHaveCountAsync(1);
        Assert.Null(await Browser.SidewaysOverflowAsync(page));
        await Browser.ScreenshotAsync(page, "desk-scanned-360");
        Assert.NotNull(await app.WithDbAsync(db => db.Registrations.Where(r => r.Id == delegateId).Select(r => r.CheckedInAtUtc).SingleAsync()));
        // The decoder came from the app itself.
        Assert.Contains(requests, r => r.EndsWith("/js/vendor/jsQR.js") || r.Contains("/js/vendor/jsQR.js?"));
        Assert.All(requests, r => Assert.StartsWith(app.ServerAddress.ToString().TrimEnd('/'), r));
    }
}
