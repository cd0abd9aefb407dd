using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;
using Portfolio.Core.Intervision;
using Portfolio.Core.Text;

namespace Portfolio.Web.Pages.Codev;

/// <summary>What the co-development pages share: who is signing, people's names, and how steps and contributions are named.</summary>
public static class CodevPages
{
    public static string Me(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;

    /// <summary>Display names of these people, in one query.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> NamesAsync(PortfolioDb db, IEnumerable<string> ids)
    {
        var wanted = ids.Distinct().ToList();
        return await db.Users.Where(u => wanted.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FirstName + " " + u.LastName);
    }

    public static string Name(this IReadOnlyDictionary<string, string> names, string id) => names.TryGetValue(id, out var n) ? n : "—";

    public static string Step(IStringLocalizer l, CodevStep step) => step switch
    {
        CodevStep.Presentation => l["Présentation du cas"],
        CodevStep.Clarification => l["Clarification"],
        CodevStep.Contract => l["Contrat"],
        CodevStep.Consultation => l["Consultation"],
        CodevStep.Synthesis => l["Synthèse et plan d'action"],
        _ => l["Ce que chacun retient"],
    };

    public static string StepHelp(IStringLocalizer l, CodevStep step) => step switch
    {
        CodevStep.Presentation => l["Le porteur de cas présente un problème, une préoccupation ou un projet."],
        CodevStep.Clarification => l["Les consultants posent des questions de fait, uniquement, pour bien comprendre la situation."],
        CodevStep.Contract => l["Le porteur de cas dit ce qu'il attend du groupe."],
        CodevStep.Consultation => l["Chaque consultant partage réactions, hypothèses, suggestions et expériences ; le porteur de cas écoute."],
        CodevStep.Synthesis => l["Le porteur de cas fait la synthèse de ce qu'il a entendu et arrête son plan d'action, daté."],
        _ => l["Chacun note ce qu'il retient pour sa propre pratique."],
    };

    public static string Type(IStringLocalizer l, ContributionType type) => type switch
    {
        ContributionType.Reaction => l["Réaction"],
        ContributionType.Hypothesis => l["Hypothèse"],
        ContributionType.Suggestion => l["Suggestion"],
        _ => l["Expérience"],
    };
}
