using System.Globalization;
using EventManager.Core.Common;
using System.Text;
using EventManager.Core.Data;
using EventManager.Core.Events;
using EventManager.Core.Mail;
using EventManager.Core.Registrations;
using EventManager.Core.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Registrations;

/// <summary>Registration messages, in the delegate's language where a translation exists, queued in the outbox.</summary>
public sealed partial class RegistrationMessages(
    Outbox outbox,
    PublicAddress address,
    EventManagerDbContext db,
    IStringLocalizer<SharedResource> t,
    IMemoryCache cache,
    TimeProvider time) : IRegistrationNotifier, EventManager.Core.Invitations.IInvitationNotifier
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
            var facts = await EventFactsAsync(registration.EventId, cancellationToken);
            // The link opens the page in the language the message is written in (?lang=), whatever the browser says.
            var language = registration.PreferredLanguage is { Length: > 0 } l ? $"?lang={Uri.EscapeDataString(l)}" : "";
            var position = await WaitingListPositionAsync(registration, registrations, cancellationToken);
            var (subject, body, written) = Compose(notice, registration, facts, position, address.For($"/r/{registration.Token}{language}"));
            // The token names the registration before it has an id. Receiving happens once; the rest can happen again
            // after an organiser restores a registration, so each of those is its own message.
            var key = notice switch
            {
                RegistrationNotice.Received => $"{KeyPrefix}{registration.Token}:{notice}",
                // At most one an hour to an address, however often a stranger submits it.
                RegistrationNotice.TriedAgain => $"{KeyPrefix}{registration.Token}:{notice}:{time.GetUtcNow().UtcDateTime:yyyyMMddHH}",
                _ => $"{KeyPrefix}{registration.Token}:{notice}:{Guid.NewGuid():N}",
            };
            if (notice == RegistrationNotice.TriedAgain && await db.OutgoingMessages.AnyAsync(m => m.DeduplicationKey == key, cancellationToken))
            {
                continue;
            }

            messages.Add(new NewMessage(key, $"Registration{notice}", registration.EventId,
                registration.Email, registration.LatinName, subject, body, Language: written));
        }

        outbox.Add(messages);
    }

    private const string KeyPrefix = "registration:";

    /// <summary>The private token of the registration a registration message is about, read from its key.</summary>
    public static string? TokenOf(OutgoingMessage message) =>
        message.DeduplicationKey.StartsWith(KeyPrefix, StringComparison.Ordinal) && message.DeduplicationKey.Split(':') is [_, var token, ..] ? token : null;

    /// <summary>
    /// Where a waiting registration stands, counted while its change is not yet saved: those already waiting before it
    /// in the database, plus those of the same change that come before it.
    /// </summary>
    private async Task<int?> WaitingListPositionAsync(Registration registration, IReadOnlyList<Registration> batch, CancellationToken cancellationToken)
    {
        if (registration.Status != RegistrationStatus.Waitlisted)
        {
            return null;
        }

        var inBatch = batch.Where(b => b.Id != 0).Select(b => b.Id).ToList();
        var before = await db.Registrations.CountAsync(r => r.EventId == registration.EventId && r.Status == RegistrationStatus.Waitlisted
            && r.Sequence < registration.Sequence && !inBatch.Contains(r.Id), cancellationToken);
        return 1 + before + batch.Count(b => b.Status == RegistrationStatus.Waitlisted && b.Sequence < registration.Sequence);
    }

    private sealed record EventFacts(LocalText Name, DateTime StartsAtUtc, DateTime EndsAtUtc, string TimeZoneId, LocalText? Venue, LocalText? City, LocalText? Signature);

    /// <summary>A registration rush sends many messages about one event; what they say of it is read once a minute.</summary>
    private async Task<EventFacts> EventFactsAsync(int eventId, CancellationToken cancellationToken) =>
        await cache.GetOrCreateAsync(("event-facts", eventId), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            return await db.Events.Where(e => e.Id == eventId)
                .Select(e => new EventFacts(e.Name, e.StartsAtUtc, e.EndsAtUtc, e.TimeZoneId, e.Venue, e.City, e.MessageSignature))
                .SingleOrDefaultAsync(cancellationToken);
        }) ?? new EventFacts(LocalText.Empty, DateTime.MinValue, DateTime.MinValue, "UTC", null, null, null);

    /// <summary>The event's dates in the reader's language and time zone (their own, else the event's), and its venue.</summary>
    private static (string When, string? Where) Describe(EventFacts facts, string? timeZoneId, CultureInfo culture)
    {
        var zone = EventTime.TryFindZone(timeZoneId, out var own) ? own : EventTime.TryFindZone(facts.TimeZoneId, out var venue) ? venue : TimeZoneInfo.Utc;
        var start = EventTime.ToLocal(facts.StartsAtUtc, zone);
        var end = EventTime.ToLocal(facts.EndsAtUtc, zone);
        var endText = end.Date == start.Date ? end.ToString("t", culture) : $"{end.ToString("D", culture)} {end.ToString("t", culture)}";
        var when = $"{start.ToString("D", culture)} {start.ToString("t", culture)} – {endText} ({zone.Id})";
        var where = LocalText.Place(facts.Venue, facts.City);
        return (when, where.IsEmpty ? null : where.In(culture));
    }

    private (string Subject, string Body, string Language) Compose(RegistrationNotice notice, Registration r, EventFacts facts, int? waitingPosition, string link)
    {
        var culture = r.PreferredLanguage is { } language ? new CultureInfo(language) : CultureInfo.CurrentUICulture;
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            var eventName = facts.Name.In(culture);
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
                RegistrationNotice.Waitlisted => t["You are on the waiting list for {0}", eventName],
                RegistrationNotice.Declined => t["Your registration for {0} was declined", eventName],
                RegistrationNotice.Restored => r.Status == RegistrationStatus.Confirmed
                    ? t["Your place at {0} is confirmed", eventName] : t["You are on the waiting list for {0}", eventName],
                RegistrationNotice.LinkResent => t["Your registration for {0}: your private link", eventName],
                RegistrationNotice.TriedAgain => t["Someone tried to register your address again for {0}", eventName],
                _ => t["Your registration for {0} is cancelled", eventName],
            };
            var body = new StringBuilder()
                .AppendLine(t["Dear {0},", DisplayName.InLanguage(culture.Name, r.LatinName, r.NativeName)])
                .AppendLine()
                .AppendLine(notice == RegistrationNotice.TriedAgain
                    ? t["Someone, perhaps you, filled in the registration form for {0} again with this address. You are already registered, and nothing has changed. If it was not you, you need do nothing.", eventName]
                    : subject)
                .AppendLine();
            if (waitingPosition is { } position && notice is not (RegistrationNotice.TriedAgain or RegistrationNotice.LinkResent))
            {
                body.AppendLine(t["The event is full. You are number {0} on the waiting list; if a place comes free it is given to you automatically and you get a message.", position])
                    .AppendLine();
            }

            if (notice is not (RegistrationNotice.Declined or RegistrationNotice.Cancelled) && facts.StartsAtUtc != DateTime.MinValue)
            {
                var (when, where) = Describe(facts, r.TimeZoneId, culture);
                body.AppendLine(t["When: {0}", when]);
                if (where is not null)
                {
                    body.AppendLine(t["Where: {0}", where]);
                }

                body.AppendLine();
            }

            body.AppendLine(t["See your registration, correct your details or cancel at any time:"])
                .AppendLine(link)
                .AppendLine()
                .AppendLine(t["Keep this link to yourself: anyone who has it can change your registration."]);
            return (subject, ReminderTemplates.Signed(body.ToString(), facts.Signature, culture), culture.Name);
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
