using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Core.Data;
using Portfolio.Web.Pages.Calendar;

namespace Portfolio.Web.Pages.Jury;

/// <summary>The juror's own exam schedule: the exams of their juries in time order, cancelled ones marked as such.</summary>
public class ScheduleModel(PortfolioDb db) : PageModel
{
    public IReadOnlyList<ScheduleEntries.Entry> Exams { get; private set; } = [];

    public async Task OnGetAsync() =>
        Exams = (await ScheduleEntries.OfAsync(db, User.FindFirstValue(ClaimTypes.NameIdentifier)!)).Where(e => !e.AsCandidate).ToList();
}
