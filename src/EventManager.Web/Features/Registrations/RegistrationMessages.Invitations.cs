using System.Globalization;
using System.Text;
using EventManager.Core.Common;
using EventManager.Core.Events;
using EventManager.Core.Invitations;
using EventManager.Core.Mail;
using EventManager.Core.Reminders;

namespace EventManager.Web.Features.Registrations;

/// <summary>The invitation message: who invites whom to what, the personal link, the link to decline, until when.</summary>
public sealed partial class RegistrationMessages
{
    public async Task AddAsync(InvitationNotice notice, IReadOnlyList<Invitation> invitations, CancellationToken cancellationToken = default)
    {
        var messages = new List<NewMessage>();
        foreach (var invitation in invitations)
        {
            var person = invitation.Person!;
            var facts = await EventFactsAsync(invitation.EventId, cancellationToken);
            var policy = await db.RegistrationPolicies.FindAsync([invitation.EventId], cancellationToken);
            // The person's own language where they have one, else the event's first.
            var language = person.PreferredLanguage ?? (await db.Events.FindAsync([invitation.EventId], cancellationToken))?.DefaultLanguage ?? "en";
            var culture = ReminderTemplates.CultureOf(language);
            var link = address.For($"/i/{invitation.Token}?lang={Uri.EscapeDataString(culture.Name)}");
            var (subject, body) = Compose(invitation, facts, culture, link, invitation.ExpiryUtc(policy, facts.EndsAtUtc));
            messages.Add(new NewMessage($"invitation:{invitation.Token}:{invitation.TimesSent}", $"Invitation{notice}", invitation.EventId,
                person.Email!, person.LatinName, subject, body, Language: culture.Name));
        }

        outbox.Add(messages);
    }

    private (string Subject, string Body) Compose(Invitation invitation, EventFacts facts, CultureInfo culture, string link, DateTime expiryUtc)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            var person = invitation.Person!;
            var eventName = facts.Name.In(culture);
            var subject = t["Invitation to {0}", eventName].Value;
            var (when, where) = Describe(facts, person.TimeZoneId, culture);
            var zone = EventTime.TryFindZone(person.TimeZoneId, out var own) ? own : EventTime.FindZone(facts.TimeZoneId);
            var body = new StringBuilder()
                .AppendLine(t["Dear {0},", DisplayName.InLanguage(culture.Name, person.TitledName, person.NativeName)])
                .AppendLine()
                .AppendLine(t["You are invited to {0}.", eventName])
                .AppendLine()
                .AppendLine(t["When: {0}", when]);
            if (where is not null)
            {
                body.AppendLine(t["Where: {0}", where]);
            }

            body.AppendLine();
            if (invitation.Kind == InvitationKind.Delegation)
            {
                body.AppendLine(t["As your institution's contact, you register its delegation: yourself and the colleagues who come with you, in one form."]).AppendLine();
            }

            body.AppendLine(t["Register with this personal link (your details are filled in already):"])
                .AppendLine(link)
                .AppendLine()
                .AppendLine(t["If you cannot come, please tell us with one click, at the same link."])
                .AppendLine()
                .AppendLine(t["The invitation is open until {0} ({1}).", ReminderTemplates.Moment(EventTime.ToLocal(expiryUtc, zone), culture), zone.Id])
                .AppendLine(t["The link is yours: please do not pass it on."]);
            return (subject, ReminderTemplates.Signed(body.ToString(), facts.Signature, culture));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
