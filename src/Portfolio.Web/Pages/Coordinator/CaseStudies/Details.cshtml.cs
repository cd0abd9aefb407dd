using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Web.Pages.Shared;

namespace Portfolio.Web.Pages.Coordinator.CaseStudies;

/// <summary>A case-study group as its coordinator sees it: members, organisation, deadline, the report's versions to download and its audit trail.</summary>
public class DetailsModel(PortfolioDb db, Coordination coordination) : PageModel
{
    public int Id { get; private set; }
    public int CohortId { get; private set; }
    public string CohortName { get; private set; } = "";
    public string GroupName { get; private set; } = "";
    public string Organisation { get; private set; } = "";
    public DateOnly Deadline { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }
    public string? SubmittedBy { get; private set; }
    public bool SubmittedLate { get; private set; }
    public IReadOnlyList<string> Members { get; private set; } = [];
    public CaseStudyReport Report { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await CoordinatedCaseStudy.LoadAsync(coordination, db, id) is not { } found)
        {
            return NotFound();
        }
        var g = found.Group;
        (Id, CohortId, CohortName, GroupName, Organisation, Deadline, SubmittedAt, SubmittedLate) =
            (id, g.CohortId, found.CohortName, g.Name, g.Organisation, g.Deadline, g.SubmittedAt, g.SubmittedLate);
        SubmittedBy = await db.Users.Where(u => u.Id == g.SubmittedById).Select(u => u.FirstName + " " + u.LastName).FirstOrDefaultAsync();
        var ids = g.Members.Select(m => m.UserId).ToList();
        Members = await db.Users.Where(u => ids.Contains(u.Id)).OrderBy(u => u.LastName).ThenBy(u => u.FirstName)
            .Select(u => u.FirstName + " " + u.LastName).ToListAsync();
        Report = await CaseStudyReport.LoadAsync(db, id, g.FinalVersionId, "/Coordinator/CaseStudies/Version", canSubmit: false);
        return Page();
    }
}
