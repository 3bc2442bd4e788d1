using System.Globalization;
using EventManager.Core.Common;
using System.Text;
using EventManager.Core.Data;
using EventManager.Core.Mail;
using EventManager.Core.Registrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Registrations;

/// <summary>Registration messages, in the delegate's language where a translation exists, queued in the outbox.</summary>
public sealed class RegistrationMessages(
    Outbox outbox,
    PublicAddress address,
    EventManagerDbContext db,
    IStringLocalizer<SharedResource> t,
    IMemoryCache cache) : IRegistrationNotifier
{
    public async Task AddAsync(RegistrationNotice notice, IReadOnlyList<Registration> registrations, CancellationToken cancellationToken = default)
    {
        if (registrations.Count == 0)
        {
            return;
        }

        var messages = new List<NewMessage>();
        foreach (var registration in registrations)
        {
            var eventName = await EventNameAsync(registration.EventId, cancellationToken);
            // The link opens the page in the language the message is written in (?lang=), whatever the browser says.
            var language = registration.PreferredLanguage is { Length: > 0 } l ? $"?lang={Uri.EscapeDataString(l)}" : "";
            var (subject, body) = Compose(notice, registration, eventName, address.For($"/r/{registration.Token}{language}"));
            // The token names the registration before it has an id. Receiving happens once; the rest can happen again
            // after an organiser restores a registration, so each of those is its own message.
            var key = notice == RegistrationNotice.Received ? $"registration:{registration.Token}:{notice}" : $"registration:{registration.Token}:{notice}:{Guid.NewGuid():N}";
            messages.Add(new NewMessage(key, $"Registration{notice}", registration.EventId,
                registration.Email, registration.LatinName, subject, body));
        }

        outbox.Add(messages);
    }

    /// <summary>A registration rush sends many messages about one event; its name is read once a minute.</summary>
    private async Task<string> EventNameAsync(int eventId, CancellationToken cancellationToken) =>
        await cache.GetOrCreateAsync(("event-name", eventId), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            return await db.Events.Where(e => e.Id == eventId).Select(e => e.Name).SingleOrDefaultAsync(cancellationToken) ?? "";
        }) ?? "";

    private (string Subject, string Body) Compose(RegistrationNotice notice, Registration r, string eventName, string link)
    {
        var culture = r.PreferredLanguage is { } language ? new CultureInfo(language) : CultureInfo.CurrentUICulture;
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            var subject = notice switch
            {
                RegistrationNotice.Received => r.Status switch
                {
                    RegistrationStatus.Confirmed => t["Your place at {0} is confirmed", eventName],
                    RegistrationStatus.Waitlisted => t["You are on the waiting list for {0}", eventName],
                    _ => t["We received your registration for {0}", eventName],
                },
                RegistrationNotice.PromotedFromWaitingList => t["A place at {0} is now yours", eventName],
                RegistrationNotice.Approved => t["Your place at {0} is confirmed", eventName],
                RegistrationNotice.Declined => t["Your registration for {0} was declined", eventName],
                RegistrationNotice.Restored => r.Status == RegistrationStatus.Confirmed
                    ? t["Your place at {0} is confirmed", eventName] : t["You are on the waiting list for {0}", eventName],
                RegistrationNotice.LinkResent => t["Your registration for {0}: your private link", eventName],
                _ => t["Your registration for {0} is cancelled", eventName],
            };
            var body = new StringBuilder()
                .AppendLine(t["Dear {0},", DisplayName.InLanguage(culture.Name, r.LatinName, r.NativeName)])
                .AppendLine()
                .AppendLine(subject)
                .AppendLine()
                .AppendLine(t["See your registration, correct your details or cancel at any time:"])
                .AppendLine(link)
                .AppendLine()
                .AppendLine(t["Keep this link to yourself: anyone who has it can change your registration."])
                .ToString();
            return (subject, body);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}

/// <summary>
/// The address people reach the site at, for every link the app writes (messages, PDFs, QR codes): App:PublicBaseUrl,
/// never the request's Host or forwarded headers, which anyone can forge to point a set-password link at their own
/// site. Outside Development the setting is required at start (<see cref="Configuration.SecurityConfiguration"/>).
/// </summary>
public sealed class PublicAddress(string baseUrl)
{
    public string BaseUrl { get; } = baseUrl.TrimEnd('/');

    public string For(string path) => BaseUrl + path;
}
