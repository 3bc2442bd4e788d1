using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using EventManager.Core.Activity;
using EventManager.Core.Data;
using EventManager.Core.Events;
using EventManager.Core.Mail;
using EventManager.Core.Registrations;
using EventManager.Testing;
using Microsoft.EntityFrameworkCore;
using Delegate = EventManager.Core.Delegates.Delegate;

namespace EventManager.Benchmarks;

/// <summary>
/// The organiser's pages at scale: one event with 10,000 registrations, 200,000 planned reminders (of one rule, as the
/// planner writes them) and 10,000 activity
/// entries, and one beside it with 1,000 registrations (and 20,000 messages, 1,000 entries). A signed-in organiser's
/// 8 clients ask for each page of the big event in turn: the event home, the registrations list (first page and
/// last), the messages page and the activity log; p95 of each. Each page's database commands are counted once at
/// 1,000 and at 10,000 registrations: a page whose work grows with the event shows it there.
/// </summary>
public static class ScaleBenchmark
{
    private const int Clients = 8;
    private const string Email = "scale-organiser@bench.example";
    private const string Password = "Bench-Scale-Password-2026";

    public static async Task<int> RunAsync(TimeSpan duration)
    {
        var idleRss = await IdleMemory.MeasureAsync();
        var folder = Directory.CreateTempSubdirectory("eventmanager-bench-").FullName;
        try
        {
            var seeding = System.Diagnostics.Stopwatch.StartNew();
            var (small, big) = await SeedAsync(folder);
            Console.WriteLine($"Seeded in {seeding.Elapsed.TotalSeconds:F0} s: event {big} with 10,000 registrations, 200,000 planned messages, 10,000 activity entries; event {small} with 1,000, 20,000 and 1,000");
            await using var app = await AppProcess.StartAsync(folder, BenchDatabase.AppSettings(folder, new Dictionary<string, string>
            {
                ["Logging:LogLevel:Default"] = "Warning",
                ["Jobs:ServerEnabled"] = "false",
                ["Diagnostics:CountQueries"] = "true",
                ["Bootstrap:OrganiserEmail"] = Email,
                ["Bootstrap:OrganiserPassword"] = Password,
            }));
            var cookie = await SignInAsync(app.Address);
            string[] Pages(int id) =>
            [
                $"/organiser/events/{id}",
                $"/organiser/events/{id}/registrations",
                $"/organiser/events/{id}/registrations?page=1000000",
                $"/organiser/messages?eventId={id}",
                $"/organiser/activity?eventId={id}",
            ];
            string[] names = ["home", "list_first", "list_last", "messages", "activity"];

            // Warm-up on the small event (its pages and their plans), then each page's commands at both sizes.
            foreach (var page in Pages(small))
            {
                await HttpLoad.RunAsync(app.Address, page, Clients, TimeSpan.FromSeconds(3), cookie: cookie);
            }

            async Task<int> CommandsAsync(string path)
            {
                using var http = new HttpClient { BaseAddress = app.Address };
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.Add("Cookie", cookie);
                using var response = await http.SendAsync(request);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}");
                }

                return int.Parse(response.Headers.GetValues("X-Db-Commands").Single(), System.Globalization.CultureInfo.InvariantCulture);
            }

            var at1k = new List<int>();
            var at10k = new List<int>();
            foreach (var (smallPage, bigPage) in Pages(small).Zip(Pages(big)))
            {
                at1k.Add(await CommandsAsync(smallPage));
                at10k.Add(await CommandsAsync(bigPage));
            }

            var results = new List<HttpLoad.Result>();
            foreach (var (page, name) in Pages(big).Zip(names))
            {
                var result = await HttpLoad.RunAsync(app.Address, page, Clients, duration, cookie: cookie);
                results.Add(result);
                Console.WriteLine($"{name,-11} {page}: {result.PerSecond:F0}/s, p50 {result.P50Ms:F1} ms, p95 {result.P95Ms:F1} ms, errors {result.Errors}, {result.AverageBytes / 1024:F0} KB; commands {at1k[results.Count - 1]} at 1,000 registrations, {at10k[results.Count - 1]} at 10,000");
            }

            var json = new Dictionary<string, object>
            {
                ["bench"] = "scale",
                ["provider"] = BenchDatabase.Provider,
                ["home_p95_ms"] = Math.Round(results[0].P95Ms, 1),
                ["list_first_p95_ms"] = Math.Round(results[1].P95Ms, 1),
                ["list_last_p95_ms"] = Math.Round(results[2].P95Ms, 1),
                ["messages_p95_ms"] = Math.Round(results[3].P95Ms, 1),
                ["activity_p95_ms"] = Math.Round(results[4].P95Ms, 1),
                ["commands_1k"] = at1k.Sum(),
                ["commands_10k"] = at10k.Sum(),
                ["rss_peak_mb"] = Math.Round(app.PeakRssMb, 1),
                ["idle_rss_mb"] = idleRss,
            };
            Console.WriteLine(JsonSerializer.Serialize(json));
            return results.Sum(r => r.Errors) == 0 ? 0 : 1;
        }
        finally
        {
            await BenchDatabase.DropAsync(folder);
        }
    }

    private static async Task<string> SignInAsync(Uri address)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = address };
        var login = new HtmlParser().ParseDocument(await http.GetStringAsync("/account/login"));
        var token = login.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var signedIn = await http.PostAsync("/account/login", new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Email", Email), new("Password", Password)]));
        if (signedIn.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in answered {signedIn.StatusCode}.");
        }

        return cookies.GetCookieHeader(address);
    }

    private static async Task<(int Small, int Big)> SeedAsync(string folder)
    {
        await using (var db = BenchDatabase.Open(folder))
        {
            await db.Database.MigrateAsync();
        }

        var institutions = DemoData.ReadInstitutions();
        await using (var db = BenchDatabase.Open(folder))
        {
            db.Institutions.AddRange(institutions);
            await db.SaveChangesAsync();
        }

        var small = await SeedEventAsync(folder, "scale-small", 1_000, 20_000, institutions.Select(i => i.Id).ToList());
        var big = await SeedEventAsync(folder, "scale-big", 10_000, 200_000, institutions.Select(i => i.Id).ToList());
        return (small, big);
    }

    private static async Task<int> SeedEventAsync(string folder, string slug, int registrations, int messages, IReadOnlyList<int> institutions)
    {
        var now = DateTime.UtcNow;
        int eventId;
        int ruleId;
        await using (var db = BenchDatabase.Open(folder))
        {
            var ev = new Event
            {
                Name = $"Scale benchmark {slug}", Slug = slug, Kind = EventKind.Dialogue, TimeZoneId = "Asia/Shanghai",
                StartsAtUtc = now.AddDays(60), EndsAtUtc = now.AddDays(62), CreatedAtUtc = now, UpdatedAtUtc = now,
            };
            db.Events.Add(ev);
            await db.SaveChangesAsync();
            db.RegistrationPolicies.Add(new RegistrationPolicy { EventId = ev.Id, Enabled = true, Capacity = registrations * 9 / 10, ConfirmedCount = registrations * 9 / 10 });
            // The planned messages are reminders of a rule, as the app plans them (each row names its rule).
            var rule = EventManager.Core.Reminders.DefaultReminders.For(ev, new EventManager.Core.Reminders.EnglishWording())[0];
            db.ReminderRules.Add(rule);
            await db.SaveChangesAsync();
            eventId = ev.Id;
            ruleId = rule.Id;
        }

        // In batches, each its own context: the change tracker stays small.
        for (var start = 0; start < registrations; start += 1_000)
        {
            await using var db = BenchDatabase.Open(folder);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < Math.Min(registrations, start + 1_000); i++)
            {
                var institution = institutions[i % institutions.Count];
                var person = new Delegate { LatinName = $"Delegate {slug} {i:00000}", NativeName = $"代表{i}", Email = $"{slug}-{i}@bench.example", InstitutionId = institution, Position = "Vice-Rector", CreatedAtUtc = now };
                person.SearchText = person.ComputeSearchText();
                var registration = new Registration
                {
                    EventId = eventId, Delegate = person, Token = RegistrationRules.NewToken(), Sequence = i + 1, DelegationKey = Guid.NewGuid(),
                    Status = i < registrations * 9 / 10 ? RegistrationStatus.Confirmed : RegistrationStatus.Waitlisted,
                    LatinName = person.LatinName, NativeName = person.NativeName, Email = person.Email!, InstitutionId = institution, CountryCode = "CN",
                    CreatedAtUtc = now.AddMinutes(-registrations + i), UpdatedAtUtc = now,
                };
                registration.SearchText = registration.ComputeSearchText();
                db.Registrations.Add(registration);
                db.Activity.Add(new ActivityEntry { AtUtc = now.AddMinutes(-registrations + i), Actor = person.Email!, Kind = ActivityKind.RegistrationEdited, EventId = eventId, Subject = person.LatinName });
            }

            await db.SaveChangesAsync();
        }

        for (var start = 0; start < messages; start += 10_000)
        {
            await using var db = BenchDatabase.Open(folder);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < Math.Min(messages, start + 10_000); i++)
            {
                var to = i % registrations;
                db.OutgoingMessages.Add(new OutgoingMessage
                {
                    DeduplicationKey = $"reminder:{ruleId}:scale:{slug}:{i}", Kind = "Reminder", EventId = eventId, ReminderRuleId = ruleId, RecipientEmail = $"{slug}-{to}@bench.example", RecipientName = $"Delegate {slug} {to:00000}",
                    Subject = "Tomorrow: the dialogue's opening plenary", TextBody = "Dear delegate,\n\nThe opening plenary starts at 09:00 in the Grand Hall.\n", Language = "en",
                    CreatedAtUtc = now, DueAtUtc = now.AddDays(1 + i % 50).AddMinutes(i % 1440), Status = MessageStatus.Pending,
                });
            }

            await db.SaveChangesAsync();
        }

        return eventId;
    }
}
