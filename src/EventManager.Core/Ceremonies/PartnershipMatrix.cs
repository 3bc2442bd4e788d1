using EventManager.Core.Data;
using EventManager.Core.Institutions;
using EventManager.Core.Registrations;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Ceremonies;

/// <summary>
/// The institutions of one country against those of another, each cell the agreements between the
/// two, and the event's figures: how a press officer reads "24 agreements between 10 Chinese and
/// 9 Kazakh universities" at a glance.
/// </summary>
public sealed record PartnershipMatrix(
    string RowCountry,
    string ColumnCountry,
    IReadOnlyList<string> Countries,
    IReadOnlyList<Institution> Rows,
    IReadOnlyList<Institution> Columns,
    IReadOnlyDictionary<(int Row, int Column), IReadOnlyList<Agreement>> Cells,
    int AgreementsBetween,
    IReadOnlyList<CountryFigures> ByCountry,
    IReadOnlyList<KindFigures> ByKind,
    int Agreements,
    int Signed)
{
    public IReadOnlyList<Agreement> Cell(int row, int column) => Cells.TryGetValue((row, column), out var list) ? list : [];

    /// <summary>Bilateral meetings agreed between two institutions (either asked), by (row, column).</summary>
    public IReadOnlyDictionary<(int Row, int Column), int> MeetingCells { get; init; } = new Dictionary<(int, int), int>();

    public int Meetings(int row, int column) => MeetingCells.GetValueOrDefault((row, column));

    /// <summary>How many of the rows' and the columns' institutions are parties to agreements (the others have only met).</summary>
    public (int Rows, int Columns) Signing { get; init; }
}

public sealed record CountryFigures(string CountryCode, int Institutions, int Delegates, int InstitutionsWithAgreements);

public sealed record KindFigures(AgreementKind Kind, int Agreements, int Signed);

public sealed class PartnershipService(EventManagerDbContext db)
{
    /// <summary>
    /// The matrix for an event and the events inside it. Without countries chosen, the two countries
    /// with the most institutions in agreements face each other.
    /// </summary>
    public async Task<PartnershipMatrix> MatrixAsync(int eventId, string? rowCountry, string? columnCountry, CancellationToken cancellationToken = default)
    {
        var agreements = await CeremonyService.WithParties(db.Agreements.AsNoTracking()
                .Where(a => a.Status != AgreementStatus.Withdrawn && (a.Session!.EventId == eventId || a.Session.Event!.ParentEventId == eventId)))
            .OrderBy(a => a.Position)
            .ToListAsync(cancellationToken);
        var delegates = await db.Registrations.AsNoTracking()
            .Where(r => r.Status == RegistrationStatus.Confirmed && (r.EventId == eventId || r.Event!.ParentEventId == eventId))
            .Select(r => new { r.CountryCode, r.InstitutionId, r.DelegateId, r.Email })
            .ToListAsync(cancellationToken);

        // Accepted bilateral meetings between institutions: where agreements are prepared.
        var meetings = await db.MeetingRequests.AsNoTracking()
            .Where(r => r.Status == Meetings.MeetingRequestStatus.Accepted && (r.EventId == eventId || r.Event!.ParentEventId == eventId)
                && r.From!.Institution != null && r.To!.Institution != null)
            .Select(r => new { From = r.From!.Institution!, To = r.To!.Institution! })
            .ToListAsync(cancellationToken);
        var signing = agreements.SelectMany(a => a.Parties).Select(p => p.Institution!).DistinctBy(i => i.Id).ToList();
        var parties = signing.Concat(meetings.SelectMany(m => new[] { m.From, m.To })).DistinctBy(i => i.Id).ToList();
        var countries = parties.GroupBy(i => i.CountryCode).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key)
            .Concat(delegates.Select(d => d.CountryCode).Distinct().Order())
            .Distinct().ToList();
        rowCountry = countries.Contains(rowCountry ?? "") ? rowCountry! : countries.ElementAtOrDefault(0) ?? "";
        columnCountry = countries.Contains(columnCountry ?? "") && columnCountry != rowCountry
            ? columnCountry!
            : countries.FirstOrDefault(c => c != rowCountry) ?? "";

        var rows = parties.Where(i => i.CountryCode == rowCountry).OrderBy(i => i.EnglishName).ToList();
        var columns = parties.Where(i => i.CountryCode == columnCountry).OrderBy(i => i.EnglishName).ToList();
        var cells = new Dictionary<(int, int), IReadOnlyList<Agreement>>();
        var between = new HashSet<int>();
        foreach (var row in rows)
        {
            foreach (var column in columns)
            {
                var shared = agreements.Where(a => a.Parties.Any(p => p.InstitutionId == row.Id) && a.Parties.Any(p => p.InstitutionId == column.Id)).ToList();
                if (shared.Count > 0)
                {
                    cells[(row.Id, column.Id)] = shared;
                    between.UnionWith(shared.Select(a => a.Id));
                }
            }
        }

        var byCountry = countries.Select(c => new CountryFigures(
                c,
                delegates.Where(d => d.CountryCode == c && d.InstitutionId != null).Select(d => d.InstitutionId).Distinct().Count(),
                delegates.Where(d => d.CountryCode == c).Select(d => d.DelegateId?.ToString() ?? d.Email).Distinct().Count(),
                signing.Count(i => i.CountryCode == c)))
            .ToList();
        var byKind = Enum.GetValues<AgreementKind>()
            .Select(k => new KindFigures(k, agreements.Count(a => a.Kind == k), agreements.Count(a => a.Kind == k && a.Status == AgreementStatus.Signed)))
            .Where(k => k.Agreements > 0)
            .ToList();
        var meetingCells = meetings.SelectMany(m => new[] { (m.From.Id, m.To.Id), (m.To.Id, m.From.Id) })
            .Where(pair => rows.Any(r => r.Id == pair.Item1) && columns.Any(c => c.Id == pair.Item2))
            .GroupBy(pair => pair).ToDictionary(g => g.Key, g => g.Count());
        return new PartnershipMatrix(rowCountry, columnCountry, countries, rows, columns, cells, between.Count, byCountry, byKind,
            agreements.Count, agreements.Count(a => a.Status == AgreementStatus.Signed))
        {
            MeetingCells = meetingCells,
            Signing = (rows.Count(r => signing.Any(i => i.Id == r.Id)), columns.Count(c => signing.Any(i => i.Id == c.Id))),
        };
    }
}
