using Microsoft.AspNetCore.Mvc.Rendering;
using Portfolio.Core.Frameworks;

namespace Portfolio.Web.Pages.Participant.Journal;

/// <summary>What a reflection can be tied to in the participant's framework: a pillar (module), a seminar, an objective.</summary>
public sealed class JournalTies(FrameworkModel framework)
{
    public bool IsPillar(int? id) => id is null || framework.PillarsById.ContainsKey(id.Value);
    public bool IsSeminar(int? id) => id is null || framework.CompetenciesById.ContainsKey(id.Value);
    public bool IsObjective(int? id) => id is null || framework.ObjectivesById.ContainsKey(id.Value);

    public string? Describe(int? pillarId, int? seminarId, int? objectiveId) =>
        string.Join(" · ", new[]
        {
            pillarId is { } p && framework.PillarsById.TryGetValue(p, out var pillar) ? Name(pillar.Code, pillar.Title) : null,
            seminarId is { } s && framework.CompetenciesById.TryGetValue(s, out var seminar) ? Name(seminar.Code, seminar.Title) : null,
            objectiveId is { } o && framework.ObjectivesById.TryGetValue(o, out var objective) ? Name(objective.Code, objective.Title) : null,
        }.Where(x => x is not null)) is { Length: > 0 } text ? text : null;

    /// <summary>The framework's own word for its top level ("Pilier", "Module", "Chantier"), for the pillar choice's label.</summary>
    public string PillarLabel => framework.PillarLabel;

    // A framework without leadership competencies or objectives (the sister programmes) offers no such choice: the form hides it.
    public bool HasSeminars => framework.LeadershipCompetencies.Count > 0;
    public bool HasObjectives => framework.Objectives.Count > 0;

    public IEnumerable<SelectListItem> PillarChoices => framework.Pillars.Select(p => Choice(p.Id, p.Code, p.Title));
    public IEnumerable<SelectListItem> SeminarChoices => framework.LeadershipCompetencies.Select(c => Choice(c.Id, c.Code, c.Title));
    public IEnumerable<SelectListItem> ObjectiveChoices => framework.Objectives.Select(o => Choice(o.Id, o.Code, o.Title));

    private static string Name(string code, string title) => $"{code} — {title}";

    private static SelectListItem Choice(int id, string code, string title) => new(Name(code, title), id.ToString());
}
