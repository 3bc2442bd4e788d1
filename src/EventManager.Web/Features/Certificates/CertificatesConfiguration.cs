using EventManager.Core.Ceremonies;
using EventManager.Core.Certificates;

namespace EventManager.Web.Features.Certificates;

/// <summary>
/// The fonts certificates print with, loaded once. Missing fonts do not stop the app: the error
/// (naming the fonts and the Debian packages) is logged at start and shown to whoever prints.
/// </summary>
public sealed class CertificateFonts(FontSettings settings, ILogger<CertificateFonts> logger)
{
    private readonly Lazy<(FontCatalog? Catalog, string? Error)> loaded = new(() =>
    {
        try
        {
            var catalog = new FontCatalog(settings);
            logger.LogInformation("Certificate fonts: {Fonts}", string.Join("; ", catalog.Describe()));
            return (catalog, null);
        }
        catch (InvalidOperationException e)
        {
            logger.LogError("{Error}", e.Message);
            return (null, e.Message);
        }
    });

    public FontCatalog? Catalog => loaded.Value.Catalog;

    /// <summary>Why certificates cannot be printed, or null when they can.</summary>
    public string? Error => loaded.Value.Error;
}

public static class CertificatesConfiguration
{
    public const string Section = "Certificates";

    public static void AddEventManagerCertificates(this WebApplicationBuilder builder)
    {
        var settings = new FontSettings();
        builder.Configuration.GetSection(Section).Bind(settings);
        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton<CertificateFonts>();
        services.AddScoped<CeremonyService>();
        services.AddScoped<PartnershipService>();
        services.AddScoped<CertificateService>();
        services.AddScoped<CertificateModels>();
    }

    /// <summary>Loads the fonts in the background at start, so a missing one is in the log before anyone prints.</summary>
    public static void CheckCertificateFonts(this WebApplication app)
    {
        var fonts = app.Services.GetRequiredService<CertificateFonts>();
        _ = Task.Run(() => fonts.Error);
    }
}
