using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portfolio.Core.Accounts;
using Portfolio.Core.Frameworks;
using Portfolio.Core.JuryPacks;
using Portfolio.Core.Portfolios;
using Portfolio.Core.Submissions;
using Portfolio.Core.Text;
using Portfolio.Tests.Infrastructure;
using Portfolio.Tests.Portfolios;

namespace Portfolio.Tests.JuryPacks;

/// <summary>Participants, levels, marked evidence and submissions stored straight through the entities, for the synthesis tests.</summary>
public static class SynthesisBuilder
{
    /// <summary>
    /// Participants enrolled in the cohort, stored without a password (nobody signs in as them): fast enough for a large
    /// cohort. Names are stored exactly as given (no trimming), so hostile names reach the database as typed.
    /// </summary>
    public static async Task<string[]> AddParticipantsAsync(this PortfolioFactory factory, int cohortId, int count, string prefix = "cand",
        Func<int, (string First, string Last)>? names = null)
    {
        await using var db = factory.NewDb();
        var cohort = await db.Cohorts.Include(c => c.Enrolments).SingleAsync(c => c.Id == cohortId);
        var users = new List<AppUser>();
        for (var i = 0; i < count; i++)
        {
            var user = AppUser.Create($"{prefix}{i}@example.be", "x", "x");
            var (first, last) = names?.Invoke(i) ?? ($"Prénom {prefix}{i}", $"Nom {prefix}{i:D3}");
            user.FirstName = first;
            user.LastName = last;
            user.NormalizedEmail = user.Email!.ToUpperInvariant();
            user.NormalizedUserName = user.UserName!.ToUpperInvariant();
            user.SecurityStamp = Guid.NewGuid().ToString();
            db.Users.Add(user);
            users.Add(user);
        }
        await db.SaveChangesAsync();
        foreach (var u in users)
        {
            cohort.Enrol(u.Id, DateTimeOffset.UtcNow);
        }
        await db.SaveChangesAsync();
        return [.. users.Select(u => u.Id)];
    }

    /// <summary>Two campaigns open today, in this order: the baseline and the final review.</summary>
    public static async Task<(int First, int Last)> TwoCampaignsAsync(this PortfolioFactory factory, int cohortId, string firstName = "Positionnement initial",
        string lastName = "Bilan final")
    {
        var today = PortfolioBuilder.Today;
        var first = await factory.AddCampaignAsync(cohortId, firstName, 1, today.AddDays(-30), today.AddDays(30));
        var last = await factory.AddCampaignAsync(cohortId, lastName, 2, today.AddDays(-10), today.AddDays(40));
        return (first.Id, last.Id);
    }

    public static async Task RecordLevelAsync(this PortfolioFactory factory, int campaignId, string participantId, int objectiveId, int level)
    {
        await using var db = factory.NewDb();
        var campaign = await db.Campaigns.SingleAsync(c => c.Id == campaignId);
        var scale = await db.Cohorts.Where(c => c.Id == campaign.CohortId).SelectMany(c => c.Framework.Scale).Select(l => l.Value).ToListAsync();
        var assessment = SelfAssessment.ForObjective(campaignId, participantId, objectiveId);
        assessment.Record(campaign, PortfolioBuilder.Today, scale, level, "", new Dictionary<int, OutcomeState>(), [], DateTimeOffset.UtcNow);
        db.SelfAssessments.Add(assessment);
        await db.SaveChangesAsync();
    }

    public static async Task MarkForAssessmentAsync(this PortfolioFactory factory, int evidenceId)
    {
        await using var db = factory.NewDb();
        (await db.Evidence.SingleAsync(e => e.Id == evidenceId)).MarkForAssessment(true);
        await db.SaveChangesAsync();
    }

    /// <summary>A submission with an empty snapshot but for the candidate's name (what it holds does not matter here); returns its id.</summary>
    public static async Task<int> SubmitAsync(this PortfolioFactory factory, int cohortId, string participantId, string participantName = "Candidate")
    {
        await using var db = factory.NewDb();
        var record = new SubmissionRecord(participantId, cohortId);
        var submission = record.Submit(new SnapshotDocument(1, participantName, "Promotion", "Programme", [], [], [], [], new SnapshotReport(null, [])), [],
            DateTimeOffset.UtcNow);
        db.SubmissionRecords.Add(record);
        await db.SaveChangesAsync();
        return submission.Id;
    }

    public static async Task<FrameworkModel> FrameworkAsync(this PortfolioFactory factory, int cohortId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await using var db = factory.NewDb();
        var frameworkId = await db.Cohorts.Where(c => c.Id == cohortId).Select(c => c.FrameworkId).SingleAsync();
        return await scope.ServiceProvider.GetRequiredService<FrameworkModels>().GetAsync(db, frameworkId);
    }

    /// <summary>The cohort's synthesis as a coordinator would get it, and its workbook built at a fixed moment.</summary>
    public static async Task<(CohortSynthesis Synthesis, byte[] Workbook)> BuildWorkbookAsync(this PortfolioFactory factory, int cohortId, DateTimeOffset? at = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await using var db = factory.NewDb();
        var synthesis = await CohortSynthesis.ForCohortAsync(db, scope.ServiceProvider.GetRequiredService<FrameworkModels>(), db.Cohorts, cohortId)
            ?? throw new InvalidOperationException("No such cohort.");
        using var stream = new MemoryStream();
        SynthesisWorkbook.Write(synthesis, stream, at ?? new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));
        return (synthesis, stream.ToArray());
    }

    /// <summary>
    /// Opens a generated workbook, after scanning it: no cell holds a formula, and no text cell that a spreadsheet would
    /// take for a formula escaped <see cref="SpreadsheetText.Write"/>. Every workbook test opens its files through here.
    /// </summary>
    public static XLWorkbook OpenScanned(byte[] bytes)
    {
        var workbook = new XLWorkbook(new MemoryStream(bytes));
        Assert.Empty(SpreadsheetText.UnsafeCells(workbook));
        return workbook;
    }

    /// <summary>The row of a sheet whose first two cells are this last and first name.</summary>
    public static IXLRow RowOf(IXLWorksheet sheet, string lastName, string firstName) =>
        sheet.RowsUsed().Single(r => r.Cell(1).GetString() == lastName && r.Cell(2).GetString() == firstName);

    /// <summary>The column (1-based) of a header in row 1.</summary>
    public static int Column(IXLWorksheet sheet, string header) =>
        sheet.Row(1).CellsUsed().Single(c => c.GetString() == header).Address.ColumnNumber;
}
