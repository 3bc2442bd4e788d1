using EventManager.Core.Common;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Infrastructure;

public static class ModelStateExtensions
{
    /// <summary>Puts a service's broken rules next to the fields they concern, in the user's language.</summary>
    public static void AddDomainErrors(this ModelStateDictionary modelState, IEnumerable<DomainError> errors, IStringLocalizer localizer)
    {
        foreach (var error in errors)
        {
            modelState.AddModelError(error.Field, localizer[error.Message, error.Arguments]);
        }
    }
}
