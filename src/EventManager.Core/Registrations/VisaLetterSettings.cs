using EventManager.Core.Activity;
using EventManager.Core.Common;
using EventManager.Core.Data;
using EventManager.Core.Events;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace EventManager.Core.Registrations;

/// <summary>
/// What a consulate looks for on an invitation letter besides the traveller: whose letter it is (the letterhead: the
/// host institution's name and address), who signs it and in what capacity, and the signature or seal. One row per event.
/// </summary>
public class VisaLetterSettings
{
    public int EventId { get; set; }
    public Event? Event { get; set; }

    /// <summary>The host's name and address, a few lines, in the event's languages.</summary>
    [MultiLine]
    public LocalText? Letterhead { get; set; }

    [KeptAsRecord("the organisers' signatory, printed on every letter; an organiser changes it, erasing delegates does not")]
    public string? SignatoryName { get; set; }

    /// <summary>"Vice-President for International Affairs", in the event's languages.</summary>
    [KeptAsRecord("the organisers' signatory's title, printed on every letter")]
    public LocalText? SignatoryTitle { get; set; }

    /// <summary>The signature or seal, re-encoded as PNG (no metadata survives), at most <see cref="VisaLetterSetup.MaxImagePixels"/> a side.</summary>
    [KeptAsRecord("the organisers' seal or signature, printed on every letter")]
    public byte[]? SealImage { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}

public sealed record VisaLetterSettingsInput(LocalText? Letterhead, string? SignatoryName, LocalText? SignatoryTitle, byte[]? NewSealImage, bool RemoveSealImage);

/// <summary>Reads and saves an event's letter settings; an uploaded image is decoded and drawn again before it is kept.</summary>
public sealed class VisaLetterSetup(EventManagerDbContext db, TimeProvider time, ActivityLog activity)
{
    public const int MaxImageBytes = UploadedImages.MaxBytes;
    public const int MaxImagePixels = 800;
    public const int LetterheadMaxLength = 400;

    public Task<VisaLetterSettings?> FindAsync(int eventId, CancellationToken cancellationToken = default) =>
        db.Set<VisaLetterSettings>().AsNoTracking().SingleOrDefaultAsync(s => s.EventId == eventId, cancellationToken);

    public async Task<DomainResult<VisaLetterSettings>> SaveAsync(int eventId, VisaLetterSettingsInput input, CancellationToken cancellationToken = default)
    {
        var errors = new List<DomainError>();
        if (input.Letterhead is { } letterhead && letterhead.Entries.Any(e => (e.Value ?? "").Length > LetterheadMaxLength))
        {
            errors.Add(new DomainError("Letterhead", "A letterhead has at most {0} characters in each language.", LetterheadMaxLength));
        }

        if (input.Letterhead is { } lines && lines.Entries.Any(e => (e.Value ?? "").Split('\n').Length > 5))
        {
            errors.Add(new DomainError("Letterhead", "A letterhead has at most 5 lines."));
        }

        if (!string.IsNullOrWhiteSpace(input.SignatoryName))
        {
            RegistrationRules.CheckPersonName(errors, "SignatoryName", input.SignatoryName);
        }

        if (input.SignatoryTitle is { } title && title.Entries.Any(e => (e.Value ?? "").Length > 200))
        {
            errors.Add(new DomainError("SignatoryTitle", "A title has at most {0} characters.", 200));
        }

        var image = input.NewSealImage is { Length: > 0 } upload ? UploadedImages.Redraw(errors, "SealImage", upload, MaxImagePixels, SKEncodedImageFormat.Png) : null;
        if (errors.Count > 0)
        {
            return DomainResult<VisaLetterSettings>.Failure(errors);
        }

        var settings = await db.Set<VisaLetterSettings>().SingleOrDefaultAsync(s => s.EventId == eventId, cancellationToken);
        if (settings is null)
        {
            settings = new VisaLetterSettings { EventId = eventId };
            db.Add(settings);
        }

        settings.Letterhead = input.Letterhead is { IsEmpty: false } ? input.Letterhead : null;
        settings.SignatoryName = RegistrationRules.Clean(input.SignatoryName);
        settings.SignatoryTitle = input.SignatoryTitle is { IsEmpty: false } ? input.SignatoryTitle : null;
        if (image is not null)
        {
            settings.SealImage = image;
        }
        else if (input.RemoveSealImage)
        {
            settings.SealImage = null;
        }

        settings.UpdatedAtUtc = time.GetUtcNow().UtcDateTime;
        activity.Add(ActivityKind.VisaLetterSettingsChanged, eventId, "");
        await db.SaveChangesAsync(cancellationToken);
        return DomainResult<VisaLetterSettings>.Success(settings);
    }
}
