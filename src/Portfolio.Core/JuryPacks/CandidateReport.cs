using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Portfolios;
using Portfolio.Core.Submissions;
using Portfolio.Core.Text;

namespace Portfolio.Core.JuryPacks;

/// <summary>
/// The flat view model of a candidate's <c>rapport.html</c>, handed to a coordinator's Scriban template as <c>report</c>.
/// The contract: every string is already HTML-encoded (safe as text and inside quoted attributes), every <c>...Html</c>
/// string is sanitised HTML rendered from Markdown; the template prints them as they are. It is built from the submitted
/// snapshot (what the jury reads), never from entities, so a template can reach nothing else. The one exception to the
/// encoding is named for it: <see cref="CandidateInCss"/> is for a CSS string (the print stylesheet's page footer), where
/// HTML entities would be printed as they are.
/// </summary>
public sealed record CandidateReport(
    string Number,
    string Candidate,
    string CandidateInCss,
    string Programme,
    string Cohort,
    string CohortPeriod,
    string FrameworkTitle,
    string PillarLabel,
    string SubmittedOn,
    string SubmissionNumber,
    IReadOnlyList<string> Campaigns,
    IReadOnlyList<CandidateReport.PillarSection> Pillars,
    IReadOnlyList<CandidateReport.CompetencyRow> Leadership,
    IReadOnlyList<CandidateReport.AxisRow> Axes,
    IReadOnlyList<CandidateReport.EvidenceItem> Evidence,
    IReadOnlyList<CandidateReport.ReflectionItem> Reflections,
    CandidateReport.FeedbackSummary Feedback,
    CandidateReport.IndividualReport Report,
    CandidateReport.CollectiveReport Collective)
{
    public bool HasLeadership => Leadership.Count > 0;
    public bool HasAxes => Axes.Count > 0;
    public bool HasEvidence => Evidence.Count > 0;
    public bool HasReflections => Reflections.Count > 0;

    public sealed record PillarSection(string Anchor, string Code, string Title, IReadOnlyList<ObjectiveSection> Objectives);

    /// <summary>An objective: its level in each campaign, the progression from the first to the last level given, the evidence tagged to it.</summary>
    public sealed record ObjectiveSection(string Anchor, string Code, string Title, IReadOnlyList<LevelCell> Levels, string Progression,
        IReadOnlyList<Justification> Justifications, IReadOnlyList<EvidenceRef> Evidence)
    {
        public bool HasJustifications => Justifications.Count > 0;
        public bool HasEvidence => Evidence.Count > 0;
    }

    public sealed record CompetencyRow(string Code, string Title, IReadOnlyList<LevelCell> Levels, string Progression, IReadOnlyList<Justification> Justifications)
    {
        public bool HasJustifications => Justifications.Count > 0;
    }

    /// <summary>One campaign's level; <see cref="Empty"/> when the participant gave none.</summary>
    public sealed record LevelCell(string Text, bool Empty);

    public sealed record Justification(string Campaign, string TextHtml);

    public sealed record AxisRow(string Title, int Count, IReadOnlyList<EvidenceRef> Evidence);

    public sealed record EvidenceRef(string Anchor, string Title);

    public sealed record EvidenceItem(string Anchor, string Title, string Date, string Kind, IReadOnlyList<string> Objectives,
        IReadOnlyList<string> Axes, string DescriptionHtml, string ReflectionHtml, IReadOnlyList<LinkItem> Links, IReadOnlyList<string> Attachments)
    {
        public bool HasDescription => DescriptionHtml.Length > 0;
        public bool HasReflection => ReflectionHtml.Length > 0;
        public bool HasLinks => Links.Count > 0;
        public bool HasAttachments => Attachments.Count > 0;
    }

    /// <summary>A link written by the participant; <see cref="Href"/> is empty unless it is a safe web link.</summary>
    public sealed record LinkItem(string Href, string Text);

    public sealed record ReflectionItem(string Date, string Title, string BodyHtml);

    public sealed record FeedbackSummary(int Count, IReadOnlyList<string> Peers, IReadOnlyList<FeedbackItem> Items)
    {
        public bool Any => Count > 0;
    }

    public sealed record FeedbackItem(string From, string Date, string Question, string StrengthsHtml, string QuestionsHtml, string SuggestionsHtml);

    /// <summary>The individual report: written sections, or the name of the uploaded file (<see cref="IsFile"/>).</summary>
    public sealed record IndividualReport(bool IsFile, string FileName, int TotalWords, IReadOnlyList<ReportSection> Sections)
    {
        public bool IsWritten => Sections.Count > 0;
    }

    public sealed record ReportSection(string Title, int Words, string TextHtml, IReadOnlyList<EvidenceRef> Citations)
    {
        public bool HasCitations => Citations.Count > 0;
    }

    /// <summary>The case-study group's collective report, referenced (it is a file of its own in the pack).</summary>
    public sealed record CollectiveReport(bool Submitted, string Group, string Organisation, string Members, string FileName, string SubmittedOn);
}

/// <summary>What the report is built from besides the snapshot: read by <see cref="CandidateReports"/> or made up by tests.</summary>
public sealed record CandidateReportSource(
    string Number,
    SnapshotDocument Snapshot,
    int SubmissionNumber,
    DateTimeOffset SubmittedAt,
    DateOnly CohortStartsOn,
    DateOnly CohortEndsOn,
    ReportFramework Framework,
    CollectiveReportSource? Collective);

/// <summary>The part of the framework the report needs: the pillars that group objectives, the axes counted.</summary>
public sealed record ReportFramework(string Title, string PillarLabel, IReadOnlyList<ReportFramework.Pillar> Pillars, IReadOnlyList<string> Axes)
{
    public sealed record Pillar(string Code, string Title, IReadOnlyList<(string Code, string Title)> Objectives);

    public static ReportFramework From(FrameworkModel f) =>
        new(f.Title, f.PillarLabel, [.. f.Pillars.Select(p => new Pillar(p.Code, p.Title, [.. p.Objectives.Select(o => (o.Code, o.Title))]))], [.. f.Axes.Select(a => a.Title)]);
}

public sealed record CollectiveReportSource(string Group, string Organisation, IReadOnlyList<string> Members, string FileName, DateTimeOffset? SubmittedAt);

/// <summary>Builds <see cref="CandidateReport"/>: every string encoded here, once, so no template can forget it.</summary>
public static class CandidateReportBuilder
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-BE");

    private static string H(string? text) => Encoder.Encode(text ?? "");

    /// <summary>
    /// Text for inside a quoted CSS string: letters, digits and spaces as they are, every other character as a CSS escape
    /// (<c>\27 </c> for an apostrophe), so that no quote, backslash, line break or <c>&lt;/style&gt;</c> can end the string or the sheet.
    /// </summary>
    private static string CssString(string text)
    {
        var css = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune) || rune.Value == ' ')
            {
                css.Append(rune.ToString());
            }
            else
            {
                css.Append('\\').Append(rune.Value.ToString("X", CultureInfo.InvariantCulture)).Append(' ');
            }
        }
        return css.ToString();
    }

    private static string Day(DateOnly day) => Dates.Day(day, French);

    private static string Day(DateTimeOffset at) => Dates.Day(at, French);

    public static CandidateReport Build(CandidateReportSource source)
    {
        var d = source.Snapshot;
        var f = source.Framework;
        var campaigns = d.Campaigns;

        // The snapshot copies codes and titles; the framework gives them their pillar. An objective the framework no
        // longer has (a later version) is still shown, under a section of its own.
        var evidenceAnchors = d.Evidence.Select((e, i) => (e, Anchor: $"preuve-{i + 1}")).ToList();
        var refsByObjective = new Dictionary<string, List<CandidateReport.EvidenceRef>>(StringComparer.Ordinal);
        foreach (var (e, anchor) in evidenceAnchors)
        {
            foreach (var tag in e.Objectives.Distinct(StringComparer.Ordinal))
            {
                var code = CodeOf(tag);
                if (!refsByObjective.TryGetValue(code, out var list))
                {
                    refsByObjective[code] = list = [];
                }
                list.Add(new CandidateReport.EvidenceRef(anchor, H(e.Title)));
            }
        }

        List<CandidateReport.LevelCell> Levels(string code, bool leadership) =>
            [.. campaigns.Select(c => c.Assessments.FirstOrDefault(a => a.Code == code && a.Leadership == leadership) is { Level: { } level } a
                ? new CandidateReport.LevelCell(H(LevelText(level, a.LevelLabel)), false)
                : new CandidateReport.LevelCell("", true))];

        List<CandidateReport.Justification> Justifications(string code, bool leadership) =>
            [.. campaigns.Select(c => (c.Name, A: c.Assessments.FirstOrDefault(a => a.Code == code && a.Leadership == leadership)))
                .Where(x => x.A is { Justification.Length: > 0 })
                .Select(x => new CandidateReport.Justification(H(x.Name), Markdown.ToSafeHtml(x.A!.Justification)))];

        string Progression(string code, bool leadership)
        {
            var given = campaigns.Select(c => c.Assessments.FirstOrDefault(a => a.Code == code && a.Leadership == leadership)?.Level)
                .Where(l => l is not null).Select(l => l!.Value).ToList();
            return given.Count switch
            {
                0 => "",
                1 => H(given[0].ToString(CultureInfo.InvariantCulture)),
                _ => H(string.Format(CultureInfo.InvariantCulture, "{0} → {1} ({2:+0;-0;0})", given[0], given[^1], given[^1] - given[0])),
            };
        }

        CandidateReport.ObjectiveSection Objective(string code, string title) =>
            new($"objectif-{Slug(code)}", H(code), H(title), Levels(code, false), Progression(code, false), Justifications(code, false),
                refsByObjective.TryGetValue(code, out var refs) ? refs : []);

        var pillars = f.Pillars.Select(p => new CandidateReport.PillarSection($"pilier-{Slug(p.Code)}", H(p.Code), H(p.Title),
            [.. p.Objectives.Select(o => Objective(o.Code, o.Title))])).ToList();
        var known = f.Pillars.SelectMany(p => p.Objectives).Select(o => o.Code).ToHashSet(StringComparer.Ordinal);
        var others = campaigns.SelectMany(c => c.Assessments).Where(a => !a.Leadership && !known.Contains(a.Code))
            .DistinctBy(a => a.Code).Select(a => Objective(a.Code, a.Title)).ToList();
        if (others.Count > 0)
        {
            pillars.Add(new CandidateReport.PillarSection("pilier-autres", "", H("Autres objectifs"), others));
        }

        var competencies = campaigns.SelectMany(c => c.Assessments).Where(a => a.Leadership).DistinctBy(a => a.Code)
            .Select(a => new CandidateReport.CompetencyRow(H(a.Code), H(a.Title), Levels(a.Code, true), Progression(a.Code, true), Justifications(a.Code, true)))
            .ToList();

        var axes = f.Axes.Select(axis =>
        {
            var refs = evidenceAnchors.Where(x => x.e.Axes.Contains(axis, StringComparer.Ordinal)).Select(x => new CandidateReport.EvidenceRef(x.Anchor, H(x.e.Title))).ToList();
            return new CandidateReport.AxisRow(H(axis), refs.Count, refs);
        }).ToList();

        var sourceAnchors = evidenceAnchors.ToDictionary(x => x.e.SourceId, x => x.Anchor);
        var report = d.Report.File is { } file
            ? new CandidateReport.IndividualReport(true, H(file.FileName), 0, [])
            : new CandidateReport.IndividualReport(false, "", d.Report.TotalWords, [.. d.Report.Sections.Where(s => s.Words > 0 || s.Citations.Count > 0)
                .Select(s => new CandidateReport.ReportSection(H(s.Title), s.Words, Markdown.ToSafeHtml(s.Text),
                    [.. s.Citations.Select(c => new CandidateReport.EvidenceRef(sourceAnchors.TryGetValue(c.SourceId, out var a) ? a : "", H(c.Title)))]))]);

        var collective = source.Collective is { } g
            ? new CandidateReport.CollectiveReport(g.SubmittedAt is not null, H(g.Group), H(g.Organisation), H(string.Join(", ", g.Members)), H(g.FileName),
                g.SubmittedAt is { } at ? H(Day(at)) : "")
            : new CandidateReport.CollectiveReport(false, "", "", "", "", "");

        return new CandidateReport(
            H(source.Number), H(d.ParticipantName), CssString(d.ParticipantName), H(d.ProgrammeTitle), H(d.CohortName),
            H($"du {Day(source.CohortStartsOn)} au {Day(source.CohortEndsOn)}"), H(f.Title), H(f.PillarLabel),
            H(Day(source.SubmittedAt)), H(source.SubmissionNumber.ToString(CultureInfo.InvariantCulture)),
            [.. campaigns.Select(c => H(c.Name))],
            pillars, competencies, axes,
            [.. evidenceAnchors.Select(x => new CandidateReport.EvidenceItem(x.Anchor, H(x.e.Title), H(Day(x.e.OccurredOn)), H(KindLabel(x.e.Kind)),
                [.. x.e.Objectives.Select(H)], [.. x.e.Axes.Select(H)], Markdown.ToSafeHtml(x.e.Description), Markdown.ToSafeHtml(x.e.Reflection),
                [.. x.e.Links.Select(l => new CandidateReport.LinkItem(H(WebLink.Safe(l.Url) ?? ""), H(string.IsNullOrWhiteSpace(l.Label) ? l.Url : l.Label)))],
                [.. x.e.Attachments.Select(a => H(a.FileName))]))],
            [.. d.Reflections.Select(r => new CandidateReport.ReflectionItem(H(Day(r.WrittenOn)), H(r.Title), Markdown.ToSafeHtml(r.Body)))],
            new CandidateReport.FeedbackSummary(d.Feedback.Count, [.. d.Feedback.Select(x => x.From).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(H)],
                [.. d.Feedback.Select(x => new CandidateReport.FeedbackItem(H(x.From), H(Day(x.SubmittedAt)), H(x.Question),
                    Markdown.ToSafeHtml(x.Strengths), Markdown.ToSafeHtml(x.Questions), Markdown.ToSafeHtml(x.Suggestions)))]),
            report, collective);
    }

    /// <summary>The snapshot tags evidence with "code — title"; the code is what identifies the objective.</summary>
    private static string CodeOf(string tag)
    {
        var at = tag.IndexOf(" — ", StringComparison.Ordinal);
        return at < 0 ? tag : tag[..at];
    }

    /// <summary>An anchor made only of safe characters, whatever a framework's codes hold.</summary>
    private static string Slug(string code) =>
        string.Concat(code.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-'));

    private static string LevelText(int level, string? label) =>
        label is { Length: > 0 } ? $"{level} — {label}" : level.ToString(CultureInfo.InvariantCulture);

    // The report is a French document (lang="fr"), whatever language the coordinator browses in.
    private static string KindLabel(EvidenceKind kind) => kind switch
    {
        EvidenceKind.ProfessionalSituation => "Situation professionnelle",
        EvidenceKind.Production => "Production",
        EvidenceKind.Seminar => "Séminaire",
        EvidenceKind.FieldVisit => "Visite de terrain",
        EvidenceKind.CaseStudy => "Étude de cas",
        EvidenceKind.Reading => "Lecture",
        EvidenceKind.FeedbackReceived => "Feedback reçu",
        _ => "Autre",
    };
}
