using System.Security.Cryptography;
using EventManager.Core.Agenda;
using EventManager.Core.Ceremonies;
using EventManager.Core.Common;
using EventManager.Core.Data;
using EventManager.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Certificates;

/// <summary>A certificate about to be printed, the facts it states, and whether the agreement is signed yet.</summary>
public sealed record IssuedCertificate(Certificate Certificate, CertificateFacts Facts, bool Signed);

/// <summary>A file brought to the verification page that is one printing of certificates (one, or a ceremony's batch).</summary>
public sealed record PrintedFile(DateTime PrintedAtUtc, IReadOnlyList<Certificate> Certificates);

/// <summary>Issuing, printing, revoking and verifying agreement certificates.</summary>
public sealed class CertificateService(EventManagerDbContext db, TimeProvider time, Activity.ActivityLog activity, Activity.ICurrentActor actor)
{
    /// <summary>
    /// Prints the agreements' certificates as one PDF and records the print. An agreement without a certificate gets
    /// one (serial numbers follow the order given); one whose facts changed since its certificate was issued gets a
    /// new certificate that supersedes the old. Printing the same certificate again asks for a reason. The PDF is
    /// rendered before anything is written, so a name the fonts cannot print leaves no record; its SHA-256 is
    /// stored with the print.
    /// </summary>
    /// <param name="render">Draws the certificates, in the order given, as one PDF.</param>
    public async Task<DomainResult<byte[]>> PrintAsync(IReadOnlyList<int> agreementIds, string? reason, string language,
        Func<IReadOnlyList<IssuedCertificate>, byte[]> render, CancellationToken cancellationToken = default)
    {
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (reason?.Length > CertificateRules.ReasonMaxLength)
        {
            return DomainResult<byte[]>.Failure("Reason", "The reason can be at most {0} characters.", CertificateRules.ReasonMaxLength);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryPrintAsync(agreementIds, reason, language, render, cancellationToken);
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                // Another desk took the same serial number at the same moment: count again.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<DomainResult<byte[]>> TryPrintAsync(IReadOnlyList<int> agreementIds, string? reason, string language,
        Func<IReadOnlyList<IssuedCertificate>, byte[]> render, CancellationToken cancellationToken)
    {
        var agreements = await CeremonyService.WithParties(db.Agreements.Include(a => a.Session).ThenInclude(s => s!.Event).Include(a => a.Session).ThenInclude(s => s!.Room))
            .Where(a => agreementIds.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, cancellationToken);
        var certificates = await db.Certificates.Include(c => c.Prints)
            .Where(c => agreementIds.Contains(c.AgreementId) && c.RevokedAtUtc == null && c.SupersededById == null)
            .ToDictionaryAsync(c => c.AgreementId, cancellationToken);

        var errors = new List<DomainError>();
        var facts = new Dictionary<int, CertificateFacts>();
        foreach (var id in agreementIds)
        {
            if (!agreements.TryGetValue(id, out var agreement))
            {
                errors.Add(new DomainError("", "This agreement no longer exists."));
                continue;
            }

            errors.AddRange(PrintProblems(agreement, agreement.Session!));
            facts[id] = CertificateFacts.From(agreement, agreement.Session!);
            if (reason is null && certificates.TryGetValue(id, out var printed) && printed.Prints.Count > 0 && printed.Facts == facts[id].ToJson())
            {
                errors.Add(new DomainError("Reason", "Certificate {0} has been printed before: give a reason for printing it again.", printed.SerialNumber));
            }
        }

        if (errors.Count > 0)
        {
            // One message per problem, even when two agreements of a batch share it.
            return DomainResult<byte[]>.Failure(errors.DistinctBy(e => (e.Field, e.Message, string.Join("\u001f", e.Arguments))).ToList());
        }

        var now = time.GetUtcNow().UtcDateTime;
        var issued = new List<IssuedCertificate>();
        var prints = new List<CertificatePrint>();
        var next = new Dictionary<int, int>();
        foreach (var id in agreementIds)
        {
            var agreement = agreements[id];
            var stated = facts[id].ToJson();
            if (!certificates.TryGetValue(id, out var certificate) || certificate.Facts != stated)
            {
                var ceremonyEvent = agreement.Session!.Event!;
                if (!next.TryGetValue(ceremonyEvent.Id, out var sequence))
                {
                    sequence = 1 + (await db.Certificates.Where(c => c.EventId == ceremonyEvent.Id).MaxAsync(c => (int?)c.Sequence, cancellationToken) ?? 0);
                }

                next[ceremonyEvent.Id] = sequence + 1;
                var year = EventTime.ToLocal(agreement.Session.StartsAtUtc, EventTime.FindZone(ceremonyEvent.TimeZoneId)).Year;
                var fresh = new Certificate
                {
                    AgreementId = id,
                    EventId = ceremonyEvent.Id,
                    Sequence = sequence,
                    SerialNumber = CertificateRules.SerialNumber(ceremonyEvent.CertificatePrefix ?? CertificateRules.SerialPrefix(ceremonyEvent.Slug), year, sequence),
                    VerificationCode = CertificateRules.NewVerificationCode(),
                    IssuedAtUtc = now,
                    Facts = stated,
                };
                db.Certificates.Add(fresh);
                if (certificate is not null)
                {
                    // The paper with the old facts is out of date: its code now says which certificate replaced it.
                    certificate.SupersededBy = fresh;
                    certificate.SupersededAtUtc = now;
                }

                certificate = certificates[id] = fresh;
            }

            var print = new CertificatePrint { PrintedAtUtc = now, PrintedBy = actor.Name, Reason = reason, Language = language };
            certificate.Prints.Add(print);
            prints.Add(print);
            issued.Add(new IssuedCertificate(certificate, facts[id], agreement.Status == AgreementStatus.Signed));
        }

        foreach (var batch in issued.GroupBy(c => c.Certificate.EventId))
        {
            activity.Add(Activity.ActivityKind.CertificatesPrinted, batch.Key, batch.Count());
        }

        byte[] pdf;
        try
        {
            pdf = render(issued);
        }
        catch
        {
            db.ChangeTracker.Clear();
            throw;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(pdf));
        foreach (var print in prints)
        {
            print.PdfSha256 = hash;
        }

        await db.SaveChangesAsync(cancellationToken);
        return DomainResult<byte[]>.Success(pdf);
    }

    /// <summary>A certificate no longer states what its agreement says (a new title, another party or signatory, a
    /// moved ceremony): the desk reprints it, which issues a new one.</summary>
    public static bool IsOutOfDate(Certificate certificate, Agreement agreement, Session ceremony) =>
        certificate.Facts != CertificateFacts.From(agreement, ceremony).ToJson();

    /// <summary>The printing a PDF file comes from, if it is one, exactly as it was handed out.</summary>
    public async Task<PrintedFile?> MatchFileAsync(byte[] pdf, CancellationToken cancellationToken = default)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(pdf));
        var prints = await db.CertificatePrints.AsNoTracking().Include(p => p.Certificate)
            .Where(p => p.PdfSha256 == hash)
            .OrderBy(p => p.Id)
            .ToListAsync(cancellationToken);
        return prints.Count == 0 ? null : new PrintedFile(prints[0].PrintedAtUtc, prints.Select(p => p.Certificate!).ToList());
    }

    /// <summary>
    /// Why an agreement's certificate cannot be printed now: not signed (or, where the ceremony allows printing before
    /// signing, not even ready), or flagged. Empty when it can.
    /// </summary>
    public static IReadOnlyList<DomainError> PrintProblems(Agreement agreement, Session ceremony) =>
        agreement.Status switch
        {
            AgreementStatus.Signed => CeremonyService.Problems(agreement),
            AgreementStatus.Ready when ceremony.CertificatesBeforeSigning => CeremonyService.Problems(agreement),
            AgreementStatus.Ready => [new DomainError("", "\"{0}\" is not signed yet: its certificate is printed once it is marked signed, unless the organisers allow printing before the ceremony.", agreement.Title), .. CeremonyService.Problems(agreement)],
            _ => [new DomainError("", "\"{0}\" is not ready: only agreements marked ready or signed are printed.", agreement.Title), .. CeremonyService.Problems(agreement)],
        };

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

        // The page shows the facts stored at issue, not the agreement as it is now.
        var certificate = await db.Certificates.AsNoTracking()
            .Include(c => c.SupersededBy)
            .Include(c => c.Agreement)
            .SingleOrDefaultAsync(c => c.VerificationCode == code, cancellationToken);
        // The index finds the row; compare exactly, since some databases compare text without case.
        return certificate is not null && string.Equals(certificate.VerificationCode, code, StringComparison.Ordinal) ? certificate : null;
    }

}
