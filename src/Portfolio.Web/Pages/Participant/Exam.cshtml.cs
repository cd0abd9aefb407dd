using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Core.Data;
using Portfolio.Web.Pages.Calendar;

namespace Portfolio.Web.Pages.Participant;

/// <summary>The candidate's own oral exam: when, where, before which jury; a cancelled one stays listed as cancelled.</summary>
public class ExamModel(PortfolioDb db) : PageModel
{
    public IReadOnlyList<ScheduleEntries.Entry> Exams { get; private set; } = [];

    public async Task OnGetAsync() =>
        Exams = (await ScheduleEntries.OfAsync(db, User.FindFirstValue(ClaimTypes.NameIdentifier)!)).Where(e => e.AsCandidate).ToList();
}
