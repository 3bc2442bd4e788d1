using EventManager.Core.Data;

namespace EventManager.Web.Features.Account;

/// <summary>
/// `EventManager.Web create-user --email a@b.c --role Organiser` creates an account from the command line.
/// The password comes from EVENTMANAGER_PASSWORD or is read from standard input, never from the arguments.
/// </summary>
public static class AccountCommand
{
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == "create-user";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        string? Arg(string name)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        }

        var email = Arg("--email");
        var role = Arg("--role") ?? Roles.Organiser;
        if (string.IsNullOrWhiteSpace(email) || !Roles.All.Contains(role))
        {
            Console.Error.WriteLine($"usage: create-user --email someone@example.org [--role {string.Join('|', Roles.All)}]  (password from EVENTMANAGER_PASSWORD or standard input)");
            return 2;
        }

        var password = Environment.GetEnvironmentVariable("EVENTMANAGER_PASSWORD");
        if (string.IsNullOrEmpty(password))
        {
            Console.Error.Write("Password: ");
            password = Console.ReadLine();
        }

        if (string.IsNullOrEmpty(password))
        {
            Console.Error.WriteLine("No password given.");
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        try
        {
            var created = await AccountSetup.EnsureUserAsync(scope.ServiceProvider, email, password, role);
            Console.WriteLine(created ? $"Created {role} {email}." : $"An account for {email} already exists; nothing changed.");
            return 0;
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }
}
