using EventManager.Core.Ceremonies;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Ceremonies;

/// <summary>The words for agreement kinds and states, in one place for pages and PDFs.</summary>
public static class CeremonyText
{
    public static string Kind(AgreementKind kind, IStringLocalizer t) => kind switch
    {
        AgreementKind.MemorandumOfUnderstanding => t["Memorandum of understanding"],
        AgreementKind.StudentExchange => t["Student exchange"],
        AgreementKind.JointResearch => t["Joint research"],
        AgreementKind.JointProgramme => t["Joint programme"],
        _ => t["Other agreement"],
    };

    public static string Status(AgreementStatus status, IStringLocalizer t) => status switch
    {
        AgreementStatus.Draft => t["Draft"],
        AgreementStatus.Ready => t["Ready"],
        AgreementStatus.Signed => t["Signed"],
        _ => t["Withdrawn"],
    };

    /// <summary>"Guizhou University (贵州大学)".</summary>
    public static string Party(AgreementParty party) =>
        party.Institution is null ? "" : party.Institution.EnglishName + (string.IsNullOrEmpty(party.Institution.NativeName) ? "" : $" ({party.Institution.NativeName})");

    /// <summary>"Wang Wei (王伟), President".</summary>
    public static string Signatory(AgreementParty party) =>
        party.Signatory is null ? "" : party.Signatory.LatinName
            + (string.IsNullOrEmpty(party.Signatory.NativeName) ? "" : $" ({party.Signatory.NativeName})")
            + (string.IsNullOrEmpty(party.Signatory.Position) ? "" : $", {party.Signatory.Position}");
}
