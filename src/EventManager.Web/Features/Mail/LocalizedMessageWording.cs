using System.Globalization;
using EventManager.Core.Reminders;
using EventManager.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Mail;

/// <summary>The app's own words in messages, from the shared resources in the recipient's language.</summary>
public sealed class LocalizedMessageWording(IStringLocalizer<SharedResource> t) : IMessageWording
{
    public string Say(CultureInfo culture, string english, params object[] arguments)
    {
        using var scope = CultureScope.Use(culture);
        return arguments.Length == 0 ? t[english].Value : t[english, arguments].Value;
    }
}
