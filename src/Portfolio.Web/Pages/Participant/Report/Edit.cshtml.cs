using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Portfolios;
using Portfolio.Core.Submissions;

namespace Portfolio.Web.Pages.Participant.Report;

/// <summary>
/// Writes one section of the individual report (Markdown) and chooses the evidence of the portfolio it cites. Every
/// save keeps the previous text as a draft (revision). A save made from a stale form (the section changed in another tab
/// since) is refused with both versions shown, and what the person typed stays in the form.
/// </summary>
public class EditModel(PortfolioDb db, FrameworkModels frameworks, MyCohorts myCohorts, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public SectionInput Input { get; set; } = new();

    public string Key { get; private set; } = "";
    public string Title { get; private set; } = "";
    public IReadOnlyList<EvidenceChoice> Evidence { get; private set; } = [];
    public Stored? Conflict { get; private set; }
    public int RevisionCount { get; private set; }

    public async Task<IActionResult> OnGetAsync(string key)
    {
        if (await LoadAsync(key) is not { } cohort)
        {
            return NotFound();
        }
        var section = await Sections(cohort).Where(s => s.Key == key)
            .Select(s => new { s.Text, s.EvidenceIds, s.RowVersion, Revisions = s.Revisions.Count }).SingleOrDefaultAsync();
        if (section is not null)
        {
            Input = new SectionInput { Text = section.Text, EvidenceIds = [.. section.EvidenceIds], RowVersion = section.RowVersion };
            RevisionCount = section.Revisions;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string key)
    {
        if (await LoadAsync(key) is not { } cohort)
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var framework = await frameworks.GetAsync(db, cohort.FrameworkId, cohort.FrameworkRevision);
        var now = clock.GetUtcNow();
        var report = await db.IndividualReports.Include(r => r.Sections)
            .SingleOrDefaultAsync(r => r.OwnerId == cohort.OwnerId && r.CohortId == cohort.CohortId);
        if (report is null)
        {
            report = new IndividualReport(cohort.OwnerId, cohort.CohortId, ReportSections.For(framework), now);
            db.IndividualReports.Add(report);
        }
        else if (report.Sections.SingleOrDefault(s => s.Key == key) is { } section)
        {
            // The version the form was loaded with: if the section changed since, SaveChanges refuses.
            db.Entry(section).Property(s => s.RowVersion).OriginalValue = Input.RowVersion;
        }
        try
        {
            report.Write(key, Input.Text, Input.EvidenceIds, Evidence.Select(e => e.Id).ToHashSet(), now);
            await db.SaveChangesAsync();
        }
        catch (ReportRuleException e) when (e.Problem == ReportProblem.CitesForeignEvidence)
        {
            ModelState.AddModelError("Input.EvidenceIds", l["Une preuve citée ne fait pas partie de votre portfolio : choisissez parmi vos preuves."]);
            return Page();
        }
        catch (ReportRuleException)
        {
            return NotFound();
        }
        catch (Exception e) when (e is DbUpdateConcurrencyException || e is DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } })
        {
            // Another tab saved this section (or started the report) since this form was loaded.
            db.ChangeTracker.Clear();
            var current = await Sections(cohort).Where(s => s.Key == key).Select(s => new { s.Text, s.UpdatedAt, s.RowVersion }).SingleOrDefaultAsync();
            Conflict = new Stored(current?.Text ?? "", current?.UpdatedAt);
            ModelState.Remove("Input.RowVersion");
            Input.RowVersion = current?.RowVersion ?? 0;
            return Page();
        }
        TempData["Message"] = l["La section « {0} » a été enregistrée.", Title].Value;
        return RedirectToPage("Index");
    }

    private IQueryable<ReportSection> Sections(ParticipantCohort cohort) =>
        db.IndividualReports.Where(r => r.OwnerId == cohort.OwnerId && r.CohortId == cohort.CohortId).SelectMany(r => r.Sections);

    /// <summary>The cohort, when the key names a section of its framework's plan; also loads the evidence that may be cited.</summary>
    private async Task<ParticipantCohort?> LoadAsync(string key)
    {
        if (await myCohorts.CurrentAsync() is not { } cohort)
        {
            return null;
        }
        var framework = await frameworks.GetAsync(db, cohort.FrameworkId, cohort.FrameworkRevision);
        if (ReportSections.For(framework).FirstOrDefault(p => p.Key == key) is not { } plan)
        {
            return null;
        }
        (Key, Title) = (plan.Key, ReportText.SectionTitle(l, plan.Key, plan.Title));
        Evidence = await db.Evidence.In(cohort).OrderByDescending(e => e.OccurredOn).ThenByDescending(e => e.Id)
            .Select(e => new EvidenceChoice(e.Id, e.Title, e.OccurredOn)).ToListAsync();
        return cohort;
    }

    public sealed record EvidenceChoice(int Id, string Title, DateOnly OccurredOn);
    public sealed record Stored(string Text, DateTimeOffset? UpdatedAt);

    public sealed class SectionInput
    {
        [StringLength(IndividualReport.TextLength, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
        [Display(Name = "Texte de la section")]
        public string? Text { get; set; }

        [Display(Name = "Preuves citées")]
        public List<int> EvidenceIds { get; set; } = [];

        public uint RowVersion { get; set; }
    }
}
