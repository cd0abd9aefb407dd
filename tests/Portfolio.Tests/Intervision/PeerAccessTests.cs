using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portfolio.Core.Accounts;
using Portfolio.Core.Data;
using Portfolio.Core.Portfolios;
using Portfolio.Core.Storage;
using Portfolio.Tests.Infrastructure;
using Portfolio.Tests.Portfolios;

namespace Portfolio.Tests.Intervision;

/// <summary>What peers read through the pages and downloads: exactly what ItemAccess allows, 404 for everything else.</summary>
public class PeerAccessTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

    private sealed record Person(HttpClient Client, string Id);

    [Fact]
    public async Task A_peer_reads_a_shared_item_and_its_attachment_read_only()
    {
        var (cohortId, ana, ben, _, objective) = await GroupOfTwoAndAnOutsiderAsync();
        var (evidenceId, attachmentId) = await EvidenceWithAttachmentAsync(ana.Id, cohortId, "Conduire la réunion budgétaire", objective);
        await Factory.AddEvidenceAsync(ana.Id, cohortId, "Brouillon privé", [objective]);
        await Factory.ShareEvidenceAsync(evidenceId, Visibility.Group);

        var shared = await GetPageAsync(ben.Client, "/Peer");
        Assert.Equal(["Conduire la réunion budgétaire"], shared.QuerySelectorAll("#shared-evidence tbody th").Select(th => th.TextContent.Trim()));
        Assert.Contains("Prénom ana", shared.QuerySelector("#shared-evidence")!.TextContent);

        var page = await GetPageAsync(ben.Client, $"/Peer/Evidence/Details/{evidenceId}");
        Assert.Equal("Conduire la réunion budgétaire", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("Preuve de Prénom ana, en lecture seule.", page.QuerySelector("#evidence-owner")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("main form"));
        Assert.DoesNotContain(page.QuerySelectorAll("main a"), a => (a.GetAttribute("href") ?? "").Contains("/Edit", StringComparison.Ordinal));

        var download = await ben.Client.GetAsync($"/Participant/Evidence/Attachment/{attachmentId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.True(download.Headers.CacheControl is { Private: true, NoStore: true });

        // The owner sees who can read it, by the same rule.
        var own = await GetPageAsync(ana.Client, $"/Participant/Evidence/Details/{evidenceId}");
        Assert.Equal("Vous et Prénom ben. Changer le partage", Normalise(own.QuerySelector("#evidence-readers")!.TextContent));
    }

    [Fact]
    public async Task A_participant_outside_the_group_gets_404_on_shared_items_and_their_attachments()
    {
        var (cohortId, ana, _, olga, objective) = await GroupOfTwoAndAnOutsiderAsync();
        var (evidenceId, attachmentId) = await EvidenceWithAttachmentAsync(ana.Id, cohortId, "Conduire la réunion budgétaire", objective);
        await Factory.ShareEvidenceAsync(evidenceId, Visibility.Group);
        var reflectionId = await ReflectionAsync(ana.Id, cohortId, "Ce que la réunion m'a appris", Visibility.Group);

        foreach (var url in new[]
        {
            $"/Peer/Evidence/Details/{evidenceId}", $"/Participant/Evidence/Attachment/{attachmentId}", $"/Peer/Journal/Details/{reflectionId}",
            $"/Participant/Evidence/Details/{evidenceId}",
        })
        {
            var response = await olga.Client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} answered {(int)response.StatusCode}");
            Assert.DoesNotContain("réunion", await response.Content.ReadAsStringAsync());
        }
        var list = await GetPageAsync(olga.Client, "/Peer");
        Assert.NotNull(list.QuerySelector("#no-shared-evidence"));
        Assert.NotNull(list.QuerySelector("#no-shared-reflections"));
    }

    [Fact]
    public async Task After_the_share_is_withdrawn_the_peer_loses_access()
    {
        var (cohortId, ana, ben, _, objective) = await GroupOfTwoAndAnOutsiderAsync();
        var (evidenceId, attachmentId) = await EvidenceWithAttachmentAsync(ana.Id, cohortId, "Conduire la réunion budgétaire", objective);
        await Factory.ShareEvidenceAsync(evidenceId, Visibility.NamedPeers, ben.Id);
        var reflectionId = await ReflectionAsync(ana.Id, cohortId, "Ce que la réunion m'a appris", Visibility.NamedPeers, ben.Id);
        Assert.Equal(HttpStatusCode.OK, (await ben.Client.GetAsync($"/Peer/Evidence/Details/{evidenceId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ben.Client.GetAsync($"/Participant/Evidence/Attachment/{attachmentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ben.Client.GetAsync($"/Peer/Journal/Details/{reflectionId}")).StatusCode);

        await Factory.ShareEvidenceAsync(evidenceId, Visibility.Private);
        await using (var db = Factory.NewDb())
        {
            var entry = await db.JournalEntries.SingleAsync(j => j.Id == reflectionId);
            entry.Write(entry.WrittenOn, entry.Title, entry.Body, null, null, null, Visibility.Private, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }

        Assert.Equal(HttpStatusCode.NotFound, (await ben.Client.GetAsync($"/Peer/Evidence/Details/{evidenceId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ben.Client.GetAsync($"/Participant/Evidence/Attachment/{attachmentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ben.Client.GetAsync($"/Peer/Journal/Details/{reflectionId}")).StatusCode);
        Assert.Empty((await GetPageAsync(ben.Client, "/Peer")).QuerySelectorAll("#shared-evidence tbody tr"));
    }

    [Fact]
    public async Task A_facilitator_cannot_read_a_private_portfolio()
    {
        var (cohortId, ana, _, _, objective) = await GroupOfTwoAndAnOutsiderAsync();
        var facilitator = await SignedInClientAsync("facilitatrice@example.be", Roles.Facilitator);
        await using (var db = Factory.NewDb())
        {
            var group = await db.IntervisionGroups.SingleAsync(g => g.Name == "Groupe 1");
            group.AssignFacilitator(await db.Users.Where(u => u.Email == "facilitatrice@example.be").Select(u => u.Id).SingleAsync());
            await db.SaveChangesAsync();
        }
        var (privateId, attachmentId) = await EvidenceWithAttachmentAsync(ana.Id, cohortId, "Entretien confidentiel", objective);
        var sharedId = await Factory.AddEvidenceAsync(ana.Id, cohortId, "Partagée avec le groupe", [objective]);
        await Factory.ShareEvidenceAsync(sharedId, Visibility.Group);
        var reflectionId = await ReflectionAsync(ana.Id, cohortId, "Réflexion confidentielle", Visibility.Private);

        foreach (var url in new[]
        {
            $"/Participant/Evidence/Details/{privateId}", $"/Participant/Evidence/Attachment/{attachmentId}", $"/Peer/Evidence/Details/{privateId}",
            $"/Peer/Evidence/Details/{sharedId}", $"/Peer/Journal/Details/{reflectionId}", "/Peer", "/Participant/Evidence", "/Participant/Journal",
        })
        {
            var response = await facilitator.GetAsync(url);
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.Redirect,
                $"{url} answered {(int)response.StatusCode}");
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("confidenti", body);
            Assert.DoesNotContain("Partagée avec le groupe", body);
        }
    }

    [Fact]
    public async Task Named_peers_are_offered_from_the_group_only()
    {
        var (cohortId, ana, ben, _, _) = await GroupOfTwoAndAnOutsiderAsync();
        foreach (var form in new[] { "/Participant/Evidence/Edit", "/Participant/Journal/Edit" })
        {
            var page = await GetPageAsync(ana.Client, form);
            Assert.Equal([ben.Id], page.QuerySelectorAll("#shared-with option").Select(o => o.GetAttribute("value")));
        }
        var alone = await SignedInClientAsync("seul@example.be", Roles.Participant);
        await Factory.EnrolAsync(cohortId, await Factory.UserIdAsync("seul@example.be"));
        Assert.NotNull((await GetPageAsync(alone, "/Participant/Journal/Edit")).QuerySelector("#no-group"));
    }

    [Fact]
    public async Task The_shared_with_me_page_issues_as_many_commands_for_2_and_for_40_items()
    {
        var (cohortId, ana, ben, olga, objective) = await GroupOfTwoAndAnOutsiderAsync();
        await Factory.CreateGroupAsync(cohortId, "Groupe 3", []);
        for (var i = 0; i < 40; i++)
        {
            var id = await Factory.AddEvidenceAsync(ana.Id, cohortId, $"Preuve {i}", [objective]);
            await Factory.ShareEvidenceAsync(id, i % 2 == 0 ? Visibility.Group : Visibility.NamedPeers, ben.Id);
            if (i < 2)
            {
                await ReflectionAsync(olga.Id, cohortId, $"Réflexion d'Olga {i}", Visibility.Group);
            }
            await ReflectionAsync(ana.Id, cohortId, $"Réflexion {i}", Visibility.Group);
        }
        await using (var db = Factory.NewDb())
        {
            // Olga joins a group of her own with a newcomer, who then sees 2 of each.
            var group = await db.IntervisionGroups.Include(g => g.Members).SingleAsync(g => g.Name == "Groupe 2");
            var newcomer = await CreateUserAsync("nina@example.be", Roles.Participant);
            await Factory.EnrolAsync(cohortId, newcomer.Id);
            group.Add(newcomer.Id, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }
        var nina = NewClient();
        await PostFormAsync(nina, "/Account/Login", new() { ["Input.Email"] = "nina@example.be", ["Input.Password"] = Password });
        for (var i = 0; i < 2; i++)
        {
            var id = await Factory.AddEvidenceAsync(olga.Id, cohortId, $"Preuve d'Olga {i}", [objective]);
            await Factory.ShareEvidenceAsync(id, Visibility.Group);
        }

        var few = await CommandsForAsync(nina, "/Peer");
        var many = await CommandsForAsync(ben.Client, "/Peer");

        Assert.Equal(2, (await GetPageAsync(nina, "/Peer")).QuerySelectorAll("#shared-evidence tbody tr").Length);
        Assert.Equal(40, (await GetPageAsync(ben.Client, "/Peer")).QuerySelectorAll("#shared-evidence tbody tr").Length);
        Assert.Equal(few, many);
    }

    private async Task<int> CommandsForAsync(HttpClient client, string url)
    {
        await GetPageAsync(client, url);
        Factory.Commands.Reset();
        await GetPageAsync(client, url);
        return Factory.Commands.Count;
    }

    private static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));


    private async Task<(int CohortId, Person Ana, Person Ben, Person Olga, int Objective)> GroupOfTwoAndAnOutsiderAsync()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var people = new List<Person>();
        foreach (var email in new[] { "ana@example.be", "ben@example.be", "olga@example.be" })
        {
            var client = await SignedInClientAsync(email, Roles.Participant);
            var id = await Factory.UserIdAsync(email);
            await Factory.EnrolAsync(cohortId, id);
            people.Add(new Person(client, id));
        }
        await Factory.CreateGroupAsync(cohortId, "Groupe 1", [people[0].Id, people[1].Id]);
        await Factory.CreateGroupAsync(cohortId, "Groupe 2", [people[2].Id]);
        var objective = (await Factory.ObjectivesAsync(cohortId))[0].Id;
        return (cohortId, people[0], people[1], people[2], objective);
    }

    private async Task<(int EvidenceId, int AttachmentId)> EvidenceWithAttachmentAsync(string ownerId, int cohortId, string title, int objective)
    {
        var evidenceId = await Factory.AddEvidenceAsync(ownerId, cohortId, title, [objective]);
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortfolioDb>();
        var stored = await scope.ServiceProvider.GetRequiredService<FileStore>().SaveAsync(new MemoryStream(Pdf));
        var evidence = await db.Evidence.SingleAsync(e => e.Id == evidenceId);
        var attachment = evidence.Attach("compte-rendu.pdf", "application/pdf", Pdf.Length, stored.Id, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
        return (evidenceId, attachment.Id);
    }

    private async Task<int> ReflectionAsync(string ownerId, int cohortId, string title, Visibility visibility, params string[] peers)
    {
        await using var db = Factory.NewDb();
        var entry = new JournalEntry(ownerId, cohortId, DateTimeOffset.UtcNow);
        entry.Write(PortfolioBuilder.Today, title, "Une réunion difficile.", null, null, null, visibility, DateTimeOffset.UtcNow, peers);
        db.JournalEntries.Add(entry);
        await db.SaveChangesAsync();
        return entry.Id;
    }
}
