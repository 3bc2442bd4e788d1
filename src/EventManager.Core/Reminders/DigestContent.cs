using EventManager.Core.Common;
using System.Text;
using EventManager.Core.Data;
using EventManager.Core.Mail;
using EventManager.Core.Registrations;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Reminders;

/// <summary>
/// Fills {digest}: the registrations of the event in the 24 hours before the message is due. A day without any is not
/// worth a message: the digest is then not sent.
/// </summary>
public sealed class DigestContent(EventManagerDbContext db, IMessageWording wording) : IMessageContent
{
    public const string Placeholder = "{digest}";

    public async Task<bool> FillAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        if (message.EventId is not int eventId || !message.TextBody.Contains(Placeholder, StringComparison.Ordinal))
        {
            return true;
        }

        var from = message.DueAtUtc.AddDays(-1);
        var until = message.DueAtUtc;
        var registrations = await db.Registrations.AsNoTracking()
            .Where(r => r.EventId == eventId && r.CreatedAtUtc >= from && r.CreatedAtUtc < until)
            .OrderBy(r => r.CreatedAtUtc)
            .Select(r => new { r.LatinName, r.NativeName, Institution = r.Institution != null ? r.Institution.EnglishName : r.ProposedInstitutionName, r.Status })
            .ToListAsync(cancellationToken);
        if (registrations.Count == 0)
        {
            return false;
        }

        // Organisers choose no language for messages: the digest is written in the rules' own language.
        var culture = ReminderTemplates.CultureOf(null);
        var text = new StringBuilder(wording.Say(culture, "{0} new:", registrations.Count));
        foreach (var r in registrations)
        {
            var status = r.Status switch
            {
                RegistrationStatus.Pending => wording.Say(culture, "Awaiting approval"),
                RegistrationStatus.Confirmed => wording.Say(culture, "Confirmed"),
                RegistrationStatus.Waitlisted => wording.Say(culture, "On the waiting list"),
                RegistrationStatus.Declined => wording.Say(culture, "Declined"),
                _ => wording.Say(culture, "Cancelled"),
            };
            text.Append($"\n- {DisplayName.Of(r.LatinName, r.NativeName)}, {r.Institution}, {status}");
        }

        message.TextBody = message.TextBody.Replace(Placeholder, text.ToString(), StringComparison.Ordinal);
        return true;
    }
}
