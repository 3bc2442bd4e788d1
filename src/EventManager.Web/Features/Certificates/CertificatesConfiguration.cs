using EventManager.Core.Ceremonies;
using EventManager.Core.Certificates;

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
        services.AddScoped<Registrations.VisaLetters.VisaLetterBuilder>();
    }
}
