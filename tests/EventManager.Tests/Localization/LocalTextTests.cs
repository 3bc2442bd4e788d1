using System.Globalization;
using EventManager.Core.Common;

namespace EventManager.Tests;

public sealed class LocalTextTests
{
    private static readonly LocalText Venue = LocalText.From(("en", "Guiyang International Eco-Conference Center"), ("zh", "贵阳国际生态会议中心"));

    [Theory]
    [InlineData("zh", "贵阳国际生态会议中心")]
    [InlineData("zh-CN", "贵阳国际生态会议中心")]
    [InlineData("zh-Hans", "贵阳国际生态会议中心")]
    [InlineData("en", "Guiyang International Eco-Conference Center")]
    [InlineData("kk", "Guiyang International Eco-Conference Center")]
    [InlineData(null, "Guiyang International Eco-Conference Center")]
    public void A_reader_gets_their_language_else_the_default(string? language, string expected) =>
        Assert.Equal(expected, Venue.In(language));

    [Fact]
    public void The_default_is_the_events_first_language_whatever_order_the_texts_came_in()
    {
        var typed = LocalText.From(("ru", "Зал A"), ("zh", "A厅"));
        var kept = typed.For(["zh", "en", "ru"]);
        Assert.Equal(["zh", "ru"], kept.Languages);
        Assert.Equal("A厅", kept.In("kk"));
    }

    [Fact]
    public void A_text_nobody_gave_a_language_becomes_the_default_languages_and_languages_the_event_does_not_use_are_dropped()
    {
        var kept = LocalText.Of("Hall A").For(["en", "zh"]);
        Assert.Equal("Hall A", kept.Exactly("en"));
        Assert.Null(kept.Exactly("zh"));
        Assert.True(LocalText.From(("kk", "A залы")).For(["en", "zh"]).IsEmpty);
    }

    [Fact]
    public void It_is_stored_as_readable_json_and_read_back_and_an_older_plain_column_still_reads()
    {
        var json = Venue.ToJson();
        Assert.Equal("""{"en":"Guiyang International Eco-Conference Center","zh":"贵阳国际生态会议中心"}""", json);
        Assert.Equal(Venue, LocalText.Parse(json));
        Assert.Equal("Hall B", LocalText.Parse("Hall B").In("zh"));
        Assert.Equal("{not json", LocalText.Parse("{not json").In("en"));
    }

    [Fact]
    public void Joined_parts_read_in_each_language_falling_back_part_by_part()
    {
        var city = LocalText.From(("en", "Guiyang"), ("zh", "贵阳"), ("kk", "Гуйян"));
        var place = LocalText.Join(", ", Venue, city);
        Assert.Equal("贵阳国际生态会议中心, 贵阳", place.In("zh"));
        Assert.Equal("Guiyang International Eco-Conference Center, Гуйян", place.In("kk"));
        Assert.Equal("Guiyang International Eco-Conference Center, Guiyang", place.In("ru"));
    }

    [Fact]
    public void Shown_in_a_page_or_document_it_reads_in_the_current_ui_culture()
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
            Assert.Equal("贵阳国际生态会议中心", $"{Venue}");
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ru-RU");
            Assert.Equal("Guiyang International Eco-Conference Center", $"{Venue}");
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
