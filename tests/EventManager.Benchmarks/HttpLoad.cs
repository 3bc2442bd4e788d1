using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace EventManager.Benchmarks;

/// <summary>Concurrent GETs of one address for a fixed time: rate, latency percentiles and failures.</summary>
public static class HttpLoad
{
    public sealed record Result(double PerSecond, double P50Ms, double P95Ms, int Errors, int Requests);

    public static async Task<Result> RunAsync(Uri address, string path, int clients, TimeSpan duration, Action<HttpResponseMessage>? inspect = null)
    {
        var latencies = new ConcurrentBag<double>();
        var errors = 0;
        var handlers = Enumerable.Range(0, clients).Select(_ => new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1, AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) }).ToList();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(handlers.Select(async http =>
        {
            var buffer = new byte[64 * 1024];
            while (watch.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
                    await using var body = await response.Content.ReadAsStreamAsync();
                    while (await body.ReadAsync(buffer) > 0)
                    {
                    }

                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref errors);
                    }

                    inspect?.Invoke(response);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        var elapsed = watch.Elapsed.TotalSeconds;
        handlers.ForEach(h => h.Dispose());
        var sorted = latencies.OrderBy(x => x).ToList();
        return new Result(sorted.Count / elapsed, Measure.Percentile(sorted, 50), Measure.Percentile(sorted, 95), errors, sorted.Count);
    }
}
