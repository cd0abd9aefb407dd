using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portfolio.Core.Accounts;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Portfolios;
using Portfolio.Core.Storage;
using Portfolio.Tests.Cohorts;
using Portfolio.Tests.Infrastructure;
using Portfolio.Tests.Intervision;
using Portfolio.Tests.Portfolios;
using Portfolio.Web.Hosting;

namespace Portfolio.Tests.Platform;

public class AuthorizationTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    private IReadOnlyList<(string Page, string Route, EndpointMetadataCollection Metadata)> PageEndpoints() =>
        Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => (Descriptor: e.Metadata.GetMetadata<PageActionDescriptor>(), Endpoint: e))
            .Where(x => x.Descriptor is not null)
            .Select(x => (x.Descriptor!.ViewEnginePath, x.Endpoint.RoutePattern.RawText ?? "", x.Endpoint.Metadata))
            .ToList();

    [Fact]
    public void Every_page_is_restricted_to_roles_or_on_the_short_anonymous_list()
    {
        var pages = PageEndpoints();
        Assert.True(pages.Count >= 20, $"only {pages.Count} page endpoints found");
        var offenders = new List<string>();
        foreach (var (page, route, metadata) in pages)
        {
            var anonymous = metadata.GetMetadata<IAllowAnonymous>() is not null;
            var roles = metadata.GetOrderedMetadata<IAuthorizeData>().Where(a => !string.IsNullOrWhiteSpace(a.Roles)).ToList();
            if (anonymous && !PageAccess.AnonymousPages.Contains(page))
            {
                offenders.Add($"{page} ({route}) allows anonymous access but is not on the anonymous list");
            }
            else if (!anonymous && roles.Count == 0)
            {
                offenders.Add($"{page} ({route}) is restricted to no role");
            }
        }
        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
        // Signing in, a forgotten password and a password link, the public frameworks and their format: short still.
        Assert.True(PageAccess.AnonymousPages.Count <= 12, "the anonymous list must stay short");
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in_from_every_restricted_page()
    {
        var client = NewClient();
        var restricted = PageEndpoints().Where(p => !PageAccess.AnonymousPages.Contains(p.Page)).ToList();
        foreach (var (page, route, _) in restricted)
        {
            // Every route parameter gets a value: 1 for integers, x otherwise.
            var url = "/" + Regex.Replace(route, @"\{\w+(?<int>:int)?\??\}", m => m.Groups["int"].Success ? "1" : "x");
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/Account/Login"),
                $"{page} at {url} answered {(int)response.StatusCode} to an anonymous visitor");
        }
    }

    [Theory]
    [InlineData("/Admin/Users", Roles.Coordinator)]
    [InlineData("/Coordinator", Roles.Participant)]
    [InlineData("/Coordinator/Frameworks/Import", Roles.JuryMember)]
    [InlineData("/Participant", Roles.Admin)]
    [InlineData("/Peer", Roles.Facilitator)]
    [InlineData("/Facilitator", Roles.Participant)]
    [InlineData("/Facilitator", Roles.Coordinator)]
    [InlineData("/Coordinator/Groups/1", Roles.Facilitator)]
    [InlineData("/Codev", Roles.Coordinator)]
    [InlineData("/Jury/Candidate/1", Roles.Participant)]
    [InlineData("/Submissions/File/1", Roles.Facilitator)]
    [InlineData("/Coordinator/Submissions/1", Roles.JuryMember)]
    [InlineData("/Participant/Project", Roles.Facilitator)]
    [InlineData("/Peer/Project/Details/1", Roles.Facilitator)]
    [InlineData("/Coordinator/Projects/1", Roles.Facilitator)]
    [InlineData("/Jury/Project/1", Roles.Participant)]
    public async Task A_person_without_the_role_gets_403(string url, string role)
    {
        var client = await SignedInClientAsync("someone@example.be", role);
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString());
        var denied = await client.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    [Fact]
    public async Task The_job_dashboard_signed_out_redirects_to_the_sign_in_page()
    {
        var response = await NewClient().GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.ToString());
        Assert.Contains("ReturnUrl=%2Fhangfire", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task The_job_dashboard_is_for_admins_only()
    {
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
        var refused = await coordinator.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/Account/AccessDenied", refused.Headers.Location!.ToString());
        var admin = await SignedInClientAsync("admin@example.be", Roles.Admin);
        var dashboard = await admin.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("Hangfire", await dashboard.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Every coordinator URL of a cohort, read and written. {cohort}, {campaign} and {participant} belong to the
    /// programme "autre"; POSTs carry a valid antiforgery token, so only the programme scope can refuse them.
    /// </summary>
    [Theory]
    [InlineData("GET", "/Coordinator/Cohorts/Details/{cohort}")]
    [InlineData("GET", "/Coordinator/Cohorts/Edit/{cohort}")]
    [InlineData("GET", "/Coordinator/Campaigns/{cohort}")]
    [InlineData("GET", "/Coordinator/Cohorts/Withdraw/{cohort}/{participant}")]
    [InlineData("POST", "/Coordinator/Cohorts/Details/{cohort}?handler=Enrol")]
    [InlineData("POST", "/Coordinator/Cohorts/Details/{cohort}?handler=Upload")]
    [InlineData("POST", "/Coordinator/Cohorts/Details/{cohort}?handler=Confirm")]
    [InlineData("POST", "/Coordinator/Cohorts/Edit/{cohort}")]
    [InlineData("POST", "/Coordinator/Cohorts/Withdraw/{cohort}/{participant}")]
    [InlineData("POST", "/Coordinator/Campaigns/{cohort}?handler=Defaults")]
    [InlineData("POST", "/Coordinator/Campaigns/{cohort}?handler=Add")]
    [InlineData("POST", "/Coordinator/Campaigns/{cohort}?handler=Edit&campaignId={campaign}")]
    [InlineData("GET", "/Coordinator/Sessions/{cohort}")]
    [InlineData("GET", "/Coordinator/Sessions/Add/{cohort}")]
    [InlineData("GET", "/Coordinator/Sessions/Edit/{session}")]
    [InlineData("GET", "/Coordinator/Sessions/Delete/{session}")]
    [InlineData("POST", "/Coordinator/Sessions/Add/{cohort}")]
    [InlineData("POST", "/Coordinator/Sessions/Edit/{session}")]
    [InlineData("POST", "/Coordinator/Sessions/Delete/{session}")]
    public async Task A_coordinator_of_another_programme_gets_404_on_its_cohorts_campaigns_and_participants(string method, string template)
    {
        var cohortId = await Factory.CreateCohortAsync("Promotion d'un autre programme", programmeCode: "autre");
        var campaign = await Factory.AddCampaignAsync(cohortId, "Positionnement initial", 1, PortfolioBuilder.Today, PortfolioBuilder.Today.AddDays(10));
        var participant = await CreateUserAsync("participant@example.be", Roles.Participant);
        await Factory.EnrolAsync(cohortId, participant.Id);
        var owner = await SignedInClientAsync("owner@example.be", Roles.Coordinator);
        await using (var db = Factory.NewDb())
        {
            await Factory.AssignCoordinatorAsync(await db.Users.Where(u => u.Email == "owner@example.be").Select(u => u.Id).SingleAsync(), "autre");
        }
        var stranger = await SignedInClientAsync("stranger@example.be", Roles.Coordinator);
        var session = await Factory.AddSessionAsync(cohortId, SessionKind.Module, "Module 1", PortfolioBuilder.Today);
        var url = template.Replace("{cohort}", cohortId.ToString()).Replace("{campaign}", campaign.Id.ToString()).Replace("{participant}", participant.Id)
            .Replace("{session}", session.ToString());

        // The programme's own coordinator reaches the URL: the 404 below is the scope, not a wrong address.
        var allowed = await SendAsync(owner, method, url);
        Assert.True(allowed.StatusCode != HttpStatusCode.NotFound, $"{method} {url} answered 404 to the programme's coordinator");
        Assert.True((int)allowed.StatusCode < 500, $"{method} {url} answered {(int)allowed.StatusCode} to the programme's coordinator");

        var refused = await SendAsync(stranger, method, url);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.DoesNotContain("Promotion d'un autre programme", (await GetPageAsync(stranger, "/Coordinator")).QuerySelector("main")!.TextContent);
    }

    /// <summary>
    /// Every URL that shows an item to someone other than its owner. {evidence}, {attachment} and {reflection} belong to
    /// Ana and are shared with her group; Ben (same group) reaches each URL, Olga (same cohort, another group) gets 404.
    /// </summary>
    [Theory]
    [InlineData("/Peer/Evidence/Details/{evidence}")]
    [InlineData("/Participant/Evidence/Attachment/{attachment}")]
    [InlineData("/Peer/Journal/Details/{reflection}")]
    [InlineData("/Peer/Project/Details/{project}")]
    [InlineData("/Participant/Project/File/{project}")]
    public async Task A_participant_outside_the_group_gets_404_on_every_url_of_a_shared_item(string template)
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var ana = await CreateUserAsync("ana@example.be", Roles.Participant);
        var ben = await SignedInClientAsync("ben@example.be", Roles.Participant);
        var olga = await SignedInClientAsync("olga@example.be", Roles.Participant);
        var ids = new Dictionary<string, string>();
        await using (var db = Factory.NewDb())
        {
            var people = await db.Users.ToDictionaryAsync(u => u.Email!, u => u.Id);
            foreach (var id in people.Values)
            {
                await Factory.EnrolAsync(cohortId, id);
            }
            await Factory.CreateGroupAsync(cohortId, "Groupe 1", [ana.Id, people["ben@example.be"]]);
            await Factory.CreateGroupAsync(cohortId, "Groupe 2", [people["olga@example.be"]]);
            var objective = (await Factory.ObjectivesAsync(cohortId))[0].Id;
            var evidence = new Evidence(ana.Id, cohortId, await Factory.FrameworkOfAsync(cohortId), new EvidenceContent("Réunion budgétaire", PortfolioBuilder.Today, EvidenceKind.Production, "", "",
                Visibility.Group, [objective], [], [], [], [], []), DateTimeOffset.UtcNow);
            var file = await Factory.Services.CreateScope().ServiceProvider.GetRequiredService<FileStore>().SaveAsync(new MemoryStream("%PDF-1.4\n"u8.ToArray()));
            var attachment = evidence.Attach("budget.pdf", "application/pdf", file.Length, file.Id, DateTimeOffset.UtcNow);
            db.Evidence.Add(evidence);
            var reflection = new JournalEntry(ana.Id, cohortId, DateTimeOffset.UtcNow);
            reflection.Write(PortfolioBuilder.Today, "Réunion budgétaire", "", null, null, null, Visibility.Group, DateTimeOffset.UtcNow);
            db.JournalEntries.Add(reflection);
            var project = new TransformationProject(ana.Id, cohortId, DateTimeOffset.UtcNow);
            project.State("Réforme budgétaire", "", "", Visibility.Group, [], DateTimeOffset.UtcNow);
            project.AttachPresentation("budget.pdf", "application/pdf", file.Length, (await Factory.Services.CreateScope().ServiceProvider.GetRequiredService<FileStore>()
                .SaveAsync(new MemoryStream("%PDF-1.4\n"u8.ToArray()))).Id, DateTimeOffset.UtcNow);
            db.TransformationProjects.Add(project);
            await db.SaveChangesAsync();
            ids["{project}"] = project.Id.ToString();
            ids["{evidence}"] = evidence.Id.ToString();
            ids["{attachment}"] = attachment.Id.ToString();
            ids["{reflection}"] = reflection.Id.ToString();
        }
        var url = ids.Aggregate(template, (u, id) => u.Replace(id.Key, id.Value));

        var allowed = await ben.GetAsync(url);
        Assert.True(allowed.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)allowed.StatusCode} to a peer of the group");

        var refused = await olga.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.DoesNotContain("budg", await refused.Content.ReadAsStringAsync());
    }

    /// <summary>GET, or POST with the person's antiforgery token (taken from a form they may open) and no other field.</summary>
    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string url)
    {
        if (method == "GET")
        {
            return await client.GetAsync(url);
        }
        var form = await GetPageAsync(client, "/Coordinator/Programmes/Create");
        var token = form.QuerySelector("main form input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        return await client.PostAsync(url, new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
    }
}
