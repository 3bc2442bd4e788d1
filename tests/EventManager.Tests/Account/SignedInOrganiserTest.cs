namespace EventManager.Tests;

/// <summary>A fresh app on its own SQLite file, with an organiser already signed in.</summary>
public abstract class SignedInOrganiserTest : IAsyncLifetime
{
    protected AppFactory App { get; private set; } = default!;
    protected HttpClient Organiser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        App = CreateApp();
        Organiser = App.Client();
        await Organiser.LoginAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    /// <summary>The app the tests run against; a class that needs other settings says so here.</summary>
    protected virtual AppFactory CreateApp() => new();
}
