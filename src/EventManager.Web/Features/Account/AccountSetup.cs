using EventManager.Core.Agenda;
using EventManager.Core.Data;
using EventManager.Core.Events;
using EventManager.Web.Configuration;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Web.Features.Account;

/// <summary>Roles, the first organiser, and the demo accounts. No password is built in except the demo's.</summary>
public static class AccountSetup
{
    public const string DemoOrganiserEmail = "organiser@demo.eventmanager.test";
    public const string DemoStaffEmail = "staff@demo.eventmanager.test";

    // Only ever used when Demo:Seed is on; a production database never gets these accounts.
    public const string DemoOrganiserPassword = "Demo-Organiser-2026";
    public const string DemoStaffPassword = "Demo-Staff-2026";

    public static async Task PrepareAsync(IServiceProvider services, IConfiguration configuration, ILogger logger)
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
            }
        }

        // Whether the demo may come in is decided before anything below adds an account.
        var db = services.GetRequiredService<EventManagerDbContext>();
        var empty = !await db.Users.AnyAsync() && !await db.Events.AnyAsync() && !await db.Institutions.AnyAsync();

        var bootstrap = Settings.Read<BootstrapSettings>(configuration, BootstrapSettings.Section);
        if (!string.IsNullOrWhiteSpace(bootstrap.OrganiserEmail)
            && await services.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(bootstrap.OrganiserEmail) is null)
        {
            if (string.IsNullOrEmpty(bootstrap.OrganiserPassword))
            {
                throw new SettingsException("Bootstrap:OrganiserPassword is empty while Bootstrap:OrganiserEmail names an account that does not exist yet: give its first password.");
            }

            var created = await EnsureUserAsync(services, bootstrap.OrganiserEmail, bootstrap.OrganiserPassword, Roles.Organiser);
            if (created)
            {
                logger.LogInformation("Created the first organiser {Email} from configuration.", bootstrap.OrganiserEmail);
            }
        }

        var demo = Settings.Read<DemoSettings>(configuration, DemoSettings.Section);
        if (demo.Seed && !empty && await services.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(DemoOrganiserEmail) is null)
        {
            // The demo's passwords are public: they never go into a database that holds anything real.
            logger.LogWarning("Demo:Seed is on but the database already holds accounts or events: no demo data or demo accounts were added.");
        }
        else if (demo.Seed && empty)
        {
            if (await services.GetRequiredService<DemoData>().SeedAsync())
            {
                var dialogue = await services.GetRequiredService<EventService>().FindBySlugAsync(DemoData.DialogueSlug);
                await services.GetRequiredService<AgendaPublishing>().PublishAsync(dialogue!.Id);
                logger.LogInformation("Seeded the demo event and published its agenda.");
            }

            await EnsureUserAsync(services, DemoOrganiserEmail, DemoOrganiserPassword, Roles.Organiser, "Demo Organiser");
            await EnsureUserAsync(services, DemoStaffEmail, DemoStaffPassword, Roles.Staff, "Demo Staff");
        }
    }

    /// <summary>Creates the account unless one with that email exists; returns whether it created one.</summary>
    public static async Task<bool> EnsureUserAsync(IServiceProvider services, string email, string password, string role, string? displayName = null)
    {
        var users = services.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return false;
        }

        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
        Check(await users.CreateAsync(user, password), $"create the account {email}");
        Check(await users.AddToRoleAsync(user, role), $"give {email} the role {role}");
        return true;
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
