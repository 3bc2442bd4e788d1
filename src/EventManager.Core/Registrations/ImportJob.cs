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
    [Common.ErasedBy(typeof(Registrations.ImportEraser))]
    public byte[] Content { get; set; } = [];
    [Common.ErasedBy(typeof(Registrations.ImportEraser))]
    public string? FileName { get; set; }
    [Common.KeptAsRecord("who on the team did it: a team account, removed with the account, not a delegate")]
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
    [Common.NotPersonalData("why an import failed, as the app wrote it")]
    public string? Error { get; set; }
    [Common.NotPersonalData("the app instance running it")]
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
    [Common.ErasedBy(typeof(Registrations.ImportEraser))]
    public string Name { get; set; } = "";
    [Common.ErasedBy(typeof(Registrations.ImportEraser))]
    public string Email { get; set; } = "";
    public ImportOutcomeKind Outcome { get; set; }
    /// <summary>The reason's wording (a resource key) and its arguments, shown in the reader's language.</summary>
    [Common.NotPersonalData("a message key")]
    public string? Reason { get; set; }
    [Common.ErasedBy(typeof(Registrations.ImportEraser))]
    public string? ReasonArguments { get; set; }
}
