using System.IO.Compression;
using ClosedXML.Excel;
using Portfolio.Core.Exports;
using Portfolio.Core.Text;

namespace Portfolio.Core.JuryPacks;

/// <summary>
/// <c>synthese.xlsx</c>: the cohort synthesis (<see cref="CohortSynthesis"/>) as a French workbook of six sheets,
/// Synthèse, Progression, Axes, Preuves, Intervision and Jury, one row per candidate where it fits. Every text a person
/// typed (names, titles, campaign and jury names, criteria, rooms, framework texts) goes through
/// <see cref="SpreadsheetText.Write"/>; numbers and dates are written as numbers and dates. No user text goes into a
/// data validation or a conditional format. Two builds of the same data at the same <c>createdAt</c> are byte-identical:
/// the document properties carry that moment and the archive's entries a fixed date.
/// </summary>
public static partial class SynthesisWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string FileName = "synthese.xlsx";

    private const double MinWidth = 6;
    private const double MaxWidth = 60;

    /// <summary>Colours of the level scale (low to high), the same steps as the heat-map page.</summary>
    private static readonly XLColor Low = XLColor.FromHtml("#FDE0DC");
    private static readonly XLColor Middle = XLColor.FromHtml("#FFF1C1");
    private static readonly XLColor High = XLColor.FromHtml("#D4EDDA");

    /// <summary>
    /// Writes the workbook to <paramref name="output"/>. <paramref name="createdAt"/> becomes the document's creation
    /// and modification date (a job passes the moment it was asked; it is never read from the clock here).
    /// </summary>
    public static void Write(CohortSynthesis synthesis, Stream output, DateTimeOffset createdAt)
    {
        using var workbook = new XLWorkbook();
        var moment = createdAt.UtcDateTime;
        workbook.Properties.Author = "Portfolio";
        workbook.Properties.LastModifiedBy = "Portfolio";
        workbook.Properties.Title = $"Synthèse — {synthesis.CohortName}";
        workbook.Properties.Created = moment;
        workbook.Properties.Modified = moment;

        Summary(workbook, synthesis);
        Progression(workbook, synthesis);
        Axes(workbook, synthesis);
        Evidence(workbook, synthesis);
        Intervision(workbook, synthesis);
        Jury(workbook, synthesis);

        using var built = new MemoryStream();
        workbook.SaveAs(built);
        built.Position = 0;
        Stamp(built, output, createdAt);
    }

    private static void Summary(XLWorkbook workbook, CohortSynthesis s)
    {
        var sheet = new Sheet(workbook, "Synthèse");
        var objectives = s.Framework.Objectives;
        sheet.Headers(["Nom", "Prénom", "Adresse e-mail", .. objectives.Select(o => o.Code), "Preuves", "Preuves pour l'évaluation", "Feedback reçus", "Dépôt", "Date du dépôt"]);
        foreach (var c in s.Candidates)
        {
            sheet.NewRow();
            sheet.Text(c.LastName);
            sheet.Text(c.FirstName);
            sheet.Text(c.Email);
            foreach (var o in objectives)
            {
                sheet.Number(s.LatestLevel(c.ParticipantId, o.Id)?.Level);
            }
            sheet.Number(s.EvidenceCount(c.ParticipantId));
            sheet.Number(s.EvidenceOf(c.ParticipantId).Count(e => e.MarkedForAssessment));
            sheet.Number(s.FeedbackReceived(c.ParticipantId));
            var submission = s.Submission(c.ParticipantId);
            sheet.Label(SubmissionStatus(submission));
            sheet.Date(submission?.SubmittedAt);
        }
        if (s.Candidates.Count > 0 && objectives.Count > 0 && s.Framework.Scale.Count > 0)
        {
            // Fixed colours and numeric bounds only: no user text in a conditional format.
            sheet.Worksheet.Range(2, 4, s.Candidates.Count + 1, 3 + objectives.Count).AddConditionalFormat().ColorScale()
                .Minimum(XLCFContentType.Number, s.Framework.Scale[0].Value, Low)
                .Midpoint(XLCFContentType.Percentile, 50, Middle)
                .Maximum(XLCFContentType.Number, s.Framework.MaxLevel, High);
        }
        sheet.Finish();
    }

    private static void Progression(XLWorkbook workbook, CohortSynthesis s)
    {
        var sheet = new Sheet(workbook, "Progression");
        sheet.Headers(["Nom", "Prénom", "Objectif", "Intitulé", "Première campagne", "Premier niveau", "Dernière campagne", "Dernier niveau", "Différence"]);
        foreach (var c in s.Candidates)
        {
            foreach (var o in s.Framework.Objectives)
            {
                if (s.FirstLevel(c.ParticipantId, o.Id) is not { } first || s.LatestLevel(c.ParticipantId, o.Id) is not { } last)
                {
                    continue;
                }
                sheet.NewRow();
                sheet.Text(c.LastName);
                sheet.Text(c.FirstName);
                sheet.Text(o.Code);
                sheet.Text(o.Title);
                sheet.Text(first.Campaign.Name);
                sheet.Number(first.Level);
                sheet.Text(last.Campaign.Name);
                sheet.Number(last.Level);
                sheet.Number(last.Level - first.Level);
            }
        }
        sheet.Finish();
    }

    private static void Axes(XLWorkbook workbook, CohortSynthesis s)
    {
        var sheet = new Sheet(workbook, "Axes");
        sheet.Headers(["Objectif", "Intitulé", .. s.Framework.Axes.Select(a => a.Code), "Preuves de l'objectif"]);
        foreach (var o in s.Framework.Objectives)
        {
            sheet.NewRow();
            sheet.Text(o.Code);
            sheet.Text(o.Title);
            foreach (var a in s.Framework.Axes)
            {
                sheet.Number(s.CoverageCount(o.Id, a.Id));
            }
            sheet.Number(s.Evidence.Count(e => e.ObjectiveIds.Contains(o.Id)));
        }
        sheet.Finish();
    }

    private static void Evidence(XLWorkbook workbook, CohortSynthesis s)
    {
        var sheet = new Sheet(workbook, "Preuves");
        sheet.Headers(["Nom", "Prénom", "Date", "Titre", "Nature", "Objectifs", "Axes"]);
        foreach (var c in s.Candidates)
        {
            foreach (var e in s.EvidenceOf(c.ParticipantId).Where(e => e.MarkedForAssessment))
            {
                sheet.NewRow();
                sheet.Text(c.LastName);
                sheet.Text(c.FirstName);
                sheet.Date(e.OccurredOn);
                sheet.Text(e.Title);
                sheet.Label(PortfolioPageBuilder.KindLabel(e.Kind));
                sheet.Text(string.Join(", ", s.Framework.ObjectivesOf(e.ObjectiveIds).Select(o => o.Code)));
                sheet.Text(string.Join(", ", s.Framework.AxesOf(e.AxisIds).Select(a => a.Code)));
            }
        }
        sheet.Finish();
    }

    private static void Intervision(XLWorkbook workbook, CohortSynthesis s)
    {
        var sheet = new Sheet(workbook, "Intervision");
        sheet.Headers(["Nom", "Prénom", "Feedback donnés", "Feedback reçus"]);
        foreach (var c in s.Candidates)
        {
            sheet.NewRow();
            sheet.Text(c.LastName);
            sheet.Text(c.FirstName);
            sheet.Number(s.FeedbackGiven(c.ParticipantId));
            sheet.Number(s.FeedbackReceived(c.ParticipantId));
        }
        sheet.Finish();
    }

    private static void Jury(XLWorkbook workbook, CohortSynthesis s)
    {
        var sheet = new Sheet(workbook, "Jury");
        sheet.Headers(["Nom", "Prénom", "Jury", "Examen", "Durée (minutes)", "Salle", .. s.Criteria.Select(c => c.Title)]);
        foreach (var c in s.Candidates)
        {
            sheet.NewRow();
            sheet.Text(c.LastName);
            sheet.Text(c.FirstName);
            var jury = s.Jury(c.ParticipantId);
            sheet.Text(jury?.JuryName);
            sheet.Moment(jury?.Exam?.StartsAt);
            sheet.Number(jury?.Exam?.Minutes);
            sheet.Text(jury?.Exam?.Room);
        }
        if (s.Criteria.Count > 0 && s.ScoringMaxLevel > 0)
        {
            // One column per criterion for the jury's notes, held to the grid's scale; the rule holds numbers only.
            var lastRow = Math.Max(2, s.Candidates.Count + 1);
            var validation = sheet.Worksheet.Range(2, 7, lastRow, 6 + s.Criteria.Count).SetDataValidation();
            validation.WholeNumber.Between(1, s.ScoringMaxLevel);
            validation.ErrorTitle = "Niveau hors échelle";
            validation.ErrorMessage = $"Un niveau entier de 1 à {s.ScoringMaxLevel}.";
            validation.ShowErrorMessage = true;
        }
        sheet.Finish();
    }

    private static string SubmissionStatus(CohortSynthesis.SubmissionRow? submission) => submission switch
    {
        null => "Non déposé",
        { Locked: false } => "Rouvert",
        { Number: 1 } => "Déposé",
        _ => $"Déposé (version {submission.Number})",
    };

    /// <summary>
    /// Copies the package so that the same workbook gives the same bytes: every entry dated <paramref name="createdAt"/>
    /// (the ZIP writer dates them with the clock), and the names System.IO.Packaging draws at random (the core
    /// properties part, named after a new GUID, and the package relationships' ids, "R" and 16 hex digits) replaced by
    /// fixed ones, consistently in every part that mentions them.
    /// </summary>
    private static void Stamp(Stream package, Stream output, DateTimeOffset createdAt)
    {
        // ZIP dates run from 1980; a DOS date has no zone, so the UTC wall-clock time is stored.
        var utc = createdAt.UtcDateTime < new DateTime(1980, 1, 2) ? new DateTime(1980, 1, 2) : createdAt.UtcDateTime;
        var date = new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Unspecified), TimeSpan.Zero);
        using var source = new ZipArchive(package, ZipArchiveMode.Read, leaveOpen: true);
        var parts = source.Entries.OrderBy(e => e.FullName == "[Content_Types].xml" ? 0 : 1).ThenBy(e => e.FullName, StringComparer.Ordinal)
            .Select(e =>
            {
                using var from = e.Open();
                using var bytes = new MemoryStream();
                from.CopyTo(bytes);
                return (Name: e.FullName, Bytes: bytes.ToArray());
            })
            .ToList();

        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        var n = 0;
        foreach (var (name, _) in parts.Where(p => RandomCoreProperties().IsMatch(p.Name)))
        {
            renames[name] = $"package/services/metadata/core-properties/core{(n++ == 0 ? "" : n.ToString(System.Globalization.CultureInfo.InvariantCulture))}.psmdcp";
        }
        var ids = 0;
        foreach (var (name, bytes) in parts.Where(p => p.Name.EndsWith(".rels", StringComparison.Ordinal)))
        {
            foreach (var id in RandomRelationshipId().Matches(System.Text.Encoding.UTF8.GetString(bytes)).Select(m => m.Groups[1].Value))
            {
                if (!renames.ContainsKey(id))
                {
                    renames[id] = $"rIdPkg{++ids}";
                }
            }
        }

        using var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var (name, bytes) in parts)
        {
            var content = bytes;
            if (renames.Count > 0 && (name.EndsWith(".rels", StringComparison.Ordinal) || name.EndsWith(".xml", StringComparison.Ordinal)))
            {
                var text = System.Text.Encoding.UTF8.GetString(bytes);
                var replaced = renames.Aggregate(text, (t, r) => t.Replace(r.Key, r.Value, StringComparison.Ordinal));
                content = replaced == text ? bytes : System.Text.Encoding.UTF8.GetBytes(replaced);
            }
            var copy = target.CreateEntry(renames.GetValueOrDefault(name, name), CompressionLevel.Optimal);
            copy.LastWriteTime = date;
            using var to = copy.Open();
            to.Write(content);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("^package/services/metadata/core-properties/[0-9a-f]{32}\\.psmdcp$")]
    private static partial System.Text.RegularExpressions.Regex RandomCoreProperties();

    [System.Text.RegularExpressions.GeneratedRegex("Id=\"(R[0-9a-f]{16})\"")]
    private static partial System.Text.RegularExpressions.Regex RandomRelationshipId();

    /// <summary>
    /// One worksheet being written row by row: a bold frozen header with filters, and column widths taken from the
    /// lengths of what was written (no AdjustToContents: it needs libgdiplus and measures every cell).
    /// </summary>
    private sealed class Sheet
    {
        private readonly List<int> lengths = [];
        private int row = 1;
        private int column;

        public Sheet(XLWorkbook workbook, string name) => Worksheet = workbook.Worksheets.Add(name);

        public IXLWorksheet Worksheet { get; }

        public void Headers(IReadOnlyList<string> headers)
        {
            foreach (var h in headers)
            {
                // Headers hold user text too (objective codes, criterion titles).
                Text(h);
            }
            Worksheet.Row(1).Style.Font.Bold = true;
        }

        public void NewRow()
        {
            row++;
            column = 0;
        }

        public void Text(string? text)
        {
            var cell = Next(text?.Length ?? 0);
            SpreadsheetText.Write(cell, text);
        }

        /// <summary>A fixed label of ours (a status, a kind): written through the same path all the same.</summary>
        public void Label(string text) => Text(text);

        public void Number(int? value)
        {
            var cell = Next(value?.ToString(System.Globalization.CultureInfo.InvariantCulture).Length ?? 0);
            if (value is { } v)
            {
                cell.SetValue(v);
            }
        }

        public void Date(DateOnly? value)
        {
            var cell = Next(10);
            if (value is { } d)
            {
                cell.SetValue(d.ToDateTime(TimeOnly.MinValue));
                cell.Style.DateFormat.Format = "dd/mm/yyyy";
            }
        }

        public void Date(DateTimeOffset? moment) => Date(moment is { } m ? Dates.InBrussels(m) : null);

        /// <summary>A moment in Brussels time, to the minute.</summary>
        public void Moment(DateTimeOffset? moment)
        {
            var cell = Next(16);
            if (moment is { } m)
            {
                cell.SetValue(TimeZoneInfo.ConvertTime(m, Dates.Brussels).DateTime);
                cell.Style.DateFormat.Format = "dd/mm/yyyy hh:mm";
            }
        }

        private IXLCell Next(int length)
        {
            column++;
            while (lengths.Count < column)
            {
                lengths.Add(0);
            }
            lengths[column - 1] = Math.Max(lengths[column - 1], length);
            return Worksheet.Cell(row, column);
        }

        public void Finish()
        {
            for (var i = 0; i < lengths.Count; i++)
            {
                Worksheet.Column(i + 1).Width = Math.Clamp(lengths[i] + 2, MinWidth, MaxWidth);
            }
            Worksheet.SheetView.FreezeRows(1);
            if (lengths.Count > 0)
            {
                Worksheet.Range(1, 1, Math.Max(row, 1), lengths.Count).SetAutoFilter();
            }
        }
    }
}
