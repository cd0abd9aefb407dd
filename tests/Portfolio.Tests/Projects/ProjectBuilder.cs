using Portfolio.Core.Portfolios;
using Portfolio.Tests.Infrastructure;

namespace Portfolio.Tests.Projects;

/// <summary>Transformation projects written straight through the entity, for tests about who reads what of them.</summary>
public static class ProjectBuilder
{
    public static async Task<int> AddProjectAsync(this PortfolioFactory factory, string ownerId, int cohortId, string title,
        Visibility visibility = Visibility.Private, int milestones = 0, int done = 0, bool submitted = false, string[]? sharedWith = null)
    {
        var now = DateTimeOffset.UtcNow;
        var project = new TransformationProject(ownerId, cohortId, now);
        project.State(title, "Un service public en mutation.", "Réduire les délais de moitié.", visibility, sharedWith ?? [], now);
        for (var i = 0; i < milestones; i++)
        {
            project.AddMilestone($"Jalon {i + 1}", new DateOnly(2026, 3, 1).AddMonths(i), "", now);
        }
        await using var db = factory.NewDb();
        db.TransformationProjects.Add(project);
        await db.SaveChangesAsync();
        foreach (var milestone in project.Milestones.Take(done))
        {
            project.CompleteMilestone(milestone.Id, new DateOnly(2026, 3, 15), now);
        }
        if (submitted)
        {
            project.PreparePresentation(new DateOnly(2026, 6, 20), "Ce que la transformation a changé.", now);
            project.SubmitPresentation(now);
        }
        await db.SaveChangesAsync();
        return project.Id;
    }
}
