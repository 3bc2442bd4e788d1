using EventManager.Core.Ceremonies;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EventManager.Core.Certificates;
using EventManager.Web.Configuration;

namespace EventManager.Web.Features.Certificates;

public static class CertificatesConfiguration
{
    public static void AddEventManagerCertificates(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<CeremonyService>();
        services.AddScoped<PartnershipService>();
        services.AddScoped<CertificateService>();
        services.AddScoped<CertificateBuilder>();
        services.AddScoped<Ceremonies.PlaceCardBuilder>();
        services.AddScoped<Ceremonies.RunSheetBuilder>();
        services.AddScoped<Badges.BadgeBuilder>();
        services.AddScoped<Registrations.RegistrationTicket>();
        var wallet = Settings.Read<Registrations.WalletSettings>(builder.Configuration, Registrations.WalletSettings.Section);
        // Read once at start, so a wrong path or password stops the app with a message rather than the first ticket.
        _ = new Registrations.WalletPasses(wallet, TimeProvider.System);
        services.AddSingleton(wallet);
        services.AddSingleton(sp => new Registrations.WalletPasses(wallet, sp.GetRequiredService<TimeProvider>()));
        services.AddScoped<Registrations.VisaLetters.VisaLetterBuilder>();

        var signing = Settings.Read<CertificateSigningSettings>(builder.Configuration, CertificateSigningSettings.Section);
        services.AddSingleton(new CertificateSigning(string.IsNullOrWhiteSpace(signing.CertificatePath) ? null : new PdfSigner(Load(signing))));
    }

    private static X509Certificate2 Load(CertificateSigningSettings settings)
    {
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(settings.CertificatePath, settings.CertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
            return certificate.HasPrivateKey
                ? certificate
                : throw new SettingsException($"Certificates:Signing:CertificatePath {settings.CertificatePath} has no private key: it cannot sign.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new SettingsException($"Certificates:Signing:CertificatePath {settings.CertificatePath} could not be read: {e.Message}", e);
        }
    }
}

/// <summary>Signs certificate PDFs when a signing certificate is configured; leaves them as they are otherwise.</summary>
public sealed class CertificateSigning(PdfSigner? signer)
{
    public bool Enabled => signer is not null;

    public byte[] Apply(byte[] pdf, DateTime signedAtUtc) => signer?.Sign(pdf, signedAtUtc) ?? pdf;
}
