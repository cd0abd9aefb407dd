using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;
using Portfolio.Core.Juries;

namespace Portfolio.Web.Pages.Coordinator.Juries;

using Jury = Portfolio.Core.Juries.Jury;

/// <summary>Takes a member off a jury after a confirmation; their bookings on the jury's planned exams go in the same save.</summary>
public class RemoveMemberModel(PortfolioDb db, Coordination coordination, IStringLocalizer<SharedResource> l) : PageModel
{
    public int CohortId { get; private set; }
    public string CohortName { get; private set; } = "";
    public string JuryName { get; private set; } = "";
    public string PersonName { get; private set; } = "";
    public bool IsChair { get; private set; }
    public int Remaining { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, string userId) => await LoadAsync(id, userId) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(int id, string userId)
    {
        var jury = await LoadAsync(id, userId);
        if (jury is null)
        {
            return NotFound();
        }
        jury.RemoveMember(userId);
        CoordinatedJury.GuardMembers(db, jury);
        await ExamSchedule.SeatMembersAsync(db, jury);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Message"] = l["Ce jury a changé pendant que vous le modifiiez : vérifiez-le puis recommencez."].Value;
            return RedirectToPage("Index", new { cohortId = jury.CohortId });
        }
        TempData["Message"] = l["{0} ne siège plus dans le jury « {1} ».", PersonName, jury.Name].Value;
        return RedirectToPage("Index", new { cohortId = jury.CohortId });
    }

    private async Task<Jury?> LoadAsync(int id, string userId)
    {
        if (await CoordinatedJury.LoadAsync(coordination, db, id) is not { } found || !found.Jury.IsMember(userId))
        {
            return null;
        }
        (CohortId, CohortName, JuryName) = (found.Jury.CohortId, found.CohortName, found.Jury.Name);
        PersonName = await JuryChoices.NameAsync(db, userId) ?? "";
        IsChair = found.Jury.ChairId == userId;
        Remaining = found.Jury.Members.Count - 1;
        return found.Jury;
    }
}
