using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Portfolios;
using Portfolio.Core.Storage;
using Portfolio.Core.Submissions;

namespace Portfolio.Web.Pages.Participant.Submission;

/// <summary>
/// Reviews what will be submitted for assessment (the evidence marked for it, the individual report, the feedback
/// received, the self-assessments) and chooses the journal reflections to add; then submits, after a confirmation. The
/// snapshot is taken in one transaction with copies of every file. A participant submits once: a second submit, or two
/// sent together, is refused until a coordinator reopens.
/// </summary>
public class IndexModel(PortfolioDb db, FrameworkModels frameworks, FileStore files, MyCohorts myCohorts, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public SubmitInput Input { get; set; } = new();

    public bool NotEnrolled { get; private set; }
    public bool Locked { get; private set; }
    public IReadOnlyList<PastSubmission> Submitted { get; private set; } = [];
    public IReadOnlyList<MarkedEvidence> Evidence { get; private set; } = [];
    public IReadOnlyList<Reflection> Reflections { get; private set; } = [];
    public int FeedbackCount { get; private set; }
    public int CampaignCount { get; private set; }
    public string? ReportFile { get; private set; }
    public int ReportWords { get; private set; }

    public async Task OnGetAsync()
    {
        if (await myCohorts.CurrentAsync() is not { } cohort)
        {
            NotEnrolled = true;
            return;
        }
        await LoadAsync(cohort);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await myCohorts.CurrentAsync() is not { } cohort)
        {
            NotEnrolled = true;
            return Page();
        }
        if (!Input.Confirm)
        {
            ModelState.AddModelError("Input.Confirm", l["Cochez la confirmation : après le dépôt, plus rien ne peut être changé sans l'accord de la coordination."]);
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(cohort);
            return Page();
        }
        var framework = await frameworks.GetAsync(db, cohort.FrameworkId, cohort.FrameworkRevision);
        var now = clock.GetUtcNow();
        // The copied files and the snapshot that names them are one save.
        await using var transaction = await db.Database.BeginTransactionAsync();
        try
        {
            var record = await db.SubmissionRecords.Include(r => r.Submissions)
                .SingleOrDefaultAsync(r => r.ParticipantId == cohort.OwnerId && r.CohortId == cohort.CohortId);
            if (record is null)
            {
                record = new SubmissionRecord(cohort.OwnerId, cohort.CohortId);
                db.SubmissionRecords.Add(record);
            }
            // Refused before any file is copied; Submit refuses it too.
            if (record.IsLocked)
            {
                throw new SubmissionRuleException(SubmissionProblem.AlreadySubmitted);
            }
            var (snapshot, copies) = await SubmissionSnapshot.TakeAsync(db, files, framework, cohort.OwnerId, cohort.CohortId, Input.ReflectionIds.Distinct().ToList());
            record.Submit(snapshot, copies, now);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        catch (Exception e) when (e is SubmissionRuleException or DbUpdateConcurrencyException
            || e is DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } })
        {
            // Already submitted, or another submit (a double click, a second tab) got there first: nothing of this one is kept.
            await transaction.RollbackAsync();
            db.ChangeTracker.Clear();
            ModelState.AddModelError(string.Empty, l["Votre travail a déjà été déposé. Pour le déposer à nouveau, demandez à la coordination de rouvrir votre dépôt."]);
            await LoadAsync(cohort);
            return Page();
        }
        TempData["Message"] = l["Votre travail a été déposé pour l'évaluation."].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync(ParticipantCohort cohort)
    {
        var record = await db.SubmissionRecords.Where(r => r.ParticipantId == cohort.OwnerId && r.CohortId == cohort.CohortId)
            .Select(r => new { r.LastSubmittedAt, r.LastReopenedAt, Dates = r.Submissions.OrderBy(s => s.Number).Select(s => new PastSubmission(s.Id, s.Number, s.SubmittedAt)).ToList() })
            .SingleOrDefaultAsync();
        Submitted = record?.Dates ?? [];
        Locked = SubmissionRecord.Locks(record?.LastSubmittedAt, record?.LastReopenedAt);
        Evidence = await db.Evidence.In(cohort).Where(e => e.MarkedForAssessment).OrderBy(e => e.OccurredOn).ThenBy(e => e.Id)
            .Select(e => new MarkedEvidence(e.Id, e.Title, e.OccurredOn, e.Attachments.Count)).ToListAsync();
        Reflections = await db.JournalEntries.In(cohort).OrderByDescending(j => j.WrittenOn).ThenByDescending(j => j.Id)
            .Select(j => new Reflection(j.Id, j.Title, j.WrittenOn)).ToListAsync();
        FeedbackCount = await db.Feedback.CountAsync(f => f.SubmittedAt != null
            && db.FeedbackRequests.Any(r => r.Id == f.RequestId && r.RequesterId == cohort.OwnerId && r.CohortId == cohort.CohortId));
        CampaignCount = await db.Campaigns.CountAsync(c => c.CohortId == cohort.CohortId);
        var report = await db.IndividualReports.Where(r => r.OwnerId == cohort.OwnerId && r.CohortId == cohort.CohortId)
            .Select(r => new { r.FileName, Words = r.Sections.Sum(s => s.Words) }).SingleOrDefaultAsync();
        (ReportFile, ReportWords) = (report?.FileName, report?.Words ?? 0);
    }

    public sealed record MarkedEvidence(int Id, string Title, DateOnly OccurredOn, int Attachments);
    public sealed record Reflection(int Id, string Title, DateOnly WrittenOn);

    public sealed class SubmitInput
    {
        [Display(Name = "Réflexions du journal à joindre")]
        public List<int> ReflectionIds { get; set; } = [];

        [Display(Name = "Je confirme le dépôt")]
        public bool Confirm { get; set; }
    }
}

/// <summary>A snapshot the participant took, which they can read again as the jury reads it.</summary>
public sealed record PastSubmission(int Id, int Number, DateTimeOffset SubmittedAt);
