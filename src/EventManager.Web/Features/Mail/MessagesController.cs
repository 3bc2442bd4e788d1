using EventManager.Core.Data;
using EventManager.Core.Mail;
using EventManager.Web.Configuration;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Mail;

public sealed record MessagesPage(IReadOnlyList<OutgoingMessage> Messages, MessageStatus? Status, IReadOnlyDictionary<MessageStatus, int> Counts, bool UsesSmtp, string? DropFolder);

/// <summary>What was sent, what waits and what failed; organisers retry failed messages here.</summary>
[Authorize(Policy = IdentityConfiguration.OrganiserPolicy)]
[Route("/organiser/messages")]
public sealed class MessagesController(EventManagerDbContext db, MailSender sender, MailKick kick, MailSettings settings, DatabaseSettings database, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(MessageStatus? status, CancellationToken cancellationToken)
    {
        var query = db.OutgoingMessages.AsNoTracking();
        if (status is { } s)
        {
            query = query.Where(m => m.Status == s);
        }

        var messages = await query.OrderByDescending(m => m.Id).Take(300).ToListAsync(cancellationToken);
        var counts = await db.OutgoingMessages.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return View(new MessagesPage(messages, status, counts, settings.UsesSmtp, settings.UsesSmtp ? null : DropFolderTransport.FolderFor(database)));
    }

    [HttpPost("{id:long}/retry")]
    public async Task<IActionResult> Retry(long id, CancellationToken cancellationToken)
    {
        var done = await sender.RetryAsync(id, cancellationToken);
        if (done)
        {
            kick.Kick();
        }

        TempData["Notice"] = done ? t["The message will be sent again."].Value : t["Only failed messages can be retried."].Value;
        return Redirect("/organiser/messages");
    }
}
