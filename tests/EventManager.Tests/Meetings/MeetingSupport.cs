using EventManager.Core.Agenda;
using EventManager.Core.Meetings;
using EventManager.Core.Registrations;
using Delegate = EventManager.Core.Delegates.Delegate;

namespace EventManager.Tests;

/// <summary>The people, ids and block of <see cref="MeetingSupport.MeetingDialogueAsync"/>.</summary>
public sealed record MeetingDialogue(int EventId, int Block, Dictionary<string, int> Delegations, Dictionary<string, int> People, int Interpreter, Dictionary<string, int> Institutions, int Ceremony);

/// <summary>A small dialogue with bilateral meetings, as the meeting tests share it.</summary>
public static class MeetingSupport
{
    /// <summary>10:00 on the dialogue's day in Guiyang, when the meeting block starts.</summary>
    public static readonly DateTime Ten = new(2026, 9, 16, 2, 0, 0, DateTimeKind.Utc);


    /// <summary>
    /// Three universities and a fourth whose rector chairs a session through the whole block; the Guizhou rector speaks at
    /// a plenary during the block's first slot; one interpreter for zh–kk and zh–ru.
    /// </summary>
    public static async Task<MeetingDialogue> MeetingDialogueAsync(this AppFactory app, bool withBlock = true)
    {
        var ev = await app.CreateEventAsync("meetings-dialogue");
        var institutions = new Dictionary<string, int>
        {
            ["Guizhou University"] = await app.AddInstitutionAsync("Guizhou University", "贵州大学", "CN"),
            ["Al-Farabi Kazakh National University"] = await app.AddInstitutionAsync("Al-Farabi Kazakh National University", "Әл-Фараби атындағы Қазақ ұлттық университеті", "KZ"),
            ["Astana IT University"] = await app.AddInstitutionAsync("Astana IT University", "Astana IT University", "KZ"),
            ["Tsinghua University"] = await app.AddInstitutionAsync("Tsinghua University", "清华大学", "CN"),
        };
        return await app.WithDbAsync(async db =>
        {
            var people = new Dictionary<string, Delegate>();
            var sequence = 0;
            foreach (var (name, institution, languages) in new[]
            {
                ("Guizhou University", "Guizhou University", "zh"),
                ("Al-Farabi Kazakh National University", "Al-Farabi Kazakh National University", "kk ru"),
                ("Astana IT University", "Astana IT University", "ru en"),
                ("Tsinghua University", "Tsinghua University", "zh en"),
            })
            {
                var person = new Delegate { LatinName = $"Rector of {name}", InstitutionId = institutions[institution], SpokenLanguages = languages, Email = $"rector{++sequence}@{sequence}.example" };
                people[name] = person;
                db.Registrations.Add(new Registration
                {
                    EventId = ev.Id, Delegate = person, Token = RegistrationRules.NewToken(), Status = RegistrationStatus.Confirmed, Sequence = sequence,
                    DelegationKey = Guid.NewGuid(), LatinName = person.LatinName, Email = person.Email!, InstitutionId = institutions[institution], CountryCode = "CN",
                });
            }

            var interpreterPerson = new Delegate { LatinName = "Aigerim Nurlanovna", SpokenLanguages = "zh kk ru" };
            db.Delegates.Add(interpreterPerson);
            var blockSession = new Session { EventId = ev.Id, Uid = Guid.NewGuid(), Title = "Bilateral meetings", Kind = SessionKind.DialogueRound, StartsAtUtc = Ten, EndsAtUtc = Ten.AddHours(1) };
            var plenary = new Session { EventId = ev.Id, Uid = Guid.NewGuid(), Title = "Plenary", Kind = SessionKind.Plenary, StartsAtUtc = Ten.AddMinutes(-30), EndsAtUtc = Ten.AddMinutes(15) };
            var round = new Session { EventId = ev.Id, Uid = Guid.NewGuid(), Title = "Dialogue round", Kind = SessionKind.DialogueRound, StartsAtUtc = Ten, EndsAtUtc = Ten.AddHours(1) };
            var ceremony = new Session { EventId = ev.Id, Uid = Guid.NewGuid(), Title = "Signing ceremony", Kind = SessionKind.SigningCeremony, StartsAtUtc = Ten.AddHours(3), EndsAtUtc = Ten.AddHours(4) };
            db.Sessions.AddRange(blockSession, plenary, round, ceremony);
            db.SessionPeople.Add(new SessionPerson { Session = plenary, Delegate = people["Guizhou University"], Role = SessionRole.Speaker });
            db.SessionPeople.Add(new SessionPerson { Session = round, Delegate = people["Tsinghua University"], Role = SessionRole.Chair });
            var block = new MeetingBlock { EventId = ev.Id, Session = blockSession, SlotMinutes = 20, Tables = 2 };
            if (withBlock)
            {
                db.MeetingBlocks.Add(block);
            }

            var delegations = institutions.ToDictionary(i => i.Key, i => new MeetingDelegation { EventId = ev.Id, InstitutionId = i.Value });
            db.MeetingDelegations.AddRange(delegations.Values);
            var interpreter = new Interpreter { EventId = ev.Id, Person = interpreterPerson, Pairs = "zh-kk zh-ru" };
            db.Interpreters.Add(interpreter);
            await db.SaveChangesAsync();
            return new MeetingDialogue(ev.Id, block.Id, delegations.ToDictionary(d => d.Key, d => d.Value.Id), people.ToDictionary(p => p.Key, p => p.Value.Id), interpreter.Id,
                institutions, ceremony.Id);
        });
    }

    public static Task<int> AcceptedMeetingAsync(this AppFactory app, MeetingDialogue dialogue, string from, string to, int minutesAgo) => app.WithDbAsync(async db =>
    {
        var request = new MeetingRequest
        {
            EventId = dialogue.EventId, FromId = dialogue.Delegations[from], ToId = dialogue.Delegations[to], Status = MeetingRequestStatus.Accepted,
            RequestedAtUtc = Ten.AddDays(-1).AddMinutes(-minutesAgo), Reason = "Joint research in materials science",
        };
        db.MeetingRequests.Add(request);
        await db.SaveChangesAsync();
        return request.Id;
    });

    /// <summary>Runs the organisers' scheduler on the event's accepted requests; fails the test when it could not store its schedule.</summary>
    public static async Task<MeetingRunReport> RunMeetingSchedulerAsync(this AppFactory app, int eventId)
    {
        var run = await app.WithServiceAsync<MeetingScheduling, EventManager.Core.Common.DomainResult<MeetingRunReport>>(s => s.RunAsync(eventId));
        Assert.True(run.Succeeded, string.Join(" ", run.Errors.Select(e => e.Message)));
        return run.Value!;
    }
}
