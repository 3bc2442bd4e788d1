using EventManager.Core.Activity;
using EventManager.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Registrations;

public sealed record InstitutionProposal(string Name, string? NativeName, string CountryCode, int Registrations);

/// <summary>Institutions delegates typed in because they did not find them in the list, and their resolution.</summary>
public sealed class InstitutionProposals(EventManagerDbContext db, TimeProvider time, ActivityLog activity)
{
    /// <summary>Institutions delegates of any event typed in because they did not find them in the list.</summary>
    public async Task<IReadOnlyList<InstitutionProposal>> ListAsync(CancellationToken cancellationToken = default) =>
        (await db.Registrations.AsNoTracking()
            .Where(r => r.InstitutionId == null && r.ProposedInstitutionName != null)
            .GroupBy(r => new { r.ProposedInstitutionName, r.CountryCode })
            .Select(g => new InstitutionProposal(g.Key.ProposedInstitutionName!, g.Max(r => r.ProposedInstitutionNativeName), g.Key.CountryCode, g.Count()))
            .ToListAsync(cancellationToken))
        .OrderBy(p => p.CountryCode, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();

    /// <summary>
    /// Points every registration that proposed this institution (in any event) at a listed one, and logs it:
    /// <paramref name="added"/> when the listed one was just created from the proposal.
    /// </summary>
    public async Task<int> ResolveAsync(string proposedName, string countryCode, int institutionId, bool added, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var delegates = db.Registrations.Where(r => r.InstitutionId == null && r.ProposedInstitutionName == proposedName && r.CountryCode == countryCode)
            .Where(r => r.DelegateId != null).Select(r => r.DelegateId);
        await db.Delegates.Where(d => d.InstitutionId == null && delegates.Contains(d.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.InstitutionId, institutionId), cancellationToken);
        var moved = await db.Registrations
            .Where(r => r.InstitutionId == null && r.ProposedInstitutionName == proposedName && r.CountryCode == countryCode)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.InstitutionId, institutionId)
                .SetProperty(r => r.ProposedInstitutionName, (string?)null)
                .SetProperty(r => r.ProposedInstitutionNativeName, (string?)null)
                .SetProperty(r => r.UpdatedAtUtc, now), cancellationToken);
        activity.Add(added ? ActivityKind.InstitutionAdded : ActivityKind.InstitutionMerged, null, proposedName);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return moved;
    }
}
