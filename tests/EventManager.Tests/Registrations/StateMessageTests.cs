using EventManager.Core.Common;
using EventManager.Core.Registrations;

namespace EventManager.Tests;

/// <summary>Every change of a registration's state tells its delegate once, in their language, and nothing else does.</summary>
public class StateMessageTests : IAsyncLifetime
{
    private readonly TestDatabase database;

    public StateMessageTests()
        : this(TestDatabase.Sqlite)
    {
    }

    protected StateMessageTests(TestDatabase database) => this.database = database;

    private AppFactory app = default!;

    public Task InitializeAsync()
    {
        app = new AppFactory(database: database).With("RateLimits:PublicFormPermits", "1000");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Each_transition_sends_exactly_one_message_in_the_readers_language()
    {
        var ev = await app.CreateEventAsync("walk", capacity: 1, approval: true, languages: "en,ru");
        var a = await app.TokenOfAsync(await app.Client().RegisterAsync("walk", RegistrationSupport.Delegate("a@walk.example")));
        using var second = await app.Client().RegisterAsync("walk", RegistrationSupport.Delegate("b@walk.example", change: f => f["PreferredLanguage"] = "ru-RU"));
        Assert.True(second.IsSuccessStatusCode, string.Join("; ", (await second.ReadDocumentAsync()).Errors()));
        var b = await app.TokenOfAsync(second);
        var registrations = await app.RegistrationsAsync(ev.Id);
        int IdOf(string token) => registrations.Single(r => r.Token == token).Id;
        Assert.Equal(["We received your registration for Dialogue walk"], Subjects("a@walk.example"));
        Assert.Single(Subjects("b@walk.example"));

        // Approved together, one place: the first is confirmed, the second waits and is told where it stands.
        await Succeeds<RegistrationDecisions, PlacesChange>(d => d.ApproveAsync(ev.Id, [IdOf(a), IdOf(b)]));
        Assert.Equal("Your place at Dialogue walk is confirmed", Subjects("a@walk.example")[^1]);
        var waiting = app.MailTo("b@walk.example")[^1];
        Assert.Equal("Вы в листе ожидания мероприятия «Dialogue walk»", waiting.Subject);
        Assert.Contains("1", waiting.Body.Split('\n').Single(l => l.Contains("лист", StringComparison.OrdinalIgnoreCase) && l.Any(char.IsDigit)));

        // The confirmed one cancels: their place goes to the waiting one, each told once.
        await Succeeds<RegistrationSelfService, Registration>(s => s.CancelAsync(a));
        Assert.Equal("Your registration for Dialogue walk is cancelled", Subjects("a@walk.example")[^1]);
        Assert.Equal("Для вас освободилось место на мероприятии «Dialogue walk»", Subjects("b@walk.example")[^1]);

        await Succeeds<RegistrationDecisions, PlacesChange>(d => d.DeclineAsync(ev.Id, [IdOf(b)]));
        Assert.Equal("Ваша регистрация на мероприятие «Dialogue walk» отклонена", Subjects("b@walk.example")[^1]);
        Assert.Equal(4, Subjects("b@walk.example").Count);

        // Restored: the first gets the free place back; the second then waits again, at number 1.
        await Succeeds<RegistrationAdministration, Registration>(s => s.RestoreAsync(ev.Id, IdOf(a)));
        await Succeeds<RegistrationAdministration, Registration>(s => s.RestoreAsync(ev.Id, IdOf(b)));
        Assert.Equal("Your place at Dialogue walk is confirmed", Subjects("a@walk.example")[^1]);
        Assert.Equal("Вы в листе ожидания мероприятия «Dialogue walk»", Subjects("b@walk.example")[^1]);

        Assert.Equal(["We received your registration for Dialogue walk", "Your place at Dialogue walk is confirmed",
            "Your registration for Dialogue walk is cancelled", "Your place at Dialogue walk is confirmed"], Subjects("a@walk.example"));
        // Received, waiting, promoted, declined, restored to the waiting list: five changes, five messages, all Russian.
        var toB = app.MailTo("b@walk.example");
        Assert.Equal(5, toB.Count);
        Assert.All(toB, m => Assert.Contains(m.Subject, c => c is >= 'А' and <= 'я'));
    }

    private List<string> Subjects(string email) => app.MailTo(email).Select(m => m.Subject).ToList();

    private Task Succeeds<TService, T>(Func<TService, Task<DomainResult<T>>> change) where TService : notnull =>
        app.WithServiceAsync<TService, bool>(async service =>
        {
            var result = await change(service);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
            return true;
        });
}

public sealed class StateMessageTestsOnPostgreSql() : StateMessageTests(TestDatabase.PostgreSql);
