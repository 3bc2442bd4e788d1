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
}
