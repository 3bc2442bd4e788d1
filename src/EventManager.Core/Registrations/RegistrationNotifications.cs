namespace EventManager.Core.Registrations;

public enum RegistrationNotice
{
    /// <summary>The submission was taken: confirmed, pending approval or on the waiting list.</summary>
    Received,
    /// <summary>A place came free and is now theirs.</summary>
    PromotedFromWaitingList,
    Approved,
    Declined,
    Cancelled,
    /// <summary>An organiser brought back a cancelled or declined registration: confirmed, or on the waiting list.</summary>
    Restored,
    /// <summary>An organiser sent the private link again.</summary>
    LinkResent,
    /// <summary>Someone (perhaps the delegate) tried to register the address again: their existing link, at most hourly.</summary>
    TriedAgain,
}

/// <summary>
/// Tells a delegate what happened to their registration. Messages are added to the same unit of work as the
/// change that caused them, so they are committed together or not at all; the outbox wakes the mail job after commit.
/// </summary>
public interface IRegistrationNotifier
{
    /// <summary>Adds the messages to the current unit of work; it does not save.</summary>
    Task AddAsync(RegistrationNotice notice, IReadOnlyList<Registration> registrations, CancellationToken cancellationToken = default);
}

/// <summary>
/// Serialises writers that change places, in this process. SQLite has one writer at a time anyway; queueing
/// here instead of in SQLite's busy handler keeps waits short. On SQL Server it lets everything through:
/// the row lock on <see cref="RegistrationPolicy"/> does the work there.
/// </summary>
public interface IPlaceWriteGate
{
    ValueTask<IDisposable> EnterAsync(CancellationToken cancellationToken);
}

public sealed class NoPlaceWriteGate : IPlaceWriteGate
{
    private sealed class Nothing : IDisposable
    {
        public void Dispose()
        {
        }
    }

    private static readonly Nothing Released = new();

    public ValueTask<IDisposable> EnterAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IDisposable>(Released);
}

public sealed class SingleWriterGate : IPlaceWriteGate
{
    private readonly SemaphoreSlim semaphore = new(1, 1);

    public async ValueTask<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await semaphore.WaitAsync(cancellationToken);
        return new Releaser(semaphore);
    }

    private sealed class Releaser(SemaphoreSlim semaphore) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                semaphore.Release();
            }
        }
    }
}
