using EventManager.Core.Data;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Web.Infrastructure;

/// <summary>
/// The action and its view run their queries on one database connection, opened once, instead of EF opening and
/// closing one around each query. On SQLite every open takes Microsoft.Data.Sqlite's pool lock: a busy public page
/// (event, agenda, registration form) spent most of its time queued on that lock, not in its queries.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class OneConnectionAttribute : Attribute, IAsyncResourceFilter
{
    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        var db = context.HttpContext.RequestServices.GetRequiredService<EventManagerDbContext>();
        await db.Database.OpenConnectionAsync(context.HttpContext.RequestAborted);
        try
        {
            await next();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
