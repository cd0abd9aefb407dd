using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;
using Portfolio.Core.Portfolios;

namespace Portfolio.Web.Pages.Participant.Project;

/// <summary>The project pages' shared words and their one way of saving against the version the form was loaded with.</summary>
public static class ProjectTexts
{
    public static string Problem(IStringLocalizer l, ProjectProblem problem) => problem switch
    {
        ProjectProblem.MilestoneAlreadyDone => l["Ce jalon est déjà marqué comme atteint."],
        ProjectProblem.UnknownMilestone => l["Ce jalon n'existe pas dans votre projet."],
        ProjectProblem.PresentationSubmitted => l["La présentation finale a été remise : elle ne change plus."],
        _ => l["Pour remettre la présentation, donnez-lui une date et un résumé."],
    };

    /// <summary>
    /// Saves the project if nobody changed it since the form was loaded (its row version); otherwise says so on the form,
    /// keeps what the person typed and answers false. One helper for every project form, so the stale-save rule is written once.
    /// </summary>
    public static async Task<bool> SaveUnlessStaleAsync(PortfolioDb db, TransformationProject project, uint loadedVersion, ModelStateDictionary modelState, IStringLocalizer l)
    {
        db.Entry(project).Property(p => p.RowVersion).OriginalValue = loadedVersion;
        try
        {
            await db.SaveChangesAsync();
            return true;
        }
        catch (DbUpdateException)
        {
            // A stale version, or a first statement saved meanwhile from another tab (one project per person and cohort).
            db.ChangeTracker.Clear();
            modelState.AddModelError(string.Empty, l["Votre projet a été modifié ailleurs (autre onglet ou autre appareil) depuis que vous avez ouvert ce formulaire. Votre saisie est conservée : rouvrez le projet pour voir la version enregistrée, puis enregistrez à nouveau."]);
            return false;
        }
    }
}
