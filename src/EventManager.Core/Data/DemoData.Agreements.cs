using CsvHelper;
using EventManager.Core.Agenda;
using EventManager.Core.Ceremonies;
using EventManager.Core.Common;
using EventManager.Core.Events;
using EventManager.Core.Institutions;
using EventManager.Core.Registrations;
using EventManager.Core.Reminders;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Data;

/// <summary>The demo's group signing ceremony: its agreements, planned by institution.</summary>
public sealed partial class DemoData
{
    private static readonly (AgreementKind Kind, string English, string Chinese, string Kazakh, string Russian)[] AgreementTitles =
    [
        (AgreementKind.MemorandumOfUnderstanding, "Memorandum of understanding on academic cooperation", "学术合作谅解备忘录", "Академиялық ынтымақтастық туралы өзара түсіністік меморандумы", "Меморандум о взаимопонимании в области академического сотрудничества"),
        (AgreementKind.StudentExchange, "Student exchange agreement", "学生交流协议", "Студенттер алмасу туралы келісім", "Соглашение о студенческом обмене"),
        (AgreementKind.MemorandumOfUnderstanding, "Memorandum of understanding on cooperation", "合作谅解备忘录", "Ынтымақтастық туралы өзара түсіністік меморандумы", "Меморандум о взаимопонимании и сотрудничестве"),
        (AgreementKind.JointResearch, "Agreement on a joint research centre", "共建联合研究中心协议", "Бірлескен ғылыми орталық туралы келісім", "Соглашение о совместном научно-исследовательском центре"),
        (AgreementKind.JointProgramme, "Agreement on a joint degree programme", "联合学位项目协议", "Бірлескен дәрежелік бағдарлама туралы келісім", "Соглашение о совместной образовательной программе"),
        (AgreementKind.MemorandumOfUnderstanding, "Memorandum of understanding on staff mobility", "教师交流谅解备忘录", "Оқытушылар алмасу туралы өзара түсіністік меморандумы", "Меморандум о взаимопонимании по академической мобильности преподавателей"),
    ];

    /// <summary>
    /// The ceremony's 24 agreements: four rounds of six tables, each between a Chinese and a Kazakh
    /// university, signed by the first confirmed delegate of each; nobody sits at two tables in a round. The last one
    /// still waits for its Kazakh signatory (planned by institution: a draft the ceremony page flags).
    /// </summary>
    private void AddAgreements(Session ceremony, List<Registration> registrations, DateTime now)
    {
        var signatories = registrations.Where(r => r.Status == RegistrationStatus.Confirmed)
            .GroupBy(r => r.Institution!).ToDictionary(g => g.Key, g => g.First());
        var chinese = signatories.Keys.Where(i => i.CountryCode == "CN").Take(10).ToList();
        var kazakh = signatories.Keys.Where(i => i.CountryCode == "KZ").Take(9).ToList();
        for (var k = 0; k < 24; k++)
        {
            var cn = chinese[k % chinese.Count];
            var kz = kazakh[k * 7 % kazakh.Count];
            var (kind, english, chineseTitle, kazakhTitle, russianTitle) = AgreementTitles[k % AgreementTitles.Length];
            db.Agreements.Add(new Agreement
            {
                Session = ceremony,
                Title = Text(english, chineseTitle, kazakhTitle, russianTitle),
                Kind = kind,
                Position = k + 1,
                Round = k / 6 + 1,
                Table = k % 6 + 1,
                // Planned by institution: the last agreement's Kazakh signatory is not chosen yet, so it is a draft, flagged.
                Status = k == 23 ? AgreementStatus.Draft : AgreementStatus.Ready,
                CreatedAtUtc = now,
                UpdatedAtUtc = now,
                Parties =
                [
                    new AgreementParty { Order = 1, Institution = cn, Signatory = signatories[cn], SignatoryPerson = signatories[cn].Delegate, LocalTitle = chineseTitle },
                    k == 23
                        ? new AgreementParty { Order = 2, Institution = kz, LocalTitle = kazakhTitle }
                        : new AgreementParty { Order = 2, Institution = kz, Signatory = signatories[kz], SignatoryPerson = signatories[kz].Delegate, LocalTitle = kazakhTitle },
                ],
            });
        }
    }
}
