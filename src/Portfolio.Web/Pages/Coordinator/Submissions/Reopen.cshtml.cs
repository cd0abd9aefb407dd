using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;
using Portfolio.Core.Notifications;
using Portfolio.Core.Submissions;

namespace Portfolio.Web.Pages.Coordinator.Submissions;

/// <summary>
/// Reopens a participant's submission so that they can submit again (a new snapshot; the earlier ones are kept). The
/// reason is required and kept with who and when; the participant is notified. Earlier reopenings are listed.
/// </summary>
public class ReopenModel(PortfolioDb db, Coordination coordination, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public ReopenInput Input { get; set; } = new();

    public int CohortId { get; private set; }
    public string CohortName { get; private set; } = "";
    public string PersonName { get; private set; } = "";
    public IReadOnlyList<Audit> Reopenings { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int recordId) => await LoadAsync(recordId) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(int recordId)
    {
        var record = await LoadAsync(recordId);
        if (record is null)
        {
            return NotFound();
        }
        if (string.IsNullOrWhiteSpace(Input.Reason))
        {
            ModelState.AddModelError("Input.Reason", l["Indiquez la raison de la réouverture : elle est gardée et communiquée au participant."]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var now = clock.GetUtcNow();
        try
        {
            record.Reopen(me, Input.Reason!, now);
            db.Notify(record.ParticipantId, NotificationKind.SubmissionReopened, Input.Reason!.Trim(), "/Participant/Submission", me, now);
            await db.SaveChangesAsync();
        }
        catch (Exception e) when (e is SubmissionRuleException or DbUpdateConcurrencyException)
        {
            // Already reopened (a double click, another coordinator): nothing more to do.
            TempData["Message"] = l["Ce dépôt est déjà rouvert."].Value;
            return RedirectToPage("Index", new { cohortId = CohortId });
        }
        TempData["Message"] = l["Le dépôt de {0} est rouvert : un nouveau dépôt fera une nouvelle copie.", PersonName].Value;
        return RedirectToPage("Index", new { cohortId = CohortId });
    }

    private async Task<SubmissionRecord?> LoadAsync(int recordId)
    {
        var record = await db.SubmissionRecords.Include(r => r.Reopenings)
            .Where(r => r.Id == recordId && coordination.Cohorts.Any(c => c.Id == r.CohortId)).SingleOrDefaultAsync();
        if (record is null)
        {
            return null;
        }
        CohortId = record.CohortId;
        CohortName = await db.Cohorts.Where(c => c.Id == record.CohortId).Select(c => c.Name).SingleAsync();
        PersonName = await db.Users.Where(u => u.Id == record.ParticipantId).Select(u => u.FirstName + " " + u.LastName).SingleAsync();
        var ids = record.Reopenings.Select(r => r.ReopenedById).ToList();
        var names = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FirstName + " " + u.LastName);
        Reopenings = record.Reopenings.OrderByDescending(r => r.ReopenedAt)
            .Select(r => new Audit(r.ReopenedAt, r.ReopenedById is { } by ? names.GetValueOrDefault(by) : null, r.Reason)).ToList();
        return record;
    }

    public sealed record Audit(DateTimeOffset At, string? By, string Reason);

    public sealed class ReopenInput
    {
        [StringLength(SubmissionRecord.ReasonLength, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
        [Display(Name = "Raison de la réouverture")]
        public string? Reason { get; set; }
    }
}
