using System.Text;
using EventManager.Web.Configuration;

namespace EventManager.Web.Infrastructure;

/// <summary>
/// Until the mail capability (reminders issue) brings its outbox and SMTP, messages are written as .eml
/// files under App_Data/mail: a first run shows exactly what would have been sent.
/// </summary>
public sealed class MailDrop(DatabaseSettings database, TimeProvider time)
{
    public string Folder => FolderFor(database);

    public static string FolderFor(DatabaseSettings database) => Path.Combine(database.DataDirectory, "mail");

    public async Task<string> WriteAsync(string to, string subject, string body, string kind, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        var file = Path.Combine(Folder, $"{time.GetUtcNow():yyyyMMddTHHmmssfff}-{kind}-{Guid.NewGuid():N}.eml");
        await File.WriteAllTextAsync(file, Message(to, subject, body), new UTF8Encoding(false), cancellationToken);
        return file;
    }

    private string Message(string to, string subject, string body)
    {
        static string Encoded(string text) => $"=?utf-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes(text))}?=";
        return new StringBuilder()
            .Append("From: EventManager <no-reply@eventmanager.invalid>\r\n")
            .Append($"To: {to}\r\n")
            .Append($"Subject: {Encoded(subject)}\r\n")
            .Append($"Date: {time.GetUtcNow():R}\r\n")
            .Append("MIME-Version: 1.0\r\n")
            .Append("Content-Type: text/plain; charset=utf-8\r\n")
            .Append("Content-Transfer-Encoding: base64\r\n")
            .Append("\r\n")
            .Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(body), Base64FormattingOptions.InsertLineBreaks).Replace("\n", "\r\n"))
            .Append("\r\n")
            .ToString();
    }
}
