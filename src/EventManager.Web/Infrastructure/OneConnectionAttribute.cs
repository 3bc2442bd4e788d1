using EventManager.Core.Data;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Web.Infrastructure;

/// <summary>
/// The action and its view run their queries on one database connection, opened once, instead of EF opening and
/// closing one around each query. On SQLite every open takes Microsoft.Data.Sqlite's pool lock: a busy public page
/// (event, agenda) spent much of its time queued on that lock.
/// </summary>
/// <remarks>
/// For pages that read. The registration post does not use it: measured, registrations went from 500 to 400 a second
/// with it (64 submissions each holding a connection while they wait their turn to write keep 64 SQLite connections,
/// each with a page cache that every commit empties: the likely cause, not proven).
/// </remarks>
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
