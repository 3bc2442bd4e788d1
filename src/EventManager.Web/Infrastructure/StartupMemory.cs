using System.Runtime;

namespace EventManager.Web.Infrastructure;

/// <summary>
/// Gives back what starting left behind. Migrating, seeding the demo and building the EF model and Hangfire's storage
/// allocate far more than a running app keeps; the GC would keep that memory committed until it needed it again.
/// On a small VM (1 GB with the database beside the app) it is worth returning once, a few seconds after start.
/// </summary>
public static class StartupMemory
{
    public static void ReturnAfterStart(this WebApplication app, TimeSpan? after = null)
    {
        app.Lifetime.ApplicationStarted.Register(() => _ = Task.Run(async () =>
        {
            try
            {
                await Task.Delay(after ?? TimeSpan.FromSeconds(5), app.Lifetime.ApplicationStopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }));
    }
}
