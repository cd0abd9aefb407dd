using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;
using Portfolio.Core.Intervision;

namespace Portfolio.Web.Pages.Codev;

/// <summary>The runner notes who is present; members not ticked are absent.</summary>
public class AttendanceModel(PortfolioDb db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public List<string> Present { get; set; } = [];

    public CodevGroup Group { get; private set; } = null!;
    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var found = await LoadAsync(id);
        if (found is not { } f)
        {
            return NotFound();
        }
        var marked = f.Session.Attendance.ToDictionary(a => a.MemberId, a => a.Present);
        // Before anything is noted, everybody is offered as present: the runner unticks who is missing.
        Present = [.. Group.MemberIds.Where(m => !marked.TryGetValue(m, out var p) || p)];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var found = await LoadAsync(id);
        if (found is not { } f)
        {
            return NotFound();
        }
        try
        {
            f.Session.RecordAttendance(User.Me(), Group, Group.MemberIds.ToDictionary(m => m, m => Present.Contains(m)));
        }
        catch (CodevRefusedException refused)
        {
            ModelState.AddModelError(string.Empty, l[refused.Message]);
            return Page();
        }
        await db.SaveChangesAsync();
        TempData["Message"] = l["Présences notées."].Value;
        return RedirectToPage("Session", new { id });
    }

    private async Task<(CodevSession Session, CodevGroup Group)?> LoadAsync(int id)
    {
        var found = await CodevAccess.SessionAsync(db, id, User.Me(), q => q.Include(s => s.Attendance));
        if (found is { } f)
        {
            Group = f.Group;
            Names = await CodevPages.NamesAsync(db, f.Group.MemberIds);
        }
        return found;
    }
}
