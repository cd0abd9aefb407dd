namespace Portfolio.Core.Cohorts;

/// <summary>An executive programme (a certificate, a cycle); it runs one cohort after the other.</summary>
public class Programme
{
    private Programme() { }

    public Programme(string code, string title)
    {
        Code = code.Trim();
        Title = title.Trim();
    }

    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Title { get; private set; } = "";
    public List<Cohort> Cohorts { get; private set; } = [];
}
