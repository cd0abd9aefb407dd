using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Cohorts;
using Portfolio.Tests.Infrastructure;

namespace Portfolio.Tests.Cohorts;

/// <summary>A programme and a cohort bound to the shipped framework, stored for a test.</summary>
public static class CohortBuilder
{
    public static async Task<int> CreateCohortAsync(this PortfolioFactory factory, string name = "Promotion 2025-2026")
    {
        await using var db = factory.NewDb();
        var framework = await db.Frameworks.SingleAsync(f => f.Code == "cium-management-public");
        var programme = await db.Programmes.SingleOrDefaultAsync(p => p.Code == "cium") ?? new Programme("cium", "Certificat inter-universités en management public");
        var cohort = new Cohort(programme, name, framework, new DateOnly(2025, 9, 15), new DateOnly(2026, 6, 30));
        db.Cohorts.Add(cohort);
        await db.SaveChangesAsync();
        return cohort.Id;
    }
}
