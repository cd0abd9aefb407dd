using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Intervision;
using Portfolio.Core.Notifications;
using Portfolio.Core.Portfolios;
using Portfolio.Core.Text;
using Portfolio.Web.Text;

namespace Portfolio.Web.Pages.Participant.Feedback;

/// <summary>
/// A participant asks their intervision group, or chosen members of it, for feedback on evidence items of theirs and/or
/// objectives of the framework, with a question and a due date. Asking shares exactly those items with exactly those
/// peers (<see cref="ItemAccess"/> honours a standing request) and notifies each of them.
/// </summary>
public class AskModel(PortfolioDb db, FrameworkModels frameworks, MyCohorts myCohorts, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public AskInput Input { get; set; } = new();

    public bool NotEnrolled { get; private set; }
    public FrameworkModel Framework { get; private set; } = null!;
    public IReadOnlyList<Choice> Peers { get; private set; } = [];
    public IReadOnlyList<Choice> MyEvidence { get; private set; } = [];

    /// <summary>The person's transformation project in this cohort, on which advice may be asked; null when none yet.</summary>
    public Choice? MyProject { get; private set; }

    /// <summary>Whether the programme uses evidence items (their choice is shown only then).</summary>
    public bool UsesEvidence { get; private set; }

    /// <summary>
    /// Whether there is anything to ask about: evidence, objectives, the project. Without any (a programme of groups and a
    /// journal), the question alone tells the situation peers are asked about.
    /// </summary>
    public bool MaterialOffered => MyEvidence.Count > 0 || Framework.Objectives.Count > 0 || MyProject is not null;

    /// <param name="evidence">The evidence item the person came from ("Demander un retour" on its page): ticked already.</param>
    /// <param name="project">Coming from the project's page ("Demander conseil"): the project is ticked already.</param>
    public async Task<IActionResult> OnGetAsync(int? evidence, bool project = false)
    {
        if (await myCohorts.CurrentAsync() is not { } cohort)
        {
            NotEnrolled = true;
            return Page();
        }
        await LoadChoicesAsync(cohort);
        Input = new AskInput { DueOn = clock.Today().AddDays(14) };
        if (evidence is { } chosen && MyEvidence.Any(e => e.Id == chosen.ToString()))
        {
            Input.EvidenceIds = [chosen];
        }
        Input.OnProject = project && MyProject is not null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await myCohorts.CurrentAsync() is not { } cohort)
        {
            NotEnrolled = true;
            return Page();
        }
        await LoadChoicesAsync(cohort);
        var mine = MyEvidence.Select(e => int.Parse(e.Id, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        if (Input.EvidenceIds.Any(id => !mine.Contains(id)))
        {
            ModelState.AddModelError("Input.EvidenceIds", l["Une preuve choisie n'est pas une de vos preuves de cette promotion : choisissez dans la liste."]);
        }
        if (Input.ObjectiveIds.Any(id => !Framework.ObjectivesById.ContainsKey(id)))
        {
            ModelState.AddModelError("Input.ObjectiveIds", l["Un objectif choisi n'appartient pas au référentiel de votre promotion : choisissez dans la liste."]);
        }
        if (Input.OnProject && MyProject is null)
        {
            ModelState.AddModelError("Input.OnProject", l["Décrivez d'abord votre projet de transformation pour demander conseil à son sujet."]);
        }
        if (MaterialOffered && Input.EvidenceIds.Count == 0 && Input.ObjectiveIds.Count == 0 && !Input.OnProject)
        {
            ModelState.AddModelError("Input.EvidenceIds", l["Choisissez au moins une preuve, un objectif ou votre projet sur lequel vous demandez un retour."]);
        }
        var peerIds = Peers.Select(p => p.Id).ToHashSet();
        string[] asked = Input.WholeGroup ? [.. peerIds] : [.. Input.PeerIds.Distinct()];
        if (!Input.WholeGroup && asked.Any(id => !peerIds.Contains(id)))
        {
            ModelState.AddModelError("Input.PeerIds", l["Une personne choisie n'est pas membre de votre groupe d'intervision : choisissez parmi ses membres."]);
        }
        if (asked.Length == 0)
        {
            ModelState.AddModelError("Input.PeerIds", Peers.Count == 0
                ? l["Vous n'avez pas encore de pair dans un groupe d'intervision : la coordination doit d'abord vous attribuer un groupe."]
                : l["Choisissez au moins un membre de votre groupe, ou tout le groupe."]);
        }
        if (Input.DueOn is { } due && due < clock.Today())
        {
            ModelState.AddModelError("Input.DueOn", l["La date de retour souhaitée est passée : choisissez aujourd'hui ou une date à venir."]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = clock.GetUtcNow();
        var request = new FeedbackRequest(cohort.CohortId, cohort.OwnerId, Input.Question!, Input.DueOn!.Value, [.. Input.EvidenceIds], [.. Input.ObjectiveIds], asked, now,
            Input.OnProject ? int.Parse(MyProject!.Id, System.Globalization.CultureInfo.InvariantCulture) : null, MaterialOffered);
        // The peers' notifications link to the request, whose id exists once saved: both saves in one transaction.
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.FeedbackRequests.Add(request);
        await db.SaveChangesAsync();
        foreach (var peer in request.Recipients)
        {
            db.Notify(peer.PeerId, NotificationKind.FeedbackRequested, request.Question, $"/Participant/Feedback/Answer/{request.Id}", cohort.OwnerId, now);
        }
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        TempData["Message"] = l.Plural(request.Recipients.Count, "Votre demande a été envoyée à {0} pair ; il ou elle peut lire les preuves choisies jusqu'au retrait de la demande.", "Votre demande a été envoyée à {0} pairs ; ils peuvent lire les preuves choisies jusqu'au retrait de la demande.");
        return RedirectToPage("Received", new { id = request.Id });
    }

    private async Task LoadChoicesAsync(ParticipantCohort cohort)
    {
        Framework = await frameworks.GetAsync(db, cohort.FrameworkId, cohort.FrameworkRevision);
        UsesEvidence = cohort.Uses(ProgrammeComponents.Evidence);
        Peers = await GroupQueries.PeersOf(db, cohort.OwnerId, cohort.CohortId).OrderBy(u => u.LastName).ThenBy(u => u.FirstName)
            .Select(u => new Choice(u.Id, u.FirstName + " " + u.LastName)).ToListAsync();
        MyEvidence = !UsesEvidence ? [] : await db.Evidence.In(cohort).OrderByDescending(e => e.OccurredOn).ThenByDescending(e => e.Id)
            .Select(e => new Choice(e.Id.ToString(), e.Title)).ToListAsync();
        MyProject = await db.TransformationProjects.In(cohort).Select(p => new Choice(p.Id.ToString(), p.Title)).SingleOrDefaultAsync();
    }

    public sealed record Choice(string Id, string Name);

    public sealed class AskInput
    {
        [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
        [StringLength(FeedbackRequest.QuestionLength, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
        [Display(Name = "Votre question")]
        public string? Question { get; set; }

        [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
        [Display(Name = "Retour souhaité pour le")]
        public DateOnly? DueOn { get; set; }

        [Display(Name = "Preuves")]
        public List<int> EvidenceIds { get; set; } = [];

        [Display(Name = "Objectifs")]
        public List<int> ObjectiveIds { get; set; } = [];

        /// <summary>Asks advice on the person's transformation project (shared with the peers asked while the request stands).</summary>
        public bool OnProject { get; set; }

        /// <summary>Asks every member of the group; otherwise <see cref="PeerIds"/>.</summary>
        public bool WholeGroup { get; set; } = true;

        [Display(Name = "Membres choisis")]
        public List<string> PeerIds { get; set; } = [];
    }
}
