using EventManager.Core.Common;

namespace EventManager.Core.Meetings;

/// <summary>
/// Why a request is not in the schedule, as an organiser can act on it: the most specific reason first, from what
/// no schedule could change (a side never free) to what the other meetings took.
/// </summary>
internal static class MeetingExplanations
{
    /// <param name="occupancy">What the finished schedule takes.</param>
    public static DomainError Explain(MeetingFacts facts, MeetingToPlace request, MeetingOccupancy occupancy)
    {
        var problem = facts.Problem;
        var (a, b) = (facts.Party(request.PartyA), facts.Party(request.PartyB));
        var usable = Enumerable.Range(0, problem.Slots.Count).Where(s => problem.Slots[s].Tables > 0).ToList();
        foreach (var side in new[] { a, b })
        {
            if (usable.All(s => side.BusySlots.Contains(s)))
            {
                return new DomainError("", "{0} is not free in any slot of the meeting blocks.", side.Name);
            }
        }

        var together = usable.Where(s => MeetingFacts.FreeBoth(a, b, s)).ToList();
        if (together.Count == 0)
        {
            return new DomainError("", "{0} and {1} are never free at the same time.", a.Name, b.Name);
        }

        var needed = facts.NeedsInterpreter(request) ? Pairs(a, b) : null;
        if (needed is not null)
        {
            if (!problem.Interpreters.Any(i => i.Covers(a.Languages, b.Languages)))
            {
                return new DomainError("", "Nobody interprets between {0} and {1} ({2}).", a.Name, b.Name, needed);
            }

            if (facts.CandidateSlots(request).Count == 0)
            {
                return new DomainError("", "{0} and {1} have no free slot in which an interpreter for {2} is free.", a.Name, b.Name, needed);
            }
        }

        // Every slot both could use is taken: by what, as the schedule stands.
        var slots = facts.CandidateSlots(request);
        if (slots.All(s => !occupancy.UnderMaximum(a.Id, s) || !occupancy.UnderMaximum(b.Id, s)))
        {
            var full = slots.All(s => !occupancy.UnderMaximum(a.Id, s)) ? a : b;
            return new DomainError("", "{0} already has as many meetings as a delegation may have in the block.", full.Name);
        }

        if (slots.All(s => !occupancy.PartyFree(a.Id, s) || !occupancy.PartyFree(b.Id, s)))
        {
            return new DomainError("", "In every slot in which both are free, {0} or {1} already has another meeting.", a.Name, b.Name);
        }

        if (slots.All(s => !occupancy.TableLeft(s)))
        {
            return new DomainError("", "Every table is taken in every slot in which {0} and {1} are both free.", a.Name, b.Name);
        }

        if (needed is not null && slots.All(s => facts.InterpretersFor(request, s).All(i => !occupancy.InterpreterFree(i, s))))
        {
            return new DomainError("", "The interpreters for {2} are busy in every slot in which {0} and {1} are both free.", a.Name, b.Name, needed);
        }

        return new DomainError("", "In every slot in which {0} and {1} are both free, one of them already meets someone, every table is taken or the interpreters are busy.", a.Name, b.Name);
    }

    /// <summary>The language pairs that would serve, as "zh–kk" (several joined by "/").</summary>
    private static string Pairs(MeetingParty a, MeetingParty b) =>
        string.Join("/", a.Languages.Order(StringComparer.Ordinal).SelectMany(x => b.Languages.Order(StringComparer.Ordinal).Select(y => new LanguagePair(x, y).ToString())));
}
