using System.Globalization;

namespace EventManager.Web.Infrastructure;

/// <summary>
/// Writes in another language for a moment (a message in the recipient's language, a certificate in the one staff
/// chose), whatever the language of the page being served; the request's own comes back on Dispose.
/// </summary>
public readonly struct CultureScope : IDisposable
{
    private readonly CultureInfo culture;
    private readonly CultureInfo uiCulture;

    private CultureScope(CultureInfo language)
    {
        culture = CultureInfo.CurrentCulture;
        uiCulture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentCulture = language;
        CultureInfo.CurrentUICulture = language;
    }

    public static CultureScope Use(CultureInfo language) => new(language);

    /// <summary>A document's language when one was chosen (<paramref name="tag"/>), else nothing changes: the page's own.</summary>
    public static IDisposable? UseIfChosen(string? tag) =>
        string.IsNullOrWhiteSpace(tag) ? null : Use(Configuration.WebConfiguration.SupportedCultureOr(tag));

    public void Dispose()
    {
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = uiCulture;
    }
}
