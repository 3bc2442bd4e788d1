using Microsoft.Extensions.DependencyInjection;

namespace EventManager.Tests;

/// <summary>The fonts setting serves every document: Printing:Fonts, with the former Certificates:Fonts still read.</summary>
public sealed class PrintingFontSettingsTests
{
    [Fact]
    public void The_former_section_name_is_still_read_and_the_new_one_wins()
    {
        using (var former = new AppFactory().With("Certificates:Fonts:Latin:Regular", "/fonts/former.ttf"))
        {
            var fonts = former.Services.GetRequiredService<EventManager.Core.Printing.FontSettings>();
            Assert.Equal("/fonts/former.ttf", fonts.Fonts["Latin"].Regular);
        }

        using var both = new AppFactory().With("Certificates:Fonts:Latin:Regular", "/fonts/former.ttf").With("Printing:Fonts:Latin:Regular", "/fonts/current.ttf");
        Assert.Equal("/fonts/current.ttf", both.Services.GetRequiredService<EventManager.Core.Printing.FontSettings>().Fonts["Latin"].Regular);
    }

    [Fact]
    public void A_font_entry_without_a_regular_face_stops_the_start()
    {
        using var app = new AppFactory().With("Printing:Fonts:Thai:Regular", "");
        var error = Assert.ThrowsAny<Exception>(() => app.Client());
        Assert.Contains("Printing:Fonts:Thai:Regular", PublicAddressTests.Flatten(error));
    }

    [Fact]
    public async Task A_missing_font_is_in_the_log_at_start_before_anyone_prints_while_the_installed_ones_load_only_for_the_first_document()
    {
        await using var app = new AppFactory().With("Printing:Fonts:Thai:Regular", "/nonexistent/NotoSansThai-Regular.ttf");
        _ = app.Client();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!app.Logs.Any(l => l.Level == Microsoft.Extensions.Logging.LogLevel.Error && l.Message.Contains("/nonexistent/NotoSansThai-Regular.ttf")))
        {
            Assert.True(DateTime.UtcNow < deadline, "The missing font was not logged at start: " + string.Join("\n", app.Logs.Select(l => l.Message)));
            await Task.Delay(50);
        }

        Assert.Contains("apt-get install", app.Logs.First(l => l.Message.Contains("/nonexistent/")).Message);
        // Found, not loaded: an idle instance holds no font.
        var fonts = app.Services.GetRequiredService<EventManager.Web.Configuration.DocumentFonts>();
        Assert.False(fonts.IsLoaded);

        await using var installed = new AppFactory();
        _ = installed.Client();
        var documentFonts = installed.Services.GetRequiredService<EventManager.Web.Configuration.DocumentFonts>();
        await Task.Delay(500);
        Assert.False(documentFonts.IsLoaded);
        Assert.NotNull(documentFonts.Catalog);
        Assert.True(documentFonts.IsLoaded);
        Assert.DoesNotContain(installed.Logs, l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
    }
}
