using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Data;

/// <summary>
/// What a migration cannot compute in SQL, done once after it at start-up: values the app derives in C# (search keys
/// normalised with ICU). Each step finds the rows it has not done yet, so running it again, or on several instances
/// one after the other (under the start-up lock), changes nothing.
/// </summary>
public static class DataBackfills
{
    private const int Batch = 500;

    public static async Task<int> RunAsync(EventManagerDbContext db, CancellationToken cancellationToken = default)
    {
        var done = 0;
        // People recorded before the directory searched them (migration "PeopleDirectory").
        while (true)
        {
            var people = await db.Delegates.Where(d => d.SearchText == "").OrderBy(d => d.Id).Take(Batch).ToListAsync(cancellationToken);
            if (people.Count == 0)
            {
                return done;
            }

            foreach (var person in people)
            {
                person.SearchText = person.ComputeSearchText();
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            done += people.Count;
        }
    }
}
