using System.Globalization;
using EventManager.Core.Common;
using EventManager.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Registrations;

public enum QuestionKind
{
    /// <summary>A line of text: "Flight number".</summary>
    Text = 0,

    /// <summary>Yes or no: "Will you attend the gala dinner?"</summary>
    YesNo = 1,

    /// <summary>One of a list: "Hotel: Sheraton / Kempinski / I arrange my own".</summary>
    Choice = 2,
}

/// <summary>A question an event's organisers add to its registration form; answered once per submission.</summary>
public class RegistrationQuestion
{
    public int Id { get; set; }
    public int EventId { get; set; }

    /// <summary>The question in the event's languages (the default first).</summary>
    public required LocalText Label { get; set; }

    public QuestionKind Kind { get; set; }

    /// <summary>
    /// For a choice: the answers offered, one per line, in the event's languages; every language lists the same
    /// answers in the same order. The default language's lines are the stored values.
    /// </summary>
    [Common.MultiLine]
    public LocalText? Options { get; set; }

    public bool Required { get; set; }

    /// <summary>The answers as stored: the default language's lines (what lists, counts and exports show).</summary>
    public IReadOnlyList<string> OptionList => Lines(Options?.Default);

    /// <summary>The question as a reader of this language sees it, by the one fallback rule.</summary>
    public string LabelIn(CultureInfo culture) => Label.In(culture);

    /// <summary>The answers offered: the stored value and the text a reader of this language sees.</summary>
    public IReadOnlyList<(string Value, string Text)> OptionsIn(CultureInfo culture)
    {
        var translated = Lines(Options?.In(culture));
        return OptionList.Select((o, i) => (o, translated.Count == OptionList.Count ? translated[i] : o)).ToList();
    }

    internal static IReadOnlyList<string> Lines(string? text) => (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>A registration's answer to one question, as given (a choice's text, or "yes"/"no").</summary>
public class RegistrationAnswer
{
    public int Id { get; set; }
    public int RegistrationId { get; set; }
    public int QuestionId { get; set; }
    public RegistrationQuestion? Question { get; set; }
    [Common.ErasedBy(typeof(Registrations.RegistrationEraser))]
    public required string Value { get; set; }
}

/// <param name="Options">For a choice: the answers, one per line, in each of the event's languages.</param>
public sealed record QuestionInput(LocalText Label, QuestionKind Kind, LocalText? Options, bool Required);

/// <summary>How the confirmed delegates answered one question: each answer's count (in the order offered), and who did not answer.</summary>
public sealed record QuestionTally(int QuestionId, IReadOnlyList<(string Answer, int Count)> Answers, int Answered, int Unanswered);

/// <summary>The questions of an event's registration form, as organisers write them.</summary>
public sealed class RegistrationQuestions(EventManagerDbContext db)
{
    public const int LabelMaxLength = 300;
    public const int AnswerMaxLength = 500;
    public const string Yes = "yes";
    public const string No = "no";

    public async Task<IReadOnlyList<RegistrationQuestion>> ListAsync(int eventId, CancellationToken cancellationToken = default) =>
        await db.RegistrationQuestions.AsNoTracking().Where(q => q.EventId == eventId).OrderBy(q => q.Id).ToListAsync(cancellationToken);

    public async Task<DomainResult<RegistrationQuestion>> SaveAsync(int eventId, int? id, QuestionInput input, CancellationToken cancellationToken = default)
    {
        var errors = new List<DomainError>();
        var languages = await Events.EventLanguages.OfEventAsync(db, eventId, cancellationToken);
        var label = LocalTextRules.Check(errors, "Label", input.Label, LabelMaxLength, languages, "Write the question.");
        if (!Enum.IsDefined(input.Kind))
        {
            errors.Add(new DomainError("Kind", "Choose a kind of answer from the list."));
        }

        // Each language's answers, one per line; the default language's are the ones stored and counted.
        var options = (input.Options ?? LocalText.Empty).For(languages);
        var lines = options.Entries.ToDictionary(e => e.Key, e => RegistrationQuestion.Lines(e.Value).Distinct().ToList());
        var offered = lines.GetValueOrDefault(languages[0]) ?? [];
        if (input.Kind == QuestionKind.Choice && offered.Count < 2)
        {
            errors.Add(new DomainError("Options", "Give at least two answers to choose from, one per line."));
        }
        else if (input.Kind == QuestionKind.Choice && lines.Values.Any(l => l.Any(o => o.Length > AnswerMaxLength)))
        {
            errors.Add(new DomainError("Options", "Each answer can be at most {0} characters.", AnswerMaxLength));
        }
        else if (input.Kind == QuestionKind.Choice && lines.FirstOrDefault(l => l.Value.Count != offered.Count) is { Key: not null } uneven)
        {
            errors.Add(new DomainError("Options", "Give the {0} answers in {1} in the same order as in {2}, one per line.",
                offered.Count, LocalTextRules.LanguageName(uneven.Key), LocalTextRules.LanguageName(languages[0])));
        }

        var question = id is int existing
            ? await db.RegistrationQuestions.SingleOrDefaultAsync(q => q.Id == existing && q.EventId == eventId, cancellationToken)
            : null;
        if (id is not null && question is null)
        {
            errors.Add(new DomainError("", "This question no longer exists."));
        }

        if (errors.Count > 0)
        {
            return DomainResult<RegistrationQuestion>.Failure(errors);
        }

        question ??= db.RegistrationQuestions.Add(new RegistrationQuestion { EventId = eventId, Label = LocalText.Empty }).Entity;
        question.Label = label!;
        question.Kind = input.Kind;
        question.Options = input.Kind == QuestionKind.Choice
            ? LocalText.From(lines.Select(l => new KeyValuePair<string, string?>(l.Key, string.Join('\n', l.Value))))
            : null;
        question.Required = input.Required;
        await db.SaveChangesAsync(cancellationToken);
        return DomainResult<RegistrationQuestion>.Success(question);
    }

    /// <summary>
    /// The confirmed delegates' answers, counted: "welcome dinner: 52 yes, 10 no, 3 did not say" for the caterer,
    /// rooms per hotel for the hotel. A text question counts only who answered.
    /// </summary>
    public async Task<IReadOnlyList<QuestionTally>> TallyAsync(int eventId, CancellationToken cancellationToken = default)
    {
        var questions = await ListAsync(eventId, cancellationToken);
        var confirmed = await db.Registrations.CountAsync(r => r.EventId == eventId && r.Status == RegistrationStatus.Confirmed, cancellationToken);
        var counts = await db.RegistrationAnswers
            .Where(a => db.Registrations.Any(r => r.Id == a.RegistrationId && r.EventId == eventId && r.Status == RegistrationStatus.Confirmed))
            .GroupBy(a => new { a.QuestionId, a.Value })
            .Select(g => new { g.Key.QuestionId, g.Key.Value, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return questions.Select(q =>
        {
            var mine = counts.Where(c => c.QuestionId == q.Id).ToList();
            var answered = mine.Sum(c => c.Count);
            IReadOnlyList<(string, int)> each = q.Kind switch
            {
                QuestionKind.YesNo => [(Yes, Count(Yes)), (No, Count(No))],
                QuestionKind.Choice => q.OptionList.Select(o => (o, Count(o))).ToList(),
                _ => [],
            };
            return new QuestionTally(q.Id, each, answered, confirmed - answered);

            int Count(string value) => mine.Where(c => c.Value == value).Sum(c => c.Count);
        }).ToList();
    }

    /// <summary>Removes the question and every answer given to it.</summary>
    public async Task<bool> RemoveAsync(int eventId, int id, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.RegistrationAnswers.Where(a => a.QuestionId == id && db.RegistrationQuestions.Any(q => q.Id == id && q.EventId == eventId)).ExecuteDeleteAsync(cancellationToken);
        var removed = await db.RegistrationQuestions.Where(q => q.Id == id && q.EventId == eventId).ExecuteDeleteAsync(cancellationToken) == 1;
        await transaction.CommitAsync(cancellationToken);
        return removed;
    }

    /// <summary>Checks a submission's answers against the event's questions; returns the ones to store.</summary>
    public static List<RegistrationAnswer> Check(List<DomainError> errors, IReadOnlyList<RegistrationQuestion> questions, IReadOnlyDictionary<int, string?> answers)
    {
        var kept = new List<RegistrationAnswer>();
        foreach (var question in questions)
        {
            var field = $"Answers[{question.Id}]";
            var value = answers.GetValueOrDefault(question.Id)?.Trim() ?? "";
            if (value.Length == 0)
            {
                if (question.Required)
                {
                    errors.Add(new DomainError(field, "Please answer: {0}", question.LabelIn(CultureInfo.CurrentUICulture)));
                }

                continue;
            }

            var fits = question.Kind switch
            {
                QuestionKind.YesNo => value is Yes or No,
                QuestionKind.Choice => question.OptionList.Contains(value),
                _ => value.Length <= AnswerMaxLength,
            };
            if (!fits)
            {
                errors.Add(question.Kind == QuestionKind.Text
                    ? new DomainError(field, "An answer can be at most {0} characters.", AnswerMaxLength)
                    : new DomainError(field, "Choose one of the answers offered to: {0}", question.LabelIn(CultureInfo.CurrentUICulture)));
                continue;
            }

            kept.Add(new RegistrationAnswer { QuestionId = question.Id, Value = value });
        }

        return kept;
    }
}
