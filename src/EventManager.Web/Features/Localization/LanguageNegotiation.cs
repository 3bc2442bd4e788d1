using Microsoft.AspNetCore.Localization;
using Microsoft.Net.Http.Headers;

namespace EventManager.Web.Features.Localization;

/// <summary>
/// Maps the language tags people's browsers and links send to the cultures the app speaks. Browsers send "zh",
/// "zh-Hans", "zh-TW", "ru", "kk" or "kk-Cyrl" far more often than the exact "zh-CN", "ru-RU" or "kk-KZ" the app has:
/// a reader of any Chinese gets Chinese, not English. Regions and scripts are ignored; the language decides.
/// </summary>
public static class LanguageNegotiation
{
    /// <summary>The supported culture a tag means, or null when the app does not speak its language.</summary>
    public static string? Supported(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }

        var language = tag.Trim().Split('-', '_')[0].ToLowerInvariant();
        return Configuration.WebConfiguration.SupportedCultures.FirstOrDefault(c => c.Split('-')[0].Equals(language, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>"?lang=zh" on any page: a message links to the page in its reader's language, whatever the browser says.</summary>
    public sealed class QueryProvider : RequestCultureProvider
    {
        public const string Key = "lang";

        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext) =>
            Task.FromResult(Supported(httpContext.Request.Query[Key].FirstOrDefault()) is { } culture ? new ProviderCultureResult(culture) : null);
    }

    /// <summary>
    /// A language chosen by a link (?lang=, as every message's links carry) sticks: the choice is remembered in the
    /// same cookie the footer's language links set, so the next page the reader opens from there, without ?lang=,
    /// is in it too, until they choose another. A response that sets the cookie is never stored by the output cache.
    /// </summary>
    public static void UseStickyLanguage(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (HttpMethods.IsGet(context.Request.Method) && Supported(context.Request.Query[QueryProvider.Key].FirstOrDefault()) is { } chosen
                && CookieRequestCultureProvider.ParseCookieValue(context.Request.Cookies[CookieRequestCultureProvider.DefaultCookieName] ?? "")?.UICultures.FirstOrDefault().Value != chosen)
            {
                Remember(context.Response, chosen);
            }

            return next(context);
        });

    /// <summary>Sets the cookie that makes a language the reader's own choice, for a year.</summary>
    public static void Remember(HttpResponse response, string culture) =>
        response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax, HttpOnly = true });

    /// <summary>The browser's Accept-Language, best first by quality, each tag mapped by its language.</summary>
    public sealed class AcceptLanguageProvider : RequestCultureProvider
    {
        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
        {
            var header = httpContext.Request.Headers.AcceptLanguage;
            if (!StringWithQualityHeaderValue.TryParseList(header, out var values))
            {
                return Task.FromResult<ProviderCultureResult?>(null);
            }

            var culture = values.Where(v => (v.Quality ?? 1) > 0).OrderByDescending(v => v.Quality ?? 1)
                .Select(v => Supported(v.Value.Value)).FirstOrDefault(c => c is not null);
            return Task.FromResult(culture is null ? null : new ProviderCultureResult(culture));
        }
    }
}
