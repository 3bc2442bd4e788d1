using System.Collections.Concurrent;
using EventManager.Core.Reminders;
using Hangfire;

namespace EventManager.Web.Features.Mail;

/// <summary>Plans an event's reminders in the background, after the changes that move them.</summary>
public sealed class ReminderJob(ReminderPlanner planner, EventManager.Core.Events.EventService events, ILogger<ReminderJob> logger)
{
    public const string RecurringId = "plan-reminders";

    /// <summary>
    /// Plans every event that has not ended: at start-up (a first run, or changes made while no job server ran) and
    /// every hour, so a change whose planning was lost with a stopped instance is caught up. Planning is idempotent.
    /// </summary>
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 0)]
    public async Task PlanUpcomingAsync(CancellationToken cancellationToken)
    {
        foreach (var ev in await events.UpcomingAsync(cancellationToken))
        {
            try
            {
                await PlanAsync(ev.Id, cancellationToken);
            }
            catch (Microsoft.EntityFrameworkCore.DbUpdateException e)
            {
                // The event's own planning job ran at the same moment and queued the same reminders first.
                logger.LogInformation("Reminders for event {EventId} were planned meanwhile elsewhere: {Error}", ev.Id, e.InnerException?.Message ?? e.Message);
            }
        }
    }

    [DisableConcurrentExecution(timeoutInSeconds: 120)]
    [AutomaticRetry(Attempts = 3)]
    public async Task PlanAsync(int eventId, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var report = await planner.PlanAsync(eventId, cancellationToken);
        // The time is what an operator (and the reminders benchmark) reads to see what planning costs.
        logger.LogInformation("Reminders for event {EventId}: {Planned} planned, {Removed} removed, {Kept} kept, {Missed} missed in {Seconds:F2} s",
            eventId, report.Planned, report.Removed, report.Kept, report.Missed, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
    }
}

/// <summary>Asks for a re-plan of one event's reminders, at most once every few seconds per event.</summary>
public sealed class ReminderKick(IBackgroundJobClient jobs, TimeProvider time)
{
    private static readonly TimeSpan Spacing = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<int, long> last = new();

    public void Kick(int eventId)
    {
        var now = time.GetUtcNow().UtcTicks;
        var previous = last.GetOrAdd(eventId, 0);
        if (now - previous < Spacing.Ticks || !last.TryUpdate(eventId, now, previous))
        {
            return;
        }

        // A little later, so the burst that caused it is in.
        jobs.Schedule<ReminderJob>(job => job.PlanAsync(eventId, CancellationToken.None), Spacing);
    }
}
