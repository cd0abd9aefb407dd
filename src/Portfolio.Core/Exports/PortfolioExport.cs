using Portfolio.Core.Cohorts;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Portfolios;
using Portfolio.Core.Storage;
using Portfolio.Core.Text;

namespace Portfolio.Core.Exports;

/// <summary>The export cannot be made for a reason the person can act on; its message is French, shown as is.</summary>
public sealed class ExportRefusedException(string message) : InvalidOperationException(message);

/// <summary>
/// A participant's whole portfolio as a ZIP: a readable <c>index.html</c>, the same data as <c>portfolio.json</c>, and
/// every attachment byte for byte under <c>attachments/{evidenceId}/{fileName}</c>. The archive is streamed into the
/// output (a <see cref="StoredFileWriter"/> in practice): neither the archive nor an attachment is ever whole in memory.
/// </summary>
public sealed class PortfolioExport(PortfolioDb db, FrameworkModels frameworks, FileStore files, TimeProvider clock)
{
    public const string ContentType = "application/zip";

    /// <summary>Shipped with the application (the Web project copies templates/** next to its binaries).</summary>
    public static string TemplatePath => Path.Combine(AppContext.BaseDirectory, "templates", "exports", "portfolio.html.scriban");

    private static readonly FrenchText L = FrenchText.L;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // The file is read by people too: accents and apostrophes stay as written. Relaxed escaping is safe here because
        // this JSON is a file of its own, never embedded in an HTML page.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>
    /// Writes the archive of one cohort's portfolio (<paramref name="cohortId"/>), or of every cohort the person belongs to
    /// (null), into <paramref name="output"/>, reporting progress (0-95) as it goes. "Everything" gives one page per
    /// cohort beside an <c>index.html</c> that lists them, and a <c>portfolio.json</c> whose <c>cohorts</c> hold each
    /// cohort's data; attachments keep their single place, <c>attachments/{evidenceId}/</c>, evidence ids being unique.
    /// </summary>
    /// <returns>The file name to offer for download, such as <c>portfolio-prenom-nom-2026-11-23.zip</c>.</returns>
    public async Task<string> WriteAsync(string participantId, int? cohortId, Stream output, Func<int, string, CancellationToken, Task> report, CancellationToken cancellationToken)
    {
        await report(0, L["Chargement du portfolio"], cancellationToken);
        var cohortIds = await db.Enrolments.Where(e => e.UserId == participantId && (cohortId == null || e.CohortId == cohortId))
            .OrderBy(e => e.Cohort.StartsOn).ThenBy(e => e.Id).Select(e => e.CohortId).ToListAsync(cancellationToken);
        if (cohortIds.Count == 0)
        {
            throw new ExportRefusedException(L["Vous n'êtes inscrit·e dans aucune promotion."]);
        }
        var portfolios = new List<PortfolioData>();
        foreach (var id in cohortIds)
        {
            portfolios.Add(await LoadAsync(participantId, id, cancellationToken));
        }
        await report(10, L["Rédaction de la page de consultation et des données"], cancellationToken);

        await using (var zip = await ZipArchive.CreateAsync(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: Encoding.UTF8, cancellationToken))
        {
            var template = await File.ReadAllTextAsync(TemplatePath, cancellationToken);
            if (cohortId is not null)
            {
                await WriteTextAsync(zip, "index.html", PortfolioPageBuilder.Render(portfolios[0], template), cancellationToken);
                await WriteJsonAsync(zip, PortfolioJson.From(portfolios[0]), cancellationToken);
            }
            else
            {
                var pages = portfolios.Select((d, i) => (Data: d, File: $"promotion-{i + 1}-{FileNames.Slug(d.Cohort.Name)}.html")).ToList();
                foreach (var (data, file) in pages)
                {
                    await WriteTextAsync(zip, file, PortfolioPageBuilder.Render(data, template), cancellationToken);
                }
                await WriteTextAsync(zip, "index.html", CohortListPage(portfolios[0].Person, pages), cancellationToken);
                await WriteJsonAsync(zip, PortfolioArchiveJson.From(portfolios), cancellationToken);
            }
            await report(20, L["Copie des pièces jointes"], cancellationToken);

            var attachments = portfolios.SelectMany(d => d.Evidence).SelectMany(e => e.Attachments)
                .Concat(portfolios.Select(d => d.Project?.PresentationFile).OfType<AttachmentData>()).ToList();
            var total = Math.Max(1, attachments.Sum(a => a.Length));
            long copied = 0;
            var buffer = new byte[81920];
            foreach (var attachment in attachments)
            {
                await using var source = await files.OpenReadAsync(attachment.StoredFileId, cancellationToken);
                await using var entry = await zip.CreateEntry(attachment.ZipPath, CompressionFor(attachment.ContentType)).OpenAsync(cancellationToken);
                int read;
                while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    await entry.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    copied += read;
                    await report(20 + (int)(70 * copied / total), L["Copie des pièces jointes"], cancellationToken);
                }
            }
            await report(90, L["Finalisation de l'archive"], cancellationToken);
        }
        await report(95, L["Finalisation de l'archive"], cancellationToken);
        return FileName(portfolios[0].Person, portfolios[0].GeneratedOn);
    }

    private static async Task WriteJsonAsync<T>(ZipArchive zip, T document, CancellationToken cancellationToken)
    {
        await using var entry = await zip.CreateEntry("portfolio.json", CompressionLevel.Optimal).OpenAsync(cancellationToken);
        await JsonSerializer.SerializeAsync(entry, document, Json, cancellationToken);
    }

    /// <summary>The first page of an "everything" archive: one link per cohort's page. Every name is HTML-encoded.</summary>
    private static string CohortListPage(PersonData person, IReadOnlyList<(PortfolioData Data, string File)> pages)
    {
        static string E(string text) => System.Net.WebUtility.HtmlEncode(text);
        // Like every page of the archive, a French document.
        var french = CultureInfo.GetCultureInfo("fr-BE");
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append($"<title>Portfolio de {E(person.Name)}</title>\n</head>\n<body>\n<main>\n<h1>Portfolio de {E(person.Name)}</h1>\n<p>Une page par promotion :</p>\n<ul>\n");
        foreach (var (data, file) in pages)
        {
            html.Append($"<li><a href=\"{E(file)}\">{E(data.Cohort.Name)}</a> — {E(data.Cohort.Programme)} (du {Dates.Day(data.Cohort.StartsOn, french)} au {Dates.Day(data.Cohort.EndsOn, french)})</li>\n");
        }
        html.Append("</ul>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Already-compressed formats gain nothing from deflate; text does.</summary>
    private static CompressionLevel CompressionFor(string contentType) =>
        contentType.StartsWith("text/", StringComparison.Ordinal) ? CompressionLevel.Optimal : CompressionLevel.NoCompression;

    private static async Task WriteTextAsync(ZipArchive zip, string name, string text, CancellationToken cancellationToken)
    {
        await using var entry = await zip.CreateEntry(name, CompressionLevel.Optimal).OpenAsync(cancellationToken);
        await using var writer = new StreamWriter(entry, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        await writer.WriteAsync(text.AsMemory(), cancellationToken);
    }

    /// <summary>"portfolio-prenom-nom-2026-11-23.zip": ASCII only, so that every system and mail client keeps it.</summary>
    public static string FileName(PersonData person, DateOnly day)
    {
        var slug = FileNames.Slug($"{person.FirstName} {person.LastName}");
        return $"portfolio-{(slug.Length > 0 ? slug + "-" : "")}{day:yyyy-MM-dd}.zip";
    }

    /// <summary>Everything the archive shows, in a fixed number of queries whatever the size of the portfolio.</summary>
    private async Task<PortfolioData> LoadAsync(string participantId, int cohortId, CancellationToken cancellationToken)
    {
        var person = await db.Users.Where(u => u.Id == participantId)
            .Select(u => new PersonData(u.FirstName, u.LastName, u.Email ?? "", u.Organisation))
            .SingleOrDefaultAsync(cancellationToken) ?? throw new ExportRefusedException(L["Ce compte n'existe plus."]);
        var row = await db.Cohorts.Where(c => c.Id == cohortId)
            .Select(c => new { Data = new CohortData(c.Name, c.Programme.Title, c.StartsOn, c.EndsOn), c.FrameworkId, c.Framework.Revision, c.Programme.Components })
            .SingleAsync(cancellationToken);
        var cohort = row.Data;
        var framework = await frameworks.GetAsync(db, row.FrameworkId, row.Revision, cancellationToken);

        // The parts the programme does not use are left out, as their pages are (Web/Hosting/ComponentAccess): what was
        // written before a part was switched off comes back in the export with the part.
        bool Uses(ProgrammeComponents part) => (row.Components & part) != 0;
        var campaigns = !Uses(ProgrammeComponents.SelfAssessment) ? [] : await db.Campaigns.Where(c => c.CohortId == cohortId)
            .OrderBy(c => c.Position).ThenBy(c => c.OpensOn)
            .Select(c => new CampaignData(c.Id, c.Name, c.Position, c.OpensOn, c.ClosesOn))
            .ToListAsync(cancellationToken);
        var assessments = !Uses(ProgrammeComponents.SelfAssessment) ? [] : await db.SelfAssessments
            .Where(a => a.ParticipantId == participantId && a.Campaign.CohortId == cohortId)
            .OrderBy(a => a.Campaign.Position).ThenBy(a => a.Id)
            .Select(a => new AssessmentData(a.Id, a.CampaignId, a.ObjectiveId, a.LeadershipCompetencyId, a.Level, a.Justification,
                a.Outcomes.Select(o => new OutcomeStateData(o.LearningOutcomeId, o.State)).ToList(), a.EvidenceIds, a.UpdatedAt))
            .ToListAsync(cancellationToken);
        var withEvidence = Uses(ProgrammeComponents.Evidence);
        var evidence = await db.Evidence.AsNoTracking()
            .Where(e => withEvidence && e.OwnerId == participantId && e.CohortId == cohortId)
            .OrderBy(e => e.OccurredOn).ThenBy(e => e.Id)
            .Select(e => new
            {
                e.Id, e.Title, e.OccurredOn, e.Kind, e.Description, e.Reflection, e.Visibility,
                e.ObjectiveIds, e.OutcomeIds, e.AxisIds, e.LeadershipCompetencyIds, e.Links, e.CreatedAt, e.UpdatedAt,
                OnProject = e.TransformationProjectId != null,
                Session = db.CohortSessions.Where(s => s.Id == e.SessionId).Select(s => new SessionData(s.Title, s.StartsAt)).FirstOrDefault(),
                Attachments = e.Attachments.OrderBy(a => a.Id)
                    .Join(db.StoredFiles, a => a.StoredFileId, f => f.Id, (a, f) => new { a.FileName, a.ContentType, a.Length, a.StoredFileId, f.Sha256 })
                    .ToList(),
            })
            .ToListAsync(cancellationToken);
        var journal = !Uses(ProgrammeComponents.Journal) ? [] : await db.JournalEntries
            .Where(j => j.OwnerId == participantId && j.CohortId == cohortId)
            .OrderBy(j => j.WrittenOn).ThenBy(j => j.Id)
            .Select(j => new JournalData(j.Id, j.WrittenOn, j.Title, j.Body, j.PillarId, j.LeadershipCompetencyId, j.ObjectiveId, j.Visibility, j.CreatedAt, j.UpdatedAt))
            .ToListAsync(cancellationToken);
        var project = !Uses(ProgrammeComponents.TransformationProject) ? null : await db.TransformationProjects.AsNoTracking().Include(p => p.Milestones)
            .SingleOrDefaultAsync(p => p.OwnerId == participantId && p.CohortId == cohortId, cancellationToken);
        var presentationSha256 = project?.PresentationFileId is not { } presentationFileId ? null
            : await db.StoredFiles.Where(f => f.Id == presentationFileId).Select(f => f.Sha256).SingleOrDefaultAsync(cancellationToken);

        return new PortfolioData(person, cohort, framework, campaigns, assessments,
            evidence.Select(e => new EvidenceData(e.Id, e.Title, e.OccurredOn, e.Kind, e.Description, e.Reflection, e.Visibility,
                e.ObjectiveIds, e.OutcomeIds, e.AxisIds, e.LeadershipCompetencyIds, [.. e.Links], e.CreatedAt, e.UpdatedAt,
                ZipPaths(e.Id, e.Attachments.Select(a => a.FileName))
                    .Zip(e.Attachments, (path, a) => new AttachmentData(a.FileName, a.ContentType, a.Length, a.Sha256, a.StoredFileId, path))
                    .ToList(), e.Session, e.OnProject)).ToList(),
            journal, clock.GetUtcNow(), clock.Today(), row.Components, project is null ? null : Project(project, presentationSha256));
    }

    private static ProjectData Project(TransformationProject p, string? sha256) => new(p.Title, p.Context, p.Ambition,
        [.. p.Milestones.OrderBy(m => m.DueOn).ThenBy(m => m.Id).Select(m => new MilestoneData(m.Title, m.DueOn, m.Note, m.DoneOn))],
        p.PresentationOn, p.PresentationSummary, p.PresentationSubmittedAt,
        p.PresentationFileId is { } fileId && sha256 is not null
            // Beside the attachments, under the project's own id: an "everything" archive may hold a project per cohort.
            ? new AttachmentData(p.PresentationFileName ?? "", p.PresentationContentType ?? "", p.PresentationFileLength ?? 0, sha256, fileId,
                $"project/{p.Id}/{FileTypes.CleanName(p.PresentationFileName ?? "presentation")}")
            : null);

    /// <summary>
    /// attachments/{evidenceId}/{fileName}; names were cleaned at upload and are cleaned again here (no folder, no "..");
    /// two files of the same name in one evidence item get " (2)", " (3)"...
    /// </summary>
    private static IEnumerable<string> ZipPaths(int evidenceId, IEnumerable<string> fileNames)
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var fileName in fileNames)
        {
            var clean = FileTypes.CleanName(fileName);
            var name = clean;
            for (var n = 2; !taken.Add(name); n++)
            {
                name = $"{Path.GetFileNameWithoutExtension(clean)} ({n}){Path.GetExtension(clean)}";
            }
            yield return $"attachments/{evidenceId}/{name}";
        }
    }

}
