using EventManager.Core.Common;
using EventManager.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Reminders;

public sealed record ReminderRuleInput(string Name, ReminderAnchor Anchor, int OffsetMinutes, ReminderAudience Audience, LocalText Subject, LocalText Body, bool Enabled, DateTime? AtLocal = null);

/// <summary>The rules organisers edit; an event with none gets the defaults the first time they are listed.</summary>
public sealed class ReminderRuleService(EventManagerDbContext db, TimeProvider time, Activity.ActivityLog activity, IMessageWording wording)
{
    public const int MaxOffsetMinutes = 60 * 24 * 90;

    public async Task<IReadOnlyList<ReminderRule>> ListAsync(int eventId, CancellationToken cancellationToken = default)
    {
        if (!await db.ReminderRules.AnyAsync(r => r.EventId == eventId, cancellationToken)
            && await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == eventId, cancellationToken) is { } ev)
        {
            db.ReminderRules.AddRange(DefaultReminders.For(ev, wording));
            await db.SaveChangesAsync(cancellationToken);
        }

        return await db.ReminderRules.AsNoTracking()
            .Where(r => r.EventId == eventId).OrderBy(r => r.Id).ToListAsync(cancellationToken);
    }

    public async Task<DomainResult<ReminderRule>> SaveAsync(int eventId, int? ruleId, ReminderRuleInput input, CancellationToken cancellationToken = default)
    {
        var errors = new List<DomainError>();
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Length > 200)
        {
            errors.Add(new DomainError("Name", "Give the rule a name of at most {0} characters.", 200));
        }

        if (!Enum.IsDefined(input.Anchor))
        {
            errors.Add(new DomainError("Anchor", "Choose a moment from the list."));
        }

        if (!Enum.IsDefined(input.Audience))
        {
            errors.Add(new DomainError("Audience", "Choose who gets it from the list."));
        }

        if ((input.Anchor == ReminderAnchor.MeetingStart) != (input.Audience == ReminderAudience.MeetingDelegations))
        {
            errors.Add(new DomainError("Audience", "A reminder at each bilateral meeting goes to the meeting's delegations, and they get no other kind."));
        }

        if (input.Anchor == ReminderAnchor.DailyAt && input.OffsetMinutes is < 0 or >= 24 * 60)
        {
            errors.Add(new DomainError("OffsetMinutes", "For a daily message, give the time of day as hours and minutes after midnight (less than 24 hours)."));
        }
        else if (Math.Abs(input.OffsetMinutes) > MaxOffsetMinutes)
        {
            errors.Add(new DomainError("OffsetMinutes", "A reminder can be at most {0} days before or after its moment.", MaxOffsetMinutes / 60 / 24));
        }

        var languages = await Events.EventLanguages.OfEventAsync(db, eventId, cancellationToken);
        var (subject, body) = CheckText(errors, input.Subject, input.Body, languages);
        ReminderRule? rule = null;
        if (ruleId is int id)
        {
            rule = await db.ReminderRules.SingleOrDefaultAsync(r => r.Id == id && r.EventId == eventId, cancellationToken);
            if (rule is null)
            {
                errors.Add(new DomainError("", "This rule no longer exists."));
            }
        }

        DateTime? atUtc = null;
        if (input.Anchor == ReminderAnchor.At)
        {
            atUtc = await MomentAsync(errors, eventId, input, rule, cancellationToken);
        }

        if (errors.Count > 0)
        {
            return DomainResult<ReminderRule>.Failure(errors);
        }

        rule ??= db.ReminderRules.Add(new ReminderRule { EventId = eventId, Name = "", Subject = LocalText.Empty, Body = LocalText.Empty }).Entity;
        rule.Name = input.Name.Trim();
        rule.Anchor = input.Anchor;
        rule.OffsetMinutes = input.Anchor == ReminderAnchor.At ? 0 : input.OffsetMinutes;
        rule.AtUtc = atUtc;
        rule.Audience = input.Audience;
        rule.Subject = subject!;
        rule.Body = body!;
        rule.Enabled = input.Enabled;
        if (rule.Anchor == ReminderAnchor.At && rule.Enabled)
        {
            activity.Add(Activity.ActivityKind.MessagePlanned, eventId, rule.Name);
        }

        db.AfterCommit.ReplanReminders(eventId);
        await db.SaveChangesAsync(cancellationToken);
        return DomainResult<ReminderRule>.Success(rule);
    }

    /// <summary>
    /// The moment of a one-off message, from the date and time typed in the event's zone. It must lie ahead, unless
    /// it is the moment the rule already had (editing the text of a message already sent changes nothing sent).
    /// </summary>
    private async Task<DateTime?> MomentAsync(List<DomainError> errors, int eventId, ReminderRuleInput input, ReminderRule? rule, CancellationToken cancellationToken)
    {
        if (input.Audience is not (ReminderAudience.ConfirmedDelegates or ReminderAudience.Organisers or ReminderAudience.InvitedNoAnswer))
        {
            errors.Add(new DomainError("Audience", "A message at a set time goes to all confirmed delegates, to the organisers, or to the people invited who have not answered."));
        }

        if (input.AtLocal is not { } local)
        {
            errors.Add(new DomainError("AtLocal", "Enter the date and time it goes out."));
            return null;
        }

        var zoneId = await db.Events.Where(e => e.Id == eventId).Select(e => e.TimeZoneId).SingleAsync(cancellationToken);
        var zone = Events.EventTime.FindZone(zoneId);
        if (!Events.EventTime.TryToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone, out var utc))
        {
            errors.Add(new DomainError("AtLocal", "This time does not exist in {0}: the clocks skip it.", zone.Id));
            return null;
        }

        if (utc < time.GetUtcNow().UtcDateTime && utc != rule?.AtUtc)
        {
            errors.Add(new DomainError("AtLocal", "That moment has passed; choose one ahead ({0} in the event's time zone now).",
                Events.EventTime.ToLocal(time.GetUtcNow().UtcDateTime, zone).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)));
        }
        else if (utc > time.GetUtcNow().UtcDateTime.AddDays(366))
        {
            errors.Add(new DomainError("AtLocal", "Choose a moment within a year."));
        }

        return utc;
    }

    /// <summary>
    /// The subject and body in the event's languages: each language's within its length and with only known
    /// placeholders, and both given in the default language, which every recipient without their own reads.
    /// </summary>
    private static (LocalText? Subject, LocalText? Body) CheckText(List<DomainError> errors, LocalText subject, LocalText body, IReadOnlyList<string> languages)
    {
        var checkedSubject = LocalTextRules.Check(errors, "Subject", subject, 500, languages, "Enter a subject.");
        var checkedBody = LocalTextRules.Check(errors, "Body", body, 4000, languages, "Enter a message.");
        foreach (var (field, text) in new[] { ("Subject", checkedSubject), ("Body", checkedBody) })
        {
            foreach (var unknown in (text?.All ?? []).SelectMany(ReminderTemplates.Unknown).Distinct())
            {
                errors.Add(new DomainError(field, "{0} is not a placeholder a message can fill; use one of {1}.", unknown, string.Join(" ", ReminderTemplates.Placeholders)));
            }
        }

        return (checkedSubject, checkedBody);
    }
}
