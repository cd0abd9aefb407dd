using System.Collections.Concurrent;
using System.Net;
using Hangfire;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portfolio.Core.Accounts;
using Portfolio.Core.Data;
using Portfolio.Tests.Infrastructure;
using Portfolio.Web.Hosting;

namespace Portfolio.Tests.Platform;

public class PlatformTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    [Fact]
    public async Task Health_answers_200_when_the_database_is_reachable()
    {
        var response = await NewClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_answers_503_when_the_database_is_unreachable()
    {
        await using var unreachable = new UnreachableDatabaseFactory();
        var response = await unreachable.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task The_model_has_no_change_that_no_migration_holds()
    {
        await using var db = Factory.NewDb();
        Assert.False(db.Database.HasPendingModelChanges(), "run: dotnet ef migrations add <Name> --project migrations/Portfolio.Migrations --startup-project src/Portfolio.Web");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task A_second_web_node_reads_the_cookie_of_the_first_through_the_keys_in_PostgreSQL()
    {
        await CreateUserAsync("participant@example.be", Roles.Participant);
        var cookie = await SignInRawAsync(Factory, "participant@example.be");
        await using var secondNode = new NodeFactory("web");
        var second = secondNode.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        var request = new HttpRequestMessage(HttpMethod.Get, "/Participant");
        request.Headers.Add("Cookie", cookie);
        var response = await second.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = Factory.NewDb();
        Assert.True(await db.DataProtectionKeys.AnyAsync());
    }

    /// <summary>Signs in through the form and returns the raw Cookie header value the node set.</summary>
    private static async Task<string> SignInRawAsync(PortfolioFactory node, string email)
    {
        var client = node.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await PostFormAsync(client, "/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var setCookies = login.Headers.GetValues("Set-Cookie");
        return string.Join("; ", setCookies.Select(c => c.Split(';')[0]).Where(c => c.StartsWith("portfolio.auth")));
    }

    [Fact]
    public async Task Loading_the_shipped_data_twice_changes_nothing()
    {
        await DatabaseSetup.LoadAsync(Factory.Services, withDemoData: true);
        var before = await CountsAsync();
        await DatabaseSetup.LoadAsync(Factory.Services, withDemoData: true);
        Assert.Equal(before, await CountsAsync());
        // Five demo cohorts (one a shipped programme): 12 + 6 + 5 + 6 + 6 participants, and 8 staff accounts.
        Assert.Equal((5, 35, 43, 90, 5), before);
    }

    private async Task<(int Frameworks, int Enrolments, int Users, int Outcomes, int Cohorts)> CountsAsync()
    {
        await using var db = Factory.NewDb();
        return (await db.Frameworks.CountAsync(), await db.Enrolments.CountAsync(), await db.Users.CountAsync(),
            await db.Set<Portfolio.Core.Frameworks.LearningOutcome>().CountAsync(), await db.Cohorts.CountAsync());
    }

    [Fact]
    public async Task The_demo_cohort_has_its_people_with_their_roles()
    {
        await DatabaseSetup.LoadAsync(Factory.Services, withDemoData: true);
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.Single(await users.GetUsersInRoleAsync(Roles.Admin));
        Assert.Equal(2, (await users.GetUsersInRoleAsync(Roles.Coordinator)).Count);
        Assert.Equal(35, (await users.GetUsersInRoleAsync(Roles.Participant)).Count);
        Assert.Equal(4, (await users.GetUsersInRoleAsync(Roles.JuryMember)).Count);
        Assert.Single(await users.GetUsersInRoleAsync(Roles.Facilitator));
        var db = scope.ServiceProvider.GetRequiredService<PortfolioDb>();
        var cohort = await db.Cohorts.Include(c => c.Enrolments).SingleAsync(c => c.Programme.Code == "cium");
        Assert.Equal("Démo 2025-2026", cohort.Name);
        Assert.Equal(12, cohort.Enrolments.Count);
        var client = NewClient();
        var login = await PostFormAsync(client, "/Account/Login", new() { ["Input.Email"] = "participant01@portfolio.test", ["Input.Password"] = DemoData.Password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
    }

    [Fact]
    public async Task Without_being_asked_no_demo_account_is_created()
    {
        await DatabaseSetup.LoadAsync(Factory.Services, withDemoData: false);
        await using var db = Factory.NewDb();
        Assert.Equal(0, await db.Users.CountAsync());
        Assert.Equal(0, await db.Cohorts.CountAsync());
    }

    [Fact]
    public async Task The_interface_speaks_french_by_default_and_english_on_request()
    {
        var client = NewClient();
        var french = await GetPageAsync(client, "/Account/Login");
        Assert.Equal("fr", french.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Connexion", french.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("Adresse e-mail", french.QuerySelector("label[for='Input_Email']")!.TextContent.Trim());

        var switched = await PostFormAsync(client, "/", new() { ["culture"] = "en", ["returnUrl"] = "/Account/Login" }, formSelector: "form[action='/Culture']");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);

        var english = await GetPageAsync(client, "/Account/Login");
        Assert.Equal("en", english.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Sign in", english.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("Email address", english.QuerySelector("label[for='Input_Email']")!.TextContent.Trim());
    }

    [Fact]
    public async Task Background_jobs_run_on_the_postgresql_storage()
    {
        var marker = Guid.NewGuid().ToString();
        var jobs = Factory.Services.GetRequiredService<IBackgroundJobClient>();
        var id = jobs.Enqueue(() => TestJobs.RecordRun(marker));
        var monitor = Factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (monitor.JobDetails(id).History.FirstOrDefault()?.StateName != "Succeeded" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        Assert.Equal("Succeeded", monitor.JobDetails(id).History.First().StateName);
        Assert.Contains(marker, TestJobs.Runs);
        await using var db = Factory.NewDb();
        var stored = await db.Database.SqlQuery<long>($"SELECT count(*) AS \"Value\" FROM hangfire.job WHERE id = {long.Parse(id)}").SingleAsync();
        Assert.Equal(1, stored);
    }

    [Fact]
    public async Task A_worker_node_serves_no_pages_but_answers_health()
    {
        await using var worker = new NodeFactory("worker");
        var client = worker.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Frameworks")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    private sealed class UnreachableDatabaseFactory : PortfolioFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            // Nothing listens on port 1.
            ["PORTFOLIO_DB"] = "Host=127.0.0.1;Port=1;Username=postgres;Database=nowhere;Timeout=2",
            ["Portfolio:Roles"] = "web",
        };
    }

    /// <summary>Another node on the same database, as behind a load balancer.</summary>
    private sealed class NodeFactory(string roles) : PortfolioFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["PORTFOLIO_DB"] = ConnectionString,
            ["Portfolio:Roles"] = roles,
        };
    }
}

/// <summary>A job the Hangfire server of the test host can run: it records that it ran.</summary>
public static class TestJobs
{
    public static readonly ConcurrentBag<string> Runs = [];

    public static void RecordRun(string marker) => Runs.Add(marker);
}
