using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace EventManager.Testing;

/// <summary>Reads pages as a browser would and fills in their forms, antiforgery token included.</summary>
public static class Html
{
    /// <summary>
    /// Posts the page's first main form as multipart, as a browser does with a file chosen: its antiforgery token, the
    /// <paramref name="fields"/> given, and the file under <paramref name="fileField"/> when there is one.
    /// </summary>
    public static async Task<HttpResponseMessage> PostMultipartAsync(this HttpClient client, string pageUrl, IEnumerable<KeyValuePair<string, string>> fields,
        string fileField, byte[]? file, string fileName, string contentType)
    {
        var page = await client.GetPageAsync(pageUrl);
        var form = page.QuerySelector("main form") ?? throw new InvalidOperationException($"No form on {pageUrl}.");
        var content = new MultipartFormDataContent { { new StringContent(form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" } };
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        if (file is not null)
        {
            var part = new ByteArrayContent(file);
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
            content.Add(part, fileField, fileName);
        }

        return await client.PostAsync(form.GetAttribute("action") ?? pageUrl, content);
    }

    private static readonly HtmlParser Parser = new();

    public static IDocument Parse(string html) => Parser.ParseDocument(html);

    public static async Task<IDocument> GetPageAsync(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}, expected {(int)expected}.\n{Text(body)}");
        }

        return Parse(body);
    }

    /// <summary>
    /// Opens the page and submits its form as a browser would: every field with the value the page gave it
    /// (antiforgery token included), changed where the test says. <paramref name="button"/> names the button
    /// pressed, when it matters: its formaction and its own name and value go with the form, as a browser sends them.
    /// </summary>
    public static Task<HttpResponseMessage> SubmitFormAsync(this HttpClient client, string pageUrl, IReadOnlyDictionary<string, string> fields, string formSelector = "main form", string? button = null) =>
        client.SubmitFormAsync(pageUrl, fields.AsEnumerable(), formSelector, button);

    /// <summary>As a browser submits the form, with <paramref name="fields"/> typed over it; a name given more than once (checkboxes) sends each value.</summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(this HttpClient client, string pageUrl, IEnumerable<KeyValuePair<string, string>> fields, string formSelector = "main form", string? button = null, bool multipart = false)
    {
        var page = await client.GetPageAsync(pageUrl);
        var form = page.QuerySelector(formSelector) ?? throw new InvalidOperationException($"No form '{formSelector}' on {pageUrl}.");
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            var name = element.GetAttribute("name")!;
            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } box:
                    if (box.IsChecked)
                    {
                        values.Add(new(name, box.Value));
                    }

                    break;
                case IHtmlInputElement { Type: "submit" or "button" }:
                    break;
                case IHtmlInputElement input:
                    values.Add(new(name, input.Value));
                    break;
                case IHtmlSelectElement { IsMultiple: true } multiple:
                    // A browser sends one pair per chosen option, and nothing when none is chosen.
                    values.AddRange(multiple.SelectedOptions.Select(o => new KeyValuePair<string, string>(name, o.Value)));
                    break;
                case IHtmlSelectElement select:
                    values.Add(new(name, select.Value ?? ""));
                    break;
                case IHtmlTextAreaElement area:
                    values.Add(new(name, area.Value));
                    break;
            }
        }

        var typed = fields.ToList();
        foreach (var name in typed.Select(f => f.Key).Distinct())
        {
            values.RemoveAll(v => v.Key == name);
        }

        values.AddRange(typed);

        var action = form.GetAttribute("action") ?? pageUrl;
        if (button is not null)
        {
            var pressed = form.QuerySelector(button) ?? throw new InvalidOperationException($"No button '{button}' in form '{formSelector}' on {pageUrl}.");
            action = pressed.GetAttribute("formaction") ?? action;
            if (pressed.GetAttribute("name") is { Length: > 0 } name)
            {
                values.Add(new(name, pressed.GetAttribute("value") ?? ""));
            }
        }

        if (multipart)
        {
            var content = new MultipartFormDataContent();
            foreach (var (name, value) in values)
            {
                content.Add(new StringContent(value), name);
            }

            return await client.PostAsync(action, content);
        }

        return await client.PostAsync(action, new FormUrlEncodedContent(values));
    }

    /// <summary>The second step of a dangerous action: presses the confirmation page's button, as the user would.</summary>
    public static async Task<HttpResponseMessage> ConfirmAsync(this HttpClient client, HttpResponseMessage firstStep)
    {
        using (firstStep)
        {
            var page = await firstStep.ReadDocumentAsync();
            var form = page.QuerySelector("form#confirm") ?? throw new InvalidOperationException($"No confirmation on {firstStep.RequestMessage?.RequestUri}: {page.QuerySelector("h1")?.TextContent}");
            var fields = form.QuerySelectorAll("input[name]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).ToList();
            return await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields));
        }
    }

    public static async Task<IDocument> ReadDocumentAsync(this HttpResponseMessage response) =>
        Parse(await response.Content.ReadAsStringAsync());

    public static async Task LoginAsync(this HttpClient client, string email, string password)
    {
        using var response = await client.SubmitFormAsync("/account/login", new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
        });
        if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Login as {email} answered {(int)response.StatusCode}.");
        }
    }

    /// <summary>The messages shown next to fields and in the summary.</summary>
    public static IReadOnlyList<string> Errors(this IDocument page) =>
        page.QuerySelectorAll(".field-error, .validation-summary-errors li")
            .Select(e => e.TextContent.Trim())
            .Where(t => t.Length > 0)
            .Distinct()
            .ToList();

    public static string MainText(this IDocument page) => page.QuerySelector("main")?.TextContent ?? page.Body?.TextContent ?? "";

    private static string Text(string html) => Parse(html).Body?.TextContent.Trim() ?? html;
}
