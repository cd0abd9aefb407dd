using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Storage;
using Portfolio.Core.Text;
using Portfolio.Tests.Infrastructure;
using Portfolio.Tests.Portfolios;
using static Portfolio.Tests.Portfolios.EvidenceTests;

namespace Portfolio.Tests.Platform;

/// <summary>The inputs that once answered HTTP 500, each answered now with a message, the typed text kept, nothing stored.</summary>
public class RefusedInputTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    private static readonly byte[] TinyPdf = "%PDF-1.4\n%%EOF\n"u8.ToArray();

    private async Task<(HttpClient Client, int CohortId, int ObjectiveId)> ParticipantAsync()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var client = await SignedInClientAsync("participante@example.be", Roles.Participant);
        await using (var db = Factory.NewDb())
        {
            var id = await db.Users.Where(u => u.Email == "participante@example.be").Select(u => u.Id).SingleAsync();
            await Factory.EnrolAsync(cohortId, id);
        }
        return (client, cohortId, (await Factory.ObjectivesAsync(cohortId))[0].Id);
    }

    [Fact]
    public async Task A_NUL_in_an_evidence_form_sent_as_multipart_comes_back_as_the_form_with_the_text_kept()
    {
        var (client, _, objectiveId) = await ParticipantAsync();
        var fields = Fields("Entretien\0annuel", objectiveId);
        fields["Input.Description"] = ["  Ce que j'ai écrit\n\tet que je garde\0."];

        var response = await SubmitAsync(client, "/Participant/Evidence/Edit", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await ParseAsync(response);
        Assert.Contains("Le champ Titre contient un caractère de contrôle invisible (U+0000)", page.QuerySelector("main")!.TextContent);
        Assert.Contains("et que je garde", page.QuerySelector("textarea[name='Input.Description']")!.TextContent);
        await using var db = Factory.NewDb();
        Assert.Equal(0, await db.Evidence.CountAsync());
    }

    [Fact]
    public async Task A_search_holding_a_NUL_answers_with_a_message_on_the_evidence_and_account_lists()
    {
        var (client, _, _) = await ParticipantAsync();
        var evidence = await client.GetAsync("/Participant/Evidence?q=entretien%00annuel");
        Assert.Equal(HttpStatusCode.OK, evidence.StatusCode);
        Assert.Contains("caractère de contrôle invisible", (await ParseAsync(evidence)).QuerySelector("#filter-q-error")!.TextContent);

        var admin = await SignedInClientAsync("admin@example.be", Roles.Admin);
        var users = await admin.GetAsync("/Admin/Users?q=%00");
        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
        Assert.Contains("caractère de contrôle invisible", (await ParseAsync(users)).QuerySelector("#q-error")!.TextContent);
    }

    [Fact]
    public async Task Attachments_heavier_together_than_one_save_come_back_as_the_form_with_the_text_kept()
    {
        var (client, _, objectiveId) = await ParticipantAsync();
        var fields = Fields("Rapport et annexes", objectiveId);
        fields["Input.Reflection"] = ["Ma réflexion, à ne pas perdre."];
        // Six files under the limit of one file (20 MB), over the limit of one save (100 MB) together.
        var heavy = new byte[17 * 1024 * 1024];
        TinyPdf.CopyTo(heavy, 0);

        var response = await SubmitAsync(client, "/Participant/Evidence/Edit", fields, [.. Enumerable.Range(1, 6).Select(i => ($"annexe-{i}.pdf", heavy))]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await ParseAsync(response);
        Assert.Contains("Ces fichiers pèsent ensemble 102 Mo : un enregistrement en accepte au plus 100 Mo.", page.QuerySelector("main")!.TextContent);
        Assert.Equal("Ma réflexion, à ne pas perdre.", page.QuerySelector("textarea[name='Input.Reflection']")!.TextContent.Trim());
        await using var db = Factory.NewDb();
        Assert.Equal(0, await db.Evidence.CountAsync());
        Assert.Equal(0, await db.StoredFiles.CountAsync());
    }

    [Fact]
    public async Task An_attachment_named_with_200_emoji_is_kept_under_a_name_cut_between_characters()
    {
        var (client, _, objectiveId) = await ParticipantAsync();
        var name = string.Concat(Enumerable.Repeat("👩‍🎓", 200)) + ".pdf";

        var response = await SubmitAsync(client, "/Participant/Evidence/Edit", Fields("Diplôme", objectiveId), (name, TinyPdf));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = Factory.NewDb();
        var stored = await db.Attachments.Select(a => a.FileName).SingleAsync();
        Assert.EndsWith(".pdf", stored);
        // Whole graduates only (woman, joiner, cap): the name is valid text, as long as the column allows.
        Assert.Equal(0, (stored.Length - 4) % "👩‍🎓".Length);
        Assert.StartsWith(string.Concat(Enumerable.Repeat("👩‍🎓", 10)), stored);
        Assert.True(StorableText.Length(stored) <= 200);
    }

    [Fact]
    public void A_participant_list_saved_by_Excel_on_Windows_is_read_as_Windows_1252()
    {
        var bytes = Encoding.Latin1.GetBytes("email;prénom;nom;organisation\r\nhelene.dupre@example.be;Hélène;Dupré;Ville de Liège\r\n");

        var (rows, problems) = ParticipantList.Read(new MemoryStream(bytes), "liste.csv");

        Assert.Empty(problems);
        var row = Assert.Single(rows);
        Assert.Equal(("Hélène", "Dupré", "Ville de Liège"), (row.FirstName, row.LastName, row.Organisation));
    }

    [Fact]
    public void A_participant_list_in_UTF_8_with_or_without_its_mark_is_read_as_UTF_8()
    {
        foreach (var bom in new[] { true, false })
        {
            var bytes = new UTF8Encoding(bom).GetPreamble().Concat(Encoding.UTF8.GetBytes("email,prénom,nom\nzoe@example.be,Zoé,Ŀiège 😀\n")).ToArray();
            var (rows, problems) = ParticipantList.Read(new MemoryStream(bytes), "liste.csv");
            Assert.Empty(problems);
            Assert.Equal(("Zoé", "Ŀiège 😀"), (rows[0].FirstName, rows[0].LastName));
        }
    }

    [Fact]
    public void A_participant_list_with_a_name_longer_than_its_column_or_a_NUL_names_the_row_and_imports_nothing()
    {
        var csv = $"email;prénom;nom;organisation\nlong@example.be;Ana;{new string('x', AppUser.NameLength + 1)};\nnul@example.be;A\0na;Nom;\n";

        var (_, problems) = ParticipantList.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "liste.csv");

        Assert.Contains(new RowProblem(2, "Le nom compte plus de {0} caractères.", AppUser.NameLength), problems, RowProblemComparer.Instance);
        Assert.Contains(problems, p => p.Row == 3 && p.Message.StartsWith("La ligne contient un caractère de contrôle invisible", StringComparison.Ordinal));
    }

    [Fact]
    public void A_zip_without_a_workbook_is_refused_as_an_unreadable_list()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("lisez-moi.txt").Open());
            writer.Write("Pas de classeur ici.");
        }
        buffer.Position = 0;

        var (rows, problems) = ParticipantList.Read(buffer, "liste.xlsx");

        Assert.Empty(rows);
        Assert.Equal("Le fichier doit être une liste CSV ou un classeur XLSX lisible.", Assert.Single(problems).Message);
    }

    [Fact]
    public void A_framework_with_a_NUL_an_escaped_half_character_or_an_overlong_language_imports_nothing_and_says_where()
    {
        var json = "{\"code\":\"cadre\",\"version\":1,\"title\":\"Titre\\u0000\",\"language\":\"" + new string('f', FrameworkLimits.Language + 1)
            + "\",\"pillarLabel\":\"\\ud800\",\"pillars\":[{\"code\":\"P1\",\"title\":\"P\",\"objectives\":[{\"code\":\"O1\",\"title\":\"O\"}]}]}";

        var (document, problems) = FrameworkDocument.Read(json);

        Assert.Null(document);
        Assert.Contains(problems, p => p.Path == "$.title" && p.Message.Contains("caractère de contrôle invisible", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Path == "$.language" && p.Message.Contains("au plus", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Path == "$.pillarLabel" && p.Message == "Ce texte contient un caractère invalide.");
    }

    [Fact]
    public async Task Text_the_database_cannot_keep_is_refused_before_any_command_is_sent()
    {
        var created = await CreateUserAsync("personne@example.be", Roles.Participant);
        await using var db = Factory.NewDb();
        var user = await db.Users.SingleAsync(u => u.Id == created.Id);
        user.LastName = new string('x', AppUser.NameLength + 1);
        Factory.Commands.Reset();

        var refused = await Assert.ThrowsAsync<TextNotStorableException>(() => db.SaveChangesAsync());

        Assert.Equal(AppUser.NameLength, refused.MaxLength);
        user.LastName = "Nom\0";
        await Assert.ThrowsAsync<TextNotStorableException>(() => db.SaveChangesAsync());
        // Emoji count once, as PostgreSQL counts them: a full column of them is stored.
        user.LastName = string.Concat(Enumerable.Repeat("😀", AppUser.NameLength));
        await db.SaveChangesAsync();
    }

    private sealed class RowProblemComparer : IEqualityComparer<RowProblem>
    {
        public static readonly RowProblemComparer Instance = new();

        public bool Equals(RowProblem? x, RowProblem? y) =>
            x is not null && y is not null && x.Row == y.Row && x.Message == y.Message && x.Arguments.SequenceEqual(y.Arguments);

        public int GetHashCode(RowProblem obj) => HashCode.Combine(obj.Row, obj.Message);
    }
}
