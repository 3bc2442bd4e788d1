using System.Text.Json;
using EventManager.Core.Common;

namespace EventManager.Core.Agenda;

public sealed record PublishedPerson(int DelegateId, string LatinName, string? NativeName, string? Position, SessionRole Role);

public sealed record PublishedSession(
    Guid Uid,
    int Sequence,
    LocalText Title,
    LocalText? Description,
    SessionKind Kind,
    DateTime StartsAtUtc,
    DateTime EndsAtUtc,
    int? RoomId,
    LocalText? RoomName,
    string? Language,
    string? Interpretation,
    bool IsCancelled,
    IReadOnlyList<PublishedPerson> People);

public sealed record PublishedRoom(int Id, LocalText Name, int SortOrder);

/// <summary>Everything a public agenda page or calendar feed needs, frozen at publishing.</summary>
public sealed record PublishedAgenda(int Version, DateTime PublishedAtUtc, IReadOnlyList<PublishedRoom> Rooms, IReadOnlyList<PublishedSession> Sessions)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static PublishedAgenda FromJson(string json) => JsonSerializer.Deserialize<PublishedAgenda>(json, Json)!;

    /// <summary>The agenda with every text keyed by the event's languages as they are now (see <see cref="LocalText.Rekeyed"/>).</summary>
    public PublishedAgenda Rekeyed(IReadOnlyList<string> languages) => this with
    {
        Rooms = Rooms.Select(r => r with { Name = r.Name.Rekeyed(languages) }).ToList(),
        Sessions = Sessions.Select(s => s with { Title = s.Title.Rekeyed(languages), Description = s.Description?.Rekeyed(languages), RoomName = s.RoomName?.Rekeyed(languages) }).ToList(),
    };
}

public enum AgendaChangeKind
{
    Added,
    Moved,
    ReRoomed,
    Changed,
    Cancelled,
}

public sealed record AgendaChange(AgendaChangeKind Kind, Guid Uid, LocalText Title, DateTime? OldStartsAtUtc, DateTime? NewStartsAtUtc, LocalText? OldRoom, LocalText? NewRoom)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string ToJson(IReadOnlyList<AgendaChange> changes) => JsonSerializer.Serialize(changes, Json);

    public static IReadOnlyList<AgendaChange> FromJson(string json) => JsonSerializer.Deserialize<List<AgendaChange>>(json, Json)!;
}
