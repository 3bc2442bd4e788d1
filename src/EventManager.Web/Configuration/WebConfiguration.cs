using System.Globalization;
using Microsoft.AspNetCore.RateLimiting;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;
using EventManager.Core.Agenda;
using EventManager.Core.Data;
using EventManager.Web.Features.Agenda;
using EventManager.Core.Registrations;
using EventManager.Web.Features.Registrations;
using EventManager.Web.Infrastructure;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace EventManager.Web.Configuration;

public static class WebConfiguration
{
    /// <summary>Cultures a user may choose. Strings fall back to English until a translation exists.</summary>
    public static readonly IReadOnlyList<string> SupportedCultures = ["en", "zh-CN", "kk-KZ", "ru-RU"];

    /// <summary>The culture of a tag someone chose (a certificate's or a letter's language), English for anything unknown.</summary>
    public static System.Globalization.CultureInfo SupportedCultureOr(string? tag) =>
        System.Globalization.CultureInfo.GetCultureInfo(tag is not null && SupportedCultures.Contains(tag) ? tag : SupportedCultures[0]);

    public const string PublicFormsPolicy = SecurityConfiguration.PublicFormsPolicy;

    public static void AddEventManagerWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddHttpContextAccessor();
        services.AddScoped<RegistrationMessages>();
        services.AddScoped<IRegistrationNotifier>(sp => sp.GetRequiredService<RegistrationMessages>());
        services.AddScoped<Core.Invitations.IInvitationNotifier>(sp => sp.GetRequiredService<RegistrationMessages>());
        services.AddScoped<IAgendaNotifier, AgendaMailNotifier>();
        services.AddScoped<Features.Registrations.Import.ImportRun>();

        builder.AddEventManagerSecurity();
        builder.AddPublicPageCache();
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = SupportedCultures.Select(c => new CultureInfo(c)).ToList();
            options.DefaultRequestCulture = new RequestCulture("en");
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            // A link's ?lang= (a message links to pages in its reader's language) first; then the user's own choice
            // (cookie) wins over what the browser asks for, which is mapped by language ("zh-TW", "kk-Cyrl", "ru").
            options.RequestCultureProviders =
            [
                new Features.Localization.LanguageNegotiation.QueryProvider(),
                new CookieRequestCultureProvider(),
                new Features.Localization.LanguageNegotiation.AcceptLanguageProvider(),
            ];
        });

        // Names in Chinese, Kazakh or Khmer go out as characters, not as &#x...; entities.
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddSingleton<IConfigureOptions<MvcOptions>, LocalizedBindingMessages>();
        services.AddControllersWithViews(options =>
            {
                // Every form that changes something carries an antiforgery token; this checks them all.
                options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                options.Filters.Add<FormGuard.ControlCharacterFilter>();
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(options =>
                options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)))
            .AddRazorOptions(options => options.ViewLocationExpanders.Add(new FeatureViewLocationExpander()));

        services.AddSingleton<StorageFull>();
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<JobStorageHealthCheck>("jobs")
            .AddCheck<StorageFull.HealthCheck>("storage");
    }

    public static void UseEventManagerPipeline(this WebApplication app)
    {
        app.UseEventManagerSecurity();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
        }

        app.UseDbCommandCounting();
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        StorageFull.UseStorageFullGuard(app);
        app.UseStaticFiles();
        app.UseRequestLocalization();
        Features.Localization.LanguageNegotiation.UseStickyLanguage(app);
        app.UseRouting();
        app.UseFormGuard();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UsePublicPageCache();
        Features.Account.TwoFactorRequirement.UseTwoFactorRequirement(app);
        app.UseRateLimiter();

        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealthAsync }).DisableHttpMetrics();
        app.MapEventManagerJobsDashboard();
        app.MapControllers();
    }

    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }

    /// <summary>MVC's own messages for values it cannot bind ("abc" in a date field), through the localizer.</summary>
    private sealed class LocalizedBindingMessages(IStringLocalizerFactory factory) : IConfigureOptions<MvcOptions>
    {
        public void Configure(MvcOptions options)
        {
            var t = factory.Create(typeof(SharedResource));
            var messages = options.ModelBindingMessageProvider;
            messages.SetAttemptedValueIsInvalidAccessor((value, field) => t["'{0}' is not a valid value for {1}.", value, field]);
            messages.SetValueIsInvalidAccessor(value => t["'{0}' is not a valid value.", value]);
            messages.SetValueMustBeANumberAccessor(field => t["{0} must be a number.", field]);
            messages.SetMissingBindRequiredValueAccessor(field => t["Enter a value for {0}.", field]);
            messages.SetMissingKeyOrValueAccessor(() => t["Enter a value."]);
            messages.SetValueMustNotBeNullAccessor(value => t["Enter a value."]);
            messages.SetUnknownValueIsInvalidAccessor(field => t["The value given for {0} is not valid.", field]);
            messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => t["'{0}' is not a valid value.", value]);
            messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => t["The value given is not valid."]);
            messages.SetNonPropertyValueMustBeANumberAccessor(() => t["Enter a number."]);
            messages.SetMissingRequestBodyRequiredValueAccessor(() => t["The form was empty. Fill it in and send it again."]);
        }
    }
}
