using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Storage;

namespace Portfolio.Core.Submissions;

/// <summary>
/// Takes the snapshot of a participant's work in a cohort at the moment they submit: the self-assessments of every
/// campaign, the evidence items marked for assessment with their attachments copied as new stored files, the chosen
/// journal reflections, the feedback received from peers, and the individual report (sections and citations, or the
/// uploaded file, copied too). Run it inside the transaction that saves the submission, so that copies and snapshot go
/// together. A fixed number of commands plus one copy per file.
/// </summary>
public static class SubmissionSnapshot
{
    public static async Task<(SnapshotDocument Snapshot, List<SubmissionFile> Files)> TakeAsync(PortfolioDb db, FileStore store, FrameworkModel framework,
        string participantId, int cohortId, IReadOnlyCollection<int> reflectionIds, CancellationToken cancellationToken = default)
    {
        var person = await db.Users.Where(u => u.Id == participantId).Select(u => u.FirstName + " " + u.LastName).SingleAsync(cancellationToken);
        var cohort = await db.Cohorts.Where(c => c.Id == cohortId).Select(c => new { c.Name, Programme = c.Programme.Title }).SingleAsync(cancellationToken);
        var files = new List<SubmissionFile>();

        var campaigns = await db.Campaigns.Where(c => c.CohortId == cohortId).OrderBy(c => c.Position).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.Name, c.OpensOn, c.ClosesOn }).ToListAsync(cancellationToken);
        var assessments = await db.SelfAssessments.AsNoTracking().Where(a => a.ParticipantId == participantId && a.Campaign.CohortId == cohortId)
            .Select(a => new { a.CampaignId, a.ObjectiveId, a.LeadershipCompetencyId, a.Level, a.Justification }).ToListAsync(cancellationToken);
        var snapshotCampaigns = campaigns.Select(c =>
        {
            var mine = assessments.Where(a => a.CampaignId == c.Id).ToList();
            var rows = framework.Objectives.Select(o => (Node: (INode)o, o.Title, Leadership: false, Assessment: mine.FirstOrDefault(a => a.ObjectiveId == o.Id)))
                .Concat(framework.LeadershipCompetencies.Select(l => (Node: (INode)l, l.Title, Leadership: true, Assessment: mine.FirstOrDefault(a => a.LeadershipCompetencyId == l.Id))))
                .Select(r => new SnapshotAssessment(r.Node.Code, r.Title, r.Leadership, r.Assessment?.Level, framework.LevelLabel(r.Assessment?.Level), r.Assessment?.Justification ?? ""))
                .ToList();
            return new SnapshotCampaign(c.Name, c.OpensOn, c.ClosesOn, rows);
        }).ToList();

        var evidence = await db.Evidence.AsNoTracking().Include(e => e.Attachments)
            .Where(e => e.OwnerId == participantId && e.CohortId == cohortId && e.MarkedForAssessment)
            .OrderBy(e => e.OccurredOn).ThenBy(e => e.Id).ToListAsync(cancellationToken);
        var snapshotEvidence = new List<SnapshotEvidence>();
        foreach (var e in evidence)
        {
            var attachments = new List<SnapshotFile>();
            foreach (var a in e.Attachments.OrderBy(a => a.UploadedAt).ThenBy(a => a.Id))
            {
                var copy = await store.CopyAsync(a.StoredFileId, cancellationToken);
                files.Add(new SubmissionFile(SubmissionFileKind.EvidenceAttachment, e.Id, a.FileName, a.ContentType, a.Length, copy));
                attachments.Add(new SnapshotFile(copy, a.FileName, a.Length));
            }
            snapshotEvidence.Add(new SnapshotEvidence(e.Id, e.Title, e.OccurredOn, e.Kind, e.Description, e.Reflection,
                [.. framework.ObjectivesOf(e.ObjectiveIds).Select(o => $"{o.Code} — {o.Title}")],
                [.. framework.AxesOf(e.AxisIds).Select(a => a.Title)],
                [.. e.Links], attachments));
        }

        var chosen = reflectionIds.ToArray();
        var reflections = await db.JournalEntries.Where(j => j.OwnerId == participantId && j.CohortId == cohortId && chosen.Contains(j.Id))
            .OrderBy(j => j.WrittenOn).ThenBy(j => j.Id)
            .Select(j => new SnapshotReflection(j.Id, j.WrittenOn, j.Title, j.Body)).ToListAsync(cancellationToken);

        var feedback = await db.Feedback.Where(f => f.SubmittedAt != null)
            .Join(db.FeedbackRequests.Where(r => r.RequesterId == participantId && r.CohortId == cohortId), f => f.RequestId, r => r.Id, (f, r) => new { f, r.Question })
            .Join(db.Users, x => x.f.PeerId, u => u.Id, (x, u) => new { x.f.SubmittedAt, x.Question, x.f.Strengths, x.f.Questions, x.f.Suggestions, u.FirstName, u.LastName })
            .OrderBy(x => x.SubmittedAt)
            .ToListAsync(cancellationToken);
        var snapshotFeedback = feedback.Select(f => new SnapshotFeedback($"{f.FirstName} {f.LastName}", f.SubmittedAt!.Value, f.Question, f.Strengths, f.Questions, f.Suggestions)).ToList();

        var report = await db.IndividualReports.AsNoTracking().Include(r => r.Sections)
            .SingleOrDefaultAsync(r => r.OwnerId == participantId && r.CohortId == cohortId, cancellationToken);
        SnapshotReport snapshotReport;
        if (report is { StoredFileId: { } fileId })
        {
            var copy = await store.CopyAsync(fileId, cancellationToken);
            files.Add(new SubmissionFile(SubmissionFileKind.Report, null, report.FileName!, report.FileContentType!, report.FileLength ?? 0, copy));
            snapshotReport = new SnapshotReport(new SnapshotFile(copy, report.FileName!, report.FileLength ?? 0), []);
        }
        else
        {
            var sections = report?.Sections.OrderBy(s => s.Position).ToList() ?? [];
            var cited = sections.SelectMany(s => s.EvidenceIds).Distinct().ToArray();
            var titles = await db.Evidence.Where(e => e.OwnerId == participantId && e.CohortId == cohortId && cited.Contains(e.Id))
                .Select(e => new { e.Id, e.Title }).ToDictionaryAsync(e => e.Id, e => e.Title, cancellationToken);
            snapshotReport = new SnapshotReport(null, [.. sections.Select(s => new SnapshotSection(s.Key, s.Title, s.Text, s.Words,
                [.. s.EvidenceIds.Where(titles.ContainsKey).Select(id => new SnapshotCitation(id, titles[id]))]))]);
        }

        var document = new SnapshotDocument(SnapshotDocument.CurrentFormat, person, cohort.Name, cohort.Programme,
            snapshotCampaigns, snapshotEvidence, reflections, snapshotFeedback, snapshotReport);
        return (document, files);
    }
}
