using System.Net;
using EventManager.Core.Ceremonies;
using EventManager.Core.Mail;
using EventManager.Core.Registrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace EventManager.Tests;

/// <summary>Organisers erase delegates' personal data: anyone who withdrew, and everyone once the event is over.</summary>
/// <remarks>Run on SQLite here and on PostgreSQL by <see cref="PersonalDataTestsOnPostgreSql"/>: the same bodies, the database a parameter.</remarks>
public class PersonalDataTests : IAsyncLifetime
{
    public PersonalDataTests()
        : this(TestDatabase.Sqlite)
    {
    }

    protected PersonalDataTests(TestDatabase database) => Database = database;

    protected TestDatabase Database { get; }

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 28, 2, 0, 0, TimeSpan.Zero));
    private AppFactory app = default!;
    private int eventId;

    public async Task InitializeAsync()
    {
        app = new AppFactory(demoSeed: true, clock: clock, database: Database).With("RateLimits:PublicFormPermits", "1000");
        eventId = await app.WithDbAsync(db => db.Events.Where(e => e.Slug == "china-kazakhstan-rectors-dialogue").Select(e => e.Id).SingleAsync());
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private async Task<HttpClient> OrganiserAsync()
    {
        var organiser = app.Client();
        await organiser.LoginAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        return organiser;
    }

    /// <summary>Ticks one row of the list, the confirmation, and presses "Erase personal data of the selected".</summary>
    private async Task<HttpResponseMessage> EraseSelectedAsync(HttpClient organiser, int id)
    {
        var page = await organiser.GetPageAsync($"/organiser/events/{eventId}/registrations");
        var button = page.QuerySelector("#bulk details.erase button[formaction]")!;
        Assert.NotNull(page.QuerySelector($"#bulk input[name=ids][value='{id}']"));
        var token = page.QuerySelector("#bulk input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await organiser.PostAsync(button.GetAttribute("formaction"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["ids"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["confirmed"] = "true",
        }));
    }

    private Task<Registration> RegistrationAsync(int id) => app.WithDbAsync(db => db.Registrations.AsNoTracking().SingleAsync(r => r.Id == id));

    [Fact]
    public async Task After_the_event_everyones_personal_data_goes_but_the_figures_signatories_and_speakers_stay()
    {
        var before = await app.RegistrationsAsync(eventId);
        var signatories = await app.WithDbAsync(db => db.AgreementParties.Where(p => p.Agreement!.Session!.EventId == eventId && p.Agreement.Status != AgreementStatus.Withdrawn)
            .Select(p => p.SignatoryRegistrationId).Distinct().ToListAsync());
        var speakerDelegates = await app.WithDbAsync(db => db.SessionPeople.Select(p => p.DelegateId).Distinct().ToListAsync());
        var plain = before.First(r => !signatories.Contains(r.Id) && (r.DelegateId is null || !speakerDelegates.Contains(r.DelegateId.Value)) && r.Status == RegistrationStatus.Confirmed);
        var signatory = before.Single(r => r.Id == signatories[0]);
        var speaker = before.First(r => !signatories.Contains(r.Id) && r.DelegateId is int d && speakerDelegates.Contains(d));
        await app.WithServiceAsync<Core.Reminders.ReminderPlanner, Core.Reminders.PlanReport>(p => p.PlanAsync(eventId));
        Assert.NotEmpty(app.MailTo(plain.Email));

        var organiser = await OrganiserAsync();
        // While the event is ahead, there is no "everyone" button, and a forged post is refused.
        Assert.Null((await organiser.GetPageAsync($"/organiser/events/{eventId}/registrations")).QuerySelector("#erase-everyone"));
        var listPage = await organiser.GetPageAsync($"/organiser/events/{eventId}/registrations");
        var formToken = listPage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using (var forged = await organiser.PostAsync($"/organiser/events/{eventId}/registrations/erase", new FormUrlEncodedContent(new Dictionary<string, string>
               {
                   ["__RequestVerificationToken"] = formToken, ["everyone"] = "true", ["confirmed"] = "true",
               })))
        {
            Assert.Contains("Everyone's personal data can be erased once the event has ended.", (await forged.ReadDocumentAsync()).QuerySelector(".notice.problem")!.TextContent);
            Assert.Equal(plain.Email, (await RegistrationAsync(plain.Id)).Email);
            Assert.Null((await RegistrationAsync(plain.Id)).ErasedAtUtc);
        }

        var ev = await app.WithDbAsync(db => db.Events.SingleAsync(e => e.Id == eventId));
        clock.SetUtcNow(new DateTimeOffset(ev.EndsAtUtc.AddDays(1), TimeSpan.Zero));
        // Everything due went out meanwhile.
        Assert.True((await app.WithServiceAsync<MailSender, SendReport>(s => s.SendDueAsync("test"))).Sent > 0);
        organiser = await OrganiserAsync();

        using (var unconfirmed = await organiser.SubmitFormAsync($"/organiser/events/{eventId}/registrations", new Dictionary<string, string>(), "#erase-everyone"))
        {
            Assert.Contains("I understand this cannot be undone", (await unconfirmed.ReadDocumentAsync()).QuerySelector(".notice.problem")!.TextContent);
            Assert.Equal(plain.Email, (await RegistrationAsync(plain.Id)).Email);
        }

        using var erased = await organiser.SubmitFormAsync($"/organiser/events/{eventId}/registrations", new Dictionary<string, string> { ["confirmed"] = "true" }, "#erase-everyone");
        var notice = (await erased.ReadDocumentAsync()).QuerySelector(".notice")!.TextContent;
        Assert.Contains("registrations was erased.", notice);
        Assert.Contains($"Kept, because they sign agreements: ", notice);
        Assert.Contains(signatory.LatinName, notice);
        Assert.Contains("Kept, because they are on the agenda: ", notice);
        Assert.Contains(speaker.LatinName, notice);

        var recorded = (await organiser.GetPageAsync($"/organiser/activity?eventId={eventId}")).QuerySelector("#activity tbody tr")!.TextContent;
        Assert.Contains(AppFactory.OrganiserEmail, recorded);
        Assert.Matches(@"erased the personal data of \d+ registrations", recorded);

        var after = await app.RegistrationsAsync(eventId);
        // The figures are the same: statuses, categories, countries, institutions, check-ins.
        Assert.Equal(before.Select(r => (r.Id, r.Status, r.Category, r.CountryCode, r.InstitutionId, r.CheckedInAtUtc)),
            after.Select(r => (r.Id, r.Status, r.Category, r.CountryCode, r.InstitutionId, r.CheckedInAtUtc)));
        var gone = after.Single(r => r.Id == plain.Id);
        Assert.Equal(("—", null, null, null, PersonalDataErasure.ErasedEmail(plain.Id)), (gone.LatinName, gone.NativeName, gone.Position, gone.Phone, gone.Email));
        Assert.NotNull(gone.ErasedAtUtc);
        Assert.Equal(signatory.LatinName, after.Single(r => r.Id == signatory.Id).LatinName);
        Assert.Null(after.Single(r => r.Id == signatory.Id).ErasedAtUtc);
        Assert.Equal(speaker.Email, after.Single(r => r.Id == speaker.Id).Email);

        // Nothing of them is left in messages, searches, the export or their private link.
        Assert.Empty(app.MailTo(plain.Email));
        var theirs = await app.WithDbAsync(db => db.OutgoingMessages.Where(m => m.RecipientEmail == PersonalDataErasure.ErasedEmail(plain.Id)).ToListAsync());
        Assert.NotEmpty(theirs);
        Assert.All(theirs, m => Assert.Equal(("", "", null, (string?)null), (m.Subject, m.TextBody, m.RecipientName, m.HtmlBody)));
        Assert.DoesNotContain(theirs, m => m.Status == MessageStatus.Pending);
        Assert.DoesNotContain(plain.Email, await organiser.GetStringAsync($"/organiser/events/{eventId}/registrations.csv"));
        Assert.Empty((await organiser.GetPageAsync($"/staff/events/{eventId}/check-in?q={Uri.EscapeDataString(plain.LatinName)}")).QuerySelectorAll("tbody tr"));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client().GetAsync($"/r/{plain.Token}")).StatusCode);
    }

    /// <summary>Names of columns that may hold something about a person; each must say how it is erased or why it is kept.</summary>
    private static readonly string[] PersonalWords =
    [
        "name", "email", "phone", "position", "dietary", "arrival", "departure", "passport", "birth", "nationality", "travel", "document",
        "value", "body", "content", "token", "recipient", "actor", "by", "facts", "snapshot", "timezone", "language", "search", "error", "reason",
        "photo", "image", "biography", "title", "signatory", "client", "account",
    ];

    [Fact]
    public async Task Every_column_that_may_hold_personal_data_names_its_eraser_or_why_it_is_kept()
    {
        var (unclassified, erasers) = await app.WithDbAsync(db =>
        {
            var missing = new List<string>();
            var named = new HashSet<Type>();
            foreach (var entity in db.Model.GetEntityTypes())
            {
                foreach (var property in entity.GetProperties())
                {
                    var info = property.PropertyInfo;
                    if (info is null || info.DeclaringType?.Namespace?.StartsWith("EventManager.", StringComparison.Ordinal) != true
                        || !(property.ClrType == typeof(string) || property.ClrType == typeof(byte[]) || property.ClrType == typeof(DateOnly?) || property.ClrType == typeof(DateOnly)
                            || property.ClrType == typeof(Core.Common.LocalText))
                        || !PersonalWords.Any(w => property.Name.Contains(w, StringComparison.OrdinalIgnoreCase)))
                    {
                        continue;
                    }

                    if (info.GetCustomAttributes(typeof(Core.Common.ErasedByAttribute), true).SingleOrDefault() is Core.Common.ErasedByAttribute erased)
                    {
                        named.Add(erased.Eraser);
                    }
                    else if (!info.IsDefined(typeof(Core.Common.KeptAsRecordAttribute), true) && !info.IsDefined(typeof(Core.Common.NotPersonalDataAttribute), true))
                    {
                        missing.Add($"{entity.ClrType.Name}.{property.Name}");
                    }
                }
            }

            return Task.FromResult((missing, named));
        });
        Assert.True(unclassified.Count == 0, "Say how these are erased ([ErasedBy]) or why they are kept: " + string.Join(", ", unclassified));
        // Each eraser a column names is one the erasure runs.
        var registered = await app.WithServiceAsync<IEnumerable<IPersonalDataEraser>, List<Type>>(e => Task.FromResult(e.Select(x => x.GetType()).ToList()));
        Assert.All(erasers, e => Assert.Contains(e, registered));
    }

    [Fact]
    public async Task After_erasing_everyone_no_table_holds_a_word_of_what_they_typed_or_were_imported_with()
    {
        const string marker = "Zqxmarker";
        var erasable = await app.CreateEventAsync("erasable");
        eventId = erasable.Id;
        using (var registered = await app.Client().RegisterAsync("erasable", RegistrationSupport.Delegate($"{marker.ToLowerInvariant()}@example.edu", change: f =>
               {
                   f["LatinName"] = $"{marker} Typed";
                   f["Position"] = $"{marker} Position";
                   f["DietaryNeeds"] = $"{marker} diet";
                   f["Phone"] = "+7 701 555 0101";
               })))
        {
            Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        }

        // An imported file, whose import finished, and one that was only checked and queued.
        var csv = System.Text.Encoding.UTF8.GetBytes($"latin_name,email,position,institution,country\n{marker} Imported,{marker.ToLowerInvariant()}.imported@example.edu,{marker} Rector,Guizhou University,CN\n");
        var importId = await app.WithServiceAsync<RegistrationImport, int?>(i => i.QueueAsync(eventId, csv, $"{marker}.csv"));
        await app.WithServiceAsync<EventManager.Web.Features.Registrations.Import.ImportRun, bool>(async run => { await run.RunAsync(importId!.Value, CancellationToken.None); return true; });
        await app.WithServiceAsync<RegistrationImport, int?>(i => i.QueueAsync(eventId, csv, $"{marker}-again.csv"));

        var ev = await app.WithDbAsync(db => db.Events.SingleAsync(e => e.Id == eventId));
        clock.SetUtcNow(new DateTimeOffset(ev.EndsAtUtc.AddDays(1), TimeSpan.Zero));
        var erased = await app.WithServiceAsync<PersonalDataErasure, bool>(async e => (await e.EraseAsync(eventId, null)).Succeeded);
        Assert.True(erased);

        // Every text and binary column of every table, whatever the model calls it.
        var found = await app.ColumnsMentioningAsync(marker);
        Assert.Empty(found);
    }

    [Fact]
    public async Task Before_the_event_only_someone_who_withdrew_can_be_erased()
    {
        var confirmed = (await app.RegistrationsAsync(eventId)).First(r => r.Status == RegistrationStatus.Confirmed);
        var (flight, dinner) = await app.WithServiceAsync<RegistrationQuestions, (int, int)>(async q =>
            ((await q.SaveAsync(eventId, null, new QuestionInput("Flight number", QuestionKind.Text, null, false))).Value!.Id,
             (await q.SaveAsync(eventId, null, new QuestionInput("Gala dinner", QuestionKind.YesNo, null, false))).Value!.Id));
        using var registered = await app.Client().RegisterAsync("china-kazakhstan-rectors-dialogue", RegistrationSupport.Delegate("aliya.n@enu.example.kz", change: f =>
        {
            f["LatinName"] = "Aliya Nurlanova"; f["ArrivalDate"] = ""; f["DepartureDate"] = "";
            f[$"Answers[{flight}]"] = "KC 951"; f[$"Answers[{dinner}]"] = "yes";
        }));
        var token = await app.TokenOfAsync(registered);
        await app.WithServiceAsync<RegistrationSelfService, bool>(async s => (await s.CancelAsync(token)).Succeeded);
        var cancelled = (await app.RegistrationsAsync(eventId)).Single(r => r.Email == "aliya.n@enu.example.kz");
        var organiser = await OrganiserAsync();

        using var refused = await EraseSelectedAsync(organiser, confirmed.Id);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains($"{confirmed.LatinName} still holds or waits for a place: cancel or decline the registration before erasing it",
            (await refused.ReadDocumentAsync()).QuerySelector(".notice.problem")!.TextContent);
        Assert.Null((await RegistrationAsync(confirmed.Id)).ErasedAtUtc);

        using var erased = await EraseSelectedAsync(organiser, cancelled.Id);
        var page = await erased.ReadDocumentAsync();
        Assert.Contains("The personal data of 1 registration was erased.", page.QuerySelector(".notice")!.TextContent);
        Assert.DoesNotContain("Aliya Nurlanova", page.MainText());
        Assert.Equal("—", (await RegistrationAsync(cancelled.Id)).LatinName);
        // A written answer may be personal and goes; a yes or no stays for the figures.
        Assert.Equal(["yes"], await app.WithDbAsync(db => db.RegistrationAnswers.Where(a => a.RegistrationId == cancelled.Id).Select(a => a.Value).ToListAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client().GetAsync($"/r/{token}")).StatusCode);
    }
}

public sealed class PersonalDataTestsOnPostgreSql() : PersonalDataTests(TestDatabase.PostgreSql);
