using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Intervision;
using Portfolio.Tests.Infrastructure;

namespace Portfolio.Tests.Intervision;

/// <summary>Feedback written straight through the entity, for tests about what the pages show of it.</summary>
public static class FeedbackBuilder
{
    public static async Task<int> GiveFeedbackAsync(this PortfolioFactory factory, int requestId, string peerId, string strengths = "La réunion était bien préparée.",
        bool submit = true, (int Critical, int Benevolent, string? Comment)? rating = null, DateTimeOffset? ratedAt = null, int[]? objectiveIds = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await using var db = factory.NewDb();
        var request = await db.FeedbackRequests.Include(r => r.Recipients).SingleAsync(r => r.Id == requestId);
        var frameworkId = await db.Cohorts.Where(c => c.Id == request.CohortId).Select(c => c.FrameworkId).SingleAsync();
        var framework = await scope.ServiceProvider.GetRequiredService<FrameworkModels>().GetAsync(db, frameworkId);
        var now = DateTimeOffset.UtcNow;
        var feedback = new Feedback(request, peerId, now);
        feedback.Write(new FeedbackContent(new FeedbackPart(strengths, objectiveIds ?? [], []), FeedbackPart.Empty, new FeedbackPart("Essayer un tour de table.", [], []), []),
            request, framework, now);
        if (submit)
        {
            feedback.Submit(request.Recipients.Single(r => r.PeerId == peerId), now);
        }
        if (rating is { } r)
        {
            feedback.Rate(r.Critical, r.Benevolent, r.Comment, ratedAt ?? now);
        }
        db.Feedback.Add(feedback);
        await db.SaveChangesAsync();
        return feedback.Id;
    }
}
