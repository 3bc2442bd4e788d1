using EventManager.Core.Printing;

namespace EventManager.Web.Configuration;

/// <summary>
/// The fonts every printed document uses (certificates, badges, place cards, visa letters, the run sheet), loaded once.
/// Missing fonts do not stop the app: the error (naming the fonts and the Debian packages) is logged at start and shown
/// to whoever prints.
/// </summary>
public sealed class DocumentFonts(FontSettings settings, ILogger<DocumentFonts> logger)
{
    private readonly Lazy<(FontCatalog? Catalog, string? Error)> loaded = new(() =>
    {
        try
        {
            var catalog = new FontCatalog(settings);
            logger.LogInformation("Document fonts: {Fonts}", string.Join("; ", catalog.Describe()));
            return (catalog, null);
        }
        catch (InvalidOperationException e)
        {
            logger.LogError("{Error}", e.Message);
            return (null, e.Message);
        }
    });

    public FontCatalog? Catalog => loaded.Value.Catalog;

    /// <summary>Whether a document has needed the fonts yet (they are loaded then, not at start).</summary>
    public bool IsLoaded => loaded.IsValueCreated;

    /// <summary>Why documents cannot be printed, or null when they can.</summary>
    public string? Error => loaded.Value.Error;

    /// <summary>
    /// At start: finds the fonts without loading them, so a missing one is in the log before anyone prints, while an
    /// idle instance holds none of them (the fonts and their subsetting data are loaded by the first print).
    /// </summary>
    public void CheckInstalled()
    {
        if (FontCatalog.FindMissing(settings) is { } missing)
        {
            logger.LogError("{Error}", missing);
        }
    }
}

public static class PrintingConfiguration
{
    public const string Section = "Printing";

    /// <summary>The section's name until this release; still read, with a warning at start.</summary>
    public const string FormerSection = "Certificates";

    public static void AddEventManagerPrinting(this WebApplicationBuilder builder)
    {
        var settings = new FontSettings();
        var usesFormerName = !builder.Configuration.GetSection($"{Section}:Fonts").Exists()
            && builder.Configuration.GetSection($"{FormerSection}:Fonts").Exists();
        builder.Configuration.GetSection(usesFormerName ? FormerSection : Section).Bind(settings);
        foreach (var (script, source) in settings.Fonts)
        {
            if (string.IsNullOrWhiteSpace(source.Regular))
            {
                throw new SettingsException($"{(usesFormerName ? FormerSection : Section)}:Fonts:{script}:Regular is empty: give a font family name or a font file's path.");
            }
        }

        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<DocumentFonts>();
        builder.Services.AddSingleton(new FormerFontSetting(usesFormerName));
    }

    /// <summary>Looks for the fonts in the background at start, so a missing one is in the log before anyone prints.</summary>
    public static void CheckDocumentFonts(this WebApplication app)
    {
        if (app.Services.GetRequiredService<FormerFontSetting>().InUse)
        {
            app.Logger.LogWarning("The setting {Former}:Fonts is now called {Current}:Fonts; it is still read, but rename it.", FormerSection, Section);
        }

        var fonts = app.Services.GetRequiredService<DocumentFonts>();
        _ = Task.Run(fonts.CheckInstalled);
    }

    private sealed record FormerFontSetting(bool InUse);
}
