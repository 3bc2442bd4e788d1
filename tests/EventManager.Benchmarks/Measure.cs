using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace EventManager.Benchmarks;

public static class Measure
{
    public static double Percentile(List<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return 0;
        }

        var rank = p / 100.0 * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    /// <summary>
    /// The ceiling for anything that commits to SQLite on this disk: one-row insert-and-commit transactions
    /// in a loop, with the same journal settings the app uses (WAL, synchronous=NORMAL).
    /// </summary>
    public static double SqliteCommitsPerSecond(string folder, TimeSpan duration)
    {
        var file = Path.Combine(folder, "ceiling.db");
        using var connection = new SqliteConnection($"Data Source={file}");
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; CREATE TABLE t (id INTEGER PRIMARY KEY, email TEXT NOT NULL, at TEXT NOT NULL);";
            setup.ExecuteNonQuery();
        }

        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO t (email, at) VALUES ($email, $at)";
        var email = insert.Parameters.Add("$email", SqliteType.Text);
        var at = insert.Parameters.Add("$at", SqliteType.Text);
        var watch = Stopwatch.StartNew();
        var commits = 0;
        while (watch.Elapsed < duration)
        {
            using var transaction = connection.BeginTransaction();
            insert.Transaction = transaction;
            email.Value = $"row{commits}@example.org";
            at.Value = DateTime.UtcNow.ToString("O");
            insert.ExecuteNonQuery();
            transaction.Commit();
            commits++;
        }

        return commits / watch.Elapsed.TotalSeconds;
    }
}
