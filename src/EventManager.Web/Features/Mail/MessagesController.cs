using EventManager.Web.Infrastructure;
using EventManager.Core.Data;
using EventManager.Core.Mail;
using EventManager.Web.Configuration;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Mail;

/// <summary>Messages held by a restore: how many, and when the backup they come from was taken (as the reader reads times).</summary>
public sealed record HeldMessages(int Count, string? BackupTaken);

public sealed record MessagesPage(MessageListPage List, MessageFilter Filter, bool UsesSmtp, string? DropFolder, IReadOnlyList<Core.Events.Event> Events, HeldMessages? Held = null)
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
[Authorize(Policy = IdentityConfiguration.EventOrganiserPolicy)]
[Route("/organiser/messages")]
public sealed class MessagesController(EventManagerDbContext db, MessageLists lists, MailSender sender, MailSettings settings, DatabaseSettings database, Team.TeamAccess access, IStringLocalizer<SharedResource> t) : Controller
{
    /// <param name="q">Part of the recipient's name or email address: "did Wang Wei get his reminder?"</param>
    /// <param name="rule">Shows one reminder rule's planned messages one by one instead of their summary line.</param>
    [HttpGet("")]
    public async Task<IActionResult> Index(MessageStatus? status, int? eventId, string? kind, string? q, int? rule, int page, CancellationToken cancellationToken)
    {
        // Every event's messages at once are the instance's: a member of one event's team reads that event's only.
        if (eventId is null && !User.IsInRole(Core.Data.Roles.Organiser))
        {
            return Forbid();
        }

        var filter = new MessageFilter(status, eventId, string.IsNullOrWhiteSpace(kind) ? null : kind, q?.Trim(), rule);
        var list = await lists.PageAsync(filter, page, cancellationToken);
        var visible = await access.EventsWhereAsync(User, r => r.Reads, cancellationToken);
        var events = (await db.Events.AsNoTracking().OrderByDescending(e => e.StartsAtUtc).ToListAsync(cancellationToken)).Where(e => visible is null || visible.Contains(e.Id)).ToList();
        var held = visible is null ? await db.OutgoingMessages.CountAsync(m => m.Status == MessageStatus.Held, cancellationToken) : 0;
        HeldMessages? heldMessages = null;
        if (held > 0)
        {
            var restored = await db.Activity.AsNoTracking().Where(a => a.Kind == Core.Activity.ActivityKind.RestoredFromBackup).OrderByDescending(a => a.Id).Select(a => a.Subject).FirstOrDefaultAsync(cancellationToken);
            var taken = restored is not null && DateTime.TryParse(restored.Split('|')[0], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
                ? $"{at:yyyy-MM-dd HH:mm} UTC" : null;
            heldMessages = new HeldMessages(held, taken);
        }

        return View(new MessagesPage(list, filter, settings.UsesSmtp, settings.UsesSmtp ? null : DropFolderTransport.FolderFor(database), events, heldMessages));
    }

    /// <summary>The one decision about messages held by a restore: send them all now, or drop them all.</summary>
    [HttpPost("held/{decision:regex(^(send|drop)$)}")]
    [Authorize(Policy = IdentityConfiguration.OrganiserPolicy)]
    public async Task<IActionResult> Held(string decision, [FromServices] Core.Activity.ActivityLog activity, [FromServices] TimeProvider time, CancellationToken cancellationToken)
    {
        if (decision == "drop" && !Request.Confirmed())
        {
            var waiting = await db.OutgoingMessages.CountAsync(m => m.Status == MessageStatus.Held, cancellationToken);
            return this.Confirm(new Confirmation(
                t.Plural("Drop {0, plural, one {# held message} other {# held messages}}?", waiting),
                [t["They are never sent; their recipients do not get them, even if the backup's copy did not go out."].Value],
                t["Drop them"],
                "/organiser/messages"));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var held = db.OutgoingMessages.Where(m => m.Status == MessageStatus.Held);
        var count = decision == "send"
            ? await held.ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, MessageStatus.Pending).SetProperty(m => m.NextAttemptAtUtc, (DateTime?)null)
                .SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntilUtc, (DateTime?)null), cancellationToken)
            : await held.ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, MessageStatus.Skipped).SetProperty(m => m.LastError, NotSent.DroppedAfterRestore)
                .SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntilUtc, (DateTime?)null), cancellationToken);
        activity.Add(decision == "send" ? Core.Activity.ActivityKind.HeldMessagesSent : Core.Activity.ActivityKind.HeldMessagesDropped, null, count);
        if (decision == "send")
        {
            db.AfterCommit.WakeMail();
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        TempData["Notice"] = (decision == "send"
            ? t.Plural("{0, plural, one {# held message is} other {# held messages are}} being sent.", count)
            : t.Plural("{0, plural, one {# held message was} other {# held messages were}} dropped.", count)).ToString();
        return Redirect("/organiser/messages");
    }

    /// <summary>One message exactly as it was (or will be) sent.</summary>
    [HttpGet("{messageId:long}")]
    public async Task<IActionResult> Show(long messageId, CancellationToken cancellationToken)
    {
        var message = await lists.FindAsync(messageId, cancellationToken);
        if (message is null)
        {
            return NotFound();
        }

        var ev = message.EventId is int eventId ? await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == eventId, cancellationToken) : null;
        Response.Headers.CacheControl = "no-store";
        return View(new MessagePage(message, ev));
    }

    [HttpPost("{messageId:long}/retry")]
    public async Task<IActionResult> Retry(long messageId, CancellationToken cancellationToken)
    {
        var done = await sender.RetryAsync(messageId, cancellationToken);
        TempData["Notice"] = done ? t["The message will be sent again."].Value : t["Only failed messages can be retried."].Value;
        return Redirect($"/organiser/messages/{messageId}");
    }
}
