using EventManager.Core.Meetings;
using Google.OrTools.LinearSolver;

namespace EventManager.Testing;

/// <summary>Generated meeting problems (a China–Kazakhstan dialogue's languages) and a checker that knows nothing of the solver.</summary>
public static class MeetingProblems
{
    private static readonly DateTime Day = new(2026, 9, 16, 1, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// Blocks of slots one after another (a short break between blocks), each slot <paramref name="slotMinutes"/> long.
    /// With <paramref name="overlapping"/> the last block runs at the same time as the first (two rooms of tables).
    /// </summary>
    public static List<MeetingSlot> Slots(int blocks, int slotsPerBlock, int tables, int slotMinutes = 20, bool overlapping = false)
    {
        var slots = new List<MeetingSlot>();
        for (var b = 0; b < blocks; b++)
        {
            var blockStart = overlapping && b == blocks - 1 && blocks > 1 ? Day : Day.AddHours(3 * b);
            for (var s = 0; s < slotsPerBlock; s++)
            {
                var start = blockStart.AddMinutes(slotMinutes * s);
                slots.Add(new MeetingSlot(b + 1, start, start.AddMinutes(slotMinutes), tables));
            }
        }

        return slots;
    }

    /// <summary>
    /// A random dialogue: Chinese delegations (zh, some with en or ru), Kazakh ones (kk and ru, some en), a few others
    /// (en); busy slots for duties; interpreters for zh–ru, zh–kk and zh–en; requests mostly across the two countries.
    /// </summary>
    public static MeetingProblem Random(int seed, int parties, int requests, IReadOnlyList<MeetingSlot> slots, int interpreters, double busyShare = 0.1, int sharedPeople = 0, int priorityEvery = 0)
    {
        var random = new Random(seed);
        var list = new List<MeetingParty>();
        for (var p = 1; p <= parties; p++)
        {
            var kind = p % 5;   // 0,1 Chinese; 2,3 Kazakh; 4 other
            var languages = kind switch
            {
                0 or 1 => random.NextDouble() < 0.5 ? new[] { "zh" } : random.NextDouble() < 0.5 ? ["zh", "en"] : ["zh", "ru"],
                2 or 3 => random.NextDouble() < 0.5 ? new[] { "kk", "ru" } : ["kk", "ru", "en"],
                _ => ["en"],
            };
            var busy = Enumerable.Range(0, slots.Count).Where(_ => random.NextDouble() < busyShare).ToHashSet();
            // A duty takes a few slots together, as a talk or a signing does.
            foreach (var s in busy.ToList())
            {
                if (s + 1 < slots.Count && random.NextDouble() < 0.5)
                {
                    busy.Add(s + 1);
                }
            }

            list.Add(new MeetingParty(p, $"Delegation {p}", languages.ToHashSet(), busy) { People = new HashSet<int> { p * 10, p * 10 + 1 } });
        }

        // A few people sit in two parties (a rector who also meets alone).
        for (var i = 0; i < sharedPeople && parties > 1; i++)
        {
            var a = list[random.Next(parties)];
            var b = list[random.Next(parties)];
            if (a.Id != b.Id)
            {
                ((HashSet<int>)b.People).Add(a.People.First());
            }
        }

        var pairs = new[] { new LanguagePair("zh", "ru"), new LanguagePair("zh", "kk"), new LanguagePair("zh", "en") };
        var people = Enumerable.Range(1, interpreters)
            .Select(i => new MeetingInterpreter(1000 + i, $"Interpreter {i}", [pairs[(i - 1) % pairs.Length]],
                Enumerable.Range(0, slots.Count).Where(_ => random.NextDouble() < busyShare).ToHashSet()))
            .ToList();

        var wanted = new List<MeetingToPlace>();
        var seen = new HashSet<(int, int)>();
        var guard = 0;
        while (wanted.Count < requests && guard++ < requests * 100)
        {
            var a = list[random.Next(parties)];
            var b = list[random.Next(parties)];
            var across = (a.Languages.Contains("zh") ? 1 : 0) + (b.Languages.Contains("zh") ? 1 : 0) == 1;
            if (a.Id == b.Id || (!across && random.NextDouble() < 0.8) || !seen.Add((Math.Min(a.Id, b.Id), Math.Max(a.Id, b.Id))))
            {
                continue;
            }

            wanted.Add(new MeetingToPlace(wanted.Count + 1, a.Id, b.Id, wanted.Count) { Priority = priorityEvery > 0 && wanted.Count % priorityEvery == 0 });
        }

        return new MeetingProblem(slots, list, people, wanted);
    }

    /// <summary>
    /// Every hard rule a schedule must keep, checked from the problem alone: each broken rule as a sentence (none: the
    /// schedule is valid).
    /// </summary>
    public static List<string> Violations(MeetingProblem problem, IEnumerable<(int Request, MeetingPlace Place)> schedule, bool checkTables = true)
    {
        var broken = new List<string>();
        var requests = problem.Requests.ToDictionary(r => r.Id);
        var parties = problem.Parties.ToDictionary(p => p.Id);
        var placed = schedule.ToList();
        foreach (var group in placed.GroupBy(p => p.Request).Where(g => g.Count() > 1))
        {
            broken.Add($"request {group.Key} placed {group.Count()} times");
        }

        foreach (var (id, place) in placed)
        {
            var request = requests[id];
            var slot = problem.Slots[place.Slot];
            var (a, b) = (parties[request.PartyA], parties[request.PartyB]);
            if (checkTables && (place.Table < 1 || place.Table > slot.Tables))
            {
                broken.Add($"request {id} at table {place.Table} of {slot.Tables}");
            }

            if (a.BusySlots.Contains(place.Slot) || b.BusySlots.Contains(place.Slot))
            {
                broken.Add($"request {id} in slot {place.Slot} while a side is busy");
            }

            var shareLanguage = a.Languages.Count == 0 || b.Languages.Count == 0 || a.Languages.Intersect(b.Languages).Any();
            if (!shareLanguage)
            {
                var interpreter = problem.Interpreters.SingleOrDefault(i => i.Id == place.InterpreterId);
                if (interpreter is null)
                {
                    broken.Add($"request {id} has no interpreter though its sides share no language");
                }
                else if (interpreter.BusySlots.Contains(place.Slot))
                {
                    broken.Add($"request {id}'s interpreter is busy in slot {place.Slot}");
                }
                else if (!interpreter.Pairs.Any(p => (a.Languages.Contains(p.First) && b.Languages.Contains(p.Second)) || (a.Languages.Contains(p.Second) && b.Languages.Contains(p.First))))
                {
                    broken.Add($"request {id}'s interpreter does not interpret between its sides");
                }
            }
        }

        for (var i = 0; i < placed.Count; i++)
        {
            for (var j = i + 1; j < placed.Count; j++)
            {
                var (m, n) = (placed[i], placed[j]);
                var (s, t) = (problem.Slots[m.Place.Slot], problem.Slots[n.Place.Slot]);
                if (s.StartsAtUtc >= t.EndsAtUtc || t.StartsAtUtc >= s.EndsAtUtc)
                {
                    continue;
                }

                var (r, q) = (requests[m.Request], requests[n.Request]);
                var peopleOfR = new[] { r.PartyA, r.PartyB }.SelectMany(p => parties[p].People.Select(x => -x).Append(p)).ToHashSet();
                var peopleOfQ = new[] { q.PartyA, q.PartyB }.SelectMany(p => parties[p].People.Select(x => -x).Append(p)).ToHashSet();
                if (peopleOfR.Overlaps(peopleOfQ))
                {
                    broken.Add($"requests {r.Id} and {q.Id} put someone in two places at once");
                }

                if (m.Place.InterpreterId is { } interpreter && interpreter == n.Place.InterpreterId)
                {
                    broken.Add($"interpreter {interpreter} is in requests {r.Id} and {q.Id} at once");
                }

                if (checkTables && m.Place.Slot == n.Place.Slot && m.Place.Table == n.Place.Table)
                {
                    broken.Add($"requests {r.Id} and {q.Id} share table {m.Place.Table} in slot {m.Place.Slot}");
                }
            }
        }

        foreach (var group in placed.GroupBy(p => p.Place.Slot).Where(g => g.Count() > problem.Slots[g.Key].Tables))
        {
            broken.Add($"slot {group.Key} holds {group.Count()} meetings at {problem.Slots[group.Key].Tables} tables");
        }

        foreach (var (block, most) in problem.MaxPerBlock)
        {
            foreach (var party in problem.Parties)
            {
                var count = placed.Count(p => problem.Slots[p.Place.Slot].Block == block && (requests[p.Request].PartyA == party.Id || requests[p.Request].PartyB == party.Id));
                if (count > most)
                {
                    broken.Add($"{party.Name} has {count} meetings in block {block}, at most {most} allowed");
                }
            }
        }

        return broken;
    }

    /// <summary>
    /// The most meetings any schedule can hold, by linear programming (GLOP): the schedule's rules written as linear
    /// constraints over fractions of a meeting (each request placed at most once, in slots where both sides are free;
    /// nobody and no interpreter in two overlapping slots; tables per slot; a delegation's maximum per block; an
    /// interpreter covering the two sides for meetings that need one). Every schedule is a solution of it, so its
    /// optimum, rounded down, is a bound no schedule beats; built here from the problem alone, not from the scheduler.
    /// </summary>
    public static int LinearBound(MeetingProblem problem)
    {
        using var solver = Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("GLOP is not available.");
        var parties = problem.Parties.ToDictionary(p => p.Id);
        var objective = solver.Objective();
        objective.SetMaximization();
        var byPartySlot = new Dictionary<(int, int), List<Variable>>();
        var byInterpreterSlot = new Dictionary<(int, int), List<Variable>>();
        var bySlot = new Dictionary<int, List<Variable>>();
        var byPartyBlock = new Dictionary<(int, int), List<Variable>>();
        void Add<TKey>(Dictionary<TKey, List<Variable>> map, TKey key, Variable v) where TKey : notnull
        {
            if (!map.TryGetValue(key, out var list))
            {
                map[key] = list = [];
            }

            list.Add(v);
        }

        foreach (var request in problem.Requests)
        {
            var (a, b) = (parties[request.PartyA], parties[request.PartyB]);
            var needs = a.Languages.Count > 0 && b.Languages.Count > 0 && !a.Languages.Overlaps(b.Languages);
            var once = solver.MakeConstraint(0, 1);
            for (var s = 0; s < problem.Slots.Count; s++)
            {
                var interpreters = problem.Interpreters.Where(i => !i.BusySlots.Contains(s)
                    && i.Pairs.Any(p => (a.Languages.Contains(p.First) && b.Languages.Contains(p.Second)) || (a.Languages.Contains(p.Second) && b.Languages.Contains(p.First)))).ToList();
                if (a.BusySlots.Contains(s) || b.BusySlots.Contains(s) || problem.Slots[s].Tables == 0 || (needs && interpreters.Count == 0))
                {
                    continue;
                }

                var x = solver.MakeNumVar(0, 1, $"x{request.Id}_{s}");
                objective.SetCoefficient(x, request.Priority ? 2 : 1);
                once.SetCoefficient(x, 1);
                foreach (var party in new[] { a, b })
                {
                    foreach (var member in party.People.Select(m => -m).Append(party.Id))
                    {
                        Add(byPartySlot, (member, s), x);
                    }

                    Add(byPartyBlock, (party.Id, problem.Slots[s].Block), x);
                }

                Add(bySlot, s, x);
                if (needs)
                {
                    var served = solver.MakeConstraint(0, 0);
                    served.SetCoefficient(x, -1);
                    foreach (var interpreter in interpreters)
                    {
                        var z = solver.MakeNumVar(0, 1, $"z{request.Id}_{s}_{interpreter.Id}");
                        served.SetCoefficient(z, 1);
                        Add(byInterpreterSlot, (interpreter.Id, s), z);
                    }
                }
            }
        }

        // Overlaps: the slots holding each slot's start instant together.
        var cliques = Enumerable.Range(0, problem.Slots.Count)
            .Select(s => Enumerable.Range(0, problem.Slots.Count).Where(t => problem.Slots[t].StartsAtUtc <= problem.Slots[s].StartsAtUtc && problem.Slots[s].StartsAtUtc < problem.Slots[t].EndsAtUtc).ToList())
            .ToList();
        void AtMostOne<TKey>(Dictionary<TKey, List<Variable>> map, Func<int, int, TKey> key, IEnumerable<int> owners) where TKey : notnull
        {
            foreach (var owner in owners)
            {
                foreach (var clique in cliques)
                {
                    var vars = clique.SelectMany(s => map.GetValueOrDefault(key(owner, s)) ?? []).Distinct().ToList();
                    if (vars.Count > 1)
                    {
                        var c = solver.MakeConstraint(0, 1);
                        vars.ForEach(v => c.SetCoefficient(v, 1));
                    }
                }
            }
        }

        AtMostOne(byPartySlot, (o, s) => (o, s), byPartySlot.Keys.Select(k => k.Item1).Distinct().ToList());
        AtMostOne(byInterpreterSlot, (o, s) => (o, s), problem.Interpreters.Select(i => i.Id));
        foreach (var (s, vars) in bySlot)
        {
            var c = solver.MakeConstraint(0, problem.Slots[s].Tables);
            vars.ForEach(v => c.SetCoefficient(v, 1));
        }

        foreach (var ((_, block), vars) in byPartyBlock)
        {
            if (problem.MaxPerBlock.TryGetValue(block, out var most))
            {
                var c = solver.MakeConstraint(0, most);
                vars.ForEach(v => c.SetCoefficient(v, 1));
            }
        }

        var status = solver.Solve();
        if (status != Solver.ResultStatus.OPTIMAL)
        {
            throw new InvalidOperationException($"The linear relaxation ended {status}.");
        }

        return (int)Math.Floor(objective.Value() + 1e-6);
    }

    /// <summary>
    /// A number of meetings no schedule can beat, the least of: the requests; the tables over all slots; half the sum
    /// over delegations of the smaller of their requests and their free slots (each meeting takes two delegations'
    /// slots); the requests needing no interpreter plus every interpreter's free slots; and the linear relaxation's
    /// optimum (<see cref="LinearBound"/>), which on a dialogue short of interpreters is by far the closest.
    /// </summary>
    public static int UpperBound(MeetingProblem problem)
    {
        var tables = problem.Slots.Sum(s => s.Tables);
        var degree = problem.Parties.ToDictionary(p => p.Id, p => problem.Requests.Count(r => r.PartyA == p.Id || r.PartyB == p.Id));
        var halved = problem.Parties.Sum(p => Math.Min(degree[p.Id], problem.Slots.Count - p.BusySlots.Count(s => s < problem.Slots.Count))) / 2;
        var parties = problem.Parties.ToDictionary(p => p.Id);
        var needing = problem.Requests.Count(r => parties[r.PartyA].Languages.Count > 0 && parties[r.PartyB].Languages.Count > 0 && !parties[r.PartyA].Languages.Overlaps(parties[r.PartyB].Languages));
        var interpreted = problem.Requests.Count - needing + problem.Interpreters.Sum(i => problem.Slots.Count - i.BusySlots.Count);
        return new[] { problem.Requests.Count, tables, halved, interpreted, LinearBound(problem) }.Min();
    }
}
