using System.Net;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;
using Portfolio.Tests.Infrastructure;
using Portfolio.Web.Hosting;

namespace Portfolio.Tests.Platform;

/// <summary>`./portfolio run` shows a demo cohort of every shipped programme, with the parts that programme uses.</summary>
public class DemoDataTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    private static readonly string[] ShippedCodes = ["chesp", "cium", "communaute-cadres-dirigeants", "ena-transformation-publique", "inet-direction-generale"];

    private sealed record DemoCohort(string Code, ProgrammeComponents Parts, string[] Coordinators, int Participants, int WithoutPassword, int Groups,
        string?[] Facilitators, int Sessions, int StudyTrips, int CodevSessions, int Campaigns, int CaseStudies, int Juries, int Candidates, int Projects, int Milestones, int Feedback);

    private async Task<List<DemoCohort>> DemoCohortsAsync()
    {
        await using var db = Factory.NewDb();
        return await db.Cohorts.Where(c => c.Name == DemoData.CohortName).OrderBy(c => c.Programme.Code).Select(c => new DemoCohort(
            c.Programme.Code,
            c.Programme.Components,
            c.Programme.Coordinators.Select(p => db.Users.Where(u => u.Id == p.UserId).Select(u => u.Email!).Single()).OrderBy(e => e).ToArray(),
            c.Enrolments.Count,
            c.Enrolments.Count(e => db.Users.Any(u => u.Id == e.UserId && u.PasswordHash == null)),
            db.IntervisionGroups.Count(g => g.CohortId == c.Id),
            db.IntervisionGroups.Where(g => g.CohortId == c.Id).Select(g => db.Users.Where(u => u.Id == g.FacilitatorId).Select(u => u.Email).FirstOrDefault()).ToArray(),
            db.CohortSessions.Count(s => s.CohortId == c.Id),
            db.CohortSessions.Count(s => s.CohortId == c.Id && s.Kind == SessionKind.StudyTrip),
            db.CodevSessions.Count(s => s.Group.CohortId == c.Id),
            db.Campaigns.Count(k => k.CohortId == c.Id),
            db.CaseStudyGroups.Count(g => g.CohortId == c.Id),
            db.Juries.Count(j => j.CohortId == c.Id),
            db.JuryCandidates.Count(j => j.Jury.CohortId == c.Id),
            db.TransformationProjects.Count(p => p.CohortId == c.Id),
            db.ProjectMilestones.Count(m => db.TransformationProjects.Any(p => p.Id == m.ProjectId && p.CohortId == c.Id)),
            db.Feedback.Count(f => db.FeedbackRequests.Any(r => r.Id == f.RequestId && r.CohortId == c.Id && r.ProjectId != null))))
            .ToListAsync();
    }

    [Fact]
    public async Task Demo_data_gives_every_shipped_programme_a_cohort_with_the_parts_it_uses()
    {
        await DatabaseSetup.LoadAsync(Factory.Services, withDemoData: true);

        var cohorts = await DemoCohortsAsync();
        Assert.Equal(ShippedCodes, cohorts.Select(c => c.Code));
        foreach (var c in cohorts)
        {
            bool Uses(ProgrammeComponents part) => (c.Parts & part) != 0;
            Assert.Contains("coordination2@portfolio.test", c.Coordinators);
            Assert.InRange(c.Participants, 4, 12);
            Assert.Equal(0, c.WithoutPassword);
            Assert.Equal(Uses(ProgrammeComponents.Intervision | ProgrammeComponents.CoDevelopment), c.Groups > 0);
            // Co-development is run by a facilitator: the demo one runs the first group of such a programme.
            Assert.Equal(Uses(ProgrammeComponents.CoDevelopment), c.Facilitators.Contains("facilitation@portfolio.test"));
            Assert.Equal(Uses(ProgrammeComponents.CoDevelopment) ? 1 : 0, c.CodevSessions);
            Assert.Equal(Uses(ProgrammeComponents.Sessions), c.Sessions > 0);
            Assert.Equal(Uses(ProgrammeComponents.StudyTrip) ? 1 : 0, c.StudyTrips);
            Assert.Equal(Uses(ProgrammeComponents.SelfAssessment) ? 3 : 0, c.Campaigns);
            Assert.Equal(Uses(ProgrammeComponents.CaseStudy), c.CaseStudies > 0);
            Assert.Equal(Uses(ProgrammeComponents.Jury) ? 1 : 0, c.Juries);
            Assert.Equal(Uses(ProgrammeComponents.Jury), c.Candidates > 0);
            Assert.Equal(Uses(ProgrammeComponents.TransformationProject) ? (1, 3, 1) : (0, 0, 0), (c.Projects, c.Milestones, c.Feedback));
        }
        // coordination1 keeps the certificate alone; coordination2 visits every programme.
        Assert.Equal(["coordination1@portfolio.test", "coordination2@portfolio.test"], cohorts.Single(c => c.Code == "cium").Coordinators);
        Assert.All(cohorts.Where(c => c.Code != "cium"), c => Assert.Equal(["coordination2@portfolio.test"], c.Coordinators));
    }

    [Fact]
    public async Task Demo_participants_of_every_programme_sign_in_with_the_demo_password()
    {
        await DatabaseSetup.LoadAsync(Factory.Services, withDemoData: true);

        await using var db = Factory.NewDb();
        var firsts = await db.Cohorts.Where(c => c.Name == DemoData.CohortName)
            .Select(c => c.Enrolments.Select(e => db.Users.Where(u => u.Id == e.UserId).Select(u => u.Email!).Single()).Order().First())
            .ToListAsync();
        Assert.Equal(["chesp01@portfolio.test", "communaute01@portfolio.test", "ena01@portfolio.test", "inet01@portfolio.test", "participant01@portfolio.test"], firsts.Order());
        foreach (var email in firsts)
        {
            var login = await PostFormAsync(NewClient(), "/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = DemoData.Password });
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        }
    }

    [Fact]
    public async Task Demo_calendar_of_INET_has_its_six_modules_and_the_study_trip_between_modules_4_and_5()
    {
        await DatabaseSetup.LoadAsync(Factory.Services, withDemoData: true);

        await using var db = Factory.NewDb();
        var sessions = await db.CohortSessions.Where(s => db.Cohorts.Any(c => c.Id == s.CohortId && c.Programme.Code == "inet-direction-generale"))
            .OrderBy(s => s.StartsAt).Select(s => new { s.Kind, s.Title, s.Place, s.PillarId }).ToListAsync();
        Assert.Equal(7, sessions.Count);
        Assert.Equal("Module 1 — La recomposition des territoires", sessions[0].Title);
        Assert.Equal(SessionKind.StudyTrip, sessions[4].Kind);
        Assert.Equal("Module 5 — Le développement de l'agilité des organisations publiques territoriales", sessions[5].Title);
        Assert.All(sessions.Where(s => s.Kind == SessionKind.Module), s => Assert.NotNull(s.PillarId));
        Assert.All(sessions, s => Assert.False(string.IsNullOrEmpty(s.Place)));
    }

    [Fact]
    public async Task Loading_the_demo_data_a_second_time_adds_no_row()
    {
        await DatabaseSetup.LoadAsync(Factory.Services, withDemoData: true);
        var before = await RowCountsAsync();
        await DatabaseSetup.LoadAsync(Factory.Services, withDemoData: true);
        Assert.Equal(before, await RowCountsAsync());
        Assert.All(before.Where(r => r.Key != "Programmes with another code"), r => Assert.True(r.Value > 0, r.Key));
    }

    private async Task<Dictionary<string, int>> RowCountsAsync()
    {
        await using var db = Factory.NewDb();
        return new()
        {
            ["Users"] = await db.Users.CountAsync(),
            ["UserRoles"] = await db.UserRoles.CountAsync(),
            ["Programmes"] = await db.Programmes.CountAsync(),
            ["Programmes with another code"] = await db.Programmes.CountAsync(p => !ShippedCodes.Contains(p.Code)),
            ["ProgrammeCoordinators"] = await db.ProgrammeCoordinators.CountAsync(),
            ["Cohorts"] = await db.Cohorts.CountAsync(),
            ["Enrolments"] = await db.Enrolments.CountAsync(),
            ["Campaigns"] = await db.Campaigns.CountAsync(),
            ["CohortSessions"] = await db.CohortSessions.CountAsync(),
            ["IntervisionGroups"] = await db.IntervisionGroups.CountAsync(),
            ["GroupMembers"] = await db.GroupMembers.CountAsync(),
            ["CodevSessions"] = await db.CodevSessions.CountAsync(),
            ["CaseStudyGroups"] = await db.CaseStudyGroups.CountAsync(),
            ["Juries"] = await db.Juries.CountAsync(),
            ["JuryMembers"] = await db.JuryMembers.CountAsync(),
            ["JuryCandidates"] = await db.JuryCandidates.CountAsync(),
            ["TransformationProjects"] = await db.TransformationProjects.CountAsync(),
            ["ProjectMilestones"] = await db.ProjectMilestones.CountAsync(),
            ["FeedbackRequests"] = await db.FeedbackRequests.CountAsync(),
            ["Feedback"] = await db.Feedback.CountAsync(),
        };
    }

    [Fact]
    public async Task Demo_data_never_creates_a_programme_of_its_own()
    {
        // Without the shipped programmes (as in the other tests), the demo has no programme to fill: it makes none up.
        await DatabaseSetup.LoadAsync(Factory.Services, withDemoData: true, shippedProgrammes: false);

        await using var db = Factory.NewDb();
        Assert.Equal(0, await db.Programmes.CountAsync());
        Assert.Equal(0, await db.Cohorts.CountAsync());
    }
}
