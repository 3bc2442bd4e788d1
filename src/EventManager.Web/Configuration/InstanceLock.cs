namespace EventManager.Web.Configuration;

/// <summary>
/// Says "an instance is using this data folder": every running instance holds a shared lock on a file there for its
/// whole life, and a restore takes the same lock exclusively, so it cannot run while an instance uses the folder, and
/// an instance cannot start while a restore runs. The operating system drops the lock when a process dies, so a
/// killed instance never leaves the folder locked. (.NET takes flock(LOCK_SH) for a read-only open that shares, and
/// flock(LOCK_EX) for FileShare.None.)
/// </summary>
public sealed class InstanceLock : IDisposable
{
    private const string FileName = ".instance.lock";
    private readonly FileStream file;

    private InstanceLock(FileStream file) => this.file = file;

    /// <summary>Held by a running instance; waits a while for a restore in progress, then gives up with a message.</summary>
    public static async Task<InstanceLock> AcquireSharedAsync(string dataFolder, ILogger logger, CancellationToken cancellationToken = default)
    {
        var path = Prepare(dataFolder);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var told = false;
        while (true)
        {
            try
            {
                return new InstanceLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                if (!told)
                {
                    logger.LogWarning("A restore is running in {Folder}; waiting for it to finish.", dataFolder);
                    told = true;
                }

                await Task.Delay(200, cancellationToken);
            }
            catch (IOException e)
            {
                throw new SettingsException($"A restore is still running in {dataFolder}; start the app when it has finished.", e);
            }
        }
    }

    /// <summary>The lock a restore needs; null while any instance holds the folder.</summary>
    public static InstanceLock? TryExclusive(string dataFolder)
    {
        try
        {
            return new InstanceLock(new FileStream(Prepare(dataFolder), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string Prepare(string dataFolder)
    {
        Directory.CreateDirectory(dataFolder);
        return Path.Combine(dataFolder, FileName);
    }

    public void Dispose() => file.Dispose();
}
