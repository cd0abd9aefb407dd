using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;

namespace Portfolio.Web.Pages.Calendar;

/// <summary>The signed-in person's exams as an .ics file, for those who import rather than subscribe.</summary>
public class DownloadModel(PortfolioDb db, IStringLocalizer<SharedResource> l) : PageModel
{
    public async Task<IActionResult> OnGetAsync()
    {
        var ics = ScheduleEntries.Ics(l, await ScheduleEntries.OfAsync(db, User.FindFirstValue(ClaimTypes.NameIdentifier)!));
        return File(System.Text.Encoding.UTF8.GetBytes(ics), "text/calendar; charset=utf-8", "examens.ics");
    }
}
