using EventManager.Core.Data;
using Microsoft.AspNetCore.Identity;

namespace EventManager.Web.Configuration;

public static class IdentityConfiguration
{
    public const string OrganiserPolicy = "Organiser";
    public const string StaffPolicy = "Staff";

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
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(10);
            })
            .AddEntityFrameworkStores<EventManagerDbContext>()
            .AddDefaultTokenProviders();

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

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(OrganiserPolicy, policy => policy.RequireRole(Roles.Organiser))
            // Organisers can do everything staff can.
            .AddPolicy(StaffPolicy, policy => policy.RequireRole(Roles.Staff, Roles.Organiser));
    }
}
