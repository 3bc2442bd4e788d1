using System.Globalization;
using EventManager.Web.Infrastructure;

namespace EventManager.Tests;

public sealed class PluralTests
{
    private const string Changes = "Version {0}: {1, plural, one {# change} other {# changes}}";
    private const string Russian = "Версия {0}: {1, plural, one {# изменение} few {# изменения} many {# изменений} other {# изменения}}";

    [Theory]
    [InlineData(1, "Version 2: 1 change")]
    [InlineData(0, "Version 2: 0 changes")]
    [InlineData(3, "Version 2: 3 changes")]
    [InlineData(1200, "Version 2: 1,200 changes")]
    public void English_counts_say_one_or_many(int count, string expected) =>
        Assert.Equal(expected, Plurals.Format(Changes, [2, count], CultureInfo.GetCultureInfo("en-GB")));

    [Theory]
    [InlineData(1, "1 изменение")]
    [InlineData(21, "21 изменение")]
    [InlineData(3, "3 изменения")]
    [InlineData(24, "24 изменения")]
    [InlineData(5, "5 изменений")]
    [InlineData(11, "11 изменений")]
    [InlineData(12, "12 изменений")]
    [InlineData(111, "111 изменений")]
    public void Russian_counts_take_the_form_their_number_asks_for(int count, string expected) =>
        Assert.Equal($"Версия 2: {expected}", Plurals.Format(Russian, [2, count], CultureInfo.GetCultureInfo("ru-RU")));

    [Fact]
    public void Chinese_has_one_form_and_a_plain_placeholder_works_too()
    {
        Assert.Equal("第2版：1处变更", Plurals.Format("第{0}版：{1}处变更", [2, 1], CultureInfo.GetCultureInfo("zh-CN")));
        Assert.Equal("共3项", Plurals.Format("共{0, plural, other {#项}}", [3], CultureInfo.GetCultureInfo("zh-CN")));
    }

    [Fact]
    public void Other_placeholders_inside_a_form_are_filled()
    {
        Assert.Equal("Imported 1 delegate to Week", Plurals.Format("{0, plural, one {Imported # delegate to {1}} other {Imported # delegates to {1}}}", [1, "Week"], CultureInfo.InvariantCulture));
    }
}
