using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;

namespace Portfolio.Web.Pages.Coordinator.Cohorts;

/// <summary>
/// Withdraws a participant from a cohort, after a confirmation. Their enrolment is marked withdrawn, nothing they wrote
/// is deleted: they still read their work, they leave the cohort's lists, and enrolling them again takes them back.
/// </summary>
public class WithdrawModel(PortfolioDb db, Coordination coordination, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public int CohortId { get; private set; }
    public string CohortName { get; private set; } = "";
    public string PersonName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int id, string userId)
    {
        var cohort = await coordination.Cohorts.Where(c => c.Id == id)
            .Select(c => new
            {
                c.Name,
                Person = c.Enrolments.Where(e => e.UserId == userId && e.WithdrawnAt == null)
                    .Join(db.Users, e => e.UserId, u => u.Id, (e, u) => u.FirstName + " " + u.LastName).FirstOrDefault(),
            })
            .SingleOrDefaultAsync();
        if (cohort?.Person is null)
        {
            return NotFound();
        }
        (CohortId, CohortName, PersonName) = (id, cohort.Name, cohort.Person);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, string userId)
    {
        var cohort = await coordination.Cohorts.Include(c => c.Enrolments).SingleOrDefaultAsync(c => c.Id == id);
        if (cohort is null || !cohort.IsEnrolled(userId))
        {
            return NotFound();
        }
        cohort.Withdraw(userId, clock.GetUtcNow());
        // A withdrawn person leaves their intervision group: the peers stop sharing with them, and nothing shared before stays readable.
        var group = await db.IntervisionGroups.Include(g => g.Members)
            .SingleOrDefaultAsync(g => g.CohortId == id && g.Members.Any(m => m.UserId == userId));
        group?.Remove(userId);
        await db.SaveChangesAsync();
        TempData["Message"] = l["La personne a été retirée de la promotion ; son travail est conservé."].Value;
        return RedirectToPage("Details", new { id });
    }
}
