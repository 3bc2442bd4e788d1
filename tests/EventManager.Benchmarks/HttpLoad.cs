using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace EventManager.Benchmarks;

/// <summary>
/// Concurrent requests for a fixed time: rate, latency percentiles and failures. Each client has one connection,
/// so the concurrency is the number of clients.
/// </summary>
public static class HttpLoad
{
    public sealed record Result(double PerSecond, double P50Ms, double P95Ms, int Errors, int Requests)
    {
        /// <summary>Average body size of the responses read (GET loads only).</summary>
        public double AverageBytes { get; init; }
    }

    /// <summary>What a client asks for next: a path, and the language its browser prefers (null: none).</summary>
    public delegate (string Path, string? Language) Pick(long request);

    public static Task<Result> RunAsync(Uri address, string path, int clients, TimeSpan duration, Action<HttpResponseMessage>? inspect = null, string? cookie = null) =>
        RunAsync(address, _ => (path, null), clients, duration, inspect, cookie);

    public static async Task<Result> RunAsync(Uri address, Pick pick, int clients, TimeSpan duration, Action<HttpResponseMessage>? inspect = null, string? cookie = null)
    {
        var handlers = Enumerable.Range(0, clients).Select(_ => new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1, AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) }).ToList();
        var counter = 0L;
        var bytes = 0L;
        try
        {
            var result = await TimedAsync(handlers, duration, async http =>
            {
                var (path, language) = pick(Interlocked.Increment(ref counter));
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                if (language is not null)
                {
                    request.Headers.AcceptLanguage.ParseAdd(language);
                }

                if (cookie is not null)
                {
                    request.Headers.Add("Cookie", cookie);
                }

                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                await using var body = await response.Content.ReadAsStreamAsync();
                var buffer = new byte[16 * 1024];
                int read;
                while ((read = await body.ReadAsync(buffer)) > 0)
                {
                    Interlocked.Add(ref bytes, read);
                }

                inspect?.Invoke(response);
                return response.StatusCode == HttpStatusCode.OK;
            });
            return result with { AverageBytes = (double)Interlocked.Read(ref bytes) / Math.Max(1, result.Requests) };
        }
        finally
        {
            handlers.ForEach(h => h.Dispose());
        }
    }

    /// <summary>
    /// Each client runs <paramref name="request"/> again and again until the time is up; a false or a network
    /// failure is an error. The same loop measures a benchmark and its ceiling, so the two compare.
    /// </summary>
    public static async Task<Result> TimedAsync<TClient>(IReadOnlyList<TClient> clients, TimeSpan duration, Func<TClient, Task<bool>> request)
    {
        var latencies = new ConcurrentBag<double>();
        var errors = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select(async client =>
        {
            while (watch.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    var ok = await request(client);
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    if (!ok)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        var elapsed = watch.Elapsed.TotalSeconds;
        var sorted = latencies.OrderBy(x => x).ToList();
        return new Result(sorted.Count / elapsed, Measure.Percentile(sorted, 50), Measure.Percentile(sorted, 95), errors, sorted.Count);
    }
}
