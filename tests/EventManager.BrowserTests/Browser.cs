using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace EventManager.BrowserTests;

/// <summary>Debian's Chromium, driven by Playwright, against the app on a real loopback port.</summary>
public sealed class Browser : IAsyncLifetime
{
    public static readonly string ChromiumPath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    private IPlaywright? playwright;

    public IBrowser Instance { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is not at {ChromiumPath}. scripts/test.sh installs Debian's chromium package; or set CHROMIUM_PATH.");
        }

        playwright = await Playwright.CreateAsync();
        Instance = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (Instance is not null)
        {
            await Instance.DisposeAsync();
        }

        playwright?.Dispose();
    }

    public async Task<IPage> NewPageAsync(Uri baseAddress, string locale = "en-GB", string timeZone = "Asia/Almaty")
    {
        var context = await Instance.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString().TrimEnd('/'),
            Locale = locale,
            TimezoneId = timeZone,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the login form, as a person would.</summary>
    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/account/login");
        // By the fields' ids, so a browser in any language signs in the same way.
        await page.Locator("#Email").FillAsync(email);
        await page.Locator("#Password").FillAsync(password);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login"));
    }

    /// <summary>
    /// Runs axe on the page and fails on any serious or critical violation, naming each. First it checks the page is the
    /// one meant: the status the page was served with (an error or "not allowed" page would pass axe too).
    /// </summary>
    /// <param name="targetSize">Also WCAG 2.2's target size (2.5.8): every button at least 24 by 24 CSS pixels, or spaced as if.</param>
    public static async Task AssertAccessibleAsync(IPage page, int expectedStatus = 200, bool targetSize = false)
    {
        var status = await page.EvaluateAsync<int>("() => performance.getEntriesByType('navigation')[0]?.responseStatus ?? 0");
        Assert.True(status == expectedStatus, $"{page.Url} was served with {status}, not {expectedStatus}: axe would check the wrong page.");
        var result = targetSize
            ? await page.RunAxe(new Deque.AxeCore.Commons.AxeRunOptions
            {
                Rules = new Dictionary<string, Deque.AxeCore.Commons.RuleOptions> { ["target-size"] = new() { Enabled = true } },
            })
            : await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, $"{page.Url}: " + string.Join("\n", bad.Select(Describe)));
    }

    private static string Describe(AxeResultItem v) =>
        $"{v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}";

    /// <summary>
    /// Opens each page in turn (each must answer 2xx) and lists those wider than the window, with how; <paramref name="each"/>
    /// runs on every page once it is open (axe, a screenshot).
    /// </summary>
    public static async Task<List<string>> TooWideAsync(IPage page, IEnumerable<string> urls, Func<string, Task>? each = null)
    {
        var wide = new List<string>();
        foreach (var url in urls)
        {
            var response = await page.GotoAsync(url);
            Assert.True(response!.Ok, $"{url} answered {response.Status}");
            if (await SidewaysOverflowAsync(page) is { } overflow)
            {
                wide.Add($"{url}: {overflow}");
            }

            if (each is not null)
            {
                await each(url);
            }
        }

        return wide;
    }

    /// <summary>
    /// How the page is wider than the window, so that a person would scroll it sideways: its width and the first elements
    /// that reach past the edge; null when it fits.
    /// </summary>
    public static async Task<string?> SidewaysOverflowAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        if (widths[0] <= widths[1] + 1)
        {
            return null;
        }

        var culprit = await page.EvaluateAsync<string>(
            "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).map(e => e.tagName + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '')).slice(0, 5).join(', ')");
        return $"{widths[0]} px wide ({culprit})";
    }

    /// <summary>A file a person may want to look at (a printed PDF), beside the screenshots.</summary>
    public static async Task SaveAsync(string name, byte[] content)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, name), content);
    }

    /// <summary>Screenshots go to TestResults/screenshots for a person to look at.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }
}
