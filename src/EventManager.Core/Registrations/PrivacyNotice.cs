using EventManager.Core.Activity;
using EventManager.Core.Common;
using EventManager.Core.Data;
using EventManager.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Registrations;

/// <summary>
/// What the organisers tell delegates about their personal data, shown on the form before anyone submits; where they
/// require it, a delegate must tick that they agree, and the registration keeps which version they agreed to and when.
/// One row per event; every change of the text is a new version.
/// </summary>
public class PrivacyNotice
{
    public int EventId { get; set; }
    public Event? Event { get; set; }

    [MultiLine]
    [KeptAsRecord("the organisers' own notice, not a delegate's data")]
    public LocalText? Text { get; set; }

    /// <summary>Whether the form refuses a registration whose sender did not tick their agreement.</summary>
    public bool RequiresConsent { get; set; }

    /// <summary>1 for the first text, one more for every change of it: what a registration's consent refers to.</summary>
    public int Version { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public bool IsShown => Text is { IsEmpty: false };
}

public sealed record PrivacyNoticeInput(LocalText? Text, bool RequiresConsent);

public sealed class PrivacyNotices(EventManagerDbContext db, TimeProvider time, ActivityLog activity)
{
    public const int TextMaxLength = 4000;

    public Task<PrivacyNotice?> FindAsync(int eventId, CancellationToken cancellationToken = default) =>
        db.PrivacyNotices.AsNoTracking().SingleOrDefaultAsync(n => n.EventId == eventId, cancellationToken);

    public async Task<DomainResult<PrivacyNotice>> SaveAsync(int eventId, PrivacyNoticeInput input, CancellationToken cancellationToken = default)
    {
        var text = input.Text is { IsEmpty: false } given ? given : null;
        if (text is not null && text.Entries.Any(e => (e.Value ?? "").Length > TextMaxLength))
        {
            return DomainResult<PrivacyNotice>.Failure("Text", "A privacy notice has at most {0} characters in each language.", TextMaxLength);
        }

        if (text is null && input.RequiresConsent)
        {
            return DomainResult<PrivacyNotice>.Failure("Text", "Write the privacy notice people agree to before you require their agreement.");
        }

        var notice = await db.PrivacyNotices.SingleOrDefaultAsync(n => n.EventId == eventId, cancellationToken);
        if (notice is null)
        {
            notice = new PrivacyNotice { EventId = eventId };
            db.Add(notice);
        }

        if (!Equals(notice.Text, text))
        {
            notice.Version++;
        }

        notice.Text = text;
        notice.RequiresConsent = input.RequiresConsent;
        notice.UpdatedAtUtc = time.GetUtcNow().UtcDateTime;
        activity.Add(ActivityKind.PrivacyNoticeChanged, eventId, notice.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(cancellationToken);
        return DomainResult<PrivacyNotice>.Success(notice);
    }
}
