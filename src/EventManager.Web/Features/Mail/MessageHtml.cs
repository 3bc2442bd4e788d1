using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace EventManager.Web.Features.Mail;

/// <summary>
/// The HTML part of a message, made from its text: the same words, paragraphs where the text has blank lines,
/// the app's own addresses as links (any other address, which a stranger may have typed into a name or an answer,
/// stays plain text: mail from the app must not relay someone's phishing link), the language declared (screen readers pick the voice by it), one column that reads on a phone,
/// and styles inline, which is all most mail clients keep. Nothing is loaded from anywhere.
/// </summary>
public static partial class MessageHtml
{
    public static string FromText(string text, string subject, string? language, string? linkBase = null)
    {
        var lang = WebUtility.HtmlEncode(string.IsNullOrWhiteSpace(language) ? "en" : language);
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"").Append(lang).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(WebUtility.HtmlEncode(subject)).Append("</title></head>")
            .Append("<body style=\"margin:0;padding:0;background:#ffffff;\">")
            .Append("<div role=\"article\" aria-label=\"").Append(WebUtility.HtmlEncode(subject)).Append("\" lang=\"").Append(lang)
            .Append("\" style=\"max-width:600px;margin:0 auto;padding:16px;font-family:-apple-system,'Segoe UI','Noto Sans','PingFang SC','Microsoft YaHei',sans-serif;font-size:16px;line-height:1.5;color:#1f2328;\">");
        foreach (var paragraph in Regex.Split(text.Replace("\r\n", "\n").Trim(), @"\n\s*\n"))
        {
            html.Append("<p style=\"margin:0 0 16px;\">")
                .Append(string.Join("<br>", paragraph.Split('\n').Select(line => Line(line, linkBase))))
                .Append("</p>");
        }

        return html.Append("</div></body></html>").ToString();
    }

    /// <summary>One line, encoded, with each of the app's own addresses made a link that shows the address itself.</summary>
    private static string Line(string line, string? linkBase)
    {
        var result = new StringBuilder();
        var at = 0;
        foreach (Match match in Address().Matches(line))
        {
            var own = linkBase is { Length: > 0 } && (match.Value == linkBase || match.Value.StartsWith(linkBase.TrimEnd('/') + "/", StringComparison.OrdinalIgnoreCase));
            if (!own)
            {
                continue;
            }

            result.Append(WebUtility.HtmlEncode(line[at..match.Index]));
            var url = WebUtility.HtmlEncode(match.Value);
            result.Append("<a href=\"").Append(url).Append("\" style=\"color:#0a58ca;word-break:break-all;\">").Append(url).Append("</a>");
            at = match.Index + match.Length;
        }

        return result.Append(WebUtility.HtmlEncode(line[at..])).ToString();
    }

    [GeneratedRegex(@"https?://[^\s<>""]+[^\s<>"".,;:!?)\]]")]
    private static partial Regex Address();
}
