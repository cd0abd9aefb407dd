using Microsoft.Extensions.Localization;
using Portfolio.Core.Text;

namespace Portfolio.Web.Text;

/// <summary>
/// A count with its noun in the reader's language: <c>L.Plural(n, "{0} preuve", "{0} preuves", "Aucune preuve trouvée")</c>
/// gives "1 preuve", "3 preuves", "Aucune preuve trouvée" (or "1 evidence item", "3 evidence items", "No evidence found"). Each form is
/// a French key of its own, translated like any other text. A noun that does not change in French ("acquis") writes
/// its singular without the number ("un acquis") so that the keys differ.
/// </summary>
public static class Plurals
{
    public static string Plural(this IStringLocalizer l, int count, string singular, string plural, string? none = null) =>
        l[PluralRule.Pick(count, singular, plural, none), count];
}
