using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EventManager.Web.Infrastructure;

/// <summary>Healthy when the job storage answers a cheap read.</summary>
public sealed class JobStorageHealthCheck(JobStorage storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var connection = storage.GetConnection();
            connection.GetAllItemsFromSet("eventmanager:health");
            return Task.FromResult(HealthCheckResult.Healthy($"Job storage ({storage.GetType().Name}) answers."));
        }
        catch (Exception e)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"Job storage ({storage.GetType().Name}) does not answer.", e));
        }
    }
}
