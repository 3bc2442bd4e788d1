using System.Collections.Concurrent;
using System.Net;
using AngleSharp.Html.Parser;

namespace EventManager.Testing;

/// <summary>
/// One browser on the public registration form of an app in its own process: its cookie, the form's antiforgery
/// token and an institution from the form's list. Posts are form posts as a browser sends them.
/// </summary>
public sealed record RegistrationClient(HttpClient Http, string Token, int InstitutionId)
{
    public static async Task<RegistrationClient> OpenAsync(Uri address, string slug)
    {
        var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, MaxConnectionsPerServer = 1 };
        var http = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        var page = new HtmlParser().ParseDocument(await http.GetStringAsync($"/events/{slug}/register"));
        var token = page.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var institution = int.Parse(page.QuerySelector("#InstitutionId option[value]:not([value=''])")!.GetAttribute("value")!);
        return new RegistrationClient(http, token, institution);
    }

    /// <summary>Registers one person; true when the app acknowledged it (redirected to "we sent you a message").</summary>
    public Task<bool> RegisterAsync(string slug, string email) =>
        PostFormAsync($"/events/{slug}/register", new Dictionary<string, string>
        {
            ["LatinName"] = "Wang Wei",
            ["NativeName"] = "王伟",
            ["Position"] = "Vice-President",
            ["Email"] = email,
            ["Category"] = "Delegate",
            ["PreferredLanguage"] = "zh-CN",
            ["TimeZoneId"] = "Asia/Shanghai",
            ["InstitutionId"] = InstitutionId.ToString(),
            ["CountryCode"] = "CN",
        }, $"/events/{slug}/register/sent");

    /// <summary>A form post with this client's antiforgery token; a success redirects to <paramref name="landing"/>.</summary>
    public async Task<bool> PostFormAsync(string path, Dictionary<string, string> fields, string landing)
    {
        fields["__RequestVerificationToken"] = Token;
        using var content = new FormUrlEncodedContent(fields);
        using var response = await Http.PostAsync(path, content);
        return response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.StartsWith(landing, StringComparison.Ordinal) == true;
    }
}

/// <summary>
/// Clients signing up to one event as fast as the app answers, until stopped. Keeps the addresses the app
/// acknowledged, in the order it did: what an operator must never lose.
/// </summary>
public sealed class SignUpStorm : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentQueue<string> acknowledged = new();
    private readonly List<Task> running = [];
    private int sent;
    private int failed;

    private SignUpStorm()
    {
    }

    /// <summary>Addresses acknowledged so far (a copy).</summary>
    public IReadOnlyList<string> Acknowledged => acknowledged.ToArray();

    /// <summary>Posts that got no acknowledgement (refused, or the app gone).</summary>
    public int Failed => Volatile.Read(ref failed);

    public static async Task<SignUpStorm> StartAsync(Uri address, string slug, int clients, string prefix)
    {
        var storm = new SignUpStorm();
        var opened = await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => RegistrationClient.OpenAsync(address, slug)));
        foreach (var client in opened)
        {
            storm.running.Add(Task.Run(async () =>
            {
                using var http = client.Http;
                while (!storm.stop.IsCancellationRequested)
                {
                    var email = $"{prefix}{Interlocked.Increment(ref storm.sent):D6}@storm.example";
                    try
                    {
                        if (await client.RegisterAsync(slug, email))
                        {
                            storm.acknowledged.Enqueue(email);
                            continue;
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                    }

                    Interlocked.Increment(ref storm.failed);
                    // The app is gone (killed) or refusing: do not spin.
                    await Task.Delay(50);
                }
            }));
        }

        return storm;
    }

    /// <summary>Waits until at least <paramref name="count"/> sign-ups have been acknowledged.</summary>
    public async Task WaitForAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (acknowledged.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Only {acknowledged.Count} sign-ups acknowledged ({Failed} failed) in {timeout.TotalSeconds} s.");
            }

            await Task.Delay(20);
        }
    }

    public async Task StopAsync()
    {
        await stop.CancelAsync();
        await Task.WhenAll(running);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        stop.Dispose();
    }
}
