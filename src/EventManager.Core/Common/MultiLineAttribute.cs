namespace EventManager.Core.Common;

/// <summary>
/// A stored text that may hold several lines (a description, a message body, a file). Every other text of the app's
/// entities is one line: the database context takes line breaks and bidi controls out of it on every save
/// (<see cref="TextNormalization.OneLine"/>), whichever form, import or API wrote it.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MultiLineAttribute : Attribute
{
}
