using System.Globalization;

namespace Portfolio.Core.Text;

/// <summary>
/// How every page, export and message writes a date: "4 décembre 2026", "4 décembre 2026 à 14:05" (English: "4 December
/// 2026", "4 December 2026 at 14:05"), moments in Brussels time whatever the server's zone, in the current culture
/// unless one is given. One format everywhere, so that no page shows "04/12/2026" beside "vendredi 4 décembre".
/// </summary>
public static class Dates
{
    /// <summary>The programme's time zone: campaigns open and close, and things happen, on Brussels days.</summary>
    public static readonly TimeZoneInfo Brussels = FindBrussels();

    public static string Day(DateOnly day, CultureInfo? culture = null) =>
        day.ToString("d MMMM yyyy", culture ?? CultureInfo.CurrentCulture);

    public static string Day(DateTimeOffset moment, CultureInfo? culture = null) => Day(InBrussels(moment), culture);

    public static string Moment(DateTimeOffset moment, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentCulture;
        var local = TimeZoneInfo.ConvertTime(moment, Brussels);
        var at = culture.TwoLetterISOLanguageName == "fr" ? "à" : "at";
        return $"{Day(DateOnly.FromDateTime(local.DateTime), culture)} {at} {local.ToString("HH:mm", culture)}";
    }

    /// <summary>The Brussels day a moment falls on.</summary>
    public static DateOnly InBrussels(DateTimeOffset moment) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(moment, Brussels).DateTime);

    /// <summary>The moment a Brussels wall-clock time (a form's date and time) stands for.</summary>
    public static DateTimeOffset FromBrussels(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, Brussels.GetUtcOffset(unspecified)).ToUniversalTime();
    }

    /// <summary>The Brussels wall-clock time of a moment, for a form's date and time field.</summary>
    public static DateTime ToBrussels(DateTimeOffset moment) => TimeZoneInfo.ConvertTime(moment, Brussels).DateTime;

    /// <summary>The moment a Brussels day begins.</summary>
    public static DateTimeOffset StartInBrussels(DateOnly day) => FromBrussels(day.ToDateTime(TimeOnly.MinValue));

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
}
