using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;
using Portfolio.Web.Mail;

namespace Portfolio.Web.Pages.Coordinator.Cohorts;

/// <summary>
/// Sends the invitation again to a participant of the cohort who has not chosen a password yet (the first one expired,
/// or went astray). Posted from the cohort page, where the result is shown.
/// </summary>
public class InviteModel(PortfolioDb db, PasswordMails mails, IStringLocalizer<SharedResource> l) : PageModel
{
    public IActionResult OnGet(int id) => RedirectToPage("Details", new { id });

    public async Task<IActionResult> OnPostAsync(int id, string userId)
    {
        var cohort = await db.Cohorts.SingleOrDefaultAsync(c => c.Id == id);
        var person = await db.Enrolments.Where(e => e.CohortId == id && e.UserId == userId)
            .Join(db.Users, e => e.UserId, u => u.Id, (e, u) => u)
            .SingleOrDefaultAsync();
        if (cohort is null || person is null)
        {
            return NotFound();
        }
        if (person.PasswordHash is not null || !person.IsActive)
        {
            TempData["Message"] = l["{0} a déjà choisi son mot de passe : aucune invitation n'est nécessaire.", person.DisplayName].Value;
            return RedirectToPage("Details", new { id });
        }
        await mails.InviteAsync(cohort, [person], HttpContext.RequestAborted);
        TempData["Message"] = l["Une nouvelle invitation a été envoyée à {0}.", person.Email ?? ""].Value;
        return RedirectToPage("Details", new { id });
    }
}
