using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;
using Portfolio.Core.Storage;

namespace Portfolio.Web.Pages.Coordinator.CaseStudies;

/// <summary>Deletes a case-study group after a confirmation, with its report versions, their files and its audit trail.</summary>
public class DeleteModel(PortfolioDb db, Coordination coordination, FileStore files, IStringLocalizer<SharedResource> l) : PageModel
{
    public int CohortId { get; private set; }
    public string CohortName { get; private set; } = "";
    public string GroupName { get; private set; } = "";
    public int MemberCount { get; private set; }
    public int VersionCount { get; private set; }
    public bool IsSubmitted { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await CoordinatedCaseStudy.LoadAsync(coordination, db, id) is not { } found)
        {
            return NotFound();
        }
        (CohortId, CohortName, GroupName, MemberCount, IsSubmitted) = (found.Group.CohortId, found.CohortName, found.Group.Name, found.Group.Members.Count, found.Group.IsSubmitted);
        VersionCount = await db.ReportVersions.CountAsync(v => v.GroupId == id);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (await CoordinatedCaseStudy.LoadAsync(coordination, db, id) is not { } found)
        {
            return NotFound();
        }
        var storedFiles = await db.ReportVersions.Where(v => v.GroupId == id).Select(v => v.StoredFileId).ToListAsync();
        // Versions, members and the trail go with the group (cascade); their files are rows of their own, deleted in the same transaction.
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.CaseStudyGroups.Remove(found.Group);
        await db.SaveChangesAsync();
        foreach (var file in storedFiles)
        {
            await files.DeleteAsync(file);
        }
        await transaction.CommitAsync();
        TempData["Message"] = l["Le groupe d'étude de cas « {0} » est supprimé.", found.Group.Name].Value;
        return RedirectToPage("Index", new { cohortId = found.Group.CohortId });
    }
}
