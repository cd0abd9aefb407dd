using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Accounts;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Intervision;
using Portfolio.Core.Notifications;
using Portfolio.Core.Portfolios;
using Portfolio.Core.Storage;
using Portfolio.Core.Text;
using EvidenceItem = Portfolio.Core.Portfolios.Evidence;

namespace Portfolio.Web.Pages.Participant.Evidence;

/// <summary>
/// Creates (no id) or edits an evidence item with its tags, links, visibility and new attachments. Every file is checked
/// (type by extension and content, size) before anything is stored; files and item are then stored in one transaction,
/// so a refused file or a stale form stores nothing and keeps what the person typed.
/// </summary>
// The body may hold several attachments: the page decides what is too large, with a message, not the server's default.
// The server reads up to MaxReadBytes, so that a save over MaxRequestBytes still comes back as the form with the typed
// text; only beyond that ceiling does the error page answer.
[RequestSizeLimit(MaxReadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxReadBytes)]
public class EditModel(PortfolioDb db, FrameworkModels frameworks, FileStore files, MyCohorts myCohorts, TimeProvider clock, IConfiguration configuration,
    IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>What one save may carry, every attachment together.</summary>
    public const long MaxRequestBytes = 100L * 1024 * 1024;
    public const long MaxReadBytes = 4 * MaxRequestBytes;
    public const long DefaultMaxAttachmentBytes = 20L * 1024 * 1024;
    public const string MaxBytesSetting = "Portfolio:Attachments:MaxBytes";
    private const int MinLinkRows = 3;

    [BindProperty]
    public EvidenceInput Input { get; set; } = new();

    [BindProperty]
    [Display(Name = "Pièces jointes")]
    public List<IFormFile> Files { get; set; } = [];

    public int? Id { get; private set; }
    public bool NotEnrolled { get; private set; }
    /// <summary>What the item can be tagged with; also the ids a form may send back, so tags of another framework are never stored.</summary>
    public FrameworkModel Framework { get; private set; } = null!;
    public IReadOnlyList<Peer> Peers { get; private set; } = [];

    /// <summary>The sessions of the cohort's calendar the item may come from.</summary>
    public IReadOnlyList<SelectListItem> Sessions { get; private set; } = [];
    public IReadOnlyList<AttachmentRow> Attachments { get; private set; } = [];
    public Stored? Conflict { get; private set; }

    /// <summary>The person's transformation project in this cohort, which the item may document; null when none yet.</summary>
    public TransformationProject? Project { get; private set; }

    /// <summary>Whether the programme follows a transformation project: the form then points to it while there is none yet.</summary>
    public bool OffersProject { get; private set; }
    public bool FilesRefused { get; private set; }

    public long MaxAttachmentBytes => configuration.GetValue(MaxBytesSetting, DefaultMaxAttachmentBytes);

    /// <param name="objective">For a new item: the objective to tick already (the home page's "objectives without evidence" link here).</param>
    /// <param name="session">For a new item: the session it comes from (the session page's link here).</param>
    public async Task<IActionResult> OnGetAsync(int? id, int? objective, int? session)
    {
        var cohort = await myCohorts.CurrentAsync();
        if (cohort is null)
        {
            NotEnrolled = true;
            return id is null ? Page() : NotFound();
        }
        if (id is null)
        {
            Input = new EvidenceInput { OccurredOn = clock.Today() };
        }
        else
        {
            var evidence = await db.Evidence.In(cohort).AsNoTracking().Include(e => e.Attachments).SingleOrDefaultAsync(e => e.Id == id);
            if (evidence is null)
            {
                return NotFound();
            }
            Id = id;
            Input = EvidenceInput.From(evidence);
            Attachments = ToRows(evidence.Attachments);
        }
        await LoadChoicesAsync(cohort, Input.SessionId);
        if (id is null && objective is { } chosen && Framework.ObjectivesById.ContainsKey(chosen))
        {
            Input.ObjectiveIds = [chosen];
        }
        if (id is null && session is { } from && Sessions.Any(s => s.Value == from.ToString()))
        {
            Input.SessionId = from;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        var cohort = await myCohorts.CurrentAsync();
        if (cohort is null)
        {
            NotEnrolled = true;
            return id is null ? Page() : NotFound();
        }
        EvidenceItem? evidence = null;
        if (id is not null)
        {
            evidence = await db.Evidence.In(cohort).Include(e => e.Attachments).SingleOrDefaultAsync(e => e.Id == id);
            if (evidence is null)
            {
                return NotFound();
            }
            Id = id;
            Attachments = ToRows(evidence.Attachments);
        }
        await LoadChoicesAsync(cohort, evidence?.SessionId);
        var session = await SessionChoices.ResolveAsync(db, cohort, Input.SessionId, evidence?.SessionId, ModelState, l);

        var content = Validate();
        var accepted = CheckFiles();
        if (content is null || accepted is null || !ModelState.IsValid)
        {
            return Page();
        }

        var now = clock.GetUtcNow();
        IReadOnlyCollection<string> readersBefore = id is null ? [] : await ItemAccess.ReadersOfEvidence(db, id.Value).Select(u => u.Id).ToListAsync();
        // File chunks go through FileStore on the DbContext's connection: one transaction makes them and the item one save.
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (evidence is null)
        {
            evidence = new EvidenceItem(cohort.OwnerId, cohort.CohortId, Framework, content, now);
            db.Evidence.Add(evidence);
        }
        else
        {
            // The version the form was loaded with: if the item changed since, SaveChanges refuses.
            db.Entry(evidence).Property(e => e.RowVersion).OriginalValue = Input.RowVersion;
            evidence.Edit(content, Framework, now);
        }
        evidence.TieTo(session, now);
        evidence.TieTo(Input.OnProject ? Project : null);
        try
        {
            foreach (var file in accepted)
            {
                await using var stream = file.File.OpenReadStream();
                var stored = await files.SaveAsync(stream, MaxAttachmentBytes);
                evidence.Attach(file.Name, file.ContentType, stored.Length, stored.Id, now);
            }
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        catch (FileTooLargeException)
        {
            // Only when a file grew between the check and the copy; nothing of this save is kept.
            await transaction.RollbackAsync();
            FilesRefused = true;
            ModelState.AddModelError(nameof(Files), l["Un fichier dépasse la taille maximale de {0}.", EvidenceText.Size(l, MaxAttachmentBytes)]);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            await transaction.RollbackAsync();
            db.ChangeTracker.Clear();
            var current = await db.Evidence.In(cohort).AsNoTracking().Where(e => e.Id == id)
                .Select(e => new { e.Title, e.Description, e.Reflection, e.UpdatedAt, e.RowVersion })
                .SingleOrDefaultAsync();
            if (current is null)
            {
                return NotFound();
            }
            Conflict = new Stored(current.Title, current.Description, current.Reflection, current.UpdatedAt);
            FilesRefused = accepted.Count > 0;
            // Keep what the person typed, but arm the form with the current version so a second save is deliberate.
            ModelState.Remove("Input.RowVersion");
            Input.RowVersion = current.RowVersion;
            return Page();
        }
        await db.NotifyNewReadersAsync(readersBefore, ItemAccess.ReadersOfEvidence(db, evidence.Id), evidence.Title, $"/Peer/Evidence/Details/{evidence.Id}", cohort.OwnerId, now);
        TempData["Message"] = id is null ? l["La preuve a été enregistrée."].Value : l["Les modifications ont été enregistrées."].Value;
        return RedirectToPage("Details", new { id = evidence.Id });
    }

    public async Task<IActionResult> OnPostDeleteAttachmentAsync(int id, int attachmentId)
    {
        if (await myCohorts.CurrentAsync() is not { } cohort)
        {
            return NotFound();
        }
        var attachment = await db.Attachments.In(cohort).SingleOrDefaultAsync(a => a.Id == attachmentId && a.EvidenceId == id);
        if (attachment is null)
        {
            return NotFound();
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Attachments.Remove(attachment);
        await db.SaveChangesAsync();
        await files.DeleteAsync(attachment.StoredFileId);
        await transaction.CommitAsync();
        TempData["Message"] = l["La pièce jointe « {0} » a été supprimée.", attachment.FileName].Value;
        return RedirectToPage("Edit", new { id });
    }

    /// <summary>The rows of links to show: those typed, then empty ones to add more.</summary>
    public IReadOnlyList<LinkInput> LinkRows()
    {
        var rows = Input.Links.ToList();
        // Only trailing empty rows go: the others keep their index, which their error messages refer to.
        while (rows.Count > 0 && string.IsNullOrWhiteSpace(rows[^1].Url) && string.IsNullOrWhiteSpace(rows[^1].Label))
        {
            rows.RemoveAt(rows.Count - 1);
        }
        rows.Add(new LinkInput());
        while (rows.Count < MinLinkRows)
        {
            rows.Add(new LinkInput());
        }
        return rows;
    }

    private async Task LoadChoicesAsync(ParticipantCohort cohort, int? tiedTo)
    {
        Sessions = await SessionChoices.ListAsync(db, cohort, tiedTo);
        Framework = await frameworks.GetAsync(db, cohort.FrameworkId, cohort.FrameworkRevision);
        // Peers are the other members of the person's intervision group: the only people ItemAccess lets read a share.
        Peers = await GroupQueries.PeersOf(db, cohort.OwnerId, cohort.CohortId)
            .OrderBy(u => u.LastName).ThenBy(u => u.FirstName)
            .Select(u => new Peer(u.Id, u.FirstName + " " + u.LastName))
            .ToListAsync();
        OffersProject = cohort.Uses(ProgrammeComponents.TransformationProject);
        Project = await db.TransformationProjects.In(cohort).SingleOrDefaultAsync();
    }

    /// <summary>
    /// The content to save, keeping only tags of the item's framework and peers of the owner's group; null (with messages) when
    /// something must be corrected.
    /// </summary>
    private EvidenceContent? Validate()
    {
        var objectives = Input.ObjectiveIds.Where(Framework.ObjectivesById.ContainsKey).Distinct().ToArray();
        // The entity's rule, said in words before it would refuse.
        if (objectives.Length == 0 && EvidenceItem.RequiresObjective(Framework))
        {
            ModelState.AddModelError("Input.ObjectiveIds", l["Cochez au moins un objectif de développement auquel cette preuve se rapporte."]);
        }
        var outcomes = new List<int>();
        foreach (var outcomeId in Input.OutcomeIds.Distinct())
        {
            if (!Framework.OutcomesById.TryGetValue(outcomeId, out var outcome))
            {
                continue;
            }
            if (objectives.Contains(outcome.ObjectiveId))
            {
                outcomes.Add(outcomeId);
            }
            else
            {
                ModelState.AddModelError("Input.OutcomeIds", l["L'acquis {0} relève de l'objectif {1}, qui n'est pas coché : cochez cet objectif ou décochez l'acquis.", outcome.Code, Framework.ObjectiveOf(outcome).Code]);
            }
        }
        var axes = Input.AxisIds.Where(Framework.AxesById.ContainsKey).ToArray();
        var competencies = Input.LeadershipCompetencyIds.Where(Framework.CompetenciesById.ContainsKey).ToArray();
        var peerIds = Peers.Select(p => p.Id).ToHashSet();
        var sharedWith = Input.Visibility == Visibility.NamedPeers ? Input.SharedWithUserIds.Where(peerIds.Contains).ToArray() : [];
        if (Input.Visibility == Visibility.NamedPeers && sharedWith.Length == 0)
        {
            ModelState.AddModelError("Input.SharedWithUserIds", l["Choisissez au moins un membre de votre groupe d'intervision avec qui partager cette preuve."]);
        }
        var links = new List<EvidenceLink>();
        for (var i = 0; i < Input.Links.Count; i++)
        {
            var link = Input.Links[i];
            if (string.IsNullOrWhiteSpace(link.Url))
            {
                if (!string.IsNullOrWhiteSpace(link.Label))
                {
                    ModelState.AddModelError($"Input.Links[{i}].Url", l["Le lien « {0} » n'a pas d'adresse.", link.Label.Trim()]);
                }
                continue;
            }
            var url = link.Url.Trim();
            if (WebLink.Safe(url) is not { } safe)
            {
                ModelState.AddModelError($"Input.Links[{i}].Url", l["L'adresse « {0} » n'est pas un lien web valide : elle doit commencer par http:// ou https://.", url]);
                continue;
            }
            links.Add(new EvidenceLink(safe, link.Label?.Trim() ?? ""));
        }
        if (!ModelState.IsValid || Input.OccurredOn is null)
        {
            return null;
        }
        return new EvidenceContent(Input.Title, Input.OccurredOn.Value, Input.Kind, Input.Description ?? "", Input.Reflection ?? "", Input.Visibility,
            objectives, [.. outcomes], axes, competencies, sharedWith, [.. links]);
    }

    /// <summary>Checks every file before any is stored; null (with a message per refused file) when one is refused.</summary>
    private List<AcceptedFile>? CheckFiles()
    {
        var accepted = new List<AcceptedFile>();
        var max = MaxAttachmentBytes;
        if (Files.Sum(f => f.Length) is var total && total > MaxRequestBytes)
        {
            FilesRefused = true;
            ModelState.AddModelError(nameof(Files), l["Ces fichiers pèsent ensemble {0} : un enregistrement en accepte au plus {1}. Rien n'a été enregistré ; ajoutez-les en plusieurs fois.",
                EvidenceText.Size(l, total), EvidenceText.Size(l, MaxRequestBytes)]);
            return null;
        }
        foreach (var file in Files.Where(f => f.Length > 0 || f.FileName.Length > 0))
        {
            var name = FileTypes.CleanName(file.FileName);
            if (file.Length == 0)
            {
                ModelState.AddModelError(nameof(Files), l["Le fichier « {0} » est vide.", name]);
                continue;
            }
            if (file.Length > max)
            {
                ModelState.AddModelError(nameof(Files), l["Le fichier « {0} » est trop volumineux ({1}) : la taille maximale est de {2}.",
                    name, EvidenceText.Size(l, file.Length), EvidenceText.Size(l, max)]);
                continue;
            }
            using var stream = file.OpenReadStream();
            var contentType = FileTypes.Check(name, stream);
            if (contentType is null)
            {
                ModelState.AddModelError(nameof(Files), l["Le fichier « {0} » n'est pas d'un type accepté : son extension ou son contenu ne correspond pas à un format autorisé ({1}).",
                    name, AcceptedExtensions]);
                continue;
            }
            accepted.Add(new AcceptedFile(file, name, contentType));
        }
        if (accepted.Count == Files.Count(f => f.Length > 0 || f.FileName.Length > 0))
        {
            return accepted;
        }
        FilesRefused = true;
        return null;
    }

    public static string AcceptedExtensions => string.Join(", ", FileTypes.Extensions.Order());

    private static List<AttachmentRow> ToRows(IEnumerable<Attachment> attachments) =>
        attachments.OrderBy(a => a.UploadedAt).ThenBy(a => a.Id).Select(a => new AttachmentRow(a.Id, a.FileName, a.Length)).ToList();

    private sealed record AcceptedFile(IFormFile File, string Name, string ContentType);

    public sealed record Peer(string Id, string Name);
    public sealed record AttachmentRow(int Id, string FileName, long Length);
    public sealed record Stored(string Title, string Description, string Reflection, DateTimeOffset UpdatedAt);

    public sealed class EvidenceInput
    {
        [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
        [StringLength(300, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
        [Display(Name = "Titre")]
        public string Title { get; set; } = "";

        [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
        [Display(Name = "Date")]
        public DateOnly? OccurredOn { get; set; }

        [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
        [Display(Name = "Type de preuve")]
        public EvidenceKind Kind { get; set; } = EvidenceKind.ProfessionalSituation;

        [StringLength(50000, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
        [Display(Name = "Description")]
        public string? Description { get; set; }

        [StringLength(50000, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
        [Display(Name = "Réflexion")]
        public string? Reflection { get; set; }

        public List<int> ObjectiveIds { get; set; } = [];
        public List<int> OutcomeIds { get; set; } = [];
        public List<int> AxisIds { get; set; } = [];
        public List<int> LeadershipCompetencyIds { get; set; } = [];

        [Display(Name = "Séance du calendrier")]
        public int? SessionId { get; set; }

        [Display(Name = "Visibilité")]
        public Visibility Visibility { get; set; } = Visibility.Private;

        [Display(Name = "Pairs avec qui partager")]
        public List<string> SharedWithUserIds { get; set; } = [];

        public List<LinkInput> Links { get; set; } = [];

        /// <summary>Documents the person's transformation project.</summary>
        public bool OnProject { get; set; }

        public uint RowVersion { get; set; }

        public static EvidenceInput From(EvidenceItem e) => new()
        {
            Title = e.Title,
            OccurredOn = e.OccurredOn,
            Kind = e.Kind,
            Description = e.Description,
            Reflection = e.Reflection,
            ObjectiveIds = [.. e.ObjectiveIds],
            OutcomeIds = [.. e.OutcomeIds],
            AxisIds = [.. e.AxisIds],
            LeadershipCompetencyIds = [.. e.LeadershipCompetencyIds],
            SessionId = e.SessionId,
            Visibility = e.Visibility,
            SharedWithUserIds = [.. e.SharedWithUserIds],
            Links = [.. e.Links.Select(link => new LinkInput { Url = link.Url, Label = link.Label })],
            OnProject = e.TransformationProjectId is not null,
            RowVersion = e.RowVersion,
        };
    }

    public sealed class LinkInput
    {
        [Display(Name = "Adresse du lien")]
        public string? Url { get; set; }

        [StringLength(200, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
        [Display(Name = "Libellé du lien")]
        public string? Label { get; set; }
    }
}
