namespace EventManager.Core.Events;

public enum EventKind
{
    Conference = 0,
    Dialogue = 1,
    Forum = 2,
    Ceremony = 3,
}
