using EventManager.Core.Common;
using EventManager.Core.Events;

namespace EventManager.Core.Reminders;

/// <summary>
/// The rules every new event starts with, written in each of the event's languages from the app's own resources, so a
/// Kazakh delegate of a four-language event reads the day-before reminder in Kazakh though no organiser wrote a word.
/// Their names are stored in English and are the resource keys: a screen shows a built-in rule's name in its own
/// language, and a name an organiser changed as written. The digest to organisers starts switched off.
/// </summary>
public static class DefaultReminders
{
    /// <summary>The names of the built-in rules, as stored; each is also a key of the app's resources.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        BuiltIn("The day before"),
        BuiltIn("Daily digest of new registrations, at 18:00"),
        BuiltIn("Briefing two hours before each signing ceremony, to each signatory"),
        BuiltIn("An hour before each session, to its speakers and chair"),
    ];

    public static IReadOnlyList<ReminderRule> For(Event ev, IMessageWording wording)
    {
        var languages = ev.LanguageList;

        // Paragraphs, each its own resource (a key holds no line break), joined by a blank line in every language the
        // wording has words for; a language it lacks is left unwritten (its readers get the default), never filled with
        // English. The default language is always written.
        string In(string language, string[] paragraphs) => string.Join("\n\n", paragraphs.Select(p =>
            p == DigestContent.Placeholder || p == RunningOrder ? p : wording.Say(ReminderTemplates.CultureOf(language), p)));
        LocalText Written(params string[] paragraphs)
        {
            var english = string.Join("\n\n", paragraphs);
            return LocalText.From(languages
                .Select(l => (Language: l, Text: In(l, paragraphs)))
                .Where(w => w.Language == languages[0] || w.Language == "en" || w.Text != english)
                .Select(w => (w.Language, (string?)w.Text)).ToArray());
        }

        return
        [
            new ReminderRule
            {
                EventId = ev.Id, Name = Names[0], Anchor = ReminderAnchor.EventStart, OffsetMinutes = -24 * 60, Audience = ReminderAudience.ConfirmedDelegates,
                Subject = Written(Template("{event} starts tomorrow")),
                Body = Written(Template("Dear {name},"), Template("{event} starts at {start}."), Template("Your registration and agenda: {link}")),
            },
            new ReminderRule
            {
                EventId = ev.Id, Name = Names[1], Anchor = ReminderAnchor.DailyAt, OffsetMinutes = 18 * 60, Audience = ReminderAudience.Organisers,
                // Off until an organiser wants it: otherwise every organiser is planned a message for every day until the event.
                Enabled = false,
                Subject = Written(Template("New registrations for {event}")),
                Body = Written(Template("Dear {name},"), Template("Registrations for {event} in the 24 hours before {start}:"), DigestContent.Placeholder, Template("All registrations: {link}")),
            },
            new ReminderRule
            {
                EventId = ev.Id, Name = Names[2], Anchor = ReminderAnchor.SigningCeremonyStart, OffsetMinutes = -120, Audience = ReminderAudience.CeremonySignatories,
                Subject = Written(Template("Signing ceremony briefing: {session}")),
                Body = Written(Template("Dear {name},"), Template("{session} starts at {start} in {room}. You sign, in this order:"), RunningOrder,
                    Template("Please take your seat ten minutes before the start."), Template("Your agenda: {link}")),
            },
            new ReminderRule
            {
                EventId = ev.Id, Name = Names[3], Anchor = ReminderAnchor.SessionStart, OffsetMinutes = -60, Audience = ReminderAudience.SessionSpeakersAndChair,
                Subject = Written(Template("In one hour: {session}")),
                Body = Written(Template("Dear {name},"), Template("{session} starts at {start} in {room}. You are on its programme."), Template("Your agenda: {link}")),
            },
        ];
    }

    private const string RunningOrder = "{running_order}";

    /// <summary>Marks the English text of a built-in rule's name (scripts/localization-keys.py collects them).</summary>
    private static string BuiltIn(string english) => english;

    /// <summary>Marks a paragraph of a built-in rule's text, looked up in the reader's language when the rule is made.</summary>
    private static string Template(string english) => english;
}
