using Microsoft.Extensions.Localization;
using Portfolio.Core.Portfolios;

namespace Portfolio.Web.Text;

/// <summary>How every page names who may see an item (evidence or reflection), in French keys translated by the localiser.</summary>
public static class VisibilityLabels
{
    public static string Of(IStringLocalizer l, Visibility visibility) => visibility switch
    {
        Visibility.Group => l["Mon groupe d'intervision"],
        Visibility.NamedPeers => l["Pairs nommés"],
        _ => l["Privée"],
    };
}
