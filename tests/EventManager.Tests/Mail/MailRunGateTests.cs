using EventManager.Web.Features.Mail;

namespace EventManager.Tests;

/// <summary>
/// An instance sends mail one run at a time (so a crash leaves at most one message whose "250 OK" never arrived), and a
/// run asked for while another is going is not lost: the one going does it before it stops.
/// </summary>
public sealed class MailRunGateTests
{
    [Fact]
    public void A_run_asked_for_while_one_is_going_is_done_by_that_one_and_two_never_go_at_once()
    {
        var gate = new MailRunGate();
        Assert.True(gate.TryEnter());
        gate.TakeRequests();

        // Messages queued meanwhile ask for a run: it does not start beside the one going, it leaves a request...
        Assert.False(gate.TryEnter());
        Assert.False(gate.TryEnter());
        // ...which the one going takes, once, before it stops.
        Assert.True(gate.ExitUnlessRequested());
        gate.TakeRequests();
        Assert.False(gate.ExitUnlessRequested());

        // Stopped, the next run starts.
        Assert.True(gate.TryEnter());
        gate.Exit();
        Assert.True(gate.TryEnter());
    }
}
