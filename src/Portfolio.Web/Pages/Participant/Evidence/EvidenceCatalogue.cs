using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;

namespace Portfolio.Web.Pages.Participant.Evidence;

/// <summary>
/// What an evidence item can be tagged with in one framework version: objectives (by pillar) with their learning
/// outcomes, axes and leadership competencies. Loaded in three queries whatever the size of the framework; it is also
/// the list of ids a form may send back, so that tags from another framework are never stored.
/// </summary>
public sealed class EvidenceCatalogue
{
    private EvidenceCatalogue(string pillarLabel, IReadOnlyList<PillarTags> pillars, IReadOnlyList<Tag> axes, IReadOnlyList<Tag> competencies)
    {
        PillarLabel = pillarLabel;
        Pillars = pillars;
        Axes = axes;
        Competencies = competencies;
        Objectives = pillars.SelectMany(p => p.Objectives).ToDictionary(o => o.Id);
        Outcomes = pillars.SelectMany(p => p.Objectives).SelectMany(o => o.Outcomes.Select(lo => (Outcome: lo, Objective: o)))
            .ToDictionary(x => x.Outcome.Id, x => x);
        AxisById = axes.ToDictionary(a => a.Id);
        CompetencyById = competencies.ToDictionary(c => c.Id);
    }

    public string PillarLabel { get; }
    public IReadOnlyList<PillarTags> Pillars { get; }
    public IReadOnlyList<Tag> Axes { get; }
    public IReadOnlyList<Tag> Competencies { get; }
    public IReadOnlyDictionary<int, ObjectiveTags> Objectives { get; }
    public IReadOnlyDictionary<int, (Tag Outcome, ObjectiveTags Objective)> Outcomes { get; }
    public IReadOnlyDictionary<int, Tag> AxisById { get; }
    public IReadOnlyDictionary<int, Tag> CompetencyById { get; }

    public static async Task<EvidenceCatalogue> LoadAsync(PortfolioDb db, int frameworkId, CancellationToken cancellationToken = default)
    {
        var framework = db.Frameworks.Where(f => f.Id == frameworkId);
        var pillarLabel = await framework.Select(f => f.PillarLabel).SingleAsync(cancellationToken);
        var pillars = await framework.SelectMany(f => f.Pillars).OrderBy(p => p.Position)
            .Select(p => new PillarTags(p.Id, p.Code, p.Title, p.Objectives.OrderBy(o => o.Position)
                .Select(o => new ObjectiveTags(o.Id, o.Code, o.Title, o.Outcomes.OrderBy(lo => lo.Position).Select(lo => new Tag(lo.Id, lo.Code, lo.Text)).ToList()))
                .ToList()))
            // Nested, not sibling, collections: one row per outcome, no cartesian explosion, so one query is right.
            .AsSingleQuery()
            .ToListAsync(cancellationToken);
        var axes = await framework.SelectMany(f => f.Axes).OrderBy(a => a.Position).Select(a => new Tag(a.Id, a.Code, a.Title)).ToListAsync(cancellationToken);
        var competencies = await framework.SelectMany(f => f.LeadershipCompetencies).OrderBy(c => c.Position)
            .Select(c => new Tag(c.Id, c.Code, c.Title)).ToListAsync(cancellationToken);
        return new EvidenceCatalogue(pillarLabel, pillars, axes, competencies);
    }

    /// <summary>These objectives, in framework order; unknown ids (another framework) are left out.</summary>
    public IReadOnlyList<Tag> ObjectivesOf(IEnumerable<int> ids) => Pick(ids, Pillars.SelectMany(p => p.Objectives).Select(o => o.AsTag()));

    public IReadOnlyList<Tag> OutcomesOf(IEnumerable<int> ids) => Pick(ids, Pillars.SelectMany(p => p.Objectives).SelectMany(o => o.Outcomes));

    public IReadOnlyList<Tag> AxesOf(IEnumerable<int> ids) => Pick(ids, Axes);

    public IReadOnlyList<Tag> CompetenciesOf(IEnumerable<int> ids) => Pick(ids, Competencies);

    private static IReadOnlyList<Tag> Pick(IEnumerable<int> ids, IEnumerable<Tag> inOrder)
    {
        var wanted = ids.ToHashSet();
        return inOrder.Where(t => wanted.Contains(t.Id)).ToList();
    }

    public sealed record Tag(int Id, string Code, string Title);

    public sealed record ObjectiveTags(int Id, string Code, string Title, IReadOnlyList<Tag> Outcomes)
    {
        public Tag AsTag() => new(Id, Code, Title);
    }

    public sealed record PillarTags(int Id, string Code, string Title, IReadOnlyList<ObjectiveTags> Objectives);
}
