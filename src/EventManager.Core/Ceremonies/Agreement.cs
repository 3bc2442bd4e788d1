using EventManager.Core.Agenda;
using EventManager.Core.Institutions;
using EventManager.Core.Registrations;

namespace EventManager.Core.Ceremonies;

public enum AgreementKind
{
    MemorandumOfUnderstanding = 0,
    StudentExchange = 1,
    JointResearch = 2,
    JointProgramme = 3,
    Other = 4,
}

public enum AgreementStatus
{
    Draft = 0,
    Ready = 1,
    Signed = 2,
    Withdrawn = 3,
}

/// <summary>An agreement between two or more institutions, signed at a signing ceremony (a session of that kind).</summary>
public class Agreement
{
    public int Id { get; set; }
    public int SessionId { get; set; }
    public Session? Session { get; set; }

    /// <summary>In the event's languages; each party's own-language title is <see cref="AgreementParty.LocalTitle"/>.</summary>
    public required Common.LocalText Title { get; set; }
    public AgreementKind Kind { get; set; }

    /// <summary>Place in the ceremony's running order, from 1.</summary>
    public int Position { get; set; }

    /// <summary>Agreements of one round are signed at the same time, at different tables.</summary>
    public int Round { get; set; } = 1;
    public int Table { get; set; } = 1;

    public AgreementStatus Status { get; set; }
    public DateTime? SignedAtUtc { get; set; }
    [Common.NotPersonalData("why an agreement was withdrawn, written by organisers")]
    public string? WithdrawnReason { get; set; }
    public List<AgreementParty> Parties { get; set; } = [];
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>An institution party to an agreement and the confirmed delegate who signs for it.</summary>
public class AgreementParty
{
    public int Id { get; set; }
    public int AgreementId { get; set; }
    public Agreement? Agreement { get; set; }

    /// <summary>Order of the parties as the agreement names them.</summary>
    public int Order { get; set; }
    public int InstitutionId { get; set; }
    public Institution? Institution { get; set; }
    public int SignatoryRegistrationId { get; set; }
    public Registration? Signatory { get; set; }

    /// <summary>The agreement's title in this party's language, printed under the English one.</summary>
    public string? LocalTitle { get; set; }
}

public static class AgreementRules
{
    public const int TitleMaxLength = 300;
    public const int MaxParties = 6;
    public const int MaxRound = 99;
    public const int MaxTable = 999;
}
