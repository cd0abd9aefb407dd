using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portfolio.Core.Accounts;
using Portfolio.Core.Portfolios;
using Portfolio.Tests.Infrastructure;
using Portfolio.Tests.Intervision;
using EditModel = Portfolio.Web.Pages.Participant.Evidence.EditModel;

namespace Portfolio.Tests.Portfolios;

/// <summary>Evidence items of a participant: creating with attachments, refusing bad files, safe Markdown, privacy, stale saves, history, list.</summary>
public class EvidenceTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    private const string NewItem = "/Participant/Evidence/Edit";
    internal static readonly byte[] TinyPdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

    private sealed record Participant(HttpClient Client, string UserId, int CohortId);

    private async Task<int> CohortAsync() => await Factory.CreateCohortWithCampaignsAsync();

    private async Task<Participant> ParticipantAsync(string email, int cohortId)
    {
        var client = await SignedInClientAsync(email, Roles.Participant);
        string userId;
        await using (var db = Factory.NewDb())
        {
            userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        }
        await Factory.EnrolAsync(cohortId, userId);
        return new Participant(client, userId, cohortId);
    }

    private async Task<IReadOnlyList<(int Id, string Code)>> AxesAsync(int cohortId)
    {
        await using var db = Factory.NewDb();
        var frameworkId = await db.Cohorts.Where(c => c.Id == cohortId).Select(c => c.FrameworkId).SingleAsync();
        var axes = await db.Frameworks.Where(f => f.Id == frameworkId).SelectMany(f => f.Axes).OrderBy(a => a.Position).Select(a => new { a.Id, a.Code }).ToListAsync();
        return axes.Select(a => (a.Id, a.Code)).ToList();
    }

    /// <summary>
    /// Posts the evidence form of <paramref name="page"/> as a browser would: every field as shown (checked boxes, selected
    /// options, hidden row version and antiforgery token), with <paramref name="fields"/> replacing whole fields, and files.
    /// </summary>
    internal static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string url, IHtmlDocument page, Dictionary<string, string[]> fields,
        params (string FileName, byte[] Content)[] files)
    {
        var form = Assert.IsAssignableFrom<IHtmlFormElement>(page.QuerySelector("#evidence-form"));
        var values = FormValues(form);
        values.RemoveAll(v => fields.ContainsKey(v.Key));
        values.AddRange(fields.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v))));
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in values)
        {
            content.Add(new StringContent(value), name);
        }
        foreach (var (fileName, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            // What the browser claims is ignored: the server decides from the name and the content.
            part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            content.Add(part, "Files", fileName);
        }
        return await client.PostAsync(url, content);
    }

    internal static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string url, Dictionary<string, string[]> fields, params (string FileName, byte[] Content)[] files) =>
        await SubmitAsync(client, url, await GetPageAsync(client, url), fields, files);

    internal static Dictionary<string, string[]> Fields(string title, params int[] objectiveIds) => new()
    {
        ["Input.Title"] = [title],
        ["Input.OccurredOn"] = ["2026-01-15"],
        ["Input.Kind"] = [nameof(EvidenceKind.Production)],
        ["Input.ObjectiveIds"] = [.. objectiveIds.Select(i => i.ToString())],
    };

    private static int IdFrom(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith("/Participant/Evidence/Details/", location);
        return int.Parse(location.Split('/').Last());
    }

    [Fact]
    public async Task An_item_with_a_pdf_tagged_to_two_objectives_and_an_axis_is_stored_shown_and_downloaded_unchanged()
    {
        var cohortId = await CohortAsync();
        var me = await ParticipantAsync("lea@example.be", cohortId);
        var objectives = await Factory.ObjectivesAsync(cohortId);
        var axes = await AxesAsync(cohortId);
        var fields = Fields("Conduite d'une réunion de crise", objectives[0].Id, objectives[5].Id);
        fields["Input.AxisIds"] = [axes[1].Id.ToString()];
        fields["Input.Reflection"] = ["J'ai appris à **écouter** avant de trancher."];
        fields["Input.Links[0].Url"] = ["https://example.org/rapport"];
        fields["Input.Links[0].Label"] = ["Rapport en ligne"];

        var response = await SubmitAsync(me.Client, NewItem, fields, ("Compte rendu.pdf", TinyPdf));

        var id = IdFrom(response);
        await using (var db = Factory.NewDb())
        {
            var stored = await db.Evidence.Include(e => e.Attachments).SingleAsync();
            Assert.Equal(id, stored.Id);
            Assert.Equal(me.UserId, stored.OwnerId);
            Assert.Equal("Conduite d'une réunion de crise", stored.Title);
            Assert.Equal(EvidenceKind.Production, stored.Kind);
            Assert.Equal(new DateOnly(2026, 1, 15), stored.OccurredOn);
            Assert.Equal(new[] { objectives[0].Id, objectives[5].Id }.Order(), stored.ObjectiveIds);
            Assert.Equal([axes[1].Id], stored.AxisIds);
            Assert.Equal(Visibility.Private, stored.Visibility);
            var attachment = Assert.Single(stored.Attachments);
            Assert.Equal("Compte rendu.pdf", attachment.FileName);
            Assert.Equal("application/pdf", attachment.ContentType);
            Assert.Equal(TinyPdf.Length, attachment.Length);
            Assert.Equal(1, await db.StoredFiles.CountAsync());
        }

        var details = await GetPageAsync(me.Client, response.Headers.Location!.ToString());
        Assert.Equal("Conduite d'une réunion de crise", details.QuerySelector("h1")!.TextContent.Trim());
        var tags = details.QuerySelector("#evidence-objectives")!.TextContent;
        Assert.Contains(objectives[0].Code, tags);
        Assert.Contains(objectives[5].Code, tags);
        Assert.Contains(axes[1].Code, details.QuerySelector("#evidence-axes")!.TextContent);
        Assert.Equal("écouter", details.QuerySelector("#evidence-reflection strong")!.TextContent);
        var web = details.QuerySelectorAll("#evidence-links a").OfType<IHtmlAnchorElement>().Single();
        Assert.Equal("https://example.org/rapport", web.GetAttribute("href"));
        Assert.Equal("noopener noreferrer", web.GetAttribute("rel"));
        Assert.Contains("Rapport en ligne", web.TextContent);
        var link = details.QuerySelectorAll("#evidence-attachments a").OfType<IHtmlAnchorElement>().Single();
        Assert.Contains("Compte rendu.pdf", link.TextContent);

        var download = await me.Client.GetAsync(link.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(TinyPdf, await download.Content.ReadAsByteArrayAsync());
        Assert.True(download.Headers.CacheControl is { Private: true, NoStore: true }, $"Cache-Control: {download.Headers.CacheControl}");
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        var disposition = download.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("Compte rendu.pdf", disposition.FileNameStar ?? disposition.FileName!.Trim('"'));
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
    }

    private async Task AssertNothingStoredAsync()
    {
        await using var db = Factory.NewDb();
        Assert.Equal(0, await db.Evidence.CountAsync());
        Assert.Equal(0, await db.Attachments.CountAsync());
        Assert.Equal(0, await db.StoredFiles.CountAsync());
        Assert.Equal(0, await db.StoredFileChunks.CountAsync());
    }

    private static void AssertFormKept(IHtmlDocument page, string title, string reflection, int objectiveId)
    {
        Assert.Equal(title, ((IHtmlInputElement)page.QuerySelector("#Input_Title")!).Value);
        Assert.Equal(reflection, ((IHtmlTextAreaElement)page.QuerySelector("#Input_Reflection")!).Value);
        Assert.True(((IHtmlInputElement)page.QuerySelector($"#objective-{objectiveId}")!).IsChecked);
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_by_name_the_form_is_kept_and_nothing_is_stored()
    {
        var cohortId = await CohortAsync();
        var me = await ParticipantAsync("lea@example.be", cohortId);
        var objectives = await Factory.ObjectivesAsync(cohortId);
        var fields = Fields("Séminaire de leadership", objectives[2].Id);
        fields["Input.Reflection"] = ["Ce que j'ai retenu du séminaire."];
        var big = new byte[21 * 1024 * 1024];
        TinyPdf.CopyTo(big, 0);

        // A small accepted file beside the big one is not stored either: the save is all or nothing.
        var response = await SubmitAsync(me.Client, NewItem, fields, ("annexe.pdf", TinyPdf), ("enregistrement complet.pdf", big));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await ParseAsync(response);
        var errors = page.QuerySelector("#errors")!.TextContent;
        Assert.Contains("« enregistrement complet.pdf » est trop volumineux", errors);
        Assert.Contains("20 Mo", errors);
        Assert.DoesNotContain("annexe.pdf", errors);
        AssertFormKept(page, "Séminaire de leadership", "Ce que j'ai retenu du séminaire.", objectives[2].Id);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task A_program_renamed_pdf_is_refused_by_name_the_form_is_kept_and_nothing_is_stored()
    {
        var cohortId = await CohortAsync();
        var me = await ParticipantAsync("lea@example.be", cohortId);
        var objectives = await Factory.ObjectivesAsync(cohortId);
        var fields = Fields("Visite du SPF", objectives[1].Id);
        fields["Input.Reflection"] = ["Une visite instructive."];
        byte[] program = [(byte)'M', (byte)'Z', 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00, .. new byte[200]];

        var response = await SubmitAsync(me.Client, NewItem, fields, ("rapport.pdf", program));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await ParseAsync(response);
        Assert.Contains("Le fichier « rapport.pdf » n'est pas d'un type accepté", page.QuerySelector("#errors")!.TextContent);
        AssertFormKept(page, "Visite du SPF", "Une visite instructive.", objectives[1].Id);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Without_an_objective_or_with_a_javascript_link_the_item_is_refused_with_french_messages()
    {
        var cohortId = await CohortAsync();
        var me = await ParticipantAsync("lea@example.be", cohortId);
        var fields = Fields("Lecture d'un rapport");
        fields["Input.Links[0].Url"] = ["javascript:alert(1)"];
        fields["Input.Links[0].Label"] = ["Piège"];

        var response = await SubmitAsync(me.Client, NewItem, fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = (await ParseAsync(response)).QuerySelector("#errors")!.TextContent;
        Assert.Contains("Cochez au moins un objectif de développement", errors);
        Assert.Contains("« javascript:alert(1) » n'est pas un lien web valide", errors);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Tags_of_another_framework_are_not_stored()
    {
        var cohortId = await CohortAsync();
        var me = await ParticipantAsync("lea@example.be", cohortId);
        var objectives = await Factory.ObjectivesAsync(cohortId);
        var fields = Fields("Note de synthèse", objectives[0].Id, 999_999);
        fields["Input.AxisIds"] = ["888888"];

        IdFrom(await SubmitAsync(me.Client, NewItem, fields));

        await using var db = Factory.NewDb();
        var stored = await db.Evidence.SingleAsync();
        Assert.Equal([objectives[0].Id], stored.ObjectiveIds);
        Assert.Empty(stored.AxisIds);
    }

    [Fact]
    public async Task Outcomes_must_belong_to_a_ticked_objective_and_named_peers_must_be_of_the_same_group()
    {
        var cohortId = await CohortAsync();
        var otherCohortId = await Factory.CreateCohortWithCampaignsAsync("Promotion 2026-2027");
        var me = await ParticipantAsync("lea@example.be", cohortId);
        var peer = await ParticipantAsync("marc@example.be", cohortId);
        var otherGroup = await ParticipantAsync("paul@example.be", cohortId);
        var outsider = await ParticipantAsync("zoe@example.be", otherCohortId);
        await Factory.CreateGroupAsync(cohortId, "Groupe 1", [me.UserId, peer.UserId]);
        await Factory.CreateGroupAsync(cohortId, "Groupe 2", [otherGroup.UserId]);
        var objectives = await Factory.ObjectivesAsync(cohortId);
        int[] outcomesOfFirst, outcomesOfSecond;
        await using (var db = Factory.NewDb())
        {
            outcomesOfFirst = await db.Set<Portfolio.Core.Frameworks.LearningOutcome>().Where(o => o.ObjectiveId == objectives[0].Id).OrderBy(o => o.Position).Select(o => o.Id).ToArrayAsync();
            outcomesOfSecond = await db.Set<Portfolio.Core.Frameworks.LearningOutcome>().Where(o => o.ObjectiveId == objectives[1].Id).OrderBy(o => o.Position).Select(o => o.Id).ToArrayAsync();
        }
        var form = await GetPageAsync(me.Client, NewItem);
        var peers = ((IHtmlSelectElement)form.QuerySelector("#shared-with")!).Options.Select(o => o.Value).ToList();
        Assert.Equal([peer.UserId], peers);
        var fields = Fields("Retour d'un pair", objectives[0].Id);
        fields["Input.OutcomeIds"] = [outcomesOfFirst[0].ToString(), outcomesOfSecond[0].ToString()];
        fields["Input.Visibility"] = [nameof(Visibility.NamedPeers)];
        fields["Input.SharedWithUserIds"] = [peer.UserId, otherGroup.UserId, outsider.UserId];

        var refused = await SubmitAsync(me.Client, NewItem, form, fields);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await ParseAsync(refused);
        Assert.Contains($"relève de l'objectif {objectives[1].Code}, qui n'est pas coché", page.QuerySelector("#errors")!.TextContent);
        fields["Input.OutcomeIds"] = [outcomesOfFirst[0].ToString()];
        var id = IdFrom(await SubmitAsync(me.Client, NewItem, page, fields));

        await using (var db = Factory.NewDb())
        {
            var stored = await db.Evidence.SingleAsync();
            Assert.Equal([outcomesOfFirst[0]], stored.OutcomeIds);
            Assert.Equal(Visibility.NamedPeers, stored.Visibility);
            Assert.Equal([peer.UserId], stored.SharedWithUserIds);
        }
        var details = await GetPageAsync(me.Client, $"/Participant/Evidence/Details/{id}");
        Assert.Contains("Pairs nommés : Prénom marc", details.QuerySelector("#evidence-facts")!.TextContent);
        Assert.Contains($"{objectives[0].Code}.1", details.QuerySelector("#evidence-outcomes")!.TextContent);

        // Marc is told once that the item is shared with him; saving it again tells nobody again.
        IdFrom(await SubmitAsync(me.Client, $"/Participant/Evidence/Edit/{id}", new() { ["Input.Title"] = ["Retour d'un pair, revu"] }));
        await using (var db = Factory.NewDb())
        {
            Assert.Equal([$"{peer.UserId} /Peer/Evidence/Details/{id} Retour d'un pair"],
                await db.Notifications.Where(n => n.Kind == Portfolio.Core.Notifications.NotificationKind.ItemShared).Select(n => n.UserId + " " + n.Link + " " + n.Subject).ToListAsync());
        }
    }

    [Fact]
    public void The_edit_page_accepts_bodies_larger_than_the_server_default_so_that_it_can_explain_a_refusal()
    {
        var endpoint = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Single(e => e.Metadata.GetMetadata<PageActionDescriptor>()?.ViewEnginePath == "/Participant/Evidence/Edit");
        // The server reads four times what one save may carry, so that a heavier save is answered by the form itself.
        Assert.Equal(100L * 1024 * 1024, EditModel.MaxRequestBytes);
        Assert.Equal(4 * EditModel.MaxRequestBytes, endpoint.Metadata.GetMetadata<IRequestSizeLimitMetadata>()!.MaxRequestBodySize);
        Assert.Equal(4 * EditModel.MaxRequestBytes, endpoint.Metadata.GetMetadata<IFormOptionsMetadata>()!.MultipartBodyLengthLimit);
    }

    [Fact]
    public async Task Markdown_written_by_the_participant_is_shown_inert()
    {
        var cohortId = await CohortAsync();
        var me = await ParticipantAsync("lea@example.be", cohortId);
        var objectives = await Factory.ObjectivesAsync(cohortId);
        var id = await Factory.AddEvidenceAsync(me.UserId, cohortId, "Essai", [objectives[0].Id],
            description: "<img src=x onerror=alert(1)>",
            reflection: "Du **gras**.\n\n<script>alert(1)</script>\n\n[clic](javascript:alert(1))\n\n<img src=x onerror=alert(1)>\n\n<a href=\"JavaScript:alert(2)\" onclick=\"alert(3)\">x</a>");

        var page = await GetPageAsync(me.Client, $"/Participant/Evidence/Details/{id}");

        var main = page.QuerySelector("main")!;
        Assert.Equal("gras", main.QuerySelector("#evidence-reflection strong")!.TextContent);
        Assert.Empty(main.QuerySelectorAll("script"));
        Assert.Empty(main.QuerySelectorAll("img"));
        Assert.DoesNotContain(main.QuerySelectorAll("a[href]"), a => a.GetAttribute("href")!.Trim().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(main.QuerySelectorAll("*"), e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task Another_participant_gets_404_on_every_page_of_an_item_and_cannot_change_it()
    {
        var cohortId = await CohortAsync();
        var owner = await ParticipantAsync("lea@example.be", cohortId);
        var other = await ParticipantAsync("marc@example.be", cohortId);
        var objectives = await Factory.ObjectivesAsync(cohortId);
        var id = IdFrom(await SubmitAsync(owner.Client, NewItem, Fields("Mon entretien d'évaluation", objectives[0].Id), ("notes.pdf", TinyPdf)));
        IdFrom(await SubmitAsync(owner.Client, $"/Participant/Evidence/Edit/{id}", new() { ["Input.Title"] = ["Mon entretien d'évaluation annuel"] }));
        int attachmentId;
        await using (var db = Factory.NewDb())
        {
            attachmentId = (await db.Attachments.SingleAsync()).Id;
        }

        foreach (var url in new[] { $"/Participant/Evidence/Details/{id}", $"/Participant/Evidence/Edit/{id}", $"/Participant/Evidence/History/{id}", $"/Participant/Evidence/Attachment/{attachmentId}" })
        {
            var response = await other.Client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} answered {(int)response.StatusCode}");
            Assert.DoesNotContain("entretien", await response.Content.ReadAsStringAsync());
        }
        // The other participant's own (valid) form, aimed at the first one's item.
        var ownForm = await GetPageAsync(other.Client, NewItem);
        var edit = await SubmitAsync(other.Client, $"/Participant/Evidence/Edit/{id}", ownForm, Fields("Piraté", objectives[1].Id), ("x.pdf", TinyPdf));
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        var token = ((IHtmlInputElement)ownForm.QuerySelector("input[name=__RequestVerificationToken]")!).Value;
        var delete = await other.Client.PostAsync($"/Participant/Evidence/Edit/{id}?handler=DeleteAttachment&attachmentId={attachmentId}",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);

        await using var check = Factory.NewDb();
        var stored = await check.Evidence.Include(e => e.Attachments).Include(e => e.Revisions).SingleAsync();
        Assert.Equal("Mon entretien d'évaluation annuel", stored.Title);
        Assert.Equal([objectives[0].Id], stored.ObjectiveIds);
        Assert.Single(stored.Attachments);
        Assert.Single(stored.Revisions);
        Assert.Equal(1, await check.StoredFiles.CountAsync());
    }

    [Fact]
    public async Task A_stale_second_save_is_refused_and_shows_the_stored_text_beside_the_kept_one()
    {
        var cohortId = await CohortAsync();
        var me = await ParticipantAsync("lea@example.be", cohortId);
        var objectives = await Factory.ObjectivesAsync(cohortId);
        var id = await Factory.AddEvidenceAsync(me.UserId, cohortId, "Projet de service", [objectives[0].Id], reflection: "Premier jet.");
        var url = $"/Participant/Evidence/Edit/{id}";
        var first = await GetPageAsync(me.Client, url);
        var second = await GetPageAsync(me.Client, url);

        IdFrom(await SubmitAsync(me.Client, url, first, new() { ["Input.Title"] = ["Projet de service (onglet 1)"], ["Input.Reflection"] = ["Texte du premier onglet."] }));
        var stale = await SubmitAsync(me.Client, url, second, new() { ["Input.Title"] = ["Projet de service (onglet 2)"], ["Input.Reflection"] = ["Texte du second onglet."] });

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var page = await ParseAsync(stale);
        var conflict = page.QuerySelector("#conflict")!;
        Assert.Equal("Projet de service (onglet 1)", conflict.QuerySelector(".conflict-title")!.TextContent.Trim());
        Assert.Equal("Texte du premier onglet.", conflict.QuerySelector(".conflict-reflection")!.TextContent.Trim());
        AssertFormKept(page, "Projet de service (onglet 2)", "Texte du second onglet.", objectives[0].Id);
        await using (var db = Factory.NewDb())
        {
            var stored = await db.Evidence.SingleAsync();
            Assert.Equal("Projet de service (onglet 1)", stored.Title);
            Assert.Equal("Texte du premier onglet.", stored.Reflection);
        }

        // The conflict page is armed with the current version: saving it again is deliberate and goes through.
        IdFrom(await SubmitAsync(me.Client, url, page, []));
        await using var check = Factory.NewDb();
        Assert.Equal("Projet de service (onglet 2)", (await check.Evidence.SingleAsync()).Title);
        Assert.Equal(2, await check.EvidenceRevisions.CountAsync());
    }

    [Fact]
    public async Task An_edit_records_a_revision_that_the_history_shows()
    {
        var cohortId = await CohortAsync();
        var me = await ParticipantAsync("lea@example.be", cohortId);
        var objectives = await Factory.ObjectivesAsync(cohortId);
        var id = await Factory.AddEvidenceAsync(me.UserId, cohortId, "Titre initial", [objectives[0].Id], reflection: "Première **réflexion**.");

        IdFrom(await SubmitAsync(me.Client, $"/Participant/Evidence/Edit/{id}", new() { ["Input.Title"] = ["Titre revu"], ["Input.Reflection"] = ["Réflexion revue."] }));

        await using (var db = Factory.NewDb())
        {
            var revision = await db.EvidenceRevisions.SingleAsync();
            Assert.Equal("Titre initial", revision.Content.Title);
        }
        var details = await GetPageAsync(me.Client, $"/Participant/Evidence/Details/{id}");
        Assert.Equal("Titre revu", details.QuerySelector("h1")!.TextContent.Trim());
        var link = details.QuerySelectorAll("#evidence-history a").OfType<IHtmlAnchorElement>().Single();
        Assert.Contains("Titre initial", link.TextContent);
        var history = await GetPageAsync(me.Client, link.GetAttribute("href")!);
        var shown = history.QuerySelector("#shown-version")!;
        Assert.Contains("Titre initial", shown.QuerySelector("h2")!.TextContent);
        Assert.Equal("réflexion", shown.QuerySelector("#evidence-reflection strong")!.TextContent);
        Assert.DoesNotContain("Réflexion revue", shown.TextContent);
    }

    [Fact]
    public async Task Deleting_an_attachment_removes_it_and_its_stored_bytes()
    {
        var cohortId = await CohortAsync();
        var me = await ParticipantAsync("lea@example.be", cohortId);
        var objectives = await Factory.ObjectivesAsync(cohortId);
        var id = IdFrom(await SubmitAsync(me.Client, NewItem, Fields("Production écrite", objectives[0].Id), ("a.pdf", TinyPdf), ("b.txt", "Notes en texte"u8.ToArray())));

        var edit = await GetPageAsync(me.Client, $"/Participant/Evidence/Edit/{id}");
        var form = edit.QuerySelectorAll("form").OfType<IHtmlFormElement>().Single(f => f.TextContent.Contains("Supprimer « a.pdf »"));
        var token = ((IHtmlInputElement)form.QuerySelector("input[name=__RequestVerificationToken]")!).Value;
        var response = await me.Client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = Factory.NewDb();
        var left = await db.Attachments.SingleAsync();
        Assert.Equal("b.txt", left.FileName);
        Assert.Equal("text/plain; charset=utf-8", left.ContentType);
        Assert.Equal(left.StoredFileId, (await db.StoredFiles.SingleAsync()).Id);
    }

    private static async Task<List<string>> TitlesAsync(HttpClient client, string query)
    {
        var page = await GetPageAsync(client, "/Participant/Evidence" + query);
        return page.QuerySelectorAll("#evidence-list tbody th a").Select(a => a.TextContent.Trim()).ToList();
    }

    [Fact]
    public async Task The_list_filters_by_objective_axis_kind_period_and_words()
    {
        var cohortId = await CohortAsync();
        var me = await ParticipantAsync("lea@example.be", cohortId);
        var other = await ParticipantAsync("marc@example.be", cohortId);
        var objectives = await Factory.ObjectivesAsync(cohortId);
        var axes = await AxesAsync(cohortId);
        await Factory.AddEvidenceAsync(me.UserId, cohortId, "Accord salarial", [objectives[0].Id], [axes[0].Id], EvidenceKind.Production,
            reflection: "Les négociations avec les syndicats ont duré trois mois.", occurredOn: new DateOnly(2026, 1, 10));
        await Factory.AddEvidenceAsync(me.UserId, cohortId, "Lecture de Mintzberg", [objectives[1].Id], kind: EvidenceKind.Reading,
            description: "Le management des organisations.", occurredOn: new DateOnly(2026, 3, 1));
        await Factory.AddEvidenceAsync(me.UserId, cohortId, "Séminaire sur le changement", [objectives[0].Id, objectives[2].Id], [axes[1].Id], EvidenceKind.Seminar,
            occurredOn: new DateOnly(2026, 5, 20));
        await Factory.AddEvidenceAsync(other.UserId, cohortId, "Négociation d'un autre", [objectives[0].Id], [axes[0].Id], EvidenceKind.Production,
            reflection: "Négociations.", occurredOn: new DateOnly(2026, 1, 12));

        Assert.Equal(["Séminaire sur le changement", "Lecture de Mintzberg", "Accord salarial"], await TitlesAsync(me.Client, ""));
        Assert.Equal(["Séminaire sur le changement", "Accord salarial"], await TitlesAsync(me.Client, $"?objective={objectives[0].Id}"));
        Assert.Equal(["Accord salarial"], await TitlesAsync(me.Client, $"?axis={axes[0].Id}"));
        Assert.Equal(["Lecture de Mintzberg"], await TitlesAsync(me.Client, "?kind=Reading"));
        Assert.Equal(["Lecture de Mintzberg"], await TitlesAsync(me.Client, "?from=2026-02-01&to=2026-04-30"));
        Assert.Equal(["Accord salarial"], await TitlesAsync(me.Client, "?q=" + Uri.EscapeDataString("négociation")));
        Assert.Equal(["Séminaire sur le changement"], await TitlesAsync(me.Client, $"?objective={objectives[0].Id}&kind=Seminar&from=2026-05-01"));
        Assert.Empty(await TitlesAsync(me.Client, "?q=budget"));

        var page = await GetPageAsync(me.Client, $"/Participant/Evidence?objective={objectives[0].Id}");
        var selected = (IHtmlSelectElement)page.QuerySelector("#filter-objective")!;
        Assert.Equal(objectives[0].Id.ToString(), selected.Value);
        Assert.NotNull(page.QuerySelector("label[for=filter-q]"));
        Assert.Contains("Production", page.QuerySelector("#evidence-list tbody tr:last-child")!.TextContent);
    }

    [Fact]
    public async Task The_list_shows_50_items_a_page_newest_first()
    {
        var cohortId = await CohortAsync();
        var me = await ParticipantAsync("lea@example.be", cohortId);
        var objectives = await Factory.ObjectivesAsync(cohortId);
        var framework = await Factory.FrameworkOfAsync(cohortId);
        await using (var db = Factory.NewDb())
        {
            for (var i = 1; i <= 60; i++)
            {
                db.Evidence.Add(new Evidence(me.UserId, cohortId, framework, new EvidenceContent($"Preuve {i:00}", new DateOnly(2026, 1, 1).AddDays(i), EvidenceKind.Other, "", "",
                    Visibility.Private, [objectives[0].Id], [], [], [], [], []), DateTimeOffset.UtcNow));
            }
            await db.SaveChangesAsync();
        }

        var first = await TitlesAsync(me.Client, "");
        var second = await TitlesAsync(me.Client, "?pageNumber=2");

        Assert.Equal(50, first.Count);
        Assert.Equal("Preuve 60", first[0]);
        Assert.Equal(["Preuve 10", "Preuve 09", "Preuve 08", "Preuve 07", "Preuve 06", "Preuve 05", "Preuve 04", "Preuve 03", "Preuve 02", "Preuve 01"], second);
    }
}
