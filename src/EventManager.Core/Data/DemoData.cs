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

/// <summary>
/// The demo a first run shows: a cooperation week in Guizhou with a rectors' dialogue inside it,
/// Chinese and Kazakh universities and a few dozen delegates. Only written into an empty database.
/// </summary>
public sealed partial class DemoData(EventManagerDbContext db, Meetings.MeetingPlacing placing, TimeProvider time)
{
    public const string WeekSlug = "china-kazakhstan-education-week";
    public const string DialogueSlug = "china-kazakhstan-rectors-dialogue";
    private const string Zone = "Asia/Shanghai";

    public async Task<bool> SeedAsync(CancellationToken cancellationToken = default)
    {
        if (await db.Events.AnyAsync(cancellationToken) || await db.Institutions.AnyAsync(cancellationToken))
        {
            return false;
        }

        var institutions = ReadInstitutions();
        db.Institutions.AddRange(institutions);

        var zone = EventTime.FindZone(Zone);
        var today = EventTime.ToLocal(time.GetUtcNow().UtcDateTime, zone).Date;
        var monday = today.AddDays(28);
        while (monday.DayOfWeek != DayOfWeek.Monday)
        {
            monday = monday.AddDays(1);
        }

        DateTime Utc(DateTime local) => TimeZoneInfo.ConvertTimeToUtc(local, zone);
        var now = time.GetUtcNow().UtcDateTime;
        var week = new Event
        {
            Name = Text("China–Kazakhstan Education Cooperation Week", "中国—哈萨克斯坦教育合作周", "Қытай–Қазақстан білім беру саласындағы ынтымақтастық апталығы", "Неделя китайско-казахстанского сотрудничества в сфере образования"),
            Languages = AllLanguages,
            Slug = WeekSlug,
            Kind = EventKind.Conference,
            TimeZoneId = Zone,
            StartsAtUtc = Utc(monday.AddHours(9)),
            EndsAtUtc = Utc(monday.AddDays(4).AddHours(18)),
            Venue = CenterName,
            City = Guiyang,
            Description = Text(
                "A week of forums, exhibitions and university meetings between China and Kazakhstan, held in Guizhou.",
                "在贵州举办的中哈两国论坛、展览和大学会晤交流周。",
                "Гуйчжоуда өтетін Қытай мен Қазақстан арасындағы форумдар, көрмелер және университеттер кездесулері апталығы.",
                "Неделя форумов, выставок и встреч университетов Китая и Казахстана в провинции Гуйчжоу."),
            CreatedAtUtc = now,
            UpdatedAtUtc = now,
        };
        var dialogue = new Event
        {
            Name = Text(
                "First China–Kazakhstan University Rectors' Cooperation Dialogue",
                "首届中国—哈萨克斯坦大学校长合作对话",
                "Қытай–Қазақстан университеттері ректорларының ынтымақтастық жөніндегі бірінші диалогы",
                "Первый китайско-казахстанский диалог ректоров университетов о сотрудничестве"),
            ShortName = Text("China–Kazakhstan Rectors' Dialogue", "中哈大学校长对话", "Қытай–Қазақстан ректорлар диалогы", "Диалог ректоров Китая и Казахстана"),
            MessageSignature = Text(
                "Organising Committee of the Rectors' Dialogue\ndialogue@example.org",
                "大学校长合作对话组委会\ndialogue@example.org",
                "Ректорлар диалогының ұйымдастыру комитеті\ndialogue@example.org",
                "Организационный комитет диалога ректоров\ndialogue@example.org"),
            Languages = AllLanguages,
            Slug = DialogueSlug,
            Kind = EventKind.Dialogue,
            ParentEvent = week,
            TimeZoneId = Zone,
            StartsAtUtc = Utc(monday.AddDays(1).AddHours(9)),
            EndsAtUtc = Utc(monday.AddDays(2).AddHours(17).AddMinutes(30)),
            Venue = CenterName,
            City = Guiyang,
            Description = Text(
                "Rectors and vice-rectors of Chinese and Kazakh universities meet in plenaries and dialogue rounds and sign cooperation agreements at a group signing ceremony.",
                "中哈两国大学校长和副校长出席全体会议和分组对话，并在集体签约仪式上签署合作协议。",
                "Қытай және Қазақстан университеттерінің ректорлары мен проректорлары пленарлық отырыстар мен диалог раундтарында кездесіп, топтық қол қою рәсімінде ынтымақтастық келісімдеріне қол қояды.",
                "Ректоры и проректоры университетов Китая и Казахстана встречаются на пленарных заседаниях и в раундах диалога и подписывают соглашения о сотрудничестве на групповой церемонии подписания."),
            CreatedAtUtc = now,
            UpdatedAtUtc = now,
        };
        var forum = new Event
        {
            Name = Text("Vocational Education Forum", "职业教育论坛", "Кәсіптік білім беру форумы", "Форум профессионального образования"),
            Languages = AllLanguages,
            Slug = "vocational-education-forum",
            Kind = EventKind.Forum,
            ParentEvent = week,
            TimeZoneId = Zone,
            StartsAtUtc = Utc(monday.AddDays(3).AddHours(9)),
            EndsAtUtc = Utc(monday.AddDays(3).AddHours(17)),
            Venue = CenterName,
            City = Guiyang,
            CreatedAtUtc = now,
            UpdatedAtUtc = now,
        };
        db.Events.AddRange(week, dialogue, forum);
        var delegates = Delegates(institutions).ToList();
        db.Delegates.AddRange(delegates);

        // The week takes anyone; the dialogue has 90 places and organisers approve each delegate.
        db.RegistrationPolicies.Add(new RegistrationPolicy { Event = week, Enabled = true });
        db.RegistrationPolicies.Add(new RegistrationPolicy { Event = forum, Enabled = false });
        var registrations = delegates.Select((d, i) => new Registration
        {
            Event = dialogue,
            Delegate = d,
            Token = RegistrationRules.NewToken(),
            // The last four Kazakh delegates are still waiting for an organiser's approval.
            Status = i >= delegates.Count - 4 ? RegistrationStatus.Pending : RegistrationStatus.Confirmed,
            Category = d.Position is "Rector" or "President" ? RegistrationCategory.Speaker : RegistrationCategory.Delegate,
            Sequence = i + 1,
            DelegationKey = Guid.NewGuid(),
            LatinName = d.LatinName,
            NativeName = d.NativeName,
            Position = d.Position,
            Email = d.Email!,
            Institution = d.Institution,
            CountryCode = d.Institution!.CountryCode,
            PreferredLanguage = d.PreferredLanguage,
            TimeZoneId = d.TimeZoneId,
            ArrivalDate = DateOnly.FromDateTime(monday),
            DepartureDate = DateOnly.FromDateTime(monday.AddDays(3)),
            NeedsVisaLetter = d.Institution.CountryCode == "KZ",
            CreatedAtUtc = now,
            UpdatedAtUtc = now,
            DecidedAtUtc = now,
        }).ToList();
        db.Registrations.AddRange(registrations);
        AddInvitations(dialogue, institutions, registrations, now);
        var meetingSession = AddAgenda(week, dialogue, registrations, monday, Utc);
        db.VisaLetterSettings.Add(new VisaLetterSettings
        {
            Event = dialogue,
            Letterhead = Text(
                "Guizhou University · International Cooperation Office\nHuaxi District, Guiyang, Guizhou 550025, China\n+86 851 8829 0000 · dialogue@example.org",
                "贵州大学国际合作与交流处\n中国贵州省贵阳市花溪区 550025\n+86 851 8829 0000 · dialogue@example.org",
                "Гуйчжоу университеті · Халықаралық ынтымақтастық бөлімі\nҚытай, Гуйчжоу, Гуйян, Хуаси ауданы, 550025\n+86 851 8829 0000 · dialogue@example.org",
                "Гуйчжоуский университет · Отдел международного сотрудничества\nКитай, Гуйчжоу, Гуйян, район Хуаси, 550025\n+86 851 8829 0000 · dialogue@example.org"),
            SignatoryName = "Wang Wei",
            SignatoryTitle = Text("Director, International Cooperation Office", "国际合作与交流处处长", "Халықаралық ынтымақтастық бөлімінің директоры", "Директор отдела международного сотрудничества"),
            UpdatedAtUtc = now,
        });
        db.RegistrationPolicies.Add(new RegistrationPolicy
        {
            Event = dialogue,
            Enabled = true,
            Capacity = 90,
            RequiresApproval = true,
            ConfirmedCount = registrations.Count(r => r.Status == RegistrationStatus.Confirmed),
            Version = registrations.Count,
        });

        await db.SaveChangesAsync(cancellationToken);

        // The dialogue's reminders: the default rules, the day-before reminder and the signatories' briefing also
        // written in Chinese, Kazakh and Russian for the delegates who chose those languages.
        var rules = DefaultReminders.For(dialogue, new EnglishWording()).ToList();
        rules[0].Subject = LocalText.From(("en", rules[0].Subject.Default), ("zh", "{event}明天开幕"), ("kk", "{event} ертең басталады"), ("ru", "{event} начинается завтра"));
        rules[0].Body = LocalText.From(
            ("en", rules[0].Body.Default),
            ("zh", "尊敬的{name}：\n\n{event}将于{start}开幕。\n\n您的报名信息与日程：{link}"),
            ("kk", "Құрметті {name}!\n\nБасталуы: {start}.\n\nТіркеуіңіз бен бағдарлама: {link}"),
            ("ru", "Уважаемый(-ая) {name}!\n\nНачало: {start}.\n\nВаша регистрация и программа: {link}"));
        rules[2].Subject = LocalText.From(("en", rules[2].Subject.Default), ("zh", "签约仪式须知：{session}"), ("kk", "Қол қою рәсімі: {session}"), ("ru", "Церемония подписания: {session}"));
        rules[2].Body = LocalText.From(
            ("en", rules[2].Body.Default),
            ("zh", "尊敬的{name}：\n\n{session}将于{start}在{room}举行。您的签约顺序：\n{running_order}\n\n请于仪式开始前十分钟入座。\n\n您的日程：{link}"),
            ("kk", "Құрметті {name}!\n\n{session}: басталуы {start}, {room}. Келісімдерге мына ретпен қол қоясыз:\n{running_order}\n\nБасталуына он минут қалғанда орныңызға отыруыңызды сұраймыз.\n\nБағдарламаңыз: {link}"),
            ("ru", "Уважаемый(-ая) {name}!\n\n{session}: начало {start}, {room}. Вы подписываете соглашения в следующем порядке:\n{running_order}\n\nПожалуйста, займите своё место за десять минут до начала.\n\nВаша программа: {link}"));
        rules.Add(InvitedReminder(dialogue.Id));
        db.ReminderRules.AddRange(rules);
        await AddMeetingsAsync(dialogue, meetingSession, registrations, now, cancellationToken);

        // The dialogue's own questions, in the languages its delegates read.
        db.RegistrationQuestions.AddRange(
            new RegistrationQuestion
            {
                EventId = dialogue.Id, Kind = QuestionKind.YesNo,
                Label = LocalText.From(
                    ("en", "Will you attend the welcome dinner on the first evening?"), ("zh", "您是否出席首日晚上的欢迎晚宴？"),
                    ("kk", "Бірінші күнгі кешкі қабылдауға қатысасыз ба?"), ("ru", "Будете ли вы на приветственном ужине в первый вечер?")),
            },
            new RegistrationQuestion
            {
                EventId = dialogue.Id, Kind = QuestionKind.Choice,
                Label = LocalText.From(("en", "Hotel"), ("zh", "酒店"), ("kk", "Қонақүй"), ("ru", "Гостиница")),
                OptionKeys = "1\n2\n3",
                Options = LocalText.From(
                    ("en", "Sheraton Guiyang Hotel\nKempinski Hotel Guiyang\nI arrange my own"), ("zh", "贵阳喜来登酒店\n贵阳凯宾斯基酒店\n自行安排"),
                    ("kk", "Sheraton Guiyang Hotel\nKempinski Hotel Guiyang\nӨзім шешемін"), ("ru", "Sheraton Guiyang Hotel\nKempinski Hotel Guiyang\nСам(а) позабочусь")),
            });
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    // The demo's texts in the four languages an event may use (machine-made Kazakh and Russian, to be reviewed by
    // native speakers), so a first run shows a bilingual dialogue read in each reader's language.
    private const string AllLanguages = "en zh kk ru";

    private static LocalText Text(string en, string zh, string kk, string ru) => LocalText.From(("en", en), ("zh", zh), ("kk", kk), ("ru", ru));

    private static readonly LocalText CenterName = Text(
        "Guiyang International Eco-Conference Center", "贵阳国际生态会议中心", "Гуйян халықаралық эко-конференция орталығы", "Гуйянский международный экологический конференц-центр");

    private static readonly LocalText Guiyang = Text("Guiyang", "贵阳", "Гуйян", "Гуйян");

    private static readonly Dictionary<string, (string Zh, string Kk, string Ru)> SessionTitles = new()
    {
        ["Opening plenary"] = ("开幕全体会议", "Ашылу пленарлық отырысы", "Пленарное заседание открытия"),
        ["Keynote: universities along the Silk Road"] = ("主旨演讲：丝绸之路沿线的大学", "Негізгі баяндама: Жібек жолы бойындағы университеттер", "Основной доклад: университеты на Шёлковом пути"),
        ["Coffee break"] = ("茶歇", "Кофе-брейк", "Кофе-брейк"),
        ["Dialogue round 1: joint degree programmes"] = ("第一轮对话：联合学位项目", "Диалогтың 1-раунды: бірлескен білім беру бағдарламалары", "Раунд диалога 1: совместные образовательные программы"),
        ["Dialogue round 2: student and staff mobility"] = ("第二轮对话：师生交流", "Диалогтың 2-раунды: студенттер мен қызметкерлердің академиялық ұтқырлығы", "Раунд диалога 2: академическая мобильность студентов и сотрудников"),
        ["Dialogue round 3: research in agriculture and water"] = ("第三轮对话：农业与水资源研究", "Диалогтың 3-раунды: ауыл шаруашылығы және су ресурстары саласындағы зерттеулер", "Раунд диалога 3: исследования в области сельского хозяйства и водных ресурсов"),
        ["Lunch"] = ("午餐", "Түскі ас", "Обед"),
        ["Group signing ceremony of cooperation agreements"] = ("合作协议集体签约仪式", "Ынтымақтастық келісімдеріне топтық қол қою рәсімі", "Групповая церемония подписания соглашений о сотрудничестве"),
        ["Visit to Guizhou University"] = ("参观贵州大学", "Гуйчжоу университетіне сапар", "Посещение Гуйчжоуского университета"),
        ["Rectors' round table: digital universities"] = ("校长圆桌会议：数字化大学", "Ректорлардың дөңгелек үстелі: цифрлық университеттер", "Круглый стол ректоров: цифровые университеты"),
        ["Bilateral meetings between universities"] = ("大学双边会见", "Университеттердің екіжақты кездесулері", "Двусторонние встречи университетов"),
        ["Closing plenary and joint statement"] = ("闭幕全体会议及联合声明", "Жабылу пленарлық отырысы және бірлескен мәлімдеме", "Пленарное заседание закрытия и совместное заявление"),
    };

    /// <summary>The dialogue's programme: plenaries, parallel dialogue rounds and the group signing ceremony.</summary>
    /// <returns>The session that holds the bilateral meetings.</returns>
    private Session AddAgenda(Event week, Event dialogue, List<Registration> registrations, DateTime monday, Func<DateTime, DateTime> utc)
    {
        var hallA = new Room { Event = week, Name = Text("Hall A", "A厅", "A залы", "Зал A"), Venue = CenterName, Capacity = 400, SortOrder = 1 };
        var hallB = new Room { Event = week, Name = Text("Hall B", "B厅", "B залы", "Зал B"), Venue = CenterName, Capacity = 150, SortOrder = 2 };
        var room1 = new Room { Event = week, Name = Text("Meeting Room 1", "第一会议室", "№1 мәжіліс залы", "Зал заседаний 1"), Venue = CenterName, Capacity = 40, SortOrder = 3 };
        var room2 = new Room { Event = week, Name = Text("Meeting Room 2", "第二会议室", "№2 мәжіліс залы", "Зал заседаний 2"), Venue = CenterName, Capacity = 40, SortOrder = 4 };
        db.Rooms.AddRange(hallA, hallB, room1, room2);
        var tuesday = monday.AddDays(1);
        var now = time.GetUtcNow().UtcDateTime;
        Session Add(string title, SessionKind kind, DateTime day, int fromHour, int fromMinute, int minutes, Room? room, params (int Index, SessionRole Role)[] people)
        {
            var start = day.AddHours(fromHour).AddMinutes(fromMinute);
            var session = new Session
            {
                Event = dialogue,
                Uid = Guid.NewGuid(),
                Title = SessionTitles.TryGetValue(title, out var titles) ? Text(title, titles.Zh, titles.Kk, titles.Ru) : title,
                Kind = kind,
                StartsAtUtc = utc(start),
                EndsAtUtc = utc(start.AddMinutes(minutes)),
                Room = room,
                Language = "zh-CN",
                Interpretation = kind == SessionKind.Break ? null : "Chinese ↔ Kazakh, English",
                UpdatedAtUtc = now,
                People = people.Select(p => new SessionPerson { Delegate = registrations[p.Index].Delegate, Role = p.Role }).ToList(),
            };
            db.Sessions.Add(session);
            return session;
        }

        Add("Opening plenary", SessionKind.Plenary, tuesday, 9, 0, 60, hallA, (0, SessionRole.Chair), (20, SessionRole.Speaker), (1, SessionRole.Speaker));
        // The keynote speaker is a guest of honour the organisers added to the directory: she never registers.
        var keynote = new Delegate
        {
            Title = "Academician",
            LatinName = "Zhang Wenhua",
            NativeName = "张文华",
            Position = "Chair, China Association for International Education",
            SpokenLanguages = "zh-CN en",
            Biography = Text(
                "Zhang Wenhua has led exchanges between Chinese and Central Asian universities for twenty years. She chaired the founding of the Silk Road universities' alliance.",
                "张文华二十年来致力于推动中国与中亚高校交流，曾主持丝绸之路大学联盟的创建。",
                "Чжан Вэньхуа жиырма жыл бойы Қытай мен Орталық Азия университеттерінің алмасуына жетекшілік етіп келеді. Жібек жолы университеттері одағының құрылуына төрағалық етті.",
                "Чжан Вэньхуа двадцать лет руководит обменами между университетами Китая и Центральной Азии. Она возглавляла создание альянса университетов Шёлкового пути."),
            CreatedAtUtc = now,
        };
        Add("Keynote: universities along the Silk Road", SessionKind.Plenary, tuesday, 10, 0, 45, hallA, (22, SessionRole.Chair))
            .People.Add(new SessionPerson { Delegate = keynote, Role = SessionRole.Speaker });
        Add("Coffee break", SessionKind.Break, tuesday, 10, 45, 15, null);
        Add("Dialogue round 1: joint degree programmes", SessionKind.DialogueRound, tuesday, 11, 0, 90, hallB, (4, SessionRole.Chair), (24, SessionRole.Speaker), (7, SessionRole.Speaker));
        Add("Dialogue round 2: student and staff mobility", SessionKind.DialogueRound, tuesday, 11, 0, 90, room1, (9, SessionRole.Chair), (26, SessionRole.Speaker), (11, SessionRole.Speaker));
        Add("Dialogue round 3: research in agriculture and water", SessionKind.DialogueRound, tuesday, 11, 0, 90, room2, (13, SessionRole.Chair), (28, SessionRole.Speaker));
        Add("Lunch", SessionKind.Break, tuesday, 12, 30, 90, null);
        var ceremony = Add("Group signing ceremony of cooperation agreements", SessionKind.SigningCeremony, tuesday, 14, 0, 90, hallA, (0, SessionRole.Chair), (20, SessionRole.Chair));
        // The certificates are printed beforehand and handed over at the tables.
        ceremony.CertificatesBeforeSigning = true;
        AddAgreements(ceremony, registrations, now);
        Add("Visit to Guizhou University", SessionKind.Visit, tuesday, 16, 0, 120, null);
        var wednesday = monday.AddDays(2);
        Add("Rectors' round table: digital universities", SessionKind.Panel, wednesday, 9, 0, 120, hallB, (2, SessionRole.Chair), (21, SessionRole.Speaker), (23, SessionRole.Speaker), (5, SessionRole.Speaker));
        var meetings = Add("Bilateral meetings between universities", SessionKind.BilateralMeetings, wednesday, 11, 0, 100, hallB);
        meetings.Interpretation = null;
        Add("Closing plenary and joint statement", SessionKind.Plenary, wednesday, 14, 0, 90, hallA, (0, SessionRole.Chair), (20, SessionRole.Speaker));
        return meetings;
    }

    public static List<Institution> ReadInstitutions()
    {
        using var stream = typeof(DemoData).Assembly.GetManifestResourceStream("EventManager.Core.Seed.institutions.csv")
            ?? throw new InvalidOperationException("The seed list of institutions is missing from the assembly.");
        using var csv = CsvReader.Create(stream, CsvReaderOptions.Default, false);
        var list = new List<Institution>();
        foreach (var row in csv)
        {
            list.Add(new Institution
            {
                EnglishName = row["english_name"].ToString(),
                NativeName = row["native_name"].ToString(),
                CountryCode = row["country"].ToString(),
                City = row["city"].ToString(),
            });
        }

        return list;
    }

    private static IEnumerable<Delegate> Delegates(IReadOnlyList<Institution> institutions)
    {
        var chinese = institutions.Where(i => i.CountryCode == "CN").ToList();
        var kazakh = institutions.Where(i => i.CountryCode == "KZ").ToList();
        for (var n = 0; n < ChinesePeople.Length; n++)
        {
            var (latin, native, position) = ChinesePeople[n];
            yield return Person(latin, native, position, chinese[n % chinese.Count], "zh-CN", "Asia/Shanghai");
        }

        for (var n = 0; n < KazakhPeople.Length; n++)
        {
            var (latin, native, position) = KazakhPeople[n];
            yield return Person(latin, native, position, kazakh[n % kazakh.Count], "kk-KZ", "Asia/Almaty");
        }
    }

    private static Delegate Person(string latin, string native, string position, Institution institution, string language, string zone) => new()
    {
        LatinName = latin,
        NativeName = native,
        Position = position,
        Institution = institution,
        Email = $"{EventRules.SlugFrom(latin).Replace('-', '.')}@{EventRules.SlugFrom(institution.EnglishName)}.example",
        PreferredLanguage = language,
        TimeZoneId = zone,
    };

    private static readonly (string Latin, string Native, string Position)[] ChinesePeople =
    [
        ("Wang Wei", "王伟", "President"), ("Li Na", "李娜", "Vice-President"), ("Zhang Min", "张敏", "Party Secretary"),
        ("Liu Yang", "刘洋", "Director of International Affairs"), ("Chen Jing", "陈静", "President"),
        ("Yang Fan", "杨帆", "Vice-President"), ("Zhao Lei", "赵磊", "Dean of the School of Foreign Languages"),
        ("Huang Li", "黄丽", "President"), ("Zhou Qiang", "周强", "Vice-President"), ("Wu Xia", "吴霞", "Provost"),
        ("Xu Ming", "徐明", "President"), ("Sun Hui", "孙慧", "Director of the Confucius Institute Office"),
        ("Ma Jun", "马骏", "Vice-President"), ("Zhu Hong", "朱红", "President"), ("Hu Bo", "胡波", "Party Secretary"),
        ("Guo Ying", "郭颖", "Vice-President"), ("He Tao", "何涛", "Director of International Cooperation"),
        ("Lin Xue", "林雪", "President"), ("Luo Gang", "罗刚", "Vice-President"), ("Liang Yu", "梁宇", "Provost"),
    ];

    private static readonly (string Latin, string Native, string Position)[] KazakhPeople =
    [
        ("Zhansaya Abenova", "Жансая Әбенова", "Rector"), ("Yerlan Sultanov", "Ерлан Сұлтанов", "Vice-Rector for International Affairs"),
        ("Aigerim Nurlanqyzy", "Айгерім Нұрланқызы", "Rector"), ("Nurlan Zhaksylykov", "Нұрлан Жақсылықов", "Provost"),
        ("Gulnara Kassymova", "Гүлнара Қасымова", "Rector"), ("Daniyar Bekmukhamedov", "Данияр Бекмұхамедов", "Vice-Rector"),
        ("Saule Omarova", "Сәуле Омарова", "Rector"), ("Askar Tulegenov", "Асқар Төлегенов", "Vice-Rector for Research"),
        ("Madina Yesenova", "Мадина Есенова", "Director of International Cooperation"), ("Bauyrzhan Seitkali", "Бауыржан Сейітқали", "Rector"),
        ("Ainur Zhumabayeva", "Айнұр Жұмабаева", "Vice-Rector"), ("Talgat Ospanov", "Талғат Оспанов", "Rector"),
        ("Dinara Mukhtarova", "Динара Мұхтарова", "Dean of Oriental Studies"), ("Marat Kenzhebekov", "Марат Кенжебеков", "Rector"),
        ("Zhanar Iskakova", "Жанар Ысқақова", "Vice-Rector for Academic Affairs"), ("Olzhas Amanov", "Олжас Аманов", "Rector"),
    ];
}
