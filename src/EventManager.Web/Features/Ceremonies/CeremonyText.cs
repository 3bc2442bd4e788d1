using EventManager.Core.Ceremonies;
using EventManager.Core.Common;

namespace EventManager.Web.Features.Ceremonies;

/// <summary>How the parties and signatories of an agreement are named on pages and the run sheet.</summary>
public static class CeremonyText
{
    /// <summary>"Guizhou University (贵州大学)".</summary>
    public static string Party(AgreementParty party) => DisplayName.Of(party.Institution?.EnglishName, party.Institution?.NativeName);

    /// <summary>"Wang Wei (王伟), President".</summary>
    public static string Signatory(AgreementParty party) =>
        party.SignatoryLatinName is null ? "" : DisplayName.Of(party.SignatoryLatinName, party.SignatoryNativeName)
            + (string.IsNullOrEmpty(party.SignatoryPosition) ? "" : $", {party.SignatoryPosition}");
}
