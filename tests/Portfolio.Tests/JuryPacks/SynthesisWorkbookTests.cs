using System.Net;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Core.JuryPacks;
using Portfolio.Core.Juries;
using Portfolio.Core.Portfolios;
using Portfolio.Core.Scoring;
using Portfolio.Core.Text;
using Portfolio.Tests.Infrastructure;
using Portfolio.Tests.Intervision;
using Portfolio.Tests.Juries;
using Portfolio.Tests.Portfolios;
using Portfolio.Tests.Cohorts;

namespace Portfolio.Tests.JuryPacks;

/// <summary>
/// synthese.xlsx read back with ClosedXML: each sheet against the database, user text kept as the same inert text, two
/// builds byte-identical. Every workbook is opened through <see cref="SynthesisBuilder.OpenScanned"/>, which fails on a
/// formula or a formula-looking text cell without the quote prefix.
/// </summary>
public class SynthesisWorkbookTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    /// <summary>Formula starters, numbers and dates as text, quotes, line breaks, markup.</summary>
    public static readonly string[] Hostile =
    [
        "=HYPERLINK(\"http://evil.example\",\"clic\")", "+32 470 12 34 56", "-2+3", "@SUM(A1:A9)", "=1+1", "\t=tab", "\r=cr",
        "12", "0012", "1e5", "2024-01-01", "01/02/2026", "TRUE", "'apostrophe", "\"guillemets\"", "ligne 1\nligne 2",
        "<script>alert(1)</script>", "Émilie d'Ô",
    ];

    private sealed record Arranged(int CohortId, string[] People, IReadOnlyList<(int Id, string Code)> Objectives, int JuryCandidate);

    private async Task<Arranged> ArrangeAsync()
    {
        var cohortId = await Factory.CreateCohortAsync();
        var (first, last) = await Factory.TwoCampaignsAsync(cohortId);
        var people = await Factory.AddParticipantsAsync(cohortId, 3, names: i => (new[] { "Ana", "Ben", "Chloé" }[i], new[] { "Aubry", "Bertrand", "Collin" }[i]));
        var objectives = await Factory.ObjectivesAsync(cohortId);
        var framework = await Factory.FrameworkAsync(cohortId);
        var axis = framework.Axes[0].Id;
        await Factory.RecordLevelAsync(first, people[0], objectives[0].Id, 1);
        await Factory.RecordLevelAsync(last, people[0], objectives[0].Id, 4);
        await Factory.RecordLevelAsync(last, people[0], objectives[2].Id, 2);
        await Factory.RecordLevelAsync(first, people[1], objectives[0].Id, 3);
        var e1 = await Factory.AddEvidenceAsync(people[0], cohortId, "Conduite de réunion", [objectives[0].Id], [axis], EvidenceKind.Seminar, occurredOn: new DateOnly(2026, 3, 2));
        await Factory.MarkForAssessmentAsync(e1);
        await Factory.AddEvidenceAsync(people[0], cohortId, "Brouillon", [objectives[0].Id, objectives[1].Id], [axis]);
        var e3 = await Factory.AddEvidenceAsync(people[1], cohortId, "Projet de service", [objectives[1].Id]);
        var request = await Factory.AskFeedbackAsync(cohortId, people[1], [e3], [people[0], people[2]]);
        await Factory.GiveFeedbackAsync(request, people[0]);
        await Factory.GiveFeedbackAsync(request, people[2]);
        await Factory.GiveFeedbackAsync(await Factory.AskFeedbackAsync(cohortId, people[0], [e1], [people[2]]), people[2], submit: false);
        await Factory.SubmitAsync(cohortId, people[0]);
        var juror = await Factory.CreatePersonAsync("juror@example.be", "Jules", "Juré", Roles.JuryMember);
        var (_, candidates) = await Factory.CreateDeclaredJuryAsync(cohortId, "Jury 1", [juror], [people[0]]);
        await Factory.ScheduleAsync(candidates[0], new DateTime(2026, 6, 15, 9, 30, 0), 45, "Salle B");
        return new Arranged(cohortId, people, objectives, candidates[0]);
    }

    [Fact]
    public async Task Synthesis_sheet_holds_each_candidates_latest_levels_evidence_feedback_and_submission()
    {
        var a = await ArrangeAsync();
        var (_, bytes) = await Factory.BuildWorkbookAsync(a.CohortId);
        using var workbook = SynthesisBuilder.OpenScanned(bytes);

        Assert.Equal(["Synthèse", "Progression", "Axes", "Preuves", "Intervision", "Jury"], workbook.Worksheets.Select(s => s.Name));
        var sheet = workbook.Worksheet("Synthèse");
        Assert.Equal(["Aubry", "Bertrand", "Collin"], sheet.RowsUsed().Skip(1).Select(r => r.Cell(1).GetString()));
        var ana = SynthesisBuilder.RowOf(sheet, "Aubry", "Ana");
        Assert.Equal(4, ana.Cell(SynthesisBuilder.Column(sheet, a.Objectives[0].Code)).GetValue<int>());
        Assert.Equal(2, ana.Cell(SynthesisBuilder.Column(sheet, a.Objectives[2].Code)).GetValue<int>());
        Assert.True(ana.Cell(SynthesisBuilder.Column(sheet, a.Objectives[1].Code)).IsEmpty());
        Assert.Equal(2, ana.Cell(SynthesisBuilder.Column(sheet, "Preuves")).GetValue<int>());
        Assert.Equal(1, ana.Cell(SynthesisBuilder.Column(sheet, "Preuves pour l'évaluation")).GetValue<int>());
        Assert.Equal("Déposé", ana.Cell(SynthesisBuilder.Column(sheet, "Dépôt")).GetString());
        var ben = SynthesisBuilder.RowOf(sheet, "Bertrand", "Ben");
        Assert.Equal(3, ben.Cell(SynthesisBuilder.Column(sheet, a.Objectives[0].Code)).GetValue<int>());
        // Two submitted feedback received; Chloé's draft to Ana does not count.
        Assert.Equal(2, ben.Cell(SynthesisBuilder.Column(sheet, "Feedback reçus")).GetValue<int>());
        Assert.Equal(0, ana.Cell(SynthesisBuilder.Column(sheet, "Feedback reçus")).GetValue<int>());
        Assert.Equal("Non déposé", ben.Cell(SynthesisBuilder.Column(sheet, "Dépôt")).GetString());
        Assert.Equal(XLDataType.Number, ana.Cell(SynthesisBuilder.Column(sheet, a.Objectives[0].Code)).DataType);
        Assert.NotEmpty(sheet.ConditionalFormats);

        await using var db = Factory.NewDb();
        var levels = await db.SelfAssessments.Where(s => s.ParticipantId == a.People[0] && s.Level != null)
            .OrderBy(s => s.Campaign.Position).Select(s => new { s.ObjectiveId, s.Level }).ToListAsync();
        foreach (var objective in a.Objectives)
        {
            var expected = levels.LastOrDefault(l => l.ObjectiveId == objective.Id)?.Level;
            var cell = ana.Cell(SynthesisBuilder.Column(sheet, objective.Code));
            Assert.Equal(expected, cell.IsEmpty() ? null : cell.GetValue<int>());
        }
    }

    [Fact]
    public async Task Other_sheets_hold_progression_axis_coverage_marked_evidence_intervision_and_the_jury_grid()
    {
        var a = await ArrangeAsync();
        var framework = await Factory.FrameworkAsync(a.CohortId);
        var (_, bytes) = await Factory.BuildWorkbookAsync(a.CohortId);
        using var workbook = SynthesisBuilder.OpenScanned(bytes);

        var progression = workbook.Worksheet("Progression");
        var anaFirst = progression.RowsUsed().Single(r => r.Cell(1).GetString() == "Aubry" && r.Cell(3).GetString() == a.Objectives[0].Code);
        Assert.Equal(["Positionnement initial", "1", "Bilan final", "4", "3"],
            new[] { 5, 6, 7, 8, 9 }.Select(c => anaFirst.Cell(c).GetString()));
        Assert.Equal(3, progression.RowsUsed().Count() - 1); // Ana ×2 objectives, Ben ×1

        var axes = workbook.Worksheet("Axes");
        var firstObjective = axes.RowsUsed().Single(r => r.Cell(1).GetString() == a.Objectives[0].Code);
        Assert.Equal(2, firstObjective.Cell(SynthesisBuilder.Column(axes, framework.Axes[0].Code)).GetValue<int>());
        Assert.Equal(0, firstObjective.Cell(SynthesisBuilder.Column(axes, framework.Axes[1].Code)).GetValue<int>());
        Assert.Equal(framework.Objectives.Count, axes.RowsUsed().Count() - 1);

        var evidence = workbook.Worksheet("Preuves");
        var marked = Assert.Single(evidence.RowsUsed().Skip(1));
        Assert.Equal("Conduite de réunion", marked.Cell(4).GetString());
        Assert.Equal(new DateTime(2026, 3, 2), marked.Cell(3).GetDateTime());
        Assert.Equal("Séminaire", marked.Cell(5).GetString());
        Assert.Equal(a.Objectives[0].Code, marked.Cell(6).GetString());
        Assert.Equal(framework.Axes[0].Code, marked.Cell(7).GetString());

        var intervision = workbook.Worksheet("Intervision");
        Assert.Equal([1, 0], new[] { 3, 4 }.Select(c => SynthesisBuilder.RowOf(intervision, "Aubry", "Ana").Cell(c).GetValue<int>()));
        Assert.Equal([0, 2], new[] { 3, 4 }.Select(c => SynthesisBuilder.RowOf(intervision, "Bertrand", "Ben").Cell(c).GetValue<int>()));
        Assert.Equal([1, 0], new[] { 3, 4 }.Select(c => SynthesisBuilder.RowOf(intervision, "Collin", "Chloé").Cell(c).GetValue<int>()));

        var jury = workbook.Worksheet("Jury");
        var anaJury = SynthesisBuilder.RowOf(jury, "Aubry", "Ana");
        Assert.Equal("Jury 1", anaJury.Cell(3).GetString());
        Assert.Equal(new DateTime(2026, 6, 15, 9, 30, 0), anaJury.Cell(4).GetDateTime());
        Assert.Equal(45, anaJury.Cell(5).GetValue<int>());
        Assert.Equal("Salle B", anaJury.Cell(6).GetString());
        Assert.True(SynthesisBuilder.RowOf(jury, "Bertrand", "Ben").Cell(3).IsEmpty());
        await using var db = Factory.NewDb();
        var grid = await ScoringGrids.OfCohort(db, a.CohortId).SingleAsync();
        Assert.Equal(grid.OrderedCriteria.Select(c => c.Title), jury.Row(1).Cells(7, 6 + grid.Criteria.Count).Select(c => c.GetString()));
        var validation = Assert.Single(jury.DataValidations);
        Assert.Equal(XLAllowedValues.WholeNumber, validation.AllowedValues);
        Assert.Equal("1", validation.MinValue);
        Assert.Equal(grid.MaxLevel.ToString(), validation.MaxValue);

        foreach (var sheet in workbook.Worksheets)
        {
            Assert.Equal(1, sheet.SheetView.SplitRow);
            Assert.NotNull(sheet.AutoFilter.Range);
            Assert.All(sheet.ColumnsUsed(), c => Assert.InRange(c.Width, 6, 60));
        }
    }

    [Fact]
    public async Task Hostile_text_comes_back_as_the_same_text_cells_with_formula_starters_quote_prefixed()
    {
        var cohortId = await Factory.CreateCohortAsync();
        await Factory.TwoCampaignsAsync(cohortId, Hostile[0], Hostile[7]);
        var people = await Factory.AddParticipantsAsync(cohortId, Hostile.Length, names: i => (Hostile[i], Hostile[(i + 1) % Hostile.Length]));
        var objectives = await Factory.ObjectivesAsync(cohortId);
        foreach (var (text, i) in Hostile.Select((t, i) => (t, i)))
        {
            await Factory.RecordLevelAsync((await CampaignsAsync(cohortId))[0], people[i], objectives[0].Id, 1);
            await Factory.RecordLevelAsync((await CampaignsAsync(cohortId))[1], people[i], objectives[0].Id, 2);
            await Factory.MarkForAssessmentAsync(await Factory.AddEvidenceAsync(people[i], cohortId, text, [objectives[0].Id]));
        }
        var juror = await Factory.CreatePersonAsync("juror@example.be", "Jules", "Juré", Roles.JuryMember);
        var (_, candidates) = await Factory.CreateDeclaredJuryAsync(cohortId, "=JURY()", [juror], [people[0]]);
        await Factory.ScheduleAsync(candidates[0], new DateTime(2026, 6, 15, 9, 30, 0), 45, "@salle");

        var (_, bytes) = await Factory.BuildWorkbookAsync(cohortId);
        using var workbook = SynthesisBuilder.OpenScanned(bytes);

        await using var db = Factory.NewDb();
        var stored = await db.Users.Where(u => people.Contains(u.Id)).Select(u => new[] { u.FirstName, u.LastName }).ToListAsync();
        var titles = await db.Evidence.Where(e => e.CohortId == cohortId).Select(e => e.Title).ToListAsync();
        // As stored, with line breaks as a workbook keeps them (a carriage return comes back as a line feed).
        var expected = stored.SelectMany(x => x).Concat(titles).Concat(["=JURY()", "@salle"])
            .Concat(await db.Campaigns.Where(c => c.CohortId == cohortId).Select(c => c.Name).ToListAsync()).Select(SpreadsheetText.Lines).ToHashSet();
        var textCells = workbook.Worksheets.SelectMany(s => s.CellsUsed()).Where(c => c.DataType == XLDataType.Text).ToList();
        var written = textCells.Select(c => c.GetString()).ToHashSet();
        Assert.All(expected, text => Assert.Contains(text, written));
        foreach (var text in Hostile.Where(h => expected.Contains(SpreadsheetText.Lines(h))))
        {
            var cells = textCells.Where(c => c.GetString() == SpreadsheetText.Lines(text)).ToList();
            Assert.NotEmpty(cells);
            Assert.All(cells, c =>
            {
                Assert.Equal(XLDataType.Text, c.DataType);
                Assert.False(c.HasFormula);
                Assert.Equal(SpreadsheetText.LooksLikeFormula(text), c.Style.IncludeQuotePrefix);
            });
        }
        // The starters did reach the workbook (names are stored as typed): the corpus tested what it says.
        Assert.All(new[] { "=1+1", "+32 470 12 34 56", "-2+3", "@SUM(A1:A9)", "\t=tab", "\n=cr", "12", "2024-01-01", "TRUE" }, text => Assert.Contains(text, written));
    }

    private async Task<int[]> CampaignsAsync(int cohortId)
    {
        await using var db = Factory.NewDb();
        return await db.Campaigns.Where(c => c.CohortId == cohortId).OrderBy(c => c.Position).Select(c => c.Id).ToArrayAsync();
    }

    [Fact]
    public async Task Two_builds_of_the_same_data_at_the_same_moment_are_byte_identical()
    {
        var a = await ArrangeAsync();

        var (_, one) = await Factory.BuildWorkbookAsync(a.CohortId);
        await Task.Delay(2100); // a ZIP date has a two-second resolution: a clock-dated entry would differ now
        var (_, two) = await Factory.BuildWorkbookAsync(a.CohortId);

        Assert.Equal(one, two);
        using var workbook = SynthesisBuilder.OpenScanned(one);
        Assert.Equal(new DateTime(2026, 6, 1, 8, 0, 0), workbook.Properties.Created);
    }

    [Fact]
    public async Task Coordinators_download_the_workbook_and_every_generated_workbook_passes_the_formula_scan()
    {
        var a = await ArrangeAsync();
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);

        var response = await coordinator.GetAsync($"/Coordinator/Synthesis/Export/{a.CohortId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SynthesisWorkbook.ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("synthese.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        using var workbook = SynthesisBuilder.OpenScanned(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(3, workbook.Worksheet("Synthèse").RowsUsed().Count() - 1);

        // The results export writes user text through the same path.
        var juror = await Factory.UserIdAsync("juror@example.be");
        await Factory.ScoreAsync(a.CohortId, a.JuryCandidate, juror, [3, 3, 3, 3, 3], "=1+1");
        await Factory.DeliberateAsync(a.CohortId, a.JuryCandidate, [3, 3, 3, 3, 3], Decision.Passed, "-moins");
        var results = await coordinator.GetAsync($"/Coordinator/Results/Export/{a.CohortId}");
        Assert.Equal(HttpStatusCode.OK, results.StatusCode);
        using var resultsBook = SynthesisBuilder.OpenScanned(await results.Content.ReadAsByteArrayAsync());
        Assert.Contains(resultsBook.Worksheets.SelectMany(s => s.CellsUsed()), c => c.GetString() == "-moins" && c.Style.IncludeQuotePrefix);

        // And the scan does catch what escaped: a formula-looking text without the prefix.
        using var escaped = new XLWorkbook();
        escaped.AddWorksheet("X").Cell(1, 1).SetValue<string>("=1+1");
        Assert.Equal(["X!A1"], SpreadsheetText.UnsafeCells(escaped));
    }
}
