using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Core.Portfolios;
using Portfolio.Core.Storage;
using Portfolio.Tests.Infrastructure;

namespace Portfolio.Tests.Portfolios;

/// <summary>A participant deletes their own evidence and reflections, after a confirmation; nobody else can.</summary>
public class DeletionTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    private static readonly byte[] TinyPdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

    private async Task<(HttpClient Client, string UserId)> ParticipantAsync(string email, int cohortId)
    {
        var client = await SignedInClientAsync(email, Roles.Participant);
        string userId;
        await using (var db = Factory.NewDb())
        {
            userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        }
        await Factory.EnrolAsync(cohortId, userId);
        return (client, userId);
    }

    /// <summary>An evidence item with a stored PDF and one earlier version, as the forms would leave it.</summary>
    private async Task<int> EvidenceWithAttachmentAsync(string userId, int cohortId, int objectiveId, string title = "Note au comité de direction")
    {
        var id = await Factory.AddEvidenceAsync(userId, cohortId, title, [objectiveId]);
        await using var db = Factory.NewDb();
        var files = new FileStore(db, TimeProvider.System);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var evidence = await db.Evidence.SingleAsync(e => e.Id == id);
        var stored = await files.SaveAsync(new MemoryStream(TinyPdf));
        evidence.Attach("note.pdf", "application/pdf", stored.Length, stored.Id, DateTimeOffset.UtcNow);
        evidence.Edit(evidence.Content with { Reflection = "Deuxième version." }, await Factory.FrameworkOfAsync(cohortId), DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return id;
    }

    private async Task<JournalEntry> ReflectionAsync(string userId, int cohortId, string title)
    {
        await using var db = Factory.NewDb();
        var entry = new JournalEntry(userId, cohortId, DateTimeOffset.UtcNow);
        entry.Write(PortfolioBuilder.Today, title, "Ce que j'en retiens.", null, null, null, Visibility.Private, DateTimeOffset.UtcNow);
        db.JournalEntries.Add(entry);
        await db.SaveChangesAsync();
        return entry;
    }

    [Fact]
    public async Task Deleting_an_evidence_item_after_confirming_removes_its_history_attachments_and_stored_files()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var (client, userId) = await ParticipantAsync("lea@example.be", cohortId);
        var objectives = await Factory.ObjectivesAsync(cohortId);
        var id = await EvidenceWithAttachmentAsync(userId, cohortId, objectives[0].Id);
        var kept = await Factory.AddEvidenceAsync(userId, cohortId, "Lecture de Mintzberg", [objectives[1].Id]);

        var details = await GetPageAsync(client, $"/Participant/Evidence/Details/{id}");
        var deleteLink = details.QuerySelectorAll("main a").OfType<IHtmlAnchorElement>().Single(a => a.TextContent.Contains("Supprimer"));
        Assert.Equal($"/Participant/Evidence/Delete/{id}", deleteLink.GetAttribute("href"));
        var confirm = await GetPageAsync(client, deleteLink.GetAttribute("href")!);
        Assert.Contains("Note au comité de direction", confirm.QuerySelector("h1")!.TextContent);
        Assert.Contains("note.pdf", confirm.QuerySelector("#attachments-deleted")!.TextContent);
        await using (var db = Factory.NewDb())
        {
            // Opening the confirmation deletes nothing.
            Assert.Equal(2, await db.Evidence.CountAsync());
        }

        var response = await PostFormAsync(client, $"/Participant/Evidence/Delete/{id}", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var list = await GetPageAsync(client, response.Headers.Location!.ToString());
        Assert.Contains("La preuve « Note au comité de direction » a été supprimée.", list.QuerySelector("main")!.TextContent);
        Assert.Contains("1 preuve", list.QuerySelector("#list-title")!.TextContent);
        await using var check = Factory.NewDb();
        Assert.Equal([kept], await check.Evidence.Select(e => e.Id).ToListAsync());
        Assert.Equal(0, await check.Attachments.CountAsync());
        Assert.Equal(0, await check.EvidenceRevisions.CountAsync());
        Assert.Equal(0, await check.StoredFiles.CountAsync());
        Assert.Equal(0, await check.StoredFileChunks.CountAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Participant/Evidence/Details/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_self_assessment_that_cited_deleted_evidence_keeps_its_level_and_can_be_saved_again()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var (client, userId) = await ParticipantAsync("lea@example.be", cohortId);
        var objective = (await Factory.ObjectivesAsync(cohortId))[0];
        var id = await EvidenceWithAttachmentAsync(userId, cohortId, objective.Id);
        int campaignId;
        await using (var db = Factory.NewDb())
        {
            campaignId = await db.Campaigns.Where(c => c.CohortId == cohortId && c.Name == "Positionnement initial").Select(c => c.Id).SingleAsync();
        }
        var url = $"/Participant/Assessments/Edit?campaignId={campaignId}&objectiveId={objective.Id}";
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(client, url, new() { ["Input.Level"] = "3", ["Input.Justification"] = "Ma note", ["Input.EvidenceIds"] = id.ToString() })).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(client, $"/Participant/Evidence/Delete/{id}", [])).StatusCode);

        var form = await GetPageAsync(client, url);
        Assert.True(((IHtmlInputElement)form.QuerySelector("#level-3")!).IsChecked);
        Assert.Null(form.QuerySelector($"#evidence-{id}"));
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(client, url, new() { ["Input.Level"] = "4" })).StatusCode);
        foreach (var page in new[] { "/Participant", "/Participant/Assessments", "/Participant/Matrix", "/Participant/Progression" })
        {
            await GetPageAsync(client, page);
        }
        await using var check = Factory.NewDb();
        var stored = await check.SelfAssessments.SingleAsync();
        Assert.Equal(4, stored.Level);
        Assert.Equal("Ma note", stored.Justification);
        Assert.Empty(stored.EvidenceIds);
    }

    [Fact]
    public async Task Deleting_a_reflection_after_confirming_removes_only_that_reflection()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var (client, userId) = await ParticipantAsync("lea@example.be", cohortId);
        var gone = await ReflectionAsync(userId, cohortId, "Après le séminaire");
        var kept = await ReflectionAsync(userId, cohortId, "Retour d'intervision");

        var journal = await GetPageAsync(client, "/Participant/Journal");
        var deleteLink = journal.QuerySelectorAll($"#entry-{gone.Id} ~ a, article a").OfType<IHtmlAnchorElement>()
            .Single(a => a.GetAttribute("href") == $"/Participant/Journal/Delete/{gone.Id}");
        Assert.Contains("Après le séminaire", deleteLink.TextContent);
        var confirm = await GetPageAsync(client, deleteLink.GetAttribute("href")!);
        Assert.Contains("Après le séminaire", confirm.QuerySelector("h1")!.TextContent);

        var response = await PostFormAsync(client, $"/Participant/Journal/Delete/{gone.Id}", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await GetPageAsync(client, response.Headers.Location!.ToString());
        Assert.Contains("La réflexion « Après le séminaire » a été supprimée.", after.QuerySelector("main")!.TextContent);
        await using var db = Factory.NewDb();
        Assert.Equal([kept.Id], await db.JournalEntries.Select(j => j.Id).ToListAsync());
    }

    [Fact]
    public async Task Another_participant_gets_404_and_deletes_nothing()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var (_, ownerId) = await ParticipantAsync("lea@example.be", cohortId);
        var (other, _) = await ParticipantAsync("marc@example.be", cohortId);
        var objectives = await Factory.ObjectivesAsync(cohortId);
        var evidenceId = await EvidenceWithAttachmentAsync(ownerId, cohortId, objectives[0].Id);
        var entry = await ReflectionAsync(ownerId, cohortId, "Après le séminaire");
        var token = (await GetPageAsync(other, "/Participant/Journal/Edit")).QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;

        foreach (var url in new[] { $"/Participant/Evidence/Delete/{evidenceId}", $"/Participant/Journal/Delete/{entry.Id}" })
        {
            var get = await other.GetAsync(url);
            Assert.True(get.StatusCode == HttpStatusCode.NotFound, $"GET {url} answered {(int)get.StatusCode}");
            Assert.DoesNotContain("comité", await get.Content.ReadAsStringAsync());
            var post = await other.PostAsync(url, new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
            Assert.True(post.StatusCode == HttpStatusCode.NotFound, $"POST {url} answered {(int)post.StatusCode}");
        }

        await using var db = Factory.NewDb();
        Assert.Equal(1, await db.Evidence.CountAsync());
        Assert.Equal(1, await db.StoredFiles.CountAsync());
        Assert.Equal(1, await db.JournalEntries.CountAsync());
    }

    [Fact]
    public async Task A_delete_without_the_antiforgery_token_is_refused()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var (client, userId) = await ParticipantAsync("lea@example.be", cohortId);
        var objectives = await Factory.ObjectivesAsync(cohortId);
        var evidenceId = await Factory.AddEvidenceAsync(userId, cohortId, "Note", [objectives[0].Id]);
        var entry = await ReflectionAsync(userId, cohortId, "Après le séminaire");

        foreach (var url in new[] { $"/Participant/Evidence/Delete/{evidenceId}", $"/Participant/Journal/Delete/{entry.Id}" })
        {
            var post = await client.PostAsync(url, new FormUrlEncodedContent([]));
            Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        }

        await using var db = Factory.NewDb();
        Assert.Equal(1, await db.Evidence.CountAsync());
        Assert.Equal(1, await db.JournalEntries.CountAsync());
    }
}
