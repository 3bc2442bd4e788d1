using System.Diagnostics;
using System.Globalization;
using Google.OrTools.Sat;

namespace EventManager.Core.Meetings;

/// <summary>
/// How long the scheduler may search. The limit that counts is <see cref="WorkLimit"/>, CP-SAT's deterministic time
/// (work done, about a second each on these machines, presolve included): with a fixed seed and one worker the same
/// input gives the same schedule (CP-SAT's parallel workers share solutions as they find them, which no seed fixes).
/// <see cref="WallLimit"/> is a safety stop for a loaded machine; a run stopped by it may differ.
/// </summary>
public sealed record MeetingSchedulerLimits(double WorkLimit = 3, double WallLimit = 20, int Workers = 1, int Seed = 20261207)
{
    public static readonly MeetingSchedulerLimits Default = new();
}

/// <summary>
/// Places accepted meeting requests in slots and at tables with Google OR-Tools' CP-SAT. Hard: nobody in two places at
/// once, nobody meets while busy, a slot holds at most its tables, a delegation's most meetings per block, and an
/// interpreter (free, one meeting at a time, covering the two sides' languages) for every meeting whose sides share no
/// language. Preferred, in this order: as many meetings as possible (a priority meeting counts twice), earlier requests
/// first, published meetings left where they are, fewer idle gaps per delegation; then the same table for a delegation
/// in consecutive slots, chosen when tables are numbered.
/// </summary>
public static class MeetingScheduler
{
    // The objective is lexicographic: one meeting more always outweighs every preference below it together.
    private const long Earlier = 10;     // at most, for the first request; the last gets 0
    private const long Kept = 30;        // a published meeting left in its slot
    private const long KeptInterpreter = 1;  // ... and with an interpreter of the same languages as before
    private const long RunStart = 4;     // each run of consecutive meetings a delegation has in a block

    public static MeetingSchedule Solve(MeetingProblem problem, MeetingSchedulerLimits? limits = null)
    {
        limits ??= MeetingSchedulerLimits.Default;
        var clock = Stopwatch.StartNew();
        var facts = new MeetingFacts(problem);
        var pins = facts.KeepablePins();
        var (placed, optimal, most) = SolveModel(facts, limits, pins);
        if (placed is null && pins.Count > 0)
        {
            // The pins together leave no room (they clash through interpreters or tables): place freely.
            pins = [];
            (placed, optimal, most) = SolveModel(facts, limits, pins);
        }

        placed ??= [];
        var meetings = Tables.Number(facts, placed, pins);
        var scheduled = meetings.ToDictionary(m => m.RequestId);
        var occupancy = new MeetingOccupancy(facts);
        foreach (var meeting in meetings)
        {
            occupancy.Take(problem.Requests[facts.Index(meeting.RequestId)], meeting.Place.Slot, meeting.Place.InterpreterId);
        }

        var unplaced = problem.Requests.Where(r => !scheduled.ContainsKey(r.Id))
            .Select(r => new UnplacedMeeting(r.Id, MeetingExplanations.Explain(facts, r, occupancy), r.Published is not null))
            .ToList();
        var dropped = problem.Requests.Where(r => r.Pinned is not null && !pins.ContainsKey(r.Id)).Select(r => r.Id).ToList();
        return new MeetingSchedule(meetings, unplaced, optimal, clock.Elapsed) { PinsDropped = dropped, ProvenMost = most };
    }

    /// <summary>
    /// The slot and interpreter of each placed request (null when the model has no solution), whether that is proven
    /// best, and the most meetings the solver proved any schedule can hold (from its bound on the objective: every
    /// meeting is worth at least the base weight, and the penalties together are less than one).
    /// </summary>
    private static (Dictionary<int, (int Slot, int? Interpreter)>? Placed, bool Optimal, int? Most) SolveModel(MeetingFacts facts, MeetingSchedulerLimits limits, IReadOnlyDictionary<int, MeetingPlace> pins)
    {
        var problem = facts.Problem;
        var model = new CpModel();
        var weightBase = 1 + problem.Requests.Count * (Earlier + Kept + KeptInterpreter) + 2L * problem.Parties.Count * problem.Slots.Count * RunStart;
        var terms = new List<LinearExpr>();
        var weights = new List<long>();
        var x = new Dictionary<(int Request, int Slot), BoolVar>();
        var z = new Dictionary<(int Request, int Slot, int Class), BoolVar>();
        var byPartySlot = new Dictionary<(int Party, int Slot), List<BoolVar>>();
        var byClassSlot = new Dictionary<(int Class, int Slot), List<BoolVar>>();
        var bySlot = new Dictionary<int, List<BoolVar>>();
        var hint = Greedy(facts, pins);

        foreach (var request in problem.Requests)
        {
            var own = new List<BoolVar>();
            var pinned = pins.GetValueOrDefault(request.Id);
            var placeWeight = weightBase * (request.Priority ? 2 : 1)
                + Earlier * (problem.Requests.Count - 1 - request.Order) / Math.Max(1, problem.Requests.Count - 1);
            var hintedHere = hint.TryGetValue(request.Id, out var h) ? h : ((int Slot, int? Interpreter)?)null;
            foreach (var slot in facts.CandidateSlots(request))
            {
                if (pinned is not null && pinned.Slot != slot)
                {
                    continue;
                }

                var v = model.NewBoolVar($"x{request.Id}_{slot}");
                x[(request.Id, slot)] = v;
                own.Add(v);
                terms.Add(v);
                weights.Add(placeWeight + (request.Published?.Slot == slot ? Kept : 0));
                Add(byPartySlot, (request.PartyA, slot), v);
                Add(byPartySlot, (request.PartyB, slot), v);
                Add(bySlot, slot, v);
                model.AddHint(v, hintedHere?.Slot == slot);
                if (facts.NeedsInterpreter(request))
                {
                    // Which class of interpreter serves it; who of the class is chosen after the search.
                    var hintedClass = hintedHere?.Slot == slot && hintedHere?.Interpreter is { } hi ? facts.ClassOf(hi)!.Index : -1;
                    var options = facts.ClassesFor(request)
                        .Where(c => c.FreeIn(slot) > 0 && (pinned?.InterpreterId is not { } only || c.Members.Any(i => i.Id == only)))
                        .ToList();
                    if (options.Count == 1)
                    {
                        z[(request.Id, slot, options[0].Index)] = v;
                        Add(byClassSlot, (options[0].Index, slot), v);
                        continue;
                    }

                    var choices = new List<BoolVar>();
                    foreach (var c in options)
                    {
                        var w = model.NewBoolVar($"z{request.Id}_{slot}_{c.Index}");
                        z[(request.Id, slot, c.Index)] = w;
                        choices.Add(w);
                        Add(byClassSlot, (c.Index, slot), w);
                        model.AddHint(w, hintedClass == c.Index);
                        if (request.Published is { InterpreterId: { } before } && request.Published.Slot == slot && facts.ClassOf(before)?.Index == c.Index)
                        {
                            terms.Add(w);
                            weights.Add(KeptInterpreter);
                        }
                    }

                    model.Add(LinearExpr.Sum(choices) == v);
                }
            }

            if (own.Count > 0)
            {
                model.AddAtMostOne(own);
            }

            if (pinned is not null)
            {
                model.Add(LinearExpr.Sum(own) == 1);
            }
        }

        // A class's free interpreters in a slot, and in slots that overlap those free in any of them.
        foreach (var ((c, slot), vars) in byClassSlot)
        {
            var free = facts.InterpreterClasses[c].FreeIn(slot);
            if (vars.Count > free)
            {
                model.Add(LinearExpr.Sum(vars) <= free);
            }
        }

        foreach (var clique in facts.OverlappingSlots.Where(c => c.Count > 1))
        {
            foreach (var c in facts.InterpreterClasses)
            {
                var vars = clique.SelectMany(s => byClassSlot.GetValueOrDefault((c.Index, s)) ?? []).ToList();
                var free = c.Members.Count(i => clique.Any(s => !i.BusySlots.Contains(s)));
                if (vars.Count > free)
                {
                    model.Add(LinearExpr.Sum(vars) <= free);
                }
            }
        }

        // A party is busy in a slot when one of its requests is placed there: one Boolean per party and slot, equal to the
        // sum of those requests' placements, keeps a party in one meeting per slot and carries the rules below.
        var hinted = hint.SelectMany(h => new[] { (problem.Requests[facts.Index(h.Key)].PartyA, h.Value.Slot), (problem.Requests[facts.Index(h.Key)].PartyB, h.Value.Slot) }).ToHashSet();
        var busy = new Dictionary<(int Party, int Slot), BoolVar>();
        foreach (var ((party, slot), vars) in byPartySlot)
        {
            var b = model.NewBoolVar($"busy{party}_{slot}");
            model.Add(LinearExpr.Sum(vars) == b);
            model.AddHint(b, hinted.Contains((party, slot)));
            busy[(party, slot)] = b;
        }

        // Nobody in two places at once: a party over slots that overlap, and a person sitting in several parties.
        foreach (var clique in facts.OverlappingSlots)
        {
            foreach (var group in facts.PartyGroups)
            {
                var vars = group.Length == 1
                    ? clique.Select(s => busy.GetValueOrDefault((group[0], s))).OfType<BoolVar>().ToList()
                    : clique.SelectMany(s => group.SelectMany(p => byPartySlot.GetValueOrDefault((p, s)) ?? [])).Distinct().ToList();
                if (vars.Count > 1)
                {
                    model.AddAtMostOne(vars);
                }
            }
        }

        foreach (var (slot, vars) in bySlot)
        {
            if (vars.Count > problem.Slots[slot].Tables)
            {
                model.Add(LinearExpr.Sum(vars) <= problem.Slots[slot].Tables);
            }
        }

        foreach (var (block, most) in problem.MaxPerBlock)
        {
            var slots = facts.SlotsOf(block);
            foreach (var party in problem.Parties)
            {
                var vars = slots.Select(s => busy.GetValueOrDefault((party.Id, s))).OfType<BoolVar>().ToList();
                if (vars.Count > most)
                {
                    model.Add(LinearExpr.Sum(vars) <= most);
                }
            }
        }

        // Fewer idle gaps: each run of consecutive meetings a party has in a block costs a little. The hint is completed
        // for these too: a whole, valid hint is a first solution the solver takes as it is.
        foreach (var party in problem.Parties)
        {
            foreach (var block in facts.Blocks)
            {
                BoolVar? previous = null;
                var wasBusy = false;
                foreach (var slot in facts.SlotsOf(block))
                {
                    if (!busy.TryGetValue((party.Id, slot), out var now))
                    {
                        previous = null;
                        wasBusy = false;
                        continue;
                    }

                    var start = model.NewBoolVar($"run{party.Id}_{slot}");
                    model.Add(previous is null ? start >= now : start >= now - previous);
                    var isBusy = hinted.Contains((party.Id, slot));
                    model.AddHint(start, isBusy && !wasBusy);
                    terms.Add(start);
                    weights.Add(-RunStart);
                    previous = now;
                    wasBusy = isBusy;
                }
            }
        }

        model.Maximize(LinearExpr.WeightedSum(terms, weights));
        var solver = new CpSolver
        {
            StringParameters = string.Create(CultureInfo.InvariantCulture,
                $"num_workers:{limits.Workers} random_seed:{limits.Seed} cp_model_probing_level:0 symmetry_level:0 find_big_linear_overlap:false max_deterministic_time:{limits.WorkLimit} max_time_in_seconds:{limits.WallLimit}"),
        };
        var status = solver.Solve(model);
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
        {
            return (null, false, null);
        }

        var penalties = RunStart * weights.Count(w => w < 0);
        var provenMost = (int)Math.Floor((solver.BestObjectiveBound + penalties) / weightBase);

        var chosen = x.Where(e => solver.BooleanValue(e.Value)).Select(e => e.Key).ToList();
        var classOf = z.Where(e => solver.BooleanValue(e.Value)).ToDictionary(e => (e.Key.Request, e.Key.Slot), e => e.Key.Class);
        return (Interpreters(facts, chosen, classOf, pins), status == CpSolverStatus.Optimal, provenMost);
    }

    /// <summary>
    /// Names the interpreter of each placed meeting that needs one, slot by slot in time: a pinned interpreter first,
    /// then the published one (a re-run changes nobody's interpreter it need not), then the first of the chosen class
    /// who is free and not in an overlapping slot. Where overlapping blocks leave
    /// nobody (the model counts a class, not its members, across overlaps), the meeting is left for the fill pass.
    /// </summary>
    private static Dictionary<int, (int Slot, int? Interpreter)> Interpreters(MeetingFacts facts, List<(int Request, int Slot)> chosen, Dictionary<(int, int), int> classOf, IReadOnlyDictionary<int, MeetingPlace> pins)
    {
        var problem = facts.Problem;
        var placed = new Dictionary<int, (int, int?)>();
        var busy = new HashSet<(int Interpreter, int Clique)>();
        var ordered = chosen.OrderBy(c => problem.Slots[c.Slot].StartsAtUtc).ThenByDescending(c => pins.GetValueOrDefault(c.Request)?.InterpreterId is not null).ThenBy(c => c.Request);
        foreach (var (request, slot) in ordered)
        {
            if (!classOf.TryGetValue((request, slot), out var c))
            {
                placed[request] = (slot, null);
                continue;
            }

            var wanted = pins.GetValueOrDefault(request)?.InterpreterId;
            var published = problem.Requests[facts.Index(request)].Published is { } p && p.Slot == slot ? p.InterpreterId : null;
            var interpreter = facts.InterpreterClasses[c].FreeAt(slot)
                .Where(i => (wanted is null || i.Id == wanted) && facts.CliquesOfSlot[slot].All(q => !busy.Contains((i.Id, q))))
                .OrderBy(i => i.Id != published)
                .Select(i => (int?)i.Id).FirstOrDefault();
            if (interpreter is { } chosenOne)
            {
                foreach (var q in facts.CliquesOfSlot[slot])
                {
                    busy.Add((chosenOne, q));
                }

                placed[request] = (slot, interpreter);
            }
            else if (facts.OverlappingSlots.All(q => q.Count == 1))
            {
                // Without overlapping slots a class's count is exact: nobody left means the model broke a rule.
                throw new InvalidOperationException($"The schedule placed request {request} in slot {slot} without a free interpreter.");
            }
        }

        return placed;
    }

    /// <summary>
    /// A first schedule for the solver to start from: pinned requests, then published ones (in their published slot when
    /// it still fits), then by weight, each in the first slot where both sides, a table and (when needed) an interpreter
    /// are free.
    /// </summary>
    private static Dictionary<int, (int Slot, int? Interpreter)> Greedy(MeetingFacts facts, IReadOnlyDictionary<int, MeetingPlace> pins)
    {
        var state = new MeetingOccupancy(facts);
        var placed = new Dictionary<int, (int, int?)>();
        var order = facts.Problem.Requests
            .OrderByDescending(r => pins.ContainsKey(r.Id)).ThenByDescending(r => r.Published is not null).ThenByDescending(r => r.Priority).ThenBy(r => r.Order);
        foreach (var request in order)
        {
            var pinned = pins.GetValueOrDefault(request.Id);
            var slots = request.Published is { } published ? facts.CandidateSlots(request).OrderBy(s => s != published.Slot) : facts.CandidateSlots(request).AsEnumerable();
            foreach (var slot in slots)
            {
                // The published interpreter where the meeting keeps its slot, else the first free one.
                var before = request.Published?.Slot == slot ? request.Published.InterpreterId : null;
                if ((pinned is not null && pinned.Slot != slot)
                    || !((before is not null && state.Fits(request, slot, out var interpreter, before)) || state.Fits(request, slot, out interpreter, pinned?.InterpreterId)))
                {
                    continue;
                }

                state.Take(request, slot, interpreter);
                placed[request.Id] = (slot, interpreter);
                break;
            }
        }

        return placed;
    }

    private static void Add<TKey>(Dictionary<TKey, List<BoolVar>> map, TKey key, BoolVar v) where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(v);
    }
}
