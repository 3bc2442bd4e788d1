using EventManager.Core.Data;
using EventManager.Core.Mail;
using EventManager.Web.Configuration;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Mail;

public sealed record MessagesPage(MessageListPage List, MessageFilter Filter, bool UsesSmtp, string? DropFolder, IReadOnlyList<Core.Events.Event> Events)
{
    public IReadOnlyList<OutgoingMessage> Messages => List.Items;

    /// <summary>A message's times are shown in its event's zone; one about no event, in UTC.</summary>
    public string ZoneOf(int? eventId) => Events.FirstOrDefault(e => e.Id == eventId)?.TimeZoneId ?? "UTC";

    /// <summary>The list's address with the filter, changed where asked.</summary>
    public string Query(MessageStatus? status, int page = 1, int? rule = null, bool keepRule = false) =>
        "?" + string.Join("&", new[]
        {
            status is null ? null : $"status={status}",
            Filter.EventId is null ? null : $"eventId={Filter.EventId}",
            string.IsNullOrWhiteSpace(Filter.Kind) ? null : "kind=" + Uri.EscapeDataString(Filter.Kind),
            string.IsNullOrWhiteSpace(Filter.Search) ? null : "q=" + Uri.EscapeDataString(Filter.Search),
            (rule ?? (keepRule ? Filter.RuleId : null)) is int r ? $"rule={r}" : null,
            page > 1 ? $"page={page}" : null,
        }.Where(p => p is not null));
}

public sealed record MessagePage(OutgoingMessage Message, Core.Events.Event? Event);

/// <summary>What was sent, what waits and what failed, a page at a time; organisers open a message to read it and retry failed ones.</summary>
[Authorize(Policy = IdentityConfiguration.OrganiserPolicy)]
[Route("/organiser/messages")]
public sealed class MessagesController(EventManagerDbContext db, MessageLists lists, MailSender sender, MailSettings settings, DatabaseSettings database, IStringLocalizer<SharedResource> t) : Controller
{
    /// <param name="q">Part of the recipient's name or email address: "did Wang Wei get his reminder?"</param>
    /// <param name="rule">Shows one reminder rule's planned messages one by one instead of their summary line.</param>
    [HttpGet("")]
    public async Task<IActionResult> Index(MessageStatus? status, int? eventId, string? kind, string? q, int? rule, int page, CancellationToken cancellationToken)
    {
        var filter = new MessageFilter(status, eventId, string.IsNullOrWhiteSpace(kind) ? null : kind, q?.Trim(), rule);
        var list = await lists.PageAsync(filter, page, cancellationToken);
        var events = await db.Events.AsNoTracking().OrderByDescending(e => e.StartsAtUtc).ToListAsync(cancellationToken);
        return View(new MessagesPage(list, filter, settings.UsesSmtp, settings.UsesSmtp ? null : DropFolderTransport.FolderFor(database), events));
    }

    /// <summary>One message exactly as it was (or will be) sent.</summary>
    [HttpGet("{id:long}")]
    public async Task<IActionResult> Show(long id, CancellationToken cancellationToken)
    {
        var message = await lists.FindAsync(id, cancellationToken);
        if (message is null)
        {
            return NotFound();
        }

        var ev = message.EventId is int eventId ? await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == eventId, cancellationToken) : null;
        Response.Headers.CacheControl = "no-store";
        return View(new MessagePage(message, ev));
    }

    [HttpPost("{id:long}/retry")]
    public async Task<IActionResult> Retry(long id, CancellationToken cancellationToken)
    {
        var done = await sender.RetryAsync(id, cancellationToken);
        TempData["Notice"] = done ? t["The message will be sent again."].Value : t["Only failed messages can be retried."].Value;
        return Redirect($"/organiser/messages/{id}");
    }
}
