using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Tests;

/// <summary>Input that cannot be used gets a message a person can act on, never a 404 or 500, and nothing is stored.</summary>
public sealed class BadInputTests
{
    private const string ControlMessage = "This field held an invisible control character (such as U+0000).";

    [Theory]
    [InlineData("\0", false)]
    [InlineData("\u0007", false)]
    [InlineData("\u001b", false)]
    [InlineData("\u0085", false)]
    [InlineData("\0", true)]
    [InlineData("\u0007", true)]
    public async Task A_control_character_in_the_registration_form_brings_the_form_back_with_a_message(string control, bool multipart)
    {
        await using var app = new AppFactory();
        var ev = await app.CreateEventAsync("controls");
        var fields = RegistrationSupport.Delegate("ctrl@example.edu", change: f => f["LatinName"] = $"Aigerim{control} Nurlanqyzy");
        using var response = await app.Client().SubmitFormAsync("/events/controls/register", fields, multipart: multipart);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains(page.Errors(), e => e.Contains(ControlMessage));
        Assert.Equal("Aigerim Nurlanqyzy", page.QuerySelector("#LatinName")!.GetAttribute("value"));
        Assert.Empty(await app.RegistrationsAsync(ev.Id));
    }

    [Theory]
    [InlineData("/events/unreadable/register", "multipart/form-data; boundary=xx", "hello")]
    [InlineData("/account/login", "multipart/form-data; boundary=xx", "hello")]
    [InlineData("/no/such/path", "multipart/form-data; boundary=xx", "--xx\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunfinished")]
    [InlineData("/events/unreadable/register", "multipart/form-data", "--xx\r\n\r\n")]
    public async Task A_body_that_is_not_the_form_it_claims_gets_the_400_page_and_one_log_line(string path, string contentType, string body)
    {
        await using var app = new AppFactory();
        await app.CreateEventAsync("unreadable");
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        using var response = await app.Client().PostAsync(path, content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("What arrived was not a complete form.", (await response.ReadDocumentAsync()).MainText());
        Assert.DoesNotContain(app.Logs, l => l.Exception is not null);
        Assert.True(app.Logs.Count(l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Information && l.Message.Contains(path)) <= 1, string.Join("\n", app.Logs.Select(l => l.Message)));
    }

    [Theory]
    [InlineData("Security notice: your account is locked, restore it at https://evil.example/restore", "A name cannot hold a web address or an e-mail address.")]
    [InlineData("Write to help@evil.example", "A name cannot hold a web address or an e-mail address.")]
    [InlineData("Visit www.evil.example now", "A name cannot hold a web address or an e-mail address.")]
    [InlineData("Restore it at evil.example/restore", "A name cannot hold a web address or an e-mail address.")]
    [InlineData("Aigerim Nurlanqyzy Aigerim Nurlanqyzy Aigerim Nurlanqyzy Aigerim Nurlanqyzy Aigerim Nurlanqyzy Aigerim", "This can be at most 100 characters.")]
    public async Task A_name_that_is_not_a_name_is_refused_so_the_app_never_mails_it_to_a_stranger(string name, string message)
    {
        await using var app = new AppFactory();
        var ev = await app.CreateEventAsync("phishing");
        foreach (var field in new[] { "LatinName", "NativeName" })
        {
            using var response = await app.Client().RegisterAsync("phishing", RegistrationSupport.Delegate("victim@example.org", change: f => f[field] = name));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Contains(message, (await response.ReadDocumentAsync()).Errors());
        }

        Assert.Empty(await app.RegistrationsAsync(ev.Id));
        Assert.Empty(app.MailTo("victim@example.org"));
    }

    [Theory]
    [InlineData("A.B. Nurlanov")]
    [InlineData("Nguyễn Thị Minh Khai")]
    [InlineData("O'Brien-Smith, Jr.")]
    [InlineData("สมชาย ใจดี")]
    public async Task Real_names_with_dots_and_marks_are_names(string name)
    {
        await using var app = new AppFactory();
        var ev = await app.CreateEventAsync("real-names");
        using var response = await app.Client().RegisterAsync("real-names", RegistrationSupport.Delegate("real@example.edu", change: f => f["LatinName"] = name));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(await app.RegistrationsAsync(ev.Id));
    }

    [Fact]
    public void In_the_html_of_a_message_only_the_apps_own_addresses_are_links()
    {
        var html = EventManager.Web.Features.Mail.MessageHtml.FromText(
            "Dear someone,\n\nYour page: https://events.example.org/r/abc\nNot ours: https://evil.example/restore and https://events.example.org.evil.example/x",
            "Subject", "en", "https://events.example.org");
        Assert.Contains("<a href=\"https://events.example.org/r/abc\"", html);
        Assert.DoesNotContain("href=\"https://evil.example", html);
        Assert.DoesNotContain("href=\"https://events.example.org.evil.example", html);
        Assert.Contains("https://evil.example/restore", html);
    }

    [Fact]
    public async Task One_line_fields_keep_one_line_and_lose_bidi_controls_wherever_they_come_from()
    {
        await using var app = new AppFactory();
        var ev = await app.CreateEventAsync("line-breaks");
        using var response = await app.Client().RegisterAsync("line-breaks", RegistrationSupport.Delegate("lines@example.edu", change: f =>
        {
            f["LatinName"] = "Aigerim\u202E Nurlanqyzy\r\nBcc";
            f["Position"] = "Vice-Rector\r\nfor\tresearch\u2066";
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = Assert.Single(await app.RegistrationsAsync(ev.Id));
        Assert.Equal(("Aigerim Nurlanqyzy Bcc", "Vice-Rector for\tresearch"), (stored.LatinName, stored.Position));
        Assert.All(app.MailTo("lines@example.edu"), m => Assert.False(m.Subject.Any(c => c is '\r' or '\n' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069'))));

        // Texts in several languages too (a room's name, a question), whoever writes them; a description keeps its lines.
        await app.WithDbAsync(async db =>
        {
            var room = new EventManager.Core.Agenda.Room { EventId = ev.Id, Name = EventManager.Core.Common.LocalText.From(("en", "Hall\nA"), ("zh", "大厅\u202EA")) };
            db.Rooms.Add(room);
            var e = await db.Events.SingleAsync(x => x.Id == ev.Id);
            e.Description = EventManager.Core.Common.LocalText.From(("en", "First line\nSecond line"));
            await db.SaveChangesAsync();
            return room.Id;
        });
        var (name, description) = await app.WithDbAsync(async db => (
            (await db.Rooms.AsNoTracking().SingleAsync(r => r.EventId == ev.Id)).Name,
            (await db.Events.AsNoTracking().SingleAsync(x => x.Id == ev.Id)).Description!));
        Assert.Equal(("Hall A", "大厅A"), (name.Exactly("en"), name.Exactly("zh")));
        Assert.Equal("First line\nSecond line", description.Exactly("en"));
    }

    [Fact]
    public async Task A_control_character_in_an_organiser_form_brings_the_form_back_with_a_message()
    {
        await using var app = new AppFactory();
        var organiser = app.Client();
        await organiser.LoginAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        using var response = await organiser.SubmitFormAsync("/organiser/institutions/new", new Dictionary<string, string>
        {
            ["EnglishName"] = "Satbayev\0 University", ["NativeName"] = "Сәтбаев университеті", ["CountryCode"] = "KZ", ["City"] = "Almaty",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains((await response.ReadDocumentAsync()).Errors(), e => e.Contains(ControlMessage));
        Assert.False(await app.WithDbAsync(db => db.Institutions.AnyAsync(i => i.EnglishName.StartsWith("Satbayev"))));
    }

    [Fact]
    public async Task Too_many_fields_or_too_long_a_value_get_a_page_that_says_what_was_too_large()
    {
        await using var app = new AppFactory();
        var ev = await app.CreateEventAsync("limits");
        var client = app.Client();

        using var many = await client.RegisterAsync("limits", RegistrationSupport.Delegate("many@example.edu", change: f =>
        {
            for (var i = 0; i < 1100; i++)
            {
                f[$"extra{i}"] = "x";
            }
        }));
        Assert.Equal(HttpStatusCode.BadRequest, many.StatusCode);
        Assert.Contains("The form had more than 1024 fields.", (await many.ReadDocumentAsync()).MainText());

        using var longValue = await client.RegisterAsync("limits", RegistrationSupport.Delegate("long@example.edu", change: f => f["Position"] = new string('x', 4_200_000)));
        Assert.Equal(HttpStatusCode.BadRequest, longValue.StatusCode);
        Assert.Contains("A field held more than 4.2 MB of text.", (await longValue.ReadDocumentAsync()).MainText());
        Assert.Empty(await app.RegistrationsAsync(ev.Id));
    }

    [Fact]
    public async Task A_body_over_the_servers_limit_gets_413_with_a_page_that_says_so()
    {
        await using var app = new AppFactory(kestrel: true);
        await app.CreateEventAsync("huge");
        var client = ReverseProxyTests.Visitor(app, null);
        // As a careful client does (and so it reads the answer instead of a broken pipe): the server refuses before the body.
        client.DefaultRequestHeaders.ExpectContinue = true;
        var body = new StringContent("Junk=" + new string('x', 31_000_000), Encoding.ASCII, "application/x-www-form-urlencoded");
        using var response = await client.PostAsync("/events/huge/register", body);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("What you sent is larger than 30 MB.", (await response.ReadDocumentAsync()).MainText());
    }

    [Fact]
    public async Task An_import_over_its_limit_gets_the_imports_own_message_and_a_far_larger_one_a_413_page()
    {
        await using var app = new AppFactory(kestrel: true);
        var ev = await app.CreateEventAsync("import-limits");
        var organiser = ReverseProxyTests.Visitor(app, null);
        organiser.DefaultRequestHeaders.ExpectContinue = true;
        using (await organiser.SubmitFormAsync("/account/login", new Dictionary<string, string> { ["Email"] = AppFactory.OrganiserEmail, ["Password"] = AppFactory.OrganiserPassword }))
        {
        }

        async Task<HttpResponseMessage> UploadAsync(int bytes)
        {
            var page = await organiser.GetPageAsync($"/organiser/events/{ev.Id}/registrations/import");
            var token = page.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            var csv = new StringBuilder("Name,Email\n");
            while (csv.Length < bytes)
            {
                csv.Append("Aigerim Nurlanqyzy,aigerim@example.edu\n");
            }

            var form = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" },
                { new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString())), "file", "delegates.csv" },
            };
            return await organiser.PostAsync($"/organiser/events/{ev.Id}/registrations/import", form);
        }

        using (var large = await UploadAsync(3 * 1024 * 1024))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, large.StatusCode);
            Assert.Contains("The file is larger than 2 MB.", string.Join(" ", (await large.ReadDocumentAsync()).Errors()));
        }

        using var huge = await UploadAsync(10 * 1024 * 1024);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Contains("What you sent is larger than 8.4 MB.", (await huge.ReadDocumentAsync()).MainText());
        Assert.Empty(await app.RegistrationsAsync(ev.Id));
    }
}
