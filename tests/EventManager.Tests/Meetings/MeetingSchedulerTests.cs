using EventManager.Core.Meetings;

namespace EventManager.Tests;

/// <summary>
/// The meeting scheduler (CP-SAT) against what an organiser relies on: it places as many meetings as any schedule
/// could (checked by brute force on small cases), never breaks a hard rule (checked by a checker that knows nothing of
/// the solver), gives the same schedule for the same input, moves few published meetings on a re-run, and says why a
/// request was left out.
/// </summary>
public class MeetingSchedulerTests
{
    private static readonly MeetingSchedulerLimits Quick = new(WorkLimit: 2, WallLimit: 20);

    private static List<(int, MeetingPlace)> Placed(MeetingSchedule schedule) => schedule.Meetings.Select(m => (m.RequestId, m.Place)).ToList();

    private static int Weight(MeetingProblem problem, IEnumerable<int> requests)
    {
        var byId = problem.Requests.ToDictionary(r => r.Id);
        return requests.Sum(r => byId[r].Priority ? 2 : 1);
    }

    /// <summary>The most a schedule can hold (a priority meeting counting twice), by trying every choice for every request.</summary>
    private static int BruteForce(MeetingProblem problem)
    {
        var requests = problem.Requests.ToList();
        var parties = problem.Parties.ToDictionary(p => p.Id);
        bool Needs(MeetingToPlace r) => !parties[r.PartyA].Languages.Overlaps(parties[r.PartyB].Languages);
        var options = requests.Select(r => Enumerable.Range(0, problem.Slots.Count)
            .SelectMany(s => (Needs(r) ? problem.Interpreters.Select(i => (int?)i.Id) : [null]).Select(i => new MeetingPlace(s, 1, i)))
            .Where(place => MeetingProblems.Violations(problem, [(r.Id, place)], checkTables: false).Count == 0)
            .ToList()).ToList();
        var best = 0;
        var chosen = new List<(int, MeetingPlace)>();
        void Search(int index, int weight)
        {
            var left = Weight(problem, requests.Skip(index).Select(r => r.Id));
            if (weight + left <= best)
            {
                return;
            }

            if (index == requests.Count)
            {
                best = weight;
                return;
            }

            foreach (var place in options[index])
            {
                chosen.Add((requests[index].Id, place));
                if (MeetingProblems.Violations(problem, chosen, checkTables: false).Count == 0)
                {
                    Search(index + 1, weight + (requests[index].Priority ? 2 : 1));
                }

                chosen.RemoveAt(chosen.Count - 1);
            }

            Search(index + 1, weight);
        }

        Search(0, 0);
        return best;
    }

    [Fact]
    public void On_small_dialogues_it_places_as_many_meetings_as_brute_force_finds_possible()
    {
        for (var seed = 1; seed <= 12; seed++)
        {
            // Tight on purpose: one or two tables, few slots, an overlapping block, people in two parties, scarce interpreters.
            var slots = MeetingProblems.Slots(blocks: 2, slotsPerBlock: 2, tables: 1 + seed % 2, overlapping: seed % 3 == 0);
            var problem = MeetingProblems.Random(seed, parties: 4, requests: 6, slots, interpreters: 1 + seed % 2, busyShare: 0.2, sharedPeople: seed % 2, priorityEvery: seed % 4 == 0 ? 3 : 0);
            if (seed % 4 == 1)
            {
                problem = problem with { MaxPerBlock = new Dictionary<int, int> { [1] = 1 } };
            }

            var schedule = MeetingScheduler.Solve(problem, Quick);

            Assert.Empty(MeetingProblems.Violations(problem, Placed(schedule)));
            Assert.True(schedule.Optimal, $"seed {seed}: a case this small is solved to the proven best");
            Assert.Equal(BruteForce(problem), Weight(problem, schedule.Meetings.Select(m => m.RequestId)));
            Assert.Equal(problem.Requests.Count, schedule.Meetings.Count + schedule.Unplaced.Count);
        }
    }

    [Fact]
    public void A_dialogue_of_forty_delegations_keeps_every_hard_rule_and_explains_every_request_left_out()
    {
        var slots = MeetingProblems.Slots(blocks: 3, slotsPerBlock: 6, tables: 6, overlapping: true);
        var problem = MeetingProblems.Random(7, parties: 40, requests: 220, slots, interpreters: 3, busyShare: 0.15, sharedPeople: 4) with
        {
            MaxPerBlock = new Dictionary<int, int> { [2] = 3 },
        };

        var schedule = MeetingScheduler.Solve(problem, Quick);

        Assert.Empty(MeetingProblems.Violations(problem, Placed(schedule)));
        Assert.InRange(schedule.Meetings.Count, 1, MeetingProblems.UpperBound(problem));
        Assert.Equal(problem.Requests.Count, schedule.Meetings.Count + schedule.Unplaced.Count);
        Assert.All(schedule.Unplaced, u => Assert.False(string.IsNullOrWhiteSpace(u.Reason.Message)));
        // A delegation meeting in consecutive slots of a block keeps its table, unless that table is taken.
        var requests = problem.Requests.ToDictionary(r => r.Id);
        var kept = 0;
        var changed = 0;
        foreach (var m in schedule.Meetings)
        {
            foreach (var n in schedule.Meetings.Where(n => n.Place.Slot == m.Place.Slot + 1 && problem.Slots[n.Place.Slot].Block == problem.Slots[m.Place.Slot].Block))
            {
                var shared = new[] { requests[m.RequestId].PartyA, requests[m.RequestId].PartyB }.Intersect([requests[n.RequestId].PartyA, requests[n.RequestId].PartyB]).Any();
                if (shared)
                {
                    kept += m.Place.Table == n.Place.Table ? 1 : 0;
                    changed += m.Place.Table == n.Place.Table ? 0 : 1;
                }
            }
        }

        Assert.True(kept > changed, $"{kept} consecutive meetings kept their table, {changed} changed");
    }

    [Fact]
    public void The_same_input_gives_the_same_schedule()
    {
        var slots = MeetingProblems.Slots(blocks: 2, slotsPerBlock: 8, tables: 8);
        var problem = MeetingProblems.Random(11, parties: 50, requests: 300, slots, interpreters: 4, busyShare: 0.1);

        var first = MeetingScheduler.Solve(problem, Quick);
        var second = MeetingScheduler.Solve(problem, Quick);

        Assert.Equal(first.Meetings, second.Meetings);
        Assert.Equal(first.Unplaced.Select(u => (u.RequestId, u.Reason.Message)), second.Unplaced.Select(u => (u.RequestId, u.Reason.Message)));
    }

    [Fact]
    public void A_re_run_after_pinning_one_meeting_elsewhere_moves_few_published_meetings_and_says_which()
    {
        var slots = MeetingProblems.Slots(blocks: 2, slotsPerBlock: 6, tables: 5);
        var problem = MeetingProblems.Random(5, parties: 30, requests: 120, slots, interpreters: 3, busyShare: 0.1);
        var first = MeetingScheduler.Solve(problem, Quick);
        var published = first.Meetings.ToDictionary(m => m.RequestId, m => m.Place);
        var republished = problem with { Requests = problem.Requests.Select(r => r with { Published = published.GetValueOrDefault(r.Id) }).ToList() };

        // Run again with nothing changed: nothing moves.
        var again = MeetingScheduler.Solve(republished, Quick);
        Assert.True(again.Moved == 0, $"{first.Meetings.Count} then {again.Meetings.Count}; moved: " + string.Join(", ", again.Meetings.Where(m => m.Moved).Select(m => $"{m.RequestId} {published[m.RequestId]} -> {m.Place}")) + " unplaced " + string.Join(", ", again.Unplaced.Where(u => u.WasPublished).Select(u => u.RequestId)));
        Assert.Equal(first.Meetings.Select(m => (m.RequestId, m.Place)), again.Meetings.Select(m => (m.RequestId, m.Place)));

        // The organiser pins one meeting to another slot where both sides are free and re-runs.
        var requests = problem.Requests.ToDictionary(r => r.Id);
        var parties = problem.Parties.ToDictionary(p => p.Id);
        var (moving, target) = first.Meetings
            .Select(m => (m, slot: Enumerable.Range(0, slots.Count).FirstOrDefault(s => s != m.Place.Slot && m.Place.InterpreterId is null
                && !parties[requests[m.RequestId].PartyA].BusySlots.Contains(s) && !parties[requests[m.RequestId].PartyB].BusySlots.Contains(s), -1)))
            .First(e => e.slot >= 0);
        var pinned = republished with
        {
            Requests = republished.Requests.Select(r => r.Id == moving.RequestId ? r with { Pinned = new MeetingPlace(target, 1, null) } : r).ToList(),
        };
        var rerun = MeetingScheduler.Solve(pinned, Quick);

        var now = rerun.Meetings.Single(m => m.RequestId == moving.RequestId);
        Assert.Equal((target, 1), (now.Place.Slot, now.Place.Table));
        Assert.Empty(MeetingProblems.Violations(pinned, Placed(rerun)));
        Assert.True(rerun.Meetings.Count >= first.Meetings.Count - 1, "pinning one meeting costs at most one other");
        // Besides the pinned meeting, only those it displaced move: its two sides' meeting at that time, and whoever sat at table 1.
        Assert.InRange(rerun.Moved - 1, 0, 3);
        // "Moved" is exactly the published meetings whose slot or table changed, or which were left out.
        var truly = published.Count(p => rerun.Meetings.SingleOrDefault(m => m.RequestId == p.Key) is not { } m || m.Place.Slot != p.Value.Slot || m.Place.Table != p.Value.Table);
        Assert.Equal(truly, rerun.Moved);
    }

    [Fact]
    public void A_request_it_cannot_place_is_explained_in_words_an_organiser_can_act_on()
    {
        var slots = MeetingProblems.Slots(blocks: 1, slotsPerBlock: 3, tables: 4);
        var guizhou = new MeetingParty(1, "Guizhou University", new HashSet<string> { "zh" }, new HashSet<int>());
        var kaznu = new MeetingParty(2, "Al-Farabi Kazakh National University", new HashSet<string> { "kk" }, new HashSet<int> { 0 });
        var astana = new MeetingParty(3, "Astana IT University", new HashSet<string> { "en" }, new HashSet<int> { 0, 1, 2 });
        var lnu = new MeetingParty(4, "L.N. Gumilyov Eurasian National University", new HashSet<string> { "ru" }, new HashSet<int> { 1, 2 });
        var tsinghua = new MeetingParty(5, "Tsinghua University", new HashSet<string> { "zh" }, new HashSet<int> { 0 });
        var interpreter = new MeetingInterpreter(9, "Aigerim", [new LanguagePair("zh", "kk")], new HashSet<int> { 1, 2 });
        var problem = new MeetingProblem(slots, [guizhou, kaznu, astana, lnu, tsinghua], [interpreter],
        [
            new MeetingToPlace(1, 1, 2, 0),   // zh–kk: the only interpreter is free only in slot 0, when KazNU is busy
            new MeetingToPlace(2, 1, 3, 1),   // Astana IT is never free
            new MeetingToPlace(3, 4, 5, 2),   // never free at the same time
            new MeetingToPlace(4, 1, 4, 3),   // zh–ru: nobody interprets it
        ]);

        var schedule = MeetingScheduler.Solve(problem, Quick);

        Assert.Empty(schedule.Meetings);
        var reasons = schedule.Unplaced.ToDictionary(u => u.RequestId, u => string.Format(u.Reason.Message, u.Reason.Arguments));
        Assert.Equal("Guizhou University and Al-Farabi Kazakh National University have no free slot in which an interpreter for zh–kk is free.", reasons[1]);
        Assert.Equal("Astana IT University is not free in any slot of the meeting blocks.", reasons[2]);
        Assert.Equal("L.N. Gumilyov Eurasian National University and Tsinghua University are never free at the same time.", reasons[3]);
        Assert.Equal("Nobody interprets between Guizhou University and L.N. Gumilyov Eurasian National University (zh–ru).", reasons[4]);
    }

    [Fact]
    public void One_interpreter_serves_one_meeting_at_a_time_and_the_rest_are_told_the_interpreters_were_busy()
    {
        var slots = MeetingProblems.Slots(blocks: 1, slotsPerBlock: 2, tables: 4);
        MeetingParty Party(int id, string name, string language) => new(id, name, new HashSet<string> { language }, new HashSet<int>());
        var problem = new MeetingProblem(slots,
            [Party(1, "Guizhou University", "zh"), Party(2, "Guizhou Normal University", "zh"), Party(3, "Al-Farabi Kazakh National University", "kk"), Party(4, "Karaganda University", "kk")],
            [new MeetingInterpreter(9, "Aigerim", [new LanguagePair("kk", "zh")], new HashSet<int>())],
            [new MeetingToPlace(1, 1, 3, 0), new MeetingToPlace(2, 2, 4, 1), new MeetingToPlace(3, 1, 4, 2), new MeetingToPlace(4, 2, 3, 3)]);

        var schedule = MeetingScheduler.Solve(problem, Quick);

        Assert.Empty(MeetingProblems.Violations(problem, Placed(schedule)));
        Assert.Equal([0, 1], schedule.Meetings.Select(m => m.Place.Slot).Order());
        Assert.All(schedule.Meetings, m => Assert.Equal(9, m.Place.InterpreterId));
        Assert.All(schedule.Unplaced, u => Assert.Equal("The interpreters for {2} are busy in every slot in which {0} and {1} are both free.", u.Reason.Message));
    }

    [Fact]
    public void When_others_took_the_slots_it_says_what_took_them()
    {
        var slots = MeetingProblems.Slots(blocks: 1, slotsPerBlock: 1, tables: 1);
        MeetingParty Party(int id, string name) => new(id, name, new HashSet<string> { "zh" }, new HashSet<int>());
        var problem = new MeetingProblem(slots, [Party(1, "A University"), Party(2, "B University"), Party(3, "C University"), Party(4, "D University")], [],
        [
            new MeetingToPlace(1, 1, 2, 0) { Priority = true },
            new MeetingToPlace(2, 1, 3, 1),   // A is taken
            new MeetingToPlace(3, 3, 4, 2),   // the one table is taken
        ]);

        var schedule = MeetingScheduler.Solve(problem, Quick);

        Assert.Equal(1, Assert.Single(schedule.Meetings).RequestId);
        var reasons = schedule.Unplaced.ToDictionary(u => u.RequestId, u => string.Format(u.Reason.Message, u.Reason.Arguments));
        Assert.Equal("In every slot in which both are free, A University or C University already has another meeting.", reasons[2]);
        Assert.Equal("Every table is taken in every slot in which C University and D University are both free.", reasons[3]);
    }
}
