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
            f["LatinName"] = "=HYPERLINK(A1,\"click\")";
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

    private Task<HttpResponseMessage> UploadAsync(int eventId, string csv) => UploadAsync(eventId, Encoding.UTF8.GetBytes(csv));

    private async Task<HttpResponseMessage> UploadAsync(int eventId, byte[] bytes, string? encoding = null)
    {
        var page = await Organiser.GetPageAsync($"/organiser/events/{eventId}/registrations/import");
        var token = page.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", "delegates.csv");
        if (encoding is not null)
        {
            content.Add(new StringContent(encoding), "encoding");
        }

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

    private const string ChineseFile = "latin_name,native_name,position,email,institution,country\nWang Wei,王伟,校长,wang.wei@gzu.example,贵州大学,CN\n";

    public static TheoryData<string, string> WrongEncodings => new()
    {
        { "latin1", "The file is not saved as UTF-8 (byte" },
        { "gbk", "The file is not saved as UTF-8 (byte" },
        { "utf16", "The file is saved as UTF-16" },
    };

    private static byte[] Encoded(string name)
    {
        System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return name switch
        {
            "latin1" => Encoding.Latin1.GetBytes("latin_name,email\nJosé Müller,jose@example.edu\n"),
            "gbk" => Encoding.GetEncoding(936).GetBytes(ChineseFile),
            _ => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(ChineseFile)],
        };
    }

    [Theory]
    [MemberData(nameof(WrongEncodings))]
    public async Task A_file_in_another_encoding_is_refused_with_what_to_do_not_imported_as_garbage(string encoding, string message)
    {
        var ev = await App.CreateEventAsync("encoding-" + encoding);
        using var response = await UploadAsync(ev.Id, Encoded(encoding));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains(page.Errors(), e => e.Contains(message));
        Assert.Null(page.QuerySelector("form[action$='/import/confirm']"));
    }

    [Fact]
    public async Task A_file_a_chinese_excel_saved_reads_right_when_the_organiser_says_gb18030()
    {
        var ev = await App.CreateEventAsync("encoding-gb18030");
        await App.AddInstitutionAsync("Guizhou University", "贵州大学", "CN");
        using var response = await UploadAsync(ev.Id, Encoded("gbk"), "gb18030");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        var row = page.QuerySelector("#import-preview tbody tr")!;
        Assert.Contains("Wang Wei", row.TextContent);
        Assert.Equal("Ready", row.QuerySelectorAll("td")[3].TextContent.Trim());
        // What is posted back to confirm is the file as UTF-8: what was previewed is what is imported.
        var content = Convert.FromBase64String(page.QuerySelector("form[action$='/import/confirm'] input[name=content]")!.GetAttribute("value")!);
        Assert.Contains("王伟,校长", Encoding.UTF8.GetString(content));
    }

    [Fact]
    public async Task A_file_over_the_row_limit_is_refused_as_a_whole_with_its_count_and_nothing_to_import()
    {
        var ev = await App.CreateEventAsync("too-many-rows");
        var csv = new StringBuilder("latin_name,email\n");
        for (var i = 0; i < RegistrationCsv.MaxImportRows + 1; i++)
        {
            csv.Append("D").Append(i).Append(",d").Append(i).Append("@example.edu\n");
        }

        using var response = await UploadAsync(ev.Id, csv.ToString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains("The file has 5,001 rows; at most 5,000 can be imported at once. Split it into smaller files.", page.Errors());
        Assert.Null(page.QuerySelector("#import-summary"));
        Assert.Null(page.QuerySelector("form[action$='/import/confirm']"));
    }

    [Fact]
    public async Task Cells_with_control_characters_are_refused_and_names_with_line_breaks_are_stored_on_one_line()
    {
        var ev = await App.CreateEventAsync("cells");
        await App.AddInstitutionAsync("Guizhou University", "贵州大学", "CN");
        const string csv = "latin_name,native_name,position,email,institution,country\n"
            + "\"Wang\r\nWei\",\"王\u202E伟\",\"President\nof the University\",wang@gzu.example,Guizhou University,CN\n"
            + "Null Byte,,Rec\u0000tor,null@gzu.example,Guizhou University,CN\n";
        using var preview = await UploadAsync(ev.Id, csv);
        var page = await preview.ReadDocumentAsync();
        var rows = page.QuerySelectorAll("#import-preview tbody tr").ToList();
        Assert.Equal("Ready", rows[0].QuerySelectorAll("td")[3].TextContent.Trim());
        Assert.Contains("Column 3 holds an invisible control character (such as U+0000); take it out of the file.", rows[1].TextContent);

        var confirm = page.QuerySelector("form[action$='/import/confirm']")!;
        using var imported = await Organiser.PostAsync(confirm.GetAttribute("action"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = confirm.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["content"] = confirm.QuerySelector("input[name=content]")!.GetAttribute("value")!,
        }));
        var progress = imported.RequestMessage!.RequestUri!.AbsolutePath;
        var importId = int.Parse(progress[(progress.LastIndexOf('/') + 1)..]);
        await App.WithServiceAsync<EventManager.Web.Features.Registrations.Import.ImportRun, bool>(async run => { await run.RunAsync(importId, CancellationToken.None); return true; });
        var stored = Assert.Single(await App.RegistrationsAsync(ev.Id));
        Assert.Equal(("Wang Wei", "王伟", "President of the University"), (stored.LatinName, stored.NativeName, stored.Position));
    }
}
