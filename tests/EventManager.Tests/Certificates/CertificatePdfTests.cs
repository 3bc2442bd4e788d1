using EventManager.Core.Certificates;
using UglyToad.PdfPig;
using EventManager.Core.Printing;

namespace EventManager.Tests;

/// <summary>Certificates as paper: every script printed, searchable, fonts embedded and subset, the QR code scannable.</summary>
public sealed class CertificatePdfTests : IClassFixture<CertificatePdfTests.Fonts>
{
    public sealed class Fonts : IDisposable
    {
        public FontCatalog Catalog { get; } = new(new FontSettings());

        public void Dispose() => Catalog.Dispose();
    }

    private readonly CertificateRenderer renderer;

    public CertificatePdfTests(Fonts fonts) => renderer = new CertificateRenderer(fonts.Catalog);

    private const string Url = "https://events.example.org/verify/q2Xw7Y0sD1kPzR4tU8vB5nMa";

    private static readonly CertificateParty[] Parties =
    [
        new("Guizhou University", "贵州大学", "China", "Wang Wei", "王伟", "President"),
        new("Al-Farabi Kazakh National University", "Әл-Фараби атындағы Қазақ ұлттық университеті", "Kazakhstan", "Zhansaya Abenova", "Жансая Әбенова", "Rector"),
        new("Royal University of Phnom Penh", "សាកលវិទ្យាល័យភូមិន្ទភ្នំពេញ", "Cambodia", "Sok Chan", "សុខ ចាន់", "Rector"),
        new("University of Yangon", "ရန်ကုန်တက္ကသိုလ်", "Myanmar", "Aung Aung", "အောင်အောင်", "Rector"),
    ];

    private static readonly CertificateParty[] MorePartners =
    [
        new("Chulalongkorn University", "จุฬาลงกรณ์มหาวิทยาลัย", "Thailand", "Somchai Jaidee", "สมชาย ใจดี", "President"),
        new("National University of Laos", "ມະຫາວິທະຍາໄລແຫ່ງຊາດລາວ", "Laos", "Khamphone Sisavath", "ຄຳພອນ ສີສະຫວາດ", "Vice-President"),
        new("Vietnam National University, Hanoi", "Đại học Quốc gia Hà Nội", "Vietnam", "Nguyễn Thị Hương", "Nguyễn Thị Hương", "Vice-President"),
    ];

    private static CertificateModel Model(IReadOnlyList<CertificateParty> parties, string serial = "CKD-2026-0007") => new(
        "First China–Kazakhstan University Rectors' Cooperation Dialogue",
        "Certificate of Agreement",
        "Memorandum of understanding on academic cooperation",
        ["学术合作谅解备忘录", "Академиялық ынтымақтастық туралы өзара түсіністік меморандумы"],
        "Memorandum of understanding",
        parties,
        "Signed at Guiyang International Eco-Conference Center on Tuesday, 29 December 2026",
        "No. " + serial,
        Url,
        "Verify at " + Url);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Every_name_in_both_scripts_the_signatories_and_the_serial_can_be_found_in_the_pdf(int set)
    {
        var parties = set == 0 ? Parties : MorePartners;
        var pdf = renderer.Render(Model(parties));
        var text = PdfTools.Compact(PdfTools.Text(pdf));

        foreach (var party in parties)
        {
            foreach (var value in new[] { party.InstitutionName, party.InstitutionNativeName!, party.SignatoryName, party.SignatoryNativeName!, party.SignatoryPosition! })
            {
                Assert.Contains(PdfTools.Compact(value), text);
            }
        }

        Assert.Contains("CKD-2026-0007", text);
        Assert.Contains(PdfTools.Compact("学术合作谅解备忘录"), text);
        Assert.Contains(PdfTools.Compact("Академиялық ынтымақтастық туралы өзара түсіністік меморандумы"), text);
    }

    [Fact]
    public void Fonts_are_embedded_and_subset_and_the_file_is_small_and_sound()
    {
        var pdf = renderer.Render(Model(Parties));
        var fonts = PdfTools.Fonts(pdf);

        // Latin regular and bold, Chinese, Khmer, Burmese (and Cyrillic through the Latin font).
        Assert.True(fonts.Count >= 5, string.Join(", ", fonts.Select(f => f.Name)));
        Assert.All(fonts, f => Assert.True(f.Embedded && f.Subset, $"{f.Name} is not embedded as a subset"));
        // Serif Chinese beside serif Latin, with real outlines (no Type 3 glyphs).
        Assert.Contains(fonts, f => f.Name.Contains("UMing"));
        Assert.Contains(fonts, f => f.Name.Contains("Khmer"));
        Assert.Contains(fonts, f => f.Name.Contains("Myanmar") && !f.Name.Contains("Bold"));
        Assert.True(pdf.Length <= 100 * 1024, $"{pdf.Length} bytes");
        var (exit, output) = PdfTools.QpdfCheck(pdf);
        Assert.True(exit == 0, output);
    }

    [Fact]
    public void The_page_is_a4_landscape_and_the_qr_code_opens_the_verification_address()
    {
        var pdf = renderer.Render(Model(Parties));
        using (var document = PdfDocument.Open(pdf))
        {
            var page = Assert.Single(document.GetPages());
            Assert.Equal(842, page.Width, 0);
            Assert.Equal(595, page.Height, 0);
        }

        Assert.Equal([Url], PdfTools.QrCodes(pdf));
    }

    [Fact]
    public void A_batch_is_one_pdf_with_a_page_per_certificate_in_the_order_given()
    {
        using var output = new MemoryStream();
        renderer.Render([Model(Parties, "CKD-2026-0001"), Model(MorePartners, "CKD-2026-0002"), Model(Parties[..2], "CKD-2026-0003")], output);
        var pdf = output.ToArray();

        for (var page = 1; page <= 3; page++)
        {
            Assert.Contains($"CKD-2026-000{page}", PdfTools.Text(pdf, page));
        }

        Assert.Contains("ມະຫາວິທະຍາໄລ", PdfTools.Compact(PdfTools.Text(pdf, 2)));
        Assert.Equal(0, PdfTools.QpdfCheck(pdf).ExitCode);
    }

    [Fact]
    public void A_name_the_fonts_cannot_print_is_an_error_naming_the_characters_not_a_box_on_paper()
    {
        var model = Model([Parties[0], Parties[1] with { SignatoryNativeName = "Жансая 𓀀 Әбенова" }]);

        var error = Assert.Throws<MissingGlyphsException>(() => renderer.Render(model));

        Assert.Equal("U+13000 𓀀", error.Characters);
        Assert.Contains("Жансая 𓀀 Әбенова", error.Message);
    }

    [Fact]
    public void A_decomposed_vietnamese_name_prints_as_the_composed_one()
    {
        var decomposed = "Nguyễn Thị Hương".Normalize(System.Text.NormalizationForm.FormD);
        var pdf = renderer.Render(Model([Parties[0], MorePartners[2] with { SignatoryName = decomposed.Normalize(), InstitutionNativeName = decomposed.Normalize() }]));
        Assert.Contains("NguyễnThịHương", PdfTools.Compact(PdfTools.Text(pdf)));
    }
}
