namespace EventManager.Web;

/// <summary>
/// Marker for the one resource file of user-facing strings (Resources/SharedResource.resx, English).
/// The English text is the key, so a missing translation shows English, never a key.
/// </summary>
public sealed class SharedResource;
