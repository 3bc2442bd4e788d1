using Microsoft.Extensions.Localization;
using EventManager.Core.Printing;

namespace EventManager.Web.Infrastructure;

public static class PrintProblems
{
    /// <summary>
    /// Runs a renderer's printability check (badges, place cards, letters) and says, in the user's language, which
    /// characters the fonts cannot print; null when everything can be printed.
    /// </summary>
    public static string? FontProblem(this IStringLocalizer t, Action ensurePrintable)
    {
        try
        {
            ensurePrintable();
            return null;
        }
        catch (MissingGlyphsException e)
        {
            return t["The fonts cannot print {0}. Correct the name or configure a font for these characters under Printing:Fonts.", e.Characters].Value;
        }
    }
}
