using EventManager.Core.Common;
using EventManager.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Events;

public sealed class EventService(EventManagerDbContext db, TimeProvider time, Activity.ActivityLog activity)
{
    /// <summary>Events not yet over, soonest first.</summary>
    public async Task<IReadOnlyList<Event>> UpcomingAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return await db.Events.AsNoTracking()
            .Include(e => e.ParentEvent)
            .Where(e => e.EndsAtUtc >= now)
            .OrderBy(e => e.StartsAtUtc).ThenBy(e => e.Name)
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Event>> ListAsync(CancellationToken cancellationToken = default) =>
        await db.Events.AsNoTracking()
            .Include(e => e.ParentEvent)
            .OrderByDescending(e => e.StartsAtUtc).ThenBy(e => e.Name)
            .ToListAsync(cancellationToken);

    public async Task<Event?> FindBySlugAsync(string slug, CancellationToken cancellationToken = default)
    {
        var found = await db.Events.AsNoTracking()
            .Include(e => e.ParentEvent)
            .Include(e => e.ChildEvents)
            .SingleOrDefaultAsync(e => e.Slug == slug, cancellationToken);
        found?.ChildEvents.Sort((a, b) => a.StartsAtUtc.CompareTo(b.StartsAtUtc));
        return found;
    }

    /// <summary>The event alone, without the events around it: for pages that show only its name and times.</summary>
    public Task<Event?> FindOnlyBySlugAsync(string slug, CancellationToken cancellationToken = default) =>
        db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Slug == slug, cancellationToken);

    /// <summary>Just the id, for pages that need no more of the event to start their work.</summary>
    public Task<int?> FindIdBySlugAsync(string slug, CancellationToken cancellationToken = default) =>
        db.Events.Where(e => e.Slug == slug).Select(e => (int?)e.Id).SingleOrDefaultAsync(cancellationToken);

    public Task<Event?> FindAsync(int id, CancellationToken cancellationToken = default) =>
        db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);

    /// <summary>Creates an event (id null) or updates one; nothing is written unless every rule holds.</summary>
    public async Task<DomainResult<Event>> SaveAsync(int? id, EventInput input, CancellationToken cancellationToken = default)
    {
        var errors = new List<DomainError>();
        Event? existing = null;
        if (id is not null)
        {
            existing = await db.Events.SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
            if (existing is null)
            {
                return DomainResult<Event>.Failure([new DomainError("", "This event no longer exists.")]);
            }
        }

        var languages = EventLanguages.Parse(input.Languages ?? existing?.Languages);
        var (texts, prefix, zone, startsUtc, endsUtc) = EventRules.Check(input, languages, errors);
        var name = texts.Name;
        var slug = string.IsNullOrWhiteSpace(input.Slug) ? null : input.Slug.Trim().ToLowerInvariant();
        if (slug is not null)
        {
            if (slug.Length > EventRules.SlugMaxLength || !EventRules.SlugPattern().IsMatch(slug))
            {
                errors.Add(new DomainError(nameof(EventInput.Slug), "Use lower-case letters, digits and single hyphens, for example china-asean-week-11."));
            }
            else if (await db.Events.AnyAsync(e => e.Slug == slug && e.Id != (id ?? 0), cancellationToken))
            {
                errors.Add(new DomainError(nameof(EventInput.Slug), "Another event already uses the address {0}.", slug));
            }
        }

        await CheckPlaceInFamilyAsync(errors, id, input.ParentEventId, startsUtc, endsUtc, cancellationToken);
        if (errors.Count > 0)
        {
            return DomainResult<Event>.Failure(errors);
        }

        // The address reads best in Latin letters: from the English name when there is one.
        slug ??= existing?.Slug ?? await UniqueSlugAsync(EventRules.SlugFrom(name.Exactly("en") ?? name.In(languages[0])), cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var target = existing ?? new Event { Name = name, Slug = slug, TimeZoneId = zone!.Id, CreatedAtUtc = now };
        target.Name = name;
        target.Slug = slug;
        target.Kind = input.Kind;
        target.ParentEventId = input.ParentEventId;
        target.StartsAtUtc = startsUtc;
        target.EndsAtUtc = endsUtc;
        target.TimeZoneId = zone!.Id;
        if (existing is not null && existing.Languages != string.Join(' ', languages))
        {
            await RekeyTextsAsync(existing, languages, cancellationToken);
        }

        target.Languages = string.Join(' ', languages);
        target.Venue = texts.Venue;
        target.City = texts.City;
        target.Description = texts.Description;
        target.ShortName = texts.ShortName;
        target.MessageSignature = texts.MessageSignature;
        target.CertificatePrefix = prefix;
        target.UpdatedAtUtc = now;
        if (existing is null)
        {
            db.Events.Add(target);
        }
        else
        {
            activity.Add(Activity.ActivityKind.EventChanged, target.Id, target.Name.In(languages[0]));
        }

        try
        {
            // A new event has its id only once saved: its "created" line is written by a second save in the same
            // transaction, so there is never an event without its line (or a line without its event).
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            if (existing is null)
            {
                activity.Add(Activity.ActivityKind.EventCreated, target.Id, target.Name.In(languages[0]));
                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another organiser took the slug between our check and our insert; the unique index said no.
            db.ChangeTracker.Clear();
            if (!await db.Events.AnyAsync(e => e.Slug == slug, cancellationToken))
            {
                throw;
            }

            return DomainResult<Event>.Failure([new DomainError(nameof(EventInput.Slug), "Another event already uses the address {0}.", slug)]);
        }

        return DomainResult<Event>.Success(target);
    }

    /// <summary>
    /// The event's languages changed: every text written for it (sessions, rooms where it is the outermost event,
    /// agreements, questions, reminders) is keyed by the new order in the same save, so a reader of a language a text
    /// lacks gets the new default language's text, not whatever was first before.
    /// </summary>
    private async Task RekeyTextsAsync(Event ev, IReadOnlyList<string> languages, CancellationToken cancellationToken)
    {
        foreach (var session in await db.Sessions.Where(s => s.EventId == ev.Id).ToListAsync(cancellationToken))
        {
            session.Title = session.Title.Rekeyed(languages);
            session.Description = session.Description?.Rekeyed(languages);
        }

        if (ev.ParentEventId is null)
        {
            foreach (var room in await db.Rooms.Where(r => r.EventId == ev.Id).ToListAsync(cancellationToken))
            {
                room.Name = room.Name.Rekeyed(languages);
                room.Venue = room.Venue?.Rekeyed(languages);
            }
        }

        foreach (var agreement in await db.Agreements.Where(a => a.Session!.EventId == ev.Id).ToListAsync(cancellationToken))
        {
            agreement.Title = agreement.Title.Rekeyed(languages);
        }

        foreach (var question in await db.RegistrationQuestions.Where(q => q.EventId == ev.Id).ToListAsync(cancellationToken))
        {
            question.Label = question.Label.Rekeyed(languages);
            var before = question.OptionList;
            question.Options = question.Options?.Rekeyed(languages);
            var after = question.OptionList;
            if (question.OptionKeys is null && before.Count == after.Count && !before.SequenceEqual(after))
            {
                // Answers saved before keys hold the default language's words: they follow the new default, answer for answer.
                var old = before.ToList();
                foreach (var answer in await db.RegistrationAnswers.Where(a => a.QuestionId == question.Id).ToListAsync(cancellationToken))
                {
                    var at = old.IndexOf(answer.Value);
                    if (at >= 0)
                    {
                        answer.Value = after[at];
                    }
                }
            }
        }

        foreach (var letter in await db.VisaLetterSettings.Where(s => s.EventId == ev.Id).ToListAsync(cancellationToken))
        {
            letter.Letterhead = letter.Letterhead?.Rekeyed(languages);
            letter.SignatoryTitle = letter.SignatoryTitle?.Rekeyed(languages);
        }

        foreach (var rule in await db.ReminderRules.Where(r => r.EventId == ev.Id).ToListAsync(cancellationToken))
        {
            rule.Subject = rule.Subject.Rekeyed(languages);
            rule.Body = rule.Body.Rekeyed(languages);
        }
    }

    /// <summary>An event inside another lies within its dates, never inside itself, and keeps the events inside it within its own.</summary>
    private async Task CheckPlaceInFamilyAsync(List<DomainError> errors, int? id, int? parentEventId, DateTime startsUtc, DateTime endsUtc, CancellationToken cancellationToken)
    {
        if (parentEventId is int parentId)
        {
            var parent = await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == parentId, cancellationToken);
            if (parent is null)
            {
                errors.Add(new DomainError(nameof(EventInput.ParentEventId), "The event it is part of no longer exists."));
            }
            else if (id is int self && await IsSelfOrDescendantAsync(parentId, self, cancellationToken))
            {
                errors.Add(new DomainError(nameof(EventInput.ParentEventId), "An event cannot be part of itself or of an event inside it."));
            }
            else if (errors.Count == 0 && (startsUtc < parent.StartsAtUtc || endsUtc > parent.EndsAtUtc))
            {
                errors.Add(new DomainError(nameof(EventInput.ParentEventId), "It must take place within the dates of {0}.", parent.Name));
            }
        }

        if (id is not null && errors.Count == 0)
        {
            var outside = await db.Events.AsNoTracking()
                .Where(e => e.ParentEventId == id && (e.StartsAtUtc < startsUtc || e.EndsAtUtc > endsUtc))
                .Select(e => e.Name)
                .FirstOrDefaultAsync(cancellationToken);
            if (outside is not null)
            {
                errors.Add(new DomainError(nameof(EventInput.StartsLocal), "{0}, which is part of this event, would fall outside the new dates.", outside));
            }
        }
    }

    private async Task<bool> IsSelfOrDescendantAsync(int candidateId, int eventId, CancellationToken cancellationToken)
    {
        // Walk up from the candidate parent; reaching the edited event means a cycle.
        int? current = candidateId;
        var seen = new HashSet<int>();
        while (current is int at && seen.Add(at))
        {
            if (at == eventId)
            {
                return true;
            }

            current = await db.Events.Where(e => e.Id == at).Select(e => e.ParentEventId).SingleOrDefaultAsync(cancellationToken);
        }

        return false;
    }

    private async Task<string> UniqueSlugAsync(string baseSlug, CancellationToken cancellationToken)
    {
        var taken = await db.Events.Where(e => e.Slug == baseSlug || e.Slug.StartsWith(baseSlug + "-"))
            .Select(e => e.Slug).ToListAsync(cancellationToken);
        if (!taken.Contains(baseSlug))
        {
            return baseSlug;
        }

        for (var n = 2; ; n++)
        {
            var candidate = $"{baseSlug}-{n}";
            if (!taken.Contains(candidate))
            {
                return candidate;
            }
        }
    }
}
