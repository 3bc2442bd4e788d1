using EventManager.Core.Registrations;

namespace EventManager.Tests;

/// <summary>
/// On a server database an instance queues its own writers of one event's places (the row lock orders instances),
/// while writers of another event go ahead: one event's sign-up rush never holds up another's.
/// </summary>
public sealed class PlaceWriteGateTests
{
    [Fact]
    public async Task Writers_of_one_event_wait_for_each_other_and_writers_of_another_event_do_not()
    {
        var gate = new PerEventWriterGate();
        using (await gate.EnterAsync(1, CancellationToken.None))
        {
            var sameEvent = gate.EnterAsync(1, CancellationToken.None).AsTask();
            var otherEvent = gate.EnterAsync(2, CancellationToken.None).AsTask();
            Assert.True(await Task.WhenAny(otherEvent, Task.Delay(TimeSpan.FromSeconds(5))) == otherEvent, "another event's writer waited");
            otherEvent.Result.Dispose();
            await Task.Delay(200);
            Assert.False(sameEvent.IsCompleted, "two writers of one event went at once");
            _ = sameEvent.ContinueWith(t => t.Result.Dispose(), TaskScheduler.Default);
        }

        using var again = await gate.EnterAsync(1, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
    }
}
