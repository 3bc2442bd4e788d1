using System.Diagnostics;
using System.Net;
using AngleSharp.Html.Parser;
using EventManager.Core.Agenda;
using EventManager.Core.Ceremonies;
using EventManager.Core.Data;
using EventManager.Core.Events;
using EventManager.Core.Registrations;
using EventManager.Migrations.Sqlite;
using EventManager.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Benchmarks;

/// <summary>
/// Certificates printed through the app, as the desk prints them: the Release app in its own process, a signed-in
/// staff member, one print at a time (serial number, print log, transaction, PDF over HTTP), then a 1,000-agreement
/// ceremony as one batch; the app's peak memory; and the app's write ceiling (POST /_ceiling, antiforgery checked,
/// nothing stored) from the same client.
/// </summary>
public static class CertificateHttpBenchmark
{
    private const string Email = "desk@bench.example";
    private const string Password = "Bench-Desk-Password-2026";

    public sealed record Figures(double PerSecond, double P50Ms, double CeilingPerSecond, double BatchSeconds, long BatchBytes, double RssPeakMb, int Errors);

    public static async Task<Figures> RunAsync(TimeSpan duration)
    {
        var folder = Directory.CreateTempSubdirectory("eventmanager-bench-").FullName;
        try
        {
            var (singles, batch) = await SeedAsync(folder);
            await using var app = await AppProcess.StartAsync(folder, new Dictionary<string, string>
            {
                ["Logging:LogLevel:Default"] = "Warning",
                ["Jobs:ServerEnabled"] = "false",
                ["Diagnostics:CeilingEndpoints"] = "true",
                ["Bootstrap:OrganiserEmail"] = Email,
                ["Bootstrap:OrganiserPassword"] = Password,
            });
            using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = app.Address, Timeout = TimeSpan.FromMinutes(5) };
            var token = await SignInAsync(http);

            async Task<bool> PrintAsync(int agreementId)
            {
                using var response = await http.PostAsync($"/staff/agreements/{agreementId}/certificate", Form(token));
                var pdf = await response.Content.ReadAsByteArrayAsync();
                return response.StatusCode == HttpStatusCode.OK && pdf.AsSpan().StartsWith("%PDF"u8);
            }

            // Warm up on the first agreements (not counted), then one print after another, each a new certificate.
            var next = 0;
            for (var i = 0; i < 20; i++)
            {
                await PrintAsync(singles[next++]);
            }

            await CeilingAsync(http, token, TimeSpan.FromSeconds(3));
            var single = await HttpLoad.TimedAsync([http], duration, _ => next < singles.Count ? PrintAsync(singles[next++]) : Task.FromResult(false));
            var ceiling = await CeilingAsync(http, token, duration);

            var watch = Stopwatch.StartNew();
            using var batchResponse = await http.PostAsync($"/staff/ceremonies/{batch}/certificates", Form(token));
            var batchPdf = await batchResponse.Content.ReadAsByteArrayAsync();
            var batchSeconds = watch.Elapsed.TotalSeconds;
            var errors = single.Errors + ceiling.Errors + (batchResponse.StatusCode == HttpStatusCode.OK && batchPdf.AsSpan().StartsWith("%PDF"u8) ? 0 : 1);
            Console.Error.WriteLine($"through the app: {single.Requests} single prints in {duration.TotalSeconds:F0} s, p50 {single.P50Ms:F1} ms; a 1,000-agreement batch in {batchSeconds:F2} s ({batchPdf.Length / 1024.0:F0} KB); app peak {app.PeakRssMb:F0} MB");
            return new Figures(single.PerSecond, single.P50Ms, ceiling.PerSecond, batchSeconds, batchPdf.Length, app.PeakRssMb, errors);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static Task<HttpLoad.Result> CeilingAsync(HttpClient http, string token, TimeSpan duration) =>
        HttpLoad.TimedAsync([http], duration, async h =>
        {
            using var response = await h.PostAsync("/_ceiling", Form(token));
            return response.StatusCode == HttpStatusCode.Redirect;
        });

    private static FormUrlEncodedContent Form(string token) => new([new("__RequestVerificationToken", token), new("language", "en")]);

    private static async Task<string> SignInAsync(HttpClient http)
    {
        var login = new HtmlParser().ParseDocument(await http.GetStringAsync("/account/login"));
        var token = login.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var signedIn = await http.PostAsync("/account/login", new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Email", Email), new("Password", Password)]));
        if (signedIn.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in answered {signedIn.StatusCode}.");
        }

        // The token of a signed-in page: antiforgery tokens belong to the user they were made for.
        var staff = new HtmlParser().ParseDocument(await http.GetStringAsync("/staff/ceremonies"));
        return staff.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
    }

    /// <summary>Two signed ceremonies of a dialogue: one of many agreements printed one by one, one of 1,000 printed as a batch.</summary>
    private static async Task<(IReadOnlyList<int> Singles, int Batch)> SeedAsync(string folder)
    {
        await using var db = BenchDatabase.Open(folder);
        await db.Database.MigrateAsync();
        var now = DateTime.UtcNow;
        var ev = new Event
        {
            Name = "First China–Kazakhstan University Rectors' Cooperation Dialogue", Slug = "certificates-bench", Kind = EventKind.Dialogue, TimeZoneId = "Asia/Shanghai",
            StartsAtUtc = now.AddHours(-2), EndsAtUtc = now.AddHours(6), Venue = "Guiyang International Eco-Conference Center", City = "Guiyang", CreatedAtUtc = now, UpdatedAtUtc = now,
        };
        db.Events.Add(ev);
        var institutions = DemoData.ReadInstitutions();
        var cn = institutions.Where(i => i.CountryCode == "CN").Take(10).ToList();
        var kz = institutions.Where(i => i.CountryCode == "KZ").Take(9).ToList();
        db.Institutions.AddRange(cn.Concat(kz));
        var signatories = cn.Concat(kz).Select((institution, n) => new Registration
        {
            Event = ev, Token = RegistrationRules.NewToken(), Status = RegistrationStatus.Confirmed, Sequence = n + 1, DelegationKey = Guid.NewGuid(),
            LatinName = $"Rector {n + 1}", NativeName = institution.CountryCode == "CN" ? $"校长{n + 1}" : $"Ректор {n + 1}", Position = "Rector",
            Email = $"rector{n}@bench.example", Institution = institution, CountryCode = institution.CountryCode, CreatedAtUtc = now, UpdatedAtUtc = now,
        }).ToList();
        db.Registrations.AddRange(signatories);
        Session Ceremony(string title) => new()
        {
            Event = ev, Uid = Guid.NewGuid(), Title = title, Kind = SessionKind.SigningCeremony, StartsAtUtc = now.AddMinutes(-30), EndsAtUtc = now.AddMinutes(30), UpdatedAtUtc = now,
        };
        var desk = Ceremony("Signing ceremony: the desk");
        var hall = Ceremony("Signing ceremony: the thousand");
        db.Sessions.AddRange(desk, hall);
        void Agreements(Session ceremony, int count)
        {
            for (var k = 0; k < count; k++)
            {
                var c = k % cn.Count;
                var z = k * 7 % kz.Count;
                db.Agreements.Add(new Agreement
                {
                    Session = ceremony, Title = $"Agreement {k + 1} on academic cooperation", Kind = (AgreementKind)(k % 4), Position = k + 1, Round = k / 10 + 1, Table = k % 10 + 1,
                    Status = AgreementStatus.Signed, SignedAtUtc = now.AddMinutes(-20), CreatedAtUtc = now, UpdatedAtUtc = now,
                    Parties =
                    [
                        new AgreementParty { Order = 0, Institution = cn[c], Signatory = signatories[c] },
                        new AgreementParty { Order = 1, Institution = kz[z], Signatory = signatories[cn.Count + z] },
                    ],
                });
            }
        }

        Agreements(desk, 2000);
        Agreements(hall, 1000);
        await db.SaveChangesAsync();
        var singles = await db.Agreements.Where(a => a.SessionId == desk.Id).OrderBy(a => a.Position).Select(a => a.Id).ToListAsync();
        return (singles, hall.Id);
    }
}
