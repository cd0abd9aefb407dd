using System.Globalization;

namespace Portfolio.Core.Text;

/// <summary>
/// Which form a count takes: French uses the singular for 0 and 1 ("0 preuve", "1 preuve"), English only for 1. A
/// <c>none</c> form, when given, names zero in words ("aucune preuve"). Every form is a whole text of its own, never a
/// bracketed "s".
/// </summary>
public static class PluralRule
{
    public static string Pick(int count, string singular, string plural, string? none = null, CultureInfo? culture = null) => count switch
    {
        0 when none is not null => none,
        1 => singular,
        0 when (culture ?? CultureInfo.CurrentUICulture).TwoLetterISOLanguageName == "fr" => singular,
        _ => plural,
    };
}
