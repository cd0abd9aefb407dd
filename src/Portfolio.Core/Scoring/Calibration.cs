namespace Portfolio.Core.Scoring;

/// <summary>
/// The figures of calibration and agreement, computed from open marks only (<see cref="Sealing.OpenMarks"/>): per
/// candidate and criterion the spread of the jurors' levels, flagged when they are two or more levels apart or on both
/// sides of the pass mark; per juror their severity (their mean minus the jury's mean).
/// </summary>
public static class Calibration
{
    public const int FlaggedSpread = 2;

    public sealed record Item(int JuryCandidateId, int CriterionId, IReadOnlyDictionary<string, int> Levels)
    {
        public int Min => Levels.Values.Min();
        public int Max => Levels.Values.Max();
        public int Spread => Max - Min;
        public decimal Mean => Math.Round((decimal)Levels.Values.Average(), 2);
        public bool FarApart => Spread >= FlaggedSpread;
        public bool AcrossPassMark(int passMark) => Min < passMark && Max >= passMark;
        public bool IsFlagged(int passMark) => FarApart || AcrossPassMark(passMark);
    }

    /// <summary>One item per candidate and criterion that has marks, flagged items first, then in the given orders.</summary>
    public static IReadOnlyList<Item> Items(IEnumerable<OpenMark> marks, int passMark, Func<int, int> candidateOrder, Func<int, int> criterionOrder) =>
        marks.GroupBy(m => (m.JuryCandidateId, m.CriterionId))
            .Select(g => new Item(g.Key.JuryCandidateId, g.Key.CriterionId, g.GroupBy(m => m.JurorId).ToDictionary(x => x.Key, x => x.First().Level)))
            .OrderBy(i => i.IsFlagged(passMark) ? 0 : 1)
            .ThenBy(i => candidateOrder(i.JuryCandidateId))
            .ThenBy(i => criterionOrder(i.CriterionId))
            .ToList();

    /// <summary>Each juror's mean level minus the mean of every level given in the same marks (negative: more severe).</summary>
    public static IReadOnlyDictionary<string, decimal> Severity(IReadOnlyCollection<OpenMark> marks)
    {
        if (marks.Count == 0)
        {
            return new Dictionary<string, decimal>();
        }
        var mean = marks.Average(m => (decimal)m.Level);
        return marks.GroupBy(m => m.JurorId).ToDictionary(g => g.Key, g => Math.Round(g.Average(m => (decimal)m.Level) - mean, 2));
    }

    /// <summary>Per criterion: the mean spread across candidates and the largest one.</summary>
    public static IReadOnlyDictionary<int, (decimal MeanSpread, int MaxSpread, int Flagged)> SpreadByCriterion(IReadOnlyList<Item> items, int passMark) =>
        items.GroupBy(i => i.CriterionId).ToDictionary(g => g.Key,
            g => (Math.Round((decimal)g.Average(i => i.Spread), 2), g.Max(i => i.Spread), g.Count(i => i.IsFlagged(passMark))));
}
