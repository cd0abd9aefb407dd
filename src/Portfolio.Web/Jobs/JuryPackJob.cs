using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Jobs;
using Portfolio.Core.JuryPacks;
using Portfolio.Core.Storage;

namespace Portfolio.Web.Jobs;

/// <summary>
/// "Build the jury pack" of a jury (<see cref="JuryKind"/>, the run's subject is the jury) or of a whole cohort
/// (<see cref="CohortKind"/>, the subject is the cohort), as the coordinator who asked may see it. The finished ZIP
/// becomes the scope's <see cref="JuryPack"/>, replacing the previous one in the save that ends the run.
/// </summary>
public sealed class JuryPackJob(PortfolioDb db, FileStore files, JuryPackBuilder builder, TimeProvider clock, ILogger<JuryPackJob> logger)
    : TrackedJob(db, files, clock, logger)
{
    public const string JuryKind = "jury-pack";
    public const string CohortKind = "cohort-pack";

    private PackBuild? built;

    public static PackScope ScopeOf(JobRun run) => run.Kind == JuryKind ? PackScope.Jury(run.SubjectId!.Value) : PackScope.Cohort(run.SubjectId!.Value);

    protected override async Task<JobArtifact> ProduceAsync(JobRun run, Stream output, JobProgress progress, CancellationToken cancellationToken)
    {
        built = await builder.WriteAsync(run.OwnerId, ScopeOf(run), withPdf: true, output, progress.ReportAsync, cancellationToken);
        logger.LogInformation("Jury pack {RunId}: {Reports} reports, {Pdfs} PDF; workbook {Workbook:0.0} s, HTML {Html:0.0} s, PDF {Pdf:0.0} s",
            run.Id, built.Timings.Reports, built.Timings.Pdfs, built.Timings.Workbook.TotalSeconds, built.Timings.Html.TotalSeconds, built.Timings.Pdf.TotalSeconds);
        return new JobArtifact(built.FileName, JuryPackBuilder.ContentType);
    }

    protected override async Task<Guid?> KeepAsync(PortfolioDb db, JobRun run, StoredFile file, CancellationToken cancellationToken)
    {
        var scope = ScopeOf(run);
        var cohortId = scope.CohortId ?? await db.Juries.Where(j => j.Id == scope.JuryId).Select(j => j.CohortId).SingleAsync(cancellationToken);
        var pack = await db.JuryPacks.SingleOrDefaultAsync(p => p.CohortId == cohortId && p.JuryId == scope.JuryId, cancellationToken);
        if (pack is null)
        {
            pack = new JuryPack(cohortId, scope.JuryId);
            db.JuryPacks.Add(pack);
        }
        var previous = pack.Replace(file.Id, built!.FileName, file.Length, run.Id, run.OwnerId, run.FinishedAt!.Value, built.Contents);
        run.HandOver();
        return previous;
    }
}
