using EventManager.Core.Agenda;
using EventManager.Core.Common;
using EventManager.Core.Delegates;
using EventManager.Core.Events;
using EventManager.Core.Meetings;
using EventManager.Core.Registrations;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Data;

/// <summary>The demo dialogue's bilateral meetings: a block, fields of cooperation, interpreters, and requests in every state.</summary>
public sealed partial class DemoData
{
    private static readonly (string En, string Zh, string Kk, string Ru)[] Interests =
    [
        ("Joint degree programmes", "联合学位项目", "Бірлескен білім беру бағдарламалары", "Совместные образовательные программы"),
        ("Student and staff mobility", "师生交流", "Студенттер мен оқытушылар алмасуы", "Академическая мобильность"),
        ("Joint research", "联合研究", "Бірлескен зерттеулер", "Совместные исследования"),
        ("Agriculture and water", "农业与水资源", "Ауыл шаруашылығы және су ресурстары", "Сельское хозяйство и водные ресурсы"),
        ("Digital university", "数字化大学", "Цифрлық университет", "Цифровой университет"),
    ];

    /// <summary>
    /// A block of five 20-minute slots at eight tables (at most four meetings per delegation); every institution with a
    /// confirmed delegate is a delegation (Chinese ones speak Chinese, some English; Kazakh ones Kazakh and Russian, some
    /// English); three interpreters. Requests: most accepted and placed at the time the accepting side chose (so
    /// published), two accepted still waiting for the scheduler, some waiting for an answer, declined and withdrawn.
    /// </summary>
    private async Task AddMeetingsAsync(Event dialogue, Session session, List<Registration> registrations, DateTime now, CancellationToken cancellationToken)
    {
        var block = new MeetingBlock { EventId = dialogue.Id, SessionId = session.Id, SlotMinutes = 20, Tables = 8, MaxPerDelegation = 4 };
        db.MeetingBlocks.Add(block);
        db.MeetingInterests.AddRange(Interests.Select((i, n) => new MeetingInterest { EventId = dialogue.Id, Name = Text(i.En, i.Zh, i.Kk, i.Ru), SortOrder = n }));
        var institutions = registrations.Where(r => r.Status == RegistrationStatus.Confirmed).Select(r => r.Institution!).DistinctBy(i => i.Id).ToList();
        var delegations = institutions.Select((i, n) => new MeetingDelegation
        {
            EventId = dialogue.Id, InstitutionId = i.Id, UpdatedAtUtc = now,
            Languages = i.CountryCode == "CN" ? (n % 3 == 0 ? "zh en" : "zh") : (n % 4 == 0 ? "kk ru en" : "kk ru"),
        }).ToList();
        db.MeetingDelegations.AddRange(delegations);
        foreach (var (latin, native, pairs) in new[] { ("Aigerim Nurlanovna", "Әйгерім Нұрланқызы", "zh-kk zh-ru"), ("Li Na", "李娜", "zh-ru"), ("Daniyar Seitkali", "Данияр Сейітқали", "zh-kk") })
        {
            db.Interpreters.Add(new Interpreter { EventId = dialogue.Id, Person = new Delegate { LatinName = latin, NativeName = native, SpokenLanguages = pairs.Replace('-', ' ') }, Pairs = pairs });
        }

        await db.SaveChangesAsync(cancellationToken);

        var chinese = delegations.Where(d => institutions.First(i => i.Id == d.InstitutionId).CountryCode == "CN").ToList();
        var kazakh = delegations.Where(d => institutions.First(i => i.Id == d.InstitutionId).CountryCode == "KZ").ToList();
        var reasons = new[] { "A joint master's programme in materials science", "Exchange of students and young researchers", "A joint laboratory for water resources", "Cooperation in digital education" };
        var requests = new List<MeetingRequest>();
        for (var k = 0; k < 22; k++)
        {
            // Every Chinese delegation with two or three Kazakh ones, spread so nobody has them all.
            var (cn, kz) = (chinese[k % chinese.Count], kazakh[(k + k / chinese.Count * 4) % kazakh.Count]);
            var (from, to) = k % 2 == 0 ? (cn, kz) : (kz, cn);
            var status = k switch
            {
                < 15 => MeetingRequestStatus.Accepted,
                < 18 => MeetingRequestStatus.Requested,
                < 20 => MeetingRequestStatus.Declined,
                _ => MeetingRequestStatus.Withdrawn,
            };
            requests.Add(new MeetingRequest
            {
                EventId = dialogue.Id, FromId = from.Id, ToId = to.Id, Reason = reasons[k % reasons.Length], Status = status, Priority = k == 3,
                RequestedAtUtc = now.AddHours(-48 + k), AnsweredAtUtc = status == MeetingRequestStatus.Requested ? null : now.AddHours(-24 + k), UpdatedAtUtc = now,
            });
        }

        db.MeetingRequests.AddRange(requests);
        await db.SaveChangesAsync(cancellationToken);

        // The accepting side chose a time for all but the last two accepted, as a delegate does on the hub.
        foreach (var request in requests.Where(r => r.Status == MeetingRequestStatus.Accepted).SkipLast(2))
        {
            if ((await placing.FreeSlotsAsync(dialogue.Id, [request], cancellationToken))[request.Id] is [var first, ..])
            {
                await placing.TakeAsync(request, first.BlockId, first.Slot, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }
        }
    }
}
