using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portfolio.Core.Accounts;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Text;

namespace Portfolio.Core.Portfolios;

/// <summary>Why a change to a transformation project was refused; the pages say it in words.</summary>
public enum ProjectProblem { MilestoneAlreadyDone, UnknownMilestone, PresentationSubmitted, PresentationIncomplete }

public sealed class ProjectRuleException(ProjectProblem problem) : InvalidOperationException($"Transformation project: {problem}.")
{
    public ProjectProblem Problem { get; } = problem;
}

/// <summary>
/// The participant's individual transformation project (CHESP's "projet de transformation", ENA's "challenge de la
/// transformation"), carried through the cycle: what it is about (title, context, ambition), dated milestones, and a
/// final presentation given before the jury. One per participant and cohort. Peers read it as
/// <see cref="Intervision.ItemAccess"/> allows (shared with the group or named peers, or asked for advice on it); the
/// jury of the programme reads it once the presentation is submitted, for its open candidates only.
/// </summary>
public class TransformationProject
{
    public const int TitleLength = 300;
    public const int TextLength = 20000;
    public const int NoteLength = 4000;

    private TransformationProject() { }

    public TransformationProject(string ownerId, int cohortId, DateTimeOffset now)
    {
        OwnerId = ownerId;
        CohortId = cohortId;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public int Id { get; private set; }
    public string OwnerId { get; private set; } = "";
    public int CohortId { get; private set; }
    public string Title { get; private set; } = "";
    public string Context { get; private set; } = "";
    public string Ambition { get; private set; } = "";
    public Visibility Visibility { get; private set; }

    /// <summary>The peers of the owner's group it is shared with, when <see cref="Visibility"/> is named peers.</summary>
    public string[] SharedWithUserIds { get; private set; } = [];

    public List<ProjectMilestone> Milestones { get; private set; } = [];

    public DateOnly? PresentationOn { get; private set; }
    public string PresentationSummary { get; private set; } = "";
    public string? PresentationFileName { get; private set; }
    public string? PresentationContentType { get; private set; }
    public long? PresentationFileLength { get; private set; }
    public Guid? PresentationFileId { get; private set; }

    /// <summary>Set once: the presentation goes to the jury as it stands and no longer changes.</summary>
    public DateTimeOffset? PresentationSubmittedAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public uint RowVersion { get; private set; }

    public bool IsPresentationSubmitted => PresentationSubmittedAt is not null;

    /// <summary>The statement: a title, the context (where, for whom) and the ambition (what should change).</summary>
    public void State(string title, string context, string ambition, Visibility visibility, string[] sharedWithUserIds, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        Title = title.Trim();
        Context = WrittenText.AsTyped(context);
        Ambition = WrittenText.AsTyped(ambition);
        Visibility = visibility == Visibility.NamedPeers && sharedWithUserIds.Length == 0 ? Visibility.Private : visibility;
        SharedWithUserIds = Visibility == Visibility.NamedPeers ? [.. sharedWithUserIds.Distinct().Order(StringComparer.Ordinal)] : [];
        UpdatedAt = now;
    }

    public ProjectMilestone AddMilestone(string title, DateOnly dueOn, string note, DateTimeOffset now)
    {
        var milestone = new ProjectMilestone(title, dueOn, note);
        Milestones.Add(milestone);
        UpdatedAt = now;
        return milestone;
    }

    public void EditMilestone(int milestoneId, string title, DateOnly dueOn, string note, DateTimeOffset now)
    {
        Milestone(milestoneId).Edit(title, dueOn, note);
        UpdatedAt = now;
    }

    /// <summary>Marks a milestone reached on a day; a milestone is completed once (the date it was reached stays).</summary>
    public void CompleteMilestone(int milestoneId, DateOnly doneOn, DateTimeOffset now)
    {
        var milestone = Milestone(milestoneId);
        if (milestone.DoneOn is not null)
        {
            throw new ProjectRuleException(ProjectProblem.MilestoneAlreadyDone);
        }
        milestone.Complete(doneOn);
        UpdatedAt = now;
    }

    /// <summary>Prepares the final presentation: its date and summary; refused once submitted.</summary>
    public void PreparePresentation(DateOnly? presentationOn, string summary, DateTimeOffset now)
    {
        RefuseIfSubmitted();
        PresentationOn = presentationOn;
        PresentationSummary = WrittenText.AsTyped(summary);
        UpdatedAt = now;
    }

    /// <summary>Attaches the presentation's file (slides, a handout), replacing the previous one; the caller deletes the old file.</summary>
    public Guid? AttachPresentation(string fileName, string contentType, long length, Guid storedFileId, DateTimeOffset now)
    {
        RefuseIfSubmitted();
        var previous = PresentationFileId;
        PresentationFileName = fileName;
        PresentationContentType = contentType;
        PresentationFileLength = length;
        PresentationFileId = storedFileId;
        UpdatedAt = now;
        return previous;
    }

    /// <summary>Submits the presentation for the jury: it needs a title, a date and a summary; a second submit is refused.</summary>
    public void SubmitPresentation(DateTimeOffset now)
    {
        RefuseIfSubmitted();
        if (Title.Length == 0 || PresentationOn is null || PresentationSummary.Trim().Length == 0)
        {
            throw new ProjectRuleException(ProjectProblem.PresentationIncomplete);
        }
        PresentationSubmittedAt = now;
        UpdatedAt = now;
    }

    private void RefuseIfSubmitted()
    {
        if (IsPresentationSubmitted)
        {
            throw new ProjectRuleException(ProjectProblem.PresentationSubmitted);
        }
    }

    private ProjectMilestone Milestone(int milestoneId) =>
        Milestones.FirstOrDefault(m => m.Id == milestoneId) ?? throw new ProjectRuleException(ProjectProblem.UnknownMilestone);
}

/// <summary>A dated step of the project; done on a day, once.</summary>
public class ProjectMilestone
{
    private ProjectMilestone() { }

    internal ProjectMilestone(string title, DateOnly dueOn, string note) => Edit(title, dueOn, note);

    public int Id { get; private set; }
    public int ProjectId { get; private set; }
    public string Title { get; private set; } = "";
    public DateOnly DueOn { get; private set; }
    public string Note { get; private set; } = "";
    public DateOnly? DoneOn { get; private set; }

    internal void Edit(string title, DateOnly dueOn, string note)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        Title = title.Trim();
        DueOn = dueOn;
        Note = WrittenText.AsTyped(note);
    }

    internal void Complete(DateOnly doneOn) => DoneOn = doneOn;
}

internal sealed class TransformationProjectConfiguration : IEntityTypeConfiguration<TransformationProject>, IEntityTypeConfiguration<ProjectMilestone>
{
    public void Configure(EntityTypeBuilder<TransformationProject> p)
    {
        p.HasOne<AppUser>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Cascade);
        p.HasOne<Cohort>().WithMany().HasForeignKey(x => x.CohortId).OnDelete(DeleteBehavior.Restrict);
        // One project per participant and cohort, whoever saves first.
        p.HasIndex(x => new { x.OwnerId, x.CohortId }).IsUnique();
        p.HasIndex(x => x.CohortId);
        p.Property(x => x.Title).HasMaxLength(TransformationProject.TitleLength);
        p.Property(x => x.Context).HasMaxLength(TransformationProject.TextLength);
        p.Property(x => x.Ambition).HasMaxLength(TransformationProject.TextLength);
        p.Property(x => x.PresentationSummary).HasMaxLength(TransformationProject.TextLength);
        p.Property(x => x.PresentationFileName).HasMaxLength(300);
        p.Property(x => x.PresentationContentType).HasMaxLength(200);
        p.Property(x => x.Visibility).HasConversion<string>().HasMaxLength(20);
        p.Property(x => x.RowVersion).IsRowVersion();
        p.HasMany(x => x.Milestones).WithOne().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ProjectMilestone> m)
    {
        m.Property(x => x.Title).HasMaxLength(TransformationProject.TitleLength);
        m.Property(x => x.Note).HasMaxLength(TransformationProject.NoteLength);
        m.HasIndex(x => new { x.ProjectId, x.DueOn });
    }
}
