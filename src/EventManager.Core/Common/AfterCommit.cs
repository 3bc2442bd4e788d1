using EventManager.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EventManager.Core.Common;

/// <summary>
/// What the host does for a committed change: wake the mail sender, re-plan an event's reminders. Both only ask a
/// background job to run soon; the rows the change wrote are the truth, so a wake-up lost in a crash costs a
/// minute's delay (the recurring jobs), never a message.
/// </summary>
public interface IAfterCommitWork
{
    void WakeMail();

    void ReplanReminders(int eventId);
}

/// <summary>
/// Work a unit of work owes once it is committed, queued by the service that made the change. The
/// <see cref="AfterCommitHook"/> runs it after the commit and drops it when the change fails, so no controller
/// has to remember it and nothing runs for a change that was never made.
/// </summary>
public sealed class AfterCommitQueue
{
    private readonly HashSet<int> replan = [];
    private bool mail;

    public void WakeMail() => mail = true;

    public void ReplanReminders(int eventId) => replan.Add(eventId);

    internal bool IsEmpty => !mail && replan.Count == 0;

    internal void Run(IAfterCommitWork work)
    {
        var wakeMail = mail;
        var events = replan.ToList();
        Clear();
        if (wakeMail)
        {
            work.WakeMail();
        }

        foreach (var eventId in events)
        {
            work.ReplanReminders(eventId);
        }
    }

    internal void Clear()
    {
        mail = false;
        replan.Clear();
    }
}

/// <summary>
/// The one after-commit hook: a save outside a transaction commits by itself; inside one, the commit does. A
/// failed save or a rollback drops the queued work.
/// </summary>
public sealed class AfterCommitHook(Func<IAfterCommitWork> work) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private static AfterCommitQueue? QueueOf(DbContext? context) => (context as EventManagerDbContext)?.AfterCommit;

    /// <summary>Runs the queued work; a save inside a transaction is not committed yet, so it waits for the commit.</summary>
    private void RunIfCommitted(DbContext? context, bool committed = false)
    {
        if (context is not null && (committed || context.Database.CurrentTransaction is null) && QueueOf(context) is { IsEmpty: false } queue)
        {
            queue.Run(work());
        }
    }

    private static void DropIfOutsideTransaction(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null)
        {
            QueueOf(context)?.Clear();
        }
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        RunIfCommitted(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        RunIfCommitted(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => DropIfOutsideTransaction(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        DropIfOutsideTransaction(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => RunIfCommitted(eventData.Context, committed: true);

    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        RunIfCommitted(eventData.Context, committed: true);
        return Task.CompletedTask;
    }


    public void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => QueueOf(eventData.Context)?.Clear();

    public Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        QueueOf(eventData.Context)?.Clear();
        return Task.CompletedTask;
    }

    public void TransactionFailed(System.Data.Common.DbTransaction transaction, TransactionErrorEventData eventData) => QueueOf(eventData.Context)?.Clear();

    public Task TransactionFailedAsync(System.Data.Common.DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        QueueOf(eventData.Context)?.Clear();
        return Task.CompletedTask;
    }
}
