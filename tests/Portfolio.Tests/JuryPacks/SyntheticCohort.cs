using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Portfolio.Core.Accounts;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Intervision;
using Portfolio.Core.Juries;
using Portfolio.Core.Portfolios;
using Portfolio.Core.Submissions;
using Portfolio.Core.Text;
using Portfolio.Tests.Cohorts;
using Portfolio.Tests.Infrastructure;
using Portfolio.Tests.Portfolios;

namespace Portfolio.Tests.JuryPacks;

/// <summary>What <see cref="SyntheticCohort.SeedAsync"/> stored.</summary>
/// <param name="JuryId">The jury every candidate is assigned to, or null when none was asked for.</param>
public sealed record SyntheticCohortSeed(int CohortId, int? JuryId, IReadOnlyList<string> ParticipantIds, IReadOnlyList<string> JurorIds);

/// <summary>
/// A full synthetic cohort for scale tests and the jury-pack benchmark: N candidates on the shipped framework (22
/// objectives), each with a level for every objective in three campaigns, evidence items marked for assessment and
/// tagged with objectives and axes (no attachments), one feedback given and one received, and a submission; optionally
/// a jury of four with every candidate assigned, declared and examined. Entities are made through their constructors
/// and methods, as the pages make them, but stored in bulk (the levels by binary COPY, the rest in batches of one
/// SaveChanges per <see cref="BatchSize"/> candidates) and without password hashing, so that 500 candidates seed in
/// seconds. For the same reason the snapshots are composed here from what was seeded, in the shape
/// <see cref="SubmissionSnapshot.TakeAsync"/> gives them, rather than read back with its seven commands a candidate.
/// </summary>
public static class SyntheticCohort
{
    public const int Campaigns = 3;
    private const int BatchSize = 100;

    /// <summary>Exams are laid end to end from this Brussels morning, so that no juror is booked twice.</summary>
    private static readonly DateTime FirstExam = new(2026, 6, 15, 8, 0, 0);

    public static async Task<SyntheticCohortSeed> SeedAsync(PortfolioFactory factory, int participants, int evidencePerCandidate = 10, bool withJury = true,
        string name = "Promotion synthétique")
    {
        var now = DateTimeOffset.UtcNow;
        var cohortId = await factory.CreateCohortAsync(name);
        var today = PortfolioBuilder.Today;
        // Every campaign open today: a level can only be recorded in an open campaign.
        for (var c = 1; c <= Campaigns; c++)
        {
            await factory.AddCampaignAsync(cohortId, $"Campagne {c}", c, today.AddDays(-30 + c), today.AddDays(30 + c));
        }
        var framework = await factory.FrameworkAsync(cohortId);
        var people = await AddPeopleAsync(factory, cohortId, participants, now);
        var levels = await AddLevelsAsync(factory, cohortId, framework, people, now);
        var evidence = new List<Evidence>();
        for (var start = 0; start < people.Length; start += BatchSize)
        {
            evidence.AddRange(await AddEvidenceAsync(factory, cohortId, framework, people, start, Math.Min(BatchSize, people.Length - start), evidencePerCandidate, now));
        }
        var feedback = await AddFeedbackAsync(factory, cohortId, framework, people, evidence, now);
        await SubmitAsync(factory, cohortId, framework, people, levels, evidence, feedback, now);
        if (!withJury)
        {
            return new SyntheticCohortSeed(cohortId, null, people, []);
        }
        var (juryId, jurors) = await AddJuryAsync(factory, cohortId, people, now);
        return new SyntheticCohortSeed(cohortId, juryId, people, jurors);
    }

    /// <summary>The participants, enrolled: no password (nobody signs in as them).</summary>
    private static async Task<string[]> AddPeopleAsync(PortfolioFactory factory, int cohortId, int count, DateTimeOffset now)
    {
        await using var db = factory.NewDb();
        var cohort = await db.Cohorts.Include(c => c.Enrolments).SingleAsync(c => c.Id == cohortId);
        var users = Enumerable.Range(0, count)
            .Select(i => Person($"synth{cohortId}-{i:D4}@example.be", $"Prénom{i % 37:D2}", $"Nom{i:D4}"))
            .ToList();
        db.Users.AddRange(users);
        await db.SaveChangesAsync();
        foreach (var user in users)
        {
            cohort.Enrol(user.Id, now);
        }
        await db.SaveChangesAsync();
        return [.. users.Select(u => u.Id)];
    }

    private static AppUser Person(string email, string firstName, string lastName)
    {
        var user = AppUser.Create(email, firstName, lastName, "Administration synthétique");
        user.NormalizedEmail = email.ToUpperInvariant();
        user.NormalizedUserName = email.ToUpperInvariant();
        user.SecurityStamp = Guid.NewGuid().ToString();
        return user;
    }

    /// <summary>
    /// A level for every candidate, objective and campaign, recorded by <see cref="SelfAssessment.Record"/> (which checks
    /// the campaign is open and the level on the scale), then stored with one binary COPY: tens of thousands of rows.
    /// </summary>
    private static async Task<List<SelfAssessment>> AddLevelsAsync(PortfolioFactory factory, int cohortId, FrameworkModel framework, string[] people, DateTimeOffset now)
    {
        await using var db = factory.NewDb();
        var campaigns = await db.Campaigns.AsNoTracking().Where(c => c.CohortId == cohortId).OrderBy(c => c.Position).ToListAsync();
        var scale = framework.Scale.Select(l => l.Value).ToList();
        var objectives = framework.Objectives;
        var today = PortfolioBuilder.Today;
        var levels = new List<SelfAssessment>(people.Length * campaigns.Count * objectives.Count);
        for (var p = 0; p < people.Length; p++)
        {
            for (var c = 0; c < campaigns.Count; c++)
            {
                for (var o = 0; o < objectives.Count; o++)
                {
                    // Levels that rise from one campaign to the next, different for each candidate and objective.
                    var level = scale[Math.Min(scale.Count - 1, (p + o) % 2 + c)];
                    var assessment = SelfAssessment.ForObjective(campaigns[c].Id, people[p], objectives[o].Id);
                    assessment.Record(campaigns[c], today, scale, level,
                        $"Au cours de la campagne {c + 1}, j'ai mis en œuvre **{objectives[o].Code}** dans mon service : réunions, notes et arbitrages.",
                        new Dictionary<int, OutcomeState>(), [], now);
                    levels.Add(assessment);
                }
            }
        }
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY "SelfAssessments" ("CampaignId", "ParticipantId", "ObjectiveId", "Level", "Justification", "EvidenceIds", "UpdatedAt") FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var a in levels)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(a.CampaignId, NpgsqlDbType.Integer);
                await copy.WriteAsync(a.ParticipantId, NpgsqlDbType.Text);
                await copy.WriteAsync(a.ObjectiveId!.Value, NpgsqlDbType.Integer);
                await copy.WriteAsync(a.Level!.Value, NpgsqlDbType.Integer);
                await copy.WriteAsync(a.Justification, NpgsqlDbType.Text);
                await copy.WriteAsync(a.EvidenceIds, NpgsqlDbType.Array | NpgsqlDbType.Integer);
                await copy.WriteAsync(a.UpdatedAt, NpgsqlDbType.TimestampTz);
            }
            await copy.CompleteAsync();
        }
        return levels;
    }

    /// <summary>The evidence items of a batch of candidates, all marked for assessment, each tagged with two objectives and an axis.</summary>
    private static async Task<List<Evidence>> AddEvidenceAsync(PortfolioFactory factory, int cohortId, FrameworkModel framework, string[] people, int start, int count,
        int evidencePerCandidate, DateTimeOffset now)
    {
        await using var db = factory.NewDb();
        var objectives = framework.Objectives;
        var axes = framework.Axes;
        var today = PortfolioBuilder.Today;
        var added = new List<Evidence>();
        for (var p = start; p < start + count; p++)
        {
            for (var e = 0; e < evidencePerCandidate; e++)
            {
                int[] tagged = [objectives[(p + e) % objectives.Count].Id, objectives[(p + e + 7) % objectives.Count].Id];
                int[] axisIds = axes.Count == 0 ? [] : [axes[(p + e) % axes.Count].Id];
                var evidence = new Evidence(people[p], cohortId, framework, new EvidenceContent($"Preuve {e + 1} du candidat {p:D4}", today.AddDays(-e * 9),
                    (EvidenceKind)(e % 6),
                    "Une situation professionnelle décrite avec son **contexte**, les acteurs en présence et les contraintes de calendrier.",
                    "Ce que j'en retiens : *anticiper* les objections, et ce que je ferai autrement la prochaine fois.",
                    Visibility.Private, tagged, [], axisIds, [], [], []), now);
                evidence.MarkForAssessment(true);
                added.Add(evidence);
            }
        }
        db.Evidence.AddRange(added);
        await db.SaveChangesAsync();
        return added;
    }

    /// <summary>Each candidate asks the next one (in a ring) about their first evidence item, and gets an answer: one feedback given and one received each.</summary>
    /// <returns>The feedback each candidate received, as their snapshot shows it.</returns>
    private static async Task<Dictionary<string, SnapshotFeedback>> AddFeedbackAsync(PortfolioFactory factory, int cohortId, FrameworkModel framework, string[] people,
        List<Evidence> evidence, DateTimeOffset now)
    {
        if (people.Length < 2)
        {
            return [];
        }
        await using var db = factory.NewDb();
        var firstEvidence = evidence.GroupBy(e => e.OwnerId).ToDictionary(g => g.Key, g => g.Min(e => e.Id));
        var names = await db.Users.Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => $"{u.FirstName} {u.LastName}");
        var requests = people.Select((p, i) => new FeedbackRequest(cohortId, p, "Qu'avez-vous pensé de ma conduite de réunion ?", PortfolioBuilder.Today.AddDays(7),
            firstEvidence.TryGetValue(p, out var id) ? [id] : [], [framework.Objectives[i % framework.Objectives.Count].Id], [people[(i + 1) % people.Length]], now)).ToList();
        db.FeedbackRequests.AddRange(requests);
        await db.SaveChangesAsync();
        var received = new Dictionary<string, SnapshotFeedback>();
        foreach (var request in requests)
        {
            var recipient = request.Recipients.Single();
            var feedback = new Feedback(request, recipient.PeerId, now);
            feedback.Write(new FeedbackContent(new FeedbackPart("La réunion était bien préparée et l'ordre du jour tenu.", [], []), FeedbackPart.Empty,
                new FeedbackPart("Essayer un tour de table en ouverture.", [], []), []), request, framework, now);
            feedback.Submit(recipient, now);
            db.Feedback.Add(feedback);
            received[request.RequesterId] = new SnapshotFeedback(names[recipient.PeerId], feedback.SubmittedAt!.Value, request.Question,
                feedback.Strengths, feedback.Questions, feedback.Suggestions);
        }
        await db.SaveChangesAsync();
        return received;
    }

    /// <summary>
    /// Each candidate submits through <see cref="SubmissionRecord.Submit"/>, with the snapshot
    /// <see cref="SubmissionSnapshot.TakeAsync"/> would take of what was seeded: every campaign with every objective and
    /// leadership competency, the marked evidence by date, the feedback received, no reflection and no written report.
    /// </summary>
    private static async Task SubmitAsync(PortfolioFactory factory, int cohortId, FrameworkModel framework, string[] people, List<SelfAssessment> levels,
        List<Evidence> evidence, Dictionary<string, SnapshotFeedback> feedback, DateTimeOffset now)
    {
        await using var db = factory.NewDb();
        var cohort = await db.Cohorts.Where(c => c.Id == cohortId).Select(c => new { c.Name, Programme = c.Programme.Title }).SingleAsync();
        var campaigns = await db.Campaigns.Where(c => c.CohortId == cohortId).OrderBy(c => c.Position).ThenBy(c => c.Id).ToListAsync();
        var names = await db.Users.Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => $"{u.FirstName} {u.LastName}");
        var levelOf = levels.ToDictionary(l => (l.ParticipantId, l.CampaignId, l.ObjectiveId!.Value));
        var evidenceOf = evidence.ToLookup(e => e.OwnerId);
        foreach (var participant in people)
        {
            var snapshotCampaigns = campaigns.Select(c => new SnapshotCampaign(c.Name, c.OpensOn, c.ClosesOn, [
                .. framework.Objectives.Select(o => (Objective: o, Assessment: levelOf[(participant, c.Id, o.Id)]))
                    .Select(x => new SnapshotAssessment(x.Objective.Code, x.Objective.Title, false, x.Assessment.Level, framework.LevelLabel(x.Assessment.Level),
                        x.Assessment.Justification)),
                .. framework.LeadershipCompetencies.Select(l => new SnapshotAssessment(l.Code, l.Title, true, null, null, "")),
            ])).ToList();
            var snapshotEvidence = evidenceOf[participant].Where(e => e.MarkedForAssessment).OrderBy(e => e.OccurredOn).ThenBy(e => e.Id)
                .Select(e => new SnapshotEvidence(e.Id, e.Title, e.OccurredOn, e.Kind, e.Description, e.Reflection,
                    [.. framework.ObjectivesOf(e.ObjectiveIds).Select(o => $"{o.Code} — {o.Title}")], [.. framework.AxesOf(e.AxisIds).Select(a => a.Title)],
                    [.. e.Links], []))
                .ToList();
            var snapshot = new SnapshotDocument(SnapshotDocument.CurrentFormat, names[participant], cohort.Name, cohort.Programme, snapshotCampaigns,
                snapshotEvidence, [], feedback.TryGetValue(participant, out var f) ? [f] : [], new SnapshotReport(null, []));
            var record = new SubmissionRecord(participant, cohortId);
            record.Submit(snapshot, [], now);
            db.SubmissionRecords.Add(record);
        }
        await db.SaveChangesAsync();
    }

    /// <summary>A jury of four (the first chairs) with every candidate assigned, no conflict declared, and exams laid end to end an hour apart.</summary>
    private static async Task<(int JuryId, string[] Jurors)> AddJuryAsync(PortfolioFactory factory, int cohortId, string[] people, DateTimeOffset now)
    {
        await using var db = factory.NewDb();
        var jurorUsers = Enumerable.Range(1, Jury.UsualSize).Select(i => Person($"synth{cohortId}-jury{i}@example.be", $"Juré{i}", "Synthétique")).ToList();
        db.Users.AddRange(jurorUsers);
        await db.SaveChangesAsync();
        string[] jurors = [.. jurorUsers.Select(u => u.Id)];
        var jury = Jury.Form(cohortId, "Jury synthétique", jurors, jurors[0], now);
        var candidates = people.Select(p => jury.Assign(p, now)).ToList();
        db.Juries.Add(jury);
        await db.SaveChangesAsync();
        foreach (var candidate in candidates)
        {
            db.ConflictDeclarations.AddRange(jurors.Select(j => new ConflictDeclaration(candidate, j, ConflictLevel.None, null, now)));
        }
        await db.SaveChangesAsync();
        var sitting = await ExamSchedule.SittingJurorsAsync(db, jurors, [.. candidates.Select(c => c.Id)]);
        const int minutes = 45;
        // A room of the cohort's own: rooms are booked across cohorts, and a test may seed two cohorts.
        var room = $"Salle {cohortId}";
        db.Exams.AddRange(candidates.Select((c, i) => new Exam(c, sitting[c.Id], Dates.FromBrussels(FirstExam.AddHours(i)), minutes, room, null, now)));
        await db.SaveChangesAsync();
        return (jury.Id, jurors);
    }
}
