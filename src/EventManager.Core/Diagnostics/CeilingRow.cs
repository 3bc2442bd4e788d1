namespace EventManager.Core.Diagnostics;

/// <summary>
/// A row the write benchmark's floor inserts (POST /_ceiling/write, only where Diagnostics:CeilingEndpoints is on):
/// the least a form that stores something costs through EF Core — one insert, one transaction, one commit.
/// </summary>
public sealed class CeilingRow
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    [Common.NotPersonalData("a fixed text the benchmark's floor writes")]
    public string Note { get; set; } = "";
}
