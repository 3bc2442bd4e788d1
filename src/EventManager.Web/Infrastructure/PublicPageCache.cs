using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace EventManager.Web.Infrastructure;

/// <summary>How long an instance serves a public page from its output cache.</summary>
public sealed class PublicPageCacheSettings
{
    public const string Section = "PublicPageCache";

    /// <summary>
    /// An instance serves an anonymous public page from memory for this long. A change made on an instance empties its
    /// own cache at once; the other instances show it when their copy runs out. Zero turns caching off.
    /// </summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// The anonymous public pages (an event, a week, the agenda, the agenda's calendar feed, a speaker's page) from
/// ASP.NET Core's output cache: one rendering per address, query and language, for people who are not signed in.
/// Why a short expiry rather than a version stamp read per request: a stamp costs a database round trip on every
/// page, which is most of what the cache saves; an organiser's own change empties this instance's cache at once, and
/// other instances (each has its own memory) follow within <see cref="PublicPageCacheSettings.Duration"/>.
/// </summary>
public static class PublicPageCache
{
    public const string Policy = "public-page";
    public const string Tag = "public-pages";

    /// <summary>The cookie a one-time notice (TempData) travels in.</summary>
    public const string TempDataCookie = ".AspNetCore.Mvc.CookieTempDataProvider";

    public static void AddPublicPageCache(this WebApplicationBuilder builder)
    {
        var settings = Configuration.Settings.Read<PublicPageCacheSettings>(builder.Configuration, PublicPageCacheSettings.Section);
        builder.Services.AddSingleton(settings);
        builder.Services.AddOutputCache(options =>
        {
            options.SizeLimit = 64 * 1024 * 1024;
            options.AddPolicy(Policy, new PagePolicy(settings.Duration));
        });
    }

    /// <summary>After authentication: signed-in people are never served a cached page, and their changes empty the cache.</summary>
    public static void UsePublicPageCache(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && context.User.Identity?.IsAuthenticated == true)
            {
                // Before the answer leaves: the page the browser is sent to next must show the change.
                context.Response.OnStarting(async () =>
                {
                    if (context.Response.StatusCode < 400)
                    {
                        await context.RequestServices.GetRequiredService<IOutputCacheStore>().EvictByTagAsync(Tag, CancellationToken.None);
                    }
                });
            }

            await next();
        });
        app.UseOutputCache();
    }

    private sealed class PagePolicy(TimeSpan duration) : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var http = context.HttpContext;
            var request = http.Request;
            // Only strangers' requests: a signed-in organiser sees their own menu, and a page carrying a one-time notice
            // (TempData) is that visitor's alone.
            var cacheable = duration > TimeSpan.Zero
                && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                && http.User.Identity?.IsAuthenticated != true
                && !request.Cookies.ContainsKey(TempDataCookie)
                && StringValues.IsNullOrEmpty(request.Headers.Authorization);
            context.EnableOutputCaching = true;
            context.AllowCacheLookup = cacheable;
            context.AllowCacheStorage = cacheable;
            context.AllowLocking = true;
            context.ResponseExpirationTimeSpan = duration;
            context.Tags.Add(Tag);
            context.CacheVaryByRules.QueryKeys = "*";
            // The language the request localization chose (link, cookie or browser), so each reader gets their own.
            context.CacheVaryByRules.VaryByValues["culture"] = CultureInfo.CurrentUICulture.Name;
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var response = context.HttpContext.Response;
            // A response that sets a cookie (a session, an antiforgery token) belongs to one visitor: never stored.
            if (!StringValues.IsNullOrEmpty(response.Headers[HeaderNames.SetCookie]) || response.StatusCode != StatusCodes.Status200OK)
            {
                context.AllowCacheStorage = false;
            }

            return ValueTask.CompletedTask;
        }
    }
}
