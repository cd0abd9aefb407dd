using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Intervision;
using Portfolio.Core.Notifications;
using Portfolio.Core.Text;
using FeedbackEntity = Portfolio.Core.Intervision.Feedback;

namespace Portfolio.Web.Pages.Participant.Feedback;

/// <summary>
/// A peer answers a feedback request: the material beside the three-part form. The draft is kept while they write
/// (autosave posts it; without JavaScript "Enregistrer le brouillon" does), then submitted to the requester. Only a peer
/// asked by a standing request finds it (404 for anyone else, and for everyone once it is withdrawn). After submitting,
/// the peer sees what they sent, the requester's reply and rating.
/// </summary>
public class AnswerModel(PortfolioDb db, FrameworkModels frameworks, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public FeedbackInput Input { get; set; } = new();

    public RequestView Asked { get; private set; } = null!;
    public FeedbackMaterial Material { get; private set; } = null!;
    public FrameworkModel Framework => Material.Framework;
    public Sent? Submitted { get; private set; }
    public DateTimeOffset? DraftSavedAt { get; private set; }
    public Stored? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var feedback = await MineAsync(id, tracked: false);
        if (feedback is not null)
        {
            Input = FeedbackInput.From(feedback.Content, feedback.RowVersion);
            DraftSavedAt = feedback.IsSubmitted ? null : feedback.UpdatedAt;
            if (feedback.IsSubmitted)
            {
                Submitted = Sent.From(feedback);
            }
        }
        return Page();
    }

    /// <summary>Keeps the draft (the form's "Enregistrer le brouillon").</summary>
    public async Task<IActionResult> OnPostAsync(int id)
    {
        var outcome = await SaveAsync(id, submit: false);
        if (outcome is Outcome.Saved)
        {
            TempData["Message"] = l["Votre brouillon a été enregistré. Il reste visible de vous seul·e jusqu'à l'envoi."].Value;
            return RedirectToPage(new { id });
        }
        return outcome is Outcome.NotFound ? NotFound() : Page();
    }

    /// <summary>
    /// The same save, posted by wwwroot/js/feedback-autosave.js while the peer writes. Saved: 204 with the new row version
    /// in a header (a save accepted, like the redirect of the button); refused or stale: 200 with the reason, nothing saved.
    /// </summary>
    public async Task<IActionResult> OnPostAutosaveAsync(int id)
    {
        var outcome = await SaveAsync(id, submit: false);
        if (outcome is Outcome.NotFound)
        {
            return NotFound();
        }
        if (outcome is Outcome.Saved)
        {
            Response.Headers["X-Row-Version"] = Input.RowVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new NoContentResult();
        }
        var reason = outcome is Outcome.Conflict
            ? l["Ce brouillon a été modifié ailleurs : enregistrez avec le bouton pour voir les deux versions."].Value
            : l["Le brouillon n'a pas pu être enregistré : {0}", string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage))].Value;
        return new JsonResult(new { saved = false, message = reason });
    }

    public async Task<IActionResult> OnPostSubmitAsync(int id)
    {
        var outcome = await SaveAsync(id, submit: true);
        if (outcome is Outcome.Saved)
        {
            TempData["Message"] = l["Votre retour a été envoyé à {0}.", Asked.Requester].Value;
            return RedirectToPage(new { id });
        }
        return outcome is Outcome.NotFound ? NotFound() : Page();
    }

    private enum Outcome { Saved, Invalid, Conflict, NotFound }

    private async Task<Outcome> SaveAsync(int id, bool submit)
    {
        if (!await LoadAsync(id))
        {
            return Outcome.NotFound;
        }
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var request = await db.FeedbackRequests.Include(r => r.Recipients.Where(p => p.PeerId == me)).SingleAsync(r => r.Id == id);
        var feedback = await MineAsync(id, tracked: true);
        if (feedback?.IsSubmitted == true)
        {
            Submitted = Sent.From(feedback);
            ModelState.AddModelError(string.Empty, l["Ce retour a déjà été envoyé : il ne peut plus être modifié."]);
            return Outcome.Invalid;
        }
        var content = Input.Validate(ModelState, Framework, Asked.ObjectiveIds, l);
        if (content is null)
        {
            return Outcome.Invalid;
        }
        if (submit && content.Strengths.Text.Trim().Length == 0 && content.Questions.Text.Trim().Length == 0 && content.Suggestions.Text.Trim().Length == 0)
        {
            ModelState.AddModelError(string.Empty, l["Écrivez au moins une des trois parties avant d'envoyer votre retour."]);
            return Outcome.Invalid;
        }
        var now = clock.GetUtcNow();
        if (feedback is null)
        {
            if (Input.RowVersion != 0)
            {
                return await ConflictAsync(id);
            }
            feedback = new FeedbackEntity(request, me, now);
            db.Feedback.Add(feedback);
        }
        else
        {
            // The version the form was loaded with: if the draft was saved since (another tab), SaveChanges refuses.
            db.Entry(feedback).Property(f => f.RowVersion).OriginalValue = Input.RowVersion;
        }
        feedback.Write(content, request, Framework, now);
        if (submit)
        {
            feedback.Submit(request.Recipients.Single(), now);
            db.Notify(request.RequesterId, NotificationKind.FeedbackAnswered, request.Question, $"/Participant/Feedback/Received/{id}", me, now);
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // A stale version, or a first draft saved meanwhile from another tab (the unique (request, peer) index).
            return await ConflictAsync(id);
        }
        Input.RowVersion = feedback.RowVersion;
        return Outcome.Saved;
    }

    /// <summary>Keeps what the person typed and shows the stored version; the form is armed with it so a second save is deliberate.</summary>
    private async Task<Outcome> ConflictAsync(int id)
    {
        db.ChangeTracker.Clear();
        var current = await MineAsync(id, tracked: false);
        if (current is null)
        {
            return Outcome.NotFound;
        }
        if (current.IsSubmitted)
        {
            Submitted = Sent.From(current);
        }
        var c = current.Content;
        Conflict = new Stored(c.Strengths.Text, c.Questions.Text, c.Suggestions.Text, current.UpdatedAt);
        ModelState.Remove("Input.RowVersion");
        Input.RowVersion = current.RowVersion;
        ModelState.AddModelError(string.Empty, l["Ce brouillon a été modifié ailleurs (autre onglet ou autre appareil) depuis que vous l'avez ouvert. Votre texte est conservé dans le formulaire ; la version enregistrée est affichée au-dessus. Enregistrez à nouveau pour la remplacer par la vôtre."]);
        return Outcome.Conflict;
    }

    private async Task<bool> LoadAsync(int id)
    {
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var found = await db.FeedbackRequests.AsNoTracking()
            .Where(r => r.Id == id && r.WithdrawnAt == null && r.Recipients.Any(p => p.PeerId == me))
            .Join(db.Users, r => r.RequesterId, u => u.Id, (r, u) => new { r, Requester = u.FirstName + " " + u.LastName })
            .Join(db.Cohorts, x => x.r.CohortId, c => c.Id, (x, c) => new
            {
                x.r.Id, x.Requester, x.r.Question, x.r.DueOn, x.r.EvidenceIds, x.r.ObjectiveIds, x.r.ProjectId, x.r.CreatedAt, c.FrameworkId, c.Framework.Revision,
            })
            .SingleOrDefaultAsync();
        if (found is null)
        {
            return false;
        }
        Asked = new RequestView(found.Id, found.Requester, found.Question, found.DueOn, found.ObjectiveIds, found.CreatedAt);
        var framework = await frameworks.GetAsync(db, found.FrameworkId, found.Revision);
        Material = await FeedbackMaterial.LoadAsync(db, me, found.EvidenceIds, found.ObjectiveIds, framework, found.ProjectId);
        return true;
    }

    private Task<FeedbackEntity?> MineAsync(int id, bool tracked)
    {
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var query = db.Feedback.Where(f => f.RequestId == id && f.PeerId == me);
        return (tracked ? query : query.AsNoTracking()).SingleOrDefaultAsync();
    }

    public sealed record RequestView(int Id, string Requester, string Question, DateOnly DueOn, int[] ObjectiveIds, DateTimeOffset AskedAt);

    public sealed record Stored(string Strengths, string Questions, string Suggestions, DateTimeOffset UpdatedAt);

    /// <summary>A submitted feedback as its author sees it afterwards, with what the requester made of it.</summary>
    public sealed record Sent(FeedbackContent Content, DateTimeOffset SubmittedAt, string? Reply, DateTimeOffset? RepliedAt, int? Critical, int? Benevolent, string? RatingComment)
    {
        public static Sent From(FeedbackEntity f) => new(f.Content, f.SubmittedAt!.Value, f.Reply, f.RepliedAt, f.CriticalRating, f.BenevolentRating, f.RatingComment);
    }
}
