using EventManager.Core.Common;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Infrastructure;

public static class ModelStateExtensions
{
    /// <summary>Puts a service's broken rules next to the fields they concern, in the user's language.</summary>
    /// <param name="prefix">Names the form the fields belong to, when a page has two ("Translation." for "Translation.Subject").</param>
    public static void AddDomainErrors(this ModelStateDictionary modelState, IEnumerable<DomainError> errors, IStringLocalizer localizer, string prefix = "")
    {
        foreach (var error in errors)
        {
            modelState.AddModelError(error.Field.Length == 0 ? "" : prefix + error.Field, Plurals.Format(localizer[error.Message].Value, error.Arguments));
        }
    }

    /// <summary>A service's broken rules as one sentence for a notice, each in the user's language with its details.</summary>
    public static string Say(this IStringLocalizer localizer, IEnumerable<DomainError> errors) =>
        string.Join(" ", errors.Select(e => Plurals.Format(localizer[e.Message].Value, e.Arguments)));
}
