using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;

namespace Portfolio.Web.Pages.Participant.Journal;

/// <summary>What a reflection can be tied to in the participant's framework: a pillar (module), a seminar, an objective.</summary>
public sealed class JournalTies
{
    private readonly Dictionary<int, string> pillars;
    private readonly Dictionary<int, string> seminars;
    private readonly Dictionary<int, string> objectives;

    private JournalTies(Dictionary<int, string> pillars, Dictionary<int, string> seminars, Dictionary<int, string> objectives)
    {
        this.pillars = pillars;
        this.seminars = seminars;
        this.objectives = objectives;
    }

    public static async Task<JournalTies> LoadAsync(PortfolioDb db, int frameworkId)
    {
        var pillarRows = await db.Frameworks.Where(f => f.Id == frameworkId).SelectMany(f => f.Pillars)
            .OrderBy(p => p.Position)
            .Select(p => new { p.Id, p.Code, p.Title, Objectives = p.Objectives.OrderBy(o => o.Position).Select(o => new { o.Id, o.Code, o.Title }).ToList() })
            .ToListAsync();
        var seminarRows = await db.Frameworks.Where(f => f.Id == frameworkId).SelectMany(f => f.LeadershipCompetencies)
            .OrderBy(c => c.Position).Select(c => new { c.Id, c.Code, c.Title }).ToListAsync();
        return new JournalTies(
            pillarRows.ToDictionary(p => p.Id, p => $"{p.Code} — {p.Title}"),
            seminarRows.ToDictionary(c => c.Id, c => $"{c.Code} — {c.Title}"),
            pillarRows.SelectMany(p => p.Objectives).ToDictionary(o => o.Id, o => $"{o.Code} — {o.Title}"));
    }

    public bool IsPillar(int? id) => id is null || pillars.ContainsKey(id.Value);
    public bool IsSeminar(int? id) => id is null || seminars.ContainsKey(id.Value);
    public bool IsObjective(int? id) => id is null || objectives.ContainsKey(id.Value);

    public string? Describe(int? pillarId, int? seminarId, int? objectiveId) =>
        string.Join(" · ", new[]
        {
            pillarId is { } p ? pillars.GetValueOrDefault(p) : null,
            seminarId is { } s ? seminars.GetValueOrDefault(s) : null,
            objectiveId is { } o ? objectives.GetValueOrDefault(o) : null,
        }.Where(x => x is not null)) is { Length: > 0 } text ? text : null;

    public IEnumerable<SelectListItem> PillarChoices => pillars.Select(p => new SelectListItem(p.Value, p.Key.ToString()));
    public IEnumerable<SelectListItem> SeminarChoices => seminars.Select(s => new SelectListItem(s.Value, s.Key.ToString()));
    public IEnumerable<SelectListItem> ObjectiveChoices => objectives.Select(o => new SelectListItem(o.Value, o.Key.ToString()));
}
