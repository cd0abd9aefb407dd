using System.Globalization;
using Humanizer;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Accounts;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Portfolios;
using Portfolio.Core.Text;

namespace Portfolio.Web.Pages.Participant;

/// <summary>The portfolio's home: the open campaign's completion, deadlines, objectives without evidence, recent activity.</summary>
public class IndexModel(PortfolioDb db, FrameworkModels frameworks, MyCohorts myCohorts, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    private const int ActivityShown = 8;

    public PortfolioOverview? Overview { get; private set; }
    public PortfolioOverview.CampaignRow? Campaign { get; private set; }
    public IReadOnlyList<Deadline> Deadlines { get; private set; } = [];
    public IReadOnlyList<ActivityItem> Activity { get; private set; } = [];

    public async Task OnGetAsync()
    {
        if (await myCohorts.CurrentAsync() is not { } cohort)
        {
            return;
        }
        var o = await PortfolioOverview.LoadAsync(db, frameworks, cohort.OwnerId, cohort);
        Overview = o;
        var today = clock.Today();
        Campaign = o.OpenCampaign(today);

        var fromToday = Dates.StartInBrussels(today);
        // Campaigns and seminars are deadlines only in a programme that uses them.
        var seminars = !cohort.Uses(ProgrammeComponents.LeadershipSeminars) ? [] : await db.CohortSessions.Seminars(cohort.CohortId).Where(s => s.StartsAt >= fromToday)
            .Select(s => new { s.StartsAt, s.LeadershipCompetencyId }).ToListAsync();
        Deadlines = o.Campaigns
            .Where(_ => cohort.Uses(ProgrammeComponents.SelfAssessment))
            .SelectMany(c => new[]
            {
                c.OpensOn > today ? new Deadline(c.OpensOn, l["Ouverture de la campagne « {0} »", c.Name]) : null,
                c.ClosesOn >= today ? new Deadline(c.ClosesOn, l["Clôture de la campagne « {0} »", c.Name]) : null,
            })
            .OfType<Deadline>()
            .Concat(seminars.Select(s => new Deadline(Dates.InBrussels(s.StartsAt),
                l["Séminaire de leadership : {0}", o.Framework.CompetenciesById.GetValueOrDefault(s.LeadershipCompetencyId!.Value)?.Title ?? ""])))
            .OrderBy(d => d.On)
            .Take(5)
            .ToList();

        var culture = CultureInfo.CurrentUICulture;
        var now = clock.GetUtcNow();
        var campaigns = o.Campaigns.ToDictionary(c => c.Id, c => c.Name);
        // Only the items shown are put into words: a portfolio has hundreds of items, the page shows eight.
        Activity = o.Evidence
            .Select(e => (At: e.UpdatedAt, What: (Func<string>)(() => e.UpdatedAt > e.CreatedAt.AddMinutes(1)
                ? l["Preuve modifiée : {0}", e.Title].Value
                : l["Preuve ajoutée : {0}", e.Title].Value)))
            .Concat(o.Assessments.Where(a => a.ObjectiveId is not null && a.Level is not null).Select(a => (At: a.UpdatedAt,
                What: (Func<string>)(() => l["Auto-évaluation de {0} ({1})", o.Framework.ObjectiveCode(a.ObjectiveId) ?? "", campaigns.GetValueOrDefault(a.CampaignId, "")].Value))))
            .OrderByDescending(x => x.At)
            .Take(ActivityShown)
            .Select(x => new ActivityItem(x.At, x.What(), x.At.Humanize(now, culture)))
            .ToList();
    }

    public sealed record Deadline(DateOnly On, string What);
    public sealed record ActivityItem(DateTimeOffset At, string What, string When);
}
