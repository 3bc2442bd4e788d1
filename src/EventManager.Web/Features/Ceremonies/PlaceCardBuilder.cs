using EventManager.Core.Ceremonies;
using EventManager.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Ceremonies;

/// <summary>
/// The place card's builder: a folding card for every signatory at every table, in round and table order, its own
/// words ("Round 1 · Table 3") in the language staff chose, the screen's when they chose none.
/// </summary>
public sealed class PlaceCardBuilder(IStringLocalizer<SharedResource> t)
{
    public IReadOnlyList<PlaceCardModel> Build(IEnumerable<Agreement> agreements, string? language)
    {
        using var scope = CultureScope.UseIfChosen(language);
        return agreements
            .Where(a => a.Status != AgreementStatus.Withdrawn)
            .OrderBy(a => a.Round).ThenBy(a => a.Table).ThenBy(a => a.Position)
            // From the plan: a planned signatory not yet registered has a card too; a party with none chosen has none.
            .SelectMany(a => a.Parties.Where(p => p.SignatoryLatinName is not null).Select(p => new PlaceCardModel(
                t["Round {0} · Table {1}", a.Round, a.Table],
                p.SignatoryLatinName!,
                p.SignatoryNativeName,
                p.Institution?.EnglishName,
                p.Institution?.NativeName)))
            .ToList();
    }
}
