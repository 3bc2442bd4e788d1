using System.Net;
using EventManager.Core.Events;
using EventManager.Core.Registrations;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Tests;

/// <summary>Events that take registrations, and delegates who fill in the public form.</summary>
public static class RegistrationSupport
{
    /// <summary>Every text, binary and multilingual column of every table that holds <paramref name="marker"/> (any case), whatever the model calls it.</summary>
    public static Task<List<string>> ColumnsMentioningAsync(this AppFactory app, string marker) =>
        app.WithDbAsync(async db =>
        {
            var hits = new List<string>();
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            foreach (var entity in db.Model.GetEntityTypes().Where(t => t.GetTableName() is not null && !t.IsOwned()))
            {
                foreach (var property in entity.GetProperties().Where(p => p.ClrType == typeof(string) || p.ClrType == typeof(byte[]) || p.ClrType == typeof(Core.Common.LocalText)))
                {
                    await using var command = connection.CreateCommand();
                    command.CommandText = $"SELECT COUNT(*) FROM \"{entity.GetTableName()}\" WHERE lower(CAST(\"{property.GetColumnName()}\" AS TEXT)) LIKE '%{marker.ToLowerInvariant()}%'";
                    if (Convert.ToInt64(await command.ExecuteScalarAsync()) > 0)
                    {
                        hits.Add($"{entity.GetTableName()}.{property.GetColumnName()}");
                    }
                }
            }

            return hits;
        });

    public static async Task<Event> CreateEventAsync(this AppFactory app, string slug, int? capacity = null, bool approval = false, int? quota = null, bool enabled = true, int? partOf = null, string? languages = null)
    {
        var ev = await app.WithServiceAsync<EventService, Event>(async events =>
        {
            var result = await events.SaveAsync(null, new EventInput(
                $"Dialogue {slug}", slug, EventKind.Dialogue, partOf,
                new DateTime(2027, 9, 14, 9, 0, 0), new DateTime(2027, 9, 15, 17, 30, 0), "Asia/Shanghai", "Guiyang", "Guiyang", null, Languages: languages));
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
            return result.Value!;
        });
        await app.WithServiceAsync<RegistrationPolicies, bool>(async registrations =>
        {
            var saved = await registrations.SaveAsync(ev.Id, new RegistrationPolicyInput(enabled, null, null, capacity, quota, approval));
            Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Select(e => e.Message)));
            return true;
        });
        return ev;
    }

    /// <summary>Changes an event's registration policy and fails the test if the change is refused.</summary>
    public static Task SavePolicyAsync(this AppFactory app, int eventId, RegistrationPolicyInput input) =>
        app.WithServiceAsync<RegistrationPolicies, bool>(async registrations =>
        {
            var saved = await registrations.SaveAsync(eventId, input);
            Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Select(e => e.Message)));
            return true;
        });

    public static Task<int> AddInstitutionAsync(this AppFactory app, string name, string native, string country) =>
        app.WithDbAsync(async db =>
        {
            var institution = new Core.Institutions.Institution { EnglishName = name, NativeName = native, CountryCode = country };
            db.Institutions.Add(institution);
            await db.SaveChangesAsync();
            return institution.Id;
        });

    public static Dictionary<string, string> Delegate(string email, int? institutionId = null, Action<Dictionary<string, string>>? change = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["LatinName"] = "Aigerim Nurlanqyzy",
            ["NativeName"] = "Айгерім Нұрланқызы",
            ["Position"] = "Vice-Rector",
            ["Email"] = email,
            ["Phone"] = "+7 727 377 3333",
            ["Category"] = "Delegate",
            ["PreferredLanguage"] = "en",
            ["TimeZoneId"] = "Asia/Almaty",
            ["CountryCode"] = "KZ",
            ["InstitutionId"] = institutionId?.ToString() ?? "",
            ["ProposedInstitutionName"] = institutionId is null ? "Kazakh-British Technical University" : "",
            ["ArrivalDate"] = "2027-09-13",
            ["DepartureDate"] = "2027-09-16",
            ["NeedsVisaLetter"] = "true",
            ["PassportNumber"] = "N12345678",
            ["Nationality"] = "KZ",
            ["DateOfBirth"] = "1971-04-23",
        };
        change?.Invoke(fields);
        return fields;
    }

    public static Task<HttpResponseMessage> RegisterAsync(this HttpClient client, string slug, Dictionary<string, string> fields) =>
        client.SubmitFormAsync($"/events/{slug}/register", fields);

    /// <summary>
    /// The token of the registration a successful submission made: the answer itself carries none (it is the same
    /// "we sent you a message" page for a new address and a registered one), so it is read from the database.
    /// </summary>
    public static async Task<string> TokenOfAsync(this AppFactory app, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith("/register/sent", response.RequestMessage!.RequestUri!.AbsolutePath);
        var email = (await response.ReadDocumentAsync()).QuerySelector("#registration-sent")!.GetAttribute("data-email");
        return await app.WithDbAsync(db => db.Registrations.Where(r => r.Email == email).OrderByDescending(r => r.Id).Select(r => r.Token).FirstAsync());
    }

    public static Task<List<Registration>> RegistrationsAsync(this AppFactory app, int eventId) =>
        app.WithDbAsync(db => db.Registrations.AsNoTracking().Where(r => r.EventId == eventId).OrderBy(r => r.Sequence).ThenBy(r => r.Id).ToListAsync());

    /// <summary>Messages queued for an address, oldest first: (subject, body). The outbox row is the truth.</summary>
    public static IReadOnlyList<(string Subject, string Body)> MailTo(this AppFactory app, string email) =>
        app.WithDbAsync(db => db.OutgoingMessages.AsNoTracking().Where(m => m.RecipientEmail == email).OrderBy(m => m.Id)
            .Select(m => new { m.Subject, m.TextBody }).ToListAsync()).GetAwaiter().GetResult()
            .Select(m => (m.Subject, m.TextBody)).ToList();
}
