using EventManager.Core.Data;
using EventManager.Web.Features.Account;
using EventManager.Web.Features.Team;
using Microsoft.AspNetCore.Identity;

namespace EventManager.Web.Configuration;

public static class IdentityConfiguration
{
    public const string OrganiserPolicy = "Organiser";
    public const string StaffPolicy = "Staff";

    /// <summary>The organisers' pages of the event the route names (or, naming none, of any event the member works on).</summary>
    public const string EventOrganiserPolicy = "EventOrganiser";

    /// <summary>The desk of the event the route names: check-in, badges, certificates.</summary>
    public const string EventStaffPolicy = "EventStaff";

    /// <summary>Rights over the instance itself (its jobs, every event's mail); for now every organiser has them.</summary>
    public const string SystemPolicy = "System";

    public static void AddEventManagerIdentity(this WebApplicationBuilder builder)
    {
        builder.Services
            .AddIdentity<AppUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                // Length over composition rules (NIST SP 800-63B).
                options.Password.RequiredLength = 12;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireDigit = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireLowercase = false;
                // Wrong passwords never lock an account (strangers could lock anyone out; see SignInThrottle); five wrong
                // two-factor codes do, which needs the password first.
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(10);
                options.Tokens.PasswordResetTokenProvider = AccountLinkTokenProvider.Name;
                options.Tokens.AuthenticatorTokenProvider = Features.Account.OneTimeAuthenticatorCodes.Name;
            })
            .AddEntityFrameworkStores<EventManagerDbContext>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<AccountLinkTokenProvider>(AccountLinkTokenProvider.Name)
            .AddTokenProvider<Features.Account.OneTimeAuthenticatorCodes>(Features.Account.OneTimeAuthenticatorCodes.Name)
            .AddErrorDescriber<LocalizedIdentityErrors>();

        // Someone whose access is removed or role changed is signed out (or follows the new role) within a minute.
        builder.Services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));
        builder.Services.AddScoped<TeamService>();
        builder.Services.AddSingleton<SignInThrottle>();
        // One dummy hash for the life of the app (its point is that an unknown address costs one verification, like a
        // known one): its own hasher, Identity's algorithm and options, rather than the scoped one Identity registers.
        builder.Services.AddSingleton(services => new PasswordCheck(new PasswordHasher<AppUser>(services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PasswordHasherOptions>>())));
        builder.Services.AddSingleton<TwoFactorRequirement>();
        builder.Services.AddSingleton<PasswordLinkQueue>();
        builder.Services.AddHostedService(services => services.GetRequiredService<PasswordLinkQueue>());

        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "EventManager.Auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/account/denied";
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromHours(12);
        });

        builder.Services.AddScoped<Features.Team.TeamAccess>();
        builder.Services.AddScoped<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, Features.Team.EventAccessHandler>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(OrganiserPolicy, policy => policy.RequireRole(Roles.Organiser))
            .AddPolicy(SystemPolicy, policy => policy.RequireRole(Roles.Organiser))
            .AddPolicy(EventOrganiserPolicy, policy => policy.RequireAuthenticatedUser().AddRequirements(new Features.Team.EventAccessRequirement(Features.Team.EventWork.Organise)))
            .AddPolicy(EventStaffPolicy, policy => policy.RequireAuthenticatedUser().AddRequirements(new Features.Team.EventAccessRequirement(Features.Team.EventWork.Desk)))
            // Organisers can do everything staff can.
            .AddPolicy(StaffPolicy, policy => policy.RequireRole(Roles.Staff, Roles.Organiser));
    }
}
