using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;
using Portfolio.Core.Intervision;
using Portfolio.Core.Portfolios;

namespace Portfolio.Web.Pages.Participant.Project;

/// <summary>Writes the statement of the participant's project (title, context, ambition, who may read it); the first save creates the project.</summary>
public class StatementModel(PortfolioDb db, MyCohorts myCohorts, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public StatementInput Input { get; set; } = new();

    public IReadOnlyList<Peer> Peers { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is not { } cohort)
        {
            return NotFound();
        }
        if (await db.TransformationProjects.In(cohort).AsNoTracking().SingleOrDefaultAsync() is { } project)
        {
            Input = new StatementInput
            {
                Title = project.Title, Context = project.Context, Ambition = project.Ambition, Visibility = project.Visibility,
                SharedWithUserIds = [.. project.SharedWithUserIds], RowVersion = project.RowVersion,
            };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is not { } cohort)
        {
            return NotFound();
        }
        var peerIds = Peers.Select(p => p.Id).ToHashSet();
        var sharedWith = Input.Visibility == Visibility.NamedPeers ? Input.SharedWithUserIds.Where(peerIds.Contains).ToArray() : [];
        if (Input.Visibility == Visibility.NamedPeers && sharedWith.Length == 0)
        {
            ModelState.AddModelError("Input.SharedWithUserIds", l["Choisissez au moins un membre de votre groupe d'intervision avec qui partager votre projet."]);
        }
        if (!Enum.IsDefined(Input.Visibility))
        {
            ModelState.AddModelError("Input.Visibility", l["Choisissez qui peut lire votre projet."]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var now = clock.GetUtcNow();
        var project = await db.TransformationProjects.In(cohort).SingleOrDefaultAsync();
        if (project is null)
        {
            project = new TransformationProject(cohort.OwnerId, cohort.CohortId, now);
            db.TransformationProjects.Add(project);
        }
        project.State(Input.Title, Input.Context ?? "", Input.Ambition ?? "", Input.Visibility, sharedWith, now);
        if (!await ProjectTexts.SaveUnlessStaleAsync(db, project, Input.RowVersion, ModelState, l))
        {
            return Page();
        }
        TempData["Message"] = l["L'énoncé de votre projet a été enregistré."].Value;
        return RedirectToPage("Index");
    }

    private async Task<Portfolio.Core.Portfolios.ParticipantCohort?> LoadAsync()
    {
        var cohort = await myCohorts.CurrentAsync();
        if (cohort is not null)
        {
            Peers = await GroupQueries.PeersOf(db, cohort.OwnerId, cohort.CohortId).OrderBy(u => u.LastName).ThenBy(u => u.FirstName)
                .Select(u => new Peer(u.Id, u.FirstName + " " + u.LastName)).ToListAsync();
        }
        return cohort;
    }

    public sealed record Peer(string Id, string Name);

    public sealed class StatementInput
    {
        [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
        [StringLength(TransformationProject.TitleLength, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
        [Display(Name = "Titre du projet")]
        public string Title { get; set; } = "";

        [StringLength(TransformationProject.TextLength, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
        [Display(Name = "Contexte")]
        public string? Context { get; set; }

        [StringLength(TransformationProject.TextLength, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
        [Display(Name = "Ambition")]
        public string? Ambition { get; set; }

        public Visibility Visibility { get; set; } = Visibility.Private;

        public List<string> SharedWithUserIds { get; set; } = [];

        public uint RowVersion { get; set; }
    }
}
