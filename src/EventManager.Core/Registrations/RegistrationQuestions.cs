using System.Globalization;
using EventManager.Core.Common;
using EventManager.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Registrations;

/// <summary>The questions of an event's registration form, as organisers write them.</summary>
public sealed class RegistrationQuestions(EventManagerDbContext db)
{
    public const int LabelMaxLength = 300;
    public const int AnswerMaxLength = 500;
    public const string Yes = "yes";
    public const string No = "no";

    public async Task<IReadOnlyList<RegistrationQuestion>> ListAsync(int eventId, CancellationToken cancellationToken = default) =>
        await db.RegistrationQuestions.AsNoTracking().Where(q => q.EventId == eventId).OrderBy(q => q.Position).ThenBy(q => q.Id).ToListAsync(cancellationToken);

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

        var condition = input.ShowWhenQuestionId is int conditionId
            ? await db.RegistrationQuestions.AsNoTracking().SingleOrDefaultAsync(q => q.Id == conditionId && q.EventId == eventId, cancellationToken)
            : null;
        if (input.ShowWhenQuestionId is not null && (condition is null || condition.Id == id || condition.Kind is not (QuestionKind.YesNo or QuestionKind.Choice)
            || !(condition.Kind == QuestionKind.YesNo ? [Yes, No] : condition.Keys).Contains(input.ShowWhenAnswer ?? "")
            || (question is not null && condition.Position > question.Position)))
        {
            errors.Add(new DomainError("ShowWhenQuestionId", "Ask it only after a yes/no or list question that comes before it, with one of that question's answers."));
        }

        if (errors.Count > 0)
        {
            return DomainResult<RegistrationQuestion>.Failure(errors);
        }

        if (question is null)
        {
            var last = await db.RegistrationQuestions.Where(q => q.EventId == eventId).MaxAsync(q => (int?)q.Position, cancellationToken);
            question = db.RegistrationQuestions.Add(new RegistrationQuestion { EventId = eventId, Label = LocalText.Empty, Position = (last ?? -1) + 1 }).Entity;
        }

        var oldKeys = question.Kind == QuestionKind.Choice ? question.Keys : [];
        var oldLines = question.Kind == QuestionKind.Choice ? question.OptionList : [];
        var legacy = question.Kind == QuestionKind.Choice && question.OptionKeys is null;
        question.Label = label!;
        question.Kind = input.Kind;
        question.Options = input.Kind == QuestionKind.Choice
            ? LocalText.From(lines.Select(l => new KeyValuePair<string, string?>(l.Key, string.Join('\n', l.Value))))
            : null;
        question.OptionKeys = input.Kind == QuestionKind.Choice ? string.Join('\n', KeysFor(offered, oldLines, legacy ? [] : oldKeys)) : null;
        question.Required = input.Required;
        question.ShowWhenQuestionId = condition?.Id;
        question.ShowWhenAnswer = condition is null ? null : input.ShowWhenAnswer;
        if (legacy && question.Id != 0)
        {
            // Answers given before keys hold the old default language's words: they become the keys of those answers.
            var keys = question.Keys;
            foreach (var answer in await db.RegistrationAnswers.Where(a => a.QuestionId == question.Id).ToListAsync(cancellationToken))
            {
                var at = oldLines.ToList().IndexOf(answer.Value);
                var now = at >= 0 ? offered.IndexOf(oldLines[at]) : -1;
                if (now >= 0)
                {
                    answer.Value = keys[now];
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return DomainResult<RegistrationQuestion>.Success(question);
    }

    /// <summary>
    /// Keys for a choice's new answers: an answer whose words are unchanged keeps its key; one whose words changed in
    /// place (a corrected spelling, the same position, the old words gone) keeps that position's key; any other is new.
    /// </summary>
    private static List<string> KeysFor(IReadOnlyList<string> offered, IReadOnlyList<string> oldLines, IReadOnlyList<string> oldKeys)
    {
        var next = oldKeys.Select(k => int.TryParse(k, out var n) ? n : 0).DefaultIfEmpty(0).Max() + 1;
        var keys = new List<string>();
        for (var i = 0; i < offered.Count; i++)
        {
            var same = oldLines.ToList().IndexOf(offered[i]);
            var key = same >= 0 && same < oldKeys.Count ? oldKeys[same]
                : i < oldLines.Count && i < oldKeys.Count && !offered.Contains(oldLines[i]) ? oldKeys[i]
                : null;
            keys.Add(key is not null && !keys.Contains(key) ? key : (next++).ToString(CultureInfo.InvariantCulture));
        }

        return keys;
    }

    /// <summary>Moves a question one place up or down the form.</summary>
    public async Task<bool> MoveAsync(int eventId, int id, bool up, CancellationToken cancellationToken = default)
    {
        var list = await db.RegistrationQuestions.Where(q => q.EventId == eventId).OrderBy(q => q.Position).ThenBy(q => q.Id).ToListAsync(cancellationToken);
        var at = list.FindIndex(q => q.Id == id);
        var other = up ? at - 1 : at + 1;
        if (at < 0 || other < 0 || other >= list.Count)
        {
            return false;
        }

        (list[at], list[other]) = (list[other], list[at]);
        for (var i = 0; i < list.Count; i++)
        {
            list[i].Position = i;
        }

        await db.SaveChangesAsync(cancellationToken);
        return true;
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
                QuestionKind.Choice => q.Keys.Select(k => (k, mine.Where(c => q.KeyOf(c.Value) == k).Sum(c => c.Count))).ToList(),
                _ => [],
            };
            return new QuestionTally(q.Id, each, answered, confirmed - answered);

            int Count(string value) => mine.Where(c => c.Value == value).Sum(c => c.Count);
        }).ToList();
    }

    /// <summary>The question with how many answers removing it would take away; null when the event has no such question.</summary>
    public async Task<(RegistrationQuestion Question, int Answers)?> WithAnswerCountAsync(int eventId, int id, CancellationToken cancellationToken = default)
    {
        var question = await db.RegistrationQuestions.AsNoTracking().SingleOrDefaultAsync(q => q.Id == id && q.EventId == eventId, cancellationToken);
        return question is null ? null : (question, await db.RegistrationAnswers.CountAsync(a => a.QuestionId == id, cancellationToken));
    }

    /// <summary>Removes the question and every answer given to it.</summary>
    public async Task<bool> RemoveAsync(int eventId, int id, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.RegistrationAnswers.Where(a => a.QuestionId == id && db.RegistrationQuestions.Any(q => q.Id == id && q.EventId == eventId)).ExecuteDeleteAsync(cancellationToken);
        // A question asked only after this one's answer is asked always from now on.
        await db.RegistrationQuestions.Where(q => q.EventId == eventId && q.ShowWhenQuestionId == id)
            .ExecuteUpdateAsync(u => u.SetProperty(q => q.ShowWhenQuestionId, (int?)null).SetProperty(q => q.ShowWhenAnswer, (string?)null), cancellationToken);
        var removed = await db.RegistrationQuestions.Where(q => q.Id == id && q.EventId == eventId).ExecuteDeleteAsync(cancellationToken) == 1;
        await transaction.CommitAsync(cancellationToken);
        return removed;
    }

    /// <summary>
    /// Checks a submission's answers against the event's questions; returns the ones to store. A question whose
    /// condition does not hold is not asked: its answer is dropped and it is not required. A file question takes the
    /// upload for it (sealed with <paramref name="files"/>); one already stored (<paramref name="storedFiles"/>) stays.
    /// </summary>
    public static List<RegistrationAnswer> Check(List<DomainError> errors, IReadOnlyList<RegistrationQuestion> questions, IReadOnlyDictionary<int, string?> answers,
        AnswerFiles? files = null, IReadOnlyDictionary<int, UploadedFile>? uploads = null, IReadOnlyCollection<int>? storedFiles = null)
    {
        var kept = new List<RegistrationAnswer>();
        var given = questions.ToDictionary(q => q.Id, q => q.Kind == QuestionKind.Choice ? q.KeyOf(answers.GetValueOrDefault(q.Id)?.Trim()) ?? answers.GetValueOrDefault(q.Id)?.Trim() : answers.GetValueOrDefault(q.Id)?.Trim());
        foreach (var question in questions)
        {
            var field = $"Answers[{question.Id}]";
            if (question.ShowWhenQuestionId is int condition && given.GetValueOrDefault(condition) != question.ShowWhenAnswer)
            {
                continue;
            }

            if (question.Kind == QuestionKind.File)
            {
                CheckFile(errors, kept, question, field, files, uploads?.GetValueOrDefault(question.Id), storedFiles?.Contains(question.Id) == true);
                continue;
            }

            var value = given[question.Id] ?? "";
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
                QuestionKind.Choice => question.Keys.Contains(value),
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

    private static void CheckFile(List<DomainError> errors, List<RegistrationAnswer> kept, RegistrationQuestion question, string field, AnswerFiles? files, UploadedFile? upload, bool stored)
    {
        if (upload is null || upload.Content.Length == 0 || files is null)
        {
            if (question.Required && !stored)
            {
                errors.Add(new DomainError(field, "Please attach: {0}", question.LabelIn(CultureInfo.CurrentUICulture)));
            }

            return;
        }

        var type = AnswerFiles.Sniff(upload.Content);
        if (type is null || upload.Content.Length > AnswerFiles.MaxBytes)
        {
            errors.Add(new DomainError(field, "The file for “{0}” must be a PDF, JPEG or PNG of at most {1} MB.", question.LabelIn(CultureInfo.CurrentUICulture), AnswerFiles.MaxBytes / 1024 / 1024));
            return;
        }

        kept.Add(new RegistrationAnswer { QuestionId = question.Id, Value = AnswerFiles.CleanName(upload.FileName), SealedFile = files.Seal(upload.Content), ContentType = type });
    }
}
