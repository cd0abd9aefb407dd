using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using ClosedXML.Excel;
using Portfolio.Core.Exports;
using Portfolio.Core.Text;

namespace Portfolio.Core.JuryPacks;

/// <summary>
/// <c>synthese.xlsx</c>: the cohort synthesis (<see cref="CohortSynthesis"/>) as a French workbook of six sheets,
/// Synthèse, Progression, Axes, Preuves, Intervision and Jury, one row per candidate where it fits. Every text a person
/// typed (names, titles, campaign and jury names, criteria, rooms, framework texts) is written as
/// <see cref="SpreadsheetText"/> says; numbers and dates are written as numbers and dates. No user text goes into a
/// data validation or a conditional format. Two builds of the same data at the same <c>createdAt</c> are byte-identical:
/// the document properties carry that moment and the archive's entries a fixed date.
/// <para>
/// ClosedXML makes the workbook: its sheets, column widths, frozen header, filters, colour scale, data validation,
/// properties and the cell formats. The cells themselves, over a hundred thousand for a cohort of 500, are streamed into
/// that workbook's sheets as it is copied (<see cref="Package"/>): ClosedXML 0.95 builds a document tree of every cell
/// before it writes one, which took three quarters of the workbook's time and most of its memory.
/// </para>
/// </summary>
public static partial class SynthesisWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string FileName = "synthese.xlsx";

    private const double MinWidth = 6;
    private const double MaxWidth = 60;

    private const string SpreadsheetMl = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

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
        var strings = new SharedStrings();
        Sheet[] sheets =
        [
            Summary(synthesis, strings), Progression(synthesis, strings), Axes(synthesis, strings),
            Evidence(synthesis, strings), Intervision(synthesis, strings), Jury(synthesis, strings),
        ];

        using var built = new MemoryStream();
        using (var workbook = new XLWorkbook())
        {
            var moment = createdAt.UtcDateTime;
            workbook.Properties.Author = "Portfolio";
            workbook.Properties.LastModifiedBy = "Portfolio";
            workbook.Properties.Title = $"Synthèse — {synthesis.CohortName}";
            workbook.Properties.Created = moment;
            workbook.Properties.Modified = moment;
            foreach (var sheet in sheets)
            {
                sheet.Frame(workbook);
            }
            CellFormats.Sample(workbook.Worksheet(1));
            workbook.SaveAs(built);
        }
        built.Position = 0;
        Package(built, sheets, strings, output, createdAt);
    }

    private static Sheet Summary(CohortSynthesis s, SharedStrings strings)
    {
        var sheet = new Sheet(strings, "Synthèse");
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
            sheet.Decorate(worksheet => worksheet.Range(2, 4, s.Candidates.Count + 1, 3 + objectives.Count).AddConditionalFormat().ColorScale()
                .Minimum(XLCFContentType.Number, s.Framework.Scale[0].Value, Low)
                .Midpoint(XLCFContentType.Percentile, 50, Middle)
                .Maximum(XLCFContentType.Number, s.Framework.MaxLevel, High));
        }
        return sheet;
    }

    private static Sheet Progression(CohortSynthesis s, SharedStrings strings)
    {
        var sheet = new Sheet(strings, "Progression");
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
        return sheet;
    }

    private static Sheet Axes(CohortSynthesis s, SharedStrings strings)
    {
        var sheet = new Sheet(strings, "Axes");
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
        return sheet;
    }

    private static Sheet Evidence(CohortSynthesis s, SharedStrings strings)
    {
        var sheet = new Sheet(strings, "Preuves");
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
        return sheet;
    }

    private static Sheet Intervision(CohortSynthesis s, SharedStrings strings)
    {
        var sheet = new Sheet(strings, "Intervision");
        sheet.Headers(["Nom", "Prénom", "Feedback donnés", "Feedback reçus"]);
        foreach (var c in s.Candidates)
        {
            sheet.NewRow();
            sheet.Text(c.LastName);
            sheet.Text(c.FirstName);
            sheet.Number(s.FeedbackGiven(c.ParticipantId));
            sheet.Number(s.FeedbackReceived(c.ParticipantId));
        }
        return sheet;
    }

    private static Sheet Jury(CohortSynthesis s, SharedStrings strings)
    {
        var sheet = new Sheet(strings, "Jury");
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
            sheet.Decorate(worksheet =>
            {
                var validation = worksheet.Range(2, 7, lastRow, 6 + s.Criteria.Count).SetDataValidation();
                validation.WholeNumber.Between(1, s.ScoringMaxLevel);
                validation.ErrorTitle = "Niveau hors échelle";
                validation.ErrorMessage = $"Un niveau entier de 1 à {s.ScoringMaxLevel}.";
                validation.ShowErrorMessage = true;
            });
        }
        return sheet;
    }

    private static string SubmissionStatus(CohortSynthesis.SubmissionRow? submission) => submission switch
    {
        null => "Non déposé",
        { Locked: false } => "Rouvert",
        { Number: 1 } => "Déposé",
        _ => $"Déposé (version {submission.Number})",
    };

    /// <summary>
    /// Copies the workbook ClosedXML saved into <paramref name="output"/>, streaming each sheet's rows into its
    /// <c>sheetData</c> (and its <c>dimension</c>) and writing the shared string table of those rows in place of
    /// ClosedXML's. The copy also makes the same workbook give the same bytes: every entry dated
    /// <paramref name="createdAt"/> (the ZIP writer dates them with the clock), and the names System.IO.Packaging draws at
    /// random (the core properties part, named after a new GUID, and the package relationships' ids, "R" and 16 hex
    /// digits) replaced by fixed ones, consistently in every part that mentions them.
    /// </summary>
    private static void Package(Stream package, IReadOnlyList<Sheet> sheets, SharedStrings strings, Stream output, DateTimeOffset createdAt)
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
            renames[name] = $"package/services/metadata/core-properties/core{(n++ == 0 ? "" : n.ToString(CultureInfo.InvariantCulture))}.psmdcp";
        }
        var ids = 0;
        foreach (var (name, bytes) in parts.Where(p => p.Name.EndsWith(".rels", StringComparison.Ordinal)))
        {
            foreach (var id in RandomRelationshipId().Matches(Encoding.UTF8.GetString(bytes)).Select(m => m.Groups[1].Value))
            {
                if (!renames.ContainsKey(id))
                {
                    renames[id] = $"rIdPkg{++ids}";
                }
            }
        }

        var (sheetParts, stringsPart) = WorkbookParts(parts);
        var sheetOfPart = sheetParts.Zip(sheets).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        var formats = CellFormats.Read(parts.Single(p => p.Name == sheetParts[0]).Bytes);

        using var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var (name, bytes) in parts)
        {
            var entry = target.CreateEntry(renames.GetValueOrDefault(name, name), CompressionLevel.Optimal);
            entry.LastWriteTime = date;
            using var to = entry.Open();
            var content = bytes;
            if (renames.Count > 0 && (name.EndsWith(".rels", StringComparison.Ordinal) || name.EndsWith(".xml", StringComparison.Ordinal)))
            {
                var text = Encoding.UTF8.GetString(bytes);
                var replaced = renames.Aggregate(text, (t, r) => t.Replace(r.Key, r.Value, StringComparison.Ordinal));
                content = replaced == text ? bytes : Encoding.UTF8.GetBytes(replaced);
            }
            if (sheetOfPart.TryGetValue(name, out var sheet))
            {
                sheet.WriteInto(content, to, formats);
            }
            else if (name == stringsPart)
            {
                strings.Write(to);
            }
            else
            {
                to.Write(content);
            }
        }
    }

    /// <summary>
    /// The parts of the workbook's sheets, in the workbook's order, and of its shared string table: from the package's
    /// relationships to the workbook, then from the workbook's sheet list through its relationships.
    /// </summary>
    private static (List<string> Sheets, string SharedStrings) WorkbookParts(List<(string Name, byte[] Bytes)> parts)
    {
        static bool OfType(XElement relationship, string type) => ((string)relationship.Attribute("Type")!).EndsWith(type, StringComparison.Ordinal);
        var workbook = Resolve("", (string)Xml(parts, "_rels/.rels").Root!.Elements().Single(r => OfType(r, "/officeDocument")).Attribute("Target")!);
        var folder = workbook[..(workbook.LastIndexOf('/') + 1)];
        var relationships = Xml(parts, $"{folder}_rels/{workbook[folder.Length..]}.rels").Root!.Elements().ToList();
        var targets = relationships.ToDictionary(r => (string)r.Attribute("Id")!, r => Resolve(folder, (string)r.Attribute("Target")!));
        XNamespace relationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        List<string> sheets = [.. Xml(parts, workbook).Root!.Element(XName.Get("sheets", SpreadsheetMl))!.Elements()
            .Select(sheet => targets[(string)sheet.Attribute(relationship + "id")!])];
        return (sheets, targets[(string)relationships.Single(r => OfType(r, "/sharedStrings")).Attribute("Id")!]);
    }

    private static XDocument Xml(List<(string Name, byte[] Bytes)> parts, string name)
    {
        using var stream = new MemoryStream(parts.Single(p => p.Name == name).Bytes);
        return XDocument.Load(stream);
    }

    /// <summary>A relationship's target as a part name: absolute ("/xl/…") or relative to the folder of its source.</summary>
    private static string Resolve(string folder, string target) =>
        target.StartsWith('/') ? target[1..] : folder + target;

    [System.Text.RegularExpressions.GeneratedRegex("^package/services/metadata/core-properties/[0-9a-f]{32}\\.psmdcp$")]
    private static partial System.Text.RegularExpressions.Regex RandomCoreProperties();

    [System.Text.RegularExpressions.GeneratedRegex("Id=\"(R[0-9a-f]{16})\"")]
    private static partial System.Text.RegularExpressions.Regex RandomRelationshipId();

    private enum CellKind : byte
    {
        Text,
        QuotedText,
        Number,
        Date,
        Moment,
        Header,
        QuotedHeader,
    }

    /// <summary>A cell of a row: its kind and its number (the shared string's index for text).</summary>
    private readonly record struct Cell(int Column, CellKind Kind, double Value);

    /// <summary>
    /// The cell formats the rows use, as ClosedXML defines them: one sample cell of each kind is written on the first
    /// sheet's first row (<see cref="Sample"/>), and its format index read back from the saved sheet (<see cref="Read"/>).
    /// The samples never reach the result: that row is replaced by the sheet's own.
    /// </summary>
    private static class CellFormats
    {
        public static void Sample(IXLWorksheet sheet)
        {
            foreach (var kind in Enum.GetValues<CellKind>())
            {
                var cell = sheet.Cell(1, (int)kind + 1);
                switch (kind)
                {
                    case CellKind.Text or CellKind.Header:
                        SpreadsheetText.Write(cell, "texte");
                        break;
                    case CellKind.QuotedText or CellKind.QuotedHeader:
                        SpreadsheetText.Write(cell, "=texte");
                        break;
                    case CellKind.Number:
                        cell.SetValue(1);
                        break;
                    case CellKind.Date:
                        cell.SetValue(new DateTime(2000, 1, 1));
                        cell.Style.DateFormat.Format = "dd/mm/yyyy";
                        break;
                    case CellKind.Moment:
                        cell.SetValue(new DateTime(2000, 1, 1));
                        cell.Style.DateFormat.Format = "dd/mm/yyyy hh:mm";
                        break;
                }
                if (kind is CellKind.Header or CellKind.QuotedHeader)
                {
                    cell.Style.Font.Bold = true;
                }
            }
        }

        /// <summary>The format index (<c>s</c>) of each kind, from the first row of the saved first sheet.</summary>
        public static int[] Read(byte[] firstSheet)
        {
            using var stream = new MemoryStream(firstSheet);
            var row = XDocument.Load(stream).Descendants(XName.Get("row", SpreadsheetMl)).First();
            var formats = new int[Enum.GetValues<CellKind>().Length];
            foreach (var cell in row.Elements(XName.Get("c", SpreadsheetMl)))
            {
                var column = ColumnNumber((string)cell.Attribute("r")!);
                if (column <= formats.Length)
                {
                    formats[column - 1] = (int?)cell.Attribute("s") ?? 0;
                }
            }
            return formats;
        }

        private static int ColumnNumber(string reference) =>
            reference.TakeWhile(char.IsAsciiLetter).Aggregate(0, (n, letter) => n * 26 + letter - 'A' + 1);
    }

    /// <summary>The workbook's shared string table: each distinct text once, the cells pointing at it by index.</summary>
    private sealed class SharedStrings
    {
        private readonly Dictionary<string, int> indexes = new(StringComparer.Ordinal);
        private readonly List<string> texts = [];
        private int references;

        public int Index(string text)
        {
            references++;
            if (!indexes.TryGetValue(text, out var index))
            {
                index = texts.Count;
                indexes.Add(text, index);
                texts.Add(text);
            }
            return index;
        }

        public void Write(Stream to)
        {
            using var writer = XmlWriter.Create(to, WriterSettings);
            writer.WriteStartDocument(true);
            writer.WriteStartElement("sst", SpreadsheetMl);
            writer.WriteAttributeString("count", references.ToString(CultureInfo.InvariantCulture));
            writer.WriteAttributeString("uniqueCount", texts.Count.ToString(CultureInfo.InvariantCulture));
            foreach (var text in texts)
            {
                writer.WriteStartElement("si", SpreadsheetMl);
                writer.WriteStartElement("t", SpreadsheetMl);
                writer.WriteAttributeString("xml", "space", null, "preserve");
                writer.WriteString(text);
                writer.WriteEndElement();
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
        }
    }

    private static readonly XmlWriterSettings WriterSettings = new() { Encoding = new UTF8Encoding(false), CloseOutput = false };

    /// <summary>
    /// One worksheet written row by row: a bold header (frozen, with filters), then the rows; column widths are taken from
    /// the lengths of what was written (no AdjustToContents: it needs libgdiplus and measures every cell). The cells are
    /// kept compact until <see cref="WriteInto"/> streams them into the sheet ClosedXML framed (<see cref="Frame"/>).
    /// </summary>
    private sealed class Sheet(SharedStrings strings, string name)
    {
        private readonly List<int> lengths = [];
        private readonly List<Cell> cells = [];
        private readonly List<int> rowStarts = [];
        private readonly List<Action<IXLWorksheet>> decorations = [];
        private int column;
        private bool inHeader;

        private int LastRow => rowStarts.Count;

        public void Headers(IReadOnlyList<string> headers)
        {
            inHeader = true;
            NewRow();
            foreach (var h in headers)
            {
                // Headers hold user text too (objective codes, criterion titles).
                Text(h);
            }
            inHeader = false;
        }

        public void NewRow()
        {
            rowStarts.Add(cells.Count);
            column = 0;
        }

        public void Text(string? text)
        {
            var value = SpreadsheetText.CellText(text);
            var quoted = SpreadsheetText.LooksLikeFormula(text);
            var kind = inHeader ? (quoted ? CellKind.QuotedHeader : CellKind.Header) : quoted ? CellKind.QuotedText : CellKind.Text;
            // An empty text is an empty cell, as ClosedXML writes it.
            Next(value.Length, value.Length == 0 ? null : kind, value.Length == 0 ? 0 : strings.Index(value));
        }

        /// <summary>A fixed label of ours (a status, a kind): written through the same path all the same.</summary>
        public void Label(string text) => Text(text);

        public void Number(int? value) =>
            Next(value?.ToString(CultureInfo.InvariantCulture).Length ?? 0, value is null ? null : CellKind.Number, value ?? 0);

        public void Date(DateOnly? value) =>
            Next(10, value is null ? null : CellKind.Date, value?.ToDateTime(TimeOnly.MinValue).ToOADate() ?? 0);

        public void Date(DateTimeOffset? moment) => Date(moment is { } m ? Dates.InBrussels(m) : null);

        /// <summary>A moment in Brussels time, to the minute.</summary>
        public void Moment(DateTimeOffset? moment) =>
            Next(16, moment is null ? null : CellKind.Moment, moment is { } m ? TimeZoneInfo.ConvertTime(m, Dates.Brussels).DateTime.ToOADate() : 0);

        /// <summary>Work ClosedXML does on the framed sheet (a colour scale, a validation), knowing where the rows end.</summary>
        public void Decorate(Action<IXLWorksheet> decoration) => decorations.Add(decoration);

        /// <summary>Moves to the next column, which holds a cell of <paramref name="kind"/> (or stays empty).</summary>
        private void Next(int length, CellKind? kind, double value)
        {
            column++;
            while (lengths.Count < column)
            {
                lengths.Add(0);
            }
            lengths[column - 1] = Math.Max(lengths[column - 1], length);
            if (kind is { } k)
            {
                cells.Add(new Cell(column, k, value));
            }
        }

        /// <summary>The sheet in ClosedXML, without its cells: widths, the frozen header row, the filters, the decorations.</summary>
        public void Frame(XLWorkbook workbook)
        {
            var worksheet = workbook.Worksheets.Add(name);
            for (var i = 0; i < lengths.Count; i++)
            {
                worksheet.Column(i + 1).Width = Math.Clamp(lengths[i] + 2, MinWidth, MaxWidth);
            }
            worksheet.SheetView.FreezeRows(1);
            if (lengths.Count > 0)
            {
                worksheet.Range(1, 1, Math.Max(LastRow, 1), lengths.Count).SetAutoFilter();
            }
            foreach (var decoration in decorations)
            {
                decoration(worksheet);
            }
        }

        /// <summary>
        /// Copies the sheet part ClosedXML wrote (<paramref name="framed"/>) to <paramref name="to"/>, with this sheet's
        /// rows as its data and their range as its dimension.
        /// </summary>
        public void WriteInto(byte[] framed, Stream to, int[] formats)
        {
            using var reader = XmlReader.Create(new MemoryStream(framed));
            using var writer = XmlWriter.Create(to, WriterSettings);
            writer.WriteStartDocument(true);
            reader.MoveToContent();
            writer.WriteStartElement(reader.Prefix, reader.LocalName, reader.NamespaceURI);
            writer.WriteAttributes(reader, true);
            reader.Read();
            while (!reader.EOF && reader.NodeType != XmlNodeType.EndElement)
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    reader.Read();
                }
                else if (reader.LocalName == "dimension")
                {
                    writer.WriteStartElement("dimension", SpreadsheetMl);
                    writer.WriteAttributeString("ref", LastRow == 0 || lengths.Count == 0 ? "A1" : $"A1:{ColumnName(lengths.Count)}{LastRow}");
                    writer.WriteEndElement();
                    reader.Skip();
                }
                else if (reader.LocalName == "sheetData")
                {
                    WriteRows(writer, formats);
                    reader.Skip();
                }
                else
                {
                    writer.WriteNode(reader, true);
                }
            }
            writer.WriteEndElement();
        }

        private void WriteRows(XmlWriter writer, int[] formats)
        {
            var columnNames = Enumerable.Range(1, lengths.Count).Select(ColumnName).ToArray();
            writer.WriteStartElement("sheetData", SpreadsheetMl);
            for (var r = 0; r < rowStarts.Count; r++)
            {
                var rowNumber = (r + 1).ToString(CultureInfo.InvariantCulture);
                writer.WriteStartElement("row", SpreadsheetMl);
                writer.WriteAttributeString("r", rowNumber);
                var end = r + 1 < rowStarts.Count ? rowStarts[r + 1] : cells.Count;
                for (var i = rowStarts[r]; i < end; i++)
                {
                    var cell = cells[i];
                    writer.WriteStartElement("c", SpreadsheetMl);
                    writer.WriteAttributeString("r", columnNames[cell.Column - 1] + rowNumber);
                    if (formats[(int)cell.Kind] != 0)
                    {
                        writer.WriteAttributeString("s", formats[(int)cell.Kind].ToString(CultureInfo.InvariantCulture));
                    }
                    if (cell.Kind is CellKind.Text or CellKind.QuotedText or CellKind.Header or CellKind.QuotedHeader)
                    {
                        writer.WriteAttributeString("t", "s");
                    }
                    writer.WriteElementString("v", SpreadsheetMl, cell.Value.ToString("R", CultureInfo.InvariantCulture));
                    writer.WriteEndElement();
                }
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
        }

        /// <summary>A column's letters: 1 is A, 27 is AA.</summary>
        private static string ColumnName(int number)
        {
            var letters = "";
            for (; number > 0; number = (number - 1) / 26)
            {
                letters = (char)('A' + (number - 1) % 26) + letters;
            }
            return letters;
        }
    }
}
