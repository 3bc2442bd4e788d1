using EventManager.Core.Common;

namespace EventManager.Web.Features.Mail;

/// <summary>What a committed change asks of the background jobs, through the one after-commit hook.</summary>
public sealed class AfterCommitKicks(MailKick mail, ReminderKick reminders) : IAfterCommitWork
{
    public void WakeMail() => mail.Kick();

    public void ReplanReminders(int eventId) => reminders.Kick(eventId);
}
