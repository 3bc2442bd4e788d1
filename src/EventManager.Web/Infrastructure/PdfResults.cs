using EventManager.Core.Printing;
using EventManager.Web.Configuration;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Infrastructure;

public static class PdfResults
{
    /// <summary>
    /// A printed document as a PDF download; when the fonts are missing, 503 naming them, and when they cannot print
    /// some characters, 422 naming the characters and the setting that fixes it.
    /// </summary>
    public static IActionResult Pdf(this DocumentFonts fonts, ControllerBase controller, IStringLocalizer t, Func<FontCatalog, byte[]> render, string fileName)
    {
        if (fonts.Catalog is null)
        {
            return controller.Problem(fonts.Error, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        try
        {
            return controller.File(render(fonts.Catalog), "application/pdf", fileName);
        }
        catch (MissingGlyphsException e)
        {
            return controller.Problem(t["The certificate fonts cannot print {0}. Configure a font for these characters under Printing:Fonts.", e.Characters], statusCode: StatusCodes.Status422UnprocessableEntity);
        }
    }
}
