using System.Globalization;
using EventManager.Core.Common;
using System.Text;
using EventManager.Core.Agenda;
using EventManager.Core.Events;
using EventManager.Core.Registrations;
using EventManager.Web.Features.Registrations;
using EventManager.Core.Mail;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Agenda;

/// <summary>Tells delegates what a newly published agenda changed in their sessions, in their own time zone.</summary>
public sealed class AgendaMailNotifier(Outbox outbox, PublicAddress address, IStringLocalizer<SharedResource> t) : IAgendaNotifier
{
    public async Task AgendaChangedAsync(Event ev, int version, IReadOnlyList<(AgendaRecipient Recipient, IReadOnlyList<AgendaChange> Changes)> affected, CancellationToken cancellationToken = default)
    {
        var messages = new List<NewMessage>();
        foreach (var (recipient, changes) in affected)
        {
            var previous = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentUICulture = recipient.Language is { } language ? new CultureInfo(language) : previous;
            try
            {
                var zone = EventTime.TryFindZone(recipient.TimeZoneId, out var own) ? own : EventTime.FindZone(ev.TimeZoneId);
                string When(DateTime? utc) => utc is { } u ? $"{EventTime.ToLocal(u, zone):yyyy-MM-dd HH:mm} ({zone.Id})" : "";
                var body = new StringBuilder()
                    .AppendLine(t["Dear {0},", DisplayName.InLanguage(CultureInfo.CurrentUICulture.Name, recipient.LatinName, recipient.NativeName)])
                    .AppendLine()
                    .AppendLine(t["Version {0} of the agenda of {1} changes sessions of yours:", version, ev.Name])
                    .AppendLine();
                foreach (var c in changes)
                {
                    body.AppendLine(c.Kind switch
                    {
                        AgendaChangeKind.Added => t["New: {0}, {1}, {2}", c.Title, When(c.NewStartsAtUtc), c.NewRoom ?? ""],
                        AgendaChangeKind.Moved => t["Moved: {0}, from {1} to {2}", c.Title, When(c.OldStartsAtUtc), When(c.NewStartsAtUtc)],
                        AgendaChangeKind.ReRoomed => t["New room: {0}, from {1} to {2}", c.Title, c.OldRoom ?? "", c.NewRoom ?? ""],
                        AgendaChangeKind.Cancelled => t["Cancelled: {0}, {1}", c.Title, When(c.OldStartsAtUtc)],
                        _ => t["Changed: {0}, {1}", c.Title, When(c.NewStartsAtUtc)],
                    });
                }

                body.AppendLine().AppendLine(t["Your agenda:"]).AppendLine(address.For(recipient.LinkPath));
                messages.Add(new NewMessage($"agenda:{ev.Id}:v{version}:{recipient.Key}", "AgendaChanged", ev.Id,
                    recipient.Email, recipient.LatinName, t["The agenda of {0} has changed", ev.Name],
                    Core.Reminders.ReminderTemplates.Signed(body.ToString(), ev.MessageSignature, CultureInfo.CurrentUICulture), Language: CultureInfo.CurrentUICulture.Name));
            }
            finally
            {
                CultureInfo.CurrentUICulture = previous;
            }
        }

        await outbox.QueueAsync(messages, cancellationToken);
    }
}
