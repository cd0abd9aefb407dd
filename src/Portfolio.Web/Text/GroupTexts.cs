using Microsoft.Extensions.Localization;
using Portfolio.Core.Intervision;

namespace Portfolio.Web.Text;

/// <summary>What a coordinator reads when a group refuses a change (<see cref="GroupRuleException"/>).</summary>
public static class GroupTexts
{
    public static string Problem(IStringLocalizer l, GroupProblem problem) => problem switch
    {
        GroupProblem.TooFewMembers => l["Un groupe d'intervision se forme avec au moins {0} membres : choisissez-en davantage.", IntervisionGroup.MinMembers],
        GroupProblem.Full => l["Un groupe d'intervision compte au plus {0} membres : celui-ci est complet.", IntervisionGroup.MaxMembers],
        GroupProblem.OtherCohort => l["Ce groupe appartient à une autre promotion."],
        _ => l["Cette personne n'est pas membre de ce groupe."],
    };
}
