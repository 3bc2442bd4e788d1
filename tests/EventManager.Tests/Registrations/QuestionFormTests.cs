using System.Net;
using System.Net.Http.Headers;
using EventManager.Core.Common;
using EventManager.Core.Events;
using EventManager.Core.Registrations;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Tests;

/// <summary>
/// The event's own questions as a form builder: stable answer keys read in every language, an order organisers set,
/// questions asked only after a given answer (checked on the server too), and a file question kept encrypted.
/// </summary>
public class QuestionFormTests : SignedInOrganiserTest
{
    private readonly TestDatabase database;

    public QuestionFormTests()
        : this(TestDatabase.Sqlite)
    {
    }

    protected QuestionFormTests(TestDatabase database) => this.database = database;

    protected override AppFactory CreateApp() => new AppFactory(database: database).With("RateLimits:PublicFormPermits", "1000");

    private Task<int> AskAsync(int eventId, QuestionInput input) =>
        App.WithServiceAsync<RegistrationQuestions, int>(async q =>
        {
            var saved = await q.SaveAsync(eventId, null, input);
            Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Select(e => e.Message)));
            return saved.Value!.Id;
        });

    [Fact]
    public async Task A_choice_is_stored_as_its_key_read_in_each_readers_language_and_survives_a_new_default_language_and_a_corrected_wording()
    {
        var ev = await App.CreateEventAsync("keys", languages: "en ru");
        var hotel = await AskAsync(ev.Id, new QuestionInput(LocalText.From(("en", "Hotel"), ("ru", "Гостиница")), QuestionKind.Choice,
            LocalText.From(("en", "Sheraton Guiyang\nI arrange my own"), ("ru", "Шератон Гуйян\nСамостоятельно")), true));
        await App.TokenOfAsync(await App.Client().RegisterAsync("keys", RegistrationSupport.Delegate("own@keys.example", change: f => f[$"Answers[{hotel}]"] = "2")));

        // The Russian organiser reads the Russian answer in the list, the detail and the export.
        Organiser.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("ru"));
        var list = await Organiser.GetPageAsync($"/organiser/events/{ev.Id}/registrations");
        Assert.Contains("Самостоятельно", list.QuerySelector(".answer")!.TextContent);
        Assert.Contains("Самостоятельно", System.Text.Encoding.UTF8.GetString(await Organiser.GetByteArrayAsync($"/organiser/events/{ev.Id}/registrations.csv")));

        // Russian becomes the default language, and the English wording is corrected: the answer still reads right.
        Assert.True(await App.WithServiceAsync<EventService, bool>(async events => (await events.SaveAsync(ev.Id, new EventInput(
            LocalText.From(("ru", "Диалог"), ("en", "Dialogue keys")), "keys", EventKind.Dialogue, null, new DateTime(2027, 9, 14, 9, 0, 0), new DateTime(2027, 9, 15, 17, 30, 0),
            "Asia/Shanghai", "Guiyang", "Guiyang", null, Languages: "ru en"))).Succeeded));
        await App.WithServiceAsync<RegistrationQuestions, bool>(async q => (await q.SaveAsync(ev.Id, hotel, new QuestionInput(LocalText.From(("ru", "Гостиница"), ("en", "Hotel")), QuestionKind.Choice,
            LocalText.From(("ru", "Шератон Гуйян\nСамостоятельно"), ("en", "Sheraton Guiyang\nI will arrange my own")), true))).Succeeded);
        Assert.Equal("2", await App.WithDbAsync(db => db.RegistrationAnswers.Select(a => a.Value).SingleAsync()));
        var english = App.Client();
        english.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        var token = await App.WithDbAsync(db => db.Registrations.Select(r => r.Token).SingleAsync());
        var hub = await english.GetPageAsync($"/r/{token}");
        var chosen = hub.QuerySelector($"input[name='Answers[{hotel}]'][checked]")!;
        Assert.Equal("I will arrange my own", chosen.NextElementSibling!.TextContent.Trim());

        // The default language's own wording corrected in place: the same answer, still theirs.
        await App.WithServiceAsync<RegistrationQuestions, bool>(async q => (await q.SaveAsync(ev.Id, hotel, new QuestionInput(LocalText.From(("ru", "Гостиница"), ("en", "Hotel")), QuestionKind.Choice,
            LocalText.From(("ru", "Шератон Гуйян\nБронирую сам"), ("en", "Sheraton Guiyang\nI will arrange my own")), true))).Succeeded);
        list = await Organiser.GetPageAsync($"/organiser/events/{ev.Id}/registrations");
        Assert.Contains("Бронирую сам", list.QuerySelector(".answer")!.TextContent);
    }

    [Fact]
    public async Task Organisers_order_the_questions_and_a_question_asked_after_an_answer_is_enforced_on_the_server()
    {
        var ev = await App.CreateEventAsync("cond");
        var hotel = await AskAsync(ev.Id, new QuestionInput(LocalText.Of("Do you need a hotel room?"), QuestionKind.YesNo, null, true));
        var nights = await AskAsync(ev.Id, new QuestionInput(LocalText.Of("Which nights?"), QuestionKind.Text, null, true, hotel, RegistrationQuestions.Yes));
        var flight = await AskAsync(ev.Id, new QuestionInput(LocalText.Of("Flight number"), QuestionKind.Text, null, false));

        // The flight first: moved up twice by its buttons.
        for (var i = 0; i < 2; i++)
        {
            (await Organiser.SubmitFormAsync($"/organiser/events/{ev.Id}/questions", new Dictionary<string, string>(), $"#question-{flight} form[action$='/move']:has(input[value=true])")).Dispose();
        }

        var form = await App.Client().GetPageAsync("/events/cond/register");
        Assert.Equal([$"Answers_{flight}", $"Answers_{hotel}", $"Answers_{nights}"],
            form.QuerySelectorAll("#questions .question > .field > input, #questions .question > fieldset").Select(e => e.Id));
        Assert.Contains("Only if you answered “Yes” to “Do you need a hotel room?”", form.QuerySelector($".question[data-show-when='{hotel}']")!.TextContent);

        // Yes: the nights are required. No: they are not asked, and an answer sent anyway is not kept.
        using var missing = await App.Client().RegisterAsync("cond", RegistrationSupport.Delegate("a@cond.example", change: f => f[$"Answers[{hotel}]"] = "yes"));
        Assert.Contains("Please answer: Which nights?", (await missing.ReadDocumentAsync()).Errors());
        await App.TokenOfAsync(await App.Client().RegisterAsync("cond", RegistrationSupport.Delegate("b@cond.example", change: f =>
        {
            f[$"Answers[{hotel}]"] = "no";
            f[$"Answers[{nights}]"] = "13 and 14 September";
        })));
        Assert.Equal(["no"], await App.WithDbAsync(db => db.RegistrationAnswers.Select(a => a.Value).ToListAsync()));

        // A condition on a question that does not come first, or on an answer it does not offer, is refused.
        var refused = await App.WithServiceAsync<RegistrationQuestions, DomainResult<RegistrationQuestion>>(q =>
            q.SaveAsync(ev.Id, hotel, new QuestionInput(LocalText.Of("Do you need a hotel room?"), QuestionKind.YesNo, null, true, hotel, "yes")));
        Assert.False(refused.Succeeded);
        refused = await App.WithServiceAsync<RegistrationQuestions, DomainResult<RegistrationQuestion>>(q =>
            q.SaveAsync(ev.Id, nights, new QuestionInput(LocalText.Of("Which nights?"), QuestionKind.Text, null, true, hotel, "maybe")));
        Assert.False(refused.Succeeded);
    }

    [Fact]
    public async Task A_file_is_checked_by_its_content_kept_encrypted_seen_by_organisers_only_and_erased_with_the_registration()
    {
        var ev = await App.CreateEventAsync("files");
        var scan = await AskAsync(ev.Id, new QuestionInput(LocalText.Of("Passport photo page"), QuestionKind.File, null, true));
        var form = await App.Client().GetPageAsync("/events/files/register");
        Assert.Equal("multipart/form-data", form.QuerySelector("main form")!.GetAttribute("enctype"));

        // A program renamed to look like a PDF is refused, and nothing is written.
        var program = "MZ\u0090\0\u0003\0\0\0"u8.ToArray().Concat(new byte[2000]).ToArray();
        using var renamed = await PostWithFileAsync("renamed@files.example", scan, "passport.pdf", "application/pdf", program);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, renamed.StatusCode);
        Assert.Contains("The file for “Passport photo page” must be a PDF, JPEG or PNG of at most 5 MB.", (await renamed.ReadDocumentAsync()).Errors());
        using var none = await PostWithFileAsync("none@files.example", null, null, null, null);
        Assert.Contains("Please attach: Passport photo page", (await none.ReadDocumentAsync()).Errors());
        Assert.Empty(await App.RegistrationsAsync(ev.Id));

        var pdf = "%PDF-1.7\n% a passport scan\n"u8.ToArray().Concat(Enumerable.Repeat((byte)'x', 5000)).ToArray();
        using var sent = await PostWithFileAsync("scan@files.example", scan, "C:\\Users\\me\\passport scan.pdf", "application/octet-stream", pdf);
        await App.TokenOfAsync(sent);
        var stored = await App.WithDbAsync(db => db.RegistrationAnswers.SingleAsync());
        Assert.Equal(("passport scan.pdf", "application/pdf"), (stored.Value, stored.ContentType));
        Assert.DoesNotContain("a passport scan", System.Text.Encoding.Latin1.GetString(stored.SealedFile!));

        // The organiser opens it from the registration's page; staff and strangers cannot.
        var id = await App.WithDbAsync(db => db.Registrations.Select(r => r.Id).SingleAsync());
        var detail = await Organiser.GetPageAsync($"/organiser/events/{ev.Id}/registrations/{id}");
        var link = detail.QuerySelector($"#answer-{scan} a")!.GetAttribute("href")!;
        Assert.Equal(pdf, await Organiser.GetByteArrayAsync(link));
        await App.CreateStaffAsync();
        var staff = App.Client(followRedirects: false);
        await staff.LoginAsync(AppFactory.StaffEmail, AppFactory.StaffPassword);
        using var forStaff = await staff.GetAsync(link);
        Assert.NotEqual(HttpStatusCode.OK, forStaff.StatusCode);
        using var forStranger = await App.Client(followRedirects: false).GetAsync(link);
        Assert.NotEqual(HttpStatusCode.OK, forStranger.StatusCode);

        // Erased with the registration.
        var token = await App.WithDbAsync(db => db.Registrations.Select(r => r.Token).SingleAsync());
        await App.WithServiceAsync<RegistrationSelfService, bool>(async s => (await s.CancelAsync(token)).Succeeded);
        await App.WithServiceAsync<PersonalDataErasure, bool>(async e => { await e.EraseAsync(ev.Id, [id]); return true; });
        Assert.Equal(0, await App.WithDbAsync(db => db.RegistrationAnswers.CountAsync()));
    }

    private async Task<HttpResponseMessage> PostWithFileAsync(string email, int? questionId, string? fileName, string? contentType, byte[]? content)
    {
        var client = App.Client();
        var page = await client.GetPageAsync("/events/files/register");
        var body = new MultipartFormDataContent();
        foreach (var (key, value) in RegistrationSupport.Delegate(email))
        {
            body.Add(new StringContent(value), key);
        }

        body.Add(new StringContent(page.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken");
        if (questionId is int id)
        {
            var file = new ByteArrayContent(content!);
            file.Headers.ContentType = new MediaTypeHeaderValue(contentType!);
            body.Add(file, $"Files[{id}]", fileName!);
        }

        return await client.PostAsync("/events/files/register", body);
    }
}

public sealed class QuestionFormTestsOnPostgreSql() : QuestionFormTests(TestDatabase.PostgreSql);
