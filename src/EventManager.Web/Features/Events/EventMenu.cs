using EventManager.Core.Common;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace EventManager.Web.Features.Events;

/// <summary>The parts of one event a team member works in; the event menu shows them in this order.</summary>
public enum EventSection
{
    Home,
    Registrations,
    Agenda,
    Ceremonies,
    Messages,
    Reminders,
    Translations,
    Settings,
    CheckIn,
    Certificates,
}

/// <summary>
/// Which event a page belongs to and where in it the reader is. A page of an event sets it; the layout then draws the
/// one event menu, whose first link (the event's name) is the page title's context link and always leads to the event's home.
/// </summary>
public sealed record EventMenu(int EventId, LocalText Name, EventSection Current)
{
    private const string Key = nameof(EventMenu);

    public static void Set(ViewDataDictionary viewData, Core.Events.Event ev, EventSection current) =>
        viewData[Key] = new EventMenu(ev.Id, ev.Name, current);

    public static EventMenu? Of(ViewDataDictionary viewData) => viewData[Key] as EventMenu;

    public string Home => $"/organiser/events/{EventId}";

    /// <summary>Where the event's name leads: its home for those who read the organisers' pages, the check-in desk for staff.</summary>
    public string ContextHref(Core.Data.EventRoles roles) => roles.Reads ? Home : $"/staff/events/{EventId}/check-in";

    /// <summary>The menu's entries for an organiser: the event's own pages, then the desk staff work at.</summary>
    public IEnumerable<(EventSection Section, string Href)> OrganiserEntries() =>
    [
        (EventSection.Home, Home),
        (EventSection.Registrations, $"{Home}/registrations"),
        (EventSection.Agenda, $"{Home}/agenda"),
        (EventSection.Ceremonies, $"{Home}/ceremonies"),
        (EventSection.Messages, $"/organiser/messages?eventId={EventId}"),
        (EventSection.Reminders, $"{Home}/reminders"),
        (EventSection.Translations, $"{Home}/translations"),
        (EventSection.Settings, $"{Home}/edit"),
        (EventSection.CheckIn, $"/staff/events/{EventId}/check-in"),
    ];

    /// <summary>Staff who are not organisers see only what they work with.</summary>
    public IEnumerable<(EventSection Section, string Href)> StaffEntries() =>
    [
        (EventSection.CheckIn, $"/staff/events/{EventId}/check-in"),
        (EventSection.Certificates, $"/staff/ceremonies?eventId={EventId}"),
    ];
}
