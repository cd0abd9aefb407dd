using Portfolio.Core.Frameworks;
using Portfolio.Core.Portfolios;

namespace Portfolio.Core.Exports;

/// <summary>
/// portfolio.json: the participant's data in a documented, stable shape (codes of the framework rather than database
/// ids, Markdown as written), so that it can be read again by another tool. <see cref="FormatVersion"/> changes when the
/// shape does.
/// </summary>
public sealed record PortfolioJson(
    int FormatVersion,
    DateTimeOffset GeneratedAt,
    PortfolioJson.PersonJson Person,
    PortfolioJson.CohortJson Cohort,
    PortfolioJson.FrameworkJson Framework,
    IReadOnlyList<PortfolioJson.CampaignJson> Campaigns,
    IReadOnlyList<PortfolioJson.SelfAssessmentJson> SelfAssessments,
    IReadOnlyList<PortfolioJson.EvidenceJson> Evidence,
    IReadOnlyList<PortfolioJson.JournalEntryJson> JournalEntries,
    PortfolioJson.ProjectJson? Project)
{
    public sealed record PersonJson(string FirstName, string LastName, string Email, string? Organisation);
    public sealed record CohortJson(string Name, string Programme, DateOnly StartsOn, DateOnly EndsOn);
    public sealed record FrameworkJson(string Code, int Version, string Title);
    public sealed record CampaignJson(string Name, int Position, DateOnly OpensOn, DateOnly ClosesOn);
    public sealed record OutcomeJson(string Code, OutcomeState State);

    public sealed record SelfAssessmentJson(string Campaign, string? ObjectiveCode, string? LeadershipCompetencyCode, int? Level, string? LevelLabel,
        string Justification, IReadOnlyList<OutcomeJson> Outcomes, int[] EvidenceIds, DateTimeOffset UpdatedAt);

    public sealed record LinkJson(string Url, string Label);
    public sealed record AttachmentJson(string Name, string ContentType, long Length, string Sha256, string Path);

    public sealed record SessionJson(string Title, DateTimeOffset StartsAt);

    /// <param name="Session">The session of the calendar the item is tied to, if any.</param>
    /// <param name="OnProject">Whether the item documents the transformation project.</param>
    public sealed record EvidenceJson(int Id, string Title, DateOnly Date, EvidenceKind Kind, string Description, string Reflection, Visibility Visibility,
        string[] ObjectiveCodes, string[] OutcomeCodes, string[] AxisCodes, string[] LeadershipCompetencyCodes,
        IReadOnlyList<LinkJson> Links, IReadOnlyList<AttachmentJson> Attachments, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
        SessionJson? Session, bool OnProject);

    public sealed record MilestoneJson(string Title, DateOnly DueOn, string Note, DateOnly? DoneOn);

    public sealed record ProjectJson(string Title, string Context, string Ambition, IReadOnlyList<MilestoneJson> Milestones,
        DateOnly? PresentationOn, string PresentationSummary, DateTimeOffset? PresentationSubmittedAt, AttachmentJson? PresentationFile);

    public sealed record JournalEntryJson(int Id, DateOnly Date, string Title, string Body, string? PillarCode, string? LeadershipCompetencyCode,
        string? ObjectiveCode, Visibility Visibility, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

    public static PortfolioJson From(PortfolioData d)
    {
        var f = d.Framework;
        var campaigns = d.Campaigns.ToDictionary(c => c.Id);
        return new PortfolioJson(
            FormatVersion: 1,
            d.GeneratedAt,
            new PersonJson(d.Person.FirstName, d.Person.LastName, d.Person.Email, d.Person.Organisation),
            new CohortJson(d.Cohort.Name, d.Cohort.Programme, d.Cohort.StartsOn, d.Cohort.EndsOn),
            new FrameworkJson(f.Code, f.Version, f.Title),
            [.. d.Campaigns.Select(c => new CampaignJson(c.Name, c.Position, c.OpensOn, c.ClosesOn))],
            [.. d.Assessments.Select(a => new SelfAssessmentJson(
                campaigns.TryGetValue(a.CampaignId, out var campaign) ? campaign.Name : "",
                f.ObjectiveCode(a.ObjectiveId), f.CompetencyCode(a.LeadershipCompetencyId), a.Level, f.LevelLabel(a.Level), a.Justification,
                [.. a.Outcomes.Where(o => f.OutcomesById.ContainsKey(o.OutcomeId)).OrderBy(o => f.OutcomesById[o.OutcomeId].Code, StringComparer.Ordinal)
                    .Select(o => new OutcomeJson(f.OutcomesById[o.OutcomeId].Code, o.State))],
                a.EvidenceIds, a.UpdatedAt))],
            [.. d.Evidence.Select(e => new EvidenceJson(e.Id, e.Title, e.OccurredOn, e.Kind, e.Description, e.Reflection, e.Visibility,
                FrameworkModel.Codes(e.ObjectiveIds, f.ObjectivesById),
                FrameworkModel.Codes(e.OutcomeIds, f.OutcomesById),
                FrameworkModel.Codes(e.AxisIds, f.AxesById),
                FrameworkModel.Codes(e.LeadershipCompetencyIds, f.CompetenciesById),
                [.. e.Links.Select(l => new LinkJson(l.Url, l.Label))],
                [.. e.Attachments.Select(Attachment)],
                e.CreatedAt, e.UpdatedAt, e.Session is { } s ? new SessionJson(s.Title, s.StartsAt) : null, e.OnProject))],
            [.. d.Journal.Select(j => new JournalEntryJson(j.Id, j.WrittenOn, j.Title, j.Body, f.PillarCode(j.PillarId), f.CompetencyCode(j.LeadershipCompetencyId),
                f.ObjectiveCode(j.ObjectiveId), j.Visibility, j.CreatedAt, j.UpdatedAt))],
            d.Project is { } p ? new ProjectJson(p.Title, p.Context, p.Ambition,
                [.. p.Milestones.Select(m => new MilestoneJson(m.Title, m.DueOn, m.Note, m.DoneOn))],
                p.PresentationOn, p.PresentationSummary, p.PresentationSubmittedAt, p.PresentationFile is { } file ? Attachment(file) : null) : null);
    }

    private static AttachmentJson Attachment(AttachmentData a) => new(a.FileName, a.ContentType, a.Length, a.Sha256, a.ZipPath);
}

/// <summary>
/// portfolio.json of an archive of every cohort: the person once, then each cohort's portfolio in the shape of
/// <see cref="PortfolioJson"/> (oldest cohort first).
/// </summary>
public sealed record PortfolioArchiveJson(int FormatVersion, DateTimeOffset GeneratedAt, PortfolioJson.PersonJson Person, IReadOnlyList<PortfolioJson> Cohorts)
{
    public static PortfolioArchiveJson From(IReadOnlyList<PortfolioData> portfolios)
    {
        var cohorts = portfolios.Select(PortfolioJson.From).ToList();
        return new PortfolioArchiveJson(1, cohorts[0].GeneratedAt, cohorts[0].Person, cohorts);
    }
}
