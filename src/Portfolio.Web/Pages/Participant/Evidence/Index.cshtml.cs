using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Portfolios;

namespace Portfolio.Web.Pages.Participant.Evidence;

/// <summary>
/// The participant's evidence, newest first, 50 a page, filtered by objective, axis, kind, period and words (PostgreSQL
/// full-text search in French, so "négociation" finds "négociations"). A fixed number of queries whatever the volume.
/// In a programme without objectives (CHESP, ENA), the items are placed by what they are tied to instead: the list
/// filters and shows them by session and project.
/// </summary>
public class IndexModel(PortfolioDb db, FrameworkModels frameworks, MyCohorts myCohorts) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public int? Objective { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Axis { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Session { get; set; }

    /// <summary>Only the items that document the person's transformation project.</summary>
    [BindProperty(SupportsGet = true)]
    public bool OnProject { get; set; }

    [BindProperty(SupportsGet = true)]
    public EvidenceKind? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>Not "page": Razor Pages keeps that route value for the page path.</summary>
    [BindProperty(SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public ParticipantCohort? Cohort { get; private set; }
    public FrameworkModel Framework { get; private set; } = null!;
    public IReadOnlyList<Row> Items { get; private set; } = [];

    /// <summary>The sessions to filter by, offered where there are no objectives to filter by (an empty list otherwise).</summary>
    public IReadOnlyList<SelectListItem> Sessions { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public bool Filtered => Objective is not null || Axis is not null || Session is not null || OnProject || Kind is not null || From is not null || To is not null
        || !string.IsNullOrWhiteSpace(Q);

    /// <summary>Why the search text cannot be searched (a control character), shown beside the box; nothing is listed then.</summary>
    public string? QueryError => ModelState.TryGetValue(nameof(Q), out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    public async Task OnGetAsync()
    {
        Cohort = await myCohorts.CurrentAsync();
        if (Cohort is null)
        {
            return;
        }
        Framework = await frameworks.GetAsync(db, Cohort.FrameworkId, Cohort.FrameworkRevision);
        if (!Framework.HasObjectives)
        {
            Sessions = await SessionChoices.ListAsync(db, Cohort, Session);
        }
        if (QueryError is not null)
        {
            return;
        }

        var query = db.Evidence.In(Cohort);
        if (Objective is { } objective)
        {
            query = query.Where(e => e.ObjectiveIds.Contains(objective));
        }
        if (Axis is { } axis)
        {
            query = query.Where(e => e.AxisIds.Contains(axis));
        }
        if (Session is { } session)
        {
            query = query.Where(e => e.SessionId == session);
        }
        if (OnProject)
        {
            query = query.Where(e => e.TransformationProjectId != null);
        }
        if (Kind is { } kind)
        {
            query = query.Where(e => e.Kind == kind);
        }
        if (From is { } from)
        {
            query = query.Where(e => e.OccurredOn >= from);
        }
        if (To is { } to)
        {
            query = query.Where(e => e.OccurredOn <= to);
        }
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var words = Q.Trim();
            query = query.Where(e => e.SearchVector.Matches(EF.Functions.WebSearchToTsQuery("french", words)));
        }

        Total = await query.CountAsync();
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Items = await query
            .OrderByDescending(e => e.OccurredOn).ThenByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(e => new Row(e.Id, e.Title, e.OccurredOn, e.Kind, e.ObjectiveIds, e.Attachments.Count, e.Visibility, e.MarkedForAssessment,
                e.TransformationProjectId != null,
                // In the same command: the list's SQL does not grow with the data.
                db.CohortSessions.Where(s => s.Id == e.SessionId).Select(s => new SessionTie(s.Title, s.StartsAt)).FirstOrDefault()))
            .ToListAsync();
    }

    /// <summary>The current filters as query values, for the pages' links.</summary>
    public Dictionary<string, string> RouteFor(int pageNumber)
    {
        var values = new Dictionary<string, string>();
        void Add(string key, object? value)
        {
            if (value is not null && value.ToString() is { Length: > 0 } text)
            {
                values[key] = text;
            }
        }
        Add("objective", Objective);
        Add("axis", Axis);
        Add("session", Session);
        Add("onProject", OnProject ? "true" : null);
        Add("kind", Kind);
        Add("from", From?.ToString("yyyy-MM-dd"));
        Add("to", To?.ToString("yyyy-MM-dd"));
        Add("q", Q?.Trim());
        values["pageNumber"] = pageNumber.ToString();
        return values;
    }

    public sealed record Row(int Id, string Title, DateOnly OccurredOn, EvidenceKind Kind, int[] ObjectiveIds, int Attachments, Visibility Visibility, bool MarkedForAssessment,
        bool OnProject, SessionTie? Session);

    public sealed record SessionTie(string Title, DateTimeOffset StartsAt)
    {
        public string Label => SessionChoices.Label(StartsAt, Title);
    }
}
