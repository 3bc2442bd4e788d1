using EventManager.Core.Agenda;
using EventManager.Core.Ceremonies;
using EventManager.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Ceremonies;

/// <summary>The run sheet's builder: the running order in the words of the organiser's screen, times in the event's zone.</summary>
public sealed class RunSheetBuilder(IStringLocalizer<SharedResource> t, TimeProvider time)
{
    public RunSheetModel Build(Session session, IReadOnlyList<Agreement> runningOrder)
    {
        var rows = runningOrder.Select(a => new RunSheetRow(
            a.Position.ToString(), a.Round.ToString(), a.Table.ToString(), a.Title.ToString(),
            a.Parties.Select(CeremonyText.Party).ToList(), a.Parties.Select(CeremonyText.Signatory).ToList(),
            t.Label(a.Kind) + " · " + t.Label(a.Status))).ToList();
        return new RunSheetModel(
            t["Run sheet: {0}", session.Title],
            $"{session.Event!.Name} · {Display.TimeRange(session.StartsAtUtc, session.EndsAtUtc, session.Event.TimeZoneId)} · {session.Room?.Name}",
            [t["No."], t["Round"], t["Table"], t["Agreement"], t["Parties"], t["Signatories"]],
            rows,
            t["Printed {0}", Display.Moment(time.GetUtcNow().UtcDateTime, session.Event.TimeZoneId)]);
    }
}
