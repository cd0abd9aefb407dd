using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.CaseStudies;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;
using Portfolio.Core.Intervision;
using Portfolio.Core.Juries;
using Portfolio.Core.Submissions;

namespace Portfolio.Web.Pages.Jury;

/// <summary>
/// What a juror reads of a candidate: the latest snapshot the candidate submitted (self-assessments, evidence with
/// their copied files, chosen reflections, feedback received, the individual report) and the date of every submission.
/// Never the live portfolio. 404 unless the candidate is open to the juror (<see cref="JuryAccess.CandidatesOpenTo"/>);
/// the snapshot itself is read through <see cref="SubmissionAccess"/>, with a link to the group's collective report.
/// Four commands whatever the size of the snapshot.
/// </summary>
public class CandidateModel(PortfolioDb db) : PageModel
{
    public string CandidateName { get; private set; } = "";
    public string JuryName { get; private set; } = "";
    public IReadOnlyList<DateTimeOffset> Submitted { get; private set; } = [];
    public SnapshotView? Latest { get; private set; }

    /// <summary>The candidate's transformation project, when its final presentation is submitted (<see cref="ItemAccess"/>).</summary>
    public string? ProjectTitle { get; private set; }

    /// <summary>The parts the candidate's programme uses: the page shows only their sections.</summary>
    public ProgrammeComponents Components { get; private set; }

    public bool Uses(ProgrammeComponents component) => Components.HasFlag(component);

    /// <summary>The final version of the collective report of the candidate's case-study group, once the group has submitted it.</summary>
    public CollectiveReportLink? CollectiveReport { get; private set; }

    public sealed record CollectiveReportLink(string FileName, string Organisation, DateTimeOffset? SubmittedAt);

    public async Task<IActionResult> OnGetAsync(int juryCandidateId)
    {
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var candidate = await JuryAccess.CandidatesOpenTo(db, me).Where(c => c.Id == juryCandidateId)
            .Join(db.Users, c => c.ParticipantId, u => u.Id, (c, u) => new
            {
                c.CohortId, c.ParticipantId, u.FirstName, u.LastName, JuryName = c.Jury.Name,
                // Read in the same command: the title of the candidate's transformation project, once its presentation is submitted.
                Project = db.TransformationProjects.ReadableBy(db, me).Where(p => p.CohortId == c.CohortId && p.OwnerId == c.ParticipantId && p.PresentationSubmittedAt != null)
                    .Select(p => p.Title).FirstOrDefault(),
                Components = db.Cohorts.Where(k => k.Id == c.CohortId).Select(k => k.Programme.Components).First(),
            })
            .SingleOrDefaultAsync();
        if (candidate is null)
        {
            return NotFound();
        }
        (CandidateName, JuryName, ProjectTitle, Components) = ($"{candidate.FirstName} {candidate.LastName}", candidate.JuryName, candidate.Project, candidate.Components);
        var submissions = await db.Submissions.ReadableBy(db, me).Where(s => s.CohortId == candidate.CohortId && s.ParticipantId == candidate.ParticipantId)
            .OrderByDescending(s => s.Number).Select(s => new { s.Id, s.SubmittedAt }).ToListAsync();
        Submitted = submissions.Select(s => s.SubmittedAt).ToList();
        if (Uses(ProgrammeComponents.CaseStudy))
        {
            CollectiveReport = await CaseStudyAccess.FinalReportOf(db, me, juryCandidateId)
                .Select(v => new CollectiveReportLink(v.FileName, v.Group.Organisation, v.Group.SubmittedAt))
                .SingleOrDefaultAsync();
        }
        if (submissions.Count > 0)
        {
            Latest = await SnapshotView.LoadAsync(db.Submissions.Where(s => s.Id == submissions[0].Id));
        }
        return Page();
    }
}
