using EventManager.Core.Events;
using EventManager.Core.Registrations;
using EventManager.Web.Configuration;
using EventManager.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Registrations.Questions;

public sealed class QuestionForm
{
    /// <summary>The question in each of the event's languages, by code.</summary>
    public Dictionary<string, string?> Label { get; set; } = [];

    public QuestionKind Kind { get; set; } = QuestionKind.YesNo;

    /// <summary>A choice's answers in each of the event's languages, one per line, in the same order.</summary>
    public Dictionary<string, string?> Options { get; set; } = [];

    public bool Required { get; set; }

    /// <summary>"12:yes": ask it only when question 12 has the answer "yes"; empty: always.</summary>
    public string? ShowWhen { get; set; }

    public QuestionInput ToInput()
    {
        var parts = (ShowWhen ?? "").Split(':', 2);
        var condition = parts.Length == 2 && int.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : (int?)null;
        return new(LocalTextForms.ToText(Label), Kind, LocalTextForms.ToText(Options), Required, condition, condition is null ? null : parts[1]);
    }

    public static QuestionForm From(RegistrationQuestion q, IReadOnlyList<string> languages) => new()
    {
        Label = LocalTextForms.ToForm(q.Label, languages), Kind = q.Kind, Options = LocalTextForms.ToForm(q.Options, languages), Required = q.Required,
        ShowWhen = q.ShowWhenQuestionId is int c ? $"{c}:{q.ShowWhenAnswer}" : null,
    };
}

public sealed record QuestionsPage(Event Event, IReadOnlyList<RegistrationQuestion> Questions, QuestionForm Form, int? EditingId, IReadOnlyList<QuestionTally> Tallies);

/// <summary>The event's own questions on its registration form: "Will you attend the gala dinner?"</summary>
[Authorize(Policy = IdentityConfiguration.EventOrganiserPolicy)]
[Route("/organiser/events/{eventId:int}/questions")]
public sealed class QuestionsController(EventService events, RegistrationQuestions questions, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int eventId, int? edit, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        if (ev is null)
        {
            return NotFound();
        }

        var list = await questions.ListAsync(eventId, cancellationToken);
        var editing = list.FirstOrDefault(q => q.Id == edit);
        return View(new QuestionsPage(ev, list, editing is null ? new QuestionForm() : QuestionForm.From(editing, ev.LanguageList), editing?.Id, await questions.TallyAsync(eventId, cancellationToken)));
    }

    [HttpPost("")]
    public async Task<IActionResult> Save(int eventId, [FromForm] int? questionId, [FromForm] QuestionForm form, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        if (ev is null)
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var result = await questions.SaveAsync(eventId, questionId, form.ToInput(), cancellationToken);
            if (result.Succeeded)
            {
                TempData["Notice"] = t["The question was saved; the registration form asks it now."].Value;
                return Redirect($"/organiser/events/{eventId}/questions");
            }

            ModelState.AddDomainErrors(result.Errors, t);
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View("Index", new QuestionsPage(ev, await questions.ListAsync(eventId, cancellationToken), form, questionId, await questions.TallyAsync(eventId, cancellationToken)));
    }

    [HttpPost("{questionId:int}/move")]
    public async Task<IActionResult> Move(int eventId, int questionId, [FromForm] bool up, CancellationToken cancellationToken)
    {
        await questions.MoveAsync(eventId, questionId, up, cancellationToken);
        return Redirect($"/organiser/events/{eventId}/questions#question-{questionId}");
    }

    [HttpPost("{questionId:int}/remove")]
    public async Task<IActionResult> Remove(int eventId, int questionId, CancellationToken cancellationToken)
    {
        if (!Request.Confirmed() && await questions.WithAnswerCountAsync(eventId, questionId, cancellationToken) is (var question, var answers))
        {
            return this.Confirm(new Confirmation(
                t["Remove the question “{0}”?", question.Label],
                [
                    t.Plural("{0, plural, =0 {Nobody has answered it yet.} one {The # answer given to it is removed with it.} other {The # answers given to it are removed with it.}}", answers),
                    t["The form no longer asks it; a question shown only after its answer is asked always."].Value,
                ],
                t["Remove the question"],
                $"/organiser/events/{eventId}/questions"));
        }

        if (await questions.RemoveAsync(eventId, questionId, cancellationToken))
        {
            TempData["Notice"] = t["The question and its answers were removed."].Value;
        }

        return Redirect($"/organiser/events/{eventId}/questions");
    }
}
