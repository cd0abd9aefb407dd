using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Accounts;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Portfolios;
using Portfolio.Core.Text;

namespace Portfolio.Web.Pages.Participant.Assessments;

/// <summary>
/// The participant's self-assessment for one campaign: every objective by pillar with the level given so far, and the
/// leadership competencies, each open once its seminar has taken place.
/// </summary>
public class IndexModel(PortfolioDb db, FrameworkModels frameworks, MyCohorts myCohorts, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public ParticipantCohort? Cohort { get; private set; }
    public IReadOnlyList<CampaignRow> Campaigns { get; private set; } = [];
    public CampaignRow? Chosen { get; private set; }
    public IReadOnlyList<PillarRow> Pillars { get; private set; } = [];
    public int Assessed { get; private set; }
    public int ObjectiveCount { get; private set; }

    /// <summary>False when the programme's framework has no self-assessment: the page says so instead of listing campaigns.</summary>
    public bool HasSelfAssessment { get; private set; } = true;

    public async Task<IActionResult> OnGetAsync(int? campaignId)
    {
        Cohort = await myCohorts.CurrentAsync();
        if (Cohort is null)
        {
            return Page();
        }
        HasSelfAssessment = (await frameworks.GetAsync(db, Cohort.FrameworkId, Cohort.FrameworkRevision)).HasSelfAssessment;
        if (!HasSelfAssessment)
        {
            return Page();
        }
        var cohortId = Cohort.CohortId;
        var today = clock.Today();
        var campaigns = await db.Campaigns.AsNoTracking().Where(c => c.CohortId == cohortId)
            .OrderBy(c => c.Position).ThenBy(c => c.OpensOn).ThenBy(c => c.Id)
            .ToListAsync();
        Campaigns = campaigns.Select(c => new CampaignRow(c.Id, c.Name, c.OpensOn, c.ClosesOn, c.StateOn(today))).ToList();
        if (campaignId is { } id)
        {
            // Someone else's cohort's campaign is not found, whatever exists elsewhere.
            Chosen = Campaigns.SingleOrDefault(c => c.Id == id);
            if (Chosen is null)
            {
                return NotFound();
            }
        }
        else
        {
            // The open campaign, else the one that opened last, else the next to come.
            Chosen = Campaigns.FirstOrDefault(c => c.State == CampaignState.Open)
                ?? Campaigns.Where(c => c.OpensOn <= today).OrderByDescending(c => c.OpensOn).FirstOrDefault()
                ?? Campaigns.OrderBy(c => c.OpensOn).FirstOrDefault();
        }
        if (Chosen is null)
        {
            return Page();
        }
        var chosenId = Chosen.Id;

        var framework = await frameworks.GetAsync(db, Cohort.FrameworkId, Cohort.FrameworkRevision);
        var seminars = await db.CohortSessions.AsNoTracking().Seminars(cohortId).ToDictionaryAsync(s => s.LeadershipCompetencyId!.Value);
        // Always the signed-in participant's own answers, never anyone else's.
        var answers = await db.SelfAssessments.In(Cohort)
            .Where(a => a.CampaignId == chosenId)
            .Select(a => new { a.ObjectiveId, a.LeadershipCompetencyId, a.Level })
            .ToListAsync();
        var byObjective = answers.Where(a => a.ObjectiveId != null).ToDictionary(a => a.ObjectiveId!.Value, a => a.Level);
        var byCompetency = answers.Where(a => a.LeadershipCompetencyId != null).ToDictionary(a => a.LeadershipCompetencyId!.Value, a => a.Level);

        string? Label(int? level) => level is { } v ? framework.LevelLabel(v) ?? v.ToString() : null;

        Pillars = framework.Pillars.Select(p => new PillarRow(p.Code, p.Title,
            p.Objectives.Select(o => new TargetRow(o.Id, o.Code, o.Title,
                byObjective.TryGetValue(o.Id, out var level) ? Label(level) : null, byObjective.ContainsKey(o.Id), true, null)).ToList(),
            p.Competencies.Select(c =>
            {
                var seminar = seminars.GetValueOrDefault(c.Id);
                return new TargetRow(c.Id, c.Code, c.Title,
                    byCompetency.TryGetValue(c.Id, out var level) ? Label(level) : null, byCompetency.ContainsKey(c.Id),
                    seminar?.HasTakenPlaceBy(today) == true, seminar?.Day);
            }).ToList())).ToList();
        ObjectiveCount = framework.Objectives.Count;
        Assessed = Pillars.Sum(p => p.Objectives.Count(o => o.LevelLabel is not null));
        return Page();
    }

    public string StateLabel(CampaignState state) => state switch
    {
        CampaignState.Upcoming => l["À venir"],
        CampaignState.Open => l["Ouverte"],
        _ => l["Clôturée"],
    };

    public sealed record CampaignRow(int Id, string Name, DateOnly OpensOn, DateOnly ClosesOn, CampaignState State);
    public sealed record PillarRow(string Code, string Title, IReadOnlyList<TargetRow> Objectives, IReadOnlyList<TargetRow> Competencies);

    /// <param name="Available">false for a leadership competency whose seminar has not taken place yet</param>
    public sealed record TargetRow(int Id, string Code, string Title, string? LevelLabel, bool Started, bool Available, DateOnly? SeminarOn);
}
