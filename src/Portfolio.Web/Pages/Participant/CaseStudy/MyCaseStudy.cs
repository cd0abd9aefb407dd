using Microsoft.EntityFrameworkCore;
using Portfolio.Core.CaseStudies;
using Portfolio.Core.Data;
using Portfolio.Core.Portfolios;

namespace Portfolio.Web.Pages.Participant.CaseStudy;

/// <summary>The participant's case-study group in the cohort they work on, for the pages that change it; null when they have none.</summary>
public static class MyCaseStudy
{
    public static IQueryable<CaseStudyGroup> GroupOf(PortfolioDb db, ParticipantCohort cohort) =>
        db.CaseStudyGroups.Where(g => g.CohortId == cohort.CohortId && g.Members.Any(m => m.UserId == cohort.OwnerId));

    /// <summary>The group with its members, for a rule to decide; tracked, so that the handler saves what the rule changed.</summary>
    public static Task<CaseStudyGroup?> LoadAsync(PortfolioDb db, ParticipantCohort cohort) =>
        GroupOf(db, cohort).Include(g => g.Members).SingleOrDefaultAsync();
}
