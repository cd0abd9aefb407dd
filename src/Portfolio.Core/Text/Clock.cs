namespace Portfolio.Core.Text;

/// <summary>Days as the programme lives them: campaigns open and close on Brussels dates, whatever the server's zone.</summary>
public static class Clock
{
    private static readonly TimeZoneInfo Brussels = FindBrussels();

    private static TimeZoneInfo FindBrussels()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }

    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Brussels).DateTime);
}
