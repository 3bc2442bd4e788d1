using System.ComponentModel.DataAnnotations;

namespace EventManager.Web.Configuration;

/// <summary>A setting that is missing, malformed or out of range: the app does not start, and says which and why.</summary>
public sealed class SettingsException(string message, Exception? inner = null) : InvalidOperationException(message, inner);

/// <summary>
/// Every settings class is read through here once, while the app is built: bound from configuration, checked
/// against its data annotations (and <see cref="IValidatableObject"/>), and refused with the setting's name
/// before the app serves a request. A mistake is found at start, not at the first message or print.
/// </summary>
public static class Settings
{
    public static T Read<T>(IConfiguration configuration, string section) where T : class, new()
    {
        T settings;
        try
        {
            settings = configuration.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException e)
        {
            // "Failed to convert configuration value 'Foo' at 'Mail:Security' to type '...MailSecurity'": add the choices.
            var choices = typeof(T).GetProperties()
                .Where(p => Nullable.GetUnderlyingType(p.PropertyType) is { IsEnum: true } || p.PropertyType.IsEnum)
                .Where(p => e.Message.Contains($"{section}:{p.Name}", StringComparison.OrdinalIgnoreCase))
                .Select(p => $" {section}:{p.Name} takes one of: {string.Join(", ", Enum.GetNames(Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType))}.");
            throw new SettingsException($"Setting {section} cannot be read: {e.Message}{string.Concat(choices)}", e);
        }

        Validate(settings, section);
        return settings;
    }

    public static void Validate(object settings, string section)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true))
        {
            var problems = results.Select(r =>
                $"{string.Join(", ", r.MemberNames.DefaultIfEmpty("").Select(m => m.Length == 0 ? section : $"{section}:{m}"))}: {r.ErrorMessage}");
            throw new SettingsException($"Settings are wrong: {string.Join(" ", problems)}");
        }
    }
}
