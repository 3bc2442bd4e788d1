using System.Net;
using System.Net.Http.Headers;
using System.Text;
using EventManager.Core.Registrations;

namespace EventManager.Tests;

public sealed class RegistrationCsvTests : SignedInOrganiserTest
{
    [Fact]
    public async Task The_export_has_every_registration_and_defuses_formulas()
    {
        var ev = await App.CreateEventAsync("export", capacity: 1);
        var satbayev = await App.AddInstitutionAsync("Satbayev University", "Сәтбаев университеті", "KZ");
        (await App.Client().RegisterAsync("export", RegistrationSupport.Delegate("first@example.edu", satbayev))).Dispose();
        (await App.Client().RegisterAsync("export", RegistrationSupport.Delegate("second@example.edu", satbayev, f =>
        {
            f["LatinName"] = "=HYPERLINK(\"http://evil.example\",\"click\")";
            f["Position"] = "+Rector";
            f["DietaryNeeds"] = "@SUM(A1)";
            f["NativeName"] = "-1+2";
        }))).Dispose();

        using var response = await Organiser.GetAsync($"/organiser/events/{ev.Id}/registrations.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("export-registrations.csv", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();

        Assert.Equal(3, lines.Count);
        Assert.StartsWith("status,category,latin_name,native_name", lines[0]);
        Assert.Contains("Confirmed,Delegate,Aigerim Nurlanqyzy,Айгерім Нұрланқызы,Vice-Rector,Satbayev University,Сәтбаев университеті,KZ,first@example.edu", lines[1]);
        Assert.StartsWith("Waitlisted,", lines[2]);

        // No cell of the file starts with a formula character: each is escaped so a spreadsheet shows it as text.
        foreach (var cell in lines[2].Split(','))
        {
            Assert.False(cell.TrimStart('"').StartsWith('=') || cell.TrimStart('"').StartsWith('+') || cell.TrimStart('"').StartsWith('@')
                || (cell.TrimStart('"').StartsWith('-') && cell.Length > 1), $"Cell '{cell}' would run as a formula.");
        }

        Assert.Contains("'=HYPERLINK", lines[2]);
        Assert.Contains("'+Rector", lines[2]);
        Assert.Contains("'@SUM(A1)", lines[2]);
        Assert.Contains("'-1+2", lines[2]);
    }

    private async Task<HttpResponseMessage> UploadAsync(int eventId, string csv)
    {
        var page = await Organiser.GetPageAsync($"/organiser/events/{eventId}/registrations/import");
        var token = page.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", "delegates.csv");
        return await Organiser.PostAsync($"/organiser/events/{eventId}/registrations/import", content);
    }

    [Fact]
    public async Task The_import_shows_each_rows_problems_before_writing_anything_then_imports_the_good_rows()
    {
        var ev = await App.CreateEventAsync("import", capacity: 2, approval: true);
        await App.AddInstitutionAsync("Guizhou University", "贵州大学", "CN");
        (await App.Client().RegisterAsync("import", RegistrationSupport.Delegate("already@example.edu"))).Dispose();
        const string csv = """
            latin_name,native_name,position,email,institution,country,category,arrival_date
            Wang Wei,王伟,President,wang.wei@gzu.example,Guizhou University,CN,Speaker,2027-09-13
            Li Na,李娜,Vice-President,li.na@gzu.example,贵州大学,,Delegate,
            Nobody,,,,Guizhou University,CN,,
            Twice,,,wang.wei@gzu.example,Guizhou University,CN,,
            Old Friend,,,already@example.edu,Guizhou University,CN,,
            Bad Date,,,bad.date@gzu.example,Guizhou University,CN,,14/09/2027
            Zhou Qiang,周强,Vice-President,zhou.qiang@gzu.example,Guizhou University,CN,Delegate,
            """;

        using var preview = await UploadAsync(ev.Id, csv);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var page = await preview.ReadDocumentAsync();
        Assert.Equal("3 rows ready to import; 4 with problems, which will be skipped.", page.QuerySelector("#import-summary")!.TextContent);
        var rows = page.QuerySelectorAll("#import-preview tbody tr").ToList();
        Assert.Equal("Ready", rows[0].QuerySelectorAll("td")[3].TextContent.Trim());
        Assert.Contains("Enter an email address.", rows[2].TextContent);
        Assert.Contains("wang.wei@gzu.example appears more than once in the file.", rows[3].TextContent);
        Assert.Contains("already@example.edu is already registered for this event.", rows[4].TextContent);
        Assert.Contains("'14/09/2027' is not a date like 2027-09-14.", rows[5].TextContent);
        Assert.Single(await App.RegistrationsAsync(ev.Id));

        // Confirming posts back the file the preview was made from.
        var confirm = page.QuerySelector("form[action$='/import/confirm']")!;
        using var imported = await Organiser.PostAsync(confirm.GetAttribute("action"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = confirm.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["content"] = confirm.QuerySelector("input[name=content]")!.GetAttribute("value")!,
        }));
        // The import is queued and the organiser lands on its progress page; here no job server runs, so the test
        // does the worker's part (ImportJobTests runs it through Hangfire).
        var progress = imported.RequestMessage!.RequestUri!.AbsolutePath;
        Assert.Matches(@"/registrations/import/\d+$", progress);
        Assert.Equal("Importing delegates", (await imported.ReadDocumentAsync()).QuerySelector("h1")!.TextContent);
        var importId = int.Parse(progress[(progress.LastIndexOf('/') + 1)..]);
        await App.WithServiceAsync<EventManager.Web.Features.Registrations.Import.ImportRun, bool>(async run => { await run.RunAsync(importId, CancellationToken.None); return true; });
        var finished = await Organiser.GetPageAsync(progress);
        Assert.Equal("Imported 3 delegates: 2 confirmed, 1 on the waiting list; 4 rows skipped.", finished.QuerySelector("#import-result")!.TextContent);
        var skipped = finished.QuerySelectorAll("#import-skipped-rows tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(4, skipped.Count);
        Assert.Contains(skipped, r => r.Contains("already@example.edu is already registered for this event."));
        Assert.Contains(skipped, r => r.Contains("'14/09/2027' is not a date like 2027-09-14."));

        var stored = await App.RegistrationsAsync(ev.Id);
        Assert.Equal(4, stored.Count);
        var wang = stored.Single(r => r.Email == "wang.wei@gzu.example");
        Assert.Equal((RegistrationStatus.Confirmed, RegistrationCategory.Speaker, "王伟", "CN"), (wang.Status, wang.Category, wang.NativeName, wang.CountryCode));
        Assert.NotNull(stored.Single(r => r.Email == "li.na@gzu.example").InstitutionId);
        Assert.Equal(RegistrationStatus.Waitlisted, stored.Single(r => r.Email == "zhou.qiang@gzu.example").Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("just one line with no header fields")]
    [InlineData("name,phone\nWang,123")]
    [InlineData("latin_name,email\n\"unterminated,quote@example.edu")]
    public async Task A_file_that_is_not_a_registration_list_is_explained_not_a_500(string csv)
    {
        var ev = await App.CreateEventAsync("junk");
        using var response = await UploadAsync(ev.Id, csv);
        Assert.True((int)response.StatusCode < 500);
        var page = await response.ReadDocumentAsync();
        Assert.Contains(page.QuerySelectorAll(".field-error li, .field-error"), e => e.TextContent.Trim().Length > 0);
        Assert.Empty(await App.RegistrationsAsync(ev.Id));
    }
}
