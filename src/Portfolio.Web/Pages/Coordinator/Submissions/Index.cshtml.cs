using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Submissions;

namespace Portfolio.Web.Pages.Coordinator.Submissions;

/// <summary>
/// Who of a cohort submitted for assessment, when and how many times, and who has not yet; from here a coordinator
/// reads a snapshot or reopens a submission. Two commands whatever the size of the cohort.
/// </summary>
public class IndexModel(PortfolioDb db, Coordination coordination) : PageModel
{
    public int CohortId { get; private set; }
    public string CohortName { get; private set; } = "";
    public IReadOnlyList<Row> Participants { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int cohortId)
    {
        var name = await coordination.Cohorts.Where(c => c.Id == cohortId).Select(c => c.Name).SingleOrDefaultAsync();
        if (name is null)
        {
            return NotFound();
        }
        (CohortId, CohortName) = (cohortId, name);
        var rows = await db.Enrolments.Where(e => e.CohortId == cohortId && e.WithdrawnAt == null)
            .Join(db.Users, e => e.UserId, u => u.Id, (e, u) => u)
            .OrderBy(u => u.LastName).ThenBy(u => u.FirstName)
            .Select(u => new
            {
                u.FirstName,
                u.LastName,
                Record = db.SubmissionRecords.Where(r => r.CohortId == cohortId && r.ParticipantId == u.Id)
                    .Select(r => new
                    {
                        r.Id,
                        r.LastSubmittedAt,
                        r.LastReopenedAt,
                        Count = r.Submissions.Count,
                        Latest = r.Submissions.OrderByDescending(s => s.Number).Select(s => (int?)s.Id).FirstOrDefault(),
                    })
                    .FirstOrDefault(),
            })
            .ToListAsync();
        Participants = rows.Select(r => new Row($"{r.FirstName} {r.LastName}", r.Record?.Id, r.Record?.Count ?? 0, r.Record?.LastSubmittedAt,
            SubmissionRecord.Locks(r.Record?.LastSubmittedAt, r.Record?.LastReopenedAt), r.Record?.Latest)).ToList();
        return Page();
    }

    /// <param name="Locked">Submitted and not reopened since: the coordinator may reopen.</param>
    public sealed record Row(string Name, int? RecordId, int Count, DateTimeOffset? LastSubmittedAt, bool Locked, int? LatestSubmissionId);
}
