using EventManager.Core.Common;
using EventManager.Core.Events;
using EventManager.Core.Institutions;

namespace EventManager.Tests;

public sealed class EventRulesTests
{
    [Theory]
    [InlineData("China–ASEAN Education Week (11th)", "china-asean-education-week-11th")]
    [InlineData("Đối thoại Hiệu trưởng Việt Nam", "doi-thoai-hieu-truong-viet-nam")]
    [InlineData("  --Rectors'   Dialogue--  ", "rectors-dialogue")]
    [InlineData("贵州大学", "event")]
    public void Slugs_are_readable_and_safe(string name, string slug)
    {
        Assert.Equal(slug, EventRules.SlugFrom(name));
        Assert.Matches(EventRules.SlugPattern(), EventRules.SlugFrom(name));
    }

    [Fact]
    public void A_time_the_clocks_skip_is_refused()
    {
        var newYork = EventTime.FindZone("America/New_York");
        Assert.False(EventTime.TryToUtc(new DateTime(2027, 3, 14, 2, 30, 0), newYork, out _));
        Assert.True(EventTime.TryToUtc(new DateTime(2027, 3, 14, 3, 30, 0), newYork, out var utc));
        Assert.Equal(new DateTime(2027, 3, 14, 7, 30, 0, DateTimeKind.Utc), utc);
    }

    [Fact]
    public void Shanghai_morning_is_the_previous_day_in_utc()
    {
        var shanghai = EventTime.FindZone("Asia/Shanghai");
        Assert.True(EventTime.TryToUtc(new DateTime(2026, 12, 2, 7, 0, 0), shanghai, out var utc));
        Assert.Equal(new DateTime(2026, 12, 1, 23, 0, 0, DateTimeKind.Utc), utc);
        Assert.Equal(new DateTime(2026, 12, 2, 7, 0, 0), EventTime.ToLocal(utc, shanghai));
        Assert.Equal("UTC+08:00", EventTime.OffsetLabel(utc, shanghai));
    }

    [Fact]
    public void Offsets_follow_daylight_saving()
    {
        var newYork = EventTime.FindZone("America/New_York");
        Assert.Equal("UTC-05:00", EventTime.OffsetLabel(new DateTime(2027, 1, 10, 12, 0, 0, DateTimeKind.Utc), newYork));
        Assert.Equal("UTC-04:00", EventTime.OffsetLabel(new DateTime(2027, 7, 10, 12, 0, 0, DateTimeKind.Utc), newYork));
    }

    [Theory]
    [InlineData("CN", true)]
    [InlineData("KZ", true)]
    [InlineData("KH", true)]
    [InlineData("XX", false)]
    [InlineData("kz", false)]
    [InlineData("KAZ", false)]
    [InlineData("", false)]
    public void Country_codes_are_iso_3166_alpha_2(string code, bool valid) =>
        Assert.Equal(valid, InstitutionRules.IsCountryCode(code));

    [Fact]
    public void Decomposed_text_is_stored_composed()
    {
        var decomposed = "Trường Đại học Quốc gia Hà Nội".Normalize(System.Text.NormalizationForm.FormD);
        var composed = TextNormalization.ToNfc(decomposed);
        Assert.NotEqual(decomposed, composed);
        Assert.True(composed!.IsNormalized(System.Text.NormalizationForm.FormC));
        Assert.Equal("Trường Đại học Quốc gia Hà Nội", composed);
    }
}
