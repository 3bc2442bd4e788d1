using EventManager.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Mail;

/// <summary>What the messages page asks for. <see cref="RuleId"/> opens one reminder rule's planned messages one by one.</summary>
public sealed record MessageFilter(MessageStatus? Status = null, int? EventId = null, string? Kind = null, string? Search = null, int? RuleId = null);

/// <summary>A reminder rule's messages still ahead, shown as one line: a daily digest planned for a month is one line, not thirty.</summary>
public sealed record PlannedByRule(int RuleId, string RuleName, int? EventId, int Count, DateTime NextDueUtc, DateTime LastDueUtc);

public sealed record MessageListPage(
    IReadOnlyList<OutgoingMessage> Items, int Total, int Page, int PageSize,
    IReadOnlyList<PlannedByRule> Planned,
    IReadOnlyDictionary<MessageStatus, int> Counts,
    IReadOnlyList<string> Kinds)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// The outbox for organisers, a page at a time: every figure is counted by the database, and messages a reminder rule
/// planned for later are folded into one line per rule unless that rule is opened.
/// </summary>
public sealed class MessageLists(EventManagerDbContext db, TimeProvider time)
{
    public const int PageSize = 50;

    public async Task<MessageListPage> PageAsync(MessageFilter filter, int page, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var filtered = db.OutgoingMessages.AsNoTracking();
        if (filter.EventId is { } eventId)
        {
            filtered = filtered.Where(m => m.EventId == eventId);
        }

        if (!string.IsNullOrWhiteSpace(filter.Kind))
        {
            filtered = filtered.Where(m => m.Kind == filter.Kind);
        }

        var search = filter.Search?.Trim();
        if (!string.IsNullOrEmpty(search))
        {
            var lower = search.ToLowerInvariant();
            filtered = filtered.Where(m => m.RecipientEmail.ToLower().Contains(lower) || (m.RecipientName != null && m.RecipientName.ToLower().Contains(lower)));
        }

        var counts = await filtered.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var shown = filter.Status is { } status ? filtered.Where(m => m.Status == status) : filtered;

        IReadOnlyList<PlannedByRule> planned = [];
        if (filter.RuleId is int ruleId)
        {
            shown = shown.Where(m => m.ReminderRuleId == ruleId);
        }
        else if (filter.Status is null or MessageStatus.Pending)
        {
            var later = shown.Where(m => m.ReminderRuleId != null && m.Status == MessageStatus.Pending && m.DueAtUtc > now);
            // Grouped by rule only (a rule belongs to one event): one key to sort by, read from the covering index.
            var groups = (await later.GroupBy(m => m.ReminderRuleId)
                    .Select(g => new { ReminderRuleId = g.Key, EventId = g.Max(m => m.EventId), Count = g.Count(), Next = g.Min(m => m.DueAtUtc), Last = g.Max(m => m.DueAtUtc) })
                    .ToListAsync(cancellationToken))
                .ToList();
            var ids = groups.Select(g => g.ReminderRuleId!.Value).ToList();
            var names = await db.ReminderRules.Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, cancellationToken);
            planned = groups.Select(g => new PlannedByRule(g.ReminderRuleId!.Value, names.GetValueOrDefault(g.ReminderRuleId!.Value) ?? "?", g.EventId, g.Count, g.Next, g.Last))
                .OrderBy(g => g.NextDueUtc).ToList();
            shown = shown.Where(m => !(m.ReminderRuleId != null && m.Status == MessageStatus.Pending && m.DueAtUtc > now));
        }

        var total = await shown.CountAsync(cancellationToken);
        var last = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, last);
        // Waiting ones soonest first would bury what was sent; newest first, by when they are (or were) due.
        var items = await shown.OrderByDescending(m => m.DueAtUtc).ThenByDescending(m => m.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        var kinds = await db.OutgoingMessages.Select(m => m.Kind).Distinct().OrderBy(k => k).ToListAsync(cancellationToken);
        return new MessageListPage(items, total, page, PageSize, planned, counts, kinds);
    }

    public Task<OutgoingMessage?> FindAsync(long id, CancellationToken cancellationToken = default) =>
        db.OutgoingMessages.AsNoTracking().Include(m => m.Attachments).SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
}
