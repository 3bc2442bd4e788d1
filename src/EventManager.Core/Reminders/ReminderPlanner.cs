using EventManager.Core.Ceremonies;
using System.Globalization;
using EventManager.Core.Common;
using EventManager.Core.Agenda;
using EventManager.Core.Data;
using EventManager.Core.Events;
using EventManager.Core.Mail;
using EventManager.Core.Registrations;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Reminders;

/// <summary>How many a message would go to, and for each language it is written in, how many read it in that language and what they read.</summary>
public sealed record MessagePreview(int Recipients, IReadOnlyList<LanguagePreview> Languages)
{
    public LanguagePreview? First => Languages.FirstOrDefault(l => l.Sample is not null);
}

/// <summary>One language of a message before it goes: who reads it in it (those who chose it, or the default's for the
/// rest), and the text with the placeholders of one of them (<paramref name="Sample"/>) filled in.</summary>
/// <param name="Language">The culture the text is written in.</param>
public sealed record LanguagePreview(string Language, int Recipients, string? Sample, string Subject, string Body);

/// <summary>Planned: new rows; Rewritten: waiting rows whose text changed (a rule edited, a language chosen).</summary>
public sealed record PlanReport(int Planned, int Removed, int Kept, int Missed, int Rewritten = 0);

/// <summary>
/// Works out every reminder an event's rules call for, from the published agenda and the confirmed delegates,
/// and makes the outbox agree: new ones are queued, ones whose moment moved or whose person left are removed,
/// ones already sent stay sent. A reminder whose moment had passed before it was planned is recorded as missed,
/// not sent late. A waiting reminder whose text no longer matches its rule (edited, translated, or the recipient
/// chose another language or zone) is rewritten.
/// </summary>
public sealed class ReminderPlanner(EventManagerDbContext db, TimeProvider time, Func<string, string> linkFor, IMessageWording wording)
{
    public const string Kind = "Reminder";

    public async Task<PlanReport> PlanAsync(int eventId, CancellationToken cancellationToken = default)
    {
        var ev = await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == eventId, cancellationToken);
        if (ev is null)
        {
            return new PlanReport(0, 0, 0, 0);
        }

        if (!await db.ReminderRules.AnyAsync(r => r.EventId == eventId, cancellationToken))
        {
            db.ReminderRules.AddRange(DefaultReminders.For(ev, wording));
            await db.SaveChangesAsync(cancellationToken);
        }

        var rules = await db.ReminderRules.AsNoTracking().Where(r => r.EventId == eventId && r.Enabled).ToListAsync(cancellationToken);
        var snapshot = await db.AgendaVersions.AsNoTracking().Where(v => v.EventId == eventId).OrderByDescending(v => v.Number).Select(v => v.Snapshot).FirstOrDefaultAsync(cancellationToken);
        var sessions = snapshot is null ? [] : PublishedAgenda.FromJson(snapshot).Rekeyed(ev.LanguageList).Sessions.Where(s => !s.IsCancelled).ToList();
        var delegates = await db.Registrations.AsNoTracking()
            .Where(r => r.EventId == eventId && r.Status == RegistrationStatus.Confirmed)
            .Select(r => new { r.Id, r.DelegateId, r.Email, r.LatinName, r.NativeName, r.PreferredLanguage, r.TimeZoneId, r.Token, r.InstitutionId })
            .ToListAsync(cancellationToken);
        var institutionOf = delegates.Where(r => r.InstitutionId != null).ToDictionary(r => r.Id, r => r.InstitutionId!.Value);
        var meetings = rules.Any(r => r.Anchor == ReminderAnchor.MeetingStart) ? await MeetingsAsync(eventId, cancellationToken) : [];
        var people = delegates.Select(r => new Person($"r{r.Id}", r.Id, r.DelegateId, r.Email, r.LatinName, r.PreferredLanguage, r.TimeZoneId, linkFor($"/r/{r.Token}/agenda"), r.NativeName)).ToList();
        // Speakers and chairs may be registered for another event of the family only (the week around a dialogue).
        var programmeIds = sessions.SelectMany(s => s.People).Select(p => p.DelegateId).Distinct().ToList();
        var onProgramme = await new AgendaFamily(db).ProgrammeRegistrationsAsync(eventId, programmeIds, cancellationToken);
        var speakers = onProgramme.Select(r => new Person($"r{r.Id}", r.Id, r.DelegateId, r.Email, r.LatinName, r.PreferredLanguage, r.TimeZoneId,
            linkFor(r.EventId == eventId ? $"/r/{r.Token}/agenda" : $"/events/{ev.Slug}/agenda"), r.NativeName)).ToList();
        // Speakers who register nowhere (a keynote speaker the organisers added) hear about their sessions at the address
        // the directory has for them, with their own page (their sessions, a calendar feed) as their link.
        var registeredIds = onProgramme.Select(r => r.DelegateId).ToHashSet();
        var unregistered = programmeIds.Where(id => !registeredIds.Contains(id)).ToList();
        var withAddress = await db.Delegates.AsNoTracking().Where(d => unregistered.Contains(d.Id) && d.Email != null).ToListAsync(cancellationToken);
        var tokens = await Delegates.PeopleDirectory.EnsureTokensAsync(db, withAddress.Select(d => d.Id).ToList(), cancellationToken);
        speakers.AddRange(withAddress.Select(d => new Person($"p{d.Id}", null, d.Id, d.Email!, d.TitledName, d.PreferredLanguage, d.TimeZoneId,
            linkFor($"/p/{tokens[d.Id]}"), d.NativeName)));
        var invited = rules.Any(r => r.Audience == ReminderAudience.InvitedNoAnswer) ? await InvitedAsync(ev, cancellationToken) : [];
        var organisers = (await (from user in db.Users
                                 join userRole in db.UserRoles on user.Id equals userRole.UserId
                                 join role in db.Roles on userRole.RoleId equals role.Id
                                 where role.Name == Roles.Organiser && user.Email != null
                                 select new { user.Id, user.Email, user.DisplayName }).ToListAsync(cancellationToken))
            .Select(u => new Person($"u{u.Id}", null, null, u.Email!, u.DisplayName ?? u.Email!, null, null, linkFor($"/organiser/events/{eventId}/registrations")))
            .ToList();
        var choices = await db.SessionChoices.AsNoTracking()
            .Where(c => db.Registrations.Any(r => r.Id == c.RegistrationId && r.EventId == eventId))
            .ToListAsync(cancellationToken);
        // A signatory's places at each ceremony, for the briefing: "No. 3 · round 1, table 3 · Student exchange agreement",
        // with the agreement's title in the signatory's institution's language when the message is not in English.
        var signing = (await db.AgreementParties.AsNoTracking()
                .Where(p => p.Agreement!.Session!.EventId == eventId && p.Agreement.Status != AgreementStatus.Withdrawn && p.SignatoryRegistrationId != null)
                .Select(p => new { p.Agreement!.Session!.Uid, SignatoryRegistrationId = p.SignatoryRegistrationId!.Value, p.Agreement.Position, p.Agreement.Round, p.Agreement.Table, p.Agreement.Title, p.LocalTitle })
                .ToListAsync(cancellationToken))
            .ToLookup(p => (p.Uid, p.SignatoryRegistrationId));
        string Places(Guid session, int registration, CultureInfo culture) => string.Join("\n", signing[(session, registration)].OrderBy(p => p.Position)
            .Select(p => wording.Say(culture, "No. {0} · round {1}, table {2} · {3}", p.Position, p.Round, p.Table,
                culture.TwoLetterISOLanguageName != "en" && !string.IsNullOrWhiteSpace(p.LocalTitle) ? p.LocalTitle : p.Title.In(culture))));
        var eventZone = EventTime.FindZone(ev.TimeZoneId);
        var now = time.GetUtcNow().UtcDateTime;

        // Rule by rule (each rule's keys start "reminder:{rule}:"), so that what one rule calls for is written and let go
        // before the next is worked out: planning 200,000 messages never holds them all, nor all their stored texts.
        int plannedCount = 0, removed = 0, kept = 0, missedCount = 0, rewrittenCount = 0;
        foreach (var rule in rules)
        {
            var prefix = $"reminder:{rule.Id.ToString(CultureInfo.InvariantCulture)}:";
            var existing = await db.OutgoingMessages.AsNoTracking().Where(m => m.EventId == eventId && m.Kind == Kind && m.DeduplicationKey.StartsWith(prefix))
                .Select(m => new { m.Id, m.DeduplicationKey, m.Status, m.DueAtUtc }).ToListAsync(cancellationToken);
            // A daily message still waiting to go out (the mail server was down) stays wanted even when its day has passed:
            // the rule's days start at the oldest one still waiting, or today.
            var oldestWaiting = existing.Where(m => m.Status == MessageStatus.Pending && m.DeduplicationKey.Contains(":day:", StringComparison.Ordinal))
                .Select(m => (DateTime?)m.DueAtUtc).Min();
            var since = oldestWaiting is { } oldest && oldest < now ? oldest : now;

            var wanted = new Dictionary<string, NewMessage>();
            foreach (var (anchorKey, at, session, audience, meeting) in Anchors(rule, ev, sessions, people, speakers, organisers, invited, choices, signing.Select(g => g.Key), since, meetings, institutionOf))
            {
                var due = rule.Anchor == ReminderAnchor.DailyAt ? at : at.AddMinutes(rule.OffsetMinutes);
                foreach (var person in audience.Where(p => p.Until is null || due < p.Until))
                {
                    var key = $"{prefix}{anchorKey}:{person.Key}:{due:yyyyMMddHHmm}";
                    var zone = EventTime.TryFindZone(person.TimeZoneId, out var own) ? own : eventZone;
                    var language = rule.LanguageFor(person.Language);
                    var culture = ReminderTemplates.CultureOf(language);
                    var start = $"{ReminderTemplates.Moment(EventTime.ToLocal(at, zone), culture)} ({zone.Id})";
                    var order = session is not null && person.RegistrationId is int id ? Places(session.Uid, id, culture) : "";
                    var about = meeting is not null && person.RegistrationId is int reader ? MeetingText(meeting, institutionOf.GetValueOrDefault(reader), culture) : "";
                    string Fill(string template) => ReminderPlanner.Fill(template, person, culture, ev, session, start, order, about);
                    wanted[key] = new NewMessage(key, Kind, eventId, person.Email, person.Name,
                        Fill(rule.Subject.In(language)), ReminderTemplates.Signed(Fill(rule.Body.In(language)), ev.MessageSignature, culture), DueAtUtc: due, ReminderRuleId: rule.Id, Language: culture.Name);
                }
            }

            var stale = existing.Where(m => m.Status == MessageStatus.Pending && !wanted.ContainsKey(m.DeduplicationKey)).Select(m => m.Id).ToList();
            removed += await DeleteWaitingAsync(stale, cancellationToken);

            var known = existing.Select(m => m.DeduplicationKey).ToHashSet();
            var fresh = wanted.Values.Where(m => !known.Contains(m.DeduplicationKey)).ToList();
            var missed = fresh.Where(m => m.DueAtUtc < now).ToList();
            var planned = fresh.Where(m => m.DueAtUtc >= now).ToList();
            await InsertAsync(planned, MessageStatus.Pending, null, now, cancellationToken);
            await InsertAsync(missed, MessageStatus.Skipped, NotSent.TooLate, now, cancellationToken);

            // Only rows still waiting, and not held by a sender at this moment (RewriteAsync checks), get the new text;
            // the stored texts are read in chunks, only for the rows this rule still wants.
            var waiting = existing.Where(m => m.Status == MessageStatus.Pending && wanted.ContainsKey(m.DeduplicationKey)).Select(m => m.Id).ToList();
            var rewritten = new List<(long, string, string)>();
            foreach (var chunk in waiting.Chunk(1000))
            {
                var texts = await db.OutgoingMessages.AsNoTracking().Where(m => chunk.Contains(m.Id))
                    .Select(m => new { m.Id, m.DeduplicationKey, m.Subject, m.TextBody }).ToListAsync(cancellationToken);
                rewritten.AddRange(texts.Where(m => wanted[m.DeduplicationKey] is var w && (w.Subject != m.Subject || w.TextBody != m.TextBody))
                    .Select(m => (m.Id, wanted[m.DeduplicationKey].Subject, wanted[m.DeduplicationKey].TextBody)));
            }

            await OutboxBulk.RewriteAsync(db, rewritten, now, cancellationToken);
            plannedCount += planned.Count;
            missedCount += missed.Count;
            rewrittenCount += rewritten.Count;
            kept += wanted.Count - fresh.Count - rewritten.Count;
        }

        // Waiting reminders of rules turned off or deleted.
        var enabled = rules.Select(r => $"reminder:{r.Id.ToString(CultureInfo.InvariantCulture)}:").ToList();
        var orphans = (await db.OutgoingMessages.AsNoTracking().Where(m => m.EventId == eventId && m.Kind == Kind && m.Status == MessageStatus.Pending)
                .Select(m => new { m.Id, m.DeduplicationKey, m.ReminderRuleId }).Where(m => m.ReminderRuleId == null || !rules.Select(r => r.Id).Contains(m.ReminderRuleId.Value))
                .ToListAsync(cancellationToken))
            .Where(m => !enabled.Any(prefix => m.DeduplicationKey.StartsWith(prefix, StringComparison.Ordinal))).Select(m => m.Id).ToList();
        removed += await DeleteWaitingAsync(orphans, cancellationToken);
        return new PlanReport(plannedCount, removed, kept, missedCount, rewrittenCount);
    }

    private async Task<int> DeleteWaitingAsync(List<long> ids, CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var chunk in ids.Chunk(500))
        {
            removed += await db.OutgoingMessages.Where(m => chunk.Contains(m.Id) && m.Status == MessageStatus.Pending).ExecuteDeleteAsync(cancellationToken);
        }

        return removed;
    }

    /// <summary>A published bilateral meeting as reminders see it: when, at which table, between which institutions, with whom interpreting.</summary>
    private sealed record MeetingAnchor(int Id, DateTime StartsAtUtc, int Table, Institutions.Institution From, Institutions.Institution To, string? Interpreter);

    /// <summary>The event's meetings at their published places (what their delegations were told), between institutions.</summary>
    private async Task<List<MeetingAnchor>> MeetingsAsync(int eventId, CancellationToken cancellationToken)
    {
        var requests = await db.MeetingRequests.AsNoTracking().Include(r => r.From!.Institution).Include(r => r.To!.Institution)
            .Where(r => r.EventId == eventId && r.Status == Meetings.MeetingRequestStatus.Accepted && r.PublishedBlockId != null && r.PublishedSlot != null)
            .ToListAsync(cancellationToken);
        var blocks = await db.MeetingBlocks.AsNoTracking().Include(b => b.Session).Where(b => b.EventId == eventId).ToDictionaryAsync(b => b.Id, cancellationToken);
        var interpreters = await db.Interpreters.AsNoTracking().Where(i => i.EventId == eventId).Select(i => new { i.Id, i.Person!.LatinName }).ToDictionaryAsync(i => i.Id, i => i.LatinName, cancellationToken);
        return requests.Where(r => r.From!.Institution is not null && r.To!.Institution is not null && blocks.ContainsKey(r.PublishedBlockId!.Value))
            .Select(r =>
            {
                return blocks[r.PublishedBlockId!.Value].TimeOf(r.PublishedSlot!.Value) is { } time
                    ? new MeetingAnchor(r.Id, time.Start, r.PublishedTable ?? 0, r.From!.Institution!, r.To!.Institution!,
                        r.PublishedInterpreterId is { } i ? interpreters.GetValueOrDefault(i) : null)
                    : null;
            }).OfType<MeetingAnchor>().ToList();
    }

    /// <summary>"Table 3 · Al-Farabi Kazakh National University · interpreter: Aigerim Nurlanovna", the counterpart as the reader's side meets it.</summary>
    private string MeetingText(MeetingAnchor meeting, int institution, CultureInfo culture)
    {
        var other = meeting.From.Id == institution ? meeting.To : meeting.From;
        var text = wording.Say(culture, "Table {0} · {1}", meeting.Table, other.NameFor(culture.TwoLetterISOLanguageName));
        return meeting.Interpreter is null ? text : text + " · " + wording.Say(culture, "Interpreter: {0}", meeting.Interpreter);
    }

    /// <summary>The placeholders of a rule's text, filled for one recipient.</summary>
    private static string Fill(string template, Person person, CultureInfo culture, Event ev, PublishedSession? session, string start, string runningOrder, string meeting = "") => template
        .Replace("{name}", DisplayName.InLanguage(culture.Name, person.Name, person.NativeName)).Replace("{event}", ev.Name.In(culture)).Replace("{session}", (session?.Title ?? ev.Name).In(culture))
        .Replace("{start}", start).Replace("{room}", (session?.RoomName ?? ev.Venue)?.In(culture) ?? "").Replace("{link}", person.Link)
        .Replace("{running_order}", runningOrder).Replace("{meeting}", meeting);

    /// <summary>
    /// What a message at a set time would do before it is planned: how many it goes to, and the text the first of them
    /// (in name order) would get. Null when the event is gone or the message is not a one-off to everyone.
    /// </summary>
    public async Task<MessagePreview?> PreviewAsync(int eventId, ReminderAudience audience, DateTime atUtc, LocalText subject, LocalText body, CancellationToken cancellationToken = default)
    {
        var ev = await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == eventId, cancellationToken);
        if (ev is null || audience is not (ReminderAudience.ConfirmedDelegates or ReminderAudience.Organisers or ReminderAudience.InvitedNoAnswer))
        {
            return null;
        }

        List<Person> recipients;
        if (audience == ReminderAudience.ConfirmedDelegates)
        {
            recipients = (await db.Registrations.AsNoTracking().Where(r => r.EventId == eventId && r.Status == RegistrationStatus.Confirmed)
                    .OrderBy(r => r.LatinName).ThenBy(r => r.Id)
                    .Select(r => new { r.Id, r.DelegateId, r.Email, r.LatinName, r.NativeName, r.PreferredLanguage, r.TimeZoneId, r.Token })
                    .ToListAsync(cancellationToken))
                .Select(r => new Person($"r{r.Id}", r.Id, r.DelegateId, r.Email, r.LatinName, r.PreferredLanguage, r.TimeZoneId, linkFor($"/r/{r.Token}/agenda"), r.NativeName))
                .ToList();
        }
        else if (audience == ReminderAudience.InvitedNoAnswer)
        {
            recipients = (await InvitedAsync(ev, cancellationToken)).Where(p => atUtc < p.Until).ToList();
        }
        else
        {
            var organisers = await (from user in db.Users
                                    join userRole in db.UserRoles on user.Id equals userRole.UserId
                                    join role in db.Roles on userRole.RoleId equals role.Id
                                    where role.Name == Roles.Organiser && user.Email != null
                                    orderby user.Email
                                    select new { user.Id, user.Email, user.DisplayName }).ToListAsync(cancellationToken);
            recipients = organisers.Select(u => new Person($"u{u.Id}", null, null, u.Email!, u.DisplayName ?? u.Email!, null, null, linkFor($"/organiser/events/{eventId}/registrations"))).ToList();
        }

        // Every language the message is written in, the default first, each with those who will read it in it.
        var byLanguage = recipients.GroupBy(p => ReminderTemplates.LanguageFor(subject, body, p.Language)).ToDictionary(g => g.Key, g => g.ToList());
        var written = subject.Languages.Where(l => body.Has(l)).DefaultIfEmpty(subject.Languages.FirstOrDefault() ?? ReminderTemplates.DefaultLanguage);
        var languages = written.Select(language =>
        {
            var readers = byLanguage.GetValueOrDefault(language) ?? [];
            var culture = ReminderTemplates.CultureOf(language);
            // Someone who reads it in this language if there is one, else the first recipient: the placeholders show real words.
            var sample = readers.FirstOrDefault() ?? recipients.FirstOrDefault();
            if (sample is null)
            {
                return new LanguagePreview(culture.Name, 0, null, subject.In(language), body.In(language));
            }

            var zone = EventTime.TryFindZone(sample.TimeZoneId, out var own) ? own : EventTime.FindZone(ev.TimeZoneId);
            var start = $"{ReminderTemplates.Moment(EventTime.ToLocal(atUtc, zone), culture)} ({zone.Id})";
            return new LanguagePreview(culture.Name, readers.Count, sample.Email, Fill(subject.In(language), sample, culture, ev, null, start, ""),
                ReminderTemplates.Signed(Fill(body.In(language), sample, culture, ev, null, start, ""), ev.MessageSignature, culture));
        }).ToList();
        return new MessagePreview(recipients.Count, languages);
    }

    /// <summary>
    /// Invited people who have not answered, by name: their link is the invitation's, and nothing reaches them after it
    /// expires (<see cref="Person.Until"/>).
    /// </summary>
    private async Task<List<Person>> InvitedAsync(Event ev, CancellationToken cancellationToken)
    {
        var policy = await db.RegistrationPolicies.AsNoTracking().SingleOrDefaultAsync(p => p.EventId == ev.Id, cancellationToken);
        return (await db.Invitations.AsNoTracking().Include(i => i.Person)
                .Where(i => i.EventId == ev.Id && i.Status == Invitations.InvitationStatus.Sent && i.Person!.Email != null).ToListAsync(cancellationToken))
            .OrderBy(i => i.Person!.LatinName)
            .Select(i => new Person($"i{i.Id}", null, i.PersonId, i.Person!.Email!, i.Person.TitledName, i.Person.PreferredLanguage, i.Person.TimeZoneId,
                linkFor($"/i/{i.Token}"), i.Person.NativeName, i.ExpiryUtc(policy, ev.EndsAtUtc)))
            .ToList();
    }

    /// <summary>A recipient: a confirmed delegate (with a registration) or an organiser (without).</summary>
    /// <param name="Until">When messages to them stop making sense (an invitation's expiry).</param>
    private sealed record Person(string Key, int? RegistrationId, int? DelegateId, string Email, string Name, string? Language, string? TimeZoneId, string Link, string? NativeName = null, DateTime? Until = null);

    private static IEnumerable<(string Key, DateTime At, PublishedSession? Session, IEnumerable<Person> Audience, MeetingAnchor? Meeting)> Anchors(
        ReminderRule rule, Event ev, List<PublishedSession> sessions, List<Person> people, List<Person> speakers, List<Person> organisers, List<Person> invited, List<SessionChoice> choices,
        IEnumerable<(Guid Session, int Registration)> signatories, DateTime since, List<MeetingAnchor> meetings, Dictionary<int, int> institutionOf)
    {
        var attending = choices.ToLookup(c => c.SessionUid, c => c.RegistrationId);
        var byDelegate = speakers.ToLookup(p => p.DelegateId!.Value);
        var byRegistration = people.ToDictionary(p => p.RegistrationId!.Value);
        IEnumerable<Person> For(PublishedSession? session) => rule.Audience switch
        {
            ReminderAudience.ConfirmedDelegates => people,
            ReminderAudience.SessionSpeakersAndChair when session is not null =>
                session.People.Select(x => x.DelegateId).Distinct().SelectMany(d => byDelegate[d]),
            ReminderAudience.SessionAttendees when session is not null =>
                attending[session.Uid].Where(byRegistration.ContainsKey).Select(id => byRegistration[id]),
            ReminderAudience.Organisers => organisers,
            ReminderAudience.InvitedNoAnswer => invited,
            ReminderAudience.CeremonySignatories when session is not null =>
                signatories.Where(s => s.Session == session.Uid && byRegistration.ContainsKey(s.Registration)).Select(s => byRegistration[s.Registration]),
            _ => [],
        };

        switch (rule.Anchor)
        {
            case ReminderAnchor.EventStart:
                yield return ("event-start", ev.StartsAtUtc, null, For(null), null);
                break;
            case ReminderAnchor.EventEnd:
                yield return ("event-end", ev.EndsAtUtc, null, For(null), null);
                break;
            case ReminderAnchor.At when rule.AtUtc is { } moment:
                yield return ("at", moment, null, For(null), null);
                break;
            case ReminderAnchor.At:
                break;
            case ReminderAnchor.MeetingStart:
                // Each meeting to its two delegations' confirmed delegates (the rule's audience says so; checked when saved).
                foreach (var m in meetings.Where(_ => rule.Audience == ReminderAudience.MeetingDelegations))
                {
                    yield return ($"meeting:{m.Id}", m.StartsAtUtc, null,
                        people.Where(p => p.RegistrationId is int r && institutionOf.TryGetValue(r, out var i) && (i == m.From.Id || i == m.To.Id)), m);
                }

                break;
            case ReminderAnchor.DailyAt:
                // From today (or the oldest day still waiting) until the event's last day, at the set time in the event's zone.
                var zone = EventTime.FindZone(ev.TimeZoneId);
                var last = EventTime.ToLocal(ev.EndsAtUtc, zone).Date;
                for (var day = EventTime.ToLocal(since, zone).Date; day <= last; day = day.AddDays(1))
                {
                    if (EventTime.TryToUtc(day.AddMinutes(rule.OffsetMinutes), zone, out var at))
                    {
                        yield return ($"day:{day:yyyyMMdd}", at, null, For(null), null);
                    }
                }

                break;
            default:
                var anchored = rule.Anchor == ReminderAnchor.SigningCeremonyStart ? sessions.Where(s => s.Kind == SessionKind.SigningCeremony) : sessions;
                foreach (var s in anchored)
                {
                    yield return ($"session:{s.Uid:N}", rule.Anchor == ReminderAnchor.SessionEnd ? s.EndsAtUtc : s.StartsAtUtc, s, For(s), null);
                }

                break;
        }
    }

    /// <summary>Many rows at once, in one transaction, without the change tracker: 200,000 reminders must plan in seconds.</summary>
    private Task InsertAsync(List<NewMessage> messages, MessageStatus status, string? note, DateTime now, CancellationToken cancellationToken) =>
        OutboxBulk.InsertAsync(db, messages.Select(m => new OutgoingMessage
        {
            DeduplicationKey = m.DeduplicationKey, Kind = m.Kind, EventId = m.EventId, RecipientEmail = m.RecipientEmail, RecipientName = m.RecipientName,
            Subject = m.Subject, TextBody = m.TextBody, CreatedAtUtc = now, DueAtUtc = m.DueAtUtc ?? now, Status = status, LastError = note, ReminderRuleId = m.ReminderRuleId,
            Language = m.Language,
        }).ToList(), cancellationToken);
}
