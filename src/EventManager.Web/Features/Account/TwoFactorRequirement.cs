using EventManager.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace EventManager.Web.Features.Account;

/// <summary>
/// Whether organisers require two-factor sign-in of the whole team. Stored in the database (every instance obeys it);
/// read at most every few seconds per instance.
/// </summary>
public sealed class TwoFactorRequirement(IServiceScopeFactory scopes, IMemoryCache cache)
{
    private const string CacheKey = "team-policy:require-two-factor";
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(10);

    public async Task<bool> IsRequiredAsync(CancellationToken cancellationToken = default)
    {
        if (cache.TryGetValue(CacheKey, out bool required))
        {
            return required;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EventManagerDbContext>();
        required = await db.TeamPolicies.AsNoTracking().Where(p => p.Id == TeamPolicy.SingletonId).Select(p => p.RequireTwoFactor).FirstOrDefaultAsync(cancellationToken);
        cache.Set(CacheKey, required, Freshness);
        return required;
    }

    public async Task SetAsync(bool required, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EventManagerDbContext>();
        var policy = await db.TeamPolicies.FindAsync([TeamPolicy.SingletonId], cancellationToken);
        if (policy is null)
        {
            db.TeamPolicies.Add(new TeamPolicy { RequireTwoFactor = required });
        }
        else
        {
            policy.RequireTwoFactor = required;
        }

        scope.ServiceProvider.GetRequiredService<Core.Activity.ActivityLog>()
            .Add(required ? Core.Activity.ActivityKind.TwoFactorRequired : Core.Activity.ActivityKind.TwoFactorOptional, null, "");
        await db.SaveChangesAsync(cancellationToken);
        cache.Set(CacheKey, required, Freshness);
    }

    /// <summary>
    /// With the requirement on, someone signed in without a second factor reaches only their own account pages (to set
    /// it up, sign out or change the language) until they have signed in with one.
    /// </summary>
    public static void UseTwoFactorRequirement(WebApplication app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path;
        if (context.User.Identity?.IsAuthenticated == true
            && !context.User.HasClaim("amr", "mfa")
            && !path.StartsWithSegments("/account")
            && !path.StartsWithSegments("/error")
            && !path.StartsWithSegments("/culture")
            && await context.RequestServices.GetRequiredService<TwoFactorRequirement>().IsRequiredAsync(context.RequestAborted))
        {
            context.Response.Redirect("/account/two-factor");
            return;
        }

        await next(context);
    });
}
