using EventManager.Core.Ceremonies;
using EventManager.Core.Certificates;
using EventManager.Core.Printing;

namespace EventManager.Web.Features.Certificates;

public static class CertificatesConfiguration
{
    public static void AddEventManagerCertificates(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<CeremonyService>();
        services.AddScoped<PartnershipService>();
        services.AddScoped<CertificateService>();
        services.AddScoped<CertificateModels>();
    }
}
