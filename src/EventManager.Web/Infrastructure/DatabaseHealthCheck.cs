using EventManager.Core.Data;
using EventManager.Web.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EventManager.Web.Infrastructure;

/// <summary>Healthy when the configured database answers a query; the description names the provider, for the operator.</summary>
public sealed class DatabaseHealthCheck(EventManagerDbContext db, DatabaseSettings settings) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // A real query, not only a connection: a database that accepts connections but not reads is not healthy.
            await db.RegistrationPolicies.AsNoTracking().AnyAsync(cancellationToken);
            return HealthCheckResult.Healthy($"{settings.Provider} answers.");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"{settings.Provider} does not answer.", e);
        }
    }
}
