using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Intervision;
using Portfolio.Core.Notifications;
using Portfolio.Core.Portfolios;
using Portfolio.Core.Text;
using EvidenceItem = Portfolio.Core.Portfolios.Evidence;
using FeedbackEntity = Portfolio.Core.Intervision.Feedback;

namespace Portfolio.Web.Pages.Participant.Feedback;

/// <summary>
/// The requester reads the answers to one of their requests beside its material; for each submitted feedback they may
/// reply once, rate it once (how critical, how benevolent) and keep it as an evidence item of their portfolio (one
/// item per feedback: a second click leads to the item already made). Not found (404) for anyone but the requester.
/// </summary>
public class ReceivedModel(PortfolioDb db, FrameworkModels frameworks, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public RequestView Asked { get; private set; } = null!;
    public FeedbackMaterial Material { get; private set; } = null!;
    public FrameworkModel Framework => Material.Framework;
    public IReadOnlyList<PeerRow> Peers { get; private set; } = [];

    /// <summary>The feedback whose form was posted and refused: its form shows what was typed and the messages.</summary>
    public int? FormFeedbackId { get; private set; }
    public ReplyInput Reply { get; private set; } = new();
    public RateInput Rating { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostReplyAsync(int id, int feedbackId, ReplyInput reply)
    {
        var feedback = await FeedbackAsync(id, feedbackId);
        if (feedback is null)
        {
            return NotFound();
        }
        if (feedback.RepliedAt is not null)
        {
            ModelState.AddModelError("reply.Text", l["Vous avez déjà répondu à ce retour : une seule réponse est possible."]);
        }
        if (!ModelState.IsValid)
        {
            return await RefusedAsync(id, feedbackId, reply: reply);
        }
        var now = clock.GetUtcNow();
        feedback.ReplyOnce(reply.Text!, now);
        db.Notify(feedback.PeerId, NotificationKind.FeedbackReplied, Asked.Question, $"/Participant/Feedback/Answer/{id}", Me, now);
        await db.SaveChangesAsync();
        TempData["Message"] = l["Votre réponse a été envoyée."].Value;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRateAsync(int id, int feedbackId, RateInput rating)
    {
        var feedback = await FeedbackAsync(id, feedbackId);
        if (feedback is null)
        {
            return NotFound();
        }
        if (feedback.RatedAt is not null)
        {
            ModelState.AddModelError(string.Empty, l["Ce retour a déjà été évalué : une évaluation ne se modifie pas."]);
        }
        if (!ModelState.IsValid)
        {
            return await RefusedAsync(id, feedbackId, rating: rating);
        }
        var now = clock.GetUtcNow();
        feedback.Rate(rating.Critical!.Value, rating.Benevolent!.Value, rating.Comment, now);
        db.Notify(feedback.PeerId, NotificationKind.FeedbackRated, Asked.Question, $"/Participant/Feedback/Answer/{id}", Me, now);
        await db.SaveChangesAsync();
        TempData["Message"] = l["Votre évaluation a été enregistrée."].Value;
        return RedirectToPage(new { id });
    }

    /// <summary>"Garder comme preuve": the feedback becomes a private evidence item of the requester's portfolio, its origin kept.</summary>
    public async Task<IActionResult> OnPostKeepAsync(int id, int feedbackId)
    {
        var feedback = await FeedbackAsync(id, feedbackId, tracked: false);
        if (feedback is null)
        {
            return NotFound();
        }
        if (await KeptAsync(feedbackId) is { } existing)
        {
            TempData["Message"] = l["Ce retour est déjà une preuve de votre portfolio."].Value;
            return RedirectToPage("/Participant/Evidence/Details", new { id = existing });
        }
        var request = await db.FeedbackRequests.AsNoTracking().Where(r => r.Id == id)
            .Join(db.Cohorts, r => r.CohortId, c => c.Id, (r, c) => new { r.CohortId, r.Question, r.EvidenceIds, r.ObjectiveIds, r.ProjectId, c.FrameworkId, c.Framework.Revision })
            .SingleAsync();
        var framework = await frameworks.GetAsync(db, request.FrameworkId, request.Revision);
        var itemObjectives = await db.Evidence.Where(e => e.OwnerId == Me && request.EvidenceIds.Contains(e.Id)).Select(e => e.ObjectiveIds).ToListAsync();
        var peer = await db.Users.Where(u => u.Id == feedback.PeerId).Select(u => u.FirstName + " " + u.LastName).SingleAsync();
        var c = feedback.Content;
        // Tagged to what the feedback speaks about; failing that, to what the request was about.
        int[] objectives = [.. c.Strengths.ObjectiveIds.Concat(c.Questions.ObjectiveIds).Concat(c.Suggestions.ObjectiveIds).Concat(request.ObjectiveIds)];
        if (objectives.Length == 0)
        {
            objectives = [.. itemObjectives.SelectMany(o => o)];
        }
        if (objectives.Length == 0 && EvidenceItem.RequiresObjective(framework))
        {
            // Advice asked on the project alone, tied to no objective: an evidence item of this framework needs one, which only
            // the person can choose. Where the framework has none, the item is kept tied to the project (below) or alone.
            TempData["Message"] = l["Ce conseil ne se rapporte à aucun objectif : pour le garder comme preuve, créez une preuve liée à votre projet et choisissez ses objectifs."].Value;
            return RedirectToPage(new { id });
        }
        var submitted = feedback.SubmittedAt!.Value;
        var title = StorableText.Shorten(l["Retour de {0} : « {1} »", peer, request.Question.ReplaceLineEndings(" ")].Value, 300);
        var content = new EvidenceContent(title, Dates.InBrussels(submitted), EvidenceKind.FeedbackReceived, Describe(c), "", Visibility.Private,
            objectives, [], [.. c.Strengths.AxisIds.Concat(c.Questions.AxisIds).Concat(c.Suggestions.AxisIds)], [], [], []);
        var origin = new EvidenceOrigin(EvidenceOriginKind.FeedbackReceived, feedback.Id,
            l["Retour de {0} sur « {1} », {2}", peer, request.Question.ReplaceLineEndings(" "), Dates.Day(submitted)]);
        var evidence = new EvidenceItem(Me, request.CohortId, framework, content, clock.GetUtcNow(), origin);
        // Advice on the transformation project documents it.
        evidence.TieTo(request.ProjectId is { } projectId ? await db.TransformationProjects.SingleOrDefaultAsync(p => p.Id == projectId && p.OwnerId == Me) : null);
        db.Evidence.Add(evidence);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // The same click twice at once: the database keeps one item per source.
            db.ChangeTracker.Clear();
            if (await KeptAsync(feedbackId) is { } kept)
            {
                return RedirectToPage("/Participant/Evidence/Details", new { id = kept });
            }
            throw;
        }
        TempData["Message"] = l["Ce retour est maintenant une preuve de votre portfolio, privée : complétez-la de votre réflexion."].Value;
        return RedirectToPage("/Participant/Evidence/Details", new { id = evidence.Id });
    }

    private string Me => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private string Describe(FeedbackContent c)
    {
        var text = new StringBuilder();
        foreach (var (title, part) in new[] { (l["Ce qui fonctionne"].Value, c.Strengths), (l["Les questions que cela soulève"].Value, c.Questions), (l["Suggestions"].Value, c.Suggestions) })
        {
            if (part.Text.Length > 0)
            {
                text.Append("## ").AppendLine(title).AppendLine().AppendLine(part.Text.Trim()).AppendLine();
            }
        }
        return text.ToString();
    }

    private Task<int?> KeptAsync(int feedbackId) =>
        db.Evidence.Where(e => e.OwnerId == Me && e.OriginKind == EvidenceOriginKind.FeedbackReceived && e.OriginId == feedbackId)
            .Select(e => (int?)e.Id).SingleOrDefaultAsync();

    /// <summary>A submitted feedback on one of the person's own requests; loads the request's header for the notification subject.</summary>
    private async Task<FeedbackEntity?> FeedbackAsync(int id, int feedbackId, bool tracked = true)
    {
        var request = await db.FeedbackRequests.AsNoTracking().Where(r => r.Id == id && r.RequesterId == Me)
            .Select(r => new RequestView(r.Id, r.Question, r.DueOn, r.CreatedAt, r.WithdrawnAt, r.ObjectiveIds)).SingleOrDefaultAsync();
        if (request is null)
        {
            return null;
        }
        Asked = request;
        var query = db.Feedback.Where(f => f.Id == feedbackId && f.RequestId == id && f.SubmittedAt != null);
        return await (tracked ? query : query.AsNoTracking()).SingleOrDefaultAsync();
    }

    private async Task<IActionResult> RefusedAsync(int id, int feedbackId, ReplyInput? reply = null, RateInput? rating = null)
    {
        db.ChangeTracker.Clear();
        await LoadAsync(id);
        FormFeedbackId = feedbackId;
        Reply = reply ?? new();
        Rating = rating ?? new();
        return Page();
    }

    private async Task<bool> LoadAsync(int id)
    {
        var found = await db.FeedbackRequests.AsNoTracking().Where(r => r.Id == id && r.RequesterId == Me)
            .Join(db.Cohorts, r => r.CohortId, c => c.Id, (r, c) => new { r, c.FrameworkId, c.Framework.Revision })
            .SingleOrDefaultAsync();
        if (found is null)
        {
            return false;
        }
        var r = found.r;
        Asked = new RequestView(r.Id, r.Question, r.DueOn, r.CreatedAt, r.WithdrawnAt, r.ObjectiveIds);
        var framework = await frameworks.GetAsync(db, found.FrameworkId, found.Revision);
        Material = await FeedbackMaterial.LoadAsync(db, Me, r.EvidenceIds, r.ObjectiveIds, framework, r.ProjectId);
        var peers = await db.FeedbackRecipients.Where(p => p.RequestId == id)
            .Join(db.Users, p => p.PeerId, u => u.Id, (p, u) => new { p.PeerId, u.FirstName, u.LastName })
            .OrderBy(x => x.LastName).ThenBy(x => x.FirstName)
            .ToListAsync();
        var answers = (await db.Feedback.AsNoTracking().Where(f => f.RequestId == id && f.SubmittedAt != null).ToListAsync()).ToDictionary(f => f.PeerId);
        var feedbackIds = answers.Values.Select(f => (int?)f.Id).ToArray();
        var kept = await db.Evidence.Where(e => e.OwnerId == Me && e.OriginKind == EvidenceOriginKind.FeedbackReceived && feedbackIds.Contains(e.OriginId))
            .Select(e => new { e.OriginId, e.Id }).ToDictionaryAsync(e => e.OriginId!.Value, e => e.Id);
        Peers = [.. peers.Select(x => new PeerRow(x.FirstName + " " + x.LastName, answers.TryGetValue(x.PeerId, out var f)
            ? new Answer(f.Id, f.Content, f.SubmittedAt!.Value, f.Reply, f.RepliedAt, f.CriticalRating, f.BenevolentRating, f.RatingComment,
                kept.TryGetValue(f.Id, out var e) ? e : null)
            : null))];
        return true;
    }

    public sealed record RequestView(int Id, string Question, DateOnly DueOn, DateTimeOffset AskedAt, DateTimeOffset? WithdrawnAt, int[] ObjectiveIds);

    public sealed record PeerRow(string Name, Answer? Answer);

    public sealed record Answer(int Id, FeedbackContent Content, DateTimeOffset SubmittedAt, string? Reply, DateTimeOffset? RepliedAt,
        int? Critical, int? Benevolent, string? RatingComment, int? EvidenceId);

    public sealed class ReplyInput
    {
        [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
        [StringLength(FeedbackEntity.ReplyLength, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
        [Display(Name = "Votre réponse")]
        public string? Text { get; set; }
    }

    public sealed class RateInput
    {
        [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
        [Range(FeedbackEntity.MinRating, FeedbackEntity.MaxRating, ErrorMessage = "Le champ {0} va de {1} à {2}.")]
        [Display(Name = "Critique")]
        public int? Critical { get; set; }

        [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
        [Range(FeedbackEntity.MinRating, FeedbackEntity.MaxRating, ErrorMessage = "Le champ {0} va de {1} à {2}.")]
        [Display(Name = "Bienveillant")]
        public int? Benevolent { get; set; }

        [StringLength(FeedbackEntity.RatingCommentLength, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
        [Display(Name = "Commentaire (facultatif)")]
        public string? Comment { get; set; }
    }
}
