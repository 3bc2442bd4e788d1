namespace EventManager.Core.Common;

/// <summary>
/// This property holds personal data, and this eraser (an <c>IPersonalDataEraser</c> the app registers) takes it out
/// when a person's data is erased. Every property of the app's entities that can hold personal data says either this
/// or <see cref="KeptAsRecordAttribute"/>: a test walks the model and fails on one that says neither.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ErasedByAttribute(Type eraser) : Attribute
{
    public Type Eraser { get; } = eraser;
}

/// <summary>Personal data kept on purpose when delegates' data is erased, and why (a signed record, a staff account).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class KeptAsRecordAttribute(string why) : Attribute
{
    public string Why { get; } = why;
}

/// <summary>A property whose name suggests a person but holds none (an institution's or a room's name), and why.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotPersonalDataAttribute(string why) : Attribute
{
    public string Why { get; } = why;
}
