using EventManager.Core.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Infrastructure;

public static class ControllerOutcomes
{
    /// <summary>Back to <paramref name="page"/> saying what was done, or why not (each error in the reader's language).</summary>
    public static RedirectResult Said(this Controller controller, IStringLocalizer t, string page, IReadOnlyList<DomainError> errors, LocalizedString? done)
    {
        if (errors.Count > 0)
        {
            controller.TempData["Problem"] = string.Join(" ", errors.Select(e => t[e.Message, e.Arguments].Value));
        }
        else if (done is not null)
        {
            controller.TempData["Notice"] = done.Value;
        }

        return controller.Redirect(page);
    }
}
