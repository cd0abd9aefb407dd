using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portfolio.Core.Accounts;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Intervision;
using Portfolio.Core.Notifications;
using Portfolio.Core.Portfolios;
using Portfolio.Core.Text;
using Portfolio.Tests.Cohorts;
using Portfolio.Tests.Infrastructure;
using Portfolio.Tests.Intervision;
using Portfolio.Tests.Portfolios;
using Portfolio.Web.Notifications;

namespace Portfolio.Tests.Notifications;

/// <summary>The daily reminder job: what it reminds of, to whom, and never twice.</summary>
public class ReminderTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    private static DateOnly Today => PortfolioBuilder.Today;

    private async Task<int> RemindAsync(DateTimeOffset now)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderJob>().RemindAsync(now);
    }

    private async Task<IReadOnlyList<string>> NotificationsAsync()
    {
        await using var db = Factory.NewDb();
        return await db.Notifications
            .Join(db.Users, n => n.UserId, u => u.Id, (n, u) => u.Email + " " + n.Kind + " " + n.Subject + " -> " + n.Link)
            .OrderBy(x => x)
            .ToListAsync();
    }

    private async Task<(int CohortId, int CampaignId, string Ana, string Ben, string Cleo)> CohortAsync()
    {
        var cohortId = await Factory.CreateCohortAsync();
        var campaign = await Factory.AddCampaignAsync(cohortId, "Bilan final", 1, Today.AddDays(-10), Today.AddDays(5));
        var ids = new List<string>();
        foreach (var email in new[] { "ana@example.be", "ben@example.be", "cleo@example.be" })
        {
            await CreateUserAsync(email, Roles.Participant);
            var id = await Factory.UserIdAsync(email);
            await Factory.EnrolAsync(cohortId, id);
            ids.Add(id);
        }
        await Factory.CreateGroupAsync(cohortId, "Groupe 1", [.. ids]);
        return (cohortId, campaign.Id, ids[0], ids[1], ids[2]);
    }

    /// <summary>Gives a level to every objective of the framework in the campaign: the self-assessment is complete.</summary>
    private async Task AssessEveryObjectiveAsync(int cohortId, int campaignId, string participantId)
    {
        await using var db = Factory.NewDb();
        var campaign = await db.Campaigns.SingleAsync(c => c.Id == campaignId);
        var frameworkId = await db.Cohorts.Where(c => c.Id == cohortId).Select(c => c.FrameworkId).SingleAsync();
        var scale = await db.Set<ScaleLevel>().Where(l => l.FrameworkId == frameworkId).Select(l => l.Value).ToListAsync();
        foreach (var (objectiveId, _) in await Factory.ObjectivesAsync(cohortId))
        {
            var assessment = SelfAssessment.ForObjective(campaignId, participantId, objectiveId);
            assessment.Record(campaign, Today, scale, scale[0], "", new Dictionary<int, OutcomeState>(), [], DateTimeOffset.UtcNow);
            db.SelfAssessments.Add(assessment);
        }
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task The_reminder_job_run_twice_creates_one_reminder_per_item_and_day()
    {
        var (cohortId, campaignId, ana, ben, cleo) = await CohortAsync();
        var evidence = await Factory.AddEvidenceAsync(ana, cohortId, "Réunion budgétaire", [(await Factory.ObjectivesAsync(cohortId))[0].Id]);
        await Factory.AskFeedbackAsync(cohortId, ana, [evidence], [ben], "Bientôt dû", dueOn: Today.AddDays(2));
        await Factory.AskFeedbackAsync(cohortId, ana, [evidence], [ben], "Déjà en retard", dueOn: Today.AddDays(-1));
        await Factory.AskFeedbackAsync(cohortId, ana, [evidence], [ben], "Pas encore", dueOn: Today.AddDays(3));
        var withdrawn = await Factory.AskFeedbackAsync(cohortId, ana, [evidence], [ben], "Retirée", dueOn: Today.AddDays(1));
        var answered = await Factory.AskFeedbackAsync(cohortId, ben, [], [ana, cleo], "Répondue par Ana", objectiveIds: [(await Factory.ObjectivesAsync(cohortId))[0].Id], dueOn: Today);
        await using (var db = Factory.NewDb())
        {
            (await db.FeedbackRequests.SingleAsync(r => r.Id == withdrawn)).Withdraw(DateTimeOffset.UtcNow);
            (await db.FeedbackRecipients.SingleAsync(r => r.RequestId == answered && r.PeerId == ana)).MarkAnswered(DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }
        // Cleo has finished her self-assessment: the closing campaign is no concern of hers.
        await AssessEveryObjectiveAsync(cohortId, campaignId, cleo);
        // A campaign closing later than a week away reminds nobody yet.
        await Factory.AddCampaignAsync(cohortId, "Plus tard", 2, Today.AddDays(-1), Today.AddDays(8));
        // The group's next co-development session is tomorrow: its three members are reminded; the one after is not yet.
        var tomorrow = Dates.FromBrussels(Today.AddDays(1).ToDateTime(new TimeOnly(14, 0)));
        int sessionId;
        await using (var db = Factory.NewDb())
        {
            var group = await db.IntervisionGroups.Where(g => g.CohortId == cohortId)
                .Select(g => new CodevGroup(g.Id, g.CohortId, g.Name, g.FacilitatorId, g.Members.Select(m => m.UserId).ToList())).SingleAsync();
            var next = new CodevSession(group, tomorrow, "Salle 2", null, ana, [ben], ana, DateTimeOffset.UtcNow);
            db.CodevSessions.Add(next);
            db.CodevSessions.Add(new CodevSession(group, tomorrow.AddDays(2), "Salle 2", null, ana, [cleo], ana, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
            sessionId = next.Id;
        }
        var session = $"SessionComing {CodevSession.Subject("Groupe 1", tomorrow)} -> /Codev/Session/{sessionId}";

        var first = await RemindAsync(DateTimeOffset.UtcNow);
        var second = await RemindAsync(DateTimeOffset.UtcNow);

        Assert.Equal(8, first);
        Assert.Equal(0, second);
        Assert.Equal(
        [
            $"ana@example.be CampaignClosing Bilan final -> /Participant/Assessments?campaignId={campaignId}",
            $"ana@example.be {session}",
            $"ben@example.be CampaignClosing Bilan final -> /Participant/Assessments?campaignId={campaignId}",
            "ben@example.be FeedbackDueSoon Bientôt dû -> /Participant/Feedback",
            "ben@example.be FeedbackOverdue Déjà en retard -> /Participant/Feedback",
            $"ben@example.be {session}",
            "cleo@example.be FeedbackDueSoon Répondue par Ana -> /Participant/Feedback",
            $"cleo@example.be {session}",
        ], await NotificationsAsync());
        await using var check = Factory.NewDb();
        Assert.Equal(8, await check.ReminderLogs.CountAsync());
        Assert.All(await check.Notifications.ToListAsync(), n => Assert.Null(n.ActorId));
    }

    [Fact]
    public async Task A_reminder_is_not_repeated_the_next_day_for_the_same_due_date_and_overdue_feedback_is_recalled_weekly()
    {
        var (cohortId, _, ana, ben, _) = await CohortAsync();
        var evidence = await Factory.AddEvidenceAsync(ana, cohortId, "Réunion budgétaire", [(await Factory.ObjectivesAsync(cohortId))[0].Id]);
        await Factory.AskFeedbackAsync(cohortId, ana, [evidence], [ben], "Dû après-demain", dueOn: Today.AddDays(2));
        var now = DateTimeOffset.UtcNow;

        async Task<int> RemindersOfBenAsync()
        {
            await using var db = Factory.NewDb();
            return await db.Notifications.CountAsync(n => n.UserId == ben && n.Kind != NotificationKind.CampaignClosing);
        }

        await RemindAsync(now);
        await RemindAsync(now.AddDays(1));
        await RemindAsync(now.AddDays(2));
        Assert.Equal(1, await RemindersOfBenAsync());
        await RemindAsync(now.AddDays(3)); // first day late
        await RemindAsync(now.AddDays(4));
        Assert.Equal(2, await RemindersOfBenAsync());
        await RemindAsync(now.AddDays(10)); // a week later
        Assert.Equal(3, await RemindersOfBenAsync());
    }
}
