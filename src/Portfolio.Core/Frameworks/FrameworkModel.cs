using System.Collections.Frozen;

namespace Portfolio.Core.Frameworks;

/// <summary>
/// One framework version as every page, export and job reads it: an immutable tree in display order (pillars with their
/// objectives and outcomes, axes, leadership competencies, scale, labels) with lookups by id. A version does not change
/// once a cohort uses it, so it is read from the database once and kept in memory by <see cref="FrameworkModels"/>.
/// </summary>
public sealed class FrameworkModel
{
    private FrameworkModel(Framework f)
    {
        Id = f.Id;
        Revision = f.Revision;
        Code = f.Code;
        Version = f.Version;
        Title = f.Title;
        Language = f.Language;
        PillarLabel = f.PillarLabel;
        Description = f.Description;
        HasSelfAssessment = f.HasSelfAssessment;
        CaseStudyTitle = f.CaseStudyTitle;
        CaseStudyDescription = f.CaseStudyDescription;
        // Read-only collections all the way down: a page cannot change the tree that every other request shares.
        Scale = [.. f.Scale.OrderBy(l => l.Value).Select(l => new LevelNode(l.Value, l.Label, l.Description))];
        LeadershipCompetencies = [.. f.LeadershipCompetencies.OrderBy(c => c.Position).Select(c => new CompetencyNode(c.Id, c.Code, c.Title, c.AfterPillarId))];
        Pillars = [.. f.Pillars.OrderBy(p => p.Position).Select(p => new PillarNode(p.Id, p.Code, p.Title, p.Description,
            [.. p.Objectives.OrderBy(o => o.Position).Select(o => new ObjectiveNode(o.Id, o.Code, o.Title, p.Id,
                [.. o.Outcomes.OrderBy(lo => lo.Position).Select(lo => new OutcomeNode(lo.Id, lo.Code, lo.Text, o.Id))]))],
            [.. LeadershipCompetencies.Where(c => c.AfterPillarId == p.Id)]))];
        CycleObjectives = [.. f.CycleObjectives.OrderBy(o => o.Position).Select(o => new CycleObjectiveNode(o.Code, o.Title))];
        Axes = [.. f.Axes.OrderBy(a => a.Position).Select(a => new AxisNode(a.Id, a.Code, a.Title, a.Description))];
        CaseStudyOutcomes = [.. f.CaseStudyOutcomes.OrderBy(o => o.Position).Select(o => new CaseStudyOutcomeNode(o.Code, o.Text))];

        Objectives = [.. Pillars.SelectMany(p => p.Objectives)];
        PillarsById = Pillars.ToFrozenDictionary(p => p.Id);
        ObjectivesById = Objectives.ToFrozenDictionary(o => o.Id);
        OutcomesById = Objectives.SelectMany(o => o.Outcomes).ToFrozenDictionary(o => o.Id);
        AxesById = Axes.ToFrozenDictionary(a => a.Id);
        CompetenciesById = LeadershipCompetencies.ToFrozenDictionary(c => c.Id);
        LevelsByValue = Scale.ToFrozenDictionary(l => l.Value);
    }

    /// <summary>Builds the model from a framework loaded with everything below it (<see cref="FrameworkImport.LoadWholeAsync"/>).</summary>
    public static FrameworkModel From(Framework framework) => new(framework);

    public int Id { get; }

    /// <summary>Changes whenever the stored tree does (a draft imported again): the cache never serves an older tree.</summary>
    public Guid Revision { get; }

    public string Code { get; }
    public int Version { get; }
    public string Title { get; }
    public string Language { get; }

    /// <summary>What the top level is called in this programme: "Pilier", "Module", "Dimension"...</summary>
    public string PillarLabel { get; }

    public string? Description { get; }

    /// <summary>
    /// Whether participants rate themselves on this framework. When false the scale is empty: pages about levels,
    /// campaigns and heat maps say so instead of showing a matrix.
    /// </summary>
    public bool HasSelfAssessment { get; }

    /// <summary>Objectives of the whole cycle, tied to no pillar and not rated.</summary>
    public IReadOnlyList<CycleObjectiveNode> CycleObjectives { get; }

    public string? CaseStudyTitle { get; }
    public string? CaseStudyDescription { get; }
    public IReadOnlyList<CaseStudyOutcomeNode> CaseStudyOutcomes { get; }

    /// <summary>From the lowest level to the highest.</summary>
    public IReadOnlyList<LevelNode> Scale { get; }

    public IReadOnlyList<PillarNode> Pillars { get; }

    /// <summary>Every objective, pillar after pillar.</summary>
    public IReadOnlyList<ObjectiveNode> Objectives { get; }

    /// <summary>
    /// Whether the pillars hold development objectives. Some programmes (CHESP, ENA, the executive community) state their
    /// modules and cycle objectives only: nothing to tag an item to nor to rate, so their pages leave objectives out.
    /// </summary>
    public bool HasObjectives => Objectives.Count > 0;

    public IReadOnlyList<AxisNode> Axes { get; }
    public IReadOnlyList<CompetencyNode> LeadershipCompetencies { get; }

    public FrozenDictionary<int, PillarNode> PillarsById { get; }
    public FrozenDictionary<int, ObjectiveNode> ObjectivesById { get; }
    public FrozenDictionary<int, OutcomeNode> OutcomesById { get; }
    public FrozenDictionary<int, AxisNode> AxesById { get; }
    public FrozenDictionary<int, CompetencyNode> CompetenciesById { get; }
    public FrozenDictionary<int, LevelNode> LevelsByValue { get; }

    public int OutcomeCount => OutcomesById.Count;

    /// <summary>The highest level of the scale (4 on the default scale).</summary>
    public int MaxLevel => Scale.Count == 0 ? 0 : Scale[^1].Value;

    public string? LevelLabel(int? level) => level is { } v && LevelsByValue.TryGetValue(v, out var l) ? l.Label : null;

    public PillarNode PillarOf(ObjectiveNode objective) => PillarsById[objective.PillarId];

    public ObjectiveNode ObjectiveOf(OutcomeNode outcome) => ObjectivesById[outcome.ObjectiveId];

    /// <summary>The objective that follows in framework order, across pillars; null after the last one.</summary>
    public ObjectiveNode? ObjectiveAfter(int objectiveId)
    {
        for (var i = 0; i + 1 < Objectives.Count; i++)
        {
            if (Objectives[i].Id == objectiveId)
            {
                return Objectives[i + 1];
            }
        }
        return null;
    }

    // Tags stored on an item, in framework order; ids of another framework (or gone) are left out.
    public IReadOnlyList<ObjectiveNode> ObjectivesOf(IEnumerable<int> ids) => Pick(ids, Objectives);
    public IReadOnlyList<OutcomeNode> OutcomesOf(IEnumerable<int> ids) => Pick(ids, Objectives.SelectMany(o => o.Outcomes));
    public IReadOnlyList<AxisNode> AxesOf(IEnumerable<int> ids) => Pick(ids, Axes);
    public IReadOnlyList<CompetencyNode> CompetenciesOf(IEnumerable<int> ids) => Pick(ids, LeadershipCompetencies);

    private static IReadOnlyList<T> Pick<T>(IEnumerable<int> ids, IEnumerable<T> inOrder) where T : INode
    {
        var wanted = ids.ToHashSet();
        return [.. inOrder.Where(t => wanted.Contains(t.Id))];
    }

    // Codes as the JSON export writes them: the framework's own identifiers, stable across databases.
    public string? ObjectiveCode(int? id) => id is { } v && ObjectivesById.TryGetValue(v, out var o) ? o.Code : null;
    public string? CompetencyCode(int? id) => id is { } v && CompetenciesById.TryGetValue(v, out var c) ? c.Code : null;
    public string? PillarCode(int? id) => id is { } v && PillarsById.TryGetValue(v, out var p) ? p.Code : null;

    /// <summary>Codes of the ids that exist in this framework, in the given order.</summary>
    public static string[] Codes<T>(IEnumerable<int> ids, IReadOnlyDictionary<int, T> byId) where T : INode =>
        [.. ids.Where(byId.ContainsKey).Select(id => byId[id].Code)];
}

/// <summary>What every element of the tree has: its database id and the framework's code for it.</summary>
public interface INode
{
    int Id { get; }
    string Code { get; }
}

public sealed record LevelNode(int Value, string Label, string Description);

/// <param name="Competencies">The leadership competencies worked in the seminar held after this pillar.</param>
public sealed record PillarNode(int Id, string Code, string Title, string? Description, IReadOnlyList<ObjectiveNode> Objectives, IReadOnlyList<CompetencyNode> Competencies) : INode;

public sealed record ObjectiveNode(int Id, string Code, string Title, int PillarId, IReadOnlyList<OutcomeNode> Outcomes) : INode;

public sealed record OutcomeNode(int Id, string Code, string Text, int ObjectiveId) : INode;

public sealed record AxisNode(int Id, string Code, string Title, string Description) : INode;

public sealed record CompetencyNode(int Id, string Code, string Title, int AfterPillarId) : INode;

public sealed record CaseStudyOutcomeNode(string Code, string Text);

public sealed record CycleObjectiveNode(string Code, string Title);
