using System.Net;
using System.Net.Http.Headers;
using EventManager.Core.Registrations;
using SkiaSharp;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace EventManager.Tests;

/// <summary>Organisers print the invitation letters confirmed delegates asked for on the registration form.</summary>
public sealed class VisaLetterTests : IAsyncLifetime
{
    private readonly AppFactory app = new(demoSeed: true);
    private HttpClient organiser = default!;
    private int eventId;

    public async Task InitializeAsync()
    {
        organiser = app.Client();
        await organiser.LoginAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        eventId = await app.WithDbAsync(db => db.Events.Where(e => e.Slug == "china-kazakhstan-rectors-dialogue").Select(e => e.Id).SingleAsync());
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Every_confirmed_delegate_who_asked_gets_a_letter_with_their_passport_name_and_travel_dates()
    {
        var page = await organiser.GetPageAsync($"/organiser/events/{eventId}/registrations");
        var settings = page.QuerySelectorAll("a").Single(a => a.TextContent.Contains("Visa invitation letters")).GetAttribute("href")!;
        var link = (await organiser.GetPageAsync(settings)).QuerySelectorAll("main a").Single(a => a.TextContent.Contains("Print every confirmed delegate's letter")).GetAttribute("href")!;
        var pdf = await organiser.GetByteArrayAsync(link);

        var registrations = await app.WithDbAsync(db => db.Registrations.Where(r => r.EventId == eventId).ToListAsync());
        var asked = registrations.Where(r => r.NeedsVisaLetter && r.Status == RegistrationStatus.Confirmed).OrderBy(r => r.Sequence).ToList();
        Assert.NotEmpty(asked);
        using (var document = PdfDocument.Open(pdf))
        {
            Assert.Equal(asked.Count, document.NumberOfPages);
        }

        var first = PdfTools.Compact(PdfTools.Text(pdf, 1));
        Assert.Contains(PdfTools.Compact("Invitation letter"), first);
        Assert.Contains(PdfTools.Compact($"{asked[0].LatinName} ({asked[0].NativeName})"), first);
        Assert.Contains(PdfTools.Compact(asked[0].ArrivalDate!.Value.ToDateTime(TimeOnly.MinValue).ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en"))), first);
        // The formal date, whole on its line (no weekday that wrapped it), and "the" before the event's name.
        var lines = PdfTools.Text(pdf, 1).Split('\n').Select(l => l.Trim()).ToList();
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^Issued on \d{1,2} [A-Z][a-z]+ \d{4}$"));
        Assert.Contains(PdfTools.Compact("to take part in the First China–Kazakhstan"), first);
        Assert.Contains(PdfTools.Compact("First China–Kazakhstan University Rectors' Cooperation Dialogue"), first);

        // Nobody who did not ask, and nobody not yet confirmed.
        var text = PdfTools.Compact(PdfTools.Text(pdf));
        Assert.All(registrations.Where(r => !asked.Contains(r)), r => Assert.DoesNotContain(PdfTools.Compact(r.LatinName) + "(", text));
        var pending = registrations.First(r => r.Status == RegistrationStatus.Pending);
        using var notYet = await organiser.GetAsync($"/organiser/events/{eventId}/visa-letters.pdf?id={pending.Id}");
        Assert.Equal(HttpStatusCode.NotFound, notYet.StatusCode);
    }

    [Fact]
    public async Task A_printed_letter_is_issued_and_its_delegate_downloads_the_same_letter_from_their_link()
    {
        // A delegate who asks for a letter with their passport's details, approved by the organisers.
        var token = await app.TokenOfAsync(await app.Client().RegisterAsync("china-kazakhstan-rectors-dialogue", RegistrationSupport.Delegate("visa@satbayev.example",
            change: f => { f["ArrivalDate"] = ""; f["DepartureDate"] = ""; })));
        var mine = await app.WithDbAsync(db => db.Registrations.SingleAsync(r => r.Token == token));
        Assert.True((await app.WithServiceAsync<RegistrationDecisions, Core.Common.DomainResult<PlacesChange>>(d => d.ApproveAsync(eventId, [mine.Id]))).Succeeded);
        var other = await app.WithDbAsync(db => db.Registrations.Where(r => r.EventId == eventId && r.Status == RegistrationStatus.Confirmed && r.Id != mine.Id).FirstAsync());
        var before = await app.Client().GetPageAsync($"/r/{mine.Token}");
        Assert.Null(before.QuerySelector("#visa-letter"));
        using (var notYet = await app.Client().GetAsync($"/r/{mine.Token}/visa-letter.pdf"))
        {
            Assert.Equal(HttpStatusCode.NotFound, notYet.StatusCode);
        }

        var printed = await organiser.GetByteArrayAsync($"/organiser/events/{eventId}/visa-letters.pdf?id={mine.Id}&language=zh-CN");
        var hub = await app.Client().GetPageAsync($"/r/{mine.Token}");
        var downloaded = await app.Client().GetByteArrayAsync(hub.QuerySelector("#visa-letter")!.GetAttribute("href")!);
        // The same letter: the same words, date, signer and language (Chinese, as printed), not one drawn anew.
        Assert.Equal(PdfTools.Text(printed), PdfTools.Text(downloaded));
        Assert.Contains("邀请函", PdfTools.Compact(PdfTools.Text(downloaded)));

        // Only the printed one is issued.
        Assert.Null((await app.Client().GetPageAsync($"/r/{other.Token}")).QuerySelector("#visa-letter"));
        using var notIssued = await app.Client().GetAsync($"/r/{other.Token}/visa-letter.pdf");
        Assert.Equal(HttpStatusCode.NotFound, notIssued.StatusCode);
    }

    [Fact]
    public async Task A_letter_can_be_written_in_chinese_and_only_organisers_print_them()
    {
        var asked = await app.WithDbAsync(db => db.Registrations.Where(r => r.EventId == eventId && r.NeedsVisaLetter && r.Status == RegistrationStatus.Confirmed && r.CountryCode == "KZ").Select(r => r.Id).FirstAsync());
        var pdf = await organiser.GetByteArrayAsync($"/organiser/events/{eventId}/visa-letters.pdf?id={asked}&language=zh-CN");
        var text = PdfTools.Compact(PdfTools.Text(pdf));
        Assert.Contains("邀请函", text);
        Assert.Contains("哈萨克斯坦", text);
        // The event's own texts as the organisers wrote them in Chinese: its name and where it is held.
        Assert.Contains(PdfTools.Compact("首届中国—哈萨克斯坦大学校长合作对话"), text);
        Assert.Contains(PdfTools.Compact("贵阳国际生态会议中心，贵阳"), text);
        Assert.DoesNotContain("Eco-Conference", text);

        await app.CreateStaffAsync();
        var staff = app.Client();
        await staff.LoginAsync(AppFactory.StaffEmail, AppFactory.StaffPassword);
        using var denied = await staff.GetAsync($"/organiser/events/{eventId}/visa-letters.pdf");
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    /// <summary>A small red seal as PNG, with a text chunk a phone or editor might leave in it.</summary>
    private static byte[] SealWithMetadata()
    {
        using var bitmap = new SKBitmap(120, 120);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Transparent);
            using var red = new SKPaint { Color = new SKColor(0xc0, 0x10, 0x20), IsStroke = true, StrokeWidth = 8, IsAntialias = true };
            canvas.DrawCircle(60, 60, 50, red);
        }

        var png = bitmap.Encode(SKEncodedImageFormat.Png, 100).ToArray();
        // A tEXt chunk (keyword "Comment", text "GPS 26.57N 106.71E") before IEND.
        var text = System.Text.Encoding.ASCII.GetBytes("Comment\0GPS 26.57N 106.71E");
        var chunk = new List<byte>();
        chunk.AddRange(BitConverter.GetBytes(text.Length).Reverse());
        chunk.AddRange(System.Text.Encoding.ASCII.GetBytes("tEXt"));
        chunk.AddRange(text);
        chunk.AddRange(BitConverter.GetBytes(Crc32([.. System.Text.Encoding.ASCII.GetBytes("tEXt"), .. text])).Reverse());
        return [.. png[..^12], .. chunk, .. png[^12..]];
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    private Task<HttpResponseMessage> SaveSettingsAsync(Dictionary<string, string> fields, byte[]? image, string fileName = "seal.png") =>
        organiser.PostMultipartAsync($"/organiser/events/{eventId}/visa-letters", fields, "sealImage", image, fileName, "image/png");

    [Fact]
    public async Task A_letter_carries_the_letterhead_the_signatory_and_seal_and_the_travellers_passport_kept_encrypted_and_erased_with_the_rest()
    {
        // The organisers' letterhead, signatory and seal; a file that is not an image is refused with a message.
        using (var notAnImage = await SaveSettingsAsync(new() { ["SignatoryName"] = "Li Na" }, System.Text.Encoding.UTF8.GetBytes("%PDF-1.7 not an image"), "seal.png"))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, notAnImage.StatusCode);
            Assert.Contains("This file is not an image the app can read; upload a PNG or JPEG.", (await notAnImage.ReadDocumentAsync()).MainText());
        }

        using (var saved = await SaveSettingsAsync(new()
               {
                   ["Letterhead[en]"] = "Guizhou University · Office of International Cooperation\nHuaxi District, Guiyang 550025, China",
                   ["SignatoryName"] = "Li Na",
                   ["SignatoryTitle[en]"] = "Vice-President for International Affairs",
               }, SealWithMetadata()))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            Assert.Contains("The letterhead and signatory were saved.", (await saved.ReadDocumentAsync()).MainText());
        }

        // What is kept is the picture drawn again: a PNG with no trace of the text chunk.
        var kept = await organiser.GetByteArrayAsync($"/organiser/events/{eventId}/visa-letters/seal.png");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], kept[..4]);
        Assert.DoesNotContain("GPS", System.Text.Encoding.Latin1.GetString(kept));
        Assert.Equal(120, SKBitmap.Decode(kept).Width);

        // A delegate who asks for a letter is asked for the passport's details; then gives them.
        await app.WithDbAsync(async db => { (await db.RegistrationPolicies.SingleAsync(p => p.EventId == eventId)).RequiresApproval = false; await db.SaveChangesAsync(); return 0; });
        var delegateClient = app.Client();
        using (var missing = await delegateClient.RegisterAsync("china-kazakhstan-rectors-dialogue", RegistrationSupport.Delegate("zhanar.b@kaznu.example.kz", change: f =>
               {
                   f["PassportNumber"] = ""; f["Nationality"] = ""; f["DateOfBirth"] = ""; f["ArrivalDate"] = ""; f["DepartureDate"] = "";
               })))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
            Assert.Contains("For the invitation letter, enter your passport number, nationality and date of birth.", (await missing.ReadDocumentAsync()).MainText());
        }

        using var registered = await delegateClient.RegisterAsync("china-kazakhstan-rectors-dialogue", RegistrationSupport.Delegate("zhanar.b@kaznu.example.kz", change: f =>
        {
            f["LatinName"] = "Zhanar Bekova"; f["NativeName"] = "Жанар Бекова";
            f["PassportNumber"] = "n 0847 1123"; f["Nationality"] = "KZ"; f["DateOfBirth"] = "1968-11-02"; f["ArrivalDate"] = ""; f["DepartureDate"] = "";
        }));
        var token = await app.TokenOfAsync(registered);
        var registration = await app.WithDbAsync(db => db.Registrations.SingleAsync(r => r.Token == token));
        Assert.Equal(RegistrationStatus.Confirmed, registration.Status);

        // At rest: the column, the database file and its journal never hold the number in clear.
        Assert.NotNull(registration.TravelDocument);
        Assert.DoesNotContain("N08471123", registration.TravelDocument);
        await app.WithDbAsync(async db => { await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)"); return 0; });
        foreach (var file in Directory.GetFiles(app.DataDirectory, "*.db*"))
        {
            // SQLite removes its -shm and -wal files when the last connection closes: one listed may be gone by now.
            FileStream stream;
            try
            {
                stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            }
            catch (FileNotFoundException)
            {
                continue;
            }

            using var _ = stream;
            using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
            Assert.DoesNotContain("N08471123", await reader.ReadToEndAsync());
        }

        // The letter: letterhead, the traveller's name, date of birth, nationality and passport number, the signatory's
        // name and title, and the seal as an image on the page.
        var pdf = await organiser.GetByteArrayAsync($"/organiser/events/{eventId}/visa-letters.pdf?id={registration.Id}");
        var lines = PdfTools.Text(pdf, layout: true).Split('\n').Select(l => System.Text.RegularExpressions.Regex.Replace(l.Trim(), @"\s+", " ")).ToList();
        Assert.Contains("Guizhou University · Office of International Cooperation", lines);
        Assert.Contains("Huaxi District, Guiyang 550025, China", lines);
        Assert.Contains(lines, l => l.StartsWith("Full name") && l.EndsWith("Zhanar Bekova"));
        Assert.Contains(lines, l => l.StartsWith("Date of birth") && l.EndsWith("2 November 1968"));
        Assert.Contains(lines, l => l.StartsWith("Nationality") && l.EndsWith("Kazakhstan"));
        Assert.Contains(lines, l => l.StartsWith("Passport number") && l.EndsWith("N08471123"));
        Assert.Contains("Li Na", lines);
        Assert.Contains("Vice-President for International Affairs", lines);
        using (var document = PdfDocument.Open(pdf))
        {
            Assert.Single(document.GetPage(1).GetImages());
        }

        // The same letter in Russian: the traveller's lines in Russian, the date as a Russian letter writes it.
        var russian = PdfTools.Text(await organiser.GetByteArrayAsync($"/organiser/events/{eventId}/visa-letters.pdf?id={registration.Id}&language=ru-RU"));
        Assert.Contains("2 ноября 1968 г.", russian);
        Assert.Contains("N08471123", russian);

        // The delegate's own page shows only the number's ending; the organiser's page shows it whole.
        var own = (await delegateClient.GetPageAsync($"/r/{token}")).MainText();
        Assert.DoesNotContain("N08471123", own);
        Assert.Contains("A passport ending in 1123 is on file", own);
        Assert.Contains("N08471123", (await organiser.GetPageAsync($"/organiser/events/{eventId}/registrations/{registration.Id}")).QuerySelector("#travel-document")!.TextContent);

        // No longer wanting a letter drops the passport; erasing drops it too.
        await app.WithServiceAsync<RegistrationSelfService, bool>(async s => (await s.CorrectAsync(token, new RegistrationCorrection("Zhanar Bekova", null, null, null, "en", null, null, null, null, true, null,
            new TravelDocumentInput("N08471199", "KZ", new DateOnly(1968, 11, 2))))).Succeeded);
        Assert.Contains("N08471199", PdfTools.Text(await organiser.GetByteArrayAsync($"/organiser/events/{eventId}/visa-letters.pdf?id={registration.Id}")));
        await app.WithServiceAsync<RegistrationSelfService, bool>(async s => (await s.CancelAsync(token)).Succeeded);
        Assert.True(await app.WithServiceAsync<PersonalDataErasure, bool>(async e => (await e.EraseAsync(eventId, [registration.Id])).Succeeded));
        Assert.Null(await app.WithDbAsync(db => db.Registrations.Where(r => r.Id == registration.Id).Select(r => r.TravelDocument).SingleAsync()));
    }

    [Fact]
    public async Task Unticking_the_letter_drops_the_passport_details()
    {
        using var registered = await app.Client().RegisterAsync("china-kazakhstan-rectors-dialogue", RegistrationSupport.Delegate("dana.s@enu.example.kz", change: f => { f["ArrivalDate"] = ""; f["DepartureDate"] = ""; }));
        var token = await app.TokenOfAsync(registered);
        Assert.NotNull(await app.WithDbAsync(db => db.Registrations.Where(r => r.Token == token).Select(r => r.TravelDocument).SingleAsync()));
        Assert.True(await app.WithServiceAsync<RegistrationSelfService, bool>(async s => (await s.CorrectAsync(token, new RegistrationCorrection("Dana S", null, null, null, "en", null, null, null, null, false, null))).Succeeded));
        Assert.Null(await app.WithDbAsync(db => db.Registrations.Where(r => r.Token == token).Select(r => r.TravelDocument).SingleAsync()));
    }
}
