using EventManager.Core.Data;
using EventManager.Core.Mail;
using EventManager.Web.Configuration;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Mail;

public sealed record MessagesPage(
    IReadOnlyList<OutgoingMessage> Messages, MessageStatus? Status, IReadOnlyDictionary<MessageStatus, int> Counts, bool UsesSmtp, string? DropFolder,
    IReadOnlyList<Core.Events.Event> Events, int? EventId, string? Search)
{
    /// <summary>A message's times are shown in its event's zone; one about no event, in UTC.</summary>
    public string ZoneOf(OutgoingMessage message) => Events.FirstOrDefault(e => e.Id == message.EventId)?.TimeZoneId ?? "UTC";

    /// <summary>The query string that keeps the event and search when the status changes.</summary>
    public string Query(MessageStatus? status) =>
        "?" + string.Join("&", new[]
        {
            status is null ? null : $"status={status}",
            EventId is null ? null : $"eventId={EventId}",
            string.IsNullOrWhiteSpace(Search) ? null : "q=" + Uri.EscapeDataString(Search),
        }.Where(p => p is not null));
}

/// <summary>What was sent, what waits and what failed; organisers retry failed messages here.</summary>
[Authorize(Policy = IdentityConfiguration.OrganiserPolicy)]
[Route("/organiser/messages")]
public sealed class MessagesController(EventManagerDbContext db, MailSender sender, MailSettings settings, DatabaseSettings database, IStringLocalizer<SharedResource> t) : Controller
{
    /// <param name="q">Part of the recipient's name or email address: "did Wang Wei get his reminder?"</param>
    [HttpGet("")]
    public async Task<IActionResult> Index(MessageStatus? status, int? eventId, string? q, CancellationToken cancellationToken)
    {
        var filtered = db.OutgoingMessages.AsNoTracking();
        if (eventId is { } id)
        {
            filtered = filtered.Where(m => m.EventId == id);
        }

        var search = q?.Trim();
        if (!string.IsNullOrEmpty(search))
        {
            var lower = search.ToLowerInvariant();
            filtered = filtered.Where(m => m.RecipientEmail.ToLower().Contains(lower) || (m.RecipientName != null && m.RecipientName.ToLower().Contains(lower)));
        }

        var shown = status is { } s ? filtered.Where(m => m.Status == s) : filtered;
        var messages = await shown.OrderByDescending(m => m.Id).Take(300).ToListAsync(cancellationToken);
        var counts = await filtered.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var events = await db.Events.AsNoTracking().OrderByDescending(e => e.StartsAtUtc).ToListAsync(cancellationToken);
        return View(new MessagesPage(messages, status, counts, settings.UsesSmtp, settings.UsesSmtp ? null : DropFolderTransport.FolderFor(database), events, eventId, search));
    }

    [HttpPost("{id:long}/retry")]
    public async Task<IActionResult> Retry(long id, CancellationToken cancellationToken)
    {
        var done = await sender.RetryAsync(id, cancellationToken);
        TempData["Notice"] = done ? t["The message will be sent again."].Value : t["Only failed messages can be retried."].Value;
        return Redirect("/organiser/messages");
    }
}
