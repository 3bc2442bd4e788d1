using System.Net;
using EventManager.Core.Meetings;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Tests;

/// <summary>
/// The meetings part of a delegate's private hub: one university asks another with a reason, the other accepts from
/// its own hub, the organisers schedule, and both read the meeting's time, table and interpreter; before organisers
/// open meetings there is nothing to do there.
/// </summary>
public class DelegateMeetingsTests : IAsyncLifetime
{
    private AppFactory app = default!;

    public async Task InitializeAsync() => app = new AppFactory();

    public async Task DisposeAsync() => await app.DisposeAsync();

    private Task<string> TokenAsync(int personId) => app.WithDbAsync(db => db.Registrations.Where(r => r.DelegateId == personId).Select(r => r.Token).SingleAsync());

    [Fact]
    public async Task Two_universities_request_accept_and_see_their_scheduled_meeting_on_their_hubs()
    {
        var dialogue = await app.MeetingDialogueAsync();
        var guizhou = await TokenAsync(dialogue.People["Guizhou University"]);
        var kaznu = await TokenAsync(dialogue.People["Al-Farabi Kazakh National University"]);
        var client = app.Client();

        var hub = await client.GetPageAsync($"/r/{guizhou}");
        Assert.Equal($"/r/{guizhou}/meetings", hub.QuerySelector("#hub-meetings")!.GetAttribute("href"));

        // Guizhou filters to Kazakhstan and asks KazNU, with a reason.
        var kazakh = await client.GetPageAsync($"/r/{guizhou}/meetings?country=KZ");
        Assert.Equal("Guizhou University", kazakh.QuerySelector("#my-delegation h2")!.TextContent);
        Assert.Equal(["Al-Farabi Kazakh National University", "Astana IT University"], kazakh.QuerySelectorAll(".ask-list strong").Select(s => s.TextContent));
        var kaznuDelegation = dialogue.Delegations["Al-Farabi Kazakh National University"];
        using (var asked = await client.SubmitFormAsync($"/r/{guizhou}/meetings?country=KZ", new Dictionary<string, string> { ["reason"] = "A joint laboratory for new materials" },
                   $".ask-list li[data-delegation='{kaznuDelegation}'] form"))
        {
            var page = await asked.ReadDocumentAsync();
            Assert.Equal("Your request was sent; you will see here when they answer.", page.QuerySelector(".notice")!.TextContent);
            Assert.Contains("waiting for an answer", page.QuerySelector("#our-requests li")!.TextContent);
            Assert.Null(page.QuerySelector($".ask-list li[data-delegation='{kaznuDelegation}']"));
        }

        // KazNU reads the request and accepts it from its own hub.
        var incoming = await client.GetPageAsync($"/r/{kaznu}/meetings");
        Assert.Contains("Guizhou University (China): A joint laboratory for new materials", incoming.QuerySelector("#requests-to-us li")!.TextContent);
        using (var accepted = await client.SubmitFormAsync($"/r/{kaznu}/meetings", new Dictionary<string, string>(), "#requests-to-us form", button: "button[value=true]"))
        {
            var page = await accepted.ReadDocumentAsync();
            Assert.Equal("You accepted the meeting; it will be given a time and a table.", page.QuerySelector(".notice")!.TextContent);
            Assert.Contains("accepted; time and table to follow", page.QuerySelector("#my-meetings li")!.TextContent);
        }

        await app.WithServiceAsync<MeetingScheduling, MeetingRunReport>(s => s.RunAsync(dialogue.EventId));

        // Both see the same meeting: after the Guizhou rector's talk, with the interpreter (Guizhou speaks Chinese, KazNU Kazakh and Russian).
        foreach (var token in new[] { guizhou, kaznu })
        {
            var text = (await client.GetPageAsync($"/r/{token}/meetings")).QuerySelector("#my-meetings li")!.TextContent;
            Assert.Contains("Table 1", text);
            Assert.Contains("Interpreter: Aigerim Nurlanovna", text);
        }

        var guizhouText = (await client.GetPageAsync($"/r/{guizhou}/meetings")).QuerySelector("#my-meetings li")!.TextContent;
        Assert.StartsWith("Al-Farabi Kazakh National University:", guizhouText.Trim());

        // KazNU calls the meeting off: asked first, then done; Guizhou's hub no longer lists it.
        using (var called = await client.ConfirmAsync(await client.SubmitFormAsync($"/r/{kaznu}/meetings", new Dictionary<string, string>(), "#my-meetings form")))
        {
            Assert.Equal("The request was withdrawn.", (await called.ReadDocumentAsync()).QuerySelector(".notice")!.TextContent);
        }

        Assert.Equal("No meetings yet.", (await client.GetPageAsync($"/r/{guizhou}/meetings")).QuerySelector("#my-meetings p")!.TextContent);
    }

    [Fact]
    public async Task Before_organisers_open_meetings_the_hub_offers_none_and_a_forged_request_is_refused()
    {
        var dialogue = await app.MeetingDialogueAsync(withBlock: false);
        var guizhou = await TokenAsync(dialogue.People["Guizhou University"]);
        var client = app.Client();

        Assert.Null((await client.GetPageAsync($"/r/{guizhou}")).QuerySelector("#hub-meetings"));
        var page = await client.GetPageAsync($"/r/{guizhou}/meetings");
        Assert.NotNull(page.QuerySelector("#meetings-closed"));
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? (await client.GetPageAsync($"/r/{guizhou}")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var forged = await client.PostAsync($"/r/{guizhou}/meetings/ask", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["toId"] = $"{dialogue.Delegations["Al-Farabi Kazakh National University"]}",
        }));
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.MeetingRequests.CountAsync()));
    }
}
