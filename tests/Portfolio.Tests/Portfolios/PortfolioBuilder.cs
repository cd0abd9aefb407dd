using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Portfolios;
using Portfolio.Core.Text;
using Portfolio.Tests.Cohorts;
using Portfolio.Tests.Infrastructure;

namespace Portfolio.Tests.Portfolios;

/// <summary>Small builders for portfolio data: enrolments, campaigns, evidence.</summary>
public static class PortfolioBuilder
{
    public static DateOnly Today => TimeProvider.System.Today();

    /// <summary>A cohort on the shipped framework with an open baseline campaign and an upcoming mid-term one.</summary>
    public static async Task<int> CreateCohortWithCampaignsAsync(this PortfolioFactory factory, string name = "Promotion 2025-2026")
    {
        var cohortId = await factory.CreateCohortAsync(name);
        await using var db = factory.NewDb();
        var cohort = await db.Cohorts.SingleAsync(c => c.Id == cohortId);
        db.Campaigns.Add(new Campaign(cohort, "Positionnement initial", 1, Today.AddDays(-7), Today.AddDays(14)));
        db.Campaigns.Add(new Campaign(cohort, "Mi-parcours", 2, Today.AddDays(60), Today.AddDays(90)));
        await db.SaveChangesAsync();
        return cohortId;
    }

    public static async Task EnrolAsync(this PortfolioFactory factory, int cohortId, string userId)
    {
        await using var db = factory.NewDb();
        var cohort = await db.Cohorts.Include(c => c.Enrolments).SingleAsync(c => c.Id == cohortId);
        cohort.Enrol(userId, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
    }

    public static async Task<Campaign> AddCampaignAsync(this PortfolioFactory factory, int cohortId, string name, int position, DateOnly opensOn, DateOnly closesOn)
    {
        await using var db = factory.NewDb();
        var cohort = await db.Cohorts.SingleAsync(c => c.Id == cohortId);
        var campaign = new Campaign(cohort, name, position, opensOn, closesOn);
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync();
        return campaign;
    }

    /// <summary>The framework's objectives of a cohort, in display order: (id, code).</summary>
    public static async Task<IReadOnlyList<(int Id, string Code)>> ObjectivesAsync(this PortfolioFactory factory, int cohortId)
    {
        await using var db = factory.NewDb();
        var frameworkId = await db.Cohorts.Where(c => c.Id == cohortId).Select(c => c.FrameworkId).SingleAsync();
        var objectives = await db.Frameworks.Where(f => f.Id == frameworkId)
            .SelectMany(f => f.Pillars).OrderBy(p => p.Position)
            .SelectMany(p => p.Objectives.OrderBy(o => o.Position).Select(o => new { o.Id, o.Code }))
            .ToListAsync();
        return objectives.Select(o => (o.Id, o.Code)).ToList();
    }

    /// <summary>The framework model of a cohort, from the app's own cache, as an evidence item is made with it.</summary>
    public static async Task<FrameworkModel> FrameworkOfAsync(this PortfolioFactory factory, int cohortId)
    {
        await using var db = factory.NewDb();
        var frameworkId = await db.Cohorts.Where(c => c.Id == cohortId).Select(c => c.FrameworkId).SingleAsync();
        return await factory.Services.GetRequiredService<FrameworkModels>().GetAsync(db, frameworkId);
    }

    public static async Task<int> AddEvidenceAsync(this PortfolioFactory factory, string ownerId, int cohortId, string title, int[] objectiveIds,
        int[]? axisIds = null, EvidenceKind kind = EvidenceKind.ProfessionalSituation, string description = "", string reflection = "", DateOnly? occurredOn = null)
    {
        var framework = await factory.FrameworkOfAsync(cohortId);
        await using var db = factory.NewDb();
        var evidence = new Evidence(ownerId, cohortId, framework, new EvidenceContent(title, occurredOn ?? Today, kind, description, reflection, Visibility.Private,
            objectiveIds, [], axisIds ?? [], [], [], []), DateTimeOffset.UtcNow);
        db.Evidence.Add(evidence);
        await db.SaveChangesAsync();
        return evidence.Id;
    }
}
