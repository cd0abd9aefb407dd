using System.Net;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Core.Portfolios;
using Portfolio.Tests.Infrastructure;
using Portfolio.Tests.Intervision;

namespace Portfolio.Tests.Portfolios;

public class JournalTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    private async Task<HttpClient> ParticipantAsync(string email, int cohortId)
    {
        var client = await SignedInClientAsync(email, Roles.Participant);
        await using var db = Factory.NewDb();
        await Factory.EnrolAsync(cohortId, await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        return client;
    }

    [Fact]
    public async Task A_reflection_is_written_private_by_default_tied_to_an_objective_and_rendered_safely()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var client = await ParticipantAsync("amelie@example.be", cohortId);
        var objectives = await Factory.ObjectivesAsync(cohortId);

        var saved = await PostFormAsync(client, "/Participant/Journal/Edit", new()
        {
            ["Input.Title"] = "Après le séminaire",
            ["Input.Body"] = "**Prise de conscience** <script>alert(1)</script> [lien](javascript:alert(1))",
            ["Input.ObjectiveId"] = objectives[2].Id.ToString(),
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await GetPageAsync(client, "/Participant/Journal");
        var entry = page.QuerySelector("main article")!;
        Assert.Contains("P1.3 — Planifier la stratégie et piloter la performance", entry.TextContent);
        Assert.Contains("Privée", entry.TextContent);
        Assert.NotNull(entry.QuerySelector(".markdown strong"));
        Assert.Empty(entry.QuerySelectorAll("script"));
        Assert.DoesNotContain(entry.QuerySelectorAll("a"), a => (a.GetAttribute("href") ?? "").StartsWith("javascript", StringComparison.OrdinalIgnoreCase));
        await using var db = Factory.NewDb();
        Assert.Equal(Visibility.Private, (await db.JournalEntries.SingleAsync()).Visibility);
    }

    [Fact]
    public async Task Sharing_a_reflection_with_the_group_notifies_its_members_once()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var client = await ParticipantAsync("amelie@example.be", cohortId);
        await ParticipantAsync("bruno@example.be", cohortId);
        await ParticipantAsync("outsider@example.be", cohortId);
        string amelie, bruno;
        await using (var db = Factory.NewDb())
        {
            amelie = await db.Users.Where(u => u.Email == "amelie@example.be").Select(u => u.Id).SingleAsync();
            bruno = await db.Users.Where(u => u.Email == "bruno@example.be").Select(u => u.Id).SingleAsync();
        }
        await Factory.CreateGroupAsync(cohortId, "Groupe 1", [amelie, bruno]);

        var written = await PostFormAsync(client, "/Participant/Journal/Edit", new() { ["Input.Title"] = "Après le séminaire", ["Input.Body"] = "Privée d'abord." });
        Assert.Equal(HttpStatusCode.Redirect, written.StatusCode);
        int id;
        uint version;
        await using (var db = Factory.NewDb())
        {
            var entry = await db.JournalEntries.SingleAsync();
            (id, version) = (entry.Id, entry.RowVersion);
            Assert.Empty(await db.Notifications.ToListAsync());
        }

        var shared = await PostFormAsync(client, $"/Participant/Journal/Edit/{id}", new()
        {
            ["Input.Title"] = "Après le séminaire",
            ["Input.Body"] = "À partager.",
            ["Input.Visibility"] = nameof(Visibility.Group),
            ["Input.RowVersion"] = version.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, shared.StatusCode);
        await using (var db = Factory.NewDb())
        {
            version = await db.JournalEntries.Select(j => j.RowVersion).SingleAsync();
        }
        var savedAgain = await PostFormAsync(client, $"/Participant/Journal/Edit/{id}", new()
        {
            ["Input.Title"] = "Après le séminaire, revu",
            ["Input.Body"] = "À partager, revu.",
            ["Input.Visibility"] = nameof(Visibility.Group),
            ["Input.RowVersion"] = version.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, savedAgain.StatusCode);

        await using (var db = Factory.NewDb())
        {
            Assert.Equal([$"{bruno} /Peer/Journal/Details/{id} Après le séminaire"],
                await db.Notifications.Where(n => n.Kind == Portfolio.Core.Notifications.NotificationKind.ItemShared).Select(n => n.UserId + " " + n.Link + " " + n.Subject).ToListAsync());
        }
    }

    [Fact]
    public async Task A_reflection_is_stored_as_typed_with_its_indentation_and_blank_lines()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var client = await ParticipantAsync("amelie@example.be", cohortId);
        const string body = "  Premier vers, indenté\n\tpuis une tabulation\n\n    un bloc de code\n\n";

        var saved = await PostFormAsync(client, "/Participant/Journal/Edit", new() { ["Input.Title"] = "  Poème  ", ["Input.Body"] = body });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using var db = Factory.NewDb();
        var entry = await db.JournalEntries.SingleAsync();
        Assert.Equal(body, entry.Body);
        Assert.Equal("Poème", entry.Title);
    }

    [Fact]
    public async Task A_stale_second_save_keeps_both_texts_and_overwrites_nothing()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var client = await ParticipantAsync("amelie@example.be", cohortId);
        await PostFormAsync(client, "/Participant/Journal/Edit", new() { ["Input.Title"] = "Réflexion", ["Input.Body"] = "Première version" });
        int id;
        await using (var db = Factory.NewDb())
        {
            id = (await db.JournalEntries.SingleAsync()).Id;
        }
        var url = $"/Participant/Journal/Edit/{id}";
        var staleVersion = (await GetPageAsync(client, url)).QuerySelector("input[name='Input.RowVersion']")!.GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(client, url, new() { ["Input.Body"] = "Texte de l'onglet A" })).StatusCode);

        var conflict = await PostFormAsync(client, url, new() { ["Input.Body"] = "Texte de l'onglet B", ["Input.RowVersion"] = staleVersion });

        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        var page = await ParseAsync(conflict);
        Assert.Contains("Texte de l'onglet A", page.QuerySelector(".alert-warning")!.TextContent);
        Assert.Equal("Texte de l'onglet B", page.QuerySelector("textarea[name='Input.Body']")!.TextContent.Trim());
        await using var check = Factory.NewDb();
        Assert.Equal("Texte de l'onglet A", (await check.JournalEntries.SingleAsync()).Body);
    }

    [Fact]
    public async Task Another_participant_cannot_read_or_change_a_reflection()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var owner = await ParticipantAsync("amelie@example.be", cohortId);
        await PostFormAsync(owner, "/Participant/Journal/Edit", new() { ["Input.Title"] = "Doutes personnels", ["Input.Body"] = "Texte intime" });
        int id;
        await using (var db = Factory.NewDb())
        {
            id = (await db.JournalEntries.SingleAsync()).Id;
        }
        var other = await ParticipantAsync("benoit@example.be", cohortId);

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Participant/Journal/Edit/{id}")).StatusCode);
        Assert.DoesNotContain("Doutes personnels", await other.GetStringAsync("/Participant/Journal"));
        var ownForm = await GetPageAsync(other, "/Participant/Journal/Edit");
        var token = ownForm.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var post = await other.PostAsync($"/Participant/Journal/Edit/{id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Input.Title"] = "Piraté", ["Input.WrittenOn"] = "2026-01-01",
        }));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        await using var check = Factory.NewDb();
        Assert.Equal("Doutes personnels", (await check.JournalEntries.SingleAsync()).Title);
    }
}
