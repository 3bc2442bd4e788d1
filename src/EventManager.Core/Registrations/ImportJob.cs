namespace EventManager.Core.Registrations;

public enum ImportStatus
{
    Queued,
    Running,
    Finished,
    Failed,
}

public enum ImportOutcomeKind
{
    Confirmed,
    Waiting,
    Skipped,
}

/// <summary>
/// An organiser's confirmed import, done in the background in batches. The file is kept with it, so the work can
/// resume after a crash: <see cref="RowsDone"/> moves in the same transaction as the batch's registrations, so a
/// row is never imported twice.
/// </summary>
public sealed class ImportJob
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public byte[] Content { get; set; } = [];
    public string? FileName { get; set; }
    public string? StartedBy { get; set; }
    public ImportStatus Status { get; set; }
    public int TotalRows { get; set; }
    public int RowsDone { get; set; }
    public int Confirmed { get; set; }
    public int Waiting { get; set; }
    public int Skipped { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? FinishedAtUtc { get; set; }
    /// <summary>How many times a run stopped part-way and another took over (a crash or a restart).</summary>
    public int Resumed { get; set; }
    [Common.MultiLine]
    public string? Error { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTime? ClaimedUntilUtc { get; set; }
    public List<ImportJobRow> Rows { get; set; } = [];
}

/// <summary>What became of one line of an imported file, with the reason when it was skipped.</summary>
public sealed class ImportJobRow
{
    public long Id { get; set; }
    public int ImportJobId { get; set; }
    public int Line { get; set; }
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    public ImportOutcomeKind Outcome { get; set; }
    /// <summary>The reason's wording (a resource key) and its arguments, shown in the reader's language.</summary>
    public string? Reason { get; set; }
    public string? ReasonArguments { get; set; }
}
