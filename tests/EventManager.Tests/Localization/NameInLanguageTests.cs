using EventManager.Core.Common;

namespace EventManager.Tests;

public sealed class NameInLanguageTests
{
    [Theory]
    [InlineData("zh-CN", "Zhang Hua", "张华", "张华")]
    [InlineData("zh-CN", "Aigerim Nurlanqyzy", "Айгерім Нұрланқызы", "Aigerim Nurlanqyzy")]
    [InlineData("kk-KZ", "Aigerim Nurlanqyzy", "Айгерім Нұрланқызы", "Айгерім Нұрланқызы")]
    [InlineData("ru-RU", "Irina Petrova", "Ирина Петрова", "Ирина Петрова")]
    [InlineData("ru-RU", "Zhang Hua", "张华", "Zhang Hua")]
    [InlineData("en", "Zhang Hua", "张华", "Zhang Hua")]
    [InlineData("zh-CN", "Somchai Prasert", "สมชาย ประเสริฐ", "Somchai Prasert")]
    [InlineData("zh-CN", "Wang Fang", null, "Wang Fang")]
    [InlineData(null, "Zhang Hua", "张华", "Zhang Hua")]
    public void A_message_names_a_person_as_its_language_writes_them(string? language, string latin, string? native, string expected) =>
        Assert.Equal(expected, DisplayName.InLanguage(language, latin, native));
}
