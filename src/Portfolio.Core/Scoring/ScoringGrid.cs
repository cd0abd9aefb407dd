using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portfolio.Core.Cohorts;

namespace Portfolio.Core.Scoring;

/// <summary>
/// How a programme's jurors score a candidate, stored as data: weighted criteria, a scale of levels 1..N with labels,
/// and the pass mark (the lowest level that passes). Every programme has one: the default below, given when the
/// programme is created (<see cref="GiveDefaults"/>) and by the Scoring migration to the programmes that existed before.
/// Once a juror has scored a candidate of the programme, the grid is frozen: a changed criterion or scale would change
/// the meaning of marks already given.
/// </summary>
public class ScoringGrid
{
    public const int MinLevels = 2;
    public const int MaxLevels = 10;
    public const int MaxCriteria = 20;
    public const int MaxWeight = 100;

    private ScoringGrid() { }

    public int Id { get; private set; }
    public int ProgrammeId { get; private set; }
    public Programme Programme { get; private set; } = null!;

    /// <summary>The lowest level that passes; a criterion scored below it is a fail on that criterion.</summary>
    public int PassMark { get; private set; }

    public List<ScoringCriterion> Criteria { get; private set; } = [];
    public List<ScoringLevel> Levels { get; private set; } = [];
    public uint RowVersion { get; private set; }

    public int MaxLevel => Levels.Count;

    public IEnumerable<ScoringCriterion> OrderedCriteria => Criteria.OrderBy(c => c.Position);
    public IEnumerable<ScoringLevel> OrderedLevels => Levels.OrderBy(l => l.Value);

    public bool IsOnScale(int level) => level >= 1 && level <= MaxLevel;

    /// <summary>The grid the programme of the Certificat inter-universités evaluates with (its "EVALUATION" section).</summary>
    public static ScoringGrid Default(Programme programme)
    {
        var grid = new ScoringGrid { Programme = programme, PassMark = 3 };
        grid.Apply(
        [
            new("Rapport collectif", "Le rapport du groupe sur l'organisation publique étudiée : analyse, recommandations, qualité de l'écrit.", 20),
            new("Rapport individuel", "Le rapport individuel d'auto-évaluation réflexive construit sur le portfolio.", 20),
            new("Présentation orale", "La présentation des deux rapports devant le jury : clarté, structure, gestion du temps.", 20),
            new("Défense orale", "Les réponses aux questions du jury : argumentation, recul critique.", 20),
            new("Maîtrise des acquis d'apprentissage", "La maîtrise des acquis d'apprentissage du programme dont témoignent les rapports et l'oral.", 20),
        ], ["Insuffisant", "Fragile", "Satisfaisant", "Bon", "Excellent"]);
        return grid;
    }

    /// <summary>
    /// Replaces the criteria (in order), the level labels (level 1 first) and the pass mark. Refused once scores exist
    /// for the programme's cohorts (<paramref name="scoresExist"/>, which the caller reads from the database).
    /// </summary>
    public void Redefine(IReadOnlyList<CriterionDraft> criteria, IReadOnlyList<string> levelLabels, int passMark, bool scoresExist)
    {
        if (scoresExist)
        {
            throw new ScoringRuleException(ScoringProblem.GridInUse);
        }
        if (criteria.Count == 0)
        {
            throw new ScoringRuleException(ScoringProblem.NoCriteria);
        }
        if (criteria.Count > MaxCriteria)
        {
            throw new ScoringRuleException(ScoringProblem.TooManyCriteria);
        }
        if (criteria.Any(c => c.Weight is < 1 or > MaxWeight || string.IsNullOrWhiteSpace(c.Title)))
        {
            throw new ScoringRuleException(ScoringProblem.WeightOutOfRange);
        }
        if (levelLabels.Count < MinLevels || levelLabels.Count > MaxLevels || levelLabels.Any(string.IsNullOrWhiteSpace))
        {
            throw new ScoringRuleException(ScoringProblem.ScaleSize);
        }
        if (passMark < 1 || passMark > levelLabels.Count)
        {
            throw new ScoringRuleException(ScoringProblem.PassMarkOffScale);
        }
        PassMark = passMark;
        Apply(criteria, levelLabels);
    }

    /// <summary>Keeps the rows that stay (same position, same value) and changes their text, so ids stay stable.</summary>
    private void Apply(IReadOnlyList<CriterionDraft> criteria, IReadOnlyList<string> levelLabels)
    {
        Criteria.RemoveAll(c => c.Position >= criteria.Count);
        for (var i = 0; i < criteria.Count; i++)
        {
            var criterion = Criteria.FirstOrDefault(c => c.Position == i);
            if (criterion is null)
            {
                criterion = new ScoringCriterion(i);
                Criteria.Add(criterion);
            }
            criterion.Define(criteria[i]);
        }
        Levels.RemoveAll(l => l.Value > levelLabels.Count);
        for (var v = 1; v <= levelLabels.Count; v++)
        {
            var level = Levels.FirstOrDefault(l => l.Value == v);
            if (level is null)
            {
                level = new ScoringLevel(v);
                Levels.Add(level);
            }
            level.Rename(levelLabels[v - 1]);
        }
    }

    /// <summary>
    /// The weighted result out of 20: level 1 everywhere gives 0, the top level everywhere 20, so that the pass mark of
    /// the default grid (3 of 5) everywhere gives 10, the Belgian pass. Null until every criterion has a level.
    /// </summary>
    public decimal? Grade(IReadOnlyDictionary<int, int> levels)
    {
        if (Criteria.Count == 0 || Criteria.Any(c => !levels.ContainsKey(c.Id)) || MaxLevel < 2)
        {
            return null;
        }
        var weighted = Criteria.Sum(c => (decimal)c.Weight * (levels[c.Id] - 1)) / Criteria.Sum(c => c.Weight);
        return Math.Round(weighted / (MaxLevel - 1) * 20, 1, MidpointRounding.AwayFromZero);
    }

    /// <summary>The mention a Belgian university gives a passed grade out of 20; null below 12.</summary>
    public static Mention? MentionFor(decimal grade) => grade switch
    {
        >= 18 => Mention.HighestDistinction,
        >= 16 => Mention.GreatDistinction,
        >= 14 => Mention.Distinction,
        >= 12 => Mention.Satisfaction,
        _ => null,
    };

    /// <summary>Gives every programme about to be created its default grid, whatever page, job or test creates it.</summary>
    public static void GiveDefaults(ChangeTracker changes)
    {
        var added = changes.Entries<Programme>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (added.Count == 0)
        {
            return;
        }
        var withGrid = changes.Entries<ScoringGrid>().Select(e => e.Entity.Programme).ToHashSet();
        foreach (var programme in added.Where(p => !withGrid.Contains(p)))
        {
            changes.Context.Add(Default(programme));
        }
    }
}

public enum Mention { Satisfaction, Distinction, GreatDistinction, HighestDistinction }

/// <summary>A criterion as a coordinator writes it.</summary>
public sealed record CriterionDraft(string Title, string? Description, int Weight);

public class ScoringCriterion
{
    public const int TitleLength = 200;
    public const int DescriptionLength = 1000;

    private ScoringCriterion() { }

    internal ScoringCriterion(int position) => Position = position;

    public int Id { get; private set; }
    public int GridId { get; private set; }
    public int Position { get; private set; }
    public string Title { get; private set; } = "";
    public string? Description { get; private set; }
    public int Weight { get; private set; }

    internal void Define(CriterionDraft draft)
    {
        Title = draft.Title.Trim();
        Description = string.IsNullOrWhiteSpace(draft.Description) ? null : draft.Description.Trim();
        Weight = draft.Weight;
    }
}

public class ScoringLevel
{
    public const int LabelLength = 60;

    private ScoringLevel() { }

    internal ScoringLevel(int value) => Value = value;

    public int Id { get; private set; }
    public int GridId { get; private set; }
    public int Value { get; private set; }
    public string Label { get; private set; } = "";

    internal void Rename(string label) => Label = label.Trim();
}

/// <summary>What the scoring rules refused; pages turn it into a message.</summary>
public enum ScoringProblem
{
    GridInUse,
    NoCriteria,
    TooManyCriteria,
    WeightOutOfRange,
    ScaleSize,
    PassMarkOffScale,
    LevelOffScale,
    UnknownCriterion,
    AlreadySubmitted,
    IncompleteScore,
    NotTheChair,
    ScoresSealed,
    DecisionNeedsAgreedScores,
    ResultsReleased,
    DecisionsMissing,
    NoCandidates,
}

/// <summary>A change the scoring rules refuse; nothing was changed.</summary>
public sealed class ScoringRuleException(ScoringProblem problem) : InvalidOperationException($"Scoring rule: {problem}.")
{
    public ScoringProblem Problem { get; } = problem;
}

internal sealed class ScoringGridConfiguration : IEntityTypeConfiguration<ScoringGrid>, IEntityTypeConfiguration<ScoringCriterion>, IEntityTypeConfiguration<ScoringLevel>
{
    public void Configure(EntityTypeBuilder<ScoringGrid> g)
    {
        // One grid per programme.
        g.HasOne(x => x.Programme).WithOne().HasForeignKey<ScoringGrid>(x => x.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
        g.HasMany(x => x.Criteria).WithOne().HasForeignKey(x => x.GridId).OnDelete(DeleteBehavior.Cascade);
        g.HasMany(x => x.Levels).WithOne().HasForeignKey(x => x.GridId).OnDelete(DeleteBehavior.Cascade);
        g.Property(x => x.RowVersion).IsRowVersion();
        g.Ignore(x => x.OrderedCriteria);
        g.Ignore(x => x.OrderedLevels);
    }

    public void Configure(EntityTypeBuilder<ScoringCriterion> c)
    {
        c.HasIndex(x => new { x.GridId, x.Position }).IsUnique();
        c.Property(x => x.Title).HasMaxLength(ScoringCriterion.TitleLength);
        c.Property(x => x.Description).HasMaxLength(ScoringCriterion.DescriptionLength);
    }

    public void Configure(EntityTypeBuilder<ScoringLevel> l)
    {
        l.HasIndex(x => new { x.GridId, x.Value }).IsUnique();
        l.Property(x => x.Label).HasMaxLength(ScoringLevel.LabelLength);
    }
}

public static class ScoringGrids
{
    /// <summary>The grid of the programme a cohort belongs to, with its criteria and levels: one command.</summary>
    public static IQueryable<ScoringGrid> OfCohort(Data.PortfolioDb db, int cohortId) =>
        db.ScoringGrids.Include(g => g.Criteria).Include(g => g.Levels)
            .Where(g => db.Cohorts.Any(c => c.Id == cohortId && c.ProgrammeId == g.ProgrammeId));
}
