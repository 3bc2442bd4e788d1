using EventManager.Core.Events;
using EventManager.Web.Configuration;
using EventManager.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Translations;

public sealed record TranslationsPage(Event Event, IReadOnlyList<EventText> Texts, IReadOnlyDictionary<string, IReadOnlyList<EventText>> Missing, TranslationPreview? Preview);

/// <summary>
/// The translators' round trip for one event: what each language lacks, a CSV to fill per language, and the filled
/// file read back as a preview of what changes, saved only when the organiser confirms. The preview's rows travel
/// back with the confirmation, so nothing is kept on the server in between.
/// </summary>
[Authorize(Policy = IdentityConfiguration.EventOrganiserPolicy)]
[Route("/organiser/events/{eventId:int}/translations")]
public sealed class TranslationsController(EventService events, EventTranslations translations, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int eventId, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        return ev is null ? NotFound() : View(await PageAsync(ev, null, cancellationToken));
    }

    [HttpGet("{language}.csv")]
    public async Task<IActionResult> Export(int eventId, string language, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        if (ev is null || !ev.LanguageList.Skip(1).Contains(language))
        {
            return NotFound();
        }

        var texts = await translations.TextsAsync(ev, cancellationToken);
        using var output = new MemoryStream();
        EventTranslations.WriteCsv(output, ev, texts, language, Describe);
        return File(output.ToArray(), "text/csv; charset=utf-8", $"{ev.Slug}-{language}.csv");
    }

    [HttpPost("preview")]
    [RequestSizeLimit(4 * EventTranslations.MaxFileBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = 4 * EventTranslations.MaxFileBytes)]
    public async Task<IActionResult> Preview(int eventId, [FromForm] string? language, IFormFile? file, [FromForm] string? encoding, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        if (ev is null)
        {
            return NotFound();
        }

        if (language is null || !ev.LanguageList.Skip(1).Contains(language))
        {
            ModelState.AddModelError("language", t["Choose the language the file is translated into."]);
        }

        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", t["Choose the filled CSV file."]);
        }
        else if (file.Length > EventTranslations.MaxFileBytes)
        {
            ModelState.AddModelError("file", t["The file is larger than {0} MB.", EventTranslations.MaxFileBytes / 1024 / 1024]);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View("Index", await PageAsync(ev, null, cancellationToken));
        }

        using var content = new MemoryStream();
        await file!.CopyToAsync(content, cancellationToken);
        var decoded = Core.Common.CsvFiles.ToUtf8(content.ToArray(), encoding);
        if (!decoded.Succeeded)
        {
            ModelState.AddDomainErrors(decoded.Errors, t);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View("Index", await PageAsync(ev, null, cancellationToken));
        }

        var texts = await translations.TextsAsync(ev, cancellationToken);
        var preview = EventTranslations.Preview(new MemoryStream(decoded.Value!), texts, language!);
        return View("Index", new TranslationsPage(ev, texts, EventTranslations.Missing(ev, texts), preview));
    }

    [HttpPost("apply")]
    public async Task<IActionResult> Apply(int eventId, [FromForm] string? language, [FromForm] List<string> keys, [FromForm] List<string> values, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        if (ev is null)
        {
            return NotFound();
        }

        if (language is null || !ev.LanguageList.Skip(1).Contains(language) || keys.Count != values.Count)
        {
            return Redirect($"/organiser/events/{eventId}/translations");
        }

        if (!ModelState.IsValid)
        {
            // A control character in what was posted back (FormGuard took it out): nothing is saved half-cleaned.
            TempData["Problem"] = t["A translation held an invisible control character (such as U+0000). Nothing was saved: check the file and import it again."].Value;
            return Redirect($"/organiser/events/{eventId}/translations");
        }

        // Checked again against the texts as they are now: a session removed since the preview is left out.
        var texts = await translations.TextsAsync(ev, cancellationToken);
        var preview = EventTranslations.Preview(keys.Select((key, i) => (i + 1, key, values[i])), texts, language);
        var saved = await translations.ApplyAsync(ev, preview, cancellationToken);
        TempData["Notice"] = t.Plural("{0, plural, one {# translation was saved} other {# translations were saved}}.", saved);
        return Redirect($"/organiser/events/{eventId}/translations");
    }

    private async Task<TranslationsPage> PageAsync(Event ev, TranslationPreview? preview, CancellationToken cancellationToken)
    {
        var texts = await translations.TextsAsync(ev, cancellationToken);
        return new TranslationsPage(ev, texts, EventTranslations.Missing(ev, texts), preview);
    }

    /// <summary>What a text is, for the organiser and the translator: "Session title: Opening plenary".</summary>
    private string Describe(EventText text) => TranslationLabels.Describe(t, text);
}

public static class TranslationLabels
{
    public static string Describe(IStringLocalizer t, EventText text) => text.Kind switch
    {
        EventTextKind.EventName => t["Event name"],
        EventTextKind.EventShortName => t["Short name"],
        EventTextKind.MessageSignature => t["Signature of messages"],
        EventTextKind.EventVenue => t["Venue"],
        EventTextKind.EventCity => t["City"],
        EventTextKind.EventDescription => t["Description"],
        EventTextKind.SessionTitle => t["Session title"],
        EventTextKind.SessionDescription => t["Description of {0}", text.Of],
        EventTextKind.RoomName => t["Room name"],
        EventTextKind.RoomVenue => t["Venue of {0}", text.Of],
        EventTextKind.AgreementTitle => t["Agreement title"],
        EventTextKind.QuestionLabel => t["Question on the registration form"],
        EventTextKind.QuestionAnswers => t["Answers to choose from for {0}, one per line", text.Of],
        EventTextKind.ReminderSubject => t["Subject of the reminder {0}", text.Of],
        EventTextKind.PersonBiography => t["Biography of {0}", text.Of],
        EventTextKind.PersonTitle => t["Title of {0} (Prof., Dr., Academician)", text.Of],
        _ => t["Message of the reminder {0}", text.Of],
    };
}
