namespace Portfolio.Core.Frameworks;

/// <summary>Where a framework version stands between its import and its public life.</summary>
public enum FrameworkState
{
    /// <summary>Imported, seen only by coordinators in a preview; may still be replaced or deleted.</summary>
    Draft,

    /// <summary>Public, and offered to cohorts; never changes any more.</summary>
    Published,

    /// <summary>Taken back before any cohort used it: no longer public nor offered.</summary>
    Withdrawn,
}

/// <summary>
/// One version of a programme's competency framework. A framework is data, not code: the top level may be called
/// "Pilier", "Module" or "Dimension", and counts differ from one programme to the next. An import makes a draft that
/// only coordinators see; once published, a version never changes and a change is a new version.
/// </summary>
public class Framework
{
    private Framework() { }

    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public int Version { get; private set; }
    public string Title { get; private set; } = "";
    public string Language { get; private set; } = "";
    public string PillarLabel { get; private set; } = "";
    public string? Description { get; private set; }

    /// <summary>Whether participants rate themselves on this framework; when not, it has no scale at all.</summary>
    public bool HasSelfAssessment { get; private set; } = true;

    public string? CaseStudyTitle { get; private set; }
    public string? CaseStudyDescription { get; private set; }
    public DateTimeOffset ImportedAt { get; private set; }
    public FrameworkState State { get; private set; } = FrameworkState.Draft;
    public bool IsPublished => State == FrameworkState.Published;

    /// <summary>
    /// New each time this version's tree is written (import, re-import of a draft): <see cref="FrameworkModels"/> keys its
    /// cache on it, so a tree changed in place must get a new revision.
    /// </summary>
    public Guid Revision { get; private set; }

    public List<ScaleLevel> Scale { get; private set; } = [];
    public List<Pillar> Pillars { get; private set; } = [];
    public List<CycleObjective> CycleObjectives { get; private set; } = [];
    public List<Axis> Axes { get; private set; } = [];
    public List<LeadershipCompetency> LeadershipCompetencies { get; private set; } = [];
    public List<CaseStudyOutcome> CaseStudyOutcomes { get; private set; } = [];

    /// <summary>Builds a framework from a document that <see cref="FrameworkDocument.Read"/> accepted.</summary>
    public static Framework FromDocument(FrameworkDocument document, DateTimeOffset importedAt)
    {
        var framework = new Framework
        {
            Code = document.Code!,
            Version = document.Version!.Value,
            Title = document.Title!.Trim(),
            Language = document.Language!.Trim(),
            PillarLabel = document.PillarLabel!.Trim(),
            Description = document.Description?.Trim(),
            HasSelfAssessment = document.SelfAssessment != false,
            CaseStudyTitle = document.CaseStudy?.Title?.Trim(),
            CaseStudyDescription = document.CaseStudy?.Description?.Trim(),
            ImportedAt = importedAt,
            Revision = Guid.NewGuid(),
        };
        // An absent scale means the default one (the format's first meaning); only an explicit "no self-assessment" means none.
        var scale = !framework.HasSelfAssessment ? [] : document.Scale is { Count: > 0 } ? document.Scale : FrameworkDocument.DefaultScale;
        framework.Scale = scale.Select(l => new ScaleLevel(l.Value!.Value, l.Label!.Trim(), l.Description?.Trim() ?? "")).ToList();
        framework.CycleObjectives = (document.CycleObjectives ?? []).Select((o, i) => new CycleObjective(o.Code!, o.Title!.Trim(), i)).ToList();
        framework.Pillars = document.Pillars!.Select((p, i) => new Pillar(p.Code!, p.Title!.Trim(), p.Description?.Trim(), i,
            p.Objectives!.Select((o, j) => new Objective(o.Code!, o.Title!.Trim(), j,
                (o.Outcomes ?? []).Select((lo, k) => new LearningOutcome(lo.Code!, lo.Text!.Trim(), k)).ToList())).ToList())).ToList();
        framework.Axes = (document.Axes ?? []).Select((a, i) => new Axis(a.Code!, a.Title!.Trim(), a.Description?.Trim() ?? "", i)).ToList();
        framework.LeadershipCompetencies = (document.LeadershipCompetencies ?? []).Select((c, i) =>
            new LeadershipCompetency(c.Code!, c.Title!.Trim(), framework.Pillars.Single(p => p.Code == c.AfterPillar), i)).ToList();
        framework.CaseStudyOutcomes = (document.CaseStudy?.Outcomes ?? []).Select((o, i) => new CaseStudyOutcome(o.Code!, o.Text!.Trim(), i)).ToList();
        return framework;
    }

    /// <summary>Makes the version public and usable by cohorts; a withdrawn version may be published again.</summary>
    public void Publish()
    {
        if (IsPublished)
        {
            throw new InvalidOperationException("This framework version is already published.");
        }
        State = FrameworkState.Published;
    }

    /// <summary>Takes a published version back from public pages and cohort choices, which only a version no cohort follows allows.</summary>
    public void Withdraw(bool followedByACohort)
    {
        if (!IsPublished)
        {
            throw new InvalidOperationException("Only a published framework version can be withdrawn.");
        }
        if (followedByACohort)
        {
            throw new InvalidOperationException("A framework version followed by a cohort cannot be withdrawn.");
        }
        State = FrameworkState.Withdrawn;
    }

    /// <summary>Only a draft may be deleted or replaced: nobody outside coordination has seen it.</summary>
    public bool CanBeReplaced => State == FrameworkState.Draft;

    /// <summary>The public JSON form of this version; importing it gives back the same framework.</summary>
    public FrameworkDocument ToDocument() => new()
    {
        Code = Code,
        Version = Version,
        Title = Title,
        Language = Language,
        PillarLabel = PillarLabel,
        Description = Description,
        SelfAssessment = HasSelfAssessment ? null : false,
        Scale = !HasSelfAssessment ? null
            : Scale.OrderBy(l => l.Value).Select(l => new FrameworkDocument.ScaleLevelEntry { Value = l.Value, Label = l.Label, Description = l.Description }).ToList(),
        Pillars = Pillars.OrderBy(p => p.Position).Select(p => new FrameworkDocument.PillarEntry
        {
            Code = p.Code,
            Title = p.Title,
            Description = p.Description,
            Objectives = p.Objectives.OrderBy(o => o.Position).Select(o => new FrameworkDocument.ObjectiveEntry
            {
                Code = o.Code,
                Title = o.Title,
                Outcomes = NonEmpty(o.Outcomes.OrderBy(lo => lo.Position).Select(lo => new FrameworkDocument.OutcomeEntry { Code = lo.Code, Text = lo.Text }).ToList()),
            }).ToList(),
        }).ToList(),
        CycleObjectives = NonEmpty(CycleObjectives.OrderBy(o => o.Position).Select(o => new FrameworkDocument.CycleObjectiveEntry { Code = o.Code, Title = o.Title }).ToList()),
        Axes = NonEmpty(Axes.OrderBy(a => a.Position).Select(a => new FrameworkDocument.AxisEntry { Code = a.Code, Title = a.Title, Description = a.Description }).ToList()),
        LeadershipCompetencies = NonEmpty(LeadershipCompetencies.OrderBy(c => c.Position).Select(c => new FrameworkDocument.LeadershipCompetencyEntry
        {
            Code = c.Code,
            Title = c.Title,
            AfterPillar = c.AfterPillar.Code,
        }).ToList()),
        CaseStudy = CaseStudyTitle is null && CaseStudyOutcomes.Count == 0 ? null : new FrameworkDocument.CaseStudyEntry
        {
            Title = CaseStudyTitle,
            Description = CaseStudyDescription,
            Outcomes = NonEmpty(CaseStudyOutcomes.OrderBy(o => o.Position).Select(o => new FrameworkDocument.OutcomeEntry { Code = o.Code, Text = o.Text }).ToList()),
        },
    };

    // Optional lists that are empty are left out: a document that did not give them exports as it was written.
    private static List<T>? NonEmpty<T>(List<T> list) => list.Count == 0 ? null : list;
}

public class ScaleLevel(int value, string label, string description)
{
    public int Id { get; private set; }
    public int FrameworkId { get; private set; }
    public int Value { get; private set; } = value;
    public string Label { get; private set; } = label;
    public string Description { get; private set; } = description;
}

public class Pillar
{
    private Pillar() { }

    internal Pillar(string code, string title, string? description, int position, List<Objective> objectives)
    {
        Code = code;
        Title = title;
        Description = description;
        Position = position;
        Objectives = objectives;
    }

    public int Id { get; private set; }
    public int FrameworkId { get; private set; }
    public string Code { get; private set; } = "";
    public string Title { get; private set; } = "";

    /// <summary>What the pillar or module covers, as the programme states it (a module's contents).</summary>
    public string? Description { get; private set; }

    public int Position { get; private set; }
    public List<Objective> Objectives { get; private set; } = [];
}

/// <summary>An objective of the whole cycle, stated once for the programme rather than under a pillar; not rated.</summary>
public class CycleObjective(string code, string title, int position)
{
    public int Id { get; private set; }
    public int FrameworkId { get; private set; }
    public string Code { get; private set; } = code;
    public string Title { get; private set; } = title;
    public int Position { get; private set; } = position;
}

public class Objective
{
    private Objective() { }

    internal Objective(string code, string title, int position, List<LearningOutcome> outcomes)
    {
        Code = code;
        Title = title;
        Position = position;
        Outcomes = outcomes;
    }

    public int Id { get; private set; }
    public int PillarId { get; private set; }
    public Pillar Pillar { get; private set; } = null!;
    public string Code { get; private set; } = "";
    public string Title { get; private set; } = "";
    public int Position { get; private set; }
    public List<LearningOutcome> Outcomes { get; private set; } = [];
}

public class LearningOutcome(string code, string text, int position)
{
    public int Id { get; private set; }
    public int ObjectiveId { get; private set; }
    public string Code { get; private set; } = code;
    public string Text { get; private set; } = text;
    public int Position { get; private set; } = position;
}

/// <summary>A horizontal axis: a concern that cuts across every pillar (digital, ethics, sustainability...).</summary>
public class Axis(string code, string title, string description, int position)
{
    public int Id { get; private set; }
    public int FrameworkId { get; private set; }
    public string Code { get; private set; } = code;
    public string Title { get; private set; } = title;
    public string Description { get; private set; } = description;
    public int Position { get; private set; } = position;
}

/// <summary>A leadership competency, worked in a seminar held at the end of a pillar.</summary>
public class LeadershipCompetency
{
    private LeadershipCompetency() { }

    internal LeadershipCompetency(string code, string title, Pillar afterPillar, int position)
    {
        Code = code;
        Title = title;
        AfterPillar = afterPillar;
        Position = position;
    }

    public int Id { get; private set; }
    public int FrameworkId { get; private set; }
    public string Code { get; private set; } = "";
    public string Title { get; private set; } = "";
    public int AfterPillarId { get; private set; }
    public Pillar AfterPillar { get; private set; } = null!;
    public int Position { get; private set; }
}

public class CaseStudyOutcome(string code, string text, int position)
{
    public int Id { get; private set; }
    public int FrameworkId { get; private set; }
    public string Code { get; private set; } = code;
    public string Text { get; private set; } = text;
    public int Position { get; private set; } = position;
}
