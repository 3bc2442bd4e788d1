using EventManager.Core.Badges;
using EventManager.Core.Events;
using EventManager.Core.Registrations;
using EventManager.Web.Features.Registrations;
using EventManager.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Badges;

/// <summary>
/// The badge's builder: each confirmed delegate in the badge's own words (category, country) in the language staff
/// chose, the screen's when they chose none, and a QR code that opens their row at the check-in desk.
/// </summary>
public sealed class BadgeBuilder(IStringLocalizer<SharedResource> t, PublicAddress address)
{
    public IReadOnlyList<BadgeModel> Build(Event ev, IEnumerable<Registration> people, string? language)
    {
        using var scope = CultureScope.UseIfChosen(language);
        return people.Select(r => new BadgeModel(
            ev.BadgeNameIn(System.Globalization.CultureInfo.CurrentUICulture.Name),
            r.LatinName,
            r.NativeName,
            r.Position,
            r.InstitutionDisplayName,
            r.Institution?.NativeName ?? r.ProposedInstitutionNativeName,
            Choices.CountryName(r.CountryCode),
            r.Category switch
            {
                RegistrationCategory.Speaker => BadgeBand.Speaker,
                RegistrationCategory.Observer => BadgeBand.Observer,
                RegistrationCategory.Press => BadgeBand.Press,
                _ => BadgeBand.Delegate,
            },
            t.Label(r.Category),
            CheckInUrl(r))).ToList();
    }

    /// <summary>What the badge's and the ticket's QR code hold: the staff page that checks this delegate in.</summary>
    public string CheckInUrl(Registration r) => address.For($"/staff/events/{r.EventId}/check-in?id={r.Id}");
}
