using EventManager.Core.Common;
using EventManager.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Registrations;

/// <summary>One page of a filtered list, and how many match in all.</summary>
public sealed record RegistrationPage(IReadOnlyList<Registration> Items, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public sealed record RegistrationFilter(RegistrationStatus? Status = null, int? InstitutionId = null, string? CountryCode = null, RegistrationCategory? Category = null, string? Search = null);

/// <summary>Who registered for an event, filtered and counted, for organisers and the desk.</summary>
public sealed class RegistrationLists(EventManagerDbContext db)
{
    public const int PageSize = 50;

    public async Task<IReadOnlyList<Registration>> ListAsync(int eventId, RegistrationFilter filter, CancellationToken cancellationToken = default) =>
        await Filtered(eventId, filter).Include(r => r.Institution).Include(r => r.Answers).AsSplitQuery()
            .OrderBy(r => r.Sequence).ThenBy(r => r.Id).ToListAsync(cancellationToken);

    /// <summary>
    /// One page in the order registrations came (a delegation's members share their place in it, so they stay
    /// together). A page past the end shows the last one.
    /// </summary>
    public async Task<RegistrationPage> PageAsync(int eventId, RegistrationFilter filter, int page, CancellationToken cancellationToken = default)
    {
        var query = Filtered(eventId, filter);
        var total = await query.CountAsync(cancellationToken);
        var last = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, last);
        var items = await query.Include(r => r.Institution).Include(r => r.Answers).AsSplitQuery()
            .OrderBy(r => r.Sequence).ThenBy(r => r.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        return new RegistrationPage(items, total, page, PageSize);
    }

    private IQueryable<Registration> Filtered(int eventId, RegistrationFilter filter)
    {
        var query = db.Registrations.AsNoTracking().Where(r => r.EventId == eventId);
        if (filter.Status is { } status)
        {
            query = query.Where(r => r.Status == status);
        }

        if (filter.InstitutionId is { } institution)
        {
            query = query.Where(r => r.InstitutionId == institution);
        }

        if (!string.IsNullOrWhiteSpace(filter.CountryCode))
        {
            query = query.Where(r => r.CountryCode == filter.CountryCode);
        }

        if (filter.Category is { } category)
        {
            query = query.Where(r => r.Category == category);
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            // Staff type names as they hear them: "wang" finds Wang Wei, "әбенов" finds ӘБЕНОВ, "nguyen" finds Nguyễn.
            var key = TextNormalization.SearchKey(filter.Search);
            query = query.Where(r => r.SearchText.Contains(key));
        }

        return query;
    }

    public async Task<IReadOnlyDictionary<RegistrationStatus, int>> CountsAsync(int eventId, CancellationToken cancellationToken = default) =>
        await db.Registrations.Where(r => r.EventId == eventId)
            .GroupBy(r => r.Status)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
    /// <summary>Every waiting registration's place, by id, counted as <see cref="WaitingListPositionAsync"/> counts it.</summary>
    public async Task<IReadOnlyDictionary<int, int>> WaitingListPositionsAsync(int eventId, CancellationToken cancellationToken = default)
    {
        var waiting = await db.Registrations.AsNoTracking()
            .Where(r => r.EventId == eventId && r.Status == RegistrationStatus.Waitlisted)
            .Select(r => new { r.Id, r.Sequence })
            .ToListAsync(cancellationToken);
        var positions = new Dictionary<int, int>();
        var ahead = 0;
        foreach (var submission in waiting.GroupBy(r => r.Sequence).OrderBy(g => g.Key))
        {
            foreach (var r in submission)
            {
                positions[r.Id] = ahead + 1;
            }

            ahead += submission.Count();
        }

        return positions;
    }
}
