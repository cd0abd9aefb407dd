using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Core.CaseStudies;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Intervision;
using Portfolio.Core.Juries;
using Portfolio.Core.Portfolios;
using Portfolio.Core.Text;

namespace Portfolio.Web.Hosting;

/// <summary>
/// The demo cohort and accounts listed in the README. Loaded by `./portfolio run` in Development, or in any
/// environment only when asked explicitly (`migrate --demo` or Portfolio:DemoData=true). A second run changes nothing.
/// </summary>
public static class DemoData
{
    public const string Password = "Portfolio-demo-2026";
    public const string ProgrammeCode = "cium";
    public const string CohortName = "Démo 2025-2026";
    public const string FrameworkCode = "cium-management-public";

    public static readonly IReadOnlyList<(string Email, string FirstName, string LastName, string Role)> Staff =
    [
        ("admin@portfolio.test", "Alice", "Administratrice", Roles.Admin),
        ("coordination1@portfolio.test", "Claire", "Dubois", Roles.Coordinator),
        ("coordination2@portfolio.test", "Marc", "Lemaire", Roles.Coordinator),
        ("jury1@portfolio.test", "Françoise", "Janssens", Roles.JuryMember),
        ("jury2@portfolio.test", "Pierre", "Lambert", Roles.JuryMember),
        ("jury3@portfolio.test", "Nadia", "Benali", Roles.JuryMember),
        ("jury4@portfolio.test", "Luc", "Peeters", Roles.JuryMember),
        ("facilitation@portfolio.test", "Sophie", "Wauters", Roles.Facilitator),
    ];

    public static readonly IReadOnlyList<(string FirstName, string LastName, string Organisation)> Participants =
    [
        ("Amélie", "Dupont", "Service public de Wallonie"),
        ("Benoît", "Leroy", "Fédération Wallonie-Bruxelles"),
        ("Chloé", "Martin", "Ville de Namur"),
        ("David", "Simon", "Service public de Wallonie"),
        ("Élise", "Laurent", "Wallonie-Bruxelles International"),
        ("François", "Michel", "Ville de Liège"),
        ("Géraldine", "Lefèvre", "Office de la Naissance et de l'Enfance"),
        ("Hugo", "Renard", "Service public de Wallonie"),
        ("Inès", "Claes", "Fédération Wallonie-Bruxelles"),
        ("Julien", "Hubert", "Province de Hainaut"),
        ("Karima", "El Amrani", "Ville de Charleroi"),
        ("Laurent", "Goossens", "Agence wallonne du Patrimoine"),
    ];

    public static string ParticipantEmail(int index) => $"participant{index + 1:00}@portfolio.test";

    public static async Task LoadAsync(IServiceProvider provider)
    {
        var db = provider.GetRequiredService<PortfolioDb>();
        var users = provider.GetRequiredService<UserManager<AppUser>>();
        var enrolment = provider.GetRequiredService<CohortEnrolment>();

        foreach (var (email, firstName, lastName, role) in Staff)
        {
            var user = await users.FindByEmailAsync(email);
            if (user is null)
            {
                user = AppUser.Create(email, firstName, lastName, "Portfolio");
                Check(await users.CreateAsync(user, Password));
            }
            if (!await users.IsInRoleAsync(user, role))
            {
                Check(await users.AddToRoleAsync(user, role));
            }
        }

        var programme = await db.Programmes.Include(p => p.Coordinators).SingleOrDefaultAsync(p => p.Code == ProgrammeCode);
        if (programme is null)
        {
            programme = new Programme(ProgrammeCode, "Certificat inter-universités en management public");
            db.Programmes.Add(programme);
        }
        foreach (var (email, _, _, role) in Staff.Where(s => s.Role == Roles.Coordinator))
        {
            programme.Assign((await users.FindByEmailAsync(email))!.Id);
        }
        var cohort = await db.Cohorts.SingleOrDefaultAsync(c => c.ProgrammeId == programme.Id && c.Name == CohortName);
        if (cohort is null)
        {
            // Dated around the day the demo is installed, so that its first campaign is open and its seminars ahead.
            var today = provider.GetRequiredService<TimeProvider>().Today();
            var framework = await db.Frameworks.Published().Where(f => f.Code == FrameworkCode).OrderByDescending(f => f.Version).FirstAsync();
            cohort = new Cohort(programme, CohortName, framework, today.AddDays(-14), today.AddDays(300));
            db.Cohorts.Add(cohort);
            db.Campaigns.AddRange(Campaign.DefaultsFor(cohort));
            await db.SaveChangesAsync();
            // The cohort's calendar: the first module a week ago (something to reflect on), the next one ahead, the three
            // leadership seminars at the end of the pillars they follow (the first one is a month away) and a study trip.
            var model = await provider.GetRequiredService<FrameworkModels>().GetAsync(db, framework.Id, framework.Revision);
            var now = provider.GetRequiredService<TimeProvider>().GetUtcNow();
            static DateTimeOffset At(DateOnly day, int hour) => Dates.FromBrussels(day.ToDateTime(new TimeOnly(hour, 0)));
            db.CohortSessions.AddRange(model.Pillars.Take(2).Select((p, i) => new CohortSession(cohort.Id, SessionKind.Module,
                StorableText.Shorten($"Module {p.Code} — {p.Title}", CohortSession.TitleLength), At(today.AddDays(-7 + 21 * i), 9), At(today.AddDays(-7 + 21 * i), 17),
                "Université de Namur, salle Pedro Arrupe", p.Id, null, now)));
            db.CohortSessions.AddRange(model.LeadershipCompetencies.Select((c, i) => new CohortSession(cohort.Id, SessionKind.LeadershipSeminar,
                StorableText.Shorten($"Séminaire de leadership {c.Code} — {c.Title}", CohortSession.TitleLength), At(today.AddDays(30 + 120 * i), 9), At(today.AddDays(30 + 120 * i), 17),
                "Louvain-la-Neuve, Château de Nivelles", null, c.Id, now)));
            db.CohortSessions.Add(new CohortSession(cohort.Id, SessionKind.StudyTrip, "Voyage d'étude à Strasbourg (Conseil de l'Europe)",
                At(today.AddDays(200), 8), At(today.AddDays(202), 18), "Strasbourg", null, null, now));
        }
        await db.SaveChangesAsync();

        var enrolled = await db.Enrolments.Where(e => e.CohortId == cohort.Id).Select(e => e.UserId).ToListAsync();
        var rows = new List<ParticipantRow>();
        for (var i = 0; i < Participants.Count; i++)
        {
            var existing = await users.FindByEmailAsync(ParticipantEmail(i));
            if (existing is not null && enrolled.Contains(existing.Id))
            {
                continue;
            }
            var (firstName, lastName, organisation) = Participants[i];
            rows.Add(new ParticipantRow(i + 1, ParticipantEmail(i), firstName, lastName, organisation));
        }
        if (rows.Count > 0)
        {
            var problems = await enrolment.EnrolAsync(cohort.Id, rows);
            if (problems.Count > 0)
            {
                throw new InvalidOperationException("Demo enrolment failed: " + string.Join("; ", problems.Select(p => p.Message)));
            }
        }
        for (var i = 0; i < Participants.Count; i++)
        {
            var participant = await users.FindByEmailAsync(ParticipantEmail(i));
            if (participant is not null && !await users.HasPasswordAsync(participant))
            {
                Check(await users.AddPasswordAsync(participant, Password));
            }
        }
        await LoadGroupsAsync(db, users, cohort.Id, provider.GetRequiredService<TimeProvider>().GetUtcNow());
        await LoadCaseStudiesAsync(db, users, cohort.Id, provider.GetRequiredService<TimeProvider>());
        await LoadJuryAsync(db, users, cohort.Id, provider.GetRequiredService<TimeProvider>().GetUtcNow());
        await LoadProjectAsync(db, users, provider.GetRequiredService<FrameworkModels>(), cohort, provider.GetRequiredService<TimeProvider>());
    }

    /// <summary>
    /// Participant 01's transformation project, shared with her group: three milestones (the first reached) and advice
    /// asked of participant 02 (same group), who answered. Written once, left alone afterwards.
    /// </summary>
    private static async Task LoadProjectAsync(PortfolioDb db, UserManager<AppUser> users, FrameworkModels frameworks, Cohort cohort, TimeProvider clock)
    {
        var owner = (await users.FindByEmailAsync(ParticipantEmail(0)))!.Id;
        if (await db.TransformationProjects.AnyAsync(p => p.CohortId == cohort.Id && p.OwnerId == owner))
        {
            return;
        }
        var peer = (await users.FindByEmailAsync(ParticipantEmail(1)))!.Id;
        var now = clock.GetUtcNow();
        var today = clock.Today();
        var project = new TransformationProject(owner, cohort.Id, now);
        project.State("Dématérialiser la chaîne des marchés publics",
            "Le service des achats (douze agents) traite encore la plupart des marchés sur papier ; les délais de signature dépassent six semaines.",
            "Un marché signé en ligne de bout en bout, des délais divisés par deux et des agents qui en portent eux-mêmes le changement.",
            Visibility.Group, [], now);
        project.AddMilestone("Cartographier les procédures actuelles avec l'équipe", today.AddDays(-7), "Trois ateliers d'une heure.", now);
        project.AddMilestone("Piloter la signature électronique sur cinq marchés", today.AddDays(60), "", now);
        project.AddMilestone("Présenter le bilan au comité de direction", today.AddDays(150), "", now);
        db.TransformationProjects.Add(project);
        await db.SaveChangesAsync();
        project.CompleteMilestone(project.Milestones[0].Id, today.AddDays(-8), now);
        var request = new FeedbackRequest(cohort.Id, owner, "Par où commencer pour que l'équipe porte elle-même le changement ?", today.AddDays(14), [], [], [peer], now, project.Id);
        db.FeedbackRequests.Add(request);
        await db.SaveChangesAsync();
        var framework = await frameworks.GetAsync(db, cohort.FrameworkId);
        var feedback = new Feedback(request, peer, now);
        feedback.Write(new FeedbackContent(
            new FeedbackPart("La cartographie faite avec l'équipe est un très bon départ.", [], []),
            new FeedbackPart("Qui, dans l'équipe, pourrait devenir le relais du projet ?", [], []),
            new FeedbackPart("Commencez le pilote avec les acheteurs volontaires et montrez vite un premier marché signé.", [], []), []),
            request, framework, now);
        feedback.Submit(request.Recipients.Single(), now);
        db.Feedback.Add(feedback);
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// One jury of the four demo jurors, chaired by the first, with the first three participants as candidates;
    /// formed once, left alone afterwards. Its jurors still declare their conflicts of interest themselves.
    /// </summary>
    private static async Task LoadJuryAsync(PortfolioDb db, UserManager<AppUser> users, int cohortId, DateTimeOffset now)
    {
        if (await db.Juries.AnyAsync(j => j.CohortId == cohortId))
        {
            return;
        }
        var jurors = new List<string>();
        foreach (var (email, _, _, _) in Staff.Where(s => s.Role == Roles.JuryMember))
        {
            jurors.Add((await users.FindByEmailAsync(email))!.Id);
        }
        var jury = Jury.Form(cohortId, "Jury 1", jurors, jurors[0], now);
        for (var i = 0; i < 3; i++)
        {
            jury.Assign((await users.FindByEmailAsync(ParticipantEmail(i)))!.Id, now);
        }
        db.Juries.Add(jury);
        await db.SaveChangesAsync();
    }

    /// <summary>Case-study groups of three, each with the public organisation it studies; formed once, left alone afterwards.</summary>
    private static async Task LoadCaseStudiesAsync(PortfolioDb db, UserManager<AppUser> users, int cohortId, TimeProvider clock)
    {
        if (await db.CaseStudyGroups.AnyAsync(g => g.CohortId == cohortId))
        {
            return;
        }
        string[] organisations = ["SPF Finances", "Ville de Namur", "Service public de Wallonie Mobilité", "CPAS de Liège"];
        var ids = new List<string>();
        for (var i = 0; i < Participants.Count; i++)
        {
            ids.Add((await users.FindByEmailAsync(ParticipantEmail(i)))!.Id);
        }
        var deadline = clock.Today().AddDays(200);
        foreach (var (chunk, i) in ids.Chunk(CaseStudyGroup.MaxUsualMembers).Select((c, i) => (c, i)))
        {
            db.CaseStudyGroups.Add(CaseStudyGroup.Form(cohortId, $"Étude de cas {i + 1}", organisations[i % organisations.Length], deadline, chunk, clock.GetUtcNow()));
        }
        await db.SaveChangesAsync();
    }

    /// <summary>Two intervision groups of six, the first run by the demo facilitator; formed once, left alone afterwards.</summary>
    private static async Task LoadGroupsAsync(PortfolioDb db, UserManager<AppUser> users, int cohortId, DateTimeOffset now)
    {
        if (await db.IntervisionGroups.AnyAsync(g => g.CohortId == cohortId))
        {
            return;
        }
        var ids = new List<string>();
        for (var i = 0; i < Participants.Count; i++)
        {
            ids.Add((await users.FindByEmailAsync(ParticipantEmail(i)))!.Id);
        }
        var facilitator = await users.FindByEmailAsync("facilitation@portfolio.test");
        var half = ids.Count / 2;
        db.IntervisionGroups.Add(IntervisionGroup.Form(cohortId, "Groupe Meuse", ids[..half], facilitator?.Id, now));
        db.IntervisionGroups.Add(IntervisionGroup.Form(cohortId, "Groupe Sambre", ids[half..], null, now));
        await db.SaveChangesAsync();
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Demo data: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
