using System.Net;
using EventManager.Core.Meetings;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Tests;

/// <summary>
/// The organisers' meetings page: a session becomes a block of slots and tables (bad numbers get a message, not a
/// block), "Schedule the meetings" fills the grid (tables across, slots down) and lists what it could not place and why.
/// </summary>
public class MeetingsPageTests : SignedInOrganiserTest
{
    [Fact]
    public async Task An_organiser_turns_a_session_into_a_block_schedules_and_reads_the_grid_and_the_reasons()
    {
        var dialogue = await App.MeetingDialogueAsync(withBlock: false);
        await App.AcceptedMeetingAsync(dialogue, "Guizhou University", "Al-Farabi Kazakh National University", 30);
        await App.AcceptedMeetingAsync(dialogue, "Al-Farabi Kazakh National University", "Astana IT University", 10);
        await App.AcceptedMeetingAsync(dialogue, "Tsinghua University", "Astana IT University", 5);
        var url = $"/organiser/events/{dialogue.EventId}/meetings";
        var blockSession = await App.WithDbAsync(db => db.Sessions.Where(s => s.EventId == dialogue.EventId && s.Title == (Core.Common.LocalText)"Bilateral meetings").Select(s => s.Id).SingleAsync());

        // Nothing to schedule yet: no block, so no button.
        var empty = await Organiser.GetPageAsync(url);
        Assert.Null(empty.QuerySelector("#schedule-meetings"));
        Assert.Equal("0", empty.QuerySelectorAll("#meeting-counts dd")[2].TextContent);

        // No tables: a message on the form, and no block.
        using (var refused = await Organiser.SubmitFormAsync(url, new Dictionary<string, string> { ["SessionId"] = $"{blockSession}", ["Tables"] = "0" }, "#add-block"))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains("Enter between 1 and 500 tables.", (await refused.ReadDocumentAsync()).QuerySelector(".error-summary")!.TextContent);
        }

        Assert.Equal(0, await App.WithDbAsync(db => db.MeetingBlocks.CountAsync()));

        using (var added = await Organiser.SubmitFormAsync(url, new Dictionary<string, string> { ["SessionId"] = $"{blockSession}", ["SlotMinutes"] = "20", ["Tables"] = "2" }, "#add-block"))
        {
            var page = await added.ReadDocumentAsync();
            Assert.Contains("The session now holds meetings in slots of 20 minutes at 2 tables.", page.QuerySelector(".notice")!.TextContent);
            // An hour in slots of 20 minutes: three rows, two tables.
            Assert.Equal(3, page.QuerySelectorAll(".meeting-grid tbody tr").Length);
            Assert.Equal(["Time", "Table 1", "Table 2"], page.QuerySelectorAll(".meeting-grid thead th").Select(th => th.TextContent));
        }

        // On the published agenda the block is one session, of kind "Bilateral meetings" (the dialogue's dates set around its day first).
        await App.WithDbAsync(db => db.Events.Where(e => e.Id == dialogue.EventId)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.StartsAtUtc, MeetingSupport.Ten.AddHours(-2)).SetProperty(e => e.EndsAtUtc, MeetingSupport.Ten.AddHours(8))));
        using (var published = await Organiser.SubmitFormAsync($"/organiser/events/{dialogue.EventId}/agenda", new Dictionary<string, string>(), "form[action$='/agenda/publish']"))
        {
            var page = await published.ReadDocumentAsync();
            Assert.Equal("Version 1 is published.", page.QuerySelector(".notice")!.TextContent);
        }

        var blockUid = await App.WithDbAsync(db => db.Sessions.Where(s => s.Id == blockSession).Select(s => s.Uid).SingleAsync());
        var agenda = await App.Client().GetPageAsync("/events/meetings-dialogue/agenda");
        var item = Assert.Single(agenda.QuerySelectorAll($"article.session[data-uid='{blockUid}']"));
        Assert.Equal("Bilateral meetings", item.QuerySelector(".kind-label")!.TextContent);

        using var scheduled = await Organiser.SubmitFormAsync(url, new Dictionary<string, string>(), "form[action$='/meetings/schedule']");
        var grid = await scheduled.ReadDocumentAsync();
        Assert.Contains("Meetings scheduled: 2; could not be placed: 1 (see why below); published meetings moved: 0.", grid.QuerySelector(".notice")!.TextContent);
        Assert.Equal(["0", "3", "2", "1"], grid.QuerySelectorAll("#meeting-counts dd").Select(d => d.TextContent));
        var cells = grid.QuerySelectorAll(".meeting-grid .meeting").Select(m => m.TextContent.Trim()).ToList();
        Assert.Contains(cells, c => c.StartsWith("Guizhou University – Al-Farabi Kazakh National University") && c.Contains("Interpreter: Aigerim Nurlanovna"));
        Assert.Contains(cells, c => c.StartsWith("Al-Farabi Kazakh National University – Astana IT University") && !c.Contains("Interpreter"));
        Assert.Equal("Tsinghua University – Astana IT University: Tsinghua University is not free in any slot of the meeting blocks.",
            grid.QuerySelector("#unplaced-meetings li")!.TextContent.Trim());

        // The signs for the tables: one page each, with the meetings held there.
        var blockId = await App.WithDbAsync(db => db.MeetingBlocks.Select(b => b.Id).SingleAsync());
        using (var signs = await Organiser.GetAsync($"{url}/{blockId}/signs.pdf"))
        {
            Assert.Equal("application/pdf", signs.Content.Headers.ContentType!.MediaType);
            var pdf = await signs.Content.ReadAsByteArrayAsync();
            Assert.Contains("Table1", PdfTools.Compact(PdfTools.Text(pdf, page: 1)));
            Assert.Contains("Table2", PdfTools.Compact(PdfTools.Text(pdf, page: 2)));
            Assert.Contains(PdfTools.Compact("Guizhou University – Al-Farabi Kazakh National University"), PdfTools.Compact(PdfTools.Text(pdf)));
        }

        // Published, then Astana IT becomes unavailable for the block: a re-run takes its meeting out and says one moved.
        using (var published = await Organiser.SubmitFormAsync(url, new Dictionary<string, string>(), "form[action$='/meetings/publish']"))
        {
            Assert.Contains("Meetings published: 2.", (await published.ReadDocumentAsync()).QuerySelector(".notice")!.TextContent);
        }

        // Both sides of both meetings were told their time.
        Assert.Equal(4, await App.WithDbAsync(db => db.OutgoingMessages.CountAsync(m => m.Kind == "MeetingScheduled")));

        await App.WithDbAsync(async db =>
        {
            var astana = await db.MeetingDelegations.SingleAsync(d => d.Id == dialogue.Delegations["Astana IT University"]);
            astana.UnavailableBlocks = $"{await db.MeetingBlocks.Select(b => b.Id).SingleAsync()}";
            return await db.SaveChangesAsync();
        });
        using var again = await Organiser.SubmitFormAsync(url, new Dictionary<string, string>(), "form[action$='/meetings/schedule']");
        var rerun = await again.ReadDocumentAsync();
        Assert.Contains("Meetings scheduled: 1; could not be placed: 2 (see why below); published meetings moved: 1.", rerun.QuerySelector(".notice")!.TextContent);
        Assert.Equal(2, rerun.QuerySelectorAll("#unplaced-meetings li").Length);

        // Publishing again tells only the two sides of the meeting that lost its time; the one that stayed put is not news.
        (await Organiser.SubmitFormAsync(url, new Dictionary<string, string>(), "form[action$='/meetings/publish']")).Dispose();
        Assert.Equal(2, await App.WithDbAsync(db => db.OutgoingMessages.CountAsync(m => m.Kind == "MeetingUnscheduled")));
        Assert.Equal(4, await App.WithDbAsync(db => db.OutgoingMessages.CountAsync(m => m.Kind == "MeetingScheduled")));
    }

    [Fact]
    public async Task An_organiser_keeps_the_fields_of_cooperation_and_the_interpreters_and_answers_for_a_delegation()
    {
        var dialogue = await App.MeetingDialogueAsync();
        var url = $"/organiser/events/{dialogue.EventId}/meetings";
        var eventLanguage = await App.WithDbAsync(db => db.Events.Where(e => e.Id == dialogue.EventId).Select(e => e.Languages).SingleAsync());
        var code = Core.Events.EventLanguages.Parse(eventLanguage)[0];

        using (var added = await Organiser.SubmitFormAsync(url, new Dictionary<string, string> { [$"name[{code}]"] = "Joint research" }, "#add-interest"))
        {
            var page = await added.ReadDocumentAsync();
            Assert.Equal("The field of cooperation was added; delegations can choose it.", page.QuerySelector(".notice")!.TextContent);
            Assert.Contains("Joint research", page.QuerySelector("#interests")!.TextContent);
        }

        using (var empty = await Organiser.SubmitFormAsync(url, new Dictionary<string, string> { [$"name[{code}]"] = "" }, "#add-interest"))
        {
            Assert.Equal("Enter the field of cooperation.", (await empty.ReadDocumentAsync()).QuerySelector(".notice.problem")!.TextContent);
        }

        // An interpreter from the people directory, with pairs written as codes; a pair of unknown codes is refused.
        var person = await App.WithDbAsync(async db =>
        {
            var p = new Core.Delegates.Delegate { LatinName = "Daniyar Seitkali" };
            db.Delegates.Add(p);
            await db.SaveChangesAsync();
            return p.Id;
        });
        using (var wrong = await Organiser.SubmitFormAsync(url, new Dictionary<string, string> { ["personId"] = $"{person}", ["pairs"] = "Chinese to Kazakh" }, "#add-interpreter"))
        {
            Assert.Equal("Give the language pairs as codes joined by a hyphen, such as zh-kk zh-ru.", (await wrong.ReadDocumentAsync()).QuerySelector(".notice.problem")!.TextContent);
        }

        using (var interpreter = await Organiser.SubmitFormAsync(url, new Dictionary<string, string> { ["personId"] = $"{person}", ["pairs"] = " ZH-kk,kk-zh zh-ru " }, "#add-interpreter"))
        {
            Assert.Contains("Daniyar Seitkali: zh-kk zh-ru", (await interpreter.ReadDocumentAsync()).QuerySelector("#interpreters")!.TextContent);
        }

        // Taking one off asks first.
        var id = await App.WithDbAsync(db => db.Interpreters.Where(i => i.PersonId == person).Select(i => i.Id).SingleAsync());
        using (var removed = await Organiser.ConfirmAsync(await Organiser.SubmitFormAsync(url, new Dictionary<string, string>(), $"form[action$='/interpreters/{id}/remove']")))
        {
            Assert.Equal("The interpreter was taken off the event.", (await removed.ReadDocumentAsync()).QuerySelector(".notice")!.TextContent);
        }

        // An organiser accepts a request for the asked side: both sides are told.
        var asked = await App.WithServiceAsync<MeetingRequests, Core.Common.DomainResult<MeetingRequest>>(r =>
            r.AskAsync(dialogue.EventId, dialogue.Delegations["Astana IT University"], dialogue.Delegations["Guizhou University"], "Digital universities"));
        using (var accepted = await Organiser.SubmitFormAsync(url, new Dictionary<string, string>(), $"#meeting-requests tr[data-request='{asked.Value!.Id}'] form[action$='/answer']", button: "button[value=true]"))
        {
            Assert.Equal("Accepted for them; both delegations were told.", (await accepted.ReadDocumentAsync()).QuerySelector(".notice")!.TextContent);
        }

        Assert.Equal(2, await App.WithDbAsync(db => db.OutgoingMessages.CountAsync(m => m.Kind == "MeetingAccepted")));

        // Scheduled, then moved by hand: onto a table another meeting holds is refused; into the Guizhou rector's talk
        // (10:00) it is moved, pinned, and the clash is shown on the tile.
        await App.AcceptedMeetingAsync(dialogue, "Al-Farabi Kazakh National University", "Astana IT University", 1);
        await App.RunMeetingSchedulerAsync(dialogue.EventId);
        var placed = await App.WithDbAsync(db => db.MeetingRequests.Where(r => r.BlockId != null).OrderBy(r => r.Id).ToListAsync());
        Assert.Equal(2, placed.Count);
        var (mine, other) = (placed.Single(r => r.Id == asked.Value.Id), placed.Single(r => r.Id != asked.Value.Id));
        var form = $"#block-{dialogue.Block} .meeting[data-request='{mine.Id}'] form.meeting-move";
        if (mine.Slot != other.Slot)
        {
            using (var refused = await Organiser.SubmitFormAsync(url, new Dictionary<string, string> { ["slot"] = $"{other.Slot}", ["table"] = $"{other.Table}" }, form))
            {
                Assert.Equal($"Table {other.Table} is taken at that time; move the meeting to a free table.", (await refused.ReadDocumentAsync()).QuerySelector(".notice.problem")!.TextContent);
            }
        }

        var freeTable = other.Slot == 0 && other.Table == 1 ? 2 : 1;
        using (var moved = await Organiser.SubmitFormAsync(url, new Dictionary<string, string> { ["slot"] = "0", ["table"] = $"{freeTable}" }, form))
        {
            var page = await moved.ReadDocumentAsync();
            Assert.Equal("Moved and pinned: the scheduler keeps it there. Publish to tell both delegations.", page.QuerySelector(".notice")!.TextContent);
            var tile = page.QuerySelector($".meeting-grid td[data-slot='0'][data-table='{freeTable}'] .meeting")!;
            Assert.Contains("clash", tile.ClassList);
            Assert.Contains("Pinned", tile.TextContent);
            Assert.Contains("Guizhou University has a duty or is away at this time.", tile.QuerySelectorAll(".clashes li").Select(li => li.TextContent));
        }

        // A re-run will not keep a pin in a clash: it moves the meeting and says so.
        using (var rerun = await Organiser.SubmitFormAsync(url, new Dictionary<string, string>(), "form[action$='/meetings/schedule']"))
        {
            Assert.Contains("Pinned meetings that clashed where they were and were moved: 1.", (await rerun.ReadDocumentAsync()).QuerySelector(".notice")!.TextContent);
        }

        // Pinned at a time both can meet (10:40, table 2), a re-run keeps it where the organiser put it.
        (await Organiser.SubmitFormAsync(url, new Dictionary<string, string> { ["slot"] = "2", ["table"] = "2" }, form)).Dispose();
        await App.RunMeetingSchedulerAsync(dialogue.EventId);
        var kept = await App.WithDbAsync(db => db.MeetingRequests.Where(r => r.Id == mine.Id).Select(r => new { r.Slot, r.Table, r.Pinned }).SingleAsync());
        Assert.Equal((2, 2, true), (kept.Slot!.Value, kept.Table!.Value, kept.Pinned));

        // The partnership matrix shows the meetings between Chinese and Kazakh universities beside their agreements.
        var matrix = await Organiser.GetPageAsync($"/organiser/events/{dialogue.EventId}/partnerships?rows=CN&columns=KZ");
        var guizhouRow = matrix.QuerySelectorAll("table.matrix tbody tr").Single(r => r.QuerySelector("th")!.TextContent.Trim().StartsWith("Guizhou University"));
        Assert.Contains("1 meeting", guizhouRow.QuerySelectorAll("td .meetings").Select(d => d.TextContent));
    }
}
