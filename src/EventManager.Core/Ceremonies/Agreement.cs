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
    [Common.NotPersonalData("an agreement's title")]
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

/// <summary>
/// An institution party to an agreement and the person who signs for it: planned weeks ahead from the people directory
/// ("Rector Wang Wei, not yet registered"), and linked to their registration at the ceremony's event once they have one.
/// Signing and printing wait for a confirmed registration (<see cref="CeremonyService.Problems"/>).
/// </summary>
public class AgreementParty
{
    public int Id { get; set; }
    public int AgreementId { get; set; }
    public Agreement? Agreement { get; set; }

    /// <summary>Order of the parties as the agreement names them.</summary>
    public int Order { get; set; }
    public int InstitutionId { get; set; }
    public Institution? Institution { get; set; }
    /// <summary>The person who will sign; null while the organisers have not chosen one.</summary>
    public int? SignatoryPersonId { get; set; }
    public Delegate? SignatoryPerson { get; set; }

    /// <summary>The signatory's registration at the ceremony's event; null until they register.</summary>
    public int? SignatoryRegistrationId { get; set; }
    public Registration? Signatory { get; set; }

    /// <summary>The signatory's names and position as registered, else as the directory has them.</summary>
    public string? SignatoryLatinName => Signatory?.LatinName ?? SignatoryPerson?.LatinName;
    public string? SignatoryNativeName => Signatory is not null ? Signatory.NativeName : SignatoryPerson?.NativeName;
    public string? SignatoryPosition => Signatory is not null ? Signatory.Position : SignatoryPerson?.Position;

    /// <summary>The agreement's title in this party's language, printed under the English one.</summary>
    [Common.NotPersonalData("an agreement's title in a party's language")]
    public string? LocalTitle { get; set; }
}

public static class AgreementRules
{
    public const int TitleMaxLength = 300;
    public const int MaxParties = 6;
    public const int MaxRound = 99;
    public const int MaxTable = 999;
}
