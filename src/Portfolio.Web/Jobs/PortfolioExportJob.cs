using Portfolio.Core.Data;
using Portfolio.Core.Exports;
using Portfolio.Core.Jobs;
using Portfolio.Core.Storage;

namespace Portfolio.Web.Jobs;

/// <summary>"Export my portfolio": the owner's whole portfolio as a ZIP (index.html, portfolio.json, attachments).</summary>
public sealed class PortfolioExportJob(PortfolioDb db, FileStore files, PortfolioExport export, TimeProvider clock, ILogger<PortfolioExportJob> logger)
    : TrackedJob(db, files, clock, logger)
{
    public const string Kind = "portfolio-export";

    protected override async Task<JobArtifact> ProduceAsync(JobRun run, Stream output, JobProgress progress, CancellationToken cancellationToken) =>
        new(await export.WriteAsync(run.OwnerId, output, progress.ReportAsync, cancellationToken), PortfolioExport.ContentType);
}
