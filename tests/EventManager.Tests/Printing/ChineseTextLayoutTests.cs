using UglyToad.PdfPig;
using EventManager.Core.Printing;

namespace EventManager.Tests;

/// <summary>Letters in Chinese: a paragraph without spaces still wraps at the page's width, character by character.</summary>
public sealed class ChineseTextLayoutTests(CertificatePdfTests.Fonts fonts) : IClassFixture<CertificatePdfTests.Fonts>
{
    [Fact]
    public void A_chinese_paragraph_breaks_between_characters_and_keeps_every_one()
    {
        const string paragraph = "兹诚挚邀请哈萨克斯坦阿里-法拉比哈萨克国立大学校长出席首届中国—哈萨克斯坦大学校长合作对话。会议将于2026年12月29日至12月30日在贵阳国际生态会议中心举行，届时双方将签署多项合作协议。";
        var letter = new EventManager.Core.Registrations.VisaLetterModel("首届中哈大学校长合作对话", "贵阳", "邀请函", "编号：CKRD-V-0001", "签发日期：2026年11月28日",
            "敬启者：", [paragraph], "此致敬礼！", "王伟", "组委会");
        var pdf = new EventManager.Core.Registrations.VisaLetterRenderer(fonts.Catalog).Render([letter]);
        var lines = PdfTools.Text(pdf).Split('\n').Where(l => l.Trim().Length > 0 && paragraph.Contains(l.Trim()[..Math.Min(4, l.Trim().Length)])).ToList();
        Assert.True(lines.Count >= 3, "The paragraph should take several lines:\n" + string.Join("\n", lines));
        Assert.Contains(PdfTools.Compact(paragraph), PdfTools.Compact(PdfTools.Text(pdf)));
        // No line is squeezed: each holds at most about a line's worth at 11.5 pt on A4 (a digit is half a character wide).
        Assert.All(lines, l => Assert.True(l.Trim().Sum(c => c < 128 ? 0.5 : 1) <= 42, $"Too long for one line: {l}"));
    }

    [Fact]
    public void A_date_is_never_cut_between_its_number_and_its_character()
    {
        // The same sentence shifted one character at a time, so that the line ends fall everywhere in the date.
        var letters = Enumerable.Range(0, 40).Select(n => new EventManager.Core.Registrations.VisaLetterModel("对话", "贵阳", "邀请函", "编号", "签发", "敬启者：",
            [new string('中', n) + "会议将于2026年12月29日至12月30日在贵阳举行。会议将于2026年12月29日至12月30日在贵阳举行。"], "此致敬礼！", "王伟", "组委会")).ToList();
        var pdf = new EventManager.Core.Registrations.VisaLetterRenderer(fonts.Catalog).Render(letters);
        var lines = PdfTools.Text(pdf).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        Assert.Contains(lines, l => l.StartsWith("12月") || l.StartsWith("29日") || l.StartsWith("30日"));
        Assert.DoesNotContain(lines, l => l.StartsWith('月') || l.StartsWith('日') || l.StartsWith("2月") || l.StartsWith("9日") || l.StartsWith("0日"));
    }
}
