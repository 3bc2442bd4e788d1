using EventManager.Web.Configuration;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace EventManager.Web.Features.Localization;

public sealed class CultureController : Controller
{
    /// <summary>Remembers the language a user picked; it then wins over the browser's Accept-Language.</summary>
    [HttpPost("/culture")]
    public IActionResult Choose([FromForm] string? culture, [FromForm] string? returnUrl)
    {
        if (culture is not null && WebConfiguration.SupportedCultures.Contains(culture))
        {
            Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
