using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;
using Portfolio.Core.Exports;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Storage;
using Portfolio.Core.Submissions;
using Portfolio.Core.Text;

namespace Portfolio.Core.JuryPacks;

/// <summary>What a pack is built for: one jury's candidates, or a whole cohort's (no jury).</summary>
public sealed record PackScope(int? CohortId, int? JuryId)
{
    public static PackScope Cohort(int cohortId) => new(cohortId, null);
    public static PackScope Jury(int juryId) => new(null, juryId);
}

/// <summary>
/// Where the time of a build went. <see cref="Html"/> sums the time spent rendering reports (on several threads);
/// <see cref="Pdf"/> is the wall-clock time from the first PDF started to the last one finished.
/// </summary>
public sealed record PackTimings(TimeSpan Total, TimeSpan Workbook, TimeSpan Html, TimeSpan Pdf, int Reports, int Pdfs);

/// <summary>A finished pack: the name to offer for download, what it holds, how long it took.</summary>
public sealed record PackBuild(string FileName, PackContents Contents, PackTimings Timings);

/// <summary>
/// Writes a jury pack as a ZIP streamed into the output (a <see cref="StoredFileWriter"/> in practice):
/// <c>synthese.xlsx</c> (<see cref="SynthesisWorkbook"/>), an <c>index.html</c> listing the candidates and what the pack
/// was built from, and for each candidate who submitted, <c>NN-nom-prenom/rapport.html</c> (the programme's current
/// template, <see cref="ReportRenderer"/>), <c>rapport.pdf</c> (headless Chromium, <see cref="PdfPrinter"/>) and the
/// submitted files under <c>pieces/</c>. Everything is dated with the latest snapshot's date, never the clock, so that
/// the same data and template give the same bytes. The database is read on the calling thread only (one context);
/// reports render and print on other threads, a few candidates ahead, and are written in the candidates' order.
/// </summary>
public sealed class JuryPackBuilder(PortfolioDb db, FrameworkModels frameworks, FileStore files, PdfPrinterOptions pdfOptions, TimeProvider clock, ILogger<JuryPackBuilder> logger)
{
    public const string ContentType = "application/zip";
    public const string IndexName = "index.html";

    private static readonly FrenchText L = FrenchText.L;
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-BE");
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Encodes markup characters and quotes, and leaves accents as they are: the page is UTF-8 and read by people.</summary>
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The earliest date a ZIP entry can carry; a pack with no snapshot at all is dated with it.</summary>
    private static readonly DateTimeOffset ZipEpoch = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Builds the pack of <paramref name="scope"/> as <paramref name="coordinatorId"/> may see it, reporting progress
    /// (0–98) as it goes. Throws <see cref="ExportRefusedException"/> with a French message the coordinator can act on.
    /// </summary>
    public async Task<PackBuild> WriteAsync(string coordinatorId, PackScope scope, bool withPdf, Stream output,
        Func<int, string, CancellationToken, Task> report, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        await report(0, L["Lecture des données de la promotion"], cancellationToken);
        var visible = db.Cohorts.CoordinatedBy(coordinatorId);
        var synthesis = scope.JuryId is { } juryId
            ? await CohortSynthesis.ForCoordinatedJuryAsync(db, frameworks, visible, juryId, cancellationToken)
            : await CohortSynthesis.ForCohortAsync(db, frameworks, visible, scope.CohortId!.Value, cancellationToken);
        if (synthesis is null)
        {
            throw new ExportRefusedException(L["Ce jury ou cette promotion n'existe plus, ou vous n'en assurez plus la coordination."]);
        }
        if (synthesis.Candidates.Count == 0)
        {
            throw new ExportRefusedException(scope.JuryId is null
                ? L["Cette promotion n'a aucun participant : il n'y a pas de dossier à préparer."]
                : L["Ce jury n'a aucun candidat : assignez-lui des candidats avant de préparer son dossier."]);
        }
        var cohort = await db.Cohorts.Where(c => c.Id == synthesis.CohortId).Select(c => new { c.ProgrammeId, c.StartsOn }).SingleAsync(cancellationToken);
        var juryName = scope.JuryId is { } id ? await db.Juries.Where(j => j.Id == id).Select(j => j.Name).SingleAsync(cancellationToken) : null;
        var (templateNumber, template) = await ReportTemplates.CurrentAsync(db, cohort.ProgrammeId, cancellationToken);

        var width = Math.Max(2, synthesis.Candidates.Count.ToString(CultureInfo.InvariantCulture).Length);
        var candidates = synthesis.Candidates.Select((c, i) => new PackedCandidate(
            (i + 1).ToString(CultureInfo.InvariantCulture).PadLeft(width, '0'), c, synthesis.Submission(c.ParticipantId))).ToList();
        var submitted = candidates.Where(c => c.Submission is not null).Select(c => c.Submission!.SubmittedAt).ToList();
        var contents = new PackContents(templateNumber, [.. candidates.Select(c => c.Person.ParticipantId)], submitted.Count, withPdf && submitted.Count > 0,
            submitted.Count > 0 ? submitted.Min() : null, submitted.Count > 0 ? submitted.Max() : null);
        // The data's own moment: two builds of the same data carry the same dates, whenever they run.
        var moment = contents.LastSubmittedAt ?? Max(Dates.StartInBrussels(cohort.StartsOn), ZipEpoch);

        PdfPrinter? printer = null;
        try
        {
            if (contents.WithPdf)
            {
                await report(2, L["Démarrage du navigateur qui produit les PDF"], cancellationToken);
                try
                {
                    printer = await PdfPrinter.LaunchAsync(pdfOptions, logger, cancellationToken);
                }
                catch (PdfPrinterUnavailableException e)
                {
                    throw new ExportRefusedException(e.Message);
                }
            }
            await using var zip = await ZipArchive.CreateAsync(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: Utf8, cancellationToken);

            await report(4, L["Rédaction du classeur de synthèse"], cancellationToken);
            var workbookTime = Stopwatch.StartNew();
            using (var workbook = new MemoryStream())
            {
                SynthesisWorkbook.Write(synthesis, workbook, moment);
                workbook.Position = 0;
                await WriteEntryAsync(zip, SynthesisWorkbook.FileName, moment, CompressionLevel.NoCompression, workbook, cancellationToken);
            }
            workbookTime.Stop();

            var writer = new ReportWriter(db, frameworks, files, zip, template, printer, moment, cancellationToken);
            await writer.WriteAllAsync(candidates, report);

            await report(97, L["Rédaction de la page d'accueil du dossier"], cancellationToken);
            await WriteTextAsync(zip, IndexName, Index(synthesis.CohortName, juryName, templateNumber, contents, candidates, writer.Folders), moment, cancellationToken);
            await report(98, L["Finalisation de l'archive"], cancellationToken);

            var day = Dates.InBrussels(clock.GetUtcNow()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var name = FileNames.Slug(juryName ?? synthesis.CohortName, 40);
            return new PackBuild($"dossier-{(juryName is null ? "promotion" : "jury")}{(name.Length > 0 ? "-" + name : "")}-{day}.zip", contents,
                new PackTimings(total.Elapsed, workbookTime.Elapsed, writer.HtmlTime, writer.PdfTime, writer.Reports, writer.Pdfs));
        }
        finally
        {
            if (printer is not null)
            {
                await printer.DisposeAsync();
            }
        }
    }

    private sealed record PackedCandidate(string Number, CohortSynthesis.Candidate Person, CohortSynthesis.SubmissionRow? Submission)
    {
        public string Folder => FileNames.Slug($"{Person.LastName} {Person.FirstName}", 50) is { Length: > 0 } name ? $"{Number}-{name}" : $"{Number}-candidat";
    }

    /// <summary>One candidate's report, rendered (and printed) off the calling thread.</summary>
    private sealed record RenderedReport(PackedCandidate Candidate, SnapshotDocument Snapshot, string Html, byte[]? Pdf);

    /// <summary>
    /// Loads, renders and writes the candidates' reports: the loading and the writing (which read the database) stay on
    /// the calling flow, in order; rendering and printing run on the thread pool, at most twice the printer's parallelism
    /// ahead, which bounds the memory held by reports waiting for their turn.
    /// </summary>
    private sealed class ReportWriter(PortfolioDb db, FrameworkModels frameworks, FileStore files, ZipArchive zip, string template, PdfPrinter? printer, DateTimeOffset moment, CancellationToken cancellationToken)
    {
        private readonly object timing = new();
        private long htmlTicks;
        private DateTimeOffset? firstPdfStarted;
        private DateTimeOffset? lastPdfEnded;

        public int Reports { get; private set; }
        public int Pdfs { get; private set; }
        public TimeSpan HtmlTime => TimeSpan.FromTicks(htmlTicks);
        public TimeSpan PdfTime => firstPdfStarted is { } first && lastPdfEnded is { } last ? last - first : TimeSpan.Zero;

        /// <summary>Each candidate's folder and the files in it, for the index.</summary>
        public Dictionary<string, IReadOnlyList<string>> Folders { get; } = [];

        public async Task WriteAllAsync(IReadOnlyList<PackedCandidate> candidates, Func<int, string, CancellationToken, Task> report)
        {
            var withReports = candidates.Where(c => c.Submission is not null).ToList();
            var ahead = Math.Max(2, 2 * (printer?.Parallelism ?? Environment.ProcessorCount));
            var pending = new Queue<Task<RenderedReport>>();
            var done = 0;
            foreach (var candidate in withReports)
            {
                var source = await ReportTemplates.SourceAsync(db, frameworks, candidate.Submission!.SubmissionId, candidate.Number, cancellationToken)
                    ?? throw new InvalidOperationException($"Submission {candidate.Submission.SubmissionId} vanished during the build");
                pending.Enqueue(Task.Run(() => RenderAsync(candidate, source), cancellationToken));
                while (pending.Count >= ahead)
                {
                    await WriteAsync(await pending.Dequeue());
                    await report(Progress(++done, withReports.Count), L["Rapports des candidats"], cancellationToken);
                }
            }
            while (pending.Count > 0)
            {
                await WriteAsync(await pending.Dequeue());
                await report(Progress(++done, withReports.Count), L["Rapports des candidats"], cancellationToken);
            }
        }

        private static int Progress(int done, int count) => 5 + 90 * done / Math.Max(1, count);

        private async Task<RenderedReport> RenderAsync(PackedCandidate candidate, CandidateReportSource source)
        {
            var watch = Stopwatch.StartNew();
            var result = await ReportRenderer.RenderAsync(template, CandidateReportBuilder.Build(source), cancellationToken: cancellationToken);
            Interlocked.Add(ref htmlTicks, watch.Elapsed.Ticks);
            if (!result.Succeeded)
            {
                var problem = result.Problems[0];
                // In French only, like the template's own problems it quotes: pages translate stored messages by looking
                // them up whole, and this one carries the candidate's number and the problem.
                var place = problem.Line > 0 ? $"ligne {problem.Line}, colonne {problem.Column} : " : "";
                throw new ExportRefusedException(
                    $"Le rapport du candidat n° {candidate.Number} n'a pas pu être produit avec le modèle de rapport ({place}{problem.Message}). Corrigez le modèle, puis préparez le dossier à nouveau.");
            }
            byte[]? pdf = null;
            if (printer is not null)
            {
                var started = DateTimeOffset.UtcNow;
                pdf = await printer.PrintAsync(result.Html!, moment, cancellationToken);
                var ended = DateTimeOffset.UtcNow;
                lock (timing)
                {
                    firstPdfStarted = firstPdfStarted is { } f && f < started ? f : started;
                    lastPdfEnded = lastPdfEnded is { } l && l > ended ? l : ended;
                }
            }
            return new RenderedReport(candidate, source.Snapshot, result.Html!, pdf);
        }

        private async Task WriteAsync(RenderedReport rendered)
        {
            var folder = rendered.Candidate.Folder;
            var names = new List<string>();
            await WriteTextAsync(zip, $"{folder}/rapport.html", rendered.Html, moment, cancellationToken);
            names.Add("rapport.html");
            Reports++;
            if (rendered.Pdf is { } pdf)
            {
                await WriteEntryAsync(zip, $"{folder}/rapport.pdf", moment, CompressionLevel.Fastest, new MemoryStream(pdf, writable: false), cancellationToken);
                names.Add("rapport.pdf");
                Pdfs++;
            }
            foreach (var (file, name) in Attachments(rendered.Snapshot))
            {
                await using var content = await files.OpenReadAsync(file.StoredFileId, cancellationToken);
                await WriteEntryAsync(zip, $"{folder}/{name}", moment, CompressionFor(name), content, cancellationToken);
                names.Add(name);
            }
            Folders[folder] = names;
        }
    }

    /// <summary>
    /// The files submitted with the snapshot and their names in the candidate's folder: the uploaded individual report,
    /// then each evidence item's attachments under <c>pieces/</c>, prefixed with the item's number to stay unique.
    /// </summary>
    private static IEnumerable<(SnapshotFile File, string Name)> Attachments(SnapshotDocument snapshot)
    {
        if (snapshot.Report.File is { } reportFile)
        {
            yield return (reportFile, $"rapport-individuel-depose{Path.GetExtension(FileNames.Entry(reportFile.FileName))}");
        }
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var evidence in snapshot.Evidence)
        {
            foreach (var file in evidence.Attachments)
            {
                var name = $"pieces/{evidence.SourceId}-{FileNames.Entry(file.FileName)}";
                for (var n = 2; !used.Add(name); n++)
                {
                    name = $"pieces/{evidence.SourceId}-{n}-{FileNames.Entry(file.FileName)}";
                }
                yield return (file, name);
            }
        }
    }

    /// <summary>Already-compressed formats (PDF, images, office documents) gain little from deflate; text does.</summary>
    private static CompressionLevel CompressionFor(string name) =>
        Path.GetExtension(name) is ".txt" or ".md" or ".csv" or ".html" or ".json" or ".xml" ? CompressionLevel.Optimal : CompressionLevel.NoCompression;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static async Task WriteEntryAsync(ZipArchive zip, string name, DateTimeOffset moment, CompressionLevel compression, Stream content, CancellationToken cancellationToken)
    {
        var entry = zip.CreateEntry(name, compression);
        entry.LastWriteTime = moment;
        await using var target = await entry.OpenAsync(cancellationToken);
        await content.CopyToAsync(target, cancellationToken);
    }

    private static async Task WriteTextAsync(ZipArchive zip, string name, string text, DateTimeOffset moment, CancellationToken cancellationToken) =>
        await WriteEntryAsync(zip, name, moment, CompressionLevel.Optimal, new MemoryStream(Utf8.GetBytes(text), writable: false), cancellationToken);

    /// <summary>
    /// The pack's first page: what it covers and what produced it (template version, snapshot dates), then one row per
    /// candidate with links to their files. A French document; every name is HTML-encoded.
    /// </summary>
    private static string Index(string cohortName, string? juryName, int templateNumber, PackContents contents, IReadOnlyList<PackedCandidate> candidates,
        IReadOnlyDictionary<string, IReadOnlyList<string>> folders)
    {
        static string E(string text) => Html.Encode(text);
        string Link(string folder, string file) => $"<a href=\"{E(Uri.EscapeDataString(folder))}/{E(string.Join('/', file.Split('/').Select(Uri.EscapeDataString)))}\">{E(file)}</a>";
        var title = juryName is null ? $"Dossier de la promotion {cohortName}" : $"Dossier du jury {juryName} — {cohortName}";
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append(CultureInfo.InvariantCulture, $"<title>{E(title)}</title>\n");
        html.Append("<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#1a1a1a}table{border-collapse:collapse}th,td{border:1px solid #767676;padding:.3rem .6rem;text-align:left;vertical-align:top}a{color:#0b57a4}</style>\n");
        html.Append("</head>\n<body>\n<main>\n");
        html.Append(CultureInfo.InvariantCulture, $"<h1>{E(title)}</h1>\n<ul>\n");
        html.Append(CultureInfo.InvariantCulture, $"<li>Classeur de synthèse : <a href=\"{SynthesisWorkbook.FileName}\">{SynthesisWorkbook.FileName}</a></li>\n");
        html.Append(CultureInfo.InvariantCulture, $"<li>Modèle de rapport : {(templateNumber == 0 ? "modèle fourni avec l'application" : $"version {templateNumber}")}</li>\n");
        html.Append(CultureInfo.InvariantCulture, $"<li>Candidats : {contents.ParticipantIds.Count} ; rapports : {contents.Reports}{(contents.WithPdf ? " (HTML et PDF)" : " (HTML)")}</li>\n");
        if (contents.FirstSubmittedAt is { } first && contents.LastSubmittedAt is { } last)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li>Dépôts pris en compte : du {E(Dates.Moment(first, French))} au {E(Dates.Moment(last, French))}</li>\n");
        }
        html.Append("</ul>\n<table>\n<caption>Candidats, dans l'ordre du dossier</caption>\n<thead><tr><th scope=\"col\">N°</th><th scope=\"col\">Candidat</th><th scope=\"col\">Dépôt</th><th scope=\"col\">Fichiers</th></tr></thead>\n<tbody>\n");
        foreach (var c in candidates)
        {
            var deposit = c.Submission is { } s ? $"dépôt n° {s.Number} du {E(Dates.Moment(s.SubmittedAt, French))}" : "aucun dépôt";
            var links = folders.TryGetValue(c.Folder, out var names) ? string.Join("<br>", names.Select(n => Link(c.Folder, n))) : "—";
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{c.Number}</td><th scope=\"row\">{E(c.Person.Name)}</th><td>{deposit}</td><td>{links}</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }
}
