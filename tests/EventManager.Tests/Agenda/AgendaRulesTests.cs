using EventManager.Core.Agenda;
using EventManager.Core.Events;

namespace EventManager.Tests;

/// <summary>The clash rules, the version diff and the day layout, as pure functions.</summary>
public sealed class AgendaRulesTests
{
    private static readonly DateTime Day = new(2027, 9, 14, 0, 0, 0, DateTimeKind.Utc);

    private static readonly Event Week = new() { Id = 1, Name = "Week", Slug = "week", TimeZoneId = "Asia/Shanghai", StartsAtUtc = Day, EndsAtUtc = Day.AddDays(5) };
    private static readonly Event DialogueA = new() { Id = 2, Name = "Dialogue A", Slug = "a", TimeZoneId = "Asia/Shanghai", ParentEventId = 1, StartsAtUtc = Day, EndsAtUtc = Day.AddDays(1) };
    private static readonly Event DialogueB = new() { Id = 3, Name = "Dialogue B", Slug = "b", TimeZoneId = "Asia/Shanghai", ParentEventId = 1, StartsAtUtc = Day, EndsAtUtc = Day.AddDays(1) };
    private static readonly Dictionary<int, Event> Events = new() { [1] = Week, [2] = DialogueA, [3] = DialogueB };
    private static readonly Dictionary<int, Room> Rooms = new()
    {
        [10] = new Room { Id = 10, EventId = 1, Name = "Hall A", Capacity = 300 },
        [11] = new Room { Id = 11, EventId = 1, Name = "Meeting Room 1", Capacity = 20 },
    };

    private static readonly Dictionary<int, string> Names = new() { [100] = "Zhansaya Abenova", [101] = "Wang Wei" };

    private static Session S(int id, int eventId, string title, double fromHours, double toHours, int? room = null, params (int Delegate, SessionRole Role)[] people) => new()
    {
        Id = id,
        EventId = eventId,
        Uid = Guid.NewGuid(),
        Title = title,
        StartsAtUtc = Day.AddHours(fromHours),
        EndsAtUtc = Day.AddHours(toHours),
        RoomId = room,
        People = people.Select(p => new SessionPerson { SessionId = id, DelegateId = p.Delegate, Role = p.Role }).ToList(),
    };

    private static List<AgendaIssue> Check(int eventId, params Session[] sessions) => AgendaChecks.Check([eventId], sessions, Events, Rooms, Names);

    [Fact]
    public void A_room_booked_twice_is_a_clash_but_back_to_back_is_not()
    {
        var issues = Check(2, S(1, 2, "Opening", 1, 2, 10), S(2, 2, "Round 1", 1.5, 3, 10), S(3, 2, "Round 2", 3, 4, 10));
        var clash = Assert.Single(issues);
        Assert.Equal(IssueSeverity.Error, clash.Severity);
        Assert.Equal("{0} is booked twice: {1} and {2} overlap.", clash.Message);
        Assert.Equal(["Hall A", "Opening", "Round 1"], clash.Arguments.Select(a => a.ToString()));
        Assert.Equal([1, 2], clash.SessionIds);
    }

    [Fact]
    public void A_rector_in_two_parallel_dialogues_of_one_week_is_a_clash()
    {
        var issues = Check(2,
            S(1, 2, "Round A", 2, 3, 10, (100, SessionRole.Chair)),
            S(2, 3, "Round B", 2.5, 3.5, 11, (100, SessionRole.Speaker), (101, SessionRole.Speaker)));
        var clash = Assert.Single(issues);
        Assert.Equal("{0} is in {1} and {2} at the same time.", clash.Message);
        Assert.Equal("Zhansaya Abenova", clash.Arguments[0]);
    }

    [Fact]
    public void Clashes_between_two_other_events_are_not_this_events_business()
    {
        // Checking the week itself: dialogues A and B clash with each other, not with the week.
        Assert.Empty(Check(1, S(1, 2, "Round A", 2, 3, 10), S(2, 3, "Round B", 2, 3, 10)));
        Assert.Single(Check(3, S(1, 2, "Round A", 2, 3, 10), S(2, 3, "Round B", 2, 3, 10)));
    }

    [Fact]
    public void A_session_outside_its_events_dates_is_an_error()
    {
        var issue = Assert.Single(Check(2, S(1, 2, "Late dinner", 23, 25, 10)));
        Assert.Equal("{0} is outside the dates of {1}.", issue.Message);
    }

    [Fact]
    public void Attendance_above_the_rooms_capacity_is_only_a_warning()
    {
        var session = S(1, 2, "Press briefing", 1, 2, 11);
        session.ExpectedAttendance = 40;
        var issue = Assert.Single(Check(2, session));
        Assert.Equal(IssueSeverity.Warning, issue.Severity);
        Assert.Equal(["Press briefing", "40", "Meeting Room 1", "20"], issue.Arguments.Select(a => a.ToString()));
    }

    [Fact]
    public void Cancelled_sessions_clash_with_nothing()
    {
        var cancelled = S(2, 2, "Round 1", 1, 2, 10, (100, SessionRole.Chair));
        cancelled.IsCancelled = true;
        Assert.Empty(Check(2, S(1, 2, "Opening", 1, 2, 10, (100, SessionRole.Chair)), cancelled));
    }

    private static PublishedSession P(Guid uid, string title, double from, int? room, string? roomName, bool cancelled = false) =>
        new(uid, 0, title, null, SessionKind.Plenary, Day.AddHours(from), Day.AddHours(from + 1), room, roomName, null, null, cancelled, []);

    [Fact]
    public void Publishing_lists_what_was_added_moved_re_roomed_changed_and_cancelled()
    {
        Guid opening = Guid.NewGuid(), round = Guid.NewGuid(), lunch = Guid.NewGuid(), visit = Guid.NewGuid(), closing = Guid.NewGuid(), press = Guid.NewGuid();
        var (v1, first) = AgendaDiff.Compare(null, [P(opening, "Opening", 1, 10, "Hall A"), P(round, "Round", 2, 10, "Hall A"), P(lunch, "Lunch", 4, null, null), P(visit, "Visit", 6, null, null), P(press, "Press", 7, 11, "Meeting Room 1")]);
        Assert.Equal(5, first.Count(c => c.Kind == AgendaChangeKind.Added));
        Assert.All(v1, s => Assert.Equal(0, s.Sequence));
        var previous = new PublishedAgenda(1, Day, [], v1);

        var (v2, changes) = AgendaDiff.Compare(previous,
        [
            P(opening, "Opening", 1, 10, "Hall A"),
            P(round, "Round", 3, 10, "Hall A"),
            P(lunch, "Lunch", 4, 11, "Meeting Room 1"),
            P(press, "Press conference", 7, 11, "Meeting Room 1"),
            P(closing, "Closing", 8, 10, "Hall A"),
        ]);

        Assert.Equal(
            [(AgendaChangeKind.Moved, "Round"), (AgendaChangeKind.ReRoomed, "Lunch"), (AgendaChangeKind.Changed, "Press conference"), (AgendaChangeKind.Added, "Closing"), (AgendaChangeKind.Cancelled, "Visit")],
            changes.Select(c => (c.Kind, c.Title)));
        var bySession = v2.ToDictionary(s => s.Uid);
        Assert.Equal(0, bySession[opening].Sequence);
        Assert.Equal(1, bySession[round].Sequence);
        Assert.Equal(1, bySession[lunch].Sequence);
        Assert.Equal(0, bySession[closing].Sequence);
        // The visit, dropped from the draft, stays in the feed as cancelled with a higher sequence.
        Assert.True(bySession[visit].IsCancelled);
        Assert.Equal(1, bySession[visit].Sequence);

        var (_, none) = AgendaDiff.Compare(new PublishedAgenda(2, Day, [], v2), v2.Where(s => !s.IsCancelled).ToList());
        Assert.Empty(none);
    }

    [Theory]
    // 07:30 on 14 September in Guiyang is 04:30 the same day in Almaty, and 19:30 the day before in New York.
    [InlineData("Asia/Shanghai", "2027-09-14", "2027-09-15")]
    [InlineData("Asia/Almaty", "2027-09-14", "2027-09-14")]
    [InlineData("America/New_York", "2027-09-13", "2027-09-14")]
    public void Sessions_fall_on_the_day_they_start_in_the_viewers_zone(string zone, string morningDay, string lateDay)
    {
        var shanghai = EventTime.FindZone("Asia/Shanghai");
        Assert.True(EventTime.TryToUtc(new DateTime(2027, 9, 14, 7, 30, 0), shanghai, out var morning));
        // 01:00 on the 15th in Guiyang is 22:00 on the 14th in Almaty.
        Assert.True(EventTime.TryToUtc(new DateTime(2027, 9, 15, 1, 0, 0), shanghai, out var late));
        var agenda = new PublishedAgenda(1, Day, [new PublishedRoom(10, "Hall A", 1)],
        [
            new PublishedSession(Guid.NewGuid(), 0, "Breakfast dialogue", null, SessionKind.DialogueRound, morning, morning.AddHours(1), 10, "Hall A", null, null, false, []),
            new PublishedSession(Guid.NewGuid(), 0, "Night visit", null, SessionKind.Visit, late, late.AddHours(1), 10, "Hall A", null, null, false, []),
        ]);

        var days = AgendaLayout.Days(agenda, EventTime.FindZone(zone));
        string DayOf(string title) => days.Single(d => d.Columns.Any(c => c.Sessions.Any(s => s.Title.Default == title))).Date.ToString("yyyy-MM-dd");
        Assert.Equal(morningDay, DayOf("Breakfast dialogue"));
        Assert.Equal(lateDay, DayOf("Night visit"));
        Assert.Equal(2, days.Sum(d => d.SessionCount));
    }
}
