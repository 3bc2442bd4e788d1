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
        try
        {
            var status = await import.RunAsync(importId, identity.Id, Lease, cancellationToken);
            if (status == ImportStatus.Finished)
            {
                logger.LogInformation("Import {Import} finished.", importId);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: the next start takes it up from the last whole batch, without waiting for the claim to run out.
            await import.ReleaseAsync(importId, identity.Id);
            throw;
        }
    }

    /// <summary>
    /// Queues a run for every import that is not finished and has nobody working on it; <paramref name="atStart"/>,
    /// also those this instance held before it stopped.
    /// </summary>
    public async Task ResumeAsync(bool atStart, CancellationToken cancellationToken)
    {
        foreach (var id in await import.UnfinishedAsync(atStart ? identity.Id : null, cancellationToken))
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

        app.Services.GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<ImportRun>(RecurringId, run => run.ResumeAsync(false, CancellationToken.None), Cron.Minutely());
        app.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<ImportRun>(run => run.ResumeAsync(true, CancellationToken.None));
    }
}
