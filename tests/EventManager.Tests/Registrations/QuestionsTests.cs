using System.Net;
using System.Text;
using EventManager.Core.Registrations;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Tests;

/// <summary>Organisers add their own questions to the registration form; delegates answer them; answers show and export.</summary>
public sealed class QuestionsTests : SignedInOrganiserTest
{
    private async Task<int> AskAsync(int eventId, string label, string kind, string? options = null, bool required = false)
    {
        using var saved = await Organiser.SubmitFormAsync($"/organiser/events/{eventId}/questions", new Dictionary<string, string>
        {
            ["Label[en]"] = label, ["Kind"] = kind, ["Options[en]"] = options ?? "", ["Required"] = required ? "true" : "false",
        }, "form[action$='/questions']");
        Assert.Contains("The question was saved", (await saved.ReadDocumentAsync()).QuerySelector(".notice")!.TextContent);
        return await App.WithDbAsync(async db => (await db.RegistrationQuestions.ToListAsync()).Single(q => q.Label.Default == label).Id);
    }

    [Fact]
    public async Task Delegates_answer_the_events_own_questions_and_organisers_see_and_export_the_answers()
    {
        var ev = await App.CreateEventAsync("gala");
        var dinner = await AskAsync(ev.Id, "Will you attend the gala dinner? / 您是否出席欢迎晚宴？", "YesNo", required: true);
        var hotel = await AskAsync(ev.Id, "Hotel", "Choice", "Sheraton Guiyang\nKempinski Guiyang\nI arrange my own", required: true);
        var flight = await AskAsync(ev.Id, "Flight number", "Text");

        var form = await App.Client().GetPageAsync("/events/gala/register");
        var asked = form.QuerySelector("#questions")!;
        Assert.Contains("Will you attend the gala dinner? / 您是否出席欢迎晚宴？", asked.TextContent);
        // Each answer offered has a stable key: what is stored, whatever language the reader chose it in.
        Assert.Equal(["1", "2", "3"], asked.QuerySelectorAll($"input[name='Answers[{hotel}]']").Select(i => i.GetAttribute("value")));
        Assert.Equal(["Sheraton Guiyang", "Kempinski Guiyang", "I arrange my own"], asked.QuerySelectorAll($"input[name='Answers[{hotel}]'] + label").Select(l => l.TextContent.Trim()));
        Assert.Contains("Flight number (optional)", asked.TextContent);

        var delegation = RegistrationSupport.Delegate("rector@example.edu", change: f =>
        {
            f["Companions[0].LatinName"] = "Yerlan Sultanov";
            f["Companions[0].Email"] = "yerlan@example.edu";
        });
        using var unanswered = await App.Client().RegisterAsync("gala", delegation);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unanswered.StatusCode);
        var errors = (await unanswered.ReadDocumentAsync()).Errors();
        Assert.Contains("Please answer: Will you attend the gala dinner? / 您是否出席欢迎晚宴？", errors);
        Assert.Contains("Please answer: Hotel", errors);

        delegation[$"Answers[{dinner}]"] = "yes";
        delegation[$"Answers[{hotel}]"] = "Hilton";
        using var forged = await App.Client().RegisterAsync("gala", delegation);
        Assert.Contains("Choose one of the answers offered to: Hotel", (await forged.ReadDocumentAsync()).Errors());
        Assert.Empty(await App.RegistrationsAsync(ev.Id));

        delegation[$"Answers[{hotel}]"] = "2";
        delegation[$"Answers[{flight}]"] = "CZ 6902";
        using var registered = await App.Client().RegisterAsync("gala", delegation);
        var token = await App.TokenOfAsync(registered);

        // The answers count for everyone on the form.
        var answers = await App.WithDbAsync(db => db.RegistrationAnswers.OrderBy(a => a.RegistrationId).ThenBy(a => a.QuestionId).Select(a => new { a.RegistrationId, a.QuestionId, a.Value }).ToListAsync());
        Assert.Equal(6, answers.Count);
        Assert.Equal(2, answers.Select(a => a.RegistrationId).Distinct().Count());
        Assert.All(answers.Where(a => a.QuestionId == hotel), a => Assert.Equal("2", a.Value));

        var list = await Organiser.GetPageAsync($"/organiser/events/{ev.Id}/registrations");
        var row = list.QuerySelectorAll("tbody tr").First(r => r.TextContent.Contains("Yerlan Sultanov"));
        Assert.Contains("Kempinski Guiyang", row.TextContent);
        Assert.Contains("CZ 6902", row.TextContent);

        var csv = Encoding.UTF8.GetString(await Organiser.GetByteArrayAsync($"/organiser/events/{ev.Id}/registrations.csv"));
        var lines = csv.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",Will you attend the gala dinner? / 您是否出席欢迎晚宴？,Hotel,Flight number", lines[0].TrimEnd('\r'));
        Assert.All(lines.Skip(1), l => Assert.EndsWith(",yes,Kempinski Guiyang,CZ 6902", l.TrimEnd('\r')));

        // The counts the caterer and the hotels need.
        string Tally(AngleSharp.Dom.IDocument page, string question) =>
            page.QuerySelectorAll("#questions tbody tr").Single(r => r.QuerySelector("td")!.TextContent.Trim() == question).QuerySelector("td.tally")!.TextContent.Replace("\n", " ");
        var tallies = await Organiser.GetPageAsync($"/organiser/events/{ev.Id}/questions");
        Assert.Matches(@"Yes:\s*2\s*No:\s*0\s*No answer:\s*0", Tally(tallies, "Will you attend the gala dinner? / 您是否出席欢迎晚宴？"));
        Assert.Matches(@"Sheraton Guiyang:\s*0\s*Kempinski Guiyang:\s*2\s*I arrange my own:\s*0", Tally(tallies, "Hotel"));
        Assert.Matches(@"Answered:\s*2", Tally(tallies, "Flight number"));

        // On their private page the head of the delegation sees and changes their own answers.
        var delegate_ = App.Client();
        var own = await delegate_.GetPageAsync($"/r/{token}");
        Assert.Equal("checked", own.QuerySelector($"input[name='Answers[{hotel}]'][value='2']")!.GetAttribute("checked"));
        Assert.Equal("CZ 6902", own.QuerySelector($"input[name='Answers[{flight}]']")!.GetAttribute("value"));
        using var changed = await delegate_.SubmitFormAsync($"/r/{token}", new Dictionary<string, string> { [$"Answers[{dinner}]"] = "no", [$"Answers[{flight}]"] = "" }, "form[action$='/r/" + token + "']");
        Assert.Contains("Your details were saved.", (await changed.ReadDocumentAsync()).QuerySelector(".notice")!.TextContent);
        var head = await App.WithDbAsync(db => db.Registrations.Where(r => r.Token == token).Select(r => r.Id).SingleAsync());
        var theirs = await App.WithDbAsync(db => db.RegistrationAnswers.Where(a => a.RegistrationId == head).OrderBy(a => a.QuestionId).Select(a => a.Value).ToListAsync());
        Assert.Equal(["no", "2"], theirs);
        // Yerlan's answers are his own and did not change.
        Assert.Equal(3, await App.WithDbAsync(db => db.RegistrationAnswers.CountAsync(a => a.RegistrationId != head)));

        // Removing a question removes its answers; the rest stay.
        // Removing asks first, saying how many answers go with the question; nothing is removed until confirmed.
        using var askedToRemove = await Organiser.SubmitFormAsync($"/organiser/events/{ev.Id}/questions", new Dictionary<string, string>(), $"form[action$='/questions/{flight}/remove']");
        var confirmation = await askedToRemove.ReadDocumentAsync();
        Assert.Contains("answer", confirmation.QuerySelector("#consequences")!.TextContent);
        Assert.True(await App.WithDbAsync(db => db.RegistrationQuestions.AnyAsync(q => q.Id == flight)));
        using var removed = await Organiser.PostAsync(confirmation.QuerySelector("form#confirm")!.GetAttribute("action"), new FormUrlEncodedContent(
            confirmation.QuerySelectorAll("form#confirm input[name]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""))));
        Assert.Contains("The question and its answers were removed.", (await removed.ReadDocumentAsync()).QuerySelector(".notice")!.TextContent);
        Assert.Equal(4, await App.WithDbAsync(db => db.RegistrationAnswers.CountAsync()));   // two each for the dinner and the hotel
    }

    [Fact]
    public async Task A_question_written_in_chinese_is_read_in_chinese_and_answered_in_the_default_languages_list()
    {
        var ev = await App.CreateEventAsync("hotel", languages: "en zh kk ru");
        var blank = await Organiser.GetPageAsync($"/organiser/events/{ev.Id}/questions");
        // One field per event language, side by side, each in its own language.
        Assert.Equal(["en", "zh", "kk", "ru"], blank.QuerySelectorAll("fieldset.local-text textarea").Select(t => t.GetAttribute("lang")));
        using (var saved = await Organiser.SubmitFormAsync($"/organiser/events/{ev.Id}/questions", new Dictionary<string, string>
        {
            ["Label[en]"] = "Hotel", ["Kind"] = "Choice", ["Options[en]"] = "Sheraton Guiyang\nI arrange my own", ["Required"] = "true",
            ["Label[zh]"] = "酒店", ["Options[zh]"] = "贵阳喜来登酒店\n自行安排",
            ["Label[ru]"] = "Гостиница", ["Options[ru]"] = "Шератон",
        }, "form[action$='/questions']"))
        {
            // Russian gives one answer for two: refused, nothing saved.
            Assert.Contains("Give the 2 answers in Русский in the same order as in English, one per line.", (await saved.ReadDocumentAsync()).Errors());
            Assert.Equal(0, await App.WithDbAsync(db => db.RegistrationQuestions.CountAsync()));
        }

        using (var saved = await Organiser.SubmitFormAsync($"/organiser/events/{ev.Id}/questions", new Dictionary<string, string>
        {
            ["Label[en]"] = "Hotel", ["Kind"] = "Choice", ["Options[en]"] = "Sheraton Guiyang\nI arrange my own", ["Required"] = "true",
            ["Label[zh]"] = "酒店", ["Options[zh]"] = "贵阳喜来登酒店\n自行安排",
        }, "form[action$='/questions']"))
        {
            var page = await saved.ReadDocumentAsync();
            Assert.Contains("The question was saved", page.QuerySelector(".notice")!.TextContent);
        }

        var edit = await Organiser.GetPageAsync($"/organiser/events/{ev.Id}/questions?edit=" + await App.WithDbAsync(db => db.RegistrationQuestions.Select(q => q.Id).SingleAsync()));
        Assert.Equal("酒店", edit.QuerySelector("#Label-zh")!.GetAttribute("value"));
        Assert.Contains("(missing)", edit.QuerySelector("label[for='Label-kk'] .missing:not([hidden])")!.TextContent);
        Assert.Null(edit.QuerySelector("label[for='Label-zh'] .missing:not([hidden])"));

        var hotel = await App.WithDbAsync(db => db.RegistrationQuestions.Select(q => q.Id).SingleAsync());
        var reader = App.Client();
        reader.DefaultRequestHeaders.Add("Accept-Language", "zh-CN");
        var form = await reader.GetPageAsync("/events/hotel/register");
        var asked = form.QuerySelector($"#Answers_{hotel}")!;
        Assert.Equal("酒店", asked.QuerySelector("legend")!.TextContent.Trim());
        Assert.Equal(["贵阳喜来登酒店", "自行安排"], asked.QuerySelectorAll("label").Select(l => l.TextContent.Trim()));
        Assert.Equal(["1", "2"], asked.QuerySelectorAll("input").Select(i => i.GetAttribute("value")));

        // Unanswered, the reason is in Chinese with the Chinese question.
        using var unanswered = await reader.RegisterAsync("hotel", RegistrationSupport.Delegate("wang.fang@gzu.example.edu"));
        Assert.Contains("请回答：酒店", (await unanswered.ReadDocumentAsync()).Errors());

        using var registered = await reader.RegisterAsync("hotel", RegistrationSupport.Delegate("wang.fang@gzu.example.edu", change: f => f[$"Answers[{hotel}]"] = "1"));
        await App.TokenOfAsync(registered);
        Assert.Equal("1", await App.WithDbAsync(db => db.RegistrationAnswers.Select(a => a.Value).SingleAsync()));

        // A Kazakh reader, with no Kazakh written, reads the default language, English.
        var kazakh = App.Client();
        kazakh.DefaultRequestHeaders.Add("Accept-Language", "kk-KZ");
        var english = (await kazakh.GetPageAsync("/events/hotel/register")).QuerySelector($"#Answers_{hotel}")!;
        Assert.StartsWith("Hotel", english.QuerySelector("legend")!.TextContent.Trim());
    }

    [Theory]
    [InlineData("", "YesNo", "", "Write the question.")]
    [InlineData("Hotel", "Choice", "Sheraton", "Give at least two answers to choose from, one per line.")]
    public async Task A_question_that_cannot_be_asked_is_refused_with_a_reason(string label, string kind, string options, string message)
    {
        var ev = await App.CreateEventAsync("bad-question");
        using var refused = await Organiser.SubmitFormAsync($"/organiser/events/{ev.Id}/questions", new Dictionary<string, string>
        {
            ["Label[en]"] = label, ["Kind"] = kind, ["Options[en]"] = options,
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains(message, (await refused.ReadDocumentAsync()).Errors());
        Assert.Equal(0, await App.WithDbAsync(db => db.RegistrationQuestions.CountAsync()));
    }

    [Fact]
    public async Task A_spreadsheet_import_is_not_held_to_the_forms_required_questions()
    {
        var ev = await App.CreateEventAsync("import-questions");
        await AskAsync(ev.Id, "Gala dinner", "YesNo", required: true);
        var request = new RegistrationRequest(new PersonDetails("Imported Person", null, null, "imported@example.edu", RegistrationCategory.Delegate, null),
            [], null, "Kazakh-British Technical University", null, "KZ", null, "en", null, null, null, false);
        var result = await App.WithServiceAsync<RegistrationSubmission, bool>(async s => (await s.RegisterAsync(ev.Id, request, byOrganiser: true)).Succeeded);
        Assert.True(result);
    }
}
