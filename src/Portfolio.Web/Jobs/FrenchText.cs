namespace Portfolio.Web.Jobs;

/// <summary>
/// Jobs store their step labels and errors in French, and pages translate them where they show them (L[run.Step]).
/// Writing them as L[French text] here does nothing at run time but lets the translation scan find them.
/// </summary>
internal sealed class FrenchText
{
    public static readonly FrenchText L = new();

    public string this[string text] => text;
}
