using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;
using Portfolio.Web.Pages.Participant;

namespace Portfolio.Web.Pages.Calendar;

/// <summary>The signed-in person's agenda (cohort sessions, co-development sessions, exams) as an .ics file, for those who import rather than subscribe.</summary>
public class DownloadModel(PortfolioDb db, MyCohorts myCohorts, IStringLocalizer<SharedResource> l) : PageModel
{
    public async Task<IActionResult> OnGetAsync()
    {
        var items = await Agenda.OfAsync(db, User.FindFirstValue(ClaimTypes.NameIdentifier)!, await myCohorts.CurrentAsync(), l);
        return File(System.Text.Encoding.UTF8.GetBytes(Agenda.Ics(l, items)), "text/calendar; charset=utf-8", "agenda.ics");
    }
}
