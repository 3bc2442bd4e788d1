using System.IO.Compression;
using EventManager.Web.Configuration;
using Microsoft.Data.Sqlite;

namespace EventManager.Web.Features.Backups;

/// <summary>
/// Backs up the embedded database and the job store while the app runs, and restores them into a data folder no
/// instance is using. Each file is copied with SQLite's <c>VACUUM INTO</c>: one read transaction sees a consistent
/// state of the file while writers go on (WAL), which a file copy of a database being written does not. A backup is
/// one zip holding both copies; it is written beside its final name and renamed into place, so a half-written backup
/// never has the final name.
/// </summary>
public sealed class DatabaseBackup(DatabaseSettings database, JobSettings jobs, TimeProvider time)
{
    public const string DatabaseEntry = "eventmanager.db";
    public const string JobStoreEntry = "hangfire.db";

    private string DatabaseFile => new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;

    private string JobStoreFile => JobsConfiguration.SqliteFile(jobs, database);

    /// <summary>Writes a backup to <paramref name="target"/> and returns its size in bytes.</summary>
    public async Task<long> CreateAsync(string target, CancellationToken cancellationToken = default)
    {
        RequireEmbedded();
        target = Path.GetFullPath(target);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var work = Path.Combine(Path.GetDirectoryName(target)!, $".backup-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            var copies = new List<(string Entry, string File)> { (DatabaseEntry, Path.Combine(work, DatabaseEntry)) };
            await VacuumIntoAsync(DatabaseFile, copies[0].File, cancellationToken);
            if (File.Exists(JobStoreFile))
            {
                copies.Add((JobStoreEntry, Path.Combine(work, JobStoreEntry)));
                await VacuumIntoAsync(JobStoreFile, copies[1].File, cancellationToken);
            }

            var partial = target + ".partial";
            await using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
                {
                    foreach (var (entry, file) in copies)
                    {
                        zip.CreateEntryFromFile(file, entry, CompressionLevel.Fastest);
                    }

                    var about = zip.CreateEntry("backup.txt");
                    await using var writer = new StreamWriter(about.Open());
                    await writer.WriteLineAsync($"EventManager backup taken {time.GetUtcNow():yyyy-MM-dd HH:mm:ss} UTC of {DatabaseFile}");
                }

                // On disk before it takes the final name: a power cut leaves the previous backup, not a truncated one.
                stream.Flush(flushToDisk: true);
            }

            File.Move(partial, target, overwrite: true);
            return new FileInfo(target).Length;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// Puts a backup's files in place of the data folder's database and job store. Refuses while an instance uses the
    /// folder (<see cref="InstanceLock"/>), when the folder already has a database and <paramref name="replace"/> is not
    /// given (the old files are then kept beside, renamed), and when a copy in the backup fails SQLite's integrity check.
    /// </summary>
    public async Task<string> RestoreAsync(string source, bool replace, CancellationToken cancellationToken = default)
    {
        RequireEmbedded();
        if (!File.Exists(source))
        {
            throw new BackupException($"There is no backup at {source}.");
        }

        using var exclusive = InstanceLock.TryExclusive(database.DataDirectory)
            ?? throw new BackupException($"An instance of the app is using {database.DataDirectory}; stop every instance before restoring.");
        if (File.Exists(DatabaseFile) && !replace)
        {
            throw new BackupException($"{DatabaseFile} already exists. Restore into an empty data folder, or add --replace to set the current files aside (renamed) and restore over them.");
        }

        var work = Path.Combine(database.DataDirectory, $".restore-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            var restored = new List<(string From, string To)>();
            using (var zip = ZipFile.OpenRead(source))
            {
                foreach (var (entry, to) in new[] { (DatabaseEntry, DatabaseFile), (JobStoreEntry, JobStoreFile) })
                {
                    var found = zip.GetEntry(entry);
                    if (found is null)
                    {
                        if (entry == DatabaseEntry)
                        {
                            throw new BackupException($"{source} is not an EventManager backup: it has no {DatabaseEntry}.");
                        }

                        continue;
                    }

                    var file = Path.Combine(work, entry);
                    found.ExtractToFile(file);
                    var check = await IntegrityAsync(file, cancellationToken);
                    if (check != "ok")
                    {
                        throw new BackupException($"{entry} in {source} fails SQLite's integrity check: {check}");
                    }

                    restored.Add((file, to));
                }
            }

            var stamp = time.GetUtcNow().ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
            foreach (var (from, to) in restored)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                foreach (var old in new[] { to, to + "-wal", to + "-shm" }.Where(File.Exists))
                {
                    File.Move(old, $"{old}.before-restore-{stamp}");
                }

                File.Move(from, to);
            }

            return $"Restored {string.Join(" and ", restored.Select(r => r.To))} from {source}.";
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Keeps the newest <paramref name="keep"/> backups the job wrote in <paramref name="folder"/>; deletes the rest.</summary>
    public static IReadOnlyList<string> Prune(string folder, int keep)
    {
        var old = Directory.GetFiles(folder, "eventmanager-*.zip").Order(StringComparer.Ordinal).SkipLast(keep).ToList();
        old.ForEach(File.Delete);
        return old;
    }

    private void RequireEmbedded()
    {
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            throw new BackupException("The database is on SQL Server: back it up and restore it with SQL Server's own tools (BACKUP DATABASE, or your provider's snapshots); the job store is in the same database.");
        }
    }

    private static async Task VacuumIntoAsync(string source, string target, CancellationToken cancellationToken)
    {
        if (!File.Exists(source))
        {
            throw new BackupException($"There is no database at {source} to back up.");
        }

        // Read-write (not create): a WAL database needs its shared-memory file, which a read-only opener cannot make.
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // A writer holds the lock only to commit; wait for it rather than fail.
        command.CommandText = "PRAGMA busy_timeout = 30000; VACUUM INTO $target;";
        command.Parameters.AddWithValue("$target", target);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<string> IntegrityAsync(string file, CancellationToken cancellationToken = default)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        return Convert.ToString(await command.ExecuteScalarAsync(cancellationToken)) ?? "";
    }
}

/// <summary>A backup or restore that cannot go ahead, with what the operator should do.</summary>
public sealed class BackupException(string message) : Exception(message);
