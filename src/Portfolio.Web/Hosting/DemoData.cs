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
/// The demo cohorts and accounts listed in the README: one cohort for each shipped programme (DemoData.Programmes.cs).
/// Loaded by `./portfolio run` in Development, or in any environment only when asked explicitly (`migrate --demo` or
/// Portfolio:DemoData=true), after the shipped programmes. A second run changes nothing: every part is looked up
/// before it is created, and written once, left alone afterwards.
/// </summary>
public static partial class DemoData
{
    public const string Password = "Portfolio-demo-2026";
    public const string CohortName = "Démo 2025-2026";

    /// <summary>Loads every programme's demo cohort; returns one line a programme for the log.</summary>
    public static async Task<IReadOnlyList<string>> LoadAsync(IServiceProvider provider)
    {
        var users = provider.GetRequiredService<UserManager<AppUser>>();
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
        var lines = new List<string>();
        foreach (var programme in Programmes)
        {
            lines.Add(await LoadProgrammeAsync(provider, programme));
        }
        return lines;
    }

    private static async Task<string> LoadProgrammeAsync(IServiceProvider provider, DemoProgramme demo)
    {
        var db = provider.GetRequiredService<PortfolioDb>();
        var users = provider.GetRequiredService<UserManager<AppUser>>();
        var clock = provider.GetRequiredService<TimeProvider>();

        // The programme comes from templates/programmes, with the parts it uses: a demo that created it would give it
        // other components than the shipped file (or than a coordinator chose since).
        var programme = await db.Programmes.Include(p => p.Coordinators).SingleOrDefaultAsync(p => p.Code == demo.Code);
        if (programme is null)
        {
            return $"{demo.Code}: no demo cohort, the programme is not loaded (templates/programmes/{demo.Code}.json)";
        }
        foreach (var email in demo.Coordinators)
        {
            programme.Assign(await UserIdAsync(users, email));
        }
        await db.SaveChangesAsync();

        var cohort = await db.Cohorts.SingleOrDefaultAsync(c => c.ProgrammeId == programme.Id && c.Name == CohortName);
        if (cohort is null)
        {
            var framework = await db.Frameworks.Published().Where(f => f.Code == programme.FrameworkCode).OrderByDescending(f => f.Version).FirstOrDefaultAsync();
            if (framework is null)
            {
                return $"{demo.Code}: no demo cohort, no published version of its framework \"{programme.FrameworkCode}\"";
            }
            cohort = await CreateCohortAsync(provider, programme, framework, demo.Calendar);
        }

        var participants = await EnrolAsync(provider, cohort.Id, demo.Participants);
        var now = clock.GetUtcNow();
        if (programme.Uses(ProgrammeComponents.Intervision | ProgrammeComponents.CoDevelopment))
        {
            await LoadGroupsAsync(db, users, cohort.Id, participants, demo.Groups, now);
        }
        if (programme.Uses(ProgrammeComponents.CoDevelopment) && demo.Groups.CodevPlace is { } place)
        {
            await LoadCodevSessionAsync(db, cohort.Id, participants, place, clock);
        }
        if (programme.Uses(ProgrammeComponents.CaseStudy) && demo.CaseOrganisations.Length > 0)
        {
            await LoadCaseStudiesAsync(db, cohort.Id, participants, demo.CaseOrganisations, clock);
        }
        if (programme.Uses(ProgrammeComponents.Jury) && demo.Jurors.Length > 0)
        {
            await LoadJuryAsync(db, users, cohort.Id, demo.Jurors, participants.Take(demo.Candidates).ToList(), now);
        }
        if (programme.Uses(ProgrammeComponents.TransformationProject) && demo.Project is { } project)
        {
            await LoadProjectAsync(db, provider.GetRequiredService<FrameworkModels>(), cohort, participants[0], participants[1], project, clock);
        }
        return $"{demo.Code}: \"{CohortName}\" ready, {participants.Count} participants";
    }

    /// <summary>
    /// The cohort, dated around the day the demo is installed (its first campaign open, its sessions ahead but one),
    /// with its campaigns and calendar when the programme uses them; all in one transaction, since they are written
    /// only when the cohort is created.
    /// </summary>
    private static async Task<Cohort> CreateCohortAsync(IServiceProvider provider, Programme programme, Framework framework, DemoCalendar? calendar)
    {
        var db = provider.GetRequiredService<PortfolioDb>();
        var clock = provider.GetRequiredService<TimeProvider>();
        var today = clock.Today();
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var cohort = new Cohort(programme, CohortName, framework, today.AddDays(-14), today.AddDays(300));
        db.Cohorts.Add(cohort);
        // A framework without self-assessment cannot hold a campaign (Campaign refuses it), whatever the programme says.
        if (programme.Uses(ProgrammeComponents.SelfAssessment) && framework.HasSelfAssessment)
        {
            db.Campaigns.AddRange(Campaign.DefaultsFor(cohort));
        }
        await db.SaveChangesAsync();

        if (calendar is not null && programme.Uses(ProgrammeComponents.Sessions))
        {
            var model = await provider.GetRequiredService<FrameworkModels>().GetAsync(db, framework.Id, framework.Revision);
            static DateTimeOffset At(DateOnly day, int hour) => Dates.FromBrussels(day.ToDateTime(new TimeOnly(hour, 0)));
            db.CohortSessions.AddRange(model.Pillars.Take(calendar.Modules).Select((p, i) =>
            {
                var day = today.AddDays(-7 + calendar.EveryDays * i);
                return new CohortSession(cohort.Id, SessionKind.Module, StorableText.Shorten($"{calendar.ModuleWord} {i + 1} — {p.Title}", CohortSession.TitleLength),
                    At(day, 9), At(day.AddDays(calendar.LengthDays - 1), 17), calendar.Places[i % calendar.Places.Length], p.Id, null, now);
            }));
            // The leadership seminars at the end of the pillars they follow, the first one a month away.
            if (programme.Uses(ProgrammeComponents.LeadershipSeminars))
            {
                db.CohortSessions.AddRange(model.LeadershipCompetencies.Select((c, i) => new CohortSession(cohort.Id, SessionKind.LeadershipSeminar,
                    StorableText.Shorten($"Séminaire de leadership {c.Code} — {c.Title}", CohortSession.TitleLength), At(today.AddDays(30 + 120 * i), 9),
                    At(today.AddDays(30 + 120 * i), 17), calendar.SeminarPlace, null, c.Id, now)));
            }
            if (calendar.Trip is { } trip && programme.Uses(ProgrammeComponents.StudyTrip))
            {
                db.CohortSessions.Add(new CohortSession(cohort.Id, SessionKind.StudyTrip, trip.Title, At(today.AddDays(trip.InDays), 8),
                    At(today.AddDays(trip.InDays + trip.LengthDays - 1), 18), trip.Place, null, null, now));
            }
            await db.SaveChangesAsync();
        }
        await transaction.CommitAsync();
        return cohort;
    }

    /// <summary>
    /// Enrols those of <paramref name="people"/> not yet in the cohort, through the same path as an uploaded participant
    /// list, and gives every one of them the demo password; returns their ids in the given order.
    /// </summary>
    private static async Task<List<string>> EnrolAsync(IServiceProvider provider, int cohortId, IReadOnlyList<DemoPerson> people)
    {
        var db = provider.GetRequiredService<PortfolioDb>();
        var users = provider.GetRequiredService<UserManager<AppUser>>();
        var enrolled = await db.Enrolments.Where(e => e.CohortId == cohortId).Select(e => e.UserId).ToListAsync();
        var rows = new List<ParticipantRow>();
        for (var i = 0; i < people.Count; i++)
        {
            var (email, firstName, lastName, organisation) = people[i];
            var existing = await users.FindByEmailAsync(email);
            if (existing is null || !enrolled.Contains(existing.Id))
            {
                rows.Add(new ParticipantRow(i + 1, email, firstName, lastName, organisation));
            }
        }
        if (rows.Count > 0)
        {
            var problems = await provider.GetRequiredService<CohortEnrolment>().EnrolAsync(cohortId, rows);
            if (problems.Count > 0)
            {
                throw new InvalidOperationException("Demo enrolment failed: " + string.Join("; ", problems.Select(p => p.Message)));
            }
        }
        var ids = new List<string>();
        foreach (var person in people)
        {
            var participant = (await users.FindByEmailAsync(person.Email))!;
            // Enrolment leaves the password to the invitation; a demo account signs in straight away.
            if (!await users.HasPasswordAsync(participant))
            {
                Check(await users.AddPasswordAsync(participant, Password));
            }
            ids.Add(participant.Id);
        }
        return ids;
    }

    /// <summary>The participants shared out in order among the named groups, the first run by the demo facilitator when asked.</summary>
    private static async Task LoadGroupsAsync(PortfolioDb db, UserManager<AppUser> users, int cohortId, List<string> participants, DemoGroups groups, DateTimeOffset now)
    {
        if (await db.IntervisionGroups.AnyAsync(g => g.CohortId == cohortId))
        {
            return;
        }
        var facilitator = groups.FacilitatedFirst ? await UserIdAsync(users, FacilitatorEmail) : null;
        var count = groups.Names.Length;
        for (var i = 0; i < count; i++)
        {
            var members = participants[(participants.Count * i / count)..(participants.Count * (i + 1) / count)];
            db.IntervisionGroups.Add(IntervisionGroup.Form(cohortId, groups.Names[i], members, i == 0 ? facilitator : null, now));
        }
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// The first group's next co-development session, ten days ahead, run by its facilitator (or its first member) with
    /// the first demo participant in it as case owner; planned once, left alone afterwards.
    /// </summary>
    private static async Task LoadCodevSessionAsync(PortfolioDb db, int cohortId, List<string> participants, string place, TimeProvider clock)
    {
        var group = await db.IntervisionGroups.Where(g => g.CohortId == cohortId).OrderBy(g => g.Id)
            .Select(g => new CodevGroup(g.Id, g.CohortId, g.Name, g.FacilitatorId, g.Members.Select(m => m.UserId).ToList()))
            .FirstAsync();
        // A coordinator may have emptied the group since: the session would have nobody to bring a case.
        if (group.MemberIds.Count == 0 || await db.CodevSessions.AnyAsync(s => s.GroupId == group.Id))
        {
            return;
        }
        var owner = participants.FirstOrDefault(group.IsMember) ?? group.MemberIds.First();
        var runBy = group.FacilitatorId ?? owner;
        var startsAt = Dates.FromBrussels(clock.Today().AddDays(10).ToDateTime(new TimeOnly(14, 0)));
        db.CodevSessions.Add(new CodevSession(group, startsAt, place, null, runBy, [owner], runBy, clock.GetUtcNow()));
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// The first participant's transformation project, shared with her group, with its milestones (the first reached)
    /// and advice asked of <paramref name="peer"/>, who answered. Written once, left alone afterwards.
    /// </summary>
    private static async Task LoadProjectAsync(PortfolioDb db, FrameworkModels frameworks, Cohort cohort, string owner, string peer, DemoProject demo, TimeProvider clock)
    {
        if (await db.TransformationProjects.AnyAsync(p => p.CohortId == cohort.Id && p.OwnerId == owner))
        {
            return;
        }
        var now = clock.GetUtcNow();
        var today = clock.Today();
        var project = new TransformationProject(owner, cohort.Id, now);
        project.State(demo.Title, demo.Context, demo.Ambition, Visibility.Group, [], now);
        foreach (var (title, inDays, note) in demo.Milestones)
        {
            project.AddMilestone(title, today.AddDays(inDays), note, now);
        }
        db.TransformationProjects.Add(project);
        await db.SaveChangesAsync();
        project.CompleteMilestone(project.Milestones[0].Id, today.AddDays(demo.Milestones[0].InDays - 1), now);
        var request = new FeedbackRequest(cohort.Id, owner, demo.Question, today.AddDays(14), [], [], [peer], now, project.Id);
        db.FeedbackRequests.Add(request);
        await db.SaveChangesAsync();
        var framework = await frameworks.GetAsync(db, cohort.FrameworkId);
        var feedback = new Feedback(request, peer, now);
        feedback.Write(new FeedbackContent(new FeedbackPart(demo.Strengths, [], []), new FeedbackPart(demo.Questions, [], []),
            new FeedbackPart(demo.Suggestions, [], []), []), request, framework, now);
        feedback.Submit(request.Recipients.Single(), now);
        db.Feedback.Add(feedback);
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// "Jury 1" of the given demo jurors, chaired by the first, with <paramref name="candidates"/>; formed once, left
    /// alone afterwards. Its jurors still declare their conflicts of interest themselves.
    /// </summary>
    private static async Task LoadJuryAsync(PortfolioDb db, UserManager<AppUser> users, int cohortId, string[] jurorEmails, List<string> candidates, DateTimeOffset now)
    {
        if (await db.Juries.AnyAsync(j => j.CohortId == cohortId))
        {
            return;
        }
        var jurors = new List<string>();
        foreach (var email in jurorEmails)
        {
            jurors.Add(await UserIdAsync(users, email));
        }
        var jury = Jury.Form(cohortId, "Jury 1", jurors, jurors[0], now);
        foreach (var candidate in candidates)
        {
            jury.Assign(candidate, now);
        }
        db.Juries.Add(jury);
        await db.SaveChangesAsync();
    }

    /// <summary>Case-study groups of three, each with the public organisation it studies; formed once, left alone afterwards.</summary>
    private static async Task LoadCaseStudiesAsync(PortfolioDb db, int cohortId, List<string> participants, string[] organisations, TimeProvider clock)
    {
        if (await db.CaseStudyGroups.AnyAsync(g => g.CohortId == cohortId))
        {
            return;
        }
        var deadline = clock.Today().AddDays(200);
        foreach (var (chunk, i) in participants.Chunk(CaseStudyGroup.MaxUsualMembers).Select((c, i) => (c, i)))
        {
            db.CaseStudyGroups.Add(CaseStudyGroup.Form(cohortId, $"Étude de cas {i + 1}", organisations[i % organisations.Length], deadline, chunk, clock.GetUtcNow()));
        }
        await db.SaveChangesAsync();
    }

    /// <summary>A staff account created at the start of <see cref="LoadAsync"/>.</summary>
    private static async Task<string> UserIdAsync(UserManager<AppUser> users, string email) =>
        (await users.FindByEmailAsync(email))?.Id ?? throw new InvalidOperationException($"Demo data: no account {email}.");

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Demo data: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
