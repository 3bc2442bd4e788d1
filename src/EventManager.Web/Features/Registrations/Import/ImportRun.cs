using EventManager.Core.Registrations;
using EventManager.Web.Configuration;
using EventManager.Web.Features.Mail;
using Hangfire;

namespace EventManager.Web.Features.Registrations.Import;

/// <summary>
/// The Hangfire work that runs a confirmed import. An instance starting again resumes the imports it held when it
/// stopped at once; a minutely check resumes those of an instance that is gone once its claim has run out.
/// </summary>
public sealed class ImportRun(RegistrationImport import, SenderIdentity identity, IBackgroundJobClient jobs, ILogger<ImportRun> logger)
{
    public const string RecurringId = "resume-imports";

    /// <summary>How long a runner's claim lasts without a finished batch; a batch renews it.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(int importId, CancellationToken cancellationToken)
    {
        var status = await import.RunAsync(importId, identity.Id, Lease, cancellationToken);
        if (status == ImportStatus.Finished)
        {
            logger.LogInformation("Import {Import} finished.", importId);
        }
    }

    /// <summary>Queues a run for every import that is not finished and has nobody working on it.</summary>
    public async Task ResumeAsync(CancellationToken cancellationToken)
    {
        foreach (var id in await import.UnfinishedAsync(cancellationToken))
        {
            jobs.Enqueue<ImportRun>(run => run.RunAsync(id, CancellationToken.None));
        }
    }

    public static void Schedule(WebApplication app)
    {
        if (!app.Services.GetRequiredService<JobSettings>().ServerEnabled)
        {
            return;
        }

        // Imports this instance's runs held before it died are its own to resume: freed now, before its job server
        // starts, rather than after the lease. Other instances' claims still wait for theirs.
        using (var scope = app.Services.CreateScope())
        {
            var identity = scope.ServiceProvider.GetRequiredService<SenderIdentity>();
            var released = scope.ServiceProvider.GetRequiredService<RegistrationImport>().ReleaseClaimsAsync(identity.Id).GetAwaiter().GetResult();
            if (released > 0)
            {
                app.Logger.LogWarning("Took back {Count} imports this instance ({Instance}) was running before it stopped.", released, identity.Id);
            }
        }

        app.Services.GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<ImportRun>(RecurringId, run => run.ResumeAsync(CancellationToken.None), Cron.Minutely());
        app.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<ImportRun>(run => run.ResumeAsync(CancellationToken.None));
    }
}
