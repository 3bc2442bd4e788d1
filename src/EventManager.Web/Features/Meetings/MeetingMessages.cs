using System.Globalization;
using System.Text;
using EventManager.Core.Data;
using EventManager.Core.Events;
using EventManager.Core.Mail;
using EventManager.Core.Meetings;
using EventManager.Core.Registrations;
using EventManager.Core.Reminders;
using EventManager.Web.Features.Registrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Meetings;

/// <summary>
/// Messages about meeting requests to a delegation's confirmed delegates, each in their own language and time zone,
/// with the link to their meetings page; queued in the outbox with the change that caused them.
/// </summary>
public sealed class MeetingMessages(Outbox outbox, PublicAddress address, EventManagerDbContext db, IStringLocalizer<SharedResource> t) : IMeetingNotifier
{
    public async Task AddAsync(MeetingNotice notice, MeetingRequest request, int toDelegationId, CancellationToken cancellationToken = default)
    {
        var sides = await db.MeetingDelegations.AsNoTracking().Include(d => d.Institution).Include(d => d.Person)
            .Where(d => d.Id == request.FromId || d.Id == request.ToId).ToDictionaryAsync(d => d.Id, cancellationToken);
        if (!sides.TryGetValue(toDelegationId, out var reader) || !sides.TryGetValue(toDelegationId == request.FromId ? request.ToId : request.FromId, out var other))
        {
            return;
        }

        var readers = await db.Registrations.AsNoTracking()
            .Where(r => r.EventId == request.EventId && r.Status == RegistrationStatus.Confirmed
                && (reader.InstitutionId != null ? r.InstitutionId == reader.InstitutionId : r.DelegateId == reader.PersonId))
            .ToListAsync(cancellationToken);
        if (readers.Count == 0)
        {
            return;
        }

        var ev = await db.Events.AsNoTracking().SingleAsync(e => e.Id == request.EventId, cancellationToken);
        var place = await PlaceAsync(request, cancellationToken);
        outbox.Add(readers.Select(r =>
        {
            var culture = ReminderTemplates.CultureOf(r.PreferredLanguage);
            var (subject, body) = Compose(notice, request, r, other.NameFor(culture.TwoLetterISOLanguageName), ev, place, culture);
            return new NewMessage($"meeting:{r.Token}:{notice}:{Guid.NewGuid():N}", $"Meeting{notice}", request.EventId, r.Email, r.LatinName, subject, body, Language: culture.Name);
        }).ToList());
    }

    private sealed record Place(DateTime StartsAtUtc, DateTime EndsAtUtc, int Table, string? Interpreter);

    private async Task<Place?> PlaceAsync(MeetingRequest request, CancellationToken cancellationToken)
    {
        if (request is not { BlockId: { } blockId, Slot: { } slot, Table: { } table })
        {
            return null;
        }

        var block = await db.MeetingBlocks.AsNoTracking().Include(b => b.Session).SingleAsync(b => b.Id == blockId, cancellationToken);
        if (block.TimeOf(slot) is not { } at)
        {
            return null;
        }

        var interpreter = request.InterpreterId is { } id
            ? await db.Interpreters.AsNoTracking().Where(i => i.Id == id).Select(i => i.Person!.LatinName).SingleOrDefaultAsync(cancellationToken)
            : null;
        return new Place(at.Start, at.End, table, interpreter);
    }

    private (string Subject, string Body) Compose(MeetingNotice notice, MeetingRequest request, Registration reader, string other, Event ev, Place? place, CultureInfo culture)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            var eventName = ev.Name.In(culture);
            var subject = notice switch
            {
                MeetingNotice.Requested => t["{0} asks to meet your delegation at {1}", other, eventName],
                MeetingNotice.Accepted => t["Meeting with {0} accepted", other],
                MeetingNotice.Declined => t["{0} declined the meeting request", other],
                MeetingNotice.Withdrawn => request.AnsweredAtUtc is null ? t["{0} withdrew its meeting request", other] : t["The meeting with {0} was called off", other],
                MeetingNotice.Scheduled => t["Your meeting with {0} has a time", other],
                _ => t["Your meeting with {0} no longer has a time", other],
            };
            var body = new StringBuilder()
                .AppendLine(t["Dear {0},", Core.Common.DisplayName.InLanguage(culture.Name, reader.LatinName, reader.NativeName)])
                .AppendLine()
                .AppendLine(subject);
            if (notice == MeetingNotice.Requested && request.Reason is { } reason)
            {
                body.AppendLine().AppendLine(t["Their reason: {0}", reason]);
            }

            if (place is not null && notice is MeetingNotice.Accepted or MeetingNotice.Scheduled)
            {
                var zone = EventTime.TryFindZone(reader.TimeZoneId, out var own) ? own : EventTime.TryFindZone(ev.TimeZoneId, out var venue) ? venue : TimeZoneInfo.Utc;
                var start = EventTime.ToLocal(place.StartsAtUtc, zone);
                var end = EventTime.ToLocal(place.EndsAtUtc, zone);
                body.AppendLine()
                    .AppendLine(t["When: {0}", $"{ReminderTemplates.Moment(start, culture)}–{end.ToString("HH:mm", culture)} ({zone.Id})"])
                    .AppendLine(t["Table {0}", place.Table]);
                if (place.Interpreter is not null)
                {
                    body.AppendLine(t["Interpreter: {0}", place.Interpreter]);
                }
            }
            else if (notice == MeetingNotice.Accepted)
            {
                body.AppendLine().AppendLine(t["It will be given a time and a table; you will get a message."]);
            }

            body.AppendLine()
                .AppendLine(notice == MeetingNotice.Requested ? t["Accept or decline on your meetings page:"] : t["Your meetings page:"])
                .AppendLine(address.For($"/r/{reader.Token}/meetings{(reader.PreferredLanguage is { Length: > 0 } l ? $"?lang={Uri.EscapeDataString(l)}" : "")}"));
            return (subject, ReminderTemplates.Signed(body.ToString(), ev.MessageSignature, culture));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
