using System.Net;
using EventManager.Core.Agenda;
using EventManager.Core.Events;
using Ical.Net;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Tests;

public sealed class AgendaTests : IAsyncLifetime
{
    private AppFactory app = default!;
    private HttpClient organiser = default!;

    public async Task InitializeAsync()
    {
        app = new AppFactory().With("Diagnostics:CountQueries", "true").With("RateLimits:PublicFormPermits", "1000");
        organiser = app.Client();
        await organiser.LoginAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private async Task<(Event Event, int HallA, int HallB)> DialogueWithRoomsAsync(string slug = "rectors")
    {
        var ev = await app.CreateEventAsync(slug);
        async Task<int> Room(string name, int capacity)
        {
            using var saved = await organiser.SubmitFormAsync($"/organiser/events/{ev.Id}/rooms", new Dictionary<string, string> { ["Name[en]"] = name, ["Capacity"] = capacity.ToString() });
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            return await app.WithDbAsync(async db => (await db.Rooms.ToListAsync()).Single(r => r.Name.Default == name).Id);
        }

        return (ev, await Room("Hall A", 300), await Room("Hall B", 120));
    }

    private Task<HttpResponseMessage> AddSessionAsync(int eventId, string title, string starts, string ends, int? room, Action<Dictionary<string, string>>? change = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["Title[en]"] = title,
            ["Kind"] = "DialogueRound",
            ["StartsLocal"] = starts,
            ["EndsLocal"] = ends,
            ["RoomId"] = room?.ToString() ?? "",
            ["Language"] = "zh-CN",
            ["Interpretation"] = "Chinese ↔ Kazakh",
        };
        change?.Invoke(fields);
        return organiser.SubmitFormAsync($"/organiser/events/{eventId}/agenda/sessions/new", fields);
    }

    private async Task<HttpResponseMessage> PublishAsync(int eventId) =>
        await organiser.SubmitFormAsync($"/organiser/events/{eventId}/agenda", new Dictionary<string, string>(), "form[action$='/agenda/publish']");

    private async Task<Calendar> FeedAsync(string url)
    {
        using var response = await app.Client().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("BEGIN:VCALENDAR", text);
        Assert.Contains("VERSION:2.0", text);
        Assert.Contains("PRODID:", text);
        return Calendar.Load(text)!;
    }

    [Fact]
    public async Task A_clash_blocks_publishing_until_it_is_fixed_then_the_public_sees_the_agenda()
    {
        var (ev, hallA, hallB) = await DialogueWithRoomsAsync();
        (await AddSessionAsync(ev.Id, "Round on joint programmes", "2027-09-14T10:00", "2027-09-14T11:30", hallA)).Dispose();
        using var second = await AddSessionAsync(ev.Id, "Round on student exchange", "2027-09-14T11:00", "2027-09-14T12:00", hallA);
        var editor = await second.ReadDocumentAsync();
        Assert.Contains("Hall A is booked twice: Round on joint programmes and Round on student exchange overlap.", editor.QuerySelector("#clash-list")!.TextContent);
        Assert.Equal(2, editor.QuerySelectorAll(".session.clash").Length);
        // Each clashing tile names its clash and leads to its line; the line leads to both sessions.
        var tiles = editor.QuerySelectorAll(".session.clash").ToList();
        Assert.All(tiles, tile =>
        {
            var link = tile.QuerySelector(".field-error a")!;
            Assert.Equal("Clash: Hall A is booked twice: Round on joint programmes and Round on student exchange overlap.", link.TextContent);
            Assert.NotNull(editor.QuerySelector(link.GetAttribute("href")!));
        });
        var line = editor.QuerySelector(tiles[0].QuerySelector(".field-error a")!.GetAttribute("href")!)!;
        Assert.Equal(tiles.Select(t => $"/organiser/events/{ev.Id}/agenda/sessions/{t.GetAttribute("data-session")}/edit").Order(),
            line.QuerySelectorAll("a.issue-session").Select(a => a.GetAttribute("href")!).Order());

        using var refused = await PublishAsync(ev.Id);
        Assert.Contains("Not published: fix the clashes first.", (await refused.ReadDocumentAsync()).QuerySelector(".notice")!.TextContent);
        Assert.Equal(0, await app.WithDbAsync(db => db.AgendaVersions.CountAsync()));
        var before = await app.Client().GetPageAsync("/events/rectors/agenda");
        Assert.Contains("The agenda has not been published yet.", before.MainText());

        // Move the second round to Hall B: the clash is gone.
        var id = await app.WithDbAsync(async db => (await db.Sessions.ToListAsync()).Single(s => s.Title.Default == "Round on student exchange").Id);
        using var moved = await organiser.SubmitFormAsync($"/organiser/events/{ev.Id}/agenda", new Dictionary<string, string> { ["roomId"] = hallB.ToString() }, $"form[action$='/sessions/{id}/move']");
        Assert.Null((await moved.ReadDocumentAsync()).QuerySelector("#clash-list"));

        using var published = await PublishAsync(ev.Id);
        Assert.Contains("Version 1 is published.", (await published.ReadDocumentAsync()).QuerySelector(".notice")!.TextContent);

        var page = await app.Client().GetPageAsync("/events/rectors/agenda");
        var columns = page.QuerySelectorAll(".agenda-day .agenda-column").ToList();
        Assert.Equal(["Hall A", "Hall B"], columns.Select(c => c.QuerySelector(".room")!.TextContent));
        Assert.Contains("Round on joint programmes", columns[0].TextContent);
        Assert.Contains("Round on student exchange", columns[1].TextContent);
        Assert.Contains("11:00–12:00", columns[1].QuerySelector(".when")!.TextContent);
        Assert.Contains("Chinese ↔ Kazakh", columns[1].TextContent);
    }

    [Fact]
    public async Task The_feed_keeps_each_sessions_uid_raises_its_sequence_and_keeps_cancelled_sessions()
    {
        var (ev, hallA, hallB) = await DialogueWithRoomsAsync();
        (await AddSessionAsync(ev.Id, "Opening plenary", "2027-09-14T09:00", "2027-09-14T10:00", hallA)).Dispose();
        (await AddSessionAsync(ev.Id, "Campus visit", "2027-09-14T14:00", "2027-09-14T16:00", null, f => f["Kind"] = "Visit")).Dispose();
        (await PublishAsync(ev.Id)).Dispose();

        var v1 = await FeedAsync("/events/rectors/agenda.ics");
        Assert.Equal(2, v1.Events.Count);
        var opening1 = v1.Events.Single(e => e.Summary == "Opening plenary");
        Assert.Equal(0, opening1.Sequence);
        Assert.Equal("CONFIRMED", opening1.Status);
        Assert.Equal(new DateTime(2027, 9, 14, 1, 0, 0, DateTimeKind.Utc), opening1.DtStart!.AsUtc);
        Assert.Equal("Hall A, Guiyang", opening1.Location);   // the room, then the venue

        // Move the opening, cancel the visit, publish again.
        var opening = await app.WithDbAsync(async db => (await db.Sessions.ToListAsync()).Single(s => s.Title.Default == "Opening plenary"));
        var visit = await app.WithDbAsync(async db => (await db.Sessions.ToListAsync()).Single(s => s.Title.Default == "Campus visit"));
        (await organiser.SubmitFormAsync($"/organiser/events/{ev.Id}/agenda", new Dictionary<string, string> { ["startsLocal"] = "2027-09-14T09:30", ["roomId"] = hallB.ToString() }, $"form[action$='/sessions/{opening.Id}/move']")).Dispose();
        (await organiser.ConfirmAsync(await organiser.SubmitFormAsync($"/organiser/events/{ev.Id}/agenda?day=2027-09-14", new Dictionary<string, string>(), $"form[action$='/sessions/{visit.Id}/cancel']"))).Dispose();
        var editor = await organiser.GetPageAsync($"/organiser/events/{ev.Id}/agenda");
        Assert.Equal(["Moved: Opening plenary", "Cancelled: Campus visit"], editor.QuerySelectorAll("#pending-changes li").Select(li => li.TextContent.Trim()));
        (await PublishAsync(ev.Id)).Dispose();

        var v2 = await FeedAsync("/events/rectors/agenda.ics");
        var opening2 = v2.Events.Single(e => e.Summary == "Opening plenary");
        Assert.Equal(opening1.Uid, opening2.Uid);
        Assert.Equal(1, opening2.Sequence);
        Assert.Equal(new DateTime(2027, 9, 14, 1, 30, 0, DateTimeKind.Utc), opening2.DtStart!.AsUtc);
        Assert.Equal("Hall B, Guiyang", opening2.Location);
        var visit2 = v2.Events.Single(e => e.Summary == "Campus visit");
        Assert.Equal("CANCELLED", visit2.Status);
        Assert.Equal(1, visit2.Sequence);

        var versions = await app.WithDbAsync(db => db.AgendaVersions.OrderBy(v => v.Number).ToListAsync());
        Assert.Equal([1, 2], versions.Select(v => v.Number));
        Assert.Equal([AgendaChangeKind.Moved, AgendaChangeKind.Cancelled], AgendaChange.FromJson(versions[1].Changes).Select(c => c.Kind));
    }

    [Fact]
    public async Task Speakers_of_a_changed_session_are_told_and_see_it_in_their_personal_agenda()
    {
        var (ev, hallA, _) = await DialogueWithRoomsAsync();
        var token = await app.TokenOfAsync(await app.Client().RegisterAsync("rectors", RegistrationSupport.Delegate("speaker@example.edu", change: f => f["TimeZoneId"] = "Asia/Almaty")));
        var other = await app.TokenOfAsync(await app.Client().RegisterAsync("rectors", RegistrationSupport.Delegate("listener@example.edu", change: f => f["LatinName"] = "Listener")));
        var speaker = await app.WithDbAsync(db => db.Registrations.Where(r => r.Email == "speaker@example.edu").Select(r => r.DelegateId!.Value).SingleAsync());
        (await AddSessionAsync(ev.Id, "Keynote", "2027-09-14T09:00", "2027-09-14T10:00", hallA, f => f["SpeakerDelegateIds"] = speaker.ToString())).Dispose();
        using (var withWorkshop = await AddSessionAsync(ev.Id, "Workshop", "2027-09-14T11:00", "2027-09-14T12:00", hallA))
        {
            // The editor's tile says who speaks; a session without people says nothing of them.
            var editor = await withWorkshop.ReadDocumentAsync();
            var speakerName = await app.WithDbAsync(db => db.Delegates.Where(d => d.Id == speaker).Select(d => d.LatinName).SingleAsync());
            var keynoteTile = editor.QuerySelectorAll(".tt-session").Single(t => t.QuerySelector("h4")!.TextContent.Trim() == "Keynote");
            Assert.Equal($"Speakers: {speakerName}", keynoteTile.QuerySelector(".tt-people")!.TextContent.Trim());
            Assert.Null(editor.QuerySelectorAll(".tt-session").Single(t => t.QuerySelector("h4")!.TextContent.Trim() == "Workshop").QuerySelector(".tt-people"));
        }

        (await PublishAsync(ev.Id)).Dispose();

        var mine = await app.Client().GetPageAsync($"/r/{token}/agenda");
        Assert.Contains("Keynote", mine.QuerySelector(".agenda-day")!.TextContent);
        Assert.DoesNotContain("Workshop", mine.QuerySelector(".agenda-day")!.TextContent);
        // Shown in the delegate's own zone: 09:00 in Guiyang is 06:00 in Almaty.
        Assert.Contains("06:00–07:00", mine.QuerySelector(".agenda-day .when")!.TextContent);

        // The listener chooses the workshop; it joins their agenda and their calendar.
        var workshopUid = await app.WithDbAsync(async db => (await db.Sessions.ToListAsync()).Single(s => s.Title.Default == "Workshop").Uid);
        (await app.Client().SubmitFormAsync($"/r/{other}/agenda", new Dictionary<string, string>(), $"form:has(input[value='{workshopUid}'])")).Dispose();
        var listenerFeed = await FeedAsync($"/r/{other}/agenda.ics");
        Assert.Equal(["Workshop"], listenerFeed.Events.Select(e => e.Summary));

        // Move both sessions: each person hears about their own.
        var keynote = await app.WithDbAsync(async db => (await db.Sessions.ToListAsync()).Single(s => s.Title.Default == "Keynote"));
        var workshop = await app.WithDbAsync(async db => (await db.Sessions.ToListAsync()).Single(s => s.Title.Default == "Workshop"));
        (await organiser.SubmitFormAsync($"/organiser/events/{ev.Id}/agenda", new Dictionary<string, string> { ["startsLocal"] = "2027-09-14T09:30" }, $"form[action$='/sessions/{keynote.Id}/move']")).Dispose();
        (await organiser.SubmitFormAsync($"/organiser/events/{ev.Id}/agenda", new Dictionary<string, string> { ["startsLocal"] = "2027-09-14T13:00" }, $"form[action$='/sessions/{workshop.Id}/move']")).Dispose();
        (await PublishAsync(ev.Id)).Dispose();

        var told = app.MailTo("speaker@example.edu").Single(m => m.Subject == "The agenda of Dialogue rectors has changed");
        Assert.Contains("Moved: Keynote, from 2027-09-14 06:00 (Asia/Almaty) to 2027-09-14 06:30 (Asia/Almaty)", told.Body);
        Assert.DoesNotContain("Workshop", told.Body);
        var listener = app.MailTo("listener@example.edu").Single(m => m.Subject == "The agenda of Dialogue rectors has changed");
        Assert.Contains("Moved: Workshop", listener.Body);
    }

    [Fact]
    public async Task The_public_agenda_runs_the_same_few_queries_however_many_sessions()
    {
        var (ev, hallA, hallB) = await DialogueWithRoomsAsync();
        (await AddSessionAsync(ev.Id, "Only session", "2027-09-14T09:00", "2027-09-14T10:00", hallA)).Dispose();
        (await PublishAsync(ev.Id)).Dispose();
        async Task<int> Queries(string url)
        {
            using var response = await app.Client().GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return int.Parse(response.Headers.GetValues("X-Db-Commands").Single());
        }

        var few = await Queries("/events/rectors/agenda");
        var fewIcs = await Queries("/events/rectors/agenda.ics");

        await app.WithServiceAsync<AgendaDrafts, bool>(async agenda =>
        {
            for (var i = 0; i < 60; i++)
            {
                var start = new DateTime(2027, 9, 14, 10, 0, 0).AddMinutes(10 * i);
                var saved = await agenda.SaveSessionAsync(ev.Id, null, new SessionInput($"Session {i}", null, SessionKind.Panel, start, start.AddMinutes(10), hallB, null, [], null, null, null));
                Assert.True(saved.Succeeded);
            }

            return true;
        });
        (await PublishAsync(ev.Id)).Dispose();
        var many = await Queries("/events/rectors/agenda");
        var manyIcs = await Queries("/events/rectors/agenda.ics");

        Assert.Equal(few, many);
        Assert.Equal(fewIcs, manyIcs);
        Assert.InRange(many, 1, 5);
        Assert.Equal(61, (await app.Client().GetPageAsync("/events/rectors/agenda")).QuerySelectorAll(".session").Length);
    }

    [Fact]
    public async Task The_public_agenda_is_served_from_memory_yet_shows_a_renamed_event_and_a_new_version_at_once()
    {
        var (ev, hallA, _) = await DialogueWithRoomsAsync();
        (await AddSessionAsync(ev.Id, "Opening plenary", "2027-09-14T09:00", "2027-09-14T10:00", hallA)).Dispose();
        (await PublishAsync(ev.Id)).Dispose();
        var first = await app.Client().GetPageAsync("/events/rectors/agenda");
        Assert.Contains("Version 1", first.QuerySelector(".zone-note")!.TextContent);

        using var renamed = await organiser.SubmitFormAsync($"/organiser/events/{ev.Id}/edit", new Dictionary<string, string> { ["Name[en]"] = "First Rectors' Cooperation Dialogue" });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var afterRename = await app.Client().GetPageAsync("/events/rectors/agenda");
        Assert.Equal("First Rectors' Cooperation Dialogue", afterRename.QuerySelector(".kind a")!.TextContent);

        (await AddSessionAsync(ev.Id, "Closing plenary", "2027-09-14T16:00", "2027-09-14T17:00", hallA)).Dispose();
        (await PublishAsync(ev.Id)).Dispose();
        var afterPublish = await app.Client().GetPageAsync("/events/rectors/agenda");
        Assert.Contains("Version 2", afterPublish.QuerySelector(".zone-note")!.TextContent);
        Assert.Contains("Closing plenary", afterPublish.MainText());
    }

    [Theory]
    [InlineData("EndsLocal", "2027-09-14T08:00", "The session must end after it starts.")]
    [InlineData("Title[en]", "", "Enter the session's title.")]
    [InlineData("RoomId", "99999", "Choose a room from the list.")]
    [InlineData("SpeakerDelegateIds", "99999", "Chairs and speakers must be people registered for this event or an event it is part of, or people of the directory who register nowhere.")]
    [InlineData("Kind", "Party", "'Party' is not a valid value for Kind.")]
    [InlineData("StartsLocal", "soon", "'soon' is not a valid value for Starts.")]
    [InlineData("ExpectedAttendance", "-5", "Enter a number of people from 0 upwards, or leave it empty.")]
    public async Task Bad_session_input_is_explained_and_nothing_is_saved(string field, string value, string message)
    {
        var (ev, hallA, _) = await DialogueWithRoomsAsync();
        using var response = await AddSessionAsync(ev.Id, "Round", "2027-09-14T09:00", "2027-09-14T10:00", hallA, f => f[field] = value);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(message, (await response.ReadDocumentAsync()).Errors());
        Assert.Equal(0, await app.WithDbAsync(db => db.Sessions.CountAsync()));
    }

    [Fact]
    public async Task A_visitor_far_away_sees_each_session_on_the_right_day()
    {
        var (ev, hallA, _) = await DialogueWithRoomsAsync();
        (await AddSessionAsync(ev.Id, "Morning round", "2027-09-14T09:30", "2027-09-14T10:30", hallA)).Dispose();
        (await AddSessionAsync(ev.Id, "Evening round", "2027-09-14T20:00", "2027-09-14T21:00", hallA)).Dispose();
        (await PublishAsync(ev.Id)).Dispose();

        var local = await app.Client().GetPageAsync("/events/rectors/agenda");
        Assert.Single(local.QuerySelectorAll(".agenda-day"));

        var newYork = await app.Client().GetPageAsync("/events/rectors/agenda?tz=America/New_York&day=all");
        var firstDayOnly = await app.Client().GetPageAsync("/events/rectors/agenda?tz=America/New_York");
        Assert.Equal(["day-2027-09-13"], firstDayOnly.QuerySelectorAll(".agenda-day").Select(d => d.Id));
        Assert.Equal(["Mon 13 Sep", "Tue 14 Sep", "All days"], firstDayOnly.QuerySelectorAll(".day-links a").Select(a => a.TextContent));
        var days = newYork.QuerySelectorAll(".agenda-day").ToList();
        Assert.Equal(["day-2027-09-13", "day-2027-09-14"], days.Select(d => d.Id));
        // 09:30 in Guiyang is 21:30 the evening before in New York.
        Assert.Contains("Morning round", days[0].TextContent);
        Assert.Contains("21:30–22:30", days[0].TextContent);
        Assert.Contains("Evening round", days[1].TextContent);
        Assert.Contains("08:00–09:00", days[1].TextContent);
        Assert.Contains("America/New_York (UTC-04:00)", newYork.QuerySelector(".zone-note")!.TextContent);

        var almaty = await app.Client().GetPageAsync("/events/rectors/agenda?tz=Asia/Almaty");
        Assert.Single(almaty.QuerySelectorAll(".agenda-day"));
        Assert.Contains("06:30–07:30", almaty.QuerySelector(".agenda-day")!.TextContent);
    }

    [Fact]
    public async Task Rooms_are_shared_by_the_week_and_the_dialogues_inside_it()
    {
        var week = await app.WithServiceAsync<EventService, Event>(async s => (await s.SaveAsync(null, new EventInput("Week", "week", EventKind.Conference, null,
            new DateTime(2027, 9, 13, 9, 0, 0), new DateTime(2027, 9, 17, 18, 0, 0), "Asia/Shanghai", null, null, null))).Value!);
        var a = await app.WithServiceAsync<EventService, Event>(async s => (await s.SaveAsync(null, new EventInput("Dialogue A", "a", EventKind.Dialogue, week.Id,
            new DateTime(2027, 9, 14, 9, 0, 0), new DateTime(2027, 9, 14, 18, 0, 0), "Asia/Shanghai", null, null, null))).Value!);
        var b = await app.WithServiceAsync<EventService, Event>(async s => (await s.SaveAsync(null, new EventInput("Dialogue B", "b", EventKind.Dialogue, week.Id,
            new DateTime(2027, 9, 14, 9, 0, 0), new DateTime(2027, 9, 14, 18, 0, 0), "Asia/Shanghai", null, null, null))).Value!);
        (await organiser.SubmitFormAsync($"/organiser/events/{a.Id}/rooms", new Dictionary<string, string> { ["Name[en]"] = "Hall A" })).Dispose();
        var room = await app.WithDbAsync(db => db.Rooms.SingleAsync());
        Assert.Equal(week.Id, room.EventId);

        (await AddSessionAsync(a.Id, "Round A", "2027-09-14T10:00", "2027-09-14T11:00", room.Id)).Dispose();
        using var clash = await AddSessionAsync(b.Id, "Round B", "2027-09-14T10:30", "2027-09-14T11:30", room.Id);
        Assert.Contains("Hall A is booked twice: Round A and Round B overlap.", (await clash.ReadDocumentAsync()).QuerySelector("#clash-list")!.TextContent);
    }

    [Fact]
    public async Task Publishing_with_no_changes_since_the_last_version_is_refused_and_makes_no_empty_version()
    {
        var (ev, hallA, _) = await DialogueWithRoomsAsync();
        (await AddSessionAsync(ev.Id, "Keynote", "2027-09-14T09:00", "2027-09-14T10:00", hallA)).Dispose();
        (await PublishAsync(ev.Id)).Dispose();

        var result = await app.WithServiceAsync<AgendaPublishing, Core.Common.DomainResult<AgendaVersion>>(p => p.PublishAsync(ev.Id));
        Assert.False(result.Succeeded);
        Assert.Equal("Nothing has changed since version {0}; there is nothing new to publish.", Assert.Single(result.Errors).Message);
        Assert.Equal([1], await app.WithDbAsync(db => db.AgendaVersions.Where(v => v.EventId == ev.Id).Select(v => v.Number).ToListAsync()));
        // The editor offers no publish button then.
        var editor = await organiser.GetPageAsync($"/organiser/events/{ev.Id}/agenda");
        Assert.Null(editor.QuerySelector("form[action$='/agenda/publish']"));
        Assert.Equal("The draft has no changes since the last version.", editor.QuerySelector("#pending-changes")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_editor_is_a_timetable_rooms_across_and_time_down_so_parallel_sessions_sit_side_by_side()
    {
        var (ev, hallA, hallB) = await DialogueWithRoomsAsync();
        (await AddSessionAsync(ev.Id, "Round A", "2027-09-14T10:00", "2027-09-14T11:30", hallA)).Dispose();
        (await AddSessionAsync(ev.Id, "Round B", "2027-09-14T10:00", "2027-09-14T11:00", hallB)).Dispose();
        (await AddSessionAsync(ev.Id, "Lunch", "2027-09-14T12:00", "2027-09-14T13:00", hallA)).Dispose();

        var page = await organiser.GetPageAsync($"/organiser/events/{ev.Id}/agenda?day=2027-09-14");
        Assert.Equal(["Hall A", "Hall B"], page.QuerySelectorAll("#timetable .tt-room").Select(h => h.TextContent.Replace("+", "").Trim()));
        string[] Place(string title) => page.QuerySelectorAll("#timetable article.session").Single(a => a.TextContent.Contains(title)).ClassList
            .Where(c => c.StartsWith("tr-") || c.StartsWith("te-") || c.StartsWith("tc-")).Order().ToArray();
        // Rows of five minutes from 09:00 (row 2): 10:00 is row 14; ninety minutes are 18 rows; rooms are columns 2 and 3.
        Assert.Equal(["tc-2", "te-32", "tr-14"], Place("Round A"));
        Assert.Equal(["tc-3", "te-26", "tr-14"], Place("Round B"));
        Assert.Equal(["tc-2", "te-50", "tr-38"], Place("Lunch"));
        // Every hour of the working day is marked down the side.
        Assert.Equal(["09:00", "10:00", "11:00", "12:00", "13:00", "14:00", "15:00", "16:00", "17:00"], page.QuerySelectorAll("#timetable .tt-hour").Select(h => h.TextContent.Trim()));
        // The placement classes exist in the stylesheet the page loads (no inline styles under the content security policy).
        var css = await app.Client().GetStringAsync(page.QuerySelector("link[href*='timetable.css']")!.GetAttribute("href"));
        Assert.Contains(".tr-14{grid-row-start:14}", css);
        Assert.Contains(".te-50{grid-row-end:50}", css);
        Assert.Contains(".cols-2{", css);
    }

    [Fact]
    public async Task Chairs_and_speakers_are_typed_by_name_in_any_script_and_a_name_that_fits_no_one_or_two_is_explained()
    {
        var (ev, hallA, _) = await DialogueWithRoomsAsync();
        (await app.Client().RegisterAsync("rectors", RegistrationSupport.Delegate("wang@example.edu", change: f => { f["LatinName"] = "Wang Wei"; f["NativeName"] = "王伟"; }))).Dispose();
        (await app.Client().RegisterAsync("rectors", RegistrationSupport.Delegate("nguyen@example.edu", change: f => { f["LatinName"] = "Nguyễn Văn An"; f["NativeName"] = ""; }))).Dispose();
        (await app.Client().RegisterAsync("rectors", RegistrationSupport.Delegate("wang2@example.edu", change: f => { f["LatinName"] = "Wang Wei"; f["NativeName"] = "王薇"; }))).Dispose();
        // "王伟" is part of 王伟国's name too: a whole name typed means that person.
        (await app.Client().RegisterAsync("rectors", RegistrationSupport.Delegate("wang3@example.edu", change: f => { f["LatinName"] = "Wang Weiguo"; f["NativeName"] = "王伟国"; }))).Dispose();
        var people = await app.WithDbAsync(db => db.Delegates.ToDictionaryAsync(d => d.Email, d => d.Id));

        // The suggestions name everyone who may be chosen, with their number.
        var form = await organiser.GetPageAsync($"/organiser/events/{ev.Id}/agenda/sessions/new");
        Assert.Contains($"Wang Wei · 王伟 · Kazakh-British Technical University (#{people["wang@example.edu"]})",
            form.QuerySelectorAll("#agenda-people option").Select(o => o.GetAttribute("value")));
        Assert.Equal("agenda-people", form.QuerySelector("#Chair")!.GetAttribute("list"));

        using (var saved = await AddSessionAsync(ev.Id, "Keynote", "2027-09-14T09:00", "2027-09-14T10:00", hallA, f => { f["Chair"] = "王伟"; f["Speakers"] = "nguyen van an"; }))
        {
            Assert.Contains("Keynote was saved.", (await saved.ReadDocumentAsync()).QuerySelector(".notice")!.TextContent);
        }

        var keynote = await app.WithDbAsync(async db => (await db.Sessions.Include(s => s.People).ToListAsync()).Single(s => s.Title.Default == "Keynote"));
        Assert.Equal([(people["wang@example.edu"], SessionRole.Chair), (people["nguyen@example.edu"], SessionRole.Speaker)],
            keynote.People.OrderBy(p => p.Role).Select(p => (p.DelegateId, p.Role)));
        // Editing shows them by name in the boxes.
        var edit = await organiser.GetPageAsync($"/organiser/events/{ev.Id}/agenda/sessions/{keynote.Id}/edit");
        Assert.StartsWith("Wang Wei · 王伟", edit.QuerySelector("#Chair")!.GetAttribute("value"));
        Assert.StartsWith("Nguyễn Văn An", edit.QuerySelector("#speaker-0")!.GetAttribute("value"));

        async Task<IReadOnlyList<string>> RefusedAsync(Action<Dictionary<string, string>> change)
        {
            using var refused = await AddSessionAsync(ev.Id, "Panel", "2027-09-14T11:00", "2027-09-14T12:00", hallA, change);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            return (await refused.ReadDocumentAsync()).Errors();
        }

        Assert.Contains("Several people match “wang wei”: choose one from the suggestions.", await RefusedAsync(f => f["Chair"] = "wang wei"));
        Assert.Contains("No one in the people directory who can be on this programme is called “Li Na”: choose a name from the suggestions, or add the person to the directory first.", await RefusedAsync(f => f["Speakers"] = "Li Na"));
        // A chair picked as a speaker too is said, not silently dropped from the speakers.
        Assert.Contains("Wang Wei chairs this session and cannot also be one of its speakers.", await RefusedAsync(f => { f["Chair"] = "王薇"; f["Speakers"] = "王薇"; }));
        Assert.Equal(1, await app.WithDbAsync(db => db.Sessions.CountAsync()));
    }
}
