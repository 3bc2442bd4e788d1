using System.Net;
using EventManager.Core.Mail;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace EventManager.Tests;

/// <remarks>Run on SQLite here and on PostgreSQL by <see cref="MailTestsOnPostgreSql"/>.</remarks>
[Collection(HangfireCollection.Name)]
public class MailTests : IAsyncLifetime
{
    public MailTests()
        : this(TestDatabase.Sqlite)
    {
    }

    protected MailTests(TestDatabase database) => Database = database;

    protected TestDatabase Database { get; }

    private readonly SmtpTestServer smtp = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2027, 8, 1, 6, 0, 0, TimeSpan.Zero));
    private AppFactory app = default!;

    public async Task InitializeAsync()
    {
        await smtp.StartAsync();
        app = Smtp(new AppFactory(clock: clock, database: Database));
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await smtp.DisposeAsync();
    }

    private AppFactory Smtp(AppFactory factory) => factory
        .With("Mail:Host", "127.0.0.1")
        .With("Mail:Port", smtp.Port.ToString())
        .With("Mail:Security", "None")
        .With("Mail:FirstRetry", "00:01:00")
        .With("Mail:MaxAttempts", "3")
        .With("RateLimits:PublicFormPermits", "1000");

    private static Task<SendReport> SendAsync(AppFactory factory, string sender = "test", CancellationToken cancellationToken = default) =>
        factory.WithServiceAsync<MailSender, SendReport>(s => s.SendDueAsync(sender, cancellationToken));

    private static Task QueueAsync(AppFactory factory, int count, string prefix = "m") =>
        factory.WithServiceAsync<Outbox, int>(o => o.QueueAsync(Enumerable.Range(0, count).Select(i =>
            new NewMessage($"{prefix}:{i}", "Test", null, $"{prefix}{i}@example.edu", $"Person {i}", $"Message {i}", $"Body {i}")).ToList()));

    private Task<List<OutgoingMessage>> RowsAsync() => app.WithDbAsync(db => db.OutgoingMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync());

    [Fact]
    public async Task A_confirmation_goes_through_the_smtp_server_once_with_the_private_link()
    {
        await app.CreateEventAsync("rectors");
        var token = await app.TokenOfAsync(await app.Client().RegisterAsync("rectors", RegistrationSupport.Delegate("aigerim@satbayev.example")));

        var report = await SendAsync(app);
        Assert.Equal(1, report.Sent);
        var message = Assert.Single(smtp.Received);
        Assert.Equal("aigerim@satbayev.example", message.To.Mailboxes.Single().Address);
        Assert.Equal("Aigerim Nurlanqyzy", message.To.Mailboxes.Single().Name);
        Assert.Equal("Your place at Dialogue rectors is confirmed", message.Subject);
        Assert.Contains($"/r/{token}", message.TextBody);
        var row = Assert.Single(await RowsAsync());
        Assert.Equal((MessageStatus.Sent, 1), (row.Status, row.Attempts));
        Assert.Equal(clock.GetUtcNow().UtcDateTime, row.SentAtUtc);

        Assert.Equal(0, (await SendAsync(app)).Claimed);
        Assert.Single(smtp.Received);
    }

    [Fact]
    public async Task A_message_sent_again_is_the_same_message_header_for_header()
    {
        await app.CreateEventAsync("rectors");
        (await app.Client().RegisterAsync("rectors", RegistrationSupport.Delegate("aigerim@satbayev.example"))).Dispose();
        await SendAsync(app);

        // As after a crash between the server's "250" and the journal: the row is sent again, later.
        clock.Advance(TimeSpan.FromMinutes(7));
        await app.WithDbAsync(db => db.OutgoingMessages.ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, MessageStatus.Pending).SetProperty(m => m.SentAtUtc, (DateTime?)null)));
        // (On PostgreSQL there is no journal: the row is the record.)
        var journals = Path.Combine(app.DataDirectory, "mail-accepted");
        Assert.Equal(Database == TestDatabase.Sqlite, Directory.Exists(journals));
        foreach (var journal in Database == TestDatabase.Sqlite ? Directory.GetFiles(journals) : [])
        {
            File.Delete(journal);
        }

        await Task.Delay(1100);
        await SendAsync(app);

        var copies = smtp.Received.ToList();
        Assert.Equal(2, copies.Count);
        string Headers(MimeKit.MimeMessage m) => string.Join("\n", m.Headers.Concat(m.Body.Headers).Select(h => h.ToString()));
        Assert.Equal(Headers(copies[0]), Headers(copies[1]));
        Assert.Contains("Message-Id", Headers(copies[0]), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Date", Headers(copies[0]));
    }

    [Fact]
    public async Task A_batch_that_outlives_its_lease_hands_the_rest_back_instead_of_risking_a_second_sending()
    {
        await using var leased = Smtp(new AppFactory(clock: clock, database: Database)).With("Mail:Lease", "00:00:10");
        await QueueAsync(leased, 6);
        // The server takes four seconds a message: by the third, most of the ten-second lease is gone.
        smtp.BeforeAccepting = _ => { clock.Advance(TimeSpan.FromSeconds(4)); return true; };
        var report = await SendAsync(leased);
        Assert.Equal(2, report.Sent);
        var rows = await leased.WithDbAsync(db => db.OutgoingMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync());
        Assert.Equal(2, rows.Count(r => r.Status == MessageStatus.Sent));
        // The rest is free at once for any sender, not held until the lease runs out.
        Assert.All(rows.Where(r => r.Status == MessageStatus.Pending), r => Assert.Null(r.ClaimedBy));
        smtp.BeforeAccepting = null;
        Assert.Equal(4, (await SendAsync(leased)).Sent);
        Assert.Equal(6, smtp.Received.Select(m => m.Headers["X-EventManager-Key"]).Distinct().Count());
    }

    [Fact]
    public async Task A_chinese_delegate_gets_text_and_html_in_chinese_with_the_event_in_their_own_time_zone()
    {
        await app.CreateEventAsync("rectors");
        var token = await app.TokenOfAsync(await app.Client().RegisterAsync("rectors", RegistrationSupport.Delegate("wang.wei@gzu.example", change: f =>
        {
            f["LatinName"] = "Wang Wei";
            f["NativeName"] = "王伟";
            f["PreferredLanguage"] = "zh-CN";
            f["TimeZoneId"] = "Asia/Almaty";
        })));

        await SendAsync(app);
        var message = Assert.Single(smtp.Received);
        // Both parts: a client shows whichever it prefers; beside them the ticket, as the place is confirmed.
        Assert.Equal("multipart/mixed", message.Body.ContentType.MimeType);
        Assert.Equal("multipart/alternative", ((MimeKit.Multipart)message.Body)[0].ContentType.MimeType);
        var ticket = Assert.Single(message.Attachments.OfType<MimeKit.MimePart>());
        Assert.Equal(("ticket.pdf", "application/pdf"), (ticket.FileName, ticket.ContentType.MimeType));
        using var pdf = new MemoryStream();
        ticket.Content.DecodeTo(pdf);
        Assert.Contains("王伟", PdfTools.Compact(PdfTools.Text(pdf.ToArray())));
        var registrationId = await app.WithDbAsync(db => db.Registrations.Where(r => r.Token == token).Select(r => r.Id).SingleAsync());
        Assert.EndsWith($"/check-in?id={registrationId}", Assert.Single(PdfTools.QrCodes(pdf.ToArray())));
        // 09:00 in Guiyang is 06:00 in Almaty, the delegate's own zone; the venue as the organiser gave it.
        Assert.True(message.TextBody.Contains("时间：2027年9月14日星期二 06:00 – 2027年9月15日星期三 14:30 (Asia/Almaty)"), message.TextBody);
        Assert.Contains("地点：Guiyang\n", message.TextBody);   // venue and city are the same here: said once
        var html = message.HtmlBody;
        Assert.StartsWith("<!DOCTYPE html><html lang=\"zh-CN\">", html);
        Assert.Contains("尊敬的王伟", html);
        Assert.Contains("时间：2027年9月14日星期二", html);
        Assert.Contains($"<a href=\"http://localhost/r/{token}?lang=zh-CN\"", html);
        // Nothing to load from anywhere: no scripts, images or style sheets.
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("src=", html);
        Assert.DoesNotContain("<link", html);
        Assert.Equal("zh-CN", Assert.Single(await RowsAsync()).Language);
    }

    [Fact]
    public async Task While_the_mail_server_is_down_messages_wait_with_growing_pauses_then_all_arrive_once()
    {
        await smtp.StopAsync();
        await QueueAsync(app, 5);

        var first = await SendAsync(app);
        Assert.Equal((5, 0, 5), (first.Claimed, first.Sent, first.Retrying));
        var rows = await RowsAsync();
        Assert.All(rows, r => Assert.Equal((MessageStatus.Pending, 1), (r.Status, r.Attempts)));
        Assert.All(rows, r => Assert.Equal(clock.GetUtcNow().UtcDateTime.AddMinutes(1), r.NextAttemptAtUtc));
        Assert.All(rows, r => Assert.False(string.IsNullOrEmpty(r.LastError)));

        // Not yet due again: nothing is tried.
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(0, (await SendAsync(app)).Claimed);

        clock.Advance(TimeSpan.FromSeconds(31));
        var second = await SendAsync(app);
        Assert.Equal(5, second.Retrying);
        Assert.All(await RowsAsync(), r => Assert.Equal(clock.GetUtcNow().UtcDateTime.AddMinutes(2), r.NextAttemptAtUtc));

        await smtp.StartAsync();
        clock.Advance(TimeSpan.FromMinutes(2));
        var third = await SendAsync(app);
        Assert.Equal(5, third.Sent);
        Assert.Equal(5, smtp.Received.Count);
        Assert.Equal(5, smtp.Received.Select(m => m.Subject).Distinct().Count());

        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, (await SendAsync(app)).Claimed);
        Assert.Equal(5, smtp.Received.Count);
    }

    [Fact]
    public async Task After_the_last_attempt_a_message_is_failed_shown_to_organisers_and_can_be_retried()
    {
        await smtp.StopAsync();
        await QueueAsync(app, 1, "lost");
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await SendAsync(app);
            clock.Advance(TimeSpan.FromMinutes(10));
        }

        var row = Assert.Single(await RowsAsync());
        Assert.Equal((MessageStatus.Failed, 3), (row.Status, row.Attempts));

        var organiser = app.Client();
        await organiser.LoginAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        var page = await organiser.GetPageAsync("/organiser/messages?status=Failed");
        Assert.Contains("lost0@example.edu", page.QuerySelector("#messages")!.TextContent);
        using var retried = await organiser.SubmitFormAsync("/organiser/messages?status=Failed", new Dictionary<string, string>(), $"form[action$='/{row.Id}/retry']");
        Assert.Contains("The message will be sent again.", (await retried.ReadDocumentAsync()).QuerySelector(".notice")!.TextContent);

        await smtp.StartAsync();
        Assert.Equal(1, (await SendAsync(app)).Sent);
        Assert.Equal("lost0@example.edu", Assert.Single(smtp.Received).To.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task A_sender_stopped_part_way_keeps_what_the_server_accepted_and_another_sends_the_rest_once()
    {
        await QueueAsync(app, 10);
        using var stop = new CancellationTokenSource();
        smtp.OnAccepted = _ =>
        {
            if (smtp.Received.Count == 3)
            {
                stop.Cancel();
            }
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SendAsync(app, "first", stop.Token));
        smtp.OnAccepted = null;
        var rows = await RowsAsync();
        Assert.Equal(3, rows.Count(r => r.Status == MessageStatus.Sent));
        Assert.All(rows.Where(r => r.Status == MessageStatus.Pending), r => Assert.Null(r.ClaimedBy));

        Assert.Equal(7, (await SendAsync(app, "second")).Sent);
        Assert.Equal(10, smtp.Received.Count);
        Assert.Equal(10, smtp.Received.Select(m => m.To.Mailboxes.Single().Address).Distinct().Count());
    }

    [Fact]
    public async Task Two_app_instances_on_one_database_send_each_message_exactly_once()
    {
        await using var first = Smtp(new AppFactory(jobServer: true, database: Database).With("Mail:BatchSize", "7"));
        await using var second = Smtp(new AppFactory(jobServer: true, sameDatabaseAs: first).With("Mail:BatchSize", "7"));
        _ = first.Services;
        _ = second.Services;
        await QueueAsync(first, 120, "two");

        // Both instances send at once, as fast as they can, while their Hangfire servers also run the mail job.
        first.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<EventManager.Web.Features.Mail.MailJob>(j => j.SendDueAsync(CancellationToken.None));
        second.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<EventManager.Web.Features.Mail.MailJob>(j => j.SendDueAsync(CancellationToken.None));
        // Each keeps sending until every row is sent. When the Hangfire jobs hold the rest, it waits for them
        // rather than giving up after a number of empty rounds (which, on a busy machine, came before they were done).
        async Task Drain(AppFactory factory, string name)
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < deadline)
            {
                var report = await SendAsync(factory, name);
                if (await factory.WithDbAsync(db => db.OutgoingMessages.AllAsync(m => m.Status == MessageStatus.Sent)))
                {
                    return;
                }

                if (report.Claimed == 0)
                {
                    await Task.Delay(50);
                }
            }
        }

        await Task.WhenAll(Drain(first, "first"), Drain(second, "second"));

        Assert.Equal(120, smtp.Received.Count);
        Assert.Equal(120, smtp.Received.Select(m => m.Headers["X-EventManager-Key"]).Distinct().Count());
        Assert.True(await first.WithDbAsync(db => db.OutgoingMessages.AllAsync(m => m.Status == MessageStatus.Sent && m.Attempts == 1)));
    }

    [Fact]
    public async Task Without_a_mail_server_messages_become_eml_files_an_organiser_can_find()
    {
        await using var embedded = new AppFactory(database: Database);
        await QueueAsync(embedded, 2, "drop");
        Assert.Equal(2, (await embedded.WithServiceAsync<MailSender, SendReport>(s => s.SendDueAsync("drop"))).Sent);
        var files = Directory.GetFiles(Path.Combine(embedded.DataDirectory, "mail"), "*.eml").Order().ToList();
        Assert.Equal(2, files.Count);
        var message = await MimeKit.MimeMessage.LoadAsync(files[0]);
        Assert.Equal("Message 0", message.Subject);
        Assert.Equal("drop0@example.edu", message.To.Mailboxes.Single().Address);


        var organiser = embedded.Client();
        await organiser.LoginAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        var page = await organiser.GetPageAsync("/organiser/messages");
        Assert.Contains("No mail server is configured", page.MainText());
        Assert.Equal(2, page.QuerySelectorAll("#messages tbody tr").Length);

        // Text in every script is valid MIME in the stored file: each part names its encoding, and another mail
        // library (Python's) reads back exactly the words sent.
        const string words = "Құрметті Айгерім, 欢迎参加对话 — добро пожаловать";
        await embedded.WithServiceAsync<Outbox, int>(o => o.QueueAsync([new NewMessage("drop:scripts", "Test", null, "aigerim@example.kz", "Айгерім", "Сәлем 你好", words)]));
        await embedded.WithServiceAsync<MailSender, SendReport>(s => s.SendDueAsync("drop"));
        var stored = Directory.GetFiles(Path.Combine(embedded.DataDirectory, "mail"), "*.eml").Except(files).Single();
        var raw = await File.ReadAllBytesAsync(stored);
        Assert.All(raw, b => Assert.True(b < 128, "a stored message has 8-bit bytes"));
        Assert.Matches("Content-Transfer-Encoding: (quoted-printable|base64)", System.Text.Encoding.ASCII.GetString(raw));
        var python = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("python3",
            ["-c", "import sys,email,email.policy\nm=email.message_from_binary_file(open(sys.argv[1],'rb'),policy=email.policy.default)\nsys.stdout.buffer.write((m['subject']+'|'+m.get_body(('plain',)).get_content().strip()).encode('utf-8'))", stored])
        { RedirectStandardOutput = true, StandardOutputEncoding = System.Text.Encoding.UTF8 })!;
        var read = await python.StandardOutput.ReadToEndAsync();
        await python.WaitForExitAsync();
        Assert.Equal("Сәлем 你好|" + words, read);
    }

    [Fact]
    public async Task An_organiser_finds_one_delegates_messages_of_one_event_with_times_in_its_zone()
    {
        var rectors = await app.CreateEventAsync("rectors");
        await app.CreateEventAsync("forum");
        (await app.Client().RegisterAsync("rectors", RegistrationSupport.Delegate("wang.fang@gzu.example.edu", change: f => f["LatinName"] = "Wang Fang"))).Dispose();
        (await app.Client().RegisterAsync("rectors", RegistrationSupport.Delegate("aigerim@satbayev.example"))).Dispose();
        (await app.Client().RegisterAsync("forum", RegistrationSupport.Delegate("wang.fang@gzu.example.edu", change: f => f["LatinName"] = "Wang Fang"))).Dispose();
        var organiser = app.Client();
        await organiser.LoginAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);

        var page = await organiser.GetPageAsync($"/organiser/messages?eventId={rectors.Id}&q=wang");
        var row = Assert.Single(page.QuerySelectorAll("#messages tbody tr"));
        Assert.Contains("wang.fang@gzu.example.edu", row.TextContent);
        Assert.Contains("Dialogue rectors", row.TextContent);
        // Queued at 06:00 UTC: 14:00 in the event's zone (Asia/Shanghai).
        Assert.Equal("Sunday, August 1, 2027, 2:00 PM", System.Text.RegularExpressions.Regex.Replace(row.QuerySelector("time")!.TextContent, @"\p{Zs}", " "));
        // The status counts follow the filter, and keep it.
        var waiting = page.QuerySelectorAll(".counts a").Single(a => a.TextContent.StartsWith("Waiting"));
        Assert.Equal("Waiting: 1", waiting.TextContent.Trim());
        Assert.Equal($"?status=Pending&eventId={rectors.Id}&q=wang", waiting.GetAttribute("href"));

        Assert.Equal(2, (await organiser.GetPageAsync("/organiser/messages?q=WANG")).QuerySelectorAll("#messages tbody tr").Length);
        Assert.Equal(2, (await organiser.GetPageAsync($"/organiser/messages?eventId={rectors.Id}")).QuerySelectorAll("#messages tbody tr").Length);
    }

    [Fact]
    public async Task The_messages_page_is_for_organisers_only()
    {
        using var anonymous = await app.Client(followRedirects: false).GetAsync("/organiser/messages");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        await app.CreateStaffAsync();
        var staff = app.Client();
        await staff.LoginAsync(AppFactory.StaffEmail, AppFactory.StaffPassword);
        using var denied = await staff.GetAsync("/organiser/messages");
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }
}

[Collection(HangfireCollection.Name)]
public sealed class MailTestsOnPostgreSql() : MailTests(TestDatabase.PostgreSql);
