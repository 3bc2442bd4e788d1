using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace EventManager.Web.Infrastructure;

/// <summary>
/// <c>&lt;span error-for="Name"&gt;</c> shows the field's messages; on an input, select or textarea
/// <c>error-for="Name"</c> marks it aria-invalid and points it at those messages, so screen readers tell them.
/// </summary>
[HtmlTargetElement(Attributes = "error-for")]
public sealed class FieldErrorTagHelper : TagHelper
{
    [HtmlAttributeName("error-for")]
    public string Field { get; set; } = "";

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    /// <summary>"Companions[0].Email" becomes "Companions_0__Email", as MVC names ids.</summary>
    public static string IdFor(string field) => string.Concat(field.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_'));

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var errors = ViewContext.ModelState.TryGetValue(Field, out var entry) ? entry.Errors : null;
        var id = $"{IdFor(Field)}-error";
        if (output.TagName == "span")
        {
            output.Attributes.SetAttribute("id", id);
            output.Attributes.SetAttribute("class", "field-error");
            if (errors is { Count: > 0 })
            {
                output.Content.SetContent(string.Join(" ", errors.Select(e => e.ErrorMessage)));
            }

            return;
        }

        if (errors is { Count: > 0 })
        {
            output.Attributes.SetAttribute("aria-invalid", "true");
            var describedBy = output.Attributes.TryGetAttribute("aria-describedby", out var existing)
                ? $"{existing.Value} {id}"
                : id;
            output.Attributes.SetAttribute("aria-describedby", describedBy);
        }
    }
}
