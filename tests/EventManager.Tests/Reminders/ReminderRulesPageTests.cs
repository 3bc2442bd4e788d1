using EventManager.Core.Mail;
using EventManager.Core.Registrations;
using EventManager.Core.Reminders;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Tests;

public sealed class ReminderRulesPageTests : SignedInOrganiserTest
{
    [Fact]
    public async Task An_organiser_sees_the_default_rules_and_adds_one()
    {
        var ev = await App.CreateEventAsync("rules");
        var page = await Organiser.GetPageAsync($"/organiser/events/{ev.Id}/reminders");
        Assert.Equal(4, page.QuerySelectorAll("#rules tbody tr").Length);
        Assert.Contains("1 day before the start of the event", page.QuerySelector("#rules")!.TextContent);
        Assert.Contains("every day at 18:00, in the event's time zone", page.QuerySelector("#rules")!.TextContent);
        Assert.Contains("2 hours before the start of each signing ceremony", page.QuerySelector("#rules")!.TextContent);
        Assert.Contains("the ceremony's signatories", page.QuerySelector("#rules")!.TextContent);

        using var saved = await Organiser.SubmitFormAsync($"/organiser/events/{ev.Id}/reminders", new Dictionary<string, string>
        {
            ["Name"] = "Thank you note",
            ["Anchor"] = "EventEnd",
            ["After"] = "true", ["Days"] = "0", ["Hours"] = "2", ["Minutes"] = "0",
            ["Audience"] = "ConfirmedDelegates",
            ["Subject[en]"] = "Thank you for coming to {event}",
            ["Body[en]"] = "Dear {name}, thank you.",
        });
        Assert.Contains("Thank you note was saved", (await saved.ReadDocumentAsync()).QuerySelector(".notice")!.TextContent);
        Assert.Equal(5, await App.WithDbAsync(db => db.ReminderRules.CountAsync(r => r.EventId == ev.Id)));
        Assert.Equal(120, await App.WithDbAsync(db => db.ReminderRules.Where(r => r.Name == "Thank you note").Select(r => r.OffsetMinutes).SingleAsync()));

        // An offset reads as days, hours and minutes, before or after, never as a count of minutes.
        var dayBefore = await App.WithDbAsync(db => db.ReminderRules.Where(r => r.EventId == ev.Id && r.Name == "The day before").Select(r => r.Id).SingleAsync());
        var edit = await Organiser.GetPageAsync($"/organiser/events/{ev.Id}/reminders?edit={dayBefore}");
        Assert.Equal(("1", "0", "0"), (edit.QuerySelector("#Days")!.GetAttribute("value"), edit.QuerySelector("#Hours")!.GetAttribute("value"), edit.QuerySelector("#Minutes")!.GetAttribute("value")));
        Assert.Equal("false", edit.QuerySelector("#After option[selected]")!.GetAttribute("value"));
        Assert.Null(edit.QuerySelector("#OffsetMinutes"));
        using var moved = await Organiser.SubmitFormAsync($"/organiser/events/{ev.Id}/reminders?edit={dayBefore}", new Dictionary<string, string> { ["Days"] = "2", ["Hours"] = "3" }, "#rule");
        Assert.Equal(-(2 * 24 * 60 + 3 * 60), await App.WithDbAsync(db => db.ReminderRules.Where(r => r.Id == dayBefore).Select(r => r.OffsetMinutes).SingleAsync()));
    }

    [Fact]
    public async Task An_organiser_writes_a_rule_in_chinese_beside_the_english_changes_it_and_removes_it()
    {
        var ev = await App.CreateEventAsync("translated", languages: "en zh");
        // A rule of the organisers' own, written in English first (the built-in ones come in every event language).
        (await Organiser.SubmitFormAsync($"/organiser/events/{ev.Id}/reminders", new Dictionary<string, string>
        {
            ["Name"] = "Tomorrow", ["Anchor"] = "EventStart", ["Days"] = "1", ["Hours"] = "0", ["Minutes"] = "0", ["Audience"] = "ConfirmedDelegates",
            ["Subject[en]"] = "{event} starts tomorrow", ["Body[en]"] = "Dear {name}, see you tomorrow. {link}",
        })).Dispose();
        var page = await Organiser.GetPageAsync($"/organiser/events/{ev.Id}/reminders");
        var edit = page.QuerySelector("a[aria-label='Edit Tomorrow']")!.GetAttribute("href")!;
        page = await Organiser.GetPageAsync($"/organiser/events/{ev.Id}/reminders{edit}");
        // One field per event language, side by side; the Chinese ones say they are missing.
        Assert.Equal("{event} starts tomorrow", page.QuerySelector("#Subject")!.GetAttribute("value"));
        Assert.Contains("(missing)", page.QuerySelector("label[for='Subject-zh'] .missing:not([hidden])")!.TextContent);
        Assert.Null(page.QuerySelector("label[for='Subject'] .missing:not([hidden])"));
        Assert.Equal("zh", page.QuerySelector("#Body-zh")!.GetAttribute("lang"));

        using var refused = await Organiser.SubmitFormAsync($"/organiser/events/{ev.Id}/reminders{edit}", new Dictionary<string, string>
        {
            ["Subject[zh]"] = "{event}明天开始", ["Body[zh]"] = "尊敬的{姓名}",
        }, "#rule");
        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var refusedPage = await refused.ReadDocumentAsync();
        Assert.Contains(refusedPage.Errors(), e => e.StartsWith("{姓名} is not a placeholder a message can fill; use one of {name} {event}", StringComparison.Ordinal));
        Assert.Equal("尊敬的{姓名}", refusedPage.QuerySelector("#Body-zh")!.TextContent);
        Assert.Equal("true", refusedPage.QuerySelector("#Body-zh")!.GetAttribute("aria-invalid"));

        using var saved = await Organiser.SubmitFormAsync($"/organiser/events/{ev.Id}/reminders{edit}", new Dictionary<string, string>
        {
            ["Subject[zh]"] = "{event}明天开始", ["Body[zh]"] = "尊敬的{name}：{event}将于{start}开始。",
        }, "#rule");
        var savedPage = await saved.ReadDocumentAsync();
        Assert.Contains("Tomorrow was saved", savedPage.QuerySelector(".notice")!.TextContent);
        var row = savedPage.QuerySelectorAll("#rules tbody tr").Single(r => r.TextContent.Contains("Tomorrow"));
        Assert.Contains("English, 中文", row.TextContent);

        var change = await Organiser.GetPageAsync($"/organiser/events/{ev.Id}/reminders{edit}");
        Assert.Equal("{event}明天开始", change.QuerySelector("#Subject-zh")!.GetAttribute("value"));
        Assert.Equal("{event} starts tomorrow", change.QuerySelector("#Subject")!.GetAttribute("value"));

        // Emptying the Chinese fields takes the language away: its readers get the default, English.
        using var removed = await Organiser.SubmitFormAsync($"/organiser/events/{ev.Id}/reminders{edit}", new Dictionary<string, string>
        {
            ["Subject[zh]"] = "", ["Body[zh]"] = "",
        }, "#rule");
        row = (await removed.ReadDocumentAsync()).QuerySelectorAll("#rules tbody tr").Single(r => r.TextContent.Contains("Tomorrow"));
        Assert.DoesNotContain("中文", row.TextContent);
        var rule = await App.WithDbAsync(db => db.ReminderRules.SingleAsync(r => r.EventId == ev.Id && r.Name == "Tomorrow"));
        Assert.False(rule.Subject.Has("zh"));
        Assert.Equal("{event} starts tomorrow", rule.Subject.In("zh"));
    }

    [Theory]
    [InlineData("Days", "91", "A reminder can be at most 90 days before or after its moment.")]
    [InlineData("Hours", "-1", "Enter a whole number of 0 or more.")]
    [InlineData("Subject[en]", "", "Enter a subject.")]
    [InlineData("Audience", "Everyone", "'Everyone' is not a valid value for Who gets it.")]
    public async Task Bad_rules_are_explained_and_not_saved(string field, string value, string message)
    {
        var ev = await App.CreateEventAsync("bad-rules");
        var fields = new Dictionary<string, string> { ["Name"] = "Rule", ["Subject[en]"] = "S", ["Body[en]"] = "B", [field] = value };
        using var response = await Organiser.SubmitFormAsync($"/organiser/events/{ev.Id}/reminders", fields);
        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(message, (await response.ReadDocumentAsync()).Errors());
        Assert.Equal(4, await App.WithDbAsync(db => db.ReminderRules.CountAsync(r => r.EventId == ev.Id)));
    }
}
