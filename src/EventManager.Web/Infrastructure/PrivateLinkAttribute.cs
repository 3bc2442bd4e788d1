using Microsoft.AspNetCore.Mvc.Filters;

namespace EventManager.Web.Infrastructure;

/// <summary>
/// For pages whose address holds a delegate's secret token: keep them out of caches, search engines and
/// other sites' Referer headers.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class PrivateLinkAttribute : ResultFilterAttribute
{
    public override void OnResultExecuting(ResultExecutingContext context)
    {
        var headers = context.HttpContext.Response.Headers;
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Robots-Tag"] = "noindex";
    }
}
