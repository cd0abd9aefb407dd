using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Intervision;
using Portfolio.Core.Portfolios;
using Portfolio.Tests.Portfolios;
using Portfolio.Tests.Infrastructure;

namespace Portfolio.Tests.Intervision;

/// <summary>Small builders for intervision data: groups, shares, feedback requests.</summary>
public static class IntervisionBuilder
{
    /// <summary>A group of these participants (already enrolled in the cohort), optionally with a facilitator.</summary>
    public static async Task<int> CreateGroupAsync(this PortfolioFactory factory, int cohortId, string name, string[] memberIds, string? facilitatorId = null)
    {
        await using var db = factory.NewDb();
        var group = new IntervisionGroup(cohortId, name, DateTimeOffset.UtcNow);
        group.AssignFacilitator(facilitatorId);
        foreach (var id in memberIds)
        {
            group.Add(id, DateTimeOffset.UtcNow);
        }
        db.IntervisionGroups.Add(group);
        await db.SaveChangesAsync();
        return group.Id;
    }

    /// <summary>Sets who may read an evidence item besides its owner.</summary>
    public static async Task ShareEvidenceAsync(this PortfolioFactory factory, int evidenceId, Visibility visibility, params string[] peerIds)
    {
        await using var db = factory.NewDb();
        var evidence = await db.Evidence.SingleAsync(e => e.Id == evidenceId);
        evidence.Edit(evidence.Content with { Visibility = visibility, SharedWithUserIds = peerIds }, await factory.FrameworkOfAsync(evidence.CohortId), DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
    }

    public static async Task<int> AskFeedbackAsync(this PortfolioFactory factory, int cohortId, string requesterId, int[] evidenceIds, string[] peerIds,
        string question = "Qu'en pensez-vous ?", int[]? objectiveIds = null, DateOnly? dueOn = null)
    {
        await using var db = factory.NewDb();
        var request = new FeedbackRequest(cohortId, requesterId, question, dueOn ?? DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7), evidenceIds, objectiveIds ?? [], peerIds, DateTimeOffset.UtcNow);
        db.FeedbackRequests.Add(request);
        await db.SaveChangesAsync();
        return request.Id;
    }

    /// <summary>The titles of the evidence items a person may read, as <see cref="ItemAccess"/> decides.</summary>
    public static async Task<IReadOnlyList<string>> ReadableEvidenceAsync(this PortfolioFactory factory, string readerId)
    {
        await using var db = factory.NewDb();
        return await db.Evidence.ReadableBy(db, readerId).OrderBy(e => e.Title).Select(e => e.Title).ToListAsync();
    }
}
