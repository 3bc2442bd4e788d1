using System.Net;
using System.Net.Http.Headers;
using System.Text;
using EventManager.Core.Events;
using Ical.Net;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Tests;

/// <summary>
/// What an organiser writes, in the event's languages: given through the forms in English, Chinese and Kazakh, read
/// back in the reader's language on the event page, the agenda, the calendar feed and the confirmation message, and
/// in the default language where the reader's is missing.
/// </summary>
public sealed class MultilingualContentTests : SignedInOrganiserTest
{
    protected override AppFactory CreateApp() => new AppFactory().With("RateLimits:PublicFormPermits", "1000");

    private HttpClient Reader(string language)
    {
        var client = App.Client();
        client.DefaultRequestHeaders.Add("Accept-Language", language);
        return client;
    }

    /// <summary>The event, a room and two sessions (one given only in English), published, registration open.</summary>
    private async Task<Event> TrilingualDialogueAsync()
    {
        using (var created = await Organiser.SubmitFormAsync("/organiser/events/new", new List<KeyValuePair<string, string>>
        {
            new("DefaultLanguage", "en"), new("OtherLanguages", "zh"), new("OtherLanguages", "kk"),
            new("Name[en]", "Rectors' Cooperation Dialogue"), new("Name[zh]", "大学校长合作对话"), new("Name[kk]", "Ректорлардың ынтымақтастық диалогы"),
            new("Slug", "rectors"), new("Kind", "Dialogue"),
            new("StartsLocal", "2027-09-14T09:00"), new("EndsLocal", "2027-09-15T17:30"), new("TimeZoneId", "Asia/Shanghai"),
            new("Venue[en]", "Guiyang International Eco-Conference Center"), new("Venue[zh]", "贵阳国际生态会议中心"), new("Venue[kk]", "Гуйян халықаралық эко-конференция орталығы"),
            new("City[en]", "Guiyang"), new("City[zh]", "贵阳"),
            new("Description[en]", "Rectors meet and sign agreements."),
            new("ShortName[en]", "Rectors' Dialogue"), new("ShortName[zh]", "校长对话"),
            new("MessageSignature[en]", "Organising Committee"), new("MessageSignature[zh]", "组委会"),
        }))
        {
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        }

        var ev = await App.WithDbAsync(db => db.Events.SingleAsync());
        Assert.Equal("en zh kk", ev.Languages);

        using (var room = await Organiser.SubmitFormAsync($"/organiser/events/{ev.Id}/rooms", new Dictionary<string, string>
        {
            ["Name[en]"] = "Hall A", ["Name[zh]"] = "A厅", ["Name[kk]"] = "A залы", ["Capacity"] = "300",
        }))
        {
            Assert.Equal(HttpStatusCode.OK, room.StatusCode);
        }

        var hallA = await App.WithDbAsync(db => db.Rooms.Select(r => r.Id).SingleAsync());
        async Task Session(Dictionary<string, string> titles, string starts, string ends)
        {
            var fields = new Dictionary<string, string>(titles)
            {
                ["Kind"] = "Plenary", ["StartsLocal"] = starts, ["EndsLocal"] = ends, ["RoomId"] = hallA.ToString(), ["Language"] = "zh-CN",
            };
            using var saved = await Organiser.SubmitFormAsync($"/organiser/events/{ev.Id}/agenda/sessions/new", fields);
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        await Session(new() { ["Title[en]"] = "Opening plenary", ["Title[zh]"] = "开幕全体会议", ["Title[kk]"] = "Ашылу пленарлық отырысы" }, "2027-09-14T09:00", "2027-09-14T10:00");
        await Session(new() { ["Title[en]"] = "Tea with the rectors" }, "2027-09-14T10:30", "2027-09-14T11:00");
        using (var published = await Organiser.SubmitFormAsync($"/organiser/events/{ev.Id}/agenda", new Dictionary<string, string>(), "form[action$='/agenda/publish']"))
        {
            Assert.Contains("Version 1 is published.", (await published.ReadDocumentAsync()).QuerySelector(".notice")!.TextContent);
        }

        await App.SavePolicyAsync(ev.Id, new Core.Registrations.RegistrationPolicyInput(true, null, null, null, null, false));
        return ev;
    }

    [Fact]
    public async Task A_chinese_reader_sees_the_organisers_chinese_texts_and_english_only_where_no_chinese_was_given()
    {
        await TrilingualDialogueAsync();
        var chinese = Reader("zh-CN");

        var page = await chinese.GetPageAsync("/events/rectors");
        Assert.Equal("大学校长合作对话", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("贵阳国际生态会议中心", page.MainText());
        Assert.DoesNotContain("Guiyang International Eco-Conference Center", page.MainText());
        // No Chinese description was given: the default language's, rather than nothing.
        Assert.Contains("Rectors meet and sign agreements.", page.QuerySelector(".description")!.TextContent);

        var agenda = await chinese.GetPageAsync("/events/rectors/agenda");
        Assert.Equal(["A厅"], agenda.QuerySelectorAll(".agenda-column .room").Select(r => r.TextContent));
        Assert.Contains("开幕全体会议", agenda.MainText());
        Assert.DoesNotContain("Opening plenary", agenda.MainText());
        Assert.Contains("Tea with the rectors", agenda.MainText());
        // The page's calendar link carries the reader's language, so the feed speaks it too.
        var feedLink = agenda.QuerySelector("a[href*='agenda.ics']")!.GetAttribute("href")!;
        Assert.Equal("/events/rectors/agenda.ics?lang=zh-CN", feedLink);

        var feed = Calendar.Load(await App.Client().GetStringAsync(feedLink))!;
        var opening = feed.Events.Single(e => e.DtStart!.AsUtc.Hour == 1);
        Assert.Equal("开幕全体会议", opening.Summary);
        Assert.Equal("A厅，贵阳国际生态会议中心", opening.Location);
        Assert.Equal("Tea with the rectors", feed.Events.Single(e => e.DtStart!.AsUtc.Hour == 2).Summary);
        // The same feed without a language is the default's; each language is cached on its own.
        var english = Calendar.Load(await App.Client().GetStringAsync("/events/rectors/agenda.ics"))!;
        Assert.Equal("Opening plenary", english.Events.Single(e => e.DtStart!.AsUtc.Hour == 1).Summary);
        Assert.Equal("Hall A, Guiyang International Eco-Conference Center", english.Events.Single(e => e.DtStart!.AsUtc.Hour == 1).Location);

        await App.TokenOfAsync(await chinese.RegisterAsync("rectors", RegistrationSupport.Delegate("wang.wei@gzu.example", change: f =>
        {
            f["LatinName"] = "Wang Wei";
            f["NativeName"] = "王伟";
            f["PreferredLanguage"] = "zh-CN";
            f["TimeZoneId"] = "Asia/Shanghai";
        })));
        var (subject, body) = Assert.Single(App.MailTo("wang.wei@gzu.example"));
        Assert.Contains("大学校长合作对话", subject);
        Assert.Contains("地点：贵阳国际生态会议中心，贵阳", body);
        Assert.DoesNotContain("Rectors' Cooperation Dialogue", body);
        // The organisers' signature closes it, in Chinese.
        Assert.EndsWith("\n\n组委会", body.TrimEnd());
        Assert.DoesNotContain("Organising Committee", body);
    }

    [Fact]
    public async Task A_kazakh_reader_falls_back_to_the_default_language_text_by_text()
    {
        await TrilingualDialogueAsync();
        var kazakh = Reader("kk");

        var page = await kazakh.GetPageAsync("/events/rectors");
        Assert.Equal("Ректорлардың ынтымақтастық диалогы", page.QuerySelector("h1")!.TextContent);
        var agenda = await kazakh.GetPageAsync("/events/rectors/agenda");
        Assert.Equal(["A залы"], agenda.QuerySelectorAll(".agenda-column .room").Select(r => r.TextContent));
        Assert.Contains("Ашылу пленарлық отырысы", agenda.MainText());

        // No Kazakh city was given: the place reads the Kazakh venue with the English city.
        await App.TokenOfAsync(await kazakh.RegisterAsync("rectors", RegistrationSupport.Delegate("aigerim@satbayev.example", change: f => f["PreferredLanguage"] = "kk-KZ")));
        var (_, body) = Assert.Single(App.MailTo("aigerim@satbayev.example"));
        Assert.Contains("Гуйян халықаралық эко-конференция орталығы, Guiyang", body);
        // No Kazakh signature either: the default's.
        Assert.EndsWith("\n\nOrganising Committee", body.TrimEnd());

        // A reader of a language the event does not use (Russian) reads the default throughout.
        var russian = await Reader("ru").GetPageAsync("/events/rectors");
        Assert.Equal("Rectors' Cooperation Dialogue", russian.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task The_form_shows_a_field_per_event_language_says_which_are_missing_and_requires_the_default()
    {
        var ev = await TrilingualDialogueAsync();
        var form = await Organiser.GetPageAsync($"/organiser/events/{ev.Id}/edit");
        Assert.Equal(["Name[en]", "Name[zh]", "Name[kk]"], form.QuerySelectorAll("input[name^='Name[']").Select(i => i.GetAttribute("name")!));
        Assert.Equal("zh", form.QuerySelector("input[name='Name[zh]']")!.GetAttribute("lang"));
        Assert.Equal("大学校长合作对话", form.QuerySelector("input[name='Name[zh]']")!.GetAttribute("value"));
        // The city was given in English and Chinese only.
        var cityLabels = form.QuerySelectorAll("label[for^='City']").Select(l => l.Clone() as AngleSharp.Dom.IElement).ToList();
        cityLabels.ForEach(l => l!.QuerySelector(".missing[hidden]")?.Remove());
        Assert.Equal(["English", "中文", "Қазақ тілі (missing)"], cityLabels.Select(l => string.Join(' ', l!.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))));

        // Adding Russian shows its fields without saving anything yet.
        using var refreshed = await Organiser.SubmitFormAsync($"/organiser/events/{ev.Id}/edit", [new("OtherLanguages", "zh"), new("OtherLanguages", "kk"), new("OtherLanguages", "ru")], button: "button[name=refresh]");
        var more = await refreshed.ReadDocumentAsync();
        Assert.NotNull(more.QuerySelector("input[name='Name[ru]']"));
        Assert.Equal("en zh kk", await App.WithDbAsync(db => db.Events.Select(e => e.Languages).SingleAsync()));

        // Without the default language's name the event is not saved: every other reader would fall back to it.
        using var refused = await Organiser.SubmitFormAsync($"/organiser/events/{ev.Id}/edit", new Dictionary<string, string> { ["Name[en]"] = "" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("Give this in English, the event's default language: readers of other languages see it when theirs is missing.", (await refused.ReadDocumentAsync()).Errors());
        Assert.Equal("Rectors' Cooperation Dialogue", await App.WithDbAsync(async db => (await db.Events.SingleAsync()).Name.In("en")));

        // Chinese as the default: the English texts stay, and a reader of a missing language now falls back to Chinese.
        using var switched = await Organiser.SubmitFormAsync($"/organiser/events/{ev.Id}/edit", [new("DefaultLanguage", "zh"), new("OtherLanguages", "en"), new("OtherLanguages", "kk")]);
        Assert.Equal(HttpStatusCode.OK, switched.StatusCode);
        Assert.Equal("zh en kk", await App.WithDbAsync(db => db.Events.Select(e => e.Languages).SingleAsync()));
        Assert.Equal("大学校长合作对话", (await Reader("ru").GetPageAsync("/events/rectors")).QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task A_translator_fills_the_exported_file_and_the_organiser_saves_it_after_seeing_what_changes()
    {
        var ev = await TrilingualDialogueAsync();
        var page = await Organiser.GetPageAsync($"/organiser/events/{ev.Id}/translations");
        // Kazakh lacks the city, the description, the short name, the signature and the tea's title; Chinese the description and the tea's title.
        Assert.Contains("5 texts are missing", page.QuerySelector("#missing-kk")!.ParentElement!.TextContent);
        Assert.Contains("2 texts are missing", page.QuerySelector("#missing-zh")!.ParentElement!.TextContent);

        var exported = (await Organiser.GetStringAsync($"/organiser/events/{ev.Id}/translations/kk.csv")).TrimStart('\uFEFF');
        var lines = exported.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("key,what,source,translation", lines[0]);
        Assert.Equal(["event.city", "event.description", "event.shortname", "event.signature", $"session.{await SessionIdAsync("Tea with the rectors")}.title"], lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.Contains("event.city,City,Guiyang,", lines);

        // The translator fills two of them, and a row for a session removed since.
        var filled = new StringBuilder(lines[0]).Append("\r\n")
            .Append(lines[1]).Append("Гуйян\r\n")
            .Append(lines[2]).Append("\r\n")
            .Append(lines[5]).Append("\"Ректорлармен шай, әңгіме\"\r\n")
            .Append("session.99999.title,Session title,Gone,Жоқ\r\n")
            .ToString();
        using var preview = await UploadAsync(ev.Id, "kk", filled);
        var shown = await preview.ReadDocumentAsync();
        var rows = shown.QuerySelectorAll("#translation-preview tbody tr").Select(r => r.QuerySelector(".after")!.TextContent).ToList();
        Assert.Equal(["Гуйян", "Ректорлармен шай, әңгіме"], rows);
        Assert.Contains("Line 5: session.99999.title is not a text of this event (it may have been removed since the file was made).", shown.QuerySelector("#translation-preview [role=alert]")!.TextContent);
        // Nothing is saved by looking.
        Assert.Null(await App.WithDbAsync(async db => (await db.Events.SingleAsync()).City!.Exactly("kk")));

        // The preview's own form saves it, as a browser would post it.
        var apply = shown.QuerySelector("form[action$='/translations/apply']")!;
        using var saved = await Organiser.PostAsync(apply.GetAttribute("action"), new FormUrlEncodedContent(
            apply.QuerySelectorAll("input[name]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""))));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var after = await saved.ReadDocumentAsync();
        Assert.Contains("2 translations were saved.", after.QuerySelector(".notice")!.TextContent);
        Assert.Contains("3 texts are missing", after.QuerySelector("#missing-kk")!.ParentElement!.TextContent);

        // The session's new title is in the draft: published, a Kazakh reader sees it.
        using (await Organiser.SubmitFormAsync($"/organiser/events/{ev.Id}/agenda", new Dictionary<string, string>(), "form[action$='/agenda/publish']"))
        {
        }

        Assert.Contains("Ректорлармен шай, әңгіме", (await Reader("kk").GetPageAsync("/events/rectors/agenda")).MainText());
        Assert.Contains("Гуйян", (await Reader("kk").GetPageAsync("/events/rectors")).MainText());
    }

    [Fact]
    public async Task When_the_default_language_changes_a_reader_of_a_missing_language_gets_the_new_default()
    {
        var ev = await App.CreateEventAsync("rekeyed", languages: "zh en kk");
        await App.WithDbAsync(async db =>
        {
            var room = new Core.Agenda.Room { EventId = ev.Id, Name = Core.Common.LocalText.From(("zh", "A厅"), ("en", "Hall A")) };
            db.Rooms.Add(room);
            await db.SaveChangesAsync();
            db.Sessions.Add(new Core.Agenda.Session
            {
                EventId = ev.Id, Uid = Guid.NewGuid(), Title = Core.Common.LocalText.From(("zh", "开幕全体会议"), ("en", "Opening plenary")), Kind = Core.Agenda.SessionKind.Plenary,
                StartsAtUtc = new DateTime(2027, 9, 14, 1, 0, 0, DateTimeKind.Utc), EndsAtUtc = new DateTime(2027, 9, 14, 2, 0, 0, DateTimeKind.Utc), RoomId = room.Id,
            });
            db.RegistrationQuestions.Add(new Core.Registrations.RegistrationQuestion
            {
                EventId = ev.Id, Label = Core.Common.LocalText.From(("zh", "酒店"), ("en", "Hotel")), Kind = Core.Registrations.QuestionKind.Choice,
                Options = Core.Common.LocalText.From(("zh", "喜来登\n自行安排"), ("en", "Sheraton\nI arrange my own")),
            });
            return await db.SaveChangesAsync();
        });
        var question = await App.WithDbAsync(db => db.RegistrationQuestions.Select(q => q.Id).SingleAsync());
        (await App.Client().RegisterAsync("rekeyed", RegistrationSupport.Delegate("aigerim@kaznu.example.kz", change: f => f[$"Answers[{question}]"] = "自行安排"))).Dispose();
        Assert.True(await App.WithServiceAsync<Core.Agenda.AgendaPublishing, bool>(async p => (await p.PublishAsync(ev.Id)).Succeeded));
        var kazakh = Reader("kk");
        Assert.Contains("开幕全体会议", (await kazakh.GetPageAsync("/events/rekeyed/agenda")).MainText());

        // English becomes the default; Chinese stays.
        using (var saved = await Organiser.SubmitFormAsync($"/organiser/events/{ev.Id}/edit", new List<KeyValuePair<string, string>>
        {
            new("DefaultLanguage", "en"), new("OtherLanguages", "zh"), new("OtherLanguages", "kk"), new("Name[en]", "Dialogue rekeyed"),
        }))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        var agenda = (await kazakh.GetPageAsync("/events/rekeyed/agenda")).MainText();
        Assert.Contains("Opening plenary", agenda);
        Assert.Contains("Hall A", agenda);
        Assert.DoesNotContain("开幕全体会议", agenda);
        var (label, answers, stored) = await App.WithDbAsync(async db =>
        {
            var q = await db.RegistrationQuestions.AsNoTracking().SingleAsync();
            return (q.Label.In("kk"), q.OptionList, (await db.RegistrationAnswers.AsNoTracking().SingleAsync()).Value);
        });
        Assert.Equal("Hotel", label);
        Assert.Equal(["Sheraton", "I arrange my own"], answers);
        // The answer given follows: it is still the same choice.
        Assert.Equal("I arrange my own", stored);
    }

    [Fact]
    public async Task A_translators_file_in_another_encoding_or_with_a_control_character_is_refused_with_what_to_do()
    {
        var ev = await TrilingualDialogueAsync();
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var cyrillic = Encoding.GetEncoding(1251).GetBytes("key,what,source,translation\r\nevent.city,City,Guiyang,Гуйян\r\n");
        using (var refused = await UploadAsync(ev.Id, "kk", cyrillic))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains((await refused.ReadDocumentAsync()).Errors(), e => e.StartsWith("The file is not saved as UTF-8 (byte 54 cannot be read as UTF-8)."));
        }

        using var control = await UploadAsync(ev.Id, "kk", "key,what,source,translation\r\nevent.city,City,Guiyang,Гуй\u0000ян\r\n");
        var shown = await control.ReadDocumentAsync();
        Assert.Contains("Line 2: the translation holds an invisible control character (such as U+0000); take it out of the file.", shown.QuerySelector("#translation-preview [role=alert]")!.TextContent);
        Assert.Empty(shown.QuerySelectorAll("#translation-preview tbody tr"));
        Assert.Null(await App.WithDbAsync(async db => (await db.Events.SingleAsync()).City!.Exactly("kk")));
    }

    [Fact]
    public async Task Questions_and_reminders_go_through_the_translators_file_and_reach_a_kazakh_delegate_in_kazakh()
    {
        var ev = await TrilingualDialogueAsync();
        using (await Organiser.SubmitFormAsync($"/organiser/events/{ev.Id}/questions", new Dictionary<string, string>
        {
            ["Label[en]"] = "Hotel", ["Kind"] = "Choice", ["Options[en]"] = "Sheraton Guiyang\nI arrange my own", ["Required"] = "true",
        }, "form[action$='/questions']"))
        {
        }

        // A reminder the organisers wrote themselves, in English only (the built-in ones come in every language).
        var question = await App.WithDbAsync(db => db.RegistrationQuestions.Select(q => q.Id).SingleAsync());
        var dayBefore = await App.WithServiceAsync<Core.Reminders.ReminderRuleService, int>(async rules => (await rules.SaveAsync(ev.Id, null, new Core.Reminders.ReminderRuleInput(
            "Buses", Core.Reminders.ReminderAnchor.EventStart, -24 * 60, Core.Reminders.ReminderAudience.ConfirmedDelegates,
            "{event}: the buses leave at 08:00", "Dear {name},\n\nThe buses leave the hotel at 08:00.\n\n{link}", true))).Value!.Id);
        var lines = (await Organiser.GetStringAsync($"/organiser/events/{ev.Id}/translations/kk.csv")).TrimStart('\uFEFF')
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains($"question.{question}.label,Question on the registration form,Hotel,", lines);
        Assert.Contains(lines, l => l.StartsWith($"reminder.{dayBefore}.subject,Subject of the reminder Buses,{{event}}: the buses leave at 08:00,", StringComparison.Ordinal));

        var filled = string.Join("\r\n",
            "key,translation",
            $"question.{question}.label,Қонақүй",
            $"question.{question}.answers,\"Өзім шешемін\"",
            $"reminder.{dayBefore}.subject,{{event}}: автобустар 08:00-де жүреді",
            $"reminder.{dayBefore}.body,\"Құрметті {{name}}!\n\nАвтобустар қонақүйден 08:00-де жүреді.\n\n{{сілтеме}}\"");
        using (var refused = await UploadAsync(ev.Id, "kk", filled))
        {
            var problems = (await refused.ReadDocumentAsync()).QuerySelector("#translation-preview [role=alert]")!.TextContent;
            // One answer for two, and a placeholder translated: both explained; the rest can still be saved.
            Assert.Contains("Line 3: give the 2 answers one per line, in the same order as the source.", problems);
            Assert.Contains("Line 5: {сілтеме} is not a placeholder a message can fill; keep the source's placeholders as they are.", problems);
        }

        filled = filled.Replace("\"Өзім шешемін\"", "\"Sheraton Guiyang\nӨзім шешемін\"").Replace("{сілтеме}", "{link}");
        using var preview = await UploadAsync(ev.Id, "kk", filled);
        var apply = (await preview.ReadDocumentAsync()).QuerySelector("form[action$='/translations/apply']")!;
        using (var saved = await Organiser.PostAsync(apply.GetAttribute("action"), new FormUrlEncodedContent(
            apply.QuerySelectorAll("input[name]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")))))
        {
            Assert.Contains("4 translations were saved.", (await saved.ReadDocumentAsync()).QuerySelector(".notice")!.TextContent);
        }

        // The Kazakh registration form asks in Kazakh; the answer is stored as the default language's.
        var form = await Reader("kk").GetPageAsync("/events/rectors/register");
        Assert.Equal("Қонақүй", form.QuerySelector($"#Answers_{question} legend")!.TextContent.Trim());
        Assert.Equal(["Sheraton Guiyang", "Өзім шешемін"], form.QuerySelectorAll($"#Answers_{question} label").Select(l => l.TextContent.Trim()));

        // A delegate who chose Kazakh gets the organisers' reminder in Kazakh; one who chose Russian (not an event language), in English.
        (await Reader("kk").RegisterAsync("rectors", RegistrationSupport.Delegate("aigerim@kaznu.example.kz", change: f =>
        {
            f["PreferredLanguage"] = "kk-KZ"; f[$"Answers[{question}]"] = "I arrange my own";
        }))).Dispose();
        (await Reader("ru").RegisterAsync("rectors", RegistrationSupport.Delegate("ivan@kbtu.example.kz", change: f =>
        {
            f["PreferredLanguage"] = "ru-RU"; f[$"Answers[{question}]"] = "Sheraton Guiyang";
        }))).Dispose();
        await App.WithServiceAsync<Core.Reminders.ReminderPlanner, Core.Reminders.PlanReport>(p => p.PlanAsync(ev.Id));
        var reminders = await App.WithDbAsync(db => db.OutgoingMessages.Where(m => m.ReminderRuleId == dayBefore).ToListAsync());
        var kazakh = reminders.Single(m => m.RecipientEmail == "aigerim@kaznu.example.kz");
        Assert.Equal("Ректорлардың ынтымақтастық диалогы: автобустар 08:00-де жүреді", kazakh.Subject);
        Assert.StartsWith("Құрметті ", kazakh.TextBody);
        Assert.Equal("kk-KZ", kazakh.Language);
        Assert.Equal("Rectors' Cooperation Dialogue: the buses leave at 08:00", reminders.Single(m => m.RecipientEmail == "ivan@kbtu.example.kz").Subject);
    }

    [Fact]
    public async Task The_built_in_reminders_reach_a_kazakh_delegate_in_kazakh_though_no_organiser_wrote_a_word()
    {
        var ev = await TrilingualDialogueAsync();
        (await Reader("kk").RegisterAsync("rectors", RegistrationSupport.Delegate("aigerim@kaznu.example.kz", change: f => f["PreferredLanguage"] = "kk-KZ"))).Dispose();
        await App.WithServiceAsync<Core.Reminders.ReminderPlanner, Core.Reminders.PlanReport>(p => p.PlanAsync(ev.Id));
        var dayBefore = await App.WithDbAsync(db => db.OutgoingMessages.SingleAsync(m => m.RecipientEmail == "aigerim@kaznu.example.kz" && m.ReminderRuleId != null));
        Assert.Equal("Ректорлардың ынтымақтастық диалогы ертең басталады", dayBefore.Subject);
        Assert.StartsWith("Құрметті ", dayBefore.TextBody);
        Assert.Contains("Тіркеуіңіз бен бағдарлама: ", dayBefore.TextBody);
        Assert.Equal("kk-KZ", dayBefore.Language);

        // The rules' names read in the screen's language; the digest to organisers starts switched off, so none is planned.
        var rules = await Organiser.GetPageAsync($"/organiser/events/{ev.Id}/reminders?lang=kk-KZ");
        var names = rules.QuerySelectorAll("#rules tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList();
        Assert.Contains("Бір күн бұрын", names);
        Assert.Contains("Жаңа тіркеулердің күнделікті шолуы, 18:00-де", names);
        Assert.Equal(0, await App.WithDbAsync(db => db.OutgoingMessages.CountAsync(m => m.RecipientEmail == AppFactory.OrganiserEmail && m.ReminderRuleId != null)));
    }

    [Fact]
    public async Task A_speakers_biography_goes_through_the_translators_file_and_keeps_the_languages_of_other_events()
    {
        var ev = await TrilingualDialogueAsync();
        var speaker = await App.WithDbAsync(async db =>
        {
            var person = new Core.Delegates.Delegate
            {
                Title = "Academician", LatinName = "Zhang Wenhua", NativeName = "张文华",
                Biography = Core.Common.LocalText.From(("en", "Twenty years of exchanges with Central Asia."), ("ru", "Двадцать лет обменов с Центральной Азией.")),
            };
            person.SearchText = person.ComputeSearchText();
            db.Delegates.Add(person);
            var session = await db.Sessions.FirstAsync(s => s.EventId == ev.Id);
            db.SessionPeople.Add(new Core.Agenda.SessionPerson { SessionId = session.Id, Delegate = person, Role = Core.Agenda.SessionRole.Speaker });
            await db.SaveChangesAsync();
            return person.Id;
        });

        var lines = (await Organiser.GetStringAsync($"/organiser/events/{ev.Id}/translations/kk.csv")).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains($"person.{speaker}.biography,Biography of Academician Zhang Wenhua,Twenty years of exchanges with Central Asia.,", lines);

        using var preview = await UploadAsync(ev.Id, "kk", $"key,translation\r\nperson.{speaker}.biography,Орталық Азиямен жиырма жылдық алмасу.");
        var apply = (await preview.ReadDocumentAsync()).QuerySelector("form[action$='/translations/apply']")!;
        using (var saved = await Organiser.PostAsync(apply.GetAttribute("action"), new FormUrlEncodedContent(
            apply.QuerySelectorAll("input[name]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")))))
        {
            Assert.Contains("1 translation was saved.", (await saved.ReadDocumentAsync()).QuerySelector(".notice")!.TextContent);
        }

        var biography = await App.WithDbAsync(db => db.Delegates.Where(d => d.Id == speaker).Select(d => d.Biography).SingleAsync());
        Assert.Equal("Орталық Азиямен жиырма жылдық алмасу.", biography!.Exactly("kk"));
        // The Russian one, written for another event, is still there.
        Assert.Equal("Двадцать лет обменов с Центральной Азией.", biography.Exactly("ru"));

        // Her title too, in Kazakh and in Chinese: the speaker page names her as each reader writes it.
        // (The "what" column holds commas, so the file quotes it.)
        Assert.Contains($"person.{speaker}.title,Title of Zhang Wenhua (Prof., Dr., Academician),Academician,", lines.Select(l => l.Replace("\"", "")));
        foreach (var (language, title) in new[] { ("kk", "Академик"), ("zh", "院士") })
        {
            using var titled = await UploadAsync(ev.Id, language, $"key,translation\r\nperson.{speaker}.title,{title}");
            var form = (await titled.ReadDocumentAsync()).QuerySelector("form[action$='/translations/apply']")!;
            (await Organiser.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(
                form.QuerySelectorAll("input[name]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""))))).Dispose();
        }

        Assert.True(await App.WithServiceAsync<Core.Agenda.AgendaPublishing, bool>(async p => (await p.PublishAsync(ev.Id)).Succeeded));
        string Heading(string language) => Reader(language).GetPageAsync($"/events/rectors/people/{speaker}").GetAwaiter().GetResult().QuerySelector("h1")!.TextContent.Trim();
        Assert.Equal("张文华院士", Heading("zh"));
        Assert.Equal("Академик Zhang Wenhua", Heading("kk"));
        Assert.Equal("Academician Zhang Wenhua", Heading("en"));
    }

    private Task<int> SessionIdAsync(string title) =>
        App.WithDbAsync(async db => (await db.Sessions.ToListAsync()).Single(s => s.Title.Default == title).Id);

    /// <summary>Uploads a filled file for a preview, as the page's form does; the preview page comes back.</summary>
    private Task<HttpResponseMessage> UploadAsync(int eventId, string language, string csv) => UploadAsync(eventId, language, Encoding.UTF8.GetBytes(csv));

    private async Task<HttpResponseMessage> UploadAsync(int eventId, string language, byte[] bytes)
    {
        var page = await Organiser.GetPageAsync($"/organiser/events/{eventId}/translations");
        var token = page.QuerySelector("form[action$='/translations/preview'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new StringContent(language), "language" }, { file, "file", "kk.csv" } };
        return await Organiser.PostAsync($"/organiser/events/{eventId}/translations/preview", content);
    }
}
