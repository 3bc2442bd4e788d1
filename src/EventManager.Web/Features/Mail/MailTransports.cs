using EventManager.Core.Mail;
using EventManager.Web.Configuration;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace EventManager.Web.Features.Mail;

/// <summary>Builds the MIME message for a row: plain text and HTML alternatives, attachments, a stable Message-Id.</summary>
public static class MimeMessages
{
    /// <param name="linkBase">The app's own address (App:PublicBaseUrl): only links to it become links in the HTML part.</param>
    public static MimeMessage From(OutgoingMessage m, MailSettings settings, string? linkBase = null)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(settings.FromName, settings.FromAddress));
        message.To.Add(new MailboxAddress(m.RecipientName ?? "", m.RecipientEmail));
        message.Subject = m.Subject;
        // The same row always gets the same Message-Id, so a receiving server can drop a repeat.
        var key = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(m.DeduplicationKey)))[..20];
        message.MessageId = $"{m.Id}.{key}@eventmanager";
        message.Headers.Add("X-EventManager-Key", m.DeduplicationKey);
        // Every message is multipart: the plain text as written, and the same words as HTML for clients that prefer it.
        var body = new BodyBuilder { TextBody = m.TextBody, HtmlBody = m.HtmlBody ?? MessageHtml.FromText(m.TextBody, m.Subject, m.Language, linkBase) };
        foreach (var a in m.Attachments)
        {
            body.Attachments.Add(a.FileName, a.Content, ContentType.Parse(a.ContentType));
        }

        message.Body = body.ToMessageBody();
        // Every attempt of one row is the same message, header for header: the Date is the row's (when it was due, or
        // queued if later), not the moment of this attempt, and MIME boundaries come from the row, not chance. A copy
        // sent again after a crash in SMTP's last instant is then a true duplicate, folded by Message-Id.
        message.Date = new DateTimeOffset(m.DueAtUtc > m.CreatedAtUtc ? m.DueAtUtc : m.CreatedAtUtc, TimeSpan.Zero);
        var part = 0;
        void Stable(MimeEntity entity)
        {
            if (entity is Multipart multipart)
            {
                multipart.Boundary = $"=-{key}-{part++}";
                foreach (var child in multipart)
                {
                    Stable(child);
                }
            }
        }

        Stable(message.Body);
        // Every part says how it is encoded (quoted-printable for text in any script, base64 for files), so a stored
        // .eml and a relay without 8BITMIME carry the same valid MIME; left alone, MimeKit writes raw UTF-8 with no header.
        message.Prepare(EncodingConstraint.SevenBit);
        return message;
    }
}

/// <summary>MailKit over SMTP: one connection per batch.</summary>
public sealed class SmtpTransport(MailSettings settings, string? linkBase = null) : IMailTransport
{
    public async Task<IMailSession> OpenAsync(CancellationToken cancellationToken)
    {
        var client = new SmtpClient();
        var security = settings.Security switch
        {
            MailSecurity.None => SecureSocketOptions.None,
            MailSecurity.Tls => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTls,
        };
        // Small SMTP commands and replies: without NoDelay, Nagle and delayed ACKs add ~40 ms to every message.
        var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(settings.Host!, settings.Port, cancellationToken);
            await client.ConnectAsync(socket, settings.Host!, settings.Port, security, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            client.Dispose();
            throw;
        }
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", cancellationToken);
        }

        return new Session(client, settings, linkBase);
    }

    private sealed class Session(SmtpClient client, MailSettings settings, string? linkBase) : IMailSession
    {
        public async Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken) =>
            await client.SendAsync(MimeMessages.From(message, settings, linkBase), cancellationToken);

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(true);
                }
            }
            catch (Exception e) when (e is IOException or MailKit.ServiceNotConnectedException or SmtpProtocolException)
            {
                // The server went away; the messages already accepted are recorded as sent.
            }
            finally
            {
                client.Dispose();
            }
        }
    }
}

/// <summary>The embedded default: each message becomes an .eml file in App_Data/mail, for a first run to show.</summary>
public sealed class DropFolderTransport(DatabaseSettings database, MailSettings settings, string? linkBase = null) : IMailTransport
{
    public static string FolderFor(DatabaseSettings database) => Path.Combine(database.DataDirectory, "mail");

    public Task<IMailSession> OpenAsync(CancellationToken cancellationToken)
    {
        var folder = FolderFor(database);
        Directory.CreateDirectory(folder);
        return Task.FromResult<IMailSession>(new Session(folder, settings, linkBase));
    }

    private sealed class Session(string folder, MailSettings settings, string? linkBase) : IMailSession
    {
        public async Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
        {
            var path = Path.Combine(folder, $"{message.Id:D8}-{message.Kind}.eml");
            await using var file = File.Create(path);
            await MimeMessages.From(message, settings, linkBase).WriteToAsync(file, cancellationToken);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
