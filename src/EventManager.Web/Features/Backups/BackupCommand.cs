namespace EventManager.Web.Features.Backups;

/// <summary>
/// `EventManager.Web backup --to FILE` copies the embedded database and job store while the app runs;
/// `EventManager.Web restore --from FILE [--replace]` puts a backup in place in the configured data folder, and
/// refuses while an instance uses that folder. Both read the same configuration as the app (Database:DataDirectory).
/// </summary>
public static class BackupCommand
{
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] is "backup" or "restore";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        string? Arg(string name)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        }

        var backup = services.GetRequiredService<DatabaseBackup>();
        try
        {
            if (args[0] == "backup")
            {
                if (Arg("--to") is not { Length: > 0 } to)
                {
                    Console.Error.WriteLine("usage: backup --to FILE.zip");
                    return 2;
                }

                var started = DateTime.UtcNow;
                var bytes = await backup.CreateAsync(to);
                Console.WriteLine($"Backed up to {Path.GetFullPath(to)} ({bytes / 1024.0 / 1024.0:F1} MB) in {(DateTime.UtcNow - started).TotalSeconds:F1} s.");
                return 0;
            }

            if (Arg("--from") is not { Length: > 0 } from)
            {
                Console.Error.WriteLine("usage: restore --from FILE.zip [--replace]   (into Database:DataDirectory; no instance may be running on it)");
                return 2;
            }

            Console.WriteLine(await backup.RestoreAsync(from, args.Contains("--replace")));
            return 0;
        }
        catch (BackupException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }
}
