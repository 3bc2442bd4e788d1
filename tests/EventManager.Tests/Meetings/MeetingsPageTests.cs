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
}
