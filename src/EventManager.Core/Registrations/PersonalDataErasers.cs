using EventManager.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Registrations;

/// <summary>Whose personal data is being erased: some registrations of an event, or (once it has ended) everyone's.</summary>
/// <param name="Emails">The erased registrations' addresses as they were, for data keyed by address.</param>
public sealed record ErasureScope(int EventId, bool Everyone, IReadOnlyCollection<int> RegistrationIds, IReadOnlyCollection<string> Emails);

/// <summary>
/// One kind of stored personal data and how it is erased, in the transaction of the erasure. The erasure runs every
/// registered eraser (pretix's "shredders" are the model); each property that holds personal data names its eraser
/// (<see cref="Common.ErasedByAttribute"/>), so adding a column without saying how it is erased fails a test.
/// </summary>
public interface IPersonalDataEraser
{
    Task EraseAsync(EventManagerDbContext db, ErasureScope scope, CancellationToken cancellationToken);
}

/// <summary>Registrations, their written answers, person records and messages: <see cref="PersonalDataErasure"/> itself.</summary>
public sealed class RegistrationEraser : IPersonalDataEraser
{
    // Done by PersonalDataErasure, which also decides who is kept (signatories, speakers): listed here so the
    // properties it erases can name it.
    public Task EraseAsync(EventManagerDbContext db, ErasureScope scope, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// Imported files and what became of their rows. A finished import's file is dropped when it finishes; erasing
/// everyone drops every file and row name of the event; erasing some blanks their rows and drops the files that hold them.
/// </summary>
public sealed class ImportEraser : IPersonalDataEraser
{
    public async Task EraseAsync(EventManagerDbContext db, ErasureScope scope, CancellationToken cancellationToken)
    {
        var jobs = db.ImportJobs.Where(j => j.EventId == scope.EventId);
        var rows = db.ImportJobRows.Where(r => jobs.Any(j => j.Id == r.ImportJobId) && (scope.Everyone || scope.Emails.Contains(r.Email)));
        await rows.ExecuteUpdateAsync(u => u.SetProperty(r => r.Name, PersonalDataErasure.ErasedName).SetProperty(r => r.Email, "").SetProperty(r => r.ReasonArguments, (string?)null), cancellationToken);
        // A file holds everyone it listed: it goes whole, once it is no longer being read (erasing everyone: at once).
        await jobs.Where(j => scope.Everyone || j.Status == ImportStatus.Finished || j.Status == ImportStatus.Failed).ExecuteUpdateAsync(u => u.SetProperty(j => j.Content, Array.Empty<byte>()).SetProperty(j => j.FileName, (string?)null), cancellationToken);
    }
}
