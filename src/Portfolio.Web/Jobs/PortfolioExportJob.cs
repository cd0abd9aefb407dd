using Portfolio.Core.Data;
using Portfolio.Core.Exports;
using Portfolio.Core.Jobs;
using Portfolio.Core.Storage;

namespace Portfolio.Web.Jobs;

/// <summary>
/// "Export my portfolio": the owner's portfolio as a ZIP (index.html, portfolio.json, attachments), of the cohort named
/// by the run's subject, or of every cohort of theirs when it has none.
/// </summary>
public sealed class PortfolioExportJob(PortfolioDb db, FileStore files, PortfolioExport export, TimeProvider clock, ILogger<PortfolioExportJob> logger)
    : TrackedJob(db, files, clock, logger)
{
    public const string Kind = "portfolio-export";

    protected override async Task<JobArtifact> ProduceAsync(JobRun run, Stream output, JobProgress progress, CancellationToken cancellationToken) =>
        new(await export.WriteAsync(run.OwnerId, run.SubjectId, output, progress.ReportAsync, cancellationToken), PortfolioExport.ContentType);
}
