using System.Text;
using CsvHelper;
using EventManager.Core.Agenda;
using EventManager.Core.Common;
using EventManager.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Events;

/// <summary>One text of an event a translator may fill: where it is (its key), what it names, and its languages.</summary>
/// <param name="Lines">For a choice's answers: how many lines every language must have (the same answers in the same order).</param>
public sealed record EventText(string Key, EventTextKind Kind, string Of, LocalText Text, int MaxLength, int? Lines = null);

public enum EventTextKind
{
    EventName,
    EventShortName,
    EventVenue,
    EventCity,
    EventDescription,
    SessionTitle,
    SessionDescription,
    RoomName,
    RoomVenue,
    AgreementTitle,
    QuestionLabel,
    QuestionAnswers,
    ReminderSubject,
    ReminderBody,
    MessageSignature,

    /// <summary>The biography of a person on the event's agenda (a speaker or chair), shown on their speaker page.</summary>
    PersonBiography,

    /// <summary>The honorific of a person on the event's agenda ("Academician" → 院士).</summary>
    PersonTitle,
}

/// <summary>A translation read from a file: what the text said in that language before, and what it will say.</summary>
public sealed record TranslationChange(EventText Text, string? Before, string After);

/// <summary>What a translator's file would change, and the rows that cannot be used (with why), before anything is saved.</summary>
public sealed record TranslationPreview(string Language, IReadOnlyList<TranslationChange> Changes, IReadOnlyList<DomainError> Problems);

/// <summary>
/// The translators' round trip: every text an organiser wrote for an event (its own, its sessions', its rooms'),
/// what each language lacks, a CSV a translator fills, and reading it back, previewed, then saved in one go.
/// </summary>
public sealed class EventTranslations(EventManagerDbContext db, AgendaFamily family, TimeProvider time, Activity.ActivityLog activity)
{
    public const int MaxFileBytes = 2 * 1024 * 1024;

    public static readonly string[] Columns = ["key", "what", "source", "translation"];

    /// <summary>Every text of the event with something in it, in the order a reader meets them.</summary>
    public async Task<IReadOnlyList<EventText>> TextsAsync(Event ev, CancellationToken cancellationToken = default)
    {
        var texts = new List<EventText>();
        void Add(string key, EventTextKind kind, string of, LocalText? text, int max, int? lines = null)
        {
            if (text is { IsEmpty: false })
            {
                texts.Add(new EventText(key, kind, of, text.For(ev.LanguageList), max, lines));
            }
        }

        Add("event.name", EventTextKind.EventName, "", ev.Name, EventRules.NameMaxLength);
        Add("event.venue", EventTextKind.EventVenue, "", ev.Venue, 200);
        Add("event.city", EventTextKind.EventCity, "", ev.City, 100);
        Add("event.description", EventTextKind.EventDescription, "", ev.Description, EventRules.DescriptionMaxLength);
        Add("event.shortname", EventTextKind.EventShortName, "", ev.ShortName, EventRules.ShortNameMaxLength);
        Add("event.signature", EventTextKind.MessageSignature, "", ev.MessageSignature, EventRules.SignatureMaxLength);
        var sessions = await db.Sessions.AsNoTracking().Where(s => s.EventId == ev.Id).OrderBy(s => s.StartsAtUtc).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        foreach (var s in sessions)
        {
            Add($"session.{s.Id}.title", EventTextKind.SessionTitle, s.Title.Default, s.Title, 300);
            Add($"session.{s.Id}.description", EventTextKind.SessionDescription, s.Title.Default, s.Description, 4000);
        }

        // Rooms are the outermost event's; the event they are translated from may be one inside it.
        var root = await family.RootEventIdAsync(ev.Id, cancellationToken);
        var rooms = await db.Rooms.AsNoTracking().Where(r => r.EventId == root).OrderBy(r => r.SortOrder).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        foreach (var r in rooms)
        {
            Add($"room.{r.Id}.name", EventTextKind.RoomName, r.Name.Default, r.Name, 100);
            Add($"room.{r.Id}.venue", EventTextKind.RoomVenue, r.Name.Default, r.Venue, 200);
        }

        var agreements = await db.Agreements.AsNoTracking().Where(a => a.Session!.EventId == ev.Id).OrderBy(a => a.SessionId).ThenBy(a => a.Position).ToListAsync(cancellationToken);
        foreach (var a in agreements)
        {
            Add($"agreement.{a.Id}.title", EventTextKind.AgreementTitle, "", a.Title, Ceremonies.AgreementRules.TitleMaxLength);
        }

        var questions = await db.RegistrationQuestions.AsNoTracking().Where(q => q.EventId == ev.Id).OrderBy(q => q.Id).ToListAsync(cancellationToken);
        foreach (var q in questions)
        {
            Add($"question.{q.Id}.label", EventTextKind.QuestionLabel, "", q.Label, Registrations.RegistrationQuestions.LabelMaxLength);
            Add($"question.{q.Id}.answers", EventTextKind.QuestionAnswers, q.Label.Default, q.Options, 4000, q.OptionList.Count);
        }

        var rules = await db.ReminderRules.AsNoTracking().Where(r => r.EventId == ev.Id).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        foreach (var r in rules)
        {
            Add($"reminder.{r.Id}.subject", EventTextKind.ReminderSubject, r.Name, r.Subject, 500);
            Add($"reminder.{r.Id}.body", EventTextKind.ReminderBody, r.Name, r.Body, 4000);
        }

        // The speakers' and chairs' biographies: their speaker pages are read in every language of the event.
        foreach (var p in await SpeakersAsync(ev.Id, cancellationToken))
        {
            // The title as the person uses it stands as the source; its translations are the person's, for every event.
            Add($"person.{p.Id}.title", EventTextKind.PersonTitle, p.LatinName,
                string.IsNullOrWhiteSpace(p.Title) ? null : (p.TitleTranslations ?? LocalText.Empty).With(ev.DefaultLanguage, p.Title), Delegates.PeopleDirectory.TitleMaxLength);
            Add($"person.{p.Id}.biography", EventTextKind.PersonBiography, p.TitledName, p.Biography, Delegates.PeopleDirectory.BiographyMaxLength);
        }

        return texts;
    }

    /// <summary>People on the event's agenda (draft or published), by name.</summary>
    private IQueryable<Delegates.Delegate> Speakers(int eventId) =>
        db.Delegates.Where(d => db.SessionPeople.Any(p => p.DelegateId == d.Id && p.Session!.EventId == eventId));

    private Task<List<Delegates.Delegate>> SpeakersAsync(int eventId, CancellationToken cancellationToken) =>
        Speakers(eventId).AsNoTracking().OrderBy(d => d.LatinName).ThenBy(d => d.Id).ToListAsync(cancellationToken);

    /// <summary>The texts a language lacks, for each of the event's languages but the default.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<EventText>> Missing(Event ev, IReadOnlyList<EventText> texts) =>
        ev.LanguageList.Skip(1).ToDictionary(l => l, l => (IReadOnlyList<EventText>)texts.Where(t => !t.Text.Has(l)).ToList());

    /// <summary>
    /// A UTF-8 CSV for a translator into <paramref name="language"/>: a row per text it lacks, with the default
    /// language's text as the source and an empty column to fill. The key column says where each goes back.
    /// </summary>
    public static void WriteCsv(Stream output, Event ev, IReadOnlyList<EventText> texts, string language, Func<EventText, string> describe)
    {
        using var csv = CsvWriter.Create(output, new CsvWriterOptions { Injection = CsvInjection.Escape, WriteByteOrderMark = true }, true);
        csv.WriteHeader(Columns);
        foreach (var text in texts.Where(t => !t.Text.Has(language)))
        {
            csv.WriteRecord([text.Key, describe(text), text.Text.In(ev.DefaultLanguage), ""]);
        }
    }

    /// <summary>Reads a filled file against the event's texts as they are now; nothing is saved.</summary>
    public static TranslationPreview Preview(Stream input, IReadOnlyList<EventText> texts, string language)
    {
        var rows = new List<(int Line, string Key, string Translation)>();
        try
        {
            using var csv = CsvReader.Create(new StreamReader(input, new UTF8Encoding(false, throwOnInvalidBytes: true)), CsvReaderOptions.Default);
            foreach (var row in csv)
            {
                if (!csv.TryGetFieldIndex("key", out var keyAt) || !csv.TryGetFieldIndex("translation", out var translationAt))
                {
                    return new TranslationPreview(language, [], [new DomainError("", "The file needs a header row with the columns key and translation, as the exported file has.")]);
                }

                rows.Add((rows.Count + 2, keyAt < row.FieldCount ? row.GetString(keyAt) : "", translationAt < row.FieldCount ? row.GetString(translationAt) : ""));
            }
        }
        catch (Exception e) when (e is CsvFormatException or InvalidOperationException or ArgumentException or DecoderFallbackException)
        {
            return new TranslationPreview(language, [], [new DomainError("", "The file could not be read as CSV: {0}", e.Message)]);
        }

        return Preview(rows, texts, language);
    }

    /// <summary>
    /// Translations by key (a file's rows, or a preview posted back to be saved) against the event's texts as they
    /// are now: empty ones are left out, unknown keys and overlong texts are problems, the rest are changes.
    /// </summary>
    public static TranslationPreview Preview(IEnumerable<(int Line, string Key, string Translation)> rows, IReadOnlyList<EventText> texts, string language)
    {
        var changes = new List<TranslationChange>();
        var problems = new List<DomainError>();
        var byKey = texts.ToDictionary(t => t.Key);
        foreach (var (line, rawKey, rawTranslation) in rows)
        {
            var key = rawKey.Trim();
            var translation = TextNormalization.ToNfc(rawTranslation.Trim()) ?? "";
            if (translation.Length == 0)
            {
                continue;
            }

            if (TextNormalization.HasForbiddenControl(translation))
            {
                problems.Add(new DomainError("", "Line {0}: the translation holds an invisible control character (such as U+0000); take it out of the file.", line));
            }
            else if (!byKey.TryGetValue(key, out var text))
            {
                problems.Add(new DomainError("", "Line {0}: {1} is not a text of this event (it may have been removed since the file was made).", line, key));
            }
            else if (translation.Length > text.MaxLength)
            {
                problems.Add(new DomainError("", "Line {0}: the translation is longer than the {1} characters this text may have.", line, text.MaxLength));
            }
            else if (text.Lines is int lines && Registrations.RegistrationQuestion.Lines(translation).Count != lines)
            {
                problems.Add(new DomainError("", "Line {0}: give the {1} answers one per line, in the same order as the source.", line, lines));
            }
            else if (text.Kind is EventTextKind.ReminderSubject or EventTextKind.ReminderBody && Reminders.ReminderTemplates.Unknown(translation).FirstOrDefault() is { } unknown)
            {
                problems.Add(new DomainError("", "Line {0}: {1} is not a placeholder a message can fill; keep the source's placeholders as they are.", line, unknown));
            }
            else if (text.Text.Exactly(language) != translation && changes.All(c => c.Text.Key != key))
            {
                changes.Add(new TranslationChange(text, text.Text.Exactly(language), translation));
            }
        }

        return new TranslationPreview(language, changes, problems);
    }

    /// <summary>Saves a preview's changes, all or none, onto the texts as they are at this moment.</summary>
    public async Task<int> ApplyAsync(Event ev, TranslationPreview preview, CancellationToken cancellationToken = default)
    {
        var root = await family.RootEventIdAsync(ev.Id, cancellationToken);
        var target = await db.Events.SingleAsync(e => e.Id == ev.Id, cancellationToken);
        var sessions = await db.Sessions.Where(s => s.EventId == ev.Id).ToDictionaryAsync(s => s.Id, cancellationToken);
        var rooms = await db.Rooms.Where(r => r.EventId == root).ToDictionaryAsync(r => r.Id, cancellationToken);
        var agreements = await db.Agreements.Where(a => a.Session!.EventId == ev.Id).ToDictionaryAsync(a => a.Id, cancellationToken);
        var questions = await db.RegistrationQuestions.Where(q => q.EventId == ev.Id).ToDictionaryAsync(q => q.Id, cancellationToken);
        var rules = await db.ReminderRules.Where(r => r.EventId == ev.Id).ToDictionaryAsync(r => r.Id, cancellationToken);
        var people = await Speakers(ev.Id).ToDictionaryAsync(d => d.Id, cancellationToken);
        var language = preview.Language;
        var now = time.GetUtcNow().UtcDateTime;
        var applied = 0;
        foreach (var change in preview.Changes)
        {
            LocalText Set(LocalText? text) => (text ?? LocalText.Empty).For(target.LanguageList).With(language, change.After).For(target.LanguageList);
            var parts = change.Text.Key.Split('.');
            var id = parts.Length == 3 && int.TryParse(parts[1], out var n) ? n : 0;
            switch (change.Text.Kind)
            {
                case EventTextKind.EventName: target.Name = Set(target.Name); break;
                case EventTextKind.EventVenue: target.Venue = Set(target.Venue); break;
                case EventTextKind.EventCity: target.City = Set(target.City); break;
                case EventTextKind.EventDescription: target.Description = Set(target.Description); break;
                case EventTextKind.EventShortName: target.ShortName = Set(target.ShortName); break;
                case EventTextKind.MessageSignature: target.MessageSignature = Set(target.MessageSignature); break;
                case EventTextKind.SessionTitle when sessions.TryGetValue(id, out var s): s.Title = Set(s.Title); s.UpdatedAtUtc = now; break;
                case EventTextKind.SessionDescription when sessions.TryGetValue(id, out var s): s.Description = Set(s.Description); s.UpdatedAtUtc = now; break;
                case EventTextKind.RoomName when rooms.TryGetValue(id, out var r): r.Name = Set(r.Name); break;
                case EventTextKind.RoomVenue when rooms.TryGetValue(id, out var r): r.Venue = Set(r.Venue); break;
                case EventTextKind.AgreementTitle when agreements.TryGetValue(id, out var a): a.Title = Set(a.Title); break;
                case EventTextKind.QuestionLabel when questions.TryGetValue(id, out var q): q.Label = Set(q.Label); break;
                case EventTextKind.QuestionAnswers when questions.TryGetValue(id, out var q) && q.Options is not null: q.Options = Set(q.Options); break;
                case EventTextKind.ReminderSubject when rules.TryGetValue(id, out var rule): rule.Subject = Set(rule.Subject); break;
                case EventTextKind.ReminderBody when rules.TryGetValue(id, out var rule): rule.Body = Set(rule.Body); break;
                // A biography serves every event its person speaks at: it keeps its other languages.
                case EventTextKind.PersonBiography when people.TryGetValue(id, out var person): person.Biography = (person.Biography ?? LocalText.Empty).With(language, change.After); break;
                case EventTextKind.PersonTitle when people.TryGetValue(id, out var person): person.TitleTranslations = (person.TitleTranslations ?? LocalText.Empty).With(language, change.After); break;
                default: continue;
            }

            applied++;
        }

        if (applied > 0)
        {
            // The event's own time moves too: pages and feeds that keep a copy key it by this.
            target.UpdatedAtUtc = now;
            activity.Add(Activity.ActivityKind.TranslationsImported, target.Id, EventLanguages.NativeName(language));
            if (preview.Changes.Any(c => c.Text.Kind is EventTextKind.ReminderSubject or EventTextKind.ReminderBody))
            {
                // Messages already planned are rewritten in the language their recipients now get.
                db.AfterCommit.ReplanReminders(target.Id);
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        return applied;
    }
}
