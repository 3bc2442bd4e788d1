using System.Diagnostics;
using System.Text.Json;
using EventManager.Core.Meetings;
using EventManager.Testing;

namespace EventManager.Benchmarks;

/// <summary>
/// The meeting scheduler on a generated dialogue of 120 delegations and 1,500 accepted requests, 3 blocks of 12 slots
/// at 40 tables, 10 interpreters over 3 language pairs, and duties that keep delegations and interpreters busy. It runs
/// with the default limits, as an organiser's "Schedule" does; the schedule is checked by the solver-independent
/// checker, and compared with a number of meetings no schedule can beat (<see cref="MeetingProblems.UpperBound"/>).
/// </summary>
public static class MeetingBenchmark
{
    public static int Run()
    {
        // The native library loads and the JIT compiles on a small case first; that is not what is measured.
        MeetingScheduler.Solve(MeetingProblems.Random(1, parties: 10, requests: 20, MeetingProblems.Slots(1, 4, 4), interpreters: 2), new MeetingSchedulerLimits(WorkLimit: 0.2));

        var slots = MeetingProblems.Slots(blocks: 3, slotsPerBlock: 12, tables: 40);
        var problem = MeetingProblems.Random(2026, parties: 120, requests: 1500, slots, interpreters: 10, busyShare: 0.08);
        // The peak counts from here, the warm-up left out ("5" resets VmHWM to the resident set now).
        GC.Collect();
        File.WriteAllText("/proc/self/clear_refs", "5");
        Console.WriteLine($"Resident before the solve: {CurrentRssMb():F1} MB");
        var watch = Stopwatch.StartNew();
        var schedule = MeetingScheduler.Solve(problem);
        var seconds = watch.Elapsed.TotalSeconds;
        var peak = PeakRssMb();
        // What the solve is compared with and checked by comes after, outside what is measured.
        var violations = MeetingProblems.Violations(problem, schedule.Meetings.Select(m => (m.RequestId, m.Place)));
        var bound = MeetingProblems.UpperBound(problem);

        var needing = schedule.Meetings.Count(m => m.Place.InterpreterId is not null);
        Console.WriteLine($"Requests {problem.Requests.Count}, scheduled {schedule.Meetings.Count} ({needing} with an interpreter), left out {schedule.Unplaced.Count}; proven best: {schedule.Optimal}");
        Console.WriteLine($"Upper bound {bound}: the least of the requests, tables × slots, half the sum over delegations of min(requests, free slots), the requests needing no interpreter + interpreters' free slots, and the optimum of the schedule's linear relaxation (GLOP, built from the problem, not by the scheduler)");
        Console.WriteLine($"Solved in {seconds:F2} s with the default limits ({MeetingSchedulerLimits.Default}); hard rules broken: {violations.Count}");
        foreach (var reason in schedule.Unplaced.GroupBy(u => u.Reason.Message).OrderByDescending(g => g.Count()).Take(5))
        {
            Console.WriteLine($"  left out {reason.Count(),4}: {reason.Key}");
        }

        Console.WriteLine($"Peak resident memory of this process during the solve (the scheduler runs in it as in the app): {peak:F1} MB");
        if (violations.Count > 0)
        {
            Console.WriteLine("Broken: " + string.Join("; ", violations.Take(5)));
        }

        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["bench"] = "meetings",
            ["requests"] = problem.Requests.Count,
            ["scheduled"] = schedule.Meetings.Count,
            ["upper_bound"] = bound,
            ["ratio"] = Math.Round((double)schedule.Meetings.Count / bound, 3),
            ["solve_s"] = Math.Round(seconds, 2),
            ["rss_peak_mb"] = Math.Round(peak, 1),
        }));
        return violations.Count == 0 ? 0 : 1;
    }

    private static double PeakRssMb() => StatusMb("VmHWM:");

    private static double CurrentRssMb() => StatusMb("VmRSS:");

    private static double StatusMb(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
    }
}
