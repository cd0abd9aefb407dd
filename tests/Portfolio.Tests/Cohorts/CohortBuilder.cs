using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;
using Portfolio.Tests.Infrastructure;

namespace Portfolio.Tests.Cohorts;

/// <summary>Programmes and cohorts bound to the shipped framework, stored for a test.</summary>
public static class CohortBuilder
{
    /// <summary>The programme every test cohort belongs to unless a test says otherwise; new coordinators manage it.</summary>
    public const string ProgrammeCode = "cium";

    /// <param name="frameworkCode">A shipped framework (they are loaded in the test database): "chesp", "ena-transformation-publique"...</param>
    public static async Task<int> CreateCohortAsync(this PortfolioFactory factory, string name = "Promotion 2025-2026", string programmeCode = ProgrammeCode,
        string frameworkCode = "cium-management-public")
    {
        await using var db = factory.NewDb();
        var framework = await db.Frameworks.SingleAsync(f => f.Code == frameworkCode);
        var programme = await FindOrAddProgrammeAsync(db, programmeCode);
        var cohort = new Cohort(programme, name, framework, new DateOnly(2025, 9, 15), new DateOnly(2026, 6, 30));
        db.Cohorts.Add(cohort);
        await db.SaveChangesAsync();
        return cohort.Id;
    }

    /// <summary>Another programme than "cium" (for tests of who sees what), created when missing.</summary>
    public static async Task<int> CreateProgrammeAsync(this PortfolioFactory factory, string code, string? title = null)
    {
        await using var db = factory.NewDb();
        var programme = await FindOrAddProgrammeAsync(db, code, title);
        await db.SaveChangesAsync();
        return programme.Id;
    }

    /// <summary>Sets the parts a programme uses (created when missing), as its coordinator would on its page.</summary>
    public static async Task UseComponentsAsync(this PortfolioFactory factory, string programmeCode, ProgrammeComponents components)
    {
        await using var db = factory.NewDb();
        var programme = await FindOrAddProgrammeAsync(db, programmeCode);
        foreach (var component in ProgrammeComponentNames.Each)
        {
            programme.Use(component, components.HasFlag(component));
        }
        await db.SaveChangesAsync();
    }

    /// <summary>Makes a coordinator manage a programme (created when missing).</summary>
    public static async Task AssignCoordinatorAsync(this PortfolioFactory factory, string userId, string programmeCode = ProgrammeCode)
    {
        await using var db = factory.NewDb();
        var programme = await FindOrAddProgrammeAsync(db, programmeCode);
        programme.Assign(userId);
        await db.SaveChangesAsync();
    }

    private static async Task<Programme> FindOrAddProgrammeAsync(PortfolioDb db, string code, string? title = null)
    {
        var programme = await db.Programmes.Include(p => p.Coordinators).SingleOrDefaultAsync(p => p.Code == code);
        if (programme is null)
        {
            programme = new Programme(code, title ?? (code == ProgrammeCode ? "Certificat inter-universités en management public" : $"Programme {code}"));
            // A test programme uses every part, so that each part's tests reach its pages; ComponentTests switch parts off.
            programme.Use(ProgrammeComponents.All, true);
            db.Programmes.Add(programme);
        }
        return programme;
    }
}
