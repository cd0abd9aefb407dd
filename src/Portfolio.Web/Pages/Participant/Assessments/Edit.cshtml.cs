using System.ComponentModel.DataAnnotations;
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
/// The participant's self-assessment of one objective (or leadership competency) in one campaign: a level on the scale,
/// a justification, the state of each learning outcome and the evidence behind it. Only while the campaign is open;
/// afterwards it is read-only history. A save made from a stale form is refused and shown, never applied blindly.
/// </summary>
public class EditModel(PortfolioDb db, FrameworkModels frameworks, MyCohorts myCohorts, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public AssessmentInput Input { get; set; } = new();

    public string PillarLabel { get; private set; } = "";
    public CampaignView Campaign { get; private set; } = null!;
    public TargetView Target { get; private set; } = null!;
    public IReadOnlyList<LevelNode> Scale { get; private set; } = [];
    public IReadOnlyList<OutcomeNode> Outcomes { get; private set; } = [];
    public IReadOnlyList<EvidenceView> Evidence { get; private set; } = [];

    /// <summary>What is stored now, for the read-only view.</summary>
    public StoredView? Stored { get; private set; }

    /// <summary>What another save stored while this form was open.</summary>
    public StoredView? Conflict { get; private set; }

    /// <summary>A leadership competency before its seminar: nothing to assess yet.</summary>
    public bool Locked { get; private set; }
    public DateOnly? SeminarOn { get; private set; }
    public int? NextObjectiveId { get; private set; }

    /// <summary>A post that could not be applied (campaign not open, seminar not held).</summary>
    public string? Refusal { get; private set; }

    public bool CanEdit => Campaign.State == CampaignState.Open && !Locked;

    private Campaign campaignEntity = null!;
    private SelfAssessment? assessment;
    private ParticipantCohort cohort = null!;

    public async Task<IActionResult> OnGetAsync(int campaignId, int? objectiveId, int? competencyId)
    {
        if (!await LoadAsync(campaignId, objectiveId, competencyId))
        {
            return NotFound();
        }
        Input = AssessmentInput.From(assessment);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int campaignId, int? objectiveId, int? competencyId, string? then)
    {
        if (!await LoadAsync(campaignId, objectiveId, competencyId))
        {
            return NotFound();
        }
        if (!CanEdit)
        {
            Refusal = Locked
                ? l["Votre auto-évaluation n'a pas été enregistrée : cette compétence s'évalue après son séminaire."]
                : l["Votre auto-évaluation n'a pas été enregistrée : la campagne « {0} » n'est pas ouverte.", Campaign.Name];
            ModelState.Clear();
            Input = AssessmentInput.From(assessment);
            return Page();
        }
        var scale = Scale.Select(s => s.Value).ToList();
        if (Input.Level is { } level && !scale.Contains(level))
        {
            ModelState.AddModelError("Input.Level", l["Choisissez un niveau de l'échelle du référentiel."]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }

        // Only this objective's outcomes and the participant's own evidence: anything else in the post is ignored.
        var outcomeIds = Outcomes.Select(o => o.Id).ToHashSet();
        var states = Input.Outcomes.Where(o => outcomeIds.Contains(o.Key)).ToDictionary(o => o.Key, o => o.Value);
        var ownEvidence = Evidence.Select(e => e.Id).ToHashSet();
        var evidenceIds = Input.EvidenceIds.Where(ownEvidence.Contains).ToList();

        var userId = cohort.OwnerId;
        var isNew = assessment is null;
        if (assessment is null)
        {
            assessment = Target.IsLeadership
                ? SelfAssessment.ForLeadership(campaignId, userId, Target.Id)
                : SelfAssessment.ForObjective(campaignId, userId, Target.Id);
            db.SelfAssessments.Add(assessment);
        }
        else
        {
            // The version the form was loaded with: if the row changed since, SaveChanges refuses.
            db.Entry(assessment).Property(a => a.RowVersion).OriginalValue = Input.RowVersion;
        }
        assessment.Record(campaignEntity, clock.Today(), scale, Input.Level, Input.Justification, states, evidenceIds, clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || isNew)
        {
            // Stale version, or another tab created this self-assessment first (unique index): show what is stored now.
            db.ChangeTracker.Clear();
            var current = await FindAssessment(campaignId).AsNoTracking().SingleOrDefaultAsync();
            if (current is null)
            {
                throw;
            }
            Conflict = StoredView.From(current);
            // Keep what the person chose and wrote, but arm the form with the current version so a second save is deliberate.
            ModelState.Remove("Input.RowVersion");
            Input.RowVersion = current.RowVersion;
            return Page();
        }
        TempData["Message"] = l["Votre auto-évaluation est enregistrée."].Value;
        if (then == "next" && NextObjectiveId is { } next)
        {
            return RedirectToPage(new { campaignId, objectiveId = next });
        }
        return Target.IsLeadership
            ? RedirectToPage(new { campaignId, competencyId = Target.Id })
            : RedirectToPage(new { campaignId, objectiveId = Target.Id });
    }

    /// <summary>Loads the campaign, the target and the signed-in participant's own self-assessment; false when any is not theirs to see.</summary>
    private async Task<bool> LoadAsync(int campaignId, int? objectiveId, int? competencyId)
    {
        if ((objectiveId is null) == (competencyId is null))
        {
            return false;
        }
        if (await myCohorts.CurrentAsync() is not { } current)
        {
            return false;
        }
        cohort = current;
        PillarLabel = cohort.PillarLabel;
        var today = clock.Today();
        // A campaign of another cohort is simply not found.
        var campaign = await db.Campaigns.SingleOrDefaultAsync(c => c.Id == campaignId && c.CohortId == cohort.CohortId);
        if (campaign is null)
        {
            return false;
        }
        campaignEntity = campaign;
        Campaign = new CampaignView(campaign.Id, campaign.Name, campaign.OpensOn, campaign.ClosesOn, campaign.StateOn(today));

        var framework = await frameworks.GetAsync(db, cohort.FrameworkId, cohort.FrameworkRevision);
        if (objectiveId is { } oid)
        {
            // An objective of another framework is simply not found.
            if (!framework.ObjectivesById.TryGetValue(oid, out var objective))
            {
                return false;
            }
            var pillar = framework.PillarOf(objective);
            Target = new TargetView(objective.Id, objective.Code, objective.Title, pillar.Code, pillar.Title, false);
            Outcomes = objective.Outcomes;
            NextObjectiveId = framework.ObjectiveAfter(objective.Id)?.Id;
        }
        else
        {
            if (!framework.CompetenciesById.TryGetValue(competencyId!.Value, out var competency))
            {
                return false;
            }
            var pillar = framework.PillarsById[competency.AfterPillarId];
            Target = new TargetView(competency.Id, competency.Code, competency.Title, pillar.Code, pillar.Title, true);
            var seminar = await db.CohortSessions.AsNoTracking().Seminars(cohort.CohortId).SingleOrDefaultAsync(s => s.LeadershipCompetencyId == competency.Id);
            SeminarOn = seminar?.Day;
            Locked = seminar?.HasTakenPlaceBy(today) != true;
        }

        Scale = framework.Scale;
        assessment = await FindAssessment(campaignId).SingleOrDefaultAsync();
        Stored = assessment is null ? null : StoredView.From(assessment);

        var evidence = await db.Evidence.In(cohort)
            .Select(e => new { e.Id, e.Title, e.OccurredOn, e.ObjectiveIds, e.LeadershipCompetencyIds })
            .ToListAsync();
        Evidence = evidence
            .Select(e => new EvidenceView(e.Id, e.Title, e.OccurredOn,
                Target.IsLeadership ? e.LeadershipCompetencyIds.Contains(Target.Id) : e.ObjectiveIds.Contains(Target.Id)))
            .OrderByDescending(e => e.Tagged).ThenByDescending(e => e.OccurredOn).ThenBy(e => e.Title)
            .ToList();
        return true;
    }

    /// <summary>Always the signed-in participant's own row: another person's self-assessment is never read or written.</summary>
    private IQueryable<SelfAssessment> FindAssessment(int campaignId)
    {
        var query = db.SelfAssessments.In(cohort).Include(a => a.Outcomes).Where(a => a.CampaignId == campaignId);
        return Target.IsLeadership
            ? query.Where(a => a.LeadershipCompetencyId == Target.Id)
            : query.Where(a => a.ObjectiveId == Target.Id);
    }

    public string? LevelLabel(int? level) => level is { } v ? Scale.FirstOrDefault(s => s.Value == v)?.Label ?? v.ToString() : null;

    public string StateLabel(CampaignState state) => state switch
    {
        CampaignState.Upcoming => l["À venir"],
        CampaignState.Open => l["Ouverte"],
        _ => l["Clôturée"],
    };

    public string OutcomeLabel(OutcomeState state) => state switch
    {
        OutcomeState.Acquired => l["Acquis"],
        OutcomeState.InProgress => l["En cours"],
        _ => l["Pas encore"],
    };

    public sealed record CampaignView(int Id, string Name, DateOnly OpensOn, DateOnly ClosesOn, CampaignState State);
    public sealed record TargetView(int Id, string Code, string Title, string PillarCode, string PillarTitle, bool IsLeadership);
    public sealed record EvidenceView(int Id, string Title, DateOnly OccurredOn, bool Tagged);

    public sealed record StoredView(int? Level, string Justification, IReadOnlyDictionary<int, OutcomeState> Outcomes, IReadOnlyList<int> EvidenceIds, DateTimeOffset UpdatedAt)
    {
        public static StoredView From(SelfAssessment a) =>
            new(a.Level, a.Justification, a.Outcomes.ToDictionary(o => o.LearningOutcomeId, o => o.State), a.EvidenceIds, a.UpdatedAt);
    }

    public sealed class AssessmentInput
    {
        [Display(Name = "Niveau")]
        public int? Level { get; set; }

        [StringLength(20000, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
        [Display(Name = "Justification")]
        public string? Justification { get; set; }

        /// <summary>Learning outcome id → state; an outcome left unanswered is simply absent.</summary>
        public Dictionary<int, OutcomeState> Outcomes { get; set; } = [];

        public List<int> EvidenceIds { get; set; } = [];

        public uint RowVersion { get; set; }

        public static AssessmentInput From(SelfAssessment? a) => a is null ? new() : new()
        {
            Level = a.Level,
            Justification = a.Justification,
            Outcomes = a.Outcomes.ToDictionary(o => o.LearningOutcomeId, o => o.State),
            EvidenceIds = [.. a.EvidenceIds],
            RowVersion = a.RowVersion,
        };
    }
}
