using EventManager.Core.Ceremonies;
using EventManager.Core.Common;
using EventManager.Core.Data;
using EventManager.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Certificates;

public sealed record IssuedCertificate(Certificate Certificate, Agreement Agreement);

/// <summary>Issuing, printing, revoking and verifying agreement certificates.</summary>
public sealed class CertificateService(EventManagerDbContext db, TimeProvider time, Activity.ActivityLog activity, Activity.ICurrentActor actor)
{
    /// <summary>
    /// Issues a certificate for each agreement that has none (serial numbers follow the order
    /// given) and logs a print of each. Printing again asks for a reason.
    /// </summary>
    /// <param name="beforeRecording">
    /// Sees the agreements once they pass the rules and before anything is written; it may throw (the fonts cannot
    /// print a name) and then nothing is recorded.
    /// </param>
    public async Task<DomainResult<IReadOnlyList<IssuedCertificate>>> PrintAsync(IReadOnlyList<int> agreementIds, string by, string? reason,
        Action<IReadOnlyList<Agreement>>? beforeRecording = null, CancellationToken cancellationToken = default)
    {
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (reason?.Length > CertificateRules.ReasonMaxLength)
        {
            return Fail(new DomainError("Reason", "The reason can be at most {0} characters.", CertificateRules.ReasonMaxLength));
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryPrintAsync(agreementIds, by, reason, beforeRecording, cancellationToken);
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                // Another desk took the same serial number at the same moment: count again.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<DomainResult<IReadOnlyList<IssuedCertificate>>> TryPrintAsync(IReadOnlyList<int> agreementIds, string by, string? reason,
        Action<IReadOnlyList<Agreement>>? beforeRecording, CancellationToken cancellationToken)
    {
        var agreements = await CeremonyService.WithParties(db.Agreements.Include(a => a.Session).ThenInclude(s => s!.Event).Include(a => a.Session).ThenInclude(s => s!.Room))
            .Where(a => agreementIds.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, cancellationToken);
        var certificates = await db.Certificates.Include(c => c.Prints)
            .Where(c => agreementIds.Contains(c.AgreementId) && c.RevokedAtUtc == null)
            .ToDictionaryAsync(c => c.AgreementId, cancellationToken);

        var errors = new List<DomainError>();
        foreach (var id in agreementIds)
        {
            if (!agreements.TryGetValue(id, out var agreement))
            {
                errors.Add(new DomainError("", "This agreement no longer exists."));
                continue;
            }

            errors.AddRange(PrintProblems(agreement));
            if (reason is null && certificates.TryGetValue(id, out var printed) && printed.Prints.Count > 0)
            {
                errors.Add(new DomainError("Reason", "Certificate {0} has been printed before: give a reason for printing it again.", printed.SerialNumber));
            }
        }

        if (errors.Count > 0)
        {
            // One message per problem, even when two agreements of a batch share it.
            return DomainResult<IReadOnlyList<IssuedCertificate>>.Failure(
                errors.DistinctBy(e => (e.Field, e.Message, string.Join("\u001f", e.Arguments))).ToList());
        }

        beforeRecording?.Invoke(agreementIds.Select(id => agreements[id]).ToList());

        var now = time.GetUtcNow().UtcDateTime;
        var issued = new List<IssuedCertificate>();
        var next = new Dictionary<int, int>();
        foreach (var id in agreementIds)
        {
            var agreement = agreements[id];
            if (!certificates.TryGetValue(id, out var certificate))
            {
                var ceremonyEvent = agreement.Session!.Event!;
                if (!next.TryGetValue(ceremonyEvent.Id, out var sequence))
                {
                    sequence = 1 + (await db.Certificates.Where(c => c.EventId == ceremonyEvent.Id).MaxAsync(c => (int?)c.Sequence, cancellationToken) ?? 0);
                }

                next[ceremonyEvent.Id] = sequence + 1;
                var year = EventTime.ToLocal(agreement.Session.StartsAtUtc, EventTime.FindZone(ceremonyEvent.TimeZoneId)).Year;
                certificate = new Certificate
                {
                    AgreementId = id,
                    EventId = ceremonyEvent.Id,
                    Sequence = sequence,
                    SerialNumber = CertificateRules.SerialNumber(ceremonyEvent.CertificatePrefix ?? CertificateRules.SerialPrefix(ceremonyEvent.Slug), year, sequence),
                    VerificationCode = CertificateRules.NewVerificationCode(),
                    IssuedAtUtc = now,
                };
                db.Certificates.Add(certificate);
                certificates[id] = certificate;
            }

            certificate.Prints.Add(new CertificatePrint { PrintedAtUtc = now, PrintedBy = by, Reason = reason });
            issued.Add(new IssuedCertificate(certificate, agreement));
        }

        await db.SaveChangesAsync(cancellationToken);
        return DomainResult<IReadOnlyList<IssuedCertificate>>.Success(issued);
    }

    /// <summary>Why an agreement's certificate cannot be printed now: not ready or signed, or flagged. Empty when it can.</summary>
    public static IReadOnlyList<DomainError> PrintProblems(Agreement agreement) =>
        agreement.Status is AgreementStatus.Draft or AgreementStatus.Withdrawn
            ? [new DomainError("", "\"{0}\" is not ready: only agreements marked ready or signed are printed.", agreement.Title), .. CeremonyService.Problems(agreement)]
            : CeremonyService.Problems(agreement);

    /// <summary>The current and revoked certificates of a ceremony's agreements, with their print logs.</summary>
    public Task<List<Certificate>> ForCeremonyAsync(int sessionId, CancellationToken cancellationToken = default) =>
        db.Certificates.AsNoTracking().Include(c => c.Prints.OrderBy(p => p.PrintedAtUtc))
            .Where(c => c.Agreement!.SessionId == sessionId)
            .OrderBy(c => c.Sequence)
            .ToListAsync(cancellationToken);

    /// <summary>Revokes a certificate for good, in the name of whoever is signed in, and logs it with the change.</summary>
    public async Task<DomainResult<Certificate>> RevokeAsync(int certificateId, string? reason, CancellationToken cancellationToken = default)
    {
        reason = reason?.Trim();
        var certificate = await db.Certificates.Include(c => c.Agreement!.Session).SingleOrDefaultAsync(c => c.Id == certificateId, cancellationToken);
        if (certificate is null)
        {
            return DomainResult<Certificate>.Failure([new DomainError("", "This certificate no longer exists.")]);
        }

        if (certificate.RevokedAtUtc is not null)
        {
            return DomainResult<Certificate>.Failure([new DomainError("", "Certificate {0} is already revoked.", certificate.SerialNumber)]);
        }

        if (string.IsNullOrEmpty(reason) || reason.Length > CertificateRules.ReasonMaxLength)
        {
            return DomainResult<Certificate>.Failure([new DomainError("Reason", "Give a reason for revoking the certificate (at most 500 characters).")]);
        }

        certificate.RevokedAtUtc = time.GetUtcNow().UtcDateTime;
        certificate.RevokedReason = reason;
        certificate.RevokedBy = actor.Name;
        activity.Add(Activity.ActivityKind.CertificateRevoked, certificate.Agreement?.Session?.EventId, certificate.SerialNumber);
        await db.SaveChangesAsync(cancellationToken);
        return DomainResult<Certificate>.Success(certificate);
    }

    /// <summary>The certificate a verification code belongs to, with what the public page shows; null when unknown.</summary>
    public async Task<Certificate?> VerifyAsync(string? code, CancellationToken cancellationToken = default)
    {
        if (!CertificateRules.LooksLikeCode(code))
        {
            return null;
        }

        var certificate = await db.Certificates.AsNoTracking()
            .Include(c => c.Agreement).ThenInclude(a => a!.Session).ThenInclude(s => s!.Event)
            .Include(c => c.Agreement).ThenInclude(a => a!.Session).ThenInclude(s => s!.Room)
            .Include(c => c.Agreement).ThenInclude(a => a!.Parties.OrderBy(p => p.Order)).ThenInclude(p => p.Institution)
            .AsSplitQuery()
            .SingleOrDefaultAsync(c => c.VerificationCode == code, cancellationToken);
        // The index finds the row; compare exactly, since some databases compare text without case.
        return certificate is not null && string.Equals(certificate.VerificationCode, code, StringComparison.Ordinal) ? certificate : null;
    }

    private static DomainResult<IReadOnlyList<IssuedCertificate>> Fail(DomainError error) =>
        DomainResult<IReadOnlyList<IssuedCertificate>>.Failure([error]);
}
