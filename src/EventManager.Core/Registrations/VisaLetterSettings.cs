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
    public LocalText? SignatoryTitle { get; set; }

    /// <summary>The signature or seal, re-encoded as PNG (no metadata survives), at most <see cref="VisaLetterSetup.MaxImagePixels"/> a side.</summary>
    public byte[]? SealImage { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}

public sealed record VisaLetterSettingsInput(LocalText? Letterhead, string? SignatoryName, LocalText? SignatoryTitle, byte[]? NewSealImage, bool RemoveSealImage);

/// <summary>Reads and saves an event's letter settings; an uploaded image is decoded and drawn again before it is kept.</summary>
public sealed class VisaLetterSetup(EventManagerDbContext db, TimeProvider time, ActivityLog activity)
{
    public const int MaxImageBytes = 1024 * 1024;
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

        var image = input.NewSealImage is { Length: > 0 } upload ? Redraw(errors, upload) : null;
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

    /// <summary>
    /// Decodes the upload and draws it afresh as PNG, scaled down to fit: what is kept is pixels only (no EXIF, no
    /// comments, no second image hidden in the file), and a file that is not an image is refused.
    /// </summary>
    private static byte[]? Redraw(List<DomainError> errors, byte[] upload)
    {
        if (upload.Length > MaxImageBytes)
        {
            errors.Add(new DomainError("SealImage", "The image is larger than 1 MB; save it smaller (a signature or seal needs no more)."));
            return null;
        }

        // SKBitmap.Decode throws on bytes no codec recognises; asking for the codec first says "not an image" instead.
        using var data = SKData.CreateCopy(upload);
        using var codec = SKCodec.Create(data);
        using var decoded = codec is null ? null : SKBitmap.Decode(codec);
        if (decoded is null || decoded.Width < 1 || decoded.Height < 1)
        {
            errors.Add(new DomainError("SealImage", "This file is not an image the app can read; upload a PNG or JPEG."));
            return null;
        }

        var scale = Math.Min(1f, (float)MaxImagePixels / Math.Max(decoded.Width, decoded.Height));
        var info = new SKImageInfo(Math.Max(1, (int)(decoded.Width * scale)), Math.Max(1, (int)(decoded.Height * scale)), SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info);
        surface.Canvas.Clear(SKColors.Transparent);
        using var source = SKImage.FromBitmap(decoded);
        surface.Canvas.DrawImage(source, new SKRect(0, 0, info.Width, info.Height), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        using var snapshot = surface.Snapshot();
        using var png = snapshot.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }
}
