namespace Portfolio.Web;

/// <summary>
/// Anchor of the interface's translations. Keys are the French texts themselves (French is the default language);
/// Resources/SharedResource.en.resx gives their English.
/// </summary>
public sealed class SharedResource;
