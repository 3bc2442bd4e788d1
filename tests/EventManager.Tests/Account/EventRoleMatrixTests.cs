using System.Net;
using EventManager.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EventManager.Tests;

/// <summary>
/// The authorization matrix by event role: every organiser and staff route the app maps, filled in with one event's
/// ids, asked by members of another event's team (refused), by that event's observer (may read, never change), and by
/// an organiser of the event family around it (may do everything).
/// </summary>
public class EventRoleMatrixTests : IAsyncLifetime
{
    private const string Password = "Matrix-Password-2026";
    private readonly TestDatabase database;
    private AppFactory app = default!;

    public EventRoleMatrixTests()
        : this(TestDatabase.Sqlite)
    {
    }

    protected EventRoleMatrixTests(TestDatabase database) => this.database = database;
    private int forum, dialogue, week;
    private Dictionary<string, string> ids = default!;

    public async Task InitializeAsync()
    {
        app = new AppFactory(demoSeed: true, database: database);
        _ = app.Client();   // starts the app, which seeds the demo
        (forum, dialogue, week) = await app.WithDbAsync(async db => (
            await db.Events.Where(e => e.Slug == "vocational-education-forum").Select(e => e.Id).SingleAsync(),
            await db.Events.Where(e => e.Slug == DemoData.DialogueSlug).Select(e => e.Id).SingleAsync(),
            await db.Events.Where(e => e.Slug == DemoData.WeekSlug).Select(e => e.Id).SingleAsync()));
        await app.WithServiceAsync<Core.Mail.Outbox, int>(o => o.QueueAsync([new Core.Mail.NewMessage("matrix", "Test", dialogue, "someone@example.edu", "Someone", "Subject", "Body")]));
        ids = await app.WithDbAsync(async db =>
        {
            var ceremony = await db.Sessions.FirstAsync(s => s.EventId == dialogue && s.Kind == Core.Agenda.SessionKind.SigningCeremony);
            return new Dictionary<string, string>
            {
                ["eventId"] = $"{dialogue}",
                ["sessionId"] = $"{ceremony.Id}",
                ["agreementId"] = $"{await db.Agreements.Where(a => a.SessionId == ceremony.Id).Select(a => a.Id).FirstAsync()}",
                ["messageId"] = $"{await db.OutgoingMessages.Where(m => m.EventId == dialogue).Select(m => m.Id).FirstAsync()}",
                ["id"] = $"{await db.Registrations.Where(r => r.EventId == dialogue).Select(r => r.Id).FirstAsync()}",
                ["questionId"] = $"{await db.RegistrationQuestions.Where(q => q.EventId == dialogue).Select(q => q.Id).FirstAsync()}",
                ["certificateId"] = "999999",
                ["language"] = "kk",
                ["importId"] = "999999",
                ["requestId"] = $"{await db.MeetingRequests.Where(r => r.EventId == dialogue).Select(r => r.Id).FirstAsync()}",
                ["blockId"] = $"{await db.MeetingBlocks.Where(b => b.EventId == dialogue).Select(b => b.Id).FirstAsync()}",
                ["interestId"] = $"{await db.MeetingInterests.Where(i => i.EventId == dialogue).Select(i => i.Id).FirstAsync()}",
                ["interpreterId"] = $"{await db.Interpreters.Where(i => i.EventId == dialogue).Select(i => i.Id).FirstAsync()}",
            };
        });
        await MemberAsync("staff.forum@test.eventmanager.test", (forum, Roles.Staff));
        await MemberAsync("organiser.forum@test.eventmanager.test", (forum, Roles.Organiser));
        await MemberAsync("observer.dialogue@test.eventmanager.test", (dialogue, Roles.Observer));
        await MemberAsync("organiser.week@test.eventmanager.test", (week, Roles.Organiser));
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private Task MemberAsync(string email, params (int EventId, string Role)[] grants) =>
        app.WithServiceAsync<UserManager<AppUser>, bool>(async users =>
        {
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            await app.WithDbAsync(async db =>
            {
                db.EventTeamGrants.AddRange(grants.Select(g => new EventTeamGrant { UserId = user.Id, EventId = g.EventId, Role = g.Role }));
                return await db.SaveChangesAsync();
            });
            return true;
        });

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = app.Client(followRedirects: false);
        await client.LoginAsync(email, Password);
        return client;
    }

    /// <summary>Every mapped organiser and staff route that names the dialogue (or something of it), with its methods.</summary>
    private List<(string Method, string Url)> DialogueRoutes()
    {
        _ = app.Client();
        var routes = new List<(string, string)>();
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern;
            var raw = "/" + (pattern.RawText ?? "").TrimStart('/');
            if (!(raw.StartsWith("/organiser/") || raw.StartsWith("/staff/")) || !pattern.Parameters.Any(p => p.Name is "eventId" or "sessionId" or "agreementId" or "certificateId" or "messageId"))
            {
                continue;
            }

            var url = string.Concat(pattern.PathSegments.Select(segment => "/" + string.Concat(segment.Parts.Select(part => part switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter => ids.TryGetValue(parameter.Name, out var value) ? value
                    : throw new InvalidOperationException($"No value for {{{parameter.Name}}} in {raw}"),
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart separator => separator.Content,
                _ => "",
            }))));
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                routes.Add((method, url));
            }
        }

        return routes;
    }

    private static async Task<HttpStatusCode> AskAsync(HttpClient client, string method, string url)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method != "GET")
        {
            request.Content = new FormUrlEncodedContent([]);
        }

        using var response = await client.SendAsync(request);
        // A refusal the cookie handler turns into a visit to the "not allowed" page counts as the refusal it is.
        return response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("/account/denied") == true
            ? HttpStatusCode.Forbidden
            : response.StatusCode;
    }

    [Fact]
    public async Task A_member_of_another_events_team_is_refused_on_every_route_of_this_event()
    {
        var routes = DialogueRoutes();
        Assert.True(routes.Count > 60, $"only {routes.Count} routes");
        Assert.Contains(routes, r => r.Method == "POST" && r.Url.Contains("/check-in/"));
        foreach (var email in new[] { "staff.forum@test.eventmanager.test", "organiser.forum@test.eventmanager.test" })
        {
            var member = await SignedInAsync(email);
            foreach (var (method, url) in routes)
            {
                var status = await AskAsync(member, method, url);
                Assert.True(status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"{email}: {method} {url} answered {(int)status}");
            }

            // Nor the pages about every event.
            foreach (var url in new[] { "/organiser/team", "/organiser/activity", "/organiser/system", "/organiser/messages", "/organiser/events/new", "/hangfire" })
            {
                Assert.Equal(HttpStatusCode.Forbidden, await AskAsync(member, "GET", url));
            }
        }
    }

    [Fact]
    public async Task An_observer_reads_every_page_of_the_event_and_changes_nothing()
    {
        var observer = await SignedInAsync("observer.dialogue@test.eventmanager.test");
        var read = 0;
        foreach (var (method, url) in DialogueRoutes())
        {
            var status = await AskAsync(observer, method, url);
            if (method == "GET")
            {
                Assert.True(status != HttpStatusCode.Forbidden, $"observer: GET {url} refused");
                read += status == HttpStatusCode.OK ? 1 : 0;
            }
            else
            {
                Assert.True(status == HttpStatusCode.Forbidden, $"observer: {method} {url} answered {(int)status}");
            }
        }

        Assert.True(read > 25, $"the observer read {read} pages");
        // The header offers what they may read, not the team or the system.
        var home = Html.Parse(await observer.GetStringAsync($"/organiser/events/{dialogue}"));
        Assert.Equal(["Events", "Institutions", "People"], home.QuerySelectorAll("header nav a").Select(a => a.TextContent.Trim()));
        var events = Html.Parse(await observer.GetStringAsync("/organiser/events"));
        Assert.Contains(events.QuerySelectorAll("main a"), a => a.GetAttribute("href") == $"/organiser/events/{dialogue}");
        Assert.DoesNotContain(events.QuerySelectorAll("main a"), a => a.GetAttribute("href") == $"/organiser/events/{forum}");
    }

    [Fact]
    public async Task An_organiser_of_the_week_works_on_the_dialogue_inside_it_and_a_role_taken_away_ends_at_once()
    {
        var organiser = await SignedInAsync("organiser.week@test.eventmanager.test");
        Assert.Equal(HttpStatusCode.OK, await AskAsync(organiser, "GET", $"/organiser/events/{dialogue}/registrations"));
        // A change gets past the role check (and then asks for the form's token, which this request lacks).
        Assert.Equal(HttpStatusCode.BadRequest, await AskAsync(organiser, "POST", $"/organiser/events/{dialogue}/agenda/publish"));

        var staff = await SignedInAsync("staff.forum@test.eventmanager.test");
        var desk = Html.Parse(await staff.GetStringAsync("/staff"));
        Assert.Equal([$"/staff/events/{forum}/check-in"], desk.QuerySelectorAll("main h2 a").Select(a => a.GetAttribute("href")));
        Assert.Equal(HttpStatusCode.OK, await AskAsync(staff, "GET", $"/staff/events/{forum}/check-in"));
        Assert.Equal(HttpStatusCode.Forbidden, await AskAsync(staff, "GET", "/organiser/events"));

        await app.WithDbAsync(db => db.EventTeamGrants.Where(g => g.EventId == forum && g.Role == Roles.Staff).ExecuteDeleteAsync());
        Assert.Equal(HttpStatusCode.Forbidden, await AskAsync(staff, "GET", $"/staff/events/{forum}/check-in"));
    }
}

/// <summary>The same matrix with the grants and the events' family read from PostgreSQL.</summary>
public sealed class EventRoleMatrixTestsOnPostgreSql() : EventRoleMatrixTests(TestDatabase.PostgreSql);
