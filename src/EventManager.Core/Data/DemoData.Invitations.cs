using EventManager.Core.Common;
using EventManager.Core.Delegates;
using EventManager.Core.Events;
using EventManager.Core.Institutions;
using EventManager.Core.Invitations;
using EventManager.Core.Registrations;
using EventManager.Core.Reminders;

namespace EventManager.Core.Data;

/// <summary>The demo dialogue's invitations, one in every state, and a reminder for those who have not answered.</summary>
public sealed partial class DemoData
{
    private void AddInvitations(Event dialogue, IReadOnlyList<Institution> institutions, IReadOnlyList<Registration> registrations, DateTime now)
    {
        Institution Named(string english) => institutions.Single(i => i.EnglishName == english);
        Invitation Invite(Delegate person, InvitationStatus status, InvitationKind kind = InvitationKind.Personal, int daysAgo = 10) => new()
        {
            Event = dialogue,
            Person = person,
            Kind = kind,
            Status = status,
            Token = RegistrationRules.NewToken(),
            CreatedAtUtc = now.AddDays(-daysAgo),
            LastSentAtUtc = now.AddDays(-daysAgo),
            TimesSent = 1,
            AnsweredAtUtc = status == InvitationStatus.Sent ? null : now.AddDays(-daysAgo / 2),
        };

        // The first three Kazakh rectors registered through their invitations.
        var invitations = registrations.Where(r => r.Institution!.CountryCode == "KZ" && r.Position == "Rector").Take(3)
            .Select(r => WithRegistration(Invite(r.Delegate!, InvitationStatus.Registered), r)).ToList();

        // Not answered yet, sent twice.
        var karaganda = Person("Yerbol Nurpeisov", "Ербол Нұрпейісов", "Rector", Named("Karaganda Buketov University"), "kk-KZ", "Asia/Almaty");
        karaganda.Title = "Prof.";
        var open = Invite(karaganda, InvitationStatus.Sent, daysAgo: 14);
        open.TimesSent = 2;
        open.LastSentAtUtc = now.AddDays(-3);
        invitations.Add(open);

        // An institution's contact who will register its delegation.
        var shymkent = Person("Aliya Sadykova", "Әлия Садықова", "Head of the International Office", Named("M. Auezov South Kazakhstan University"), "ru-RU", "Asia/Almaty");
        invitations.Add(Invite(shymkent, InvitationStatus.Sent, InvitationKind.Delegation, daysAgo: 5));

        // Declined, with a reason.
        var agrarian = Person("Bolat Zhumagulov", "Болат Жұмағұлов", "Rector", Named("Kazakh National Agrarian Research University"), "kk-KZ", "Asia/Almaty");
        agrarian.Title = "Prof.";
        var declined = Invite(agrarian, InvitationStatus.Declined);
        declined.DeclineReason = "Our academic council meets that week; the vice-rector for research will come in my place if there is room.";
        invitations.Add(declined);

        // Withdrawn by the organisers (sent to the wrong vice-president).
        invitations.Add(Invite(Person("Chen Gang", "陈刚", "Vice-President", Named("Beijing Foreign Studies University"), "zh-CN", "Asia/Shanghai"), InvitationStatus.Withdrawn));

        // Never answered, and its answer-by date has passed.
        var xinjiang = Person("Sun Li", "孙丽", "President", Named("Xinjiang University"), "zh-CN", "Asia/Shanghai");
        xinjiang.Title = "Prof.";
        var expired = Invite(xinjiang, InvitationStatus.Sent, daysAgo: 20);
        expired.ExpiresAtUtc = now.AddDays(-1);
        invitations.Add(expired);

        foreach (var person in invitations.Select(i => i.Person!).Where(p => p.CreatedAtUtc is null))
        {
            person.CreatedAtUtc = now;
            person.SearchText = person.ComputeSearchText();
        }

        db.Invitations.AddRange(invitations);
    }

    private static Invitation WithRegistration(Invitation invitation, Registration registration)
    {
        invitation.Registration = registration;
        return invitation;
    }

    /// <summary>Two weeks before the dialogue, a word to everyone invited who has not answered, with their own link.</summary>
    private static ReminderRule InvitedReminder(int eventId) => new()
    {
        EventId = eventId,
        Name = "Two weeks before, to the invited who have not answered",
        Anchor = ReminderAnchor.EventStart,
        OffsetMinutes = -14 * 24 * 60,
        Audience = ReminderAudience.InvitedNoAnswer,
        Subject = LocalText.From(("en", "Will you join us at {event}?"), ("zh", "诚邀您出席{event}"), ("kk", "{event}: сізді күтеміз"), ("ru", "Ждём вас на {event}")),
        Body = LocalText.From(
            ("en", "Dear {name},\n\n{event} starts at {start}. We have not heard from you yet: please register or decline with your personal link:\n{link}"),
            ("zh", "尊敬的{name}：\n\n{event}将于{start}开幕。我们尚未收到您的答复，请通过您的个人链接报名或谢绝：\n{link}"),
            ("kk", "Құрметті {name}!\n\n{event} {start} басталады. Сізден әлі жауап алмадық: жеке сілтемеңіз арқылы тіркеліңіз немесе бас тартыңыз:\n{link}"),
            ("ru", "Уважаемый(-ая) {name}!\n\n{event} начинается {start}. Мы ещё не получили вашего ответа: зарегистрируйтесь или откажитесь по личной ссылке:\n{link}")),
    };
}
