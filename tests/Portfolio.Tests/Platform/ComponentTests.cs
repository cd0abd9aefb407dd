using System.Net;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portfolio.Core.Accounts;
using Portfolio.Core.Cohorts;
using Portfolio.Tests.Cohorts;
using Portfolio.Tests.Infrastructure;
using Portfolio.Tests.Portfolios;
using Portfolio.Web.Hosting;

namespace Portfolio.Tests.Platform;

/// <summary>A programme says which parts it uses; the pages, menus and links of the others stay out of its people's way.</summary>
public class ComponentTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    private const string Community = "communaute";
    private const ProgrammeComponents CommunityParts = ProgrammeComponents.Intervision | ProgrammeComponents.CoDevelopment | ProgrammeComponents.Journal;

    [Fact]
    public void The_component_map_lists_every_page_folder()
    {
        var pages = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.GetMetadata<PageActionDescriptor>()?.ViewEnginePath)
            .OfType<string>().Distinct().ToList();
        Assert.True(pages.Count >= 20, $"only {pages.Count} pages found");
        // Listed by itself or by its own folder: a new folder must say which part it belongs to (or none).
        var unlisted = pages.Where(p => !ComponentAccess.Lists(p)).Order().ToList();
        Assert.True(unlisted.Count == 0, "pages whose folder is not in ComponentAccess.Map:\n" + string.Join("\n", unlisted));
        // Every part has pages of its own, but the seminars (sessions of the calendar, and the lock they put on
        // self-assessment) and the study trip (a session of the calendar too).
        var served = pages.Aggregate(ProgrammeComponents.None, (all, p) => all | ComponentAccess.For(p));
        var missing = ProgrammeComponentNames.Each.Where(c => !served.HasFlag(c)).ToList();
        Assert.Equal([ProgrammeComponents.LeadershipSeminars, ProgrammeComponents.StudyTrip], missing);
    }

    [Fact]
    public async Task Unused_component_has_no_menu_and_answers_404()
    {
        // A community without self-assessment nor jury, and the certificate that uses both, each with a participant.
        var communityCohort = await Factory.CreateCohortAsync("Communauté 2026", Community);
        await Factory.UseComponentsAsync(Community, CommunityParts);
        var certificateCohort = await Factory.CreateCohortWithCampaignsAsync();
        var member = await SignedInClientAsync("membre@example.be", Roles.Participant);
        var candidate = await SignedInClientAsync("candidate@example.be", Roles.Participant);
        await Factory.EnrolAsync(communityCohort, await Factory.UserIdAsync("membre@example.be"));
        await Factory.EnrolAsync(certificateCohort, await Factory.UserIdAsync("candidate@example.be"));
        // One coordinator for both programmes: what they see depends on the cohort's programme, not on them.
        var coordinator = await SignedInClientAsync("coordination@example.be", Roles.Coordinator);
        await Factory.AssignCoordinatorAsync(await Factory.UserIdAsync("coordination@example.be"), Community);

        var memberMenu = Links(await GetPageAsync(member, "/Participant"), "nav");
        Assert.DoesNotContain(memberMenu, l => l.StartsWith("/Participant/Assessments") || l.StartsWith("/Participant/Matrix") || l.StartsWith("/Participant/Progression"));
        Assert.DoesNotContain(memberMenu, l => l.StartsWith("/Participant/Evidence") || l.StartsWith("/Participant/Report"));
        Assert.Contains(memberMenu, l => l.StartsWith("/Participant/Journal"));
        foreach (var url in new[] { "/Participant/Assessments", "/Participant/Matrix", "/Participant/Progression", "/Participant/Exam", "/Participant/Results",
            "/Participant/Evidence", "/Participant/Evidence/Edit", "/Participant/Report" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync(url)).StatusCode);
        }
        await GetPageAsync(member, "/Participant/Journal");

        var candidateMenu = Links(await GetPageAsync(candidate, "/Participant"), "nav");
        Assert.Contains(candidateMenu, l => l.StartsWith("/Participant/Assessments"));
        Assert.Contains(candidateMenu, l => l.StartsWith("/Participant/Matrix"));
        await GetPageAsync(candidate, "/Participant/Assessments");
        await GetPageAsync(candidate, "/Participant/Matrix");

        var communityLinks = Links(await GetPageAsync(coordinator, $"/Coordinator/Cohorts/Details/{communityCohort}"), "main");
        Assert.DoesNotContain(communityLinks, l => l.StartsWith("/Coordinator/Campaigns") || l.StartsWith("/Coordinator/Juries") || l.StartsWith("/Coordinator/Exams")
            || l.StartsWith("/Coordinator/Results") || l.StartsWith("/Coordinator/Packs"));
        Assert.Contains(communityLinks, l => l.StartsWith("/Coordinator/Groups"));
        foreach (var url in new[] { "Campaigns", "Juries", "Juries/Create", "Exams", "Results", "Packs" }.Select(p => $"/Coordinator/{p}/{communityCohort}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync(url)).StatusCode);
        }
        await GetPageAsync(coordinator, $"/Coordinator/Groups/{communityCohort}");

        var certificateLinks = Links(await GetPageAsync(coordinator, $"/Coordinator/Cohorts/Details/{certificateCohort}"), "main");
        Assert.Contains(certificateLinks, l => l.StartsWith("/Coordinator/Campaigns"));
        Assert.Contains(certificateLinks, l => l.StartsWith("/Coordinator/Juries"));
        await GetPageAsync(coordinator, $"/Coordinator/Campaigns/{certificateCohort}");
        await GetPageAsync(coordinator, $"/Coordinator/Juries/{certificateCohort}");
    }

    [Fact]
    public async Task A_coordinator_switches_a_part_off_and_its_pages_close()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var coordinator = await SignedInClientAsync("coordination@example.be", Roles.Coordinator);
        var participant = await SignedInClientAsync("ana@example.be", Roles.Participant);
        await Factory.EnrolAsync(cohortId, await Factory.UserIdAsync("ana@example.be"));
        int programmeId;
        await using (var db = Factory.NewDb())
        {
            programmeId = await db.Programmes.Where(p => p.Code == CohortBuilder.ProgrammeCode).Select(p => p.Id).SingleAsync();
        }
        await GetPageAsync(participant, "/Participant/Assessments");

        // Two tabs open on the same form: every box ticked but self-assessment in one, but the journal in the other.
        var page = await GetPageAsync(coordinator, $"/Coordinator/Programmes/Components/{programmeId}");
        FormUrlEncodedContent FormWithout(ProgrammeComponents unticked) => new(page.QuerySelectorAll("input[name='Input.Used'][checked]").Select(i => i.GetAttribute("value")!)
            .Where(v => v != unticked.ToString()).Select(v => KeyValuePair.Create("Input.Used", v))
            .Append(KeyValuePair.Create("Input.RowVersion", page.QuerySelector("input[name='Input.RowVersion']")!.GetAttribute("value")!))
            .Append(KeyValuePair.Create("__RequestVerificationToken", page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!)));
        var form = FormWithout(ProgrammeComponents.SelfAssessment);
        var saved = await coordinator.PostAsync($"/Coordinator/Programmes/Components/{programmeId}", form);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        await using (var db = Factory.NewDb())
        {
            Assert.Equal(ProgrammeComponents.All & ~ProgrammeComponents.SelfAssessment, await db.Programmes.Where(p => p.Id == programmeId).Select(p => p.Components).SingleAsync());
        }
        Assert.Equal(HttpStatusCode.NotFound, (await participant.GetAsync("/Participant/Assessments")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/Coordinator/Campaigns/{cohortId}")).StatusCode);

        // The other tab carries the version read before the save: refused, the stored parts shown, nothing changed.
        var stale = await coordinator.PostAsync($"/Coordinator/Programmes/Components/{programmeId}", FormWithout(ProgrammeComponents.Journal));
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("Quelqu'un a modifié les parties de ce programme", (await ParseAsync(stale)).QuerySelector("main")!.TextContent);
        await using (var db = Factory.NewDb())
        {
            Assert.True((await db.Programmes.SingleAsync(p => p.Id == programmeId)).Uses(ProgrammeComponents.Journal));
        }
    }

    [Fact]
    public async Task A_coordinator_of_another_programme_gets_404_on_its_parts()
    {
        var programmeId = await Factory.CreateProgrammeAsync("autre");
        var stranger = await SignedInClientAsync("stranger@example.be", Roles.Coordinator);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/Coordinator/Programmes/Components/{programmeId}")).StatusCode);
    }

    [Fact]
    public async Task Shipped_programmes_are_created_once_and_a_missing_framework_is_skipped_with_a_line()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "templates", "programmes");
        await using var db = Factory.NewDb();

        var first = await ProgrammeDescriptions.LoadShippedAsync(db, folder);
        Assert.Contains("cium: created (SelfAssessment, LeadershipSeminars, CaseStudy, IndividualReport, Evidence, Journal, Intervision, CoDevelopment, Jury, JuryPacks, Sessions, StudyTrip)", first);
        Assert.Contains("communaute-cadres-dirigeants: created (Journal, Intervision, CoDevelopment)", first);
        Assert.Equal(5, first.Count);

        var again = await ProgrammeDescriptions.LoadShippedAsync(db, folder);
        Assert.Contains("cium: unchanged", again);
        var cium = await db.Programmes.AsNoTracking().SingleAsync(p => p.Code == "cium");
        Assert.Equal(ProgrammeComponents.Default, cium.Components);
        Assert.Equal("cium-management-public", cium.FrameworkCode);

        // A programme whose framework is not loaded waits, and says why.
        var elsewhere = Directory.CreateTempSubdirectory();
        try
        {
            await File.WriteAllTextAsync(Path.Combine(elsewhere.FullName, "sans-cadre.json"),
                """{ "code": "sans-cadre", "title": "Programme sans référentiel", "framework": "cadre-absent", "components": ["Journal"] }""");
            var waiting = await ProgrammeDescriptions.LoadShippedAsync(db, elsewhere.FullName);
            Assert.StartsWith("sans-cadre: skipped, its framework \"cadre-absent\" is not loaded", Assert.Single(waiting));
            Assert.False(await db.Programmes.AnyAsync(p => p.Code == "sans-cadre"));
        }
        finally
        {
            elsewhere.Delete(recursive: true);
        }
    }

    [Fact]
    public void Every_shipped_programme_description_is_valid()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "templates", "programmes");
        var files = Directory.GetFiles(folder, "*.json");
        Assert.Equal(5, files.Length);
        foreach (var file in files)
        {
            var (description, problems) = ProgrammeDescriptions.Read(File.ReadAllText(file));
            Assert.True(description is not null, file + ": " + string.Join("; ", problems));
            Assert.Equal(Path.GetFileNameWithoutExtension(file), description!.Code);
        }
    }

    [Fact]
    public void A_description_lists_every_problem_at_once()
    {
        var (description, problems) = ProgrammeDescriptions.Read("""{"code":"Pas Bon","title":"","components":["Journal","Cuisine",3]}""");
        Assert.Null(description);
        Assert.Equal(5, problems.Count);
    }

    private static List<string> Links(AngleSharp.Html.Dom.IHtmlDocument page, string selector) =>
        page.QuerySelectorAll($"{selector} a[href]").Select(a => a.GetAttribute("href")!).ToList();
}
