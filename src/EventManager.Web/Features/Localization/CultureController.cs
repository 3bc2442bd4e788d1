using EventManager.Web.Configuration;
using Microsoft.AspNetCore.Mvc;

namespace EventManager.Web.Features.Localization;

public sealed class CultureController : Controller
{
    /// <summary>
    /// Remembers the language a user picked (a link in every page's footer); it then wins over the browser's
    /// Accept-Language. A GET on purpose: choosing a language changes nothing but the chooser's own cookie, and a link
    /// lets every public page be the same for every visitor (no form token), so it can be served from cache.
    /// </summary>
    [HttpGet("/culture/{culture}")]
    public IActionResult Choose(string? culture, [FromQuery] string? returnUrl)
    {
        if (culture is not null && WebConfiguration.SupportedCultures.Contains(culture))
        {
            LanguageNegotiation.Remember(Response, culture);
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
