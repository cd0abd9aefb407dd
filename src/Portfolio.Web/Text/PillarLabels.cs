using Microsoft.Extensions.Localization;

namespace Portfolio.Web.Text;

/// <summary>
/// A framework names its top level itself ("Pilier", "Module", "Dimension"). The labels the programmes we host use are
/// translated here, so that an English page never says "pilier"; any other label is the framework's own word and is
/// shown as written.
/// </summary>
public static class PillarLabels
{
    /// <summary>The label as a title or a column heading: "Pilier" → "Pillar".</summary>
    public static string Name(IStringLocalizer l, string label) => label.Trim().ToLowerInvariant() switch
    {
        "pilier" => l["Pilier"],
        "module" => l["Module"],
        "dimension" => l["Dimension"],
        "chantier" => l["Chantier"],
        _ => label,
    };

    /// <summary>The label as the heading of the whole list: "Modules", "Dimensions".</summary>
    public static string Plural(IStringLocalizer l, string label) => label.Trim().ToLowerInvariant() switch
    {
        "pilier" => l["Piliers"],
        "module" => l["Modules"],
        "dimension" => l["Dimensions"],
        "chantier" => l["Chantiers"],
        _ => label,
    };

    /// <summary>A count of pillars: "6 piliers", "1 module".</summary>
    public static string Count(IStringLocalizer l, string label, int count) => label.Trim().ToLowerInvariant() switch
    {
        "pilier" => l.Plural(count, "{0} pilier", "{0} piliers"),
        "module" => l.Plural(count, "{0} module", "{0} modules"),
        "dimension" => l.Plural(count, "{0} dimension", "{0} dimensions"),
        "chantier" => l.Plural(count, "{0} chantier", "{0} chantiers"),
        _ => l["{0} : {1}", label, count],
    };
}
