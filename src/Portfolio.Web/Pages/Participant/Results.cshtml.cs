using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Scoring;

namespace Portfolio.Web.Pages.Participant;

/// <summary>
/// The participant's jury results in the cohort they work on: nothing before the coordinator released the cohort's
/// results; afterwards the decision, the grade, the agreed level per criterion and the comments for the candidate.
/// Never an individual juror's score, nor the jury's internal rationale.
/// </summary>
public class ResultsModel(PortfolioDb db, MyCohorts myCohorts) : PageModel
{
    public string? CohortName { get; private set; }
    public ResultView? Result { get; private set; }

    public async Task OnGetAsync()
    {
        if (await myCohorts.CurrentAsync() is not { } cohort)
        {
            return;
        }
        CohortName = cohort.CohortName;
        var found = await db.JuryCandidates
            .Where(c => c.CohortId == cohort.CohortId && c.ParticipantId == cohort.OwnerId && db.ResultsReleases.Any(r => r.CohortId == c.CohortId))
            .Select(c => new
            {
                ReleasedAt = db.ResultsReleases.Where(r => r.CohortId == c.CohortId).Select(r => r.ReleasedAt).First(),
                Deliberation = db.Deliberations.Where(d => d.JuryCandidateId == c.Id)
                    .Select(d => new { d.Decision, d.Grade, d.CommentsForCandidate, Marks = d.Marks.Select(m => new { m.CriterionId, m.Level }).ToList() })
                    .FirstOrDefault(),
            })
            .SingleOrDefaultAsync();
        if (found?.Deliberation is not { } d)
        {
            return;
        }
        var grid = await ScoringGrids.OfCohort(db, cohort.CohortId).AsNoTracking().SingleAsync();
        var levels = grid.Levels.ToDictionary(l => l.Value, l => l.Label);
        Result = new ResultView(found.ReleasedAt, d.Decision, d.Grade, d.CommentsForCandidate,
            grid.OrderedCriteria.Select(c => d.Marks.FirstOrDefault(m => m.CriterionId == c.Id)?.Level is { } level
                ? new CriterionResult(c.Title, c.Weight, level, levels.GetValueOrDefault(level))
                : new CriterionResult(c.Title, c.Weight, null, null)).ToList(),
            grid.MaxLevel);
    }

    public sealed record ResultView(DateTimeOffset ReleasedAt, Decision? Decision, decimal? Grade, string? Comments, IReadOnlyList<CriterionResult> Criteria, int MaxLevel);
    public sealed record CriterionResult(string Title, int Weight, int? Level, string? Label);
}
