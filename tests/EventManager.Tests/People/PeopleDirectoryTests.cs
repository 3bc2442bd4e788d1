using System.Net;
using System.Net.Http.Headers;
using EventManager.Core.Activity;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace EventManager.Tests;

/// <summary>
/// People first: organisers add a keynote speaker who will never register, find people in any script, put them on the
/// agenda, and the public agenda links to a speaker page; the same person entered twice is merged.
/// </summary>
public sealed class PeopleDirectoryTests : IAsyncLifetime
{
    private AppFactory app = default!;
    private HttpClient organiser = default!;

    public async Task InitializeAsync()
    {
        app = new AppFactory().With("RateLimits:PublicFormPermits", "1000");
        organiser = app.Client();
        await organiser.LoginAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    /// <summary>A JPEG portrait with an EXIF block naming where it was taken, as a phone writes one.</summary>
    private static byte[] PortraitWithExif()
    {
        using var bitmap = new SKBitmap(900, 1200);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(0x40, 0x60, 0x90));
        }

        var jpeg = bitmap.Encode(SKEncodedImageFormat.Jpeg, 80).ToArray();
        // APP1 "Exif" segment right after SOI, holding a text a phone's GPS block would.
        var payload = System.Text.Encoding.ASCII.GetBytes("Exif\0\0GPSLatitude 26.5783N Guiyang");
        var length = payload.Length + 2;
        byte[] segment = [0xFF, 0xE1, (byte)(length >> 8), (byte)(length & 0xFF), .. payload];
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    private Task<HttpResponseMessage> SavePersonAsync(string url, Dictionary<string, string> fields, byte[]? photo = null) =>
        organiser.PostMultipartAsync(url, fields, "photo", photo, "portrait.jpg", "image/jpeg");

    private async Task<int> AddPersonAsync(Dictionary<string, string> fields, byte[]? photo = null)
    {
        using var saved = await SavePersonAsync("/organiser/people/new", fields, photo);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        return int.Parse(saved.RequestMessage!.RequestUri!.AbsolutePath.Split('/')[^1]);
    }

    [Fact]
    public async Task A_keynote_speaker_who_never_registers_is_found_in_any_script_speaks_and_has_a_public_page_in_the_readers_language()
    {
        var institution = await app.AddInstitutionAsync("Guizhou University", "贵州大学", "CN");
        var speaker = await AddPersonAsync(new()
        {
            ["Title"] = "Prof.",
            ["LatinName"] = "Wang Lin",
            ["NativeName"] = "王琳",
            ["Position"] = "President",
            ["InstitutionId"] = institution.ToString(),
            ["SpokenLanguages"] = "zh-CN",
            ["Biography[en]"] = "Professor of ecology; president of Guizhou University since 2019.",
            ["Biography[zh]"] = "生态学教授，2019年起任贵州大学校长。",
        }, PortraitWithExif());
        var person = await app.WithDbAsync(db => db.Delegates.SingleAsync(d => d.Id == speaker));
        Assert.Null(person.Email);
        Assert.Equal(0, await app.WithDbAsync(db => db.Registrations.CountAsync()));

        // The photo is drawn again, smaller, without the EXIF block.
        var stored = await organiser.GetByteArrayAsync($"/organiser/people/{speaker}/photo.jpg");
        Assert.DoesNotContain("GPSLatitude", System.Text.Encoding.Latin1.GetString(stored));
        using (var decoded = SKBitmap.Decode(stored))
        {
            Assert.Equal((360, 480), (decoded.Width, decoded.Height));
        }

        // Found by either script, in any case.
        Assert.Contains("Prof. Wang Lin", (await organiser.GetPageAsync("/organiser/people?q=wang")).QuerySelector("#people")!.TextContent);
        Assert.Contains("Prof. Wang Lin", (await organiser.GetPageAsync("/organiser/people?q=" + Uri.EscapeDataString("王琳"))).QuerySelector("#people")!.TextContent);
        Assert.NotNull((await organiser.GetPageAsync("/organiser/people?q=ivanova")).QuerySelector("#no-people"));
        Assert.Contains("Prof. Wang Lin", (await organiser.GetPageAsync($"/organiser/people?institution={institution}")).QuerySelector("#people")!.TextContent);

        // The agenda takes the unregistered speaker by name; before publishing there is no public page.
        var ev = await app.CreateEventAsync("rectors");
        using (var added = await organiser.SubmitFormAsync($"/organiser/events/{ev.Id}/agenda/sessions/new", new Dictionary<string, string>
               {
                   ["Title[en]"] = "Keynote: universities and the green economy", ["Kind"] = "Plenary",
                   ["StartsLocal"] = "2027-09-14T09:00", ["EndsLocal"] = "2027-09-14T10:00", ["Speakers"] = "Wang Lin",
               }))
        {
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
            Assert.Null((await added.ReadDocumentAsync()).QuerySelector(".field-error, .validation-summary"));
        }

        Assert.Equal(speaker, await app.WithDbAsync(db => db.SessionPeople.Select(p => p.DelegateId).SingleAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client().GetAsync($"/events/rectors/people/{speaker}")).StatusCode);
        (await organiser.SubmitFormAsync($"/organiser/events/{ev.Id}/agenda", new Dictionary<string, string>(), "form[action$='/agenda/publish']")).Dispose();

        // The public agenda links the name to the speaker page, which a Chinese reader reads in Chinese.
        var visitor = app.Client();
        var agenda = await visitor.GetPageAsync("/events/rectors/agenda");
        var link = agenda.QuerySelectorAll(".people a").Single(a => a.TextContent == "Wang Lin").GetAttribute("href")!;
        Assert.Equal($"/events/rectors/people/{speaker}", link);
        var chinese = await visitor.GetPageAsync(link + "?lang=zh-CN");
        var text = chinese.QuerySelector("#speaker")!.TextContent;
        Assert.Contains("Prof. Wang Lin", text);
        Assert.Contains("王琳", text);
        Assert.Contains("生态学教授，2019年起任贵州大学校长。", text);
        Assert.DoesNotContain("Professor of ecology", text);
        Assert.Contains("Professor of ecology", (await visitor.GetPageAsync(link + "?lang=en")).QuerySelector("#speaker")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(link + "/photo.jpg")).StatusCode);

        // Someone in the directory but on no programme has no public page, nor photo.
        var other = await AddPersonAsync(new() { ["LatinName"] = "Aliya Seitkali" }, PortraitWithExif());
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/events/rectors/people/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/events/rectors/people/{other}/photo.jpg")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.Client(followRedirects: false).GetAsync($"/organiser/people/{other}/photo.jpg")).StatusCode);
    }

    [Fact]
    public async Task Registering_with_a_listed_address_links_to_that_person_and_a_duplicate_entered_by_hand_merges_into_one()
    {
        var ev = await app.CreateEventAsync("round-table");
        var listed = await AddPersonAsync(new() { ["Title"] = "Dr.", ["LatinName"] = "Maria Ivanova", ["Email"] = "M.Ivanova@kaznu.example.kz" });
        using (var registered = await app.Client().RegisterAsync("round-table", RegistrationSupport.Delegate("m.ivanova@kaznu.example.kz", change: f => { f["LatinName"] = "Maria Ivanova"; f["ArrivalDate"] = ""; f["DepartureDate"] = ""; })))
        {
            await app.TokenOfAsync(registered);
        }

        Assert.Equal(listed, await app.WithDbAsync(db => db.Registrations.Select(r => r.DelegateId).SingleAsync()));
        Assert.Equal(1, await app.WithDbAsync(db => db.Delegates.CountAsync(d => d.LatinName == "Maria Ivanova")));

        // The same person typed in again with her name in Cyrillic and no address; she is put on the agenda that way.
        var twice = await AddPersonAsync(new() { ["LatinName"] = "Maria Ivanova", ["NativeName"] = "Мария Иванова", ["Position"] = "Vice-Rector" });
        using (var refused = await SavePersonAsync($"/organiser/people/{twice}", new() { ["LatinName"] = "Maria Ivanova", ["Email"] = "m.ivanova@kaznu.example.kz" }))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains("m.ivanova@kaznu.example.kz is already in the directory", (await refused.ReadDocumentAsync()).MainText());
        }

        var session = await app.WithDbAsync(async db =>
        {
            var s = new Core.Agenda.Session
            {
                EventId = ev.Id, Uid = Guid.NewGuid(), Title = Core.Common.LocalText.Of("Panel"), Kind = Core.Agenda.SessionKind.Panel,
                StartsAtUtc = ev.StartsAtUtc, EndsAtUtc = ev.StartsAtUtc.AddHours(1),
                People = [new Core.Agenda.SessionPerson { DelegateId = twice, Role = Core.Agenda.SessionRole.Speaker }],
            };
            db.Sessions.Add(s);
            await db.SaveChangesAsync();
            return s.Id;
        });

        var page = await organiser.GetPageAsync($"/organiser/people/{listed}");
        var option = page.QuerySelectorAll("#duplicateId option").Single(o => o.GetAttribute("value") == twice.ToString());
        Assert.Contains("Мария Иванова", option.TextContent);
        using (var merged = await organiser.SubmitFormAsync($"/organiser/people/{listed}", new Dictionary<string, string> { ["duplicateId"] = twice.ToString() }, "form[action$='/merge']"))
        {
            Assert.Contains("The two records are now one: Maria Ivanova.", (await merged.ReadDocumentAsync()).MainText());
        }

        var survivor = await app.WithDbAsync(db => db.Delegates.SingleAsync(d => d.LatinName == "Maria Ivanova"));
        Assert.Equal((listed, "Мария Иванова", "Dr.", "m.ivanova@kaznu.example.kz"), (survivor.Id, survivor.NativeName, survivor.Title, survivor.Email));
        Assert.Equal(listed, await app.WithDbAsync(db => db.SessionPeople.Where(p => p.SessionId == session).Select(p => p.DelegateId).SingleAsync()));
        Assert.Equal(listed, await app.WithDbAsync(db => db.Registrations.Select(r => r.DelegateId).SingleAsync()));
        Assert.Contains(await app.WithDbAsync(db => db.Activity.Select(a => a.Kind).ToListAsync()), k => k == ActivityKind.PeopleMerged);
    }

    [Fact]
    public async Task An_unregistered_person_with_a_photo_is_erased_whole_but_not_while_on_an_agenda()
    {
        var guest = await AddPersonAsync(new() { ["Title"] = "Dr.", ["LatinName"] = "Qzxguest Erasable", ["NativeName"] = "Қзх Өшірілетін", ["Email"] = "qzxguest@example.kz",
            ["Biography[en]"] = "Qzxguest wrote this." }, PortraitWithExif());
        var speaker = await AddPersonAsync(new() { ["LatinName"] = "Kept Speaker" });
        var ev = await app.CreateEventAsync("forum");
        await app.WithDbAsync(async db =>
        {
            db.Sessions.Add(new Core.Agenda.Session
            {
                EventId = ev.Id, Uid = Guid.NewGuid(), Title = Core.Common.LocalText.Of("Panel"), Kind = Core.Agenda.SessionKind.Panel,
                StartsAtUtc = ev.StartsAtUtc, EndsAtUtc = ev.StartsAtUtc.AddHours(1),
                People = [new Core.Agenda.SessionPerson { DelegateId = speaker, Role = Core.Agenda.SessionRole.Speaker }],
            });
            await db.SaveChangesAsync();
            return 0;
        });

        // Not without the tick; not while on an agenda.
        using (var unticked = await organiser.SubmitFormAsync($"/organiser/people/{guest}", new Dictionary<string, string>(), "form[action$='/erase']"))
        {
            Assert.Contains("Tick the box to confirm", (await unticked.ReadDocumentAsync()).MainText());
        }

        using (var onAgenda = await organiser.SubmitFormAsync($"/organiser/people/{speaker}", new Dictionary<string, string> { ["confirmed"] = "true" }, "form[action$='/erase']"))
        {
            Assert.Contains("Kept Speaker is on an agenda: take them off its sessions first.", (await onAgenda.ReadDocumentAsync()).MainText());
        }

        using (var erased = await organiser.SubmitFormAsync($"/organiser/people/{guest}", new Dictionary<string, string> { ["confirmed"] = "true" }, "form[action$='/erase']"))
        {
            Assert.Contains("Qzxguest Erasable's data was erased.", (await erased.ReadDocumentAsync()).MainText());
        }

        Assert.Equal(HttpStatusCode.NotFound, (await organiser.GetAsync($"/organiser/people/{guest}/photo.jpg")).StatusCode);
        Assert.True(await app.WithDbAsync(db => db.Delegates.AnyAsync(d => d.Id == speaker)));
        // No table holds a word of them, the activity log included; the log says someone was erased.
        var found = await app.ColumnsMentioningAsync("qzx");
        Assert.Empty(found);
        Assert.Contains(await app.WithDbAsync(db => db.Activity.Select(a => a.Kind).ToListAsync()), k => k == ActivityKind.PersonErased);
    }

    private Task<HttpResponseMessage> UploadPeopleAsync(string csv) =>
        organiser.PostMultipartAsync("/organiser/people/import", [], "file", System.Text.Encoding.UTF8.GetBytes(csv), "people.csv", "text/csv");

    [Fact]
    public async Task A_partners_list_of_rectors_is_checked_row_by_row_then_imported_and_the_export_reads_back_the_same()
    {
        await app.AddInstitutionAsync("Al-Farabi Kazakh National University", "Әл-Фараби атындағы Қазақ ұлттық университеті", "KZ");
        var known = await AddPersonAsync(new() { ["LatinName"] = "Zhanna Seitova", ["Email"] = "z.seitova@kaznu.example.kz", ["Position"] = "Dean" });
        const string csv = "title,latin_name,native_name,position,institution,country,email,spoken_languages,biography_ru\n"
            + "Prof.,Galym Mutanov,Ғалым Мұтанов,Rector,Әл-Фараби атындағы Қазақ ұлттық университеті,KZ,,kk-KZ ru-RU,Ректор с 2010 года.\n"
            + ",,,Vice-Rector,,,z.seitova@kaznu.example.kz,,\n"
            + "Dr.,Someone Else,,,Unknown University of Nowhere,KZ,,,\n"
            + ",Bad Address,,,,,not-an-address,,\n";
        using var preview = await UploadPeopleAsync(csv);
        var page = await preview.ReadDocumentAsync();
        Assert.Contains("2 rows ready to import; 2 with problems, which will be skipped.", page.QuerySelector("#import-summary")!.TextContent);
        var rows = page.QuerySelectorAll("#import-preview tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains("Adds a person", rows[0]);
        Assert.Contains("Updates Zhanna Seitova", rows[1]);
        Assert.Contains("“Unknown University of Nowhere” is not in the institutions list", rows[2]);
        Assert.Contains("Enter an email address like name@university.edu.", rows[3]);
        Assert.Equal(0, await app.WithDbAsync(db => db.Delegates.CountAsync(d => d.LatinName == "Galym Mutanov")));

        // The preview page is the answer to a POST: its confirm form is posted as a browser would.
        var confirm = page.QuerySelector("form[action$='/import/confirm']")!;
        using var done = await organiser.PostAsync(confirm.GetAttribute("action"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = confirm.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["content"] = confirm.QuerySelector("input[name=content]")!.GetAttribute("value")!,
        }));
        Assert.Contains("People imported: 1 added, 1 updated.", (await done.ReadDocumentAsync()).MainText());
        var rector = await app.WithDbAsync(db => db.Delegates.Include(d => d.Institution).SingleAsync(d => d.LatinName == "Galym Mutanov"));
        Assert.Equal(("Prof.", "Ғалым Мұтанов", "Al-Farabi Kazakh National University", "kk-KZ ru-RU", "Ректор с 2010 года."),
            (rector.Title, rector.NativeName, rector.Institution!.EnglishName, rector.SpokenLanguages, rector.Biography!.Exactly("ru")));
        var updated = await app.WithDbAsync(db => db.Delegates.SingleAsync(d => d.Id == known));
        Assert.Equal(("Zhanna Seitova", "Vice-Rector"), (updated.LatinName, updated.Position));
        Assert.Equal(2, await app.WithDbAsync(db => db.Delegates.CountAsync()));

        // The export reads back: importing it again adds no one (Galym, who has no address, is found by name and institution).
        var exported = await organiser.GetStringAsync("/organiser/people.csv");
        Assert.Contains("Ғалым Мұтанов", exported);
        using var again = await UploadPeopleAsync(exported.TrimStart('\uFEFF'));
        var second = (await again.ReadDocumentAsync()).QuerySelector("#import-preview")!.TextContent;
        Assert.Contains("Updates Zhanna Seitova", second);
        Assert.Contains("Updates Prof. Galym Mutanov", second);
        Assert.DoesNotContain("Adds a person", second);
    }
}
