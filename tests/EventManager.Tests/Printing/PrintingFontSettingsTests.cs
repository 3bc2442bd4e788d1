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
}
