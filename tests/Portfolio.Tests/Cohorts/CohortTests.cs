using System.Net;
using System.Text;
using ClosedXML.Excel;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portfolio.Core.Accounts;
using Portfolio.Tests.Infrastructure;

namespace Portfolio.Tests.Cohorts;

public class CohortTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    private static (string, string, byte[]) Csv(string text) => ("List", "participants.csv", Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task A_coordinator_creates_a_cohort_bound_to_a_framework_version()
    {
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
        var created = await PostFormAsync(coordinator, "/Coordinator/Programmes/Create", new() { ["Input.Title"] = "Certificat en gestion publique", ["Input.Code"] = "cgp" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        int programmeId, frameworkId;
        await using (var db = Factory.NewDb())
        {
            // The coordinator manages "cium" (see CreateUserAsync) and, having created it, the new programme.
            programmeId = (await db.Programmes.SingleAsync(p => p.Code == "cgp")).Id;
            frameworkId = (await db.Frameworks.SingleAsync(f => f.Code == "cium-management-public")).Id;
        }
        // Next comes the choice of the parts the new programme uses.
        Assert.Equal($"/Coordinator/Programmes/Components/{programmeId}", created.Headers.Location!.ToString());
        var parts = await GetPageAsync(coordinator, created.Headers.Location!.ToString());
        Assert.Contains("Choisissez les parties qu'il utilise.", parts.QuerySelector("[role=status]")!.TextContent);

        var response = await PostFormAsync(coordinator, "/Coordinator/Cohorts/Create", new()
        {
            ["Input.ProgrammeId"] = programmeId.ToString(),
            ["Input.Name"] = "Promotion 2026-2027",
            ["Input.FrameworkId"] = frameworkId.ToString(),
            ["Input.StartsOn"] = "2026-09-14",
            ["Input.EndsOn"] = "2027-06-30",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await GetPageAsync(coordinator, response.Headers.Location!.ToString());
        Assert.Equal("Promotion 2026-2027", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("Certificat inter-universités en management public v1", page.QuerySelector("main dl")!.TextContent);
    }

    [Fact]
    public async Task A_cohort_that_ends_before_it_starts_is_refused_with_a_message()
    {
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
        await Factory.CreateCohortAsync();
        int programmeId, frameworkId;
        await using (var db = Factory.NewDb())
        {
            programmeId = (await db.Programmes.SingleAsync()).Id;
            frameworkId = (await db.Frameworks.SingleAsync(f => f.Code == "cium-management-public")).Id;
        }
        var response = await PostFormAsync(coordinator, "/Coordinator/Cohorts/Create", new()
        {
            ["Input.ProgrammeId"] = programmeId.ToString(),
            ["Input.Name"] = "Promotion à l'envers",
            ["Input.FrameworkId"] = frameworkId.ToString(),
            ["Input.StartsOn"] = "2026-09-14",
            ["Input.EndsOn"] = "2026-01-01",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("La fin doit suivre le début.", (await ParseAsync(response)).QuerySelector("main")!.TextContent);
        await using var check = Factory.NewDb();
        Assert.Equal(1, await check.Cohorts.CountAsync());
    }

    [Fact]
    public async Task A_participant_list_with_bad_rows_imports_nothing_and_lists_each_row_problem()
    {
        var cohortId = await Factory.CreateCohortAsync();
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
        int usersBefore;
        await using (var db = Factory.NewDb())
        {
            usersBefore = await db.Users.CountAsync();
        }

        var response = await PostFormAsync(coordinator, $"/Coordinator/Cohorts/Details/{cohortId}", [], handler: "Upload", file: Csv("""
            email;prénom;nom;organisation
            anne.dumont@spw.wallonie.be;Anne;Dumont;SPW
            pas-une-adresse;Bruno;Collard;FWB
            anne.dumont@spw.wallonie.be;Anne;Dumont;SPW
            carine.leroy@namur.be;;Leroy;Ville de Namur
            """));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var problems = (await ParseAsync(response)).QuerySelectorAll("#import-problems li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(
            ["Ligne 3 : L'adresse e-mail « pas-une-adresse » n'est pas valide.",
             "Ligne 4 : L'adresse e-mail « anne.dumont@spw.wallonie.be » figure déjà à la ligne 2.",
             "Ligne 5 : Le prénom manque."],
            problems);
        await using var after = Factory.NewDb();
        Assert.Equal(0, await after.Enrolments.CountAsync());
        Assert.Equal(usersBefore, await after.Users.CountAsync());
    }

    [Fact]
    public async Task A_valid_xlsx_list_enrols_everyone_and_gives_them_participant_accounts()
    {
        var cohortId = await Factory.CreateCohortAsync();
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("Participants");
        string[][] rows =
        [
            ["Email", "First name", "Last name", "Organisation"],
            ["anne.dumont@spw.wallonie.be", "Anne", "Dumont", "SPW"],
            ["bruno.collard@fwb.be", "Bruno", "Collard", "Fédération Wallonie-Bruxelles"],
        ];
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < rows[r].Length; c++)
            {
                sheet.Cell(r + 1, c + 1).SetValue(rows[r][c]);
            }
        }
        using var buffer = new MemoryStream();
        workbook.SaveAs(buffer);

        var response = await PostFormAsync(coordinator, $"/Coordinator/Cohorts/Details/{cohortId}", [], handler: "Upload", file: ("List", "liste.xlsx", buffer.ToArray()));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await GetPageAsync(coordinator, $"/Coordinator/Cohorts/Details/{cohortId}");
        var names = page.QuerySelectorAll("#participants tbody tr").Select(tr => tr.TextContent).ToList();
        Assert.Equal(2, names.Count);
        Assert.Contains("Collard", names[0]);
        Assert.Contains("Fédération Wallonie-Bruxelles", names[0]);
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var anne = await users.FindByEmailAsync("anne.dumont@spw.wallonie.be");
        Assert.NotNull(anne);
        Assert.True(await users.IsInRoleAsync(anne, Roles.Participant));
    }

    [Fact]
    public async Task Enrolling_the_same_person_twice_is_refused()
    {
        var cohortId = await Factory.CreateCohortAsync();
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
        var person = new Dictionary<string, string>
        {
            ["Person.Email"] = "anne.dumont@spw.wallonie.be",
            ["Person.FirstName"] = "Anne",
            ["Person.LastName"] = "Dumont",
            ["Person.Organisation"] = "SPW",
        };
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(coordinator, $"/Coordinator/Cohorts/Details/{cohortId}", person, handler: "Enrol")).StatusCode);

        var second = await PostFormAsync(coordinator, $"/Coordinator/Cohorts/Details/{cohortId}", person, handler: "Enrol");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("est déjà inscrit·e dans cette promotion", (await ParseAsync(second)).QuerySelector("main")!.TextContent);
        await using var db = Factory.NewDb();
        Assert.Equal(1, await db.Enrolments.CountAsync());
    }

    [Fact]
    public async Task A_stale_cohort_edit_is_detected_and_keeps_both_versions_visible()
    {
        var cohortId = await Factory.CreateCohortAsync();
        var first = await SignedInClientAsync("coord1@example.be", Roles.Coordinator);
        var second = await SignedInClientAsync("coord2@example.be", Roles.Coordinator);
        var url = $"/Coordinator/Cohorts/Edit/{cohortId}";
        // Both open the form before either saves.
        var staleForm = await GetPageAsync(second, url);
        var staleVersion = staleForm.QuerySelector("input[name='Input.RowVersion']")!.GetAttribute("value")!;

        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(first, url, new()
        {
            ["Input.Name"] = "Promotion Jean Monnet", ["Input.StartsOn"] = "2025-09-15", ["Input.EndsOn"] = "2026-06-30",
        })).StatusCode);

        var conflict = await PostFormAsync(second, url, new()
        {
            ["Input.Name"] = "Promotion Simone Veil", ["Input.StartsOn"] = "2025-09-15", ["Input.EndsOn"] = "2026-06-30",
            ["Input.RowVersion"] = staleVersion,
        });

        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        var page = await ParseAsync(conflict);
        Assert.Contains("Promotion Jean Monnet", page.QuerySelector(".alert-warning")!.TextContent);
        Assert.Equal("Promotion Simone Veil", page.QuerySelector("input[name='Input.Name']")!.GetAttribute("value"));
        await using var db = Factory.NewDb();
        Assert.Equal("Promotion Jean Monnet", (await db.Cohorts.SingleAsync()).Name);
    }
}
