using System.Net;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Tests;

public sealed class OrganiserEventsTests : SignedInOrganiserTest
{
    private static Dictionary<string, string> Week(Action<Dictionary<string, string>>? change = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["Name[en]"] = "China–ASEAN Education Cooperation Week",
            ["Slug"] = "",
            ["Kind"] = "Conference",
            ["ParentEventId"] = "",
            ["StartsLocal"] = "2027-08-02T09:00",
            ["EndsLocal"] = "2027-08-06T18:00",
            ["TimeZoneId"] = "Asia/Shanghai",
            ["Venue[en]"] = "Guiyang International Eco-Conference Center",
            ["City[en]"] = "Guiyang",
            ["Description[en]"] = "Forums and dialogues.",
        };
        change?.Invoke(fields);
        return fields;
    }

    private Task<int> EventCount() => App.WithDbAsync(db => db.Events.CountAsync());

    [Fact]
    public async Task An_organiser_creates_an_event_and_finds_it_on_its_public_page()
    {
        using var response = await Organiser.SubmitFormAsync("/organiser/events/new", Week());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // A new event opens on its home, which says what to do first.
        var stored = await App.WithDbAsync(db => db.Events.SingleAsync());
        Assert.Equal($"/organiser/events/{stored.Id}", response.RequestMessage!.RequestUri!.AbsolutePath);
        var home = await response.ReadDocumentAsync();
        Assert.Contains("The event was created.", home.QuerySelector(".notice")!.TextContent);
        Assert.Equal("China–ASEAN Education Cooperation Week", home.QuerySelector("h1")!.TextContent);
        Assert.Equal("Registration is closed: open it when the event is ready", home.QuerySelector("#next-steps a")!.TextContent.Trim());

        Assert.Equal("china-asean-education-cooperation-week", stored.Slug);
        Assert.Equal(new DateTime(2027, 8, 2, 1, 0, 0, DateTimeKind.Utc), stored.StartsAtUtc);
        Assert.Equal(DateTimeKind.Utc, stored.StartsAtUtc.Kind);

        var page = await App.Client().GetPageAsync($"/events/{stored.Slug}");
        Assert.Equal("China–ASEAN Education Cooperation Week", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("Monday, August 2, 2027", page.QuerySelector(".facts time")!.TextContent);
    }

    [Fact]
    public async Task A_dialogue_can_be_part_of_a_week_and_is_listed_on_the_weeks_page()
    {
        (await Organiser.SubmitFormAsync("/organiser/events/new", Week(f => f["Slug"] = "week"))).Dispose();
        var weekId = await App.WithDbAsync(db => db.Events.Where(e => e.Slug == "week").Select(e => e.Id).SingleAsync());
        using var response = await Organiser.SubmitFormAsync("/organiser/events/new", Week(f =>
        {
            f["Name[en]"] = "Rectors' Dialogue";
            f["Slug"] = "rectors";
            f["Kind"] = "Dialogue";
            f["ParentEventId"] = weekId.ToString();
            f["StartsLocal"] = "2027-08-03T09:00";
            f["EndsLocal"] = "2027-08-03T17:00";
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var week = await App.Client().GetPageAsync("/events/week");
        Assert.Equal("/events/rectors", week.QuerySelector("#inside + ul a")!.GetAttribute("href"));
    }

    public static TheoryData<string, string, string> BadInput => new()
    {
        { "EndsLocal", "2027-08-01T09:00", "The event must end after it starts." },
        { "Name", "", "Enter the event's name." },
        { "Name", new string('x', 201), "This can be at most 200 characters." },
        { "TimeZoneId", "Mars/Olympus_Mons", "Choose a time zone from the list." },
        { "TimeZoneId", "", "Choose a time zone from the list." },
        { "Slug", "Bad Slug!", "Use lower-case letters, digits and single hyphens, for example china-asean-week-11." },
        { "Slug", "double--hyphen", "Use lower-case letters, digits and single hyphens, for example china-asean-week-11." },
        { "StartsLocal", "next tuesday", "'next tuesday' is not a valid value for Starts." },
        { "StartsLocal", "", "Enter when it starts." },
        { "StartsLocal", "0001-01-01T00:00", "Enter a date between the years 2000 and 2199." },
        { "Kind", "99", "'99' is not a valid value." },
        { "Kind", "Party", "'Party' is not a valid value for Kind." },
        { "ParentEventId", "12345", "The event it is part of no longer exists." },
        { "ParentEventId", "abc", "'abc' is not a valid value for Part of." },
        { "Venue", new string('v', 201), "This can be at most 200 characters." },
        { "Description", new string('d', 4001), "This can be at most 4000 characters." },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_gets_the_form_back_with_a_message_and_writes_nothing(string field, string value, string message)
    {
        using var response = await Organiser.SubmitFormAsync("/organiser/events/new", Week(f => f[field is "Name" or "Venue" or "City" or "Description" ? $"{field}[en]" : field] = value));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains(message, page.Errors());
        Assert.Equal("true", page.QuerySelector($"#{field}")!.GetAttribute("aria-invalid"));
        Assert.Equal(0, await EventCount());
    }

    [Fact]
    public async Task A_wall_clock_time_that_daylight_saving_skips_is_refused()
    {
        using var response = await Organiser.SubmitFormAsync("/organiser/events/new", Week(f =>
        {
            f["TimeZoneId"] = "America/New_York";
            f["StartsLocal"] = "2027-03-14T02:30";
            f["EndsLocal"] = "2027-03-14T18:00";
        }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("This time does not exist in America/New_York: the clocks skip it.", (await response.ReadDocumentAsync()).Errors());
    }

    [Fact]
    public async Task Slugs_are_unique_and_a_second_event_with_the_same_name_gets_its_own()
    {
        (await Organiser.SubmitFormAsync("/organiser/events/new", Week(f => f["Slug"] = "week"))).Dispose();

        using var taken = await Organiser.SubmitFormAsync("/organiser/events/new", Week(f => f["Slug"] = "week"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, taken.StatusCode);
        Assert.Contains("Another event already uses the address week.", (await taken.ReadDocumentAsync()).Errors());

        (await Organiser.SubmitFormAsync("/organiser/events/new", Week())).Dispose();
        (await Organiser.SubmitFormAsync("/organiser/events/new", Week())).Dispose();
        var slugs = await App.WithDbAsync(db => db.Events.OrderBy(e => e.Id).Select(e => e.Slug).ToListAsync());
        Assert.Equal(["week", "china-asean-education-cooperation-week", "china-asean-education-cooperation-week-2"], slugs);
    }

    [Fact]
    public async Task A_part_must_lie_within_its_parents_dates_and_no_event_can_contain_itself()
    {
        (await Organiser.SubmitFormAsync("/organiser/events/new", Week(f => f["Slug"] = "week"))).Dispose();
        var weekId = await App.WithDbAsync(db => db.Events.Select(e => e.Id).SingleAsync());

        using var outside = await Organiser.SubmitFormAsync("/organiser/events/new", Week(f =>
        {
            f["Slug"] = "late";
            f["ParentEventId"] = weekId.ToString();
            f["StartsLocal"] = "2027-08-06T09:00";
            f["EndsLocal"] = "2027-08-07T12:00";
        }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outside.StatusCode);
        Assert.Contains("It must take place within the dates of China–ASEAN Education Cooperation Week.", (await outside.ReadDocumentAsync()).Errors());

        using var self = await Organiser.SubmitFormAsync($"/organiser/events/{weekId}/edit", Week(f =>
        {
            f["Slug"] = "week";
            f["ParentEventId"] = weekId.ToString();
        }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, self.StatusCode);
        Assert.Contains("An event cannot be part of itself or of an event inside it.", (await self.ReadDocumentAsync()).Errors());
        Assert.Null(await App.WithDbAsync(db => db.Events.Select(e => e.ParentEventId).SingleAsync()));
    }

    [Fact]
    public async Task Editing_keeps_the_address_and_changes_the_times()
    {
        (await Organiser.SubmitFormAsync("/organiser/events/new", Week(f => f["Slug"] = "week"))).Dispose();
        var id = await App.WithDbAsync(db => db.Events.Select(e => e.Id).SingleAsync());

        var form = await Organiser.GetPageAsync($"/organiser/events/{id}/edit");
        Assert.Equal("2027-08-02T09:00", form.QuerySelector("#StartsLocal")!.GetAttribute("value"));
        Assert.Equal("Asia/Shanghai", form.QuerySelector("#TimeZoneId option[selected]")!.GetAttribute("value"));

        using var saved = await Organiser.SubmitFormAsync($"/organiser/events/{id}/edit", Week(f =>
        {
            f["Slug"] = "week";
            f["TimeZoneId"] = "Asia/Almaty";
        }));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var stored = await App.WithDbAsync(db => db.Events.SingleAsync());
        Assert.Equal("week", stored.Slug);
        Assert.Equal("Asia/Almaty", stored.TimeZoneId);
        Assert.Equal(new DateTime(2027, 8, 2, 4, 0, 0, DateTimeKind.Utc), stored.StartsAtUtc);
    }

    [Fact]
    public async Task Editing_an_event_that_does_not_exist_is_a_404()
    {
        using var response = await Organiser.GetAsync("/organiser/events/999/edit");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused_and_writes_nothing()
    {
        using var response = await Organiser.PostAsync("/organiser/events/new", new FormUrlEncodedContent(Week()));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The form may have expired", (await response.ReadDocumentAsync()).MainText());
        Assert.Equal(0, await EventCount());
    }

    [Theory]
    [InlineData("\u0000\u0001")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("' OR 1=1; --")]
    [InlineData("\uFFFE\uFFFF")]
    [InlineData("-2147483649")]
    [InlineData("9999-12-31T23:59")]
    [InlineData("0001-01-01T00:00")]
    public async Task No_value_typed_into_any_field_gives_a_500(string junk)
    {
        foreach (var field in Week().Keys)
        {
            using var response = await Organiser.SubmitFormAsync("/organiser/events/new", Week(f => f[field] = junk));
            Assert.True((int)response.StatusCode < 500, $"{field}={junk} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Names_in_any_script_are_shown_as_typed()
    {
        const string name = "Диалог ректоров 校长对话 ការសន្ទនា";
        using var response = await Organiser.SubmitFormAsync("/organiser/events/new", Week(f =>
        {
            f["Name[en]"] = name;
            f["Slug"] = "rectors";
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await App.Client().GetPageAsync("/events/rectors");
        Assert.Equal(name, page.QuerySelector("h1")!.TextContent);
    }
}
