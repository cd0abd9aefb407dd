using Portfolio.Core.Accounts;
using Portfolio.Tests.Infrastructure;
using Portfolio.Tests.Portfolios;

namespace Portfolio.Tests.CaseStudies;

/// <summary>The case-study lists keep a fixed number of SQL commands whatever the number of groups, members and versions.</summary>
public class CaseStudyQueryCountTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    private async Task<int> CommandsForAsync(HttpClient client, string url)
    {
        await GetPageAsync(client, url); // warm-up: key ring, caches
        Factory.Commands.Reset();
        await GetPageAsync(client, url);
        return Factory.Commands.Count;
    }

    /// <summary>A cohort with <paramref name="groups"/> groups of three, each with two versions, the first group's report submitted.</summary>
    private async Task<(int CohortId, string FirstMemberEmail)> CohortWithGroupsAsync(string name, int groups)
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync(name);
        string? first = null;
        for (var g = 0; g < groups; g++)
        {
            var members = new List<string>();
            for (var m = 0; m < 3; m++)
            {
                var email = $"{name.Replace(' ', '-')}-{g}-{m}@example.be";
                var user = await CreateUserAsync(email, Roles.Participant);
                await Factory.EnrolAsync(cohortId, user.Id);
                members.Add(user.Id);
                first ??= email;
            }
            var groupId = await Factory.CreateCaseStudyAsync(cohortId, $"Groupe {g:00}", [.. members]);
            var v1 = await Factory.UploadVersionAsync(groupId, members[0], "v1.pdf", CaseStudyBuilder.Pdf);
            await Factory.UploadVersionAsync(groupId, members[1], "v2.pdf", CaseStudyBuilder.Pdf);
            if (g == 0)
            {
                await Factory.SubmitFinalAsync(groupId, v1, members[2]);
            }
        }
        return (cohortId, first!);
    }

    [Fact]
    public async Task The_case_study_list_issues_as_many_commands_for_2_and_for_25_groups()
    {
        var (few, fewMember) = await CohortWithGroupsAsync("Petite promotion", 2);
        var (many, _) = await CohortWithGroupsAsync("Grande promotion", 25);
        var coordinator = await SignedInClientAsync("coordination@example.be", Roles.Coordinator);

        var small = await CommandsForAsync(coordinator, $"/Coordinator/CaseStudies/{few}");
        var large = await CommandsForAsync(coordinator, $"/Coordinator/CaseStudies/{many}");

        Assert.Equal(small, large);
        // Session check, notification count, cohort, members, groups.
        Assert.InRange(small, 1, 6);
    }

    [Fact]
    public async Task The_participant_report_page_issues_as_many_commands_for_2_and_for_30_versions()
    {
        var (cohortId, email) = await CohortWithGroupsAsync("Promotion", 1);
        var member = NewClient();
        await PostFormAsync(member, "/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = Password });
        var small = await CommandsForAsync(member, "/Participant/CaseStudy");

        await using (var db = Factory.NewDb())
        {
            var groupId = db.CaseStudyGroups.Single().Id;
            var memberId = db.Users.Single(u => u.Email == email).Id;
            // The report is submitted: reopen it to add versions, as a coordinator would.
            var group = db.CaseStudyGroups.Single();
            group.Reopen(memberId, "Pour le test", DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
            for (var i = 0; i < 28; i++)
            {
                await Factory.UploadVersionAsync(groupId, memberId, $"v{i + 3}.pdf", CaseStudyBuilder.Pdf);
            }
        }
        var large = await CommandsForAsync(member, "/Participant/CaseStudy");

        Assert.Equal(small, large);
        Assert.InRange(small, 1, 7);
    }
}
