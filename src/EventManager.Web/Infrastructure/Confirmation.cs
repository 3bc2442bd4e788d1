using Microsoft.AspNetCore.Mvc;

namespace EventManager.Web.Infrastructure;

/// <summary>
/// The second step of a dangerous action (decline, erase, cancel, withdraw, remove): a page that names what will happen
/// and to how many, with the form posted again as it was plus <see cref="Field"/>. Works without script; a forged or
/// hurried single POST changes nothing.
/// </summary>
public sealed record Confirmation(string Title, IReadOnlyList<string> Consequences, string ConfirmLabel, string BackUrl)
{
    public const string Field = "confirm";

    /// <summary>The fields of the first post, sent again with the confirmation (the form's token is the page's own).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields { get; init; } = [];

    public string Action { get; init; } = "";
}

public static class Confirmations
{
    /// <summary>Whether this post is the confirmed second step.</summary>
    public static bool Confirmed(this HttpRequest request) => request.HasFormContentType && request.Form[Confirmation.Field] == "yes";

    /// <summary>The confirmation page for this post: nothing has changed yet.</summary>
    public static ViewResult Confirm(this Controller controller, Confirmation confirmation)
    {
        var request = controller.Request;
        var fields = request.HasFormContentType
            ? request.Form.Where(f => f.Key is not "__RequestVerificationToken" and not Confirmation.Field)
                .SelectMany(f => f.Value.Select(v => KeyValuePair.Create(f.Key, v ?? ""))).ToList()
            : [];
        return controller.View("~/Views/Shared/Confirm.cshtml", confirmation with { Fields = fields, Action = request.Path + request.QueryString });
    }
}
