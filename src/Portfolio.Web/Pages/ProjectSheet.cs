using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Portfolios;

namespace Portfolio.Web.Pages;

/// <summary>
/// A transformation project as another reader sees it (a peer, a juror): statement, milestones, final presentation.
/// The caller passes the projects its reader may read (<see cref="Core.Intervision.ItemAccess"/>); one query.
/// Shown by Shared/_ProjectSheet.cshtml.
/// </summary>
public sealed record ProjectSheet(int Id, string Owner, string Title, string Context, string Ambition, IReadOnlyList<ProjectSheet.Milestone> Milestones,
    DateOnly? PresentationOn, string PresentationSummary, string? PresentationFileName, DateTimeOffset? PresentationSubmittedAt)
{
    /// <param name="readable">The one project to show, among those the reader may read.</param>
    public static Task<ProjectSheet?> LoadAsync(IQueryable<TransformationProject> readable, IQueryable<Core.Accounts.AppUser> users) =>
        readable
            .Join(users, p => p.OwnerId, u => u.Id, (p, u) => new ProjectSheet(p.Id, u.FirstName + " " + u.LastName, p.Title, p.Context, p.Ambition,
                p.Milestones.OrderBy(m => m.DueOn).ThenBy(m => m.Id).Select(m => new Milestone(m.Title, m.DueOn, m.Note, m.DoneOn)).ToList(),
                p.PresentationOn, p.PresentationSummary, p.PresentationFileName, p.PresentationSubmittedAt))
            .SingleOrDefaultAsync();

    public sealed record Milestone(string Title, DateOnly DueOn, string Note, DateOnly? DoneOn);
}
