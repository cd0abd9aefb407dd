using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Text;

namespace Portfolio.Web.Pages.Coordinator.Campaigns;

/// <summary>
/// A cohort's self-assessment campaigns, a warning for leadership seminars they would miss (the seminars themselves
/// are sessions of the cohort's calendar, Coordinator/Sessions) and how far each participant has got.
/// Coordinators see levels counted, never what participants wrote.
/// </summary>
public class IndexModel(PortfolioDb db, Coordination coordination, FrameworkModels frameworks, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public CohortView Cohort { get; private set; } = null!;
    public IReadOnlyList<CampaignView> Campaigns { get; private set; } = [];
    /// <summary>Seminars held after the cohort's last campaign has closed: their competencies could never be self-assessed.</summary>
    public IReadOnlyList<LateSeminar> LateSeminars { get; private set; } = [];
    public IReadOnlyList<ParticipantProgress> Participants { get; private set; } = [];
    public int ObjectiveCount { get; private set; }

    /// <summary>False when the cohort's framework has no self-assessment: the page says so and offers no campaign.</summary>
    public bool HasSelfAssessment { get; private set; } = true;
    public int CompetencyCount { get; private set; }
    public DateOnly Today { get; private set; }

    /// <summary>The campaign whose edit form was posted and must show the posted values (after an error or a conflict).</summary>
    public int? EditedCampaignId { get; private set; }
    public CampaignView? Conflict { get; private set; }

    [BindProperty]
    public CampaignInput NewCampaign { get; set; } = new();

    [BindProperty]
    public CampaignInput Edit { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int cohortId) => await LoadAsync(cohortId) ? Page() : NotFound();

    public async Task<IActionResult> OnPostDefaultsAsync(int cohortId)
    {
        var cohort = await coordination.Cohorts.Include(c => c.Framework).SingleOrDefaultAsync(c => c.Id == cohortId);
        if (cohort is null)
        {
            return NotFound();
        }
        if (!cohort.Framework.HasSelfAssessment)
        {
            return RedirectToPage(new { cohortId });
        }
        // Only an empty cohort gets the defaults: a second click must not duplicate the campaigns.
        if (!await db.Campaigns.AnyAsync(c => c.CohortId == cohortId))
        {
            db.Campaigns.AddRange(Campaign.DefaultsFor(cohort));
            await db.SaveChangesAsync();
            TempData["Message"] = l["Les trois campagnes habituelles ont été créées."].Value;
        }
        return RedirectToPage(new { cohortId });
    }

    public async Task<IActionResult> OnPostAddAsync(int cohortId)
    {
        ModelState.Clear();
        if (!TryValidateModel(NewCampaign, nameof(NewCampaign)))
        {
            return await LoadAsync(cohortId) ? Page() : NotFound();
        }
        if (NewCampaign.ClosesOn is { } closes && NewCampaign.OpensOn is { } opens && closes < opens)
        {
            ModelState.AddModelError("NewCampaign.ClosesOn", l["La clôture ne peut précéder l'ouverture."]);
        }
        var cohort = await coordination.Cohorts.Include(c => c.Framework).SingleOrDefaultAsync(c => c.Id == cohortId);
        if (cohort is null)
        {
            return NotFound();
        }
        if (!cohort.Framework.HasSelfAssessment)
        {
            return RedirectToPage(new { cohortId });
        }
        if (!ModelState.IsValid)
        {
            return await LoadAsync(cohortId) ? Page() : NotFound();
        }
        var position = await db.Campaigns.Where(c => c.CohortId == cohortId).MaxAsync(c => (int?)c.Position) ?? 0;
        db.Campaigns.Add(new Campaign(cohort, NewCampaign.Name, position + 1, NewCampaign.OpensOn!.Value, NewCampaign.ClosesOn!.Value));
        await db.SaveChangesAsync();
        TempData["Message"] = l["La campagne « {0} » a été ajoutée.", NewCampaign.Name.Trim()].Value;
        return RedirectToPage(new { cohortId });
    }

    public async Task<IActionResult> OnPostEditAsync(int cohortId, int campaignId)
    {
        ModelState.Clear();
        var campaign = await coordination.Campaigns.SingleOrDefaultAsync(c => c.Id == campaignId && c.CohortId == cohortId);
        if (campaign is null)
        {
            return NotFound();
        }
        EditedCampaignId = campaignId;
        TryValidateModel(Edit, nameof(Edit));
        if (Edit.ClosesOn is { } closes && Edit.OpensOn is { } opens && closes < opens)
        {
            ModelState.AddModelError("Edit.ClosesOn", l["La clôture ne peut précéder l'ouverture."]);
        }
        if (!ModelState.IsValid)
        {
            return await LoadAsync(cohortId) ? Page() : NotFound();
        }
        // The version the form was loaded with: if the row changed since, SaveChanges refuses.
        db.Entry(campaign).Property(c => c.RowVersion).OriginalValue = Edit.RowVersion;
        campaign.Rename(Edit.Name);
        campaign.Reschedule(Edit.OpensOn!.Value, Edit.ClosesOn!.Value);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            if (!await LoadAsync(cohortId))
            {
                return NotFound();
            }
            Conflict = Campaigns.SingleOrDefault(c => c.Id == campaignId);
            if (Conflict is null)
            {
                return NotFound();
            }
            // Keep what the person typed, but arm the form with the current version so a second save is deliberate.
            Edit.RowVersion = Conflict.RowVersion;
            return Page();
        }
        TempData["Message"] = l["La campagne « {0} » a été enregistrée.", campaign.Name].Value;
        return RedirectToPage(new { cohortId });
    }

    private async Task<bool> LoadAsync(int cohortId)
    {
        var cohort = await coordination.Cohorts.Where(c => c.Id == cohortId)
            .Select(c => new CohortView(c.Id, c.Name, c.FrameworkId, c.Framework.Revision, c.StartsOn, c.EndsOn, c.Programme.Components))
            .SingleOrDefaultAsync();
        // A programme without self-assessment has no campaigns page (Hosting/ComponentAccess, read here with the cohort).
        if (cohort is null || !Portfolio.Web.Hosting.ComponentAccess.Shows("/Coordinator/Campaigns/Index", cohort.Components))
        {
            return false;
        }
        Cohort = cohort;
        Today = clock.Today();
        var today = Today;
        var campaigns = await db.Campaigns.AsNoTracking().Where(c => c.CohortId == cohortId)
            .OrderBy(c => c.Position).ThenBy(c => c.OpensOn).ThenBy(c => c.Id)
            .ToListAsync();
        Campaigns = campaigns.Select(c => new CampaignView(c.Id, c.Name, c.OpensOn, c.ClosesOn, c.StateOn(today), c.RowVersion)).ToList();

        var framework = await frameworks.GetAsync(db, cohort.FrameworkId, cohort.FrameworkRevision);
        var seminars = await db.CohortSessions.AsNoTracking().Seminars(cohortId).ToListAsync();
        CompetencyCount = framework.LeadershipCompetencies.Count;
        if (campaigns.MaxBy(c => c.ClosesOn) is { } last)
        {
            LateSeminars = framework.LeadershipCompetencies
                .Select(c => (Competency: c, Seminar: seminars.SingleOrDefault(s => s.LeadershipCompetencyId == c.Id)))
                .Where(x => x.Seminar?.FallsAfter(last) == true)
                .Select(x => new LateSeminar(x.Competency.Code, x.Competency.Title, x.Seminar!.Day, last.Name, last.ClosesOn)).ToList();
        }

        ObjectiveCount = framework.Objectives.Count;
        HasSelfAssessment = framework.HasSelfAssessment;

        var people = await db.Enrolments.Where(e => e.CohortId == cohortId && e.WithdrawnAt == null)
            .Join(db.Users, e => e.UserId, u => u.Id, (e, u) => u)
            .OrderBy(u => u.LastName).ThenBy(u => u.FirstName).ThenBy(u => u.Email)
            .Select(u => new { u.Id, u.FirstName, u.LastName, u.Email })
            .ToListAsync();
        // Counts only, grouped in the database: justifications never leave it for this page.
        var counts = await db.SelfAssessments
            .Where(a => a.Campaign.CohortId == cohortId && a.Level != null)
            .GroupBy(a => new { a.ParticipantId, a.CampaignId, Leadership = a.LeadershipCompetencyId != null })
            .Select(g => new { g.Key.ParticipantId, g.Key.CampaignId, g.Key.Leadership, Count = g.Count() })
            .ToListAsync();
        var byKey = counts.ToDictionary(c => (c.ParticipantId, c.CampaignId, c.Leadership), c => c.Count);
        int Count(string participant, int campaign, bool leadership) => byKey.TryGetValue((participant, campaign, leadership), out var n) ? n : 0;
        Participants = people.Select(p => new ParticipantProgress(
            $"{p.LastName} {p.FirstName}".Trim() is { Length: > 0 } name ? name : p.Email ?? p.Id,
            Campaigns.Select(c => new CampaignProgress(Count(p.Id, c.Id, false), Count(p.Id, c.Id, true))).ToList())).ToList();
        return true;
    }

    /// <summary>The state as a French word (the page never relies on colour alone).</summary>
    public string StateLabel(CampaignState state) => state switch
    {
        CampaignState.Upcoming => l["À venir"],
        CampaignState.Open => l["Ouverte"],
        _ => l["Clôturée"],
    };

    public sealed record CohortView(int Id, string Name, int FrameworkId, Guid FrameworkRevision, DateOnly StartsOn, DateOnly EndsOn, ProgrammeComponents Components)
    {
        /// <summary>A programme without leadership seminars has no seminar dates to plan (and no lock on self-assessment to explain).</summary>
        public bool HasSeminars => (Components & ProgrammeComponents.LeadershipSeminars) != 0;
    }
    public sealed record CampaignView(int Id, string Name, DateOnly OpensOn, DateOnly ClosesOn, CampaignState State, uint RowVersion);
    public sealed record LateSeminar(string Code, string Title, DateOnly HeldOn, string Campaign, DateOnly CampaignClosesOn);
    public sealed record ParticipantProgress(string Name, IReadOnlyList<CampaignProgress> Campaigns);
    public sealed record CampaignProgress(int Objectives, int Leadership);

    /// <summary>A campaign's name and dates; <see cref="RowVersion"/> only matters when editing an existing one.</summary>
    public sealed class CampaignInput
    {
        [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
        [StringLength(200, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
        [Display(Name = "Nom de la campagne")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
        [Display(Name = "Ouverture")]
        public DateOnly? OpensOn { get; set; }

        [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
        [Display(Name = "Clôture")]
        public DateOnly? ClosesOn { get; set; }

        public uint RowVersion { get; set; }
    }
}
