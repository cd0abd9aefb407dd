using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Accounts;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Intervision;
using Portfolio.Core.Notifications;
using Portfolio.Core.Portfolios;
using Portfolio.Core.Text;

namespace Portfolio.Web.Pages.Participant.Journal;

/// <summary>Writes or edits one reflection of the participant's own journal; a stale save never overwrites.</summary>
public class EditModel(PortfolioDb db, FrameworkModels frameworks, MyCohorts myCohorts, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public EntryInput Input { get; set; } = new();

    public JournalTies Ties { get; private set; } = null!;

    /// <summary>The sessions of the cohort's calendar the reflection may look back on.</summary>
    public IReadOnlyList<SelectListItem> Sessions { get; private set; } = [];

    /// <summary>The other members of the person's intervision group, who may be named to read the reflection.</summary>
    public IReadOnlyList<Peer> Peers { get; private set; } = [];
    public bool IsNew { get; private set; }
    public EntryInput? Conflict { get; private set; }

    /// <summary>The person's transformation project in this cohort, which the reflection may be tied to; null when none yet.</summary>
    public TransformationProject? Project { get; private set; }

    /// <param name="session">For a new reflection: the session it looks back on (the session page's "write what I take away" link).</param>
    public async Task<IActionResult> OnGetAsync(int? id, int? session)
    {
        var cohort = await LoadAsync();
        if (cohort is null)
        {
            return NotFound();
        }
        IsNew = id is null;
        if (id is null)
        {
            Input = new EntryInput { WrittenOn = clock.Today() };
            Sessions = await SessionChoices.ListAsync(db, cohort, null);
            if (session is { } chosen && Sessions.Any(s => s.Value == chosen.ToString()))
            {
                Input.SessionId = chosen;
            }
            return Page();
        }
        var entry = await OwnEntryAsync(cohort, id.Value);
        if (entry is null)
        {
            return NotFound();
        }
        Input = EntryInput.From(entry);
        Sessions = await SessionChoices.ListAsync(db, cohort, entry.SessionId);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        var cohort = await LoadAsync();
        if (cohort is null)
        {
            return NotFound();
        }
        IsNew = id is null;
        var entry = id is null ? new JournalEntry(cohort.OwnerId, cohort.CohortId, clock.GetUtcNow()) : await OwnEntryAsync(cohort, id.Value);
        if (entry is null)
        {
            return NotFound();
        }
        Sessions = await SessionChoices.ListAsync(db, cohort, entry.SessionId);
        var session = await SessionChoices.ResolveAsync(db, cohort, Input.SessionId, entry.SessionId, ModelState, l);
        if (!Ties.IsPillar(Input.PillarId) || !Ties.IsSeminar(Input.LeadershipCompetencyId) || !Ties.IsObjective(Input.ObjectiveId))
        {
            ModelState.AddModelError(string.Empty, l["Choisissez un pilier, un séminaire ou un objectif de votre référentiel."]);
        }
        var peerIds = Peers.Select(p => p.Id).ToHashSet();
        var sharedWith = Input.Visibility == Visibility.NamedPeers ? Input.SharedWithUserIds.Where(peerIds.Contains).ToArray() : [];
        if (Input.Visibility == Visibility.NamedPeers && sharedWith.Length == 0)
        {
            ModelState.AddModelError("Input.SharedWithUserIds", l["Choisissez au moins un membre de votre groupe d'intervision avec qui partager cette réflexion."]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        IReadOnlyCollection<string> readersBefore = id is null ? [] : await ItemAccess.ReadersOfJournalEntry(db, id.Value).Select(u => u.Id).ToListAsync();
        entry.Write(Input.WrittenOn, Input.Title, Input.Body ?? "", Input.PillarId, Input.LeadershipCompetencyId, Input.ObjectiveId, Input.Visibility, clock.GetUtcNow(), sharedWith);
        entry.TieTo(session, clock.GetUtcNow());
        entry.TieTo(Input.OnProject ? Project : null);
        if (id is null)
        {
            db.JournalEntries.Add(entry);
        }
        else
        {
            db.Entry(entry).Property(e => e.RowVersion).OriginalValue = Input.RowVersion;
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var stored = await db.JournalEntries.AsNoTracking().SingleAsync(j => j.Id == entry.Id);
            Conflict = EntryInput.From(stored);
            ModelState.Remove("Input.RowVersion");
            Input.RowVersion = stored.RowVersion;
            return Page();
        }
        await db.NotifyNewReadersAsync(readersBefore, ItemAccess.ReadersOfJournalEntry(db, entry.Id), entry.Title, $"/Peer/Journal/Details/{entry.Id}", cohort.OwnerId, clock.GetUtcNow());
        TempData["Message"] = l["Réflexion enregistrée."].Value;
        return RedirectToPage("Index");
    }

    private async Task<ParticipantCohort?> LoadAsync()
    {
        var cohort = await myCohorts.CurrentAsync();
        if (cohort is not null)
        {
            Ties = new JournalTies(await frameworks.GetAsync(db, cohort.FrameworkId, cohort.FrameworkRevision));
            Peers = await GroupQueries.PeersOf(db, cohort.OwnerId, cohort.CohortId).OrderBy(u => u.LastName).ThenBy(u => u.FirstName)
                .Select(u => new Peer(u.Id, u.FirstName + " " + u.LastName)).ToListAsync();
            Project = await db.TransformationProjects.In(cohort).SingleOrDefaultAsync();
        }
        return cohort;
    }

    private Task<JournalEntry?> OwnEntryAsync(ParticipantCohort cohort, int id) =>
        db.JournalEntries.In(cohort).SingleOrDefaultAsync(j => j.Id == id);

    public sealed record Peer(string Id, string Name);

    public sealed class EntryInput
    {
        [Display(Name = "Date")]
        public DateOnly WrittenOn { get; set; }

        [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
        [StringLength(300, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
        [Display(Name = "Titre")]
        public string Title { get; set; } = "";

        [StringLength(50000, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
        [Display(Name = "Réflexion")]
        public string? Body { get; set; }

        [Display(Name = "Pilier")]
        public int? PillarId { get; set; }

        [Display(Name = "Séminaire de leadership")]
        public int? LeadershipCompetencyId { get; set; }

        [Display(Name = "Objectif")]
        public int? ObjectiveId { get; set; }

        [Display(Name = "Séance du calendrier")]
        public int? SessionId { get; set; }

        public Visibility Visibility { get; set; } = Visibility.Private;

        public List<string> SharedWithUserIds { get; set; } = [];

        /// <summary>Tied to the person's transformation project.</summary>
        public bool OnProject { get; set; }

        public uint RowVersion { get; set; }

        public static EntryInput From(JournalEntry e) => new()
        {
            OnProject = e.TransformationProjectId is not null,
            WrittenOn = e.WrittenOn, Title = e.Title, Body = e.Body, PillarId = e.PillarId, LeadershipCompetencyId = e.LeadershipCompetencyId,
            ObjectiveId = e.ObjectiveId, SessionId = e.SessionId, Visibility = e.Visibility, SharedWithUserIds = [.. e.SharedWithUserIds], RowVersion = e.RowVersion,
        };
    }
}
