using EventManager.Testing;

namespace EventManager.Benchmarks;

/// <summary>
/// The app's memory at rest, as a small VM would hold it: started as its own Release process on a fresh data folder
/// with the demo loaded, then left alone (nothing requested but the start-up health check) for 30 seconds; its
/// resident set (VmRSS) then. Every benchmark reports it as idle_rss_mb, measured before its own run.
/// </summary>
public static class IdleMemory
{
    private static readonly TimeSpan Rest = TimeSpan.FromSeconds(30);

    public static async Task<double> MeasureAsync()
    {
        var folder = Directory.CreateTempSubdirectory("eventmanager-idle-").FullName;
        try
        {
            await using var app = await AppProcess.StartAsync(folder, BenchDatabase.AppSettings(folder, new Dictionary<string, string>
            {
                ["Logging:LogLevel:Default"] = "Warning",
                ["Demo:Seed"] = "true",
            }));
            await Task.Delay(Rest);
            var rss = app.RssMb;
            Console.WriteLine($"Idle: {rss:F1} MB resident {Rest.TotalSeconds:F0} s after start (demo loaded, nothing requested; peak during start {app.PeakRssMb:F1} MB)");
            return Math.Round(rss, 1);
        }
        finally
        {
            await BenchDatabase.DropAsync(folder);
        }
    }
}
