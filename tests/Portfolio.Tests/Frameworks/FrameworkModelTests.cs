using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;
using Portfolio.Tests.Infrastructure;

namespace Portfolio.Tests.Frameworks;

/// <summary>One model of a framework version, read from the database once and then served from memory.</summary>
public class FrameworkModelTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    private const string Shipped = "cium-management-public";

    /// <summary>The application's own DbContext, whose commands the test counter sees.</summary>
    private (AsyncServiceScope Scope, PortfolioDb Db, FrameworkModels Models) App()
    {
        var scope = Factory.Services.CreateAsyncScope();
        return (scope, scope.ServiceProvider.GetRequiredService<PortfolioDb>(), scope.ServiceProvider.GetRequiredService<FrameworkModels>());
    }

    private static FrameworkDocument Draft(string objectiveTitle) => new()
    {
        Code = "brouillon",
        Version = 1,
        Title = "Référentiel en préparation",
        Language = "fr",
        PillarLabel = "Module",
        Pillars = [new() { Code = "M1", Title = "Module 1", Objectives = [new() { Code = "M1.1", Title = objectiveTitle, Outcomes = [] }] }],
    };

    [Fact]
    public async Task The_model_of_the_shipped_framework_has_its_6_pillars_22_objectives_3_axes_and_3_leadership_competencies()
    {
        var (scope, db, models) = App();
        await using var _ = scope;
        var id = await db.Frameworks.Where(f => f.Code == Shipped).Select(f => f.Id).SingleAsync();

        var model = await models.GetAsync(db, id);

        Assert.Equal("Pilier", model.PillarLabel);
        Assert.Equal(["P1", "P2", "P3", "P4", "P5", "P6"], model.Pillars.Select(p => p.Code));
        Assert.Equal([4, 3, 2, 6, 4, 3], model.Pillars.Select(p => p.Objectives.Count));
        Assert.Equal(22, model.Objectives.Count);
        Assert.Equal("P1.1", model.Objectives[0].Code);
        Assert.Equal("P6.3", model.Objectives[^1].Code);
        Assert.Equal(90, model.OutcomeCount);
        Assert.Equal(["A1", "A2", "A3"], model.Axes.Select(a => a.Code));
        Assert.Equal(["L1", "L2", "L3"], model.LeadershipCompetencies.Select(c => c.Code));
        // Each competency in its place: after the pillar whose seminar works it.
        Assert.Equal(["L1", "", "", "L2", "", "L3"], model.Pillars.Select(p => string.Join(",", p.Competencies.Select(c => c.Code))));
        Assert.Equal(["Débutant", "En développement", "Maîtrisé", "Expert"], model.Scale.Select(l => l.Label));
        Assert.Equal("Maîtrisé", model.LevelLabel(3));
        Assert.Equal("P1.2", model.ObjectiveAfter(model.Objectives[0].Id)!.Code);
        Assert.Equal("P2.1", model.ObjectiveAfter(model.Pillars[0].Objectives[^1].Id)!.Code);
    }

    [Fact]
    public async Task A_framework_version_is_read_once_then_served_from_memory_with_no_SQL_command()
    {
        var (scope, db, _) = App();
        await using var __ = scope;
        // A cache of its own, surely cold: the application's may already hold the version, read by an earlier request.
        var models = new FrameworkModels();
        var framework = await db.Frameworks.Where(f => f.Code == Shipped).Select(f => new { f.Id, f.Revision }).SingleAsync();

        Factory.Commands.Reset();
        var first = await models.GetAsync(db, framework.Id, framework.Revision);
        var firstCommands = Factory.Commands.Count;
        Factory.Commands.Reset();
        var second = await models.GetAsync(db, framework.Id, framework.Revision);

        // One command per level of the tree (the framework, its scale, pillars, objectives, outcomes, cycle objectives, axes, competencies, case study).
        Assert.InRange(firstCommands, 1, 9);
        Assert.Equal(0, Factory.Commands.Count);
        Assert.Same(first, second);
    }

    [Fact]
    public async Task A_draft_imported_again_is_read_again_not_served_stale()
    {
        var (scope, db, models) = App();
        await using var _ = scope;
        Assert.Equal(FrameworkImportResult.Created, (await FrameworkImport.ImportAsync(db, Draft("Première rédaction"), DateTimeOffset.UtcNow)).Result);
        var before = await db.Frameworks.AsNoTracking().SingleAsync(f => f.Code == "brouillon");
        Assert.Equal("Première rédaction", (await models.GetAsync(db, before.Id, before.Revision)).Objectives[0].Title);

        Assert.Equal(FrameworkImportResult.Replaced, (await FrameworkImport.ImportAsync(db, Draft("Seconde rédaction"), DateTimeOffset.UtcNow)).Result);
        var after = await db.Frameworks.AsNoTracking().SingleAsync(f => f.Code == "brouillon");

        Assert.NotEqual(before.Revision, after.Revision);
        Assert.Equal("Seconde rédaction", (await models.GetAsync(db, after.Id, after.Revision)).Objectives[0].Title);
    }

    [Fact]
    public async Task A_tree_changed_in_place_under_a_new_revision_is_read_again()
    {
        var (scope, db, models) = App();
        await using var _ = scope;
        var id = await db.Frameworks.Where(f => f.Code == Shipped).Select(f => f.Id).SingleAsync();
        var cached = await models.GetAsync(db, id);

        // What re-importing a draft in place must do: change the tree and give the version a new revision.
        await db.Database.ExecuteSqlAsync($"""UPDATE "Objective" SET "Title" = 'Titre revu' WHERE "Code" = 'P1.1' AND "PillarId" IN (SELECT "Id" FROM "Pillar" WHERE "FrameworkId" = {id})""");
        Assert.Same(cached, await models.GetAsync(db, id));
        await db.Database.ExecuteSqlAsync($"""UPDATE "Frameworks" SET "Revision" = {Guid.NewGuid()} WHERE "Id" = {id}""");

        var reread = await models.GetAsync(db, id);
        Assert.NotSame(cached, reread);
        Assert.Equal("Titre revu", reread.Objectives[0].Title);
    }
}
