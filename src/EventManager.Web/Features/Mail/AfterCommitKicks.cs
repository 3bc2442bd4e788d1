using EventManager.Core.Common;
using EventManager.Web.Infrastructure;

namespace EventManager.Web.Features.Mail;

/// <summary>
/// What a committed change asks of the background jobs, through the one after-commit hook. The change is saved by
/// then: a wake-up that fails (the job storage's disk full, its server gone) must not turn the answer into an error,
/// since the rows are the truth and the recurring jobs pick them up within a minute.
/// </summary>
public sealed class AfterCommitKicks(MailKick mail, ReminderKick reminders, StorageFull storage, ILogger<AfterCommitKicks> logger) : IAfterCommitWork
{
    public void WakeMail() => Try(mail.Kick, "wake the mail sender");

    public void ReplanReminders(int eventId) => Try(() => reminders.Kick(eventId), "re-plan the reminders");

    private void Try(Action kick, string what)
    {
        try
        {
            kick();
        }
        catch (Exception e) when (StorageFull.IsOutOfSpace(e))
        {
            storage.Report(e);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogWarning("Could not {What} after a saved change ({Reason}); the recurring job does it within a minute.", what, e.GetBaseException().Message);
        }
    }
}
