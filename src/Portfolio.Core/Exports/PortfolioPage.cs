using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Portfolios;
using Portfolio.Core.Text;
using Scriban;
using Scriban.Runtime;

namespace Portfolio.Core.Exports;

/// <summary>
/// The flat view model of index.html. The contract with the template: every string is already HTML-encoded (safe as
/// text and inside quoted attributes), every <c>...Html</c> string is sanitised HTML rendered from Markdown, so the
/// template prints them as they are; it never sees an entity.
/// </summary>
public sealed record PortfolioPage(
    string PersonName,
    string Email,
    string Organisation,
    string Programme,
    string CohortName,
    string CohortPeriod,
    string FrameworkTitle,
    string FrameworkVersion,
    string PillarLabel,
    string GeneratedOn,
    IReadOnlyList<string> Campaigns,
    IReadOnlyList<PortfolioPage.ScaleRow> Scale,
    IReadOnlyList<PortfolioPage.PillarSection> Pillars,
    IReadOnlyList<PortfolioPage.ObjectiveSection> Leadership,
    IReadOnlyList<PortfolioPage.EvidenceItem> Evidence,
    IReadOnlyList<PortfolioPage.JournalItem> Journal,
    string Contents)
{
    public bool HasCampaigns => Campaigns.Count > 0;
    public bool HasLeadership => Leadership.Count > 0;
    public bool HasEvidence => Evidence.Count > 0;
    public bool HasJournal => Journal.Count > 0;

    // Which sections the programme's parts call for: a part it does not use gets no heading, not even an empty one.
    /// <summary>The programme rates itself on the framework: the scale, and the levels in each pillar's table.</summary>
    public bool ShowsSelfAssessment { get; init; }
    /// <summary>The framework has objectives to show pillar by pillar (with the evidence tagged to them).</summary>
    public bool ShowsPillars { get; init; }
    public bool ShowsEvidence { get; init; }
    public bool ShowsJournal { get; init; }
    /// <summary>The transformation project, when the programme follows one and the person stated it.</summary>
    public ProjectSection? Project { get; init; }
    public bool HasProject => Project is not null;

    public sealed record ScaleRow(int Value, string Label, string Description);

    public sealed record PillarSection(string Anchor, string Code, string Title, IReadOnlyList<ObjectiveSection> Objectives);

    /// <summary>An objective (or a leadership competency): its level in each campaign, then what supports it.</summary>
    public sealed record ObjectiveSection(string Anchor, string Code, string Title, IReadOnlyList<LevelCell> Levels,
        IReadOnlyList<AssessmentItem> Assessments, IReadOnlyList<EvidenceRef> Evidence)
    {
        public bool HasDetails => Assessments.Count > 0 || Evidence.Count > 0;
        public bool HasAssessments => Assessments.Count > 0;
        public bool HasEvidence => Evidence.Count > 0;
    }

    /// <summary>One campaign's level; <see cref="Empty"/> when the campaign holds none.</summary>
    public sealed record LevelCell(string Text, bool Empty);

    public sealed record AssessmentItem(string Campaign, string Level, string JustificationHtml, IReadOnlyList<OutcomeRow> Outcomes, IReadOnlyList<EvidenceRef> Evidence)
    {
        public bool HasJustification => JustificationHtml.Length > 0;
        public bool HasOutcomes => Outcomes.Count > 0;
        public bool HasEvidence => Evidence.Count > 0;
    }

    public sealed record OutcomeRow(string Code, string Text, string State);

    public sealed record EvidenceRef(string Anchor, string Title);

    /// <param name="Session">The session the item is tied to ("12 mars 2026 — Module 2"), empty when none.</param>
    /// <param name="Project">The title of the project the item documents, empty when none.</param>
    public sealed record EvidenceItem(string Anchor, string Title, string Date, string Kind, string Visibility,
        IReadOnlyList<string> Objectives, IReadOnlyList<string> Outcomes, IReadOnlyList<string> Axes, IReadOnlyList<string> Competencies,
        string DescriptionHtml, string ReflectionHtml, IReadOnlyList<LinkItem> Links, IReadOnlyList<AttachmentItem> Attachments,
        string Session, string Project)
    {
        public bool HasObjectives => Objectives.Count > 0;
        public bool HasSession => Session.Length > 0;
        public bool HasProject => Project.Length > 0;
        public bool HasOutcomes => Outcomes.Count > 0;
        public bool HasAxes => Axes.Count > 0;
        public bool HasCompetencies => Competencies.Count > 0;
        public bool HasDescription => DescriptionHtml.Length > 0;
        public bool HasReflection => ReflectionHtml.Length > 0;
        public bool HasLinks => Links.Count > 0;
        public bool HasAttachments => Attachments.Count > 0;
    }

    /// <summary>A link written by the participant; <see cref="Href"/> is empty unless it is a safe web link (<see cref="Text.WebLink"/>), and then it is shown as text only.</summary>
    public sealed record LinkItem(string Href, string Text, string Url);

    /// <summary>A file of the archive, linked by its relative path so that the page works once unzipped.</summary>
    public sealed record AttachmentItem(string Href, string Name, string Type, string Size);

    public sealed record ProjectSection(string Title, string ContextHtml, string AmbitionHtml, IReadOnlyList<MilestoneItem> Milestones,
        string PresentationOn, string PresentationSummaryHtml, string Submitted, AttachmentItem? PresentationFile)
    {
        public bool HasMilestones => Milestones.Count > 0;
        public bool HasPresentation => PresentationOn.Length > 0 || PresentationSummaryHtml.Length > 0 || PresentationFile is not null;
        public bool HasPresentationFile => PresentationFile is not null;
        public bool IsSubmitted => Submitted.Length > 0;
    }

    /// <param name="Done">"atteint le 20 mars 2026", empty while not reached.</param>
    public sealed record MilestoneItem(string Title, string DueOn, string Note, string Done)
    {
        public bool HasNote => Note.Length > 0;
        public bool IsDone => Done.Length > 0;
    }

    public sealed record JournalItem(string Anchor, string Date, string Title, string About, string Visibility, string BodyHtml)
    {
        public bool HasAbout => About.Length > 0;
    }
}

/// <summary>Builds <see cref="PortfolioPage"/> from the loaded data and renders it with the Scriban template.</summary>
public static class PortfolioPageBuilder
{
    /// <summary>Far above any real portfolio (a few MiB of HTML), still a bound: a runaway template stops instead of filling the disk.</summary>
    public const int OutputLimit = 64 * 1024 * 1024;

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-BE");

    private static string H(string? text) => Encoder.Encode(text ?? "");

    private static string Day(DateOnly day) => Dates.Day(day, French);

    public static string Render(PortfolioData data, string templateText)
    {
        var template = Template.Parse(templateText, PortfolioExport.TemplatePath);
        if (template.HasErrors)
        {
            throw new InvalidOperationException("The portfolio template has errors: " + string.Join("; ", template.Messages));
        }
        var page = Build(data);
        var context = new TemplateContext
        {
            // The template uses the C# names (page.PersonName), not Scriban's default snake_case.
            MemberRenamer = member => member.Name,
            StrictVariables = true,
            LoopLimit = LoopBudget(page),
            LimitToString = OutputLimit,
            OutputLimit = OutputLimit,
            OnStringLimit = ScriptLimitBehavior.Throw,
            OnOutputLimit = ScriptLimitBehavior.Throw,
        };
        var globals = new ScriptObject();
        globals.SetValue("page", page, readOnly: true);
        context.PushGlobal(globals);
        return template.Render(context);
    }

    /// <summary>
    /// Scriban counts iterations across nested loops (default 1000, which a real portfolio exceeds). The budget is twice
    /// every element the template can iterate, plus the campaign header repeated in each pillar's table: enough for any
    /// template walking this model, and still a stop for one that loops out of control.
    /// </summary>
    public static int LoopBudget(PortfolioPage page)
    {
        static int Section(PortfolioPage.ObjectiveSection o) =>
            1 + o.Levels.Count + o.Evidence.Count + o.Assessments.Sum(a => 1 + a.Outcomes.Count + a.Evidence.Count);
        var items = page.Campaigns.Count + page.Scale.Count
            + page.Pillars.Sum(p => 1 + page.Campaigns.Count + p.Objectives.Sum(Section))
            + page.Leadership.Sum(Section) + page.Campaigns.Count
            + page.Evidence.Sum(e => 1 + e.Objectives.Count + e.Outcomes.Count + e.Axes.Count + e.Competencies.Count + e.Links.Count + e.Attachments.Count)
            + page.Journal.Count + (page.Project?.Milestones.Count ?? 0);
        return Math.Max(1000, 2 * items);
    }

    public static PortfolioPage Build(PortfolioData d)
    {
        var f = d.Framework;
        var evidenceById = d.Evidence.ToDictionary(e => e.Id);
        var campaignOrder = d.Campaigns.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i);

        PortfolioPage.EvidenceRef Ref(EvidenceData e) => new($"preuve-{e.Id}", H(e.Title));

        PortfolioPage.ObjectiveSection Section(string anchor, string code, string title, IReadOnlyList<AssessmentData> assessments, Func<EvidenceData, bool> tagged)
        {
            var byCampaign = assessments.ToDictionary(a => a.CampaignId);
            var levels = d.Campaigns.Select(c => byCampaign.TryGetValue(c.Id, out var a) && a.Level is { } level
                ? new PortfolioPage.LevelCell(H(LevelText(f, level)), false)
                : new PortfolioPage.LevelCell("", true)).ToList();
            var items = assessments
                .Where(a => a.Level is not null || a.Justification.Length > 0 || a.Outcomes.Count > 0 || a.EvidenceIds.Length > 0)
                .OrderBy(a => campaignOrder.GetValueOrDefault(a.CampaignId, int.MaxValue))
                .Select(a => new PortfolioPage.AssessmentItem(
                    H(d.Campaigns.FirstOrDefault(c => c.Id == a.CampaignId)?.Name),
                    a.Level is { } level ? H(LevelText(f, level)) : "",
                    Markdown.ToSafeHtml(a.Justification),
                    [.. a.Outcomes.Where(o => f.OutcomesById.ContainsKey(o.OutcomeId)).OrderBy(o => f.OutcomesById[o.OutcomeId].Code, StringComparer.Ordinal)
                        .Select(o => new PortfolioPage.OutcomeRow(H(f.OutcomesById[o.OutcomeId].Code), H(f.OutcomesById[o.OutcomeId].Text), H(OutcomeStateLabel(o.State))))],
                    [.. a.EvidenceIds.Where(evidenceById.ContainsKey).Select(id => Ref(evidenceById[id]))]))
                .ToList();
            return new PortfolioPage.ObjectiveSection(anchor, H(code), H(title), levels, items, [.. d.Evidence.Where(tagged).Select(Ref)]);
        }

        var projectTitle = d.Project?.Title ?? "";
        var selfAssessed = d.Uses(ProgrammeComponents.SelfAssessment) && f.HasSelfAssessment;

        var byObjective = d.Assessments.Where(a => a.ObjectiveId is not null).ToLookup(a => a.ObjectiveId!.Value);
        var byCompetency = d.Assessments.Where(a => a.LeadershipCompetencyId is not null).ToLookup(a => a.LeadershipCompetencyId!.Value);

        // Ties are not tags of the framework: an item of a programme without objectives is placed by them.
        return new PortfolioPage(
            H(d.Person.Name), H(d.Person.Email), H(d.Person.Organisation),
            H(d.Cohort.Programme), H(d.Cohort.Name), H($"du {Day(d.Cohort.StartsOn)} au {Day(d.Cohort.EndsOn)}"),
            H(f.Title), H(f.Version.ToString(CultureInfo.InvariantCulture)), H(f.PillarLabel), H(Day(d.GeneratedOn)),
            [.. d.Campaigns.Select(c => H(c.Name))],
            [.. f.Scale.Select(l => new PortfolioPage.ScaleRow(l.Value, H(l.Label), H(l.Description)))],
            [.. f.Pillars.Select(p => new PortfolioPage.PillarSection($"pilier-{p.Id}", H(p.Code), H(p.Title),
                [.. p.Objectives.Select(o => Section($"objectif-{o.Id}", o.Code, o.Title, [.. byObjective[o.Id]], e => e.ObjectiveIds.Contains(o.Id)))]))],
            [.. f.LeadershipCompetencies.Select(c => Section($"competence-{c.Id}", c.Code, c.Title, [.. byCompetency[c.Id]], e => e.LeadershipCompetencyIds.Contains(c.Id)))],
            [.. d.Evidence.Select(e => new PortfolioPage.EvidenceItem(
                $"preuve-{e.Id}", H(e.Title), H(Day(e.OccurredOn)), H(KindLabel(e.Kind)), H(VisibilityLabel(e.Visibility)),
                [.. e.ObjectiveIds.Where(f.ObjectivesById.ContainsKey).Select(id => H($"{f.ObjectivesById[id].Code} — {f.ObjectivesById[id].Title}"))],
                [.. e.OutcomeIds.Where(f.OutcomesById.ContainsKey).Select(id => H($"{f.OutcomesById[id].Code} — {f.OutcomesById[id].Text}"))],
                [.. e.AxisIds.Where(f.AxesById.ContainsKey).Select(id => H($"{f.AxesById[id].Code} — {f.AxesById[id].Title}"))],
                [.. e.LeadershipCompetencyIds.Where(f.CompetenciesById.ContainsKey).Select(id => H($"{f.CompetenciesById[id].Code} — {f.CompetenciesById[id].Title}"))],
                Markdown.ToSafeHtml(e.Description), Markdown.ToSafeHtml(e.Reflection),
                [.. e.Links.Select(Link)],
                [.. e.Attachments.Select(Attachment)],
                e.Session is { } s ? H($"{Dates.Day(s.StartsAt, French)} — {s.Title}") : "",
                e.OnProject ? H(projectTitle) : ""))],
            [.. d.Journal.Select(j => new PortfolioPage.JournalItem($"journal-{j.Id}", H(Day(j.WrittenOn)), H(j.Title), H(JournalAbout(f, j)),
                H(VisibilityLabel(j.Visibility)), Markdown.ToSafeHtml(j.Body)))],
            H(Contents(d)))
        {
            ShowsSelfAssessment = selfAssessed,
            ShowsPillars = f.HasObjectives,
            ShowsEvidence = d.Uses(ProgrammeComponents.Evidence),
            ShowsJournal = d.Uses(ProgrammeComponents.Journal),
            Project = d.Project is { } p ? ProjectOf(p) : null,
        };
    }

    private static PortfolioPage.ProjectSection ProjectOf(ProjectData p) => new(
        H(p.Title), Markdown.ToSafeHtml(p.Context), Markdown.ToSafeHtml(p.Ambition),
        [.. p.Milestones.Select(m => new PortfolioPage.MilestoneItem(H(m.Title), H(Day(m.DueOn)), H(m.Note), m.DoneOn is { } done ? H($"atteint le {Day(done)}") : ""))],
        p.PresentationOn is { } on ? H(Day(on)) : "", Markdown.ToSafeHtml(p.PresentationSummary),
        p.PresentationSubmittedAt is { } submitted ? H($"remise au jury le {Dates.Day(submitted, French)}") : "",
        p.PresentationFile is { } file ? Attachment(file) : null);

    private static PortfolioPage.AttachmentItem Attachment(AttachmentData a) => new(
        H(string.Join('/', a.ZipPath.Split('/').Select(Uri.EscapeDataString))),
        H(a.ZipPath[(a.ZipPath.LastIndexOf('/') + 1)..]),
        H(Path.GetExtension(a.FileName).TrimStart('.').ToUpperInvariant()),
        H(Size(a.Length)));

    /// <summary>"3 preuves, 1 pièce jointe, aucune entrée de journal"; empty when the programme uses none of these parts.</summary>
    private static string Contents(PortfolioData d)
    {
        string Count(int count, string one, string many, string none) => string.Format(French, PluralRule.Pick(count, one, many, none, French), count);
        // Only the parts the programme uses: "aucune entrée de journal" would say a journal exists.
        var parts = new List<string>();
        if (d.Uses(ProgrammeComponents.Evidence))
        {
            parts.Add(Count(d.Evidence.Count, "{0} preuve", "{0} preuves", "aucune preuve"));
            parts.Add(Count(d.Evidence.Sum(e => e.Attachments.Count), "{0} pièce jointe", "{0} pièces jointes", "aucune pièce jointe"));
        }
        if (d.Uses(ProgrammeComponents.Journal))
        {
            parts.Add(Count(d.Journal.Count, "{0} entrée de journal", "{0} entrées de journal", "aucune entrée de journal"));
        }
        if (d.Project is not null)
        {
            parts.Add("un projet de transformation");
        }
        return string.Join(", ", parts);
    }

    private static PortfolioPage.LinkItem Link(EvidenceLink link)
    {
        var text = string.IsNullOrWhiteSpace(link.Label) ? link.Url : link.Label;
        return new PortfolioPage.LinkItem(H(WebLink.Safe(link.Url) ?? ""), H(text), H(link.Url));
    }

    private static string LevelText(FrameworkModel f, int level) =>
        f.LevelLabel(level) is { } label ? $"{level} — {label}" : level.ToString(CultureInfo.InvariantCulture);

    private static string JournalAbout(FrameworkModel f, JournalData j)
    {
        if (j.ObjectiveId is { } objective && f.ObjectivesById.TryGetValue(objective, out var o))
        {
            return $"Objectif {o.Code} — {o.Title}";
        }
        if (j.LeadershipCompetencyId is { } competency && f.CompetenciesById.TryGetValue(competency, out var c))
        {
            return $"Compétence de leadership {c.Code} — {c.Title}";
        }
        if (j.PillarId is { } pillar && f.PillarsById.TryGetValue(pillar, out var p))
        {
            return $"{f.PillarLabel} {p.Code} — {p.Title}";
        }
        return "";
    }

    // The archive is a French document (lang="fr"), whatever language the person browses in.
    internal static string KindLabel(EvidenceKind kind) => kind switch
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

    private static string VisibilityLabel(Visibility visibility) => visibility switch
    {
        Visibility.Group => "Mon groupe d'intervision",
        Visibility.NamedPeers => "Pairs nommés",
        _ => "Privée",
    };

    private static string OutcomeStateLabel(OutcomeState state) => state switch
    {
        OutcomeState.Acquired => "Acquis",
        OutcomeState.InProgress => "En cours",
        _ => "Pas encore",
    };

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => string.Format(French, "{0} octets", bytes),
        < 1024 * 1024 => string.Format(French, "{0:0.#} Ko", bytes / 1024.0),
        _ => string.Format(French, "{0:0.#} Mo", bytes / 1024.0 / 1024.0),
    };
}
