using Portfolio.Core.Portfolios;

namespace Portfolio.Tests.Projects;

/// <summary>The project's rules live on the entity: no database needed to see them refuse.</summary>
public class TransformationProjectRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static TransformationProject Project()
    {
        var project = new TransformationProject("ana", 1, Now);
        project.State("  Réforme des achats  ", "Contexte\n\n  indenté", "Ambition", Visibility.Private, [], Now);
        return project;
    }

    [Fact]
    public void A_milestone_is_completed_once()
    {
        var project = Project();
        project.AddMilestone("Cartographier les achats", new DateOnly(2026, 4, 1), "", Now);
        var milestone = project.Milestones[0];
        project.CompleteMilestone(milestone.Id, new DateOnly(2026, 3, 30), Now);
        var refused = Assert.Throws<ProjectRuleException>(() => project.CompleteMilestone(milestone.Id, new DateOnly(2026, 4, 2), Now));
        Assert.Equal(ProjectProblem.MilestoneAlreadyDone, refused.Problem);
        Assert.Equal(new DateOnly(2026, 3, 30), milestone.DoneOn);
    }

    [Fact]
    public void Submitting_the_presentation_needs_a_date_and_a_summary()
    {
        var project = Project();
        Assert.Equal(ProjectProblem.PresentationIncomplete, Assert.Throws<ProjectRuleException>(() => project.SubmitPresentation(Now)).Problem);
        project.PreparePresentation(new DateOnly(2026, 6, 20), "   ", Now);
        Assert.Equal(ProjectProblem.PresentationIncomplete, Assert.Throws<ProjectRuleException>(() => project.SubmitPresentation(Now)).Problem);
        Assert.False(project.IsPresentationSubmitted);
    }

    [Fact]
    public void The_presentation_is_frozen_once_submitted()
    {
        var project = Project();
        project.PreparePresentation(new DateOnly(2026, 6, 20), "Résumé", Now);
        project.AttachPresentation("slides.pdf", "application/pdf", 10, Guid.NewGuid(), Now);
        project.SubmitPresentation(Now);
        Assert.Equal(ProjectProblem.PresentationSubmitted, Assert.Throws<ProjectRuleException>(() => project.PreparePresentation(null, "Autre", Now)).Problem);
        Assert.Equal(ProjectProblem.PresentationSubmitted, Assert.Throws<ProjectRuleException>(() => project.AttachPresentation("b.pdf", "application/pdf", 1, Guid.NewGuid(), Now)).Problem);
        Assert.Equal(ProjectProblem.PresentationSubmitted, Assert.Throws<ProjectRuleException>(() => project.SubmitPresentation(Now)).Problem);
        Assert.Equal("Résumé", project.PresentationSummary);
        Assert.Equal("slides.pdf", project.PresentationFileName);
    }

    [Fact]
    public void The_statement_keeps_long_texts_as_typed_and_trims_the_title()
    {
        var project = Project();
        Assert.Equal("Réforme des achats", project.Title);
        Assert.Equal("Contexte\n\n  indenté", project.Context);
    }

    [Fact]
    public void Items_are_tied_to_their_owners_project_of_their_cohort_only()
    {
        var project = Project();
        var own = new JournalEntry("ana", 1, Now);
        own.TieTo(project);
        Assert.Throws<ArgumentException>(() => new JournalEntry("ben", 1, Now).TieTo(project));
        Assert.Throws<ArgumentException>(() => new JournalEntry("ana", 2, Now).TieTo(project));
        own.TieTo(null);
        Assert.Null(own.TransformationProjectId);
    }
}
