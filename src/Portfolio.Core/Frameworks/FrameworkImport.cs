using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;

namespace Portfolio.Core.Frameworks;

public enum FrameworkImportResult { Created, Replaced, Unchanged, Rejected }

/// <summary>
/// Stores a valid framework document as a draft. Used by the coordinators' upload page and by the loader of the shipped
/// frameworks, which is why it is not inside the page.
/// </summary>
public static class FrameworkImport
{
    /// <summary>
    /// Creates the draft of this code and version, or replaces the draft already there. A published or withdrawn
    /// version never changes: importing it again identically changes nothing, differently is refused.
    /// </summary>
    public static async Task<(FrameworkImportResult Result, IReadOnlyList<DocumentProblem> Problems)> ImportAsync(
        PortfolioDb db, FrameworkDocument document, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var existing = await db.Frameworks.LoadWholeAsync(document.Code!, document.Version!.Value, cancellationToken);
        if (existing is not null)
        {
            if (existing.ToDocument().ToJson() == Framework.FromDocument(document, now).ToDocument().ToJson())
            {
                return (FrameworkImportResult.Unchanged, []);
            }
            if (!existing.CanBeReplaced)
            {
                return (FrameworkImportResult.Rejected, [new DocumentProblem("$.version",
                    "La version {1} du référentiel « {0} » est déjà publiée et ne change plus : importez la modification sous un nouveau numéro de version.",
                    document.Code!, document.Version.Value)]);
            }
            db.Frameworks.Remove(existing);
        }
        db.Frameworks.Add(Framework.FromDocument(document, now));
        await db.SaveChangesAsync(cancellationToken);
        return (existing is null ? FrameworkImportResult.Created : FrameworkImportResult.Replaced, []);
    }

    /// <summary>A framework version with everything below it.</summary>
    public static Task<Framework?> LoadWholeAsync(this IQueryable<Framework> frameworks, string code, int version, CancellationToken cancellationToken = default) =>
        frameworks.WithWholeTree().SingleOrDefaultAsync(f => f.Code == code && f.Version == version, cancellationToken);

    /// <summary>Frameworks with everything below them, one command per level (no cartesian explosion).</summary>
    public static IQueryable<Framework> WithWholeTree(this IQueryable<Framework> frameworks) =>
        frameworks
            .Include(f => f.Scale)
            .Include(f => f.Pillars).ThenInclude(p => p.Objectives).ThenInclude(o => o.Outcomes)
            .Include(f => f.CycleObjectives)
            .Include(f => f.Axes)
            .Include(f => f.LeadershipCompetencies).ThenInclude(c => c.AfterPillar)
            .Include(f => f.CaseStudyOutcomes)
            .AsSplitQuery();

    /// <summary>
    /// Loads and publishes every framework shipped in <paramref name="folder"/> (templates/frameworks): they are the
    /// programme's reference, public from the start. A second run changes nothing, a version withdrawn since included.
    /// </summary>
    public static async Task<IReadOnlyList<string>> LoadShippedAsync(PortfolioDb db, string folder, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var loaded = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var (document, problems) = FrameworkDocument.Read(await File.ReadAllTextAsync(file, cancellationToken));
            if (document is null)
            {
                throw new InvalidOperationException($"The shipped framework {file} is invalid:\n" + string.Join("\n", problems));
            }
            var (result, rejected) = await ImportAsync(db, document, now, cancellationToken);
            if (result == FrameworkImportResult.Rejected)
            {
                throw new InvalidOperationException($"The shipped framework {file} differs from the version in use:\n" + string.Join("\n", rejected));
            }
            if (result is FrameworkImportResult.Created or FrameworkImportResult.Replaced)
            {
                var framework = await db.Frameworks.SingleAsync(f => f.Code == document.Code && f.Version == document.Version, cancellationToken);
                framework.Publish();
                await db.SaveChangesAsync(cancellationToken);
            }
            loaded.Add($"{document.Code} v{document.Version}: {result}");
        }
        return loaded;
    }
}
