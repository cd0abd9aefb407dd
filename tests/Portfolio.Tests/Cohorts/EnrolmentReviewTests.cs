using System.Net;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portfolio.Core.Accounts;
using Portfolio.Tests.Infrastructure;
using Portfolio.Tests.Intervision;
using Portfolio.Tests.Portfolios;

namespace Portfolio.Tests.Cohorts;

/// <summary>The review before enrolling, withdrawing a participant, and admins assigning coordinators to programmes.</summary>
public class EnrolmentReviewTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    private static (string, string, byte[]) Csv(string text) => ("List", "participants.csv", Encoding.UTF8.GetBytes(text));

    private async Task<IReadOnlyList<string>> EnrolledEmailsAsync(int cohortId, bool active = true)
    {
        await using var db = Factory.NewDb();
        return await db.Enrolments.Where(e => e.CohortId == cohortId && (e.WithdrawnAt == null) == active)
            .Join(db.Users, e => e.UserId, u => u.Id, (e, u) => u.Email!).OrderBy(e => e).ToListAsync();
    }

    private async Task<bool> IsParticipantAsync(string email)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.IsInRoleAsync((await users.FindByEmailAsync(email))!, Roles.Participant);
    }

    [Fact]
    public async Task Enrolling_someone_who_has_a_portfolio_in_another_cohort_shows_it_before_enrolling()
    {
        var earlier = await Factory.CreateCohortAsync("Promotion 2024-2025");
        var person = await CreateUserAsync("alice@example.be", Roles.Participant);
        await Factory.EnrolAsync(earlier, person.Id);
        var cohortId = await Factory.CreateCohortAsync("Promotion 2025-2026");
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
        var url = $"/Coordinator/Cohorts/Details/{cohortId}";

        var review = await PostFormAsync(coordinator, url, new()
        {
            ["Person.Email"] = "alice@example.be", ["Person.FirstName"] = "Alice", ["Person.LastName"] = "Martin",
        }, handler: "Enrol");

        Assert.Equal(HttpStatusCode.OK, review.StatusCode);
        var page = await ParseAsync(review);
        var section = page.QuerySelector("#enrolment-review")!;
        Assert.Contains("alice@example.be", section.TextContent);
        Assert.Contains("Promotion 2024-2025", section.TextContent);
        Assert.Empty(await EnrolledEmailsAsync(cohortId));

        var confirmForm = (AngleSharp.Html.Dom.IHtmlFormElement)section.QuerySelector("form")!;
        var confirmed = await coordinator.PostAsync(confirmForm.GetAttribute("action"), new FormUrlEncodedContent(FormValues(confirmForm)));
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(["alice@example.be"], await EnrolledEmailsAsync(cohortId));
        Assert.Equal(["alice@example.be"], await EnrolledEmailsAsync(earlier));
    }

    [Fact]
    public async Task An_admin_or_coordinator_is_given_the_participant_role_only_when_confirmed()
    {
        await CreateUserAsync("admin@example.be", Roles.Admin);
        await CreateUserAsync("colleague@example.be", Roles.Coordinator);
        var cohortId = await Factory.CreateCohortAsync();
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
        var url = $"/Coordinator/Cohorts/Details/{cohortId}";

        var review = await PostFormAsync(coordinator, url, [], handler: "Upload", file: Csv("""
            email;prénom;nom;organisation
            admin@example.be;Alice;Admin;SPW
            colleague@example.be;Colin;Collègue;SPW
            new@example.be;Nina;Nouvelle;SPW
            """));
        Assert.Equal(HttpStatusCode.OK, review.StatusCode);
        var section = (await ParseAsync(review)).QuerySelector("#enrolment-review")!;
        Assert.Contains("Administration", section.TextContent);
        Assert.Contains("Coordination", section.TextContent);
        Assert.Equal(["admin@example.be", "colleague@example.be"],
            section.QuerySelectorAll("input[type=checkbox][name=Confirmed]").Select(c => c.GetAttribute("value")!).Order());
        Assert.Empty(await EnrolledEmailsAsync(cohortId));

        // Only the admin is ticked.
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)section.QuerySelector("form")!;
        var values = FormValues(form);
        values.Add(new("Confirmed", "admin@example.be"));
        var confirmed = await coordinator.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(values));
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);

        Assert.Equal(["admin@example.be", "new@example.be"], await EnrolledEmailsAsync(cohortId));
        Assert.True(await IsParticipantAsync("admin@example.be"));
        Assert.False(await IsParticipantAsync("colleague@example.be"));
        var message = (await GetPageAsync(coordinator, url)).QuerySelector("[role=status]")!.TextContent;
        Assert.Contains("2 participant·es inscrit·es.", message);
        Assert.Contains("1 compte de l'équipe n'a pas été inscrit (non confirmé).", message);
    }

    [Fact]
    public async Task A_withdrawn_participant_keeps_their_work_leaves_the_lists_and_can_be_enrolled_again()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var alice = await SignedInClientAsync("alice@example.be", Roles.Participant);
        var bob = await SignedInClientAsync("bob@example.be", Roles.Participant);
        string aliceId, bobId;
        await using (var db = Factory.NewDb())
        {
            aliceId = await db.Users.Where(u => u.Email == "alice@example.be").Select(u => u.Id).SingleAsync();
            bobId = await db.Users.Where(u => u.Email == "bob@example.be").Select(u => u.Id).SingleAsync();
        }
        await Factory.EnrolAsync(cohortId, aliceId);
        await Factory.EnrolAsync(cohortId, bobId);
        await Factory.CreateGroupAsync(cohortId, "Groupe A", [aliceId, bobId]);
        var objective = (await Factory.ObjectivesAsync(cohortId))[0];
        await Factory.AddEvidenceAsync(aliceId, cohortId, "Ma preuve conservée", [objective.Id]);
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
        var details = $"/Coordinator/Cohorts/Details/{cohortId}";

        // Bob sees Alice among the peers he may share with.
        Assert.Contains("Prénom alice", (await GetPageAsync(bob, "/Participant/Evidence/Edit")).QuerySelector("main")!.TextContent);

        // The coordinator follows the link from the list, sees the confirmation, confirms.
        var link = (await GetPageAsync(coordinator, details)).QuerySelectorAll("#participants a").Single(a => a.TextContent.Contains("alice")).GetAttribute("href")!;
        var confirmation = await GetPageAsync(coordinator, link);
        Assert.Contains("conservé", confirmation.QuerySelector("main")!.TextContent);
        var withdrawn = await PostFormAsync(coordinator, link, []);
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);

        var page = await GetPageAsync(coordinator, details);
        Assert.DoesNotContain("alice@example.be", page.QuerySelector("#participants")!.TextContent);
        Assert.Contains("alice@example.be", page.QuerySelector("#withdrawn")!.TextContent);
        Assert.Equal(["bob@example.be"], await EnrolledEmailsAsync(cohortId));
        Assert.DoesNotContain("Prénom alice", (await GetPageAsync(bob, "/Participant/Evidence/Edit")).QuerySelector("main")!.TextContent);
        Assert.DoesNotContain("Prénom alice", (await GetPageAsync(coordinator, $"/Coordinator/Campaigns/{cohortId}")).QuerySelector("main")!.TextContent);
        // Her work is still hers to read.
        Assert.Contains("Ma preuve conservée", (await GetPageAsync(alice, "/Participant/Evidence")).QuerySelector("main")!.TextContent);
        // A second withdrawal of the same person is not found.
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync(link)).StatusCode);

        // Enrolled again: back in the active list, with the same work.
        var again = await PostFormAsync(coordinator, details, new()
        {
            ["Person.Email"] = "alice@example.be", ["Person.FirstName"] = "Prénom", ["Person.LastName"] = "alice",
        }, handler: "Enrol");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(["alice@example.be", "bob@example.be"], await EnrolledEmailsAsync(cohortId));
        Assert.Empty(await EnrolledEmailsAsync(cohortId, active: false));
        Assert.Contains("Ma preuve conservée", (await GetPageAsync(alice, "/Participant/Evidence")).QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task An_admin_assigns_a_coordinator_to_a_programme_who_then_sees_its_cohorts()
    {
        var cohortId = await Factory.CreateCohortAsync("Promotion CHESP", programmeCode: "chesp");
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/Coordinator/Cohorts/Details/{cohortId}")).StatusCode);
        var admin = await SignedInClientAsync("admin@example.be", Roles.Admin);
        int programmeId;
        await using (var db = Factory.NewDb())
        {
            programmeId = await db.Programmes.Where(p => p.Code == "chesp").Select(p => p.Id).SingleAsync();
        }

        var assigned = await PostFormAsync(admin, "/Admin/Programmes", [], handler: "Assign", formSelector: $"main form[action*='programmeId={programmeId}']");
        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        Assert.Contains("coord@example.be", (await GetPageAsync(admin, "/Admin/Programmes")).QuerySelector("main")!.TextContent);
        Assert.Contains("Promotion CHESP", (await GetPageAsync(coordinator, "/Coordinator")).QuerySelector("main")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/Coordinator/Cohorts/Details/{cohortId}")).StatusCode);

        var removed = await PostFormAsync(admin, "/Admin/Programmes", [], handler: "Unassign", formSelector: $"main form[action*='programmeId={programmeId}']");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/Coordinator/Cohorts/Details/{cohortId}")).StatusCode);
    }
}
