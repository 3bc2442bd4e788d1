namespace EventManager.Core.Common;

/// <summary>
/// A broken rule, reported in English; the web layer passes <see cref="Message"/> through
/// the string localizer, so the message doubles as the resource key.
/// </summary>
public sealed record DomainError(string Field, string Message, params object[] Arguments);

public sealed class DomainResult<T>
{
    private DomainResult(T? value, IReadOnlyList<DomainError> errors)
    {
        Value = value;
        Errors = errors;
    }

    public T? Value { get; }
    public IReadOnlyList<DomainError> Errors { get; }
    public bool Succeeded => Errors.Count == 0;

    public static DomainResult<T> Success(T value) => new(value, []);
    public static DomainResult<T> Failure(IReadOnlyList<DomainError> errors) => new(default, errors);
    public static DomainResult<T> Failure(string field, string message, params object[] arguments) => new(default, [new DomainError(field, message, arguments)]);
}
