using System.Text.Json;
using EventManager.Web.Configuration;
using EventManager.Web.Features.Mail;

namespace EventManager.Tests;

public sealed class ConfigurationExampleTests
{
    private static readonly (string Section, Type Settings)[] Sections =
    [
        (DatabaseSettings.Section, typeof(DatabaseSettings)),
        (JobSettings.Section, typeof(JobSettings)),
        (BackupSettings.Section, typeof(BackupSettings)),
        (BootstrapSettings.Section, typeof(BootstrapSettings)),
        (DemoSettings.Section, typeof(DemoSettings)),
        (MailSettings.Section, typeof(MailSettings)),
        (RateLimitSettings.Section, typeof(RateLimitSettings)),
        (DataProtectionSettings.Section, typeof(DataProtectionSettings)),
        (AppSettings.Section, typeof(AppSettings)),
        (ReverseProxySettings.Section, typeof(ReverseProxySettings)),
        (HttpsSettings.Section, typeof(HttpsSettings)),
        (PrintingConfiguration.Section, typeof(EventManager.Core.Printing.FontSettings)),
        (CertificateSigningSettings.Section, typeof(CertificateSigningSettings)),
        (EventManager.Web.Infrastructure.PublicPageCacheSettings.Section, typeof(EventManager.Web.Infrastructure.PublicPageCacheSettings)),
        (EventManager.Web.Features.Registrations.WalletSettings.Section, typeof(EventManager.Web.Features.Registrations.WalletSettings)),
    ];

    private static readonly string[] OtherKeys = ["Diagnostics:CountQueries", "Diagnostics:CeilingEndpoints", "AllowedHosts", "Urls"];

    [Fact]
    public void Every_setting_is_in_the_example_file_and_the_example_has_no_setting_the_app_ignores()
    {
        var path = Path.Combine(Repository.Root, "appsettings.example.json");
        using var json = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        void Walk(JsonElement element, string prefix)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, prefix.Length == 0 ? property.Name : $"{prefix}:{property.Name}");
                }
            }
            else
            {
                // A map setting (fonts per script) counts once, by its name.
                keys.Add(prefix.StartsWith("Printing:Fonts:", StringComparison.OrdinalIgnoreCase) ? "Printing:Fonts" : prefix);
            }
        }

        Walk(json.RootElement, "");
        var known = Sections
            .SelectMany(s => s.Settings.GetProperties().Where(p => p.CanWrite).Select(p => $"{s.Section}:{p.Name}"))
            .Concat(OtherKeys)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        var undocumented = known.Where(k => !keys.Contains(k)).Order().ToList();
        Assert.True(undocumented.Count == 0, "Settings missing from appsettings.example.json: " + string.Join(", ", undocumented));
        var unknown = keys.Where(k => !known.Contains(k) && !k.StartsWith("Logging:", StringComparison.Ordinal)).Order().ToList();
        Assert.True(unknown.Count == 0, "appsettings.example.json has settings the app does not read: " + string.Join(", ", unknown));
    }
}
