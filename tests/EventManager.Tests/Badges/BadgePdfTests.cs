using EventManager.Core.Badges;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace EventManager.Tests;

/// <summary>Name badges as paper: both names in every script, the category, a QR code that opens the delegate at the desk.</summary>
public sealed class BadgePdfTests(CertificatePdfTests.Fonts fonts) : IClassFixture<CertificatePdfTests.Fonts>
{
    private readonly BadgeRenderer renderer = new(fonts.Catalog);

    private static BadgeModel Badge(string latin, string? native, string institution, string? institutionNative, string country, BadgeBand band = BadgeBand.Delegate, string label = "Delegate") =>
        new("First China–Kazakhstan University Rectors' Cooperation Dialogue", latin, native, "Vice-Rector", institution, institutionNative, country, band, label,
            "https://events.example.org/staff/events/2/check-in?id=17");

    private static readonly BadgeModel[] Delegations =
    [
        Badge("Wang Wei", "王伟", "Guizhou University", "贵州大学", "China", BadgeBand.Speaker, "Speaker"),
        Badge("Zhansaya Abenova", "Жансая Әбенова", "Al-Farabi Kazakh National University", "Әл-Фараби атындағы Қазақ ұлттық университеті", "Kazakhstan"),
        Badge("Sok Chan", "សុខ ចាន់", "Royal University of Phnom Penh", "សាកលវិទ្យាល័យភូមិន្ទភ្នំពេញ", "Cambodia", BadgeBand.Observer, "Observer"),
        Badge("Aung Aung", "အောင်အောင်", "University of Yangon", "ရန်ကုန်တက္ကသိုလ်", "Myanmar"),
        Badge("Somchai Jaidee", "สมชาย ใจดี", "Chulalongkorn University", "จุฬาลงกรณ์มหาวิทยาลัย", "Thailand", BadgeBand.Press, "Press"),
    ];

    [Fact]
    public void Every_name_in_both_scripts_and_the_category_can_be_found_on_the_badges()
    {
        var pdf = renderer.Render(Delegations, BadgeSheet.A4);
        var text = PdfTools.Compact(PdfTools.Text(pdf));
        foreach (var badge in Delegations)
        {
            foreach (var value in new[] { badge.LatinName, badge.NativeName!, badge.Institution!, badge.InstitutionNativeName!, badge.Country!, badge.BandLabel })
            {
                Assert.Contains(PdfTools.Compact(value), text);
            }
        }

        Assert.All(PdfTools.Fonts(pdf), f => Assert.True(f.Embedded && f.Subset, $"{f.Name} is not embedded as a subset"));
        Assert.Equal(0, PdfTools.QpdfCheck(pdf).ExitCode);
    }

    [Fact]
    public void Four_badges_fit_an_a4_page_and_a6_gives_each_its_own_page()
    {
        using (var sheets = PdfDocument.Open(renderer.Render(Delegations, BadgeSheet.A4)))
        {
            Assert.Equal(2, sheets.NumberOfPages);   // five badges: four, then one
            var page = sheets.GetPage(1);
            Assert.Equal((595, 842), ((int)Math.Round(page.Width), (int)Math.Round(page.Height)));
        }

        using var cards = PdfDocument.Open(renderer.Render(Delegations, BadgeSheet.A6));
        Assert.Equal(5, cards.NumberOfPages);
        Assert.Equal((298, 421), ((int)Math.Round(cards.GetPage(1).Width), (int)Math.Round(cards.GetPage(1).Height)));
    }

    [Fact]
    public void The_qr_code_holds_the_desk_address_of_the_delegate()
    {
        var pdf = renderer.Render([Delegations[0]], BadgeSheet.A6);
        Assert.Equal(["https://events.example.org/staff/events/2/check-in?id=17"], PdfTools.QrCodes(pdf));
        Assert.InRange(pdf.Length, 1_000, 60_000);
    }

    [Fact]
    public void Nothing_is_printed_within_5_mm_of_the_edge_which_office_printers_crop()
    {
        var page = PdfTools.Pages(renderer.Render([Delegations[0], Delegations[2]], BadgeSheet.A6), 144)[1];
        using var bitmap = SkiaSharp.SKBitmap.Decode(page);
        // 5 mm at 144 dpi is 28.3 pixels; anti-aliasing may touch the last one.
        var margin = (int)Math.Floor(5 / 25.4 * 144) - 1;
        var inked = new List<string>();
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var atEdge = x < margin || y < margin || x >= bitmap.Width - margin || y >= bitmap.Height - margin;
                var c = bitmap.GetPixel(x, y);
                if (atEdge && (c.Red < 245 || c.Green < 245 || c.Blue < 245))
                {
                    inked.Add($"({x},{y})");
                }
            }
        }

        Assert.True(inked.Count == 0, $"{inked.Count} pixels inked near the edge, first {string.Join(" ", inked.Take(5))}");
        // The band itself is still there, just inside the margin: the observer's green.
        var band = bitmap.GetPixel(bitmap.Width / 2, bitmap.Height - margin - 10);
        Assert.True(band.Green > band.Red + 40, $"no band colour at the foot: {band}");
    }

    [Fact]
    public void A_badge_takes_the_short_name_in_its_own_language_else_the_full_name_in_it_never_another_languages_short_name()
    {
        var ev = new Core.Events.Event
        {
            Name = Core.Common.LocalText.From(("en", "First China–Kazakhstan University Rectors' Cooperation Dialogue"), ("zh", "首届中哈大学校长合作对话"), ("kk", "Бірінші ректорлар диалогы")),
            ShortName = Core.Common.LocalText.From(("en", "Rectors' Dialogue"), ("kk", "Ректорлар диалогы")),
            Slug = "rectors",
            TimeZoneId = "Asia/Shanghai",
        };
        Assert.Equal("Rectors' Dialogue", ev.BadgeNameIn("en-GB"));
        Assert.Equal("Ректорлар диалогы", ev.BadgeNameIn("kk-KZ"));
        Assert.Equal("首届中哈大学校长合作对话", ev.BadgeNameIn("zh-CN"));
        Assert.Equal("Rectors' Dialogue", ev.BadgeNameIn("ru-RU"));
    }
}
