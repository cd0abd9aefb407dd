using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;
using Portfolio.Web.Pages.Participant;

namespace Portfolio.Web.Hosting;

/// <summary>
/// Which part of a programme each page belongs to, in one place, by folder (or single page), like <see cref="PageAccess"/>.
/// A page of a part the programme in context does not use answers 404 (<see cref="ComponentGate"/>), and the menus ask
/// <see cref="Shows"/> before offering it. A test fails when a page folder is not listed here.
/// </summary>
public static class ComponentAccess
{
    private const ProgrammeComponents Always = ProgrammeComponents.None;

    /// <summary>Folder or page → the parts that open it (any one of them is enough); <c>None</c>: every programme.</summary>
    public static readonly IReadOnlyDictionary<string, ProgrammeComponents> Map = new Dictionary<string, ProgrammeComponents>
    {
        // The participant's home, cohort chooser and export serve every programme; the export leaves unused parts out.
        ["/Participant"] = Always,
        ["/Participant/Matrix"] = ProgrammeComponents.SelfAssessment,
        ["/Participant/Progression"] = ProgrammeComponents.SelfAssessment,
        ["/Participant/Assessments"] = ProgrammeComponents.SelfAssessment,
        ["/Participant/Evidence"] = ProgrammeComponents.Evidence,
        ["/Participant/Journal"] = ProgrammeComponents.Journal,
        ["/Participant/Feedback"] = ProgrammeComponents.Intervision,
        // The group serves intervision and co-development alike (a ministry's community has only co-development groups).
        ["/Participant/Group"] = ProgrammeComponents.Intervision | ProgrammeComponents.CoDevelopment,
        ["/Participant/CaseStudy"] = ProgrammeComponents.CaseStudy,
        ["/Participant/Report"] = ProgrammeComponents.IndividualReport,
        // What is submitted for assessment is the individual report with the portfolio behind it.
        ["/Participant/Submission"] = ProgrammeComponents.IndividualReport,
        ["/Participant/Exam"] = ProgrammeComponents.Jury,
        ["/Participant/Results"] = ProgrammeComponents.Jury,
        ["/Participant/Project"] = ProgrammeComponents.TransformationProject,
        ["/Peer"] = ProgrammeComponents.Intervision | ProgrammeComponents.CoDevelopment,
        ["/Peer/Evidence"] = ProgrammeComponents.Evidence,
        ["/Peer/Journal"] = ProgrammeComponents.Journal,
        ["/Peer/Project"] = ProgrammeComponents.TransformationProject,
        ["/Codev"] = ProgrammeComponents.CoDevelopment,
        // A facilitator's groups may belong to several programmes; the list shows only their own groups.
        ["/Facilitator"] = Always,
        ["/Coordinator"] = Always,
        ["/Coordinator/Cohorts"] = Always,
        ["/Coordinator/Frameworks"] = Always,
        ["/Coordinator/Programmes"] = Always,
        ["/Coordinator/Programmes/Grid"] = ProgrammeComponents.Jury,
        ["/Coordinator/Programmes/ReportTemplate"] = ProgrammeComponents.JuryPacks,
        ["/Coordinator/Programmes/ReportPreview"] = ProgrammeComponents.JuryPacks,
        // The cohort heat-map reads whatever the programme has (evidence, feedback, submissions, jury).
        ["/Coordinator/Synthesis"] = Always,
        ["/Coordinator/Campaigns"] = ProgrammeComponents.SelfAssessment,
        ["/Coordinator/Groups"] = ProgrammeComponents.Intervision | ProgrammeComponents.CoDevelopment,
        ["/Coordinator/CaseStudies"] = ProgrammeComponents.CaseStudy,
        ["/Coordinator/Submissions"] = ProgrammeComponents.IndividualReport,
        ["/Coordinator/Juries"] = ProgrammeComponents.Jury,
        ["/Coordinator/Exams"] = ProgrammeComponents.Jury,
        ["/Coordinator/Results"] = ProgrammeComponents.Jury,
        ["/Coordinator/Packs"] = ProgrammeComponents.JuryPacks,
        ["/Coordinator/Projects"] = ProgrammeComponents.TransformationProject,
        ["/Coordinator/Sessions"] = ProgrammeComponents.Sessions,
        ["/Jury"] = ProgrammeComponents.Jury,
        ["/Jury/CollectiveReport"] = ProgrammeComponents.CaseStudy,
        // Not tied to one programme: accounts, administration, the public frameworks, each person's notifications and
        // exam calendar, and submitted files (SubmissionAccess decides who reads them).
        ["/"] = Always,
        ["/Account"] = Always,
        ["/Admin"] = Always,
        ["/Admin/Programmes"] = Always,
        ["/Admin/Users"] = Always,
        ["/Frameworks"] = Always,
        ["/Notifications"] = Always,
        ["/Calendar"] = Always,
        ["/Submissions"] = Always,
    };

    /// <summary>
    /// Pages whose reading (GET) already checks the part in the query it runs anyway, so that the gate adds no SQL command
    /// to them (their query-count ceilings): the campaigns and projects pages read the cohort only in a programme that uses
    /// their part, and the juror's candidate page reads through <c>JuryAccess.CandidatesOpenTo</c>, which leaves out programmes without a jury.
    /// Their POST handlers still go through the gate.
    /// </summary>
    public static readonly IReadOnlySet<string> ReadsCheckedByThePage = new HashSet<string> { "/Coordinator/Campaigns/Index", "/Coordinator/Projects/Index", "/Jury/Candidate" };

    /// <summary>The parts that open <paramref name="page"/> (a view engine path such as "/Participant/Journal/Edit"): the longest entry that contains it.</summary>
    public static ProgrammeComponents For(string page)
    {
        for (var key = page; ; key = Parent(key))
        {
            if (Map.TryGetValue(key, out var components))
            {
                return components;
            }
            if (key == "/")
            {
                return Always;
            }
        }
    }

    /// <summary>Whether the page is listed itself or by its own folder (not merely by a parent folder): what the coverage test asks.</summary>
    public static bool Lists(string page) => Map.ContainsKey(page) || Map.ContainsKey(Parent(page));

    /// <summary>Whether a programme using <paramref name="used"/> offers <paramref name="page"/>: what every menu asks.</summary>
    public static bool Shows(string page, ProgrammeComponents used) => For(page) is var needed && (needed == Always || (needed & used) != 0);

    private static string Parent(string path) => path.LastIndexOf('/') is var i and > 0 ? path[..i] : "/";

    /// <summary>
    /// How a page names the programme it is about, when its route carries an item: route value → the cohorts it belongs
    /// to. "id" depends on the folder. Participant pages need none: they work on the person's current cohort.
    /// </summary>
    private static readonly (string Folder, string Key, Func<PortfolioDb, int, IQueryable<int>> Cohorts)[] Items =
    [
        ("/", "cohortId", (db, id) => db.Cohorts.Where(c => c.Id == id).Select(c => c.Id)),
        ("/", "juryCandidateId", (db, id) => db.JuryCandidates.Where(c => c.Id == id).Select(c => c.CohortId)),
        ("/", "juryId", (db, id) => db.Juries.Where(j => j.Id == id).Select(j => j.CohortId)),
        ("/", "groupId", (db, id) => db.IntervisionGroups.Where(g => g.Id == id).Select(g => g.CohortId)),
        ("/Coordinator/Submissions", "recordId", (db, id) => db.SubmissionRecords.Where(r => r.Id == id).Select(r => r.CohortId)),
        ("/Coordinator/Submissions", "id", (db, id) => db.Submissions.Where(s => s.Id == id).Select(s => s.CohortId)),
        ("/Coordinator/Groups", "id", (db, id) => db.IntervisionGroups.Where(g => g.Id == id).Select(g => g.CohortId)),
        ("/Coordinator/Juries", "id", (db, id) => db.Juries.Where(j => j.Id == id).Select(j => j.CohortId)),
        ("/Coordinator/CaseStudies", "id", (db, id) => db.CaseStudyGroups.Where(g => g.Id == id).Select(g => g.CohortId)),
        ("/Coordinator/Exams", "id", (db, id) => db.Exams.Where(x => x.Id == id).Select(x => x.JuryCandidate.CohortId)),
        ("/Coordinator/Packs", "id", (db, id) => db.JuryPacks.Where(p => p.Id == id).Select(p => p.CohortId)),
        ("/Coordinator/Sessions", "id", (db, id) => db.CohortSessions.Where(s => s.Id == id).Select(s => s.CohortId)),
        ("/Jury/Calibration", "id", (db, id) => db.Juries.Where(j => j.Id == id).Select(j => j.CohortId)),
        ("/Jury/Score", "id", (db, id) => db.JuryCandidates.Where(c => c.Id == id).Select(c => c.CohortId)),
        ("/Jury/Deliberation", "id", (db, id) => db.JuryCandidates.Where(c => c.Id == id).Select(c => c.CohortId)),
        ("/Codev", "id", (db, id) => db.CodevSessions.Where(s => s.Id == id).Select(s => s.Group.CohortId)),
    ];

    /// <summary>
    /// The parts used by the programme a request is about; null when the page names none (then the page decides alone,
    /// as it does for an unknown item). Participant and peer pages: the person's current cohort, read once per request
    /// with the header's menu (no command of its own). Other pages: the cohort of the item named in the route (one small
    /// command); the programme itself for /Coordinator/Programmes/{id}. A participant's co-development index, which names
    /// no group, follows their current cohort too.
    /// </summary>
    public static async Task<ProgrammeComponents?> InContextAsync(string page, RouteValueDictionary route, ClaimsPrincipal user, PortfolioDb db, MyCohorts myCohorts,
        CancellationToken cancellationToken)
    {
        if (page.StartsWith("/Participant/", StringComparison.Ordinal) || page.StartsWith("/Peer/", StringComparison.Ordinal))
        {
            return (await myCohorts.GetAsync(cancellationToken)).Current?.Components;
        }
        if (page.StartsWith("/Coordinator/Programmes/", StringComparison.Ordinal) && IntValue(route, "id") is { } programmeId)
        {
            return await db.Programmes.Where(p => p.Id == programmeId).Select(p => (ProgrammeComponents?)p.Components).SingleOrDefaultAsync(cancellationToken);
        }
        foreach (var (folder, key, cohorts) in Items.OrderByDescending(i => i.Folder.Length))
        {
            if ((folder == "/" || page.StartsWith(folder + "/", StringComparison.Ordinal) || page == folder) && IntValue(route, key) is { } id)
            {
                var cohortIds = cohorts(db, id);
                return await db.Cohorts.Where(c => cohortIds.Contains(c.Id)).Select(c => (ProgrammeComponents?)c.Programme.Components).FirstOrDefaultAsync(cancellationToken);
            }
        }
        if (page.StartsWith("/Codev/", StringComparison.Ordinal) && user.IsInRole(Roles.Participant) && !user.IsInRole(Roles.Facilitator))
        {
            // Open while they are in a co-development group somewhere, or their programme uses it (the page says there is no group yet).
            var cohorts = await myCohorts.GetAsync(cancellationToken);
            return cohorts.InCodevGroup || cohorts.Current is null ? null : cohorts.Components;
        }
        return null;
    }

    private static int? IntValue(RouteValueDictionary route, string key) =>
        route.TryGetValue(key, out var value) && int.TryParse(value?.ToString(), out var id) ? id : null;
}

/// <summary>Answers 404 on a page of a part the programme in context does not use (<see cref="ComponentAccess"/>); runs after authorization.</summary>
public sealed class ComponentGate(PortfolioDb db, MyCohorts myCohorts) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var page = context.ActionDescriptor.ViewEnginePath;
        var needed = ComponentAccess.For(page);
        var checkedByThePage = HttpMethods.IsGet(context.HttpContext.Request.Method) && ComponentAccess.ReadsCheckedByThePage.Contains(page);
        if (needed != ProgrammeComponents.None && !checkedByThePage
            && await ComponentAccess.InContextAsync(page, context.RouteData.Values, context.HttpContext.User, db, myCohorts, context.HttpContext.RequestAborted) is { } used
            && (used & needed) == 0)
        {
            context.Result = new NotFoundResult();
            return;
        }
        await next();
    }
}
