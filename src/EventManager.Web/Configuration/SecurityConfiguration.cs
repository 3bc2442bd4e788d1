using System.Threading.RateLimiting;
using EventManager.Web.Features.Registrations;
using Microsoft.AspNetCore.HostFiltering;
// Host filtering itself runs first of all, added by the web host; AllowedHosts is set above.
using Microsoft.AspNetCore.HttpOverrides;

namespace EventManager.Web.Configuration;

/// <summary>
/// What the app needs on the public internet behind a TLS reverse proxy: one configured public address, forwarded
/// headers believed only from known proxies, HTTPS (redirect, HSTS, Secure cookies), rate limits per real client
/// address, and headers that keep other sites' scripts and frames out.
/// </summary>
public static class SecurityConfiguration
{
    public const string PublicFormsPolicy = "public-forms";
    public const string SignInPolicy = "sign-in";

    /// <summary>default-src 'self' and no inline script or style: an injected tag can neither run nor load anything.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Hangfire's dashboard (organisers only) writes style attributes; its scripts are still only its own files.</summary>
    public const string JobsDashboardPolicy = ContentSecurityPolicy + "; style-src 'self' 'unsafe-inline'";

    public static void AddEventManagerSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var development = builder.Environment.IsDevelopment();
        var app = Settings.Read<AppSettings>(builder.Configuration, AppSettings.Section);
        var publicBase = app.PublicBase;
        if (publicBase is null && !development)
        {
            throw new SettingsException(
                "App:PublicBaseUrl is required outside Development: the address people reach the site at (https://events.example.org). "
                + "Every link in messages, PDFs and QR codes starts with it, never with the request's Host header.");
        }

        publicBase ??= new Uri((builder.Configuration["urls"] ?? "http://127.0.0.1:5000").Split(';')[0].Replace("*", "127.0.0.1").Replace("+", "127.0.0.1"));
        services.AddSingleton(app);
        services.AddSingleton(new PublicAddress(publicBase.GetLeftPart(UriPartial.Path)));

        // Requests for other host names get 400: the public address's host, and loopback for health checks on the machine.
        // An explicit AllowedHosts (even "*") is the operator's own choice.
        if (string.IsNullOrWhiteSpace(builder.Configuration["AllowedHosts"]))
        {
            services.Configure<HostFilteringOptions>(options =>
                options.AllowedHosts = [publicBase.IdnHost, "localhost", "127.0.0.1", "[::1]"]);
        }

        // Passkeys belong to the public address: its host is the relying party, and only its origin may use them.
        var publicOrigin = publicBase.GetLeftPart(UriPartial.Authority);
        services.Configure<Microsoft.AspNetCore.Identity.IdentityPasskeyOptions>(options =>
        {
            options.ServerDomain = publicBase.Host;
            options.ValidateOrigin = context => ValueTask.FromResult(
                !context.CrossOrigin && string.Equals(context.Origin, publicOrigin, StringComparison.OrdinalIgnoreCase));
        });

        var proxy = Settings.Read<ReverseProxySettings>(builder.Configuration, ReverseProxySettings.Section);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            // X-Forwarded-Host is not believed from anyone: the app never needs the host a visitor typed.
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = 1;
            if (proxy.KnownProxies.Length > 0 || proxy.KnownNetworks.Length > 0)
            {
                options.KnownProxies.Clear();
                options.KnownIPNetworks.Clear();
                foreach (var address in proxy.Proxies)
                {
                    options.KnownProxies.Add(address);
                }

                foreach (var network in proxy.Networks)
                {
                    options.KnownIPNetworks.Add(network);
                }
            }
        });

        var https = Settings.Read<HttpsSettings>(builder.Configuration, HttpsSettings.Section);
        var httpsByDefault = !development && publicBase.Scheme == Uri.UriSchemeHttps;
        var transport = new TransportSecurity(https.Redirect ?? httpsByDefault, https.Hsts ?? httpsByDefault, https.SecureCookies ?? httpsByDefault);
        services.AddSingleton(transport);
        services.AddHsts(options =>
        {
            options.MaxAge = https.HstsMaxAge;
            options.IncludeSubDomains = false;
        });
        services.AddHttpsRedirection(options => options.HttpsPort = publicBase.Scheme == Uri.UriSchemeHttps ? publicBase.Port : 443);
        services.AddCookiePolicy(options =>
        {
            // Without the switch, a cookie is Secure whenever the request (as the proxy forwarded it) was https.
            options.Secure = transport.SecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            options.HttpOnly = Microsoft.AspNetCore.CookiePolicy.HttpOnlyPolicy.Always;
            options.MinimumSameSitePolicy = SameSiteMode.Lax;
        });
        // Antiforgery's own SecurePolicy.Always would refuse (500) a request that reached the app as plain http; the cookie
        // policy above marks its cookie Secure instead, like every other.

        builder.WebHost.ConfigureKestrel(options =>
        {
            options.AddServerHeader = false;
        });

        var limits = Settings.Read<RateLimitSettings>(builder.Configuration, RateLimitSettings.Section);
        services.AddSingleton(limits);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // After UseForwardedHeaders, RemoteIpAddress is the visitor's, not the proxy's (when the proxy is known).
            options.AddPolicy(PublicFormsPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                ClientAddress(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.PublicFormPermits, Window = limits.PublicFormWindow, QueueLimit = 0 }));
            options.AddPolicy(SignInPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                ClientAddress(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.SignInPermits, Window = limits.SignInWindow, QueueLimit = 0 }));
            options.OnRejected = (context, _) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                context.HttpContext.Items[RetryAfterSecondsItem] = seconds;
                return ValueTask.CompletedTask;
            };
        });
    }

    public const string RetryAfterSecondsItem = "EventManager.RetryAfterSeconds";

    /// <summary>
    /// The client as every limit counts it: the connection's address (or a known proxy's X-Forwarded-For), an IPv6 one
    /// by its network (RateLimits:Ipv6PrefixLength, a /64 by default: one home or office has a whole /64 to rotate through).
    /// </summary>
    public static string ClientAddress(HttpContext context)
    {
        if (context.Connection.RemoteIpAddress is not { } address)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var prefix = context.RequestServices.GetService<RateLimitSettings>()?.Ipv6PrefixLength ?? 64;
        var bytes = address.GetAddressBytes();
        for (var bit = prefix; bit < 128; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return $"{new System.Net.IPAddress(bytes)}/{prefix}";
    }

    /// <summary>The front of the pipeline: who the client is and how they came, before anything reads either.</summary>
    public static void UseEventManagerSecurity(this WebApplication app)
    {
        app.UseForwardedHeaders();
        var transport = app.Services.GetRequiredService<TransportSecurity>();
        if (transport.Hsts)
        {
            app.UseHsts();
        }

        if (transport.Redirect)
        {
            app.UseHttpsRedirection();
        }

        app.UseCookiePolicy();
        app.Use((context, next) =>
        {
            // No page may be framed by another site (clickjacking an organiser's "Remove access"), no response is
            // sniffed into another type, other sites learn at most which site a visitor came from, and no script,
            // style or plug-in from anywhere but this site runs.
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(JobsConfiguration.DashboardPath) ? JobsDashboardPolicy : ContentSecurityPolicy;
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            context.Response.OnStarting(() =>
            {
                // Documents and exports carry names: no browser or proxy keeps a copy.
                var type = context.Response.ContentType ?? "";
                if (type.StartsWith("application/pdf", StringComparison.OrdinalIgnoreCase)
                    || type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase)
                    || type.StartsWith("application/xliff", StringComparison.OrdinalIgnoreCase))
                {
                    context.Response.Headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
    }
}

/// <summary>Which HTTPS measures are on (see <see cref="HttpsSettings"/>).</summary>
public sealed record TransportSecurity(bool Redirect, bool Hsts, bool SecureCookies);
