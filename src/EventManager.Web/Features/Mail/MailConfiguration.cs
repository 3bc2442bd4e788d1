using EventManager.Core.Mail;
using EventManager.Core.Reminders;
using EventManager.Web.Configuration;
using Hangfire;

namespace EventManager.Web.Features.Mail;

public static class MailConfiguration
{
    public static void AddEventManagerMail(this WebApplicationBuilder builder)
    {
        var settings = Settings.Read<MailSettings>(builder.Configuration, MailSettings.Section);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(new MailSendSettings(settings.BatchSize, settings.MaxAttempts, settings.FirstRetry, settings.Lease));
        builder.Services.AddSingleton<IMailTransport>(services => settings.UsesSmtp
            ? new SmtpTransport(settings, services.GetRequiredService<EventManager.Web.Features.Registrations.PublicAddress>().BaseUrl)
            : new DropFolderTransport(services.GetRequiredService<DatabaseSettings>(), settings, services.GetRequiredService<EventManager.Web.Features.Registrations.PublicAddress>().BaseUrl));
        builder.Services.AddScoped<Outbox>();
        builder.Services.AddScoped<IMessageContent, DigestContent>();
        builder.Services.AddScoped<IMessageContent, EventManager.Web.Features.Registrations.TicketAttachment>();
        // The journal is for SQLite, whose single write lock can keep a sent row waiting for a second under a storm. On
        // a server database the row itself is the record, saved the moment the server answers (a one-row update waits
        // for no global lock), and every instance on every machine reads it: no file on one machine's disk.
        var embedded = Settings.Read<DatabaseSettings>(builder.Configuration, DatabaseSettings.Section).Provider == DatabaseProvider.Sqlite;
        if (embedded)
        {
            builder.Services.AddSingleton(services => new AcceptedJournal(
                settings.JournalFolder(services.GetRequiredService<DatabaseSettings>()),
                services.GetRequiredService<SenderIdentity>().Id));
        }

        builder.Services.AddScoped(services => new MailSender(
            services.GetRequiredService<EventManager.Core.Data.EventManagerDbContext>(),
            services.GetRequiredService<IMailTransport>(),
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<MailSendSettings>(),
            services.GetServices<IMessageContent>().ToList(),
            services.GetService<AcceptedJournal>()));
        builder.Services.AddScoped<MessageLists>();
        builder.Services.AddScoped<MailJob>();
        builder.Services.AddSingleton<MailRunGate>();
        builder.Services.AddSingleton(services => SenderIdentity.From(services.GetRequiredService<JobSettings>(), builder.Configuration));
        builder.Services.AddSingleton<MailKick>();
        builder.Services.AddSingleton<ReminderKick>();
        builder.Services.AddSingleton<EventManager.Core.Common.IAfterCommitWork, AfterCommitKicks>();
        builder.Services.AddScoped<ReminderJob>();
        builder.Services.AddScoped<ReminderRuleService>();
        builder.Services.AddSingleton<IMessageWording, LocalizedMessageWording>();
        builder.Services.AddScoped(services => new ReminderPlanner(
            services.GetRequiredService<EventManager.Core.Data.EventManagerDbContext>(),
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<EventManager.Web.Features.Registrations.PublicAddress>().For,
            services.GetRequiredService<IMessageWording>()));
    }

    /// <summary>
    /// Every instance registers the recurring jobs (send what is due each minute, plan reminders each hour); Hangfire
    /// keeps one definition of each.
    /// </summary>
    public static void ScheduleMail(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<JobSettings>().ServerEnabled)
        {
            return;
        }

        app.Services.GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<MailJob>(MailJob.RecurringId, job => job.SendDueAsync(CancellationToken.None), Cron.Minutely());
        app.Services.GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<ReminderJob>(ReminderJob.RecurringId, job => job.PlanUpcomingAsync(CancellationToken.None), Cron.Hourly());
        // Messages this instance had claimed before it died (killed, power lost) are its own to send again: taken back
        // now rather than after the lease. Other instances' claims still wait for theirs.
        using (var scope = app.Services.CreateScope())
        {
            var identity = scope.ServiceProvider.GetRequiredService<SenderIdentity>();
            var sender = scope.ServiceProvider.GetRequiredService<MailSender>();
            // First what the server had accepted but this instance (or another sharing the journal folder) had not yet
            // recorded: those are sent, and must not be released to be sent again.
            var journaled = sender.ApplyJournalAsync(compact: true).GetAwaiter().GetResult();
            if (journaled > 0)
            {
                app.Logger.LogWarning("Recorded {Count} messages as sent from the accepted-mail journal: the server had taken them before the last stop.", journaled);
            }

            var released = sender.ReleaseClaimsAsync(identity.Id).GetAwaiter().GetResult();
            if (released > 0)
            {
                app.Logger.LogWarning("Took back {Count} messages this instance ({Instance}) had claimed before it stopped.", released, identity.Id);
            }
        }

        // What fell due while no instance was running (or was left by one that stopped part-way) goes at once.
        var jobs = app.Services.GetRequiredService<IBackgroundJobClient>();
        jobs.Enqueue<MailJob>(job => job.SendDueAsync(CancellationToken.None));
        jobs.Enqueue<ReminderJob>(job => job.PlanUpcomingAsync(CancellationToken.None));
    }
}

/// <summary>
/// Asks for a mail run soon after messages are queued, so a confirmation does not wait for the next minute;
/// a rush of registrations asks at most once every few seconds.
/// </summary>
public sealed class MailKick(IBackgroundJobClient jobs, TimeProvider time)
{
    private static readonly TimeSpan Spacing = TimeSpan.FromSeconds(3);
    private long lastTicks;

    public void Kick()
    {
        var now = time.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref lastTicks);
        if (now - last < Spacing.Ticks || Interlocked.CompareExchange(ref lastTicks, now, last) != last)
        {
            return;
        }

        jobs.Enqueue<MailJob>(job => job.SendDueAsync(CancellationToken.None));
    }
}
