namespace Portfolio.Core.Text;

/// <summary>
/// Jobs store their step labels and errors in French, and pages translate them where they show them (L[run.Step]).
/// Writing them as L[French text] does nothing at run time but lets the translation scan find them.
/// </summary>
public sealed class FrenchText
{
    public static readonly FrenchText L = new();

    private FrenchText() { }

    public string this[string text] => text;
}
