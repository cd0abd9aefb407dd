namespace Portfolio.Core.Text;

/// <summary>Days as the programme lives them: campaigns open and close on Brussels dates, whatever the server's zone.</summary>
public static class Clock
{
    public static DateOnly Today(this TimeProvider clock) => Dates.InBrussels(clock.GetUtcNow());
}
