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
public sealed class DatabaseBackup(DatabaseSettings database, JobSettings jobs, Mail.MailSettings mail, TimeProvider time)
{
    public const string DatabaseEntry = "eventmanager.db";
    public const string JobStoreEntry = "hangfire.db";

    /// <summary>The accepted-mail journals, copied after the database: every message the server took before the snapshot (and since) is named.</summary>
    public const string JournalPrefix = "mail-accepted/";

    /// <summary>When the snapshot was taken, read back by a restore to hold what was waiting then.</summary>
    public const string TakenEntry = "taken-at-utc.txt";

    private string JournalFolder => mail.JournalFolder(database);

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
            var snapshotAt = time.GetUtcNow().UtcDateTime;
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

                    // After the snapshots: a journal read later names every message accepted before them, and those
                    // accepted since, which a restored copy must not send again.
                    if (Directory.Exists(JournalFolder))
                    {
                        foreach (var journal in Directory.GetFiles(JournalFolder, "accepted-*.log"))
                        {
                            await using var source = new FileStream(journal, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                            await using var into = zip.CreateEntry(JournalPrefix + Path.GetFileName(journal), CompressionLevel.Fastest).Open();
                            await source.CopyToAsync(into, cancellationToken);
                        }
                    }

                    await using (var taken = new StreamWriter(zip.CreateEntry(TakenEntry).Open()))
                    {
                        await taken.WriteAsync(snapshotAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                    }

                    var about = zip.CreateEntry("backup.txt");
                    await using var writer = new StreamWriter(about.Open());
                    await writer.WriteLineAsync($"EventManager backup taken {snapshotAt:yyyy-MM-dd HH:mm:ss} UTC of {DatabaseFile}");
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

    /// <summary>The marker a restore writes once every file is staged; while it exists the app refuses to start.</summary>
    public const string RestoreMarker = ".restore-in-progress";

    private const string StagingFolder = ".restore-staging";

    /// <summary>
    /// Puts a backup's files in place of the data folder's database and job store, all or nothing. Refuses while an
    /// instance uses the folder (<see cref="InstanceLock"/>), when the folder already has a database and
    /// <paramref name="replace"/> is not given (the old files are then kept beside, renamed), and when a copy in the
    /// backup fails SQLite's integrity check. The copies are extracted into a staging folder and fsynced; then a marker
    /// naming every move is written and fsynced (the point of no return); then the old files are renamed aside and the
    /// staged ones renamed in; then the marker goes. Killed before the marker, the old files are untouched; after it,
    /// the app refuses to start until the restore is run again, which finishes the moves the marker names.
    /// </summary>
    public async Task<string> RestoreAsync(string source, bool replace, CancellationToken cancellationToken = default)
    {
        RequireEmbedded();
        using var exclusive = InstanceLock.TryExclusive(database.DataDirectory)
            ?? throw new BackupException($"An instance of the app is using {database.DataDirectory}; stop every instance before restoring.");
        var marker = Path.Combine(database.DataDirectory, RestoreMarker);
        if (File.Exists(marker))
        {
            // An earlier restore stopped after its point of no return: finish what it began, whatever was asked now.
            var finished = FinishMoves(marker);
            return $"Finished the interrupted restore: {finished}. Run the restore again to restore another backup.";
        }

        if (!File.Exists(source))
        {
            throw new BackupException($"There is no backup at {source}.");
        }

        if (File.Exists(DatabaseFile) && !replace)
        {
            throw new BackupException($"{DatabaseFile} already exists. Restore into an empty data folder, or add --replace to set the current files aside (renamed) and restore over them.");
        }

        var work = Path.Combine(database.DataDirectory, StagingFolder);
        if (Directory.Exists(work))
        {
            // Left by a restore killed before its point of no return: nothing of it was put in place.
            Directory.Delete(work, recursive: true);
        }

        Directory.CreateDirectory(work);
        var moves = new List<(string From, string To)>();
        DateTime? taken = null;
        using (var zip = ZipFile.OpenRead(source))
        {
            foreach (var (entry, to) in new[] { (DatabaseEntry, DatabaseFile), (JobStoreEntry, JobStoreFile) })
            {
                var found = zip.GetEntry(entry);
                if (found is null)
                {
                    if (entry == DatabaseEntry)
                    {
                        Directory.Delete(work, recursive: true);
                        throw new BackupException($"{source} is not an EventManager backup: it has no {DatabaseEntry}.");
                    }

                    continue;
                }

                var file = Path.Combine(work, entry);
                found.ExtractToFile(file);
                var check = await IntegrityAsync(file, cancellationToken);
                if (check != "ok")
                {
                    Directory.Delete(work, recursive: true);
                    throw new BackupException($"{entry} in {source} fails SQLite's integrity check: {check}");
                }

                FlushFile(file);
                moves.Add((file, to));
            }

            // The journals that came with the backup replace the folder's own (which name rows of another database).
            var journals = zip.Entries.Where(e => e.FullName.StartsWith(JournalPrefix, StringComparison.Ordinal) && e.Name.Length > 0).ToList();
            if (journals.Count > 0)
            {
                var stagedJournals = Path.Combine(work, "mail-accepted");
                Directory.CreateDirectory(stagedJournals);
                foreach (var journal in journals)
                {
                    var file = Path.Combine(stagedJournals, Path.GetFileName(journal.Name));
                    journal.ExtractToFile(file);
                    FlushFile(file);
                }

                FlushFolder(stagedJournals);
                moves.Add((stagedJournals, JournalFolder));
            }

            if (zip.GetEntry(TakenEntry) is { } takenEntry)
            {
                using var reader = new StreamReader(takenEntry.Open());
                taken = DateTime.TryParse(reader.ReadToEnd(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var at)
                    ? at.ToUniversalTime() : null;
            }
        }

        FlushFolder(work);
        StopHere("staged");

        // The point of no return: the plan on disk, whole, before anything in place is touched.
        var stamp = time.GetUtcNow().ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var plan = moves.Select(m => $"{m.From}\t{m.To}\t{stamp}").Prepend($"# restore of {source}").ToList();
        if (taken is { } takenAt)
        {
            plan.Insert(1, $"# taken {takenAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture)}");
        }
        var partial = marker + ".partial";
        await File.WriteAllLinesAsync(partial, plan, cancellationToken);
        FlushFile(partial);
        File.Move(partial, marker);
        FlushFolder(database.DataDirectory);
        StopHere("marked");

        var done = FinishMoves(marker);
        return $"Restored {done} from {source}.";
    }

    /// <summary>Does the moves a restore marker names that are not done yet, then removes the marker and the staging folder.</summary>
    private string FinishMoves(string marker)
    {
        var lines = File.ReadAllLines(marker);
        var moves = lines.Where(l => !l.StartsWith('#') && l.Length > 0).Select(l => l.Split('\t')).ToList();
        foreach (var (move, index) in moves.Select((m, i) => (m, i)))
        {
            var (from, to, stamp) = (move[0], move[1], move[2]);
            if (Directory.Exists(from))
            {
                // A folder (the journals): the old one aside, the staged one in.
                if (Directory.Exists(to))
                {
                    Directory.Move(to, $"{to}.before-restore-{stamp}-{Guid.NewGuid():N}");
                }

                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                Directory.Move(from, to);
                FlushFolder(Path.GetDirectoryName(to)!);
                continue;
            }

            if (!File.Exists(from))
            {
                continue;   // moved in already
            }

            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            foreach (var old in new[] { to, to + "-wal", to + "-shm" }.Where(File.Exists))
            {
                File.Move(old, $"{old}.before-restore-{stamp}", overwrite: true);
            }

            File.Move(from, to);
            FlushFolder(Path.GetDirectoryName(to)!);
            StopHere($"moved-{index + 1}");
        }

        if (lines.FirstOrDefault(l => l.StartsWith("# taken ", StringComparison.Ordinal)) is { } takenLine
            && DateTime.TryParse(takenLine["# taken ".Length..], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var taken))
        {
            HoldWhatWasWaiting(taken.ToUniversalTime());
        }

        File.Delete(marker);
        FlushFolder(Path.GetDirectoryName(marker)!);
        var staging = Path.Combine(Path.GetDirectoryName(marker)!, StagingFolder);
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        return string.Join(" and ", moves.Select(m => m[1]));
    }

    /// <summary>
    /// Messages that were due (or being sent) when the backup was taken may have been sent since by the original: they
    /// are held, not sent, until an organiser decides (Messages page), and the restore is logged with the backup's time.
    /// Those the restored journals name are recorded as sent when the app starts and reads them.
    /// </summary>
    private void HoldWhatWasWaiting(DateTime takenUtc)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabaseFile, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var hold = connection.CreateCommand();
        hold.Transaction = transaction;
        hold.CommandText = "UPDATE OutgoingMessages SET Status = 'Held' WHERE Status = 'Pending' AND (DueAtUtc <= $taken OR ClaimedBy IS NOT NULL)";
        hold.Parameters.AddWithValue("$taken", DateTime.SpecifyKind(takenUtc, DateTimeKind.Unspecified));
        var held = hold.ExecuteNonQuery();
        if (held > 0)
        {
            using var log = connection.CreateCommand();
            log.Transaction = transaction;
            log.CommandText = "INSERT INTO ActivityLog (AtUtc, Actor, Kind, Subject) VALUES ($at, 'system', 'RestoredFromBackup', $subject)";
            log.Parameters.AddWithValue("$at", DateTime.SpecifyKind(time.GetUtcNow().UtcDateTime, DateTimeKind.Unspecified));
            log.Parameters.AddWithValue("$subject", $"{takenUtc.ToString("O", System.Globalization.CultureInfo.InvariantCulture)}|{held}");
            log.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>Refuses a data folder a restore was interrupted in, saying what to run.</summary>
    public static void RefuseHalfRestored(string dataFolder)
    {
        if (File.Exists(Path.Combine(dataFolder, RestoreMarker)))
        {
            throw new SettingsException($"A restore into {dataFolder} was interrupted after it began putting files in place. "
                + "Run `dotnet EventManager.Web.dll restore --from <the same backup> --replace` again (with the same Database:DataDirectory): it finishes that restore. The app starts once it has.");
        }
    }

    private static void FlushFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Makes a folder's entries (new and renamed files) durable: fsync on the folder itself.</summary>
    private static void FlushFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var handle = Open(folder, 0 /* O_RDONLY */);
        if (handle >= 0)
        {
            _ = Fsync(handle);
            _ = Close(handle);
        }
    }

    /// <summary>For crash tests only: the restore stops dead at a named point, as a kill there would.</summary>
    private static void StopHere(string point)
    {
        if (Environment.GetEnvironmentVariable("EVENTMANAGER_RESTORE_DIES_AT") == point)
        {
            Environment.FailFast($"restore stopped at '{point}' for a crash test");
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string path, int flags);

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int fd);

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);

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
