using System.Diagnostics;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

/// <summary>
/// What the synthesis workbook's time is compared with: the same cells (same sheets, values, types and style indexes,
/// the same stylesheet) written with the Open XML SDK's forward-only <see cref="OpenXmlWriter"/>, the fastest way that
/// library offers. Reading the workbook is not timed; writing it, shared string table included, is.
/// </summary>
internal static class OpenXmlBaseline
{
    private sealed record CellData(string Reference, CellValues? Type, string Value, uint? Style);

    private sealed record RowData(uint Index, IReadOnlyList<CellData> Cells);

    private sealed record SheetCells(string Name, IReadOnlyList<RowData> Rows);

    /// <summary>The time the baseline takes to write the cells of <paramref name="xlsx"/> into memory.</summary>
    public static TimeSpan Time(byte[] xlsx)
    {
        var (sheets, styles) = Read(xlsx);
        // Once untimed, so that the baseline does not pay for the JIT of the SDK's writer when the workbook did not.
        Write(sheets, styles);
        var watch = Stopwatch.StartNew();
        Write(sheets, styles);
        return watch.Elapsed;
    }

    private static (List<SheetCells> Sheets, Stylesheet? Styles) Read(byte[] xlsx)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), isEditable: false);
        var workbook = document.WorkbookPart ?? throw new InvalidOperationException("No workbook part.");
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        var sheets = new List<SheetCells>();
        foreach (var sheet in workbook.Workbook.Sheets!.Elements<Sheet>())
        {
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
            var rows = part.Worksheet.Descendants<Row>().Select(r => new RowData(r.RowIndex!.Value, [.. r.Elements<Cell>().Select(c =>
            {
                var type = c.DataType?.Value;
                var value = type switch
                {
                    // Shared strings are read back as their text: the baseline builds its own table, as the workbook does.
                    CellValues.SharedString => shared[int.Parse(c.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)],
                    CellValues.InlineString => c.InlineString?.InnerText ?? "",
                    _ => c.CellValue?.Text ?? "",
                };
                return new CellData(c.CellReference!.Value!, type, value, c.StyleIndex?.Value);
            })])).ToList();
            sheets.Add(new SheetCells(sheet.Name!.Value!, rows));
        }
        return (sheets, workbook.WorkbookStylesPart?.Stylesheet.CloneNode(true) as Stylesheet);
    }

    private static void Write(List<SheetCells> sheets, Stylesheet? styles)
    {
        using var output = new MemoryStream();
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        if (styles is not null)
        {
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = (Stylesheet)styles.CloneNode(true);
        }
        var strings = new Dictionary<string, int>(StringComparer.Ordinal);
        var sheetList = new Sheets();
        uint sheetId = 0;
        foreach (var sheet in sheets)
        {
            var part = workbook.AddNewPart<WorksheetPart>();
            using (var writer = OpenXmlWriter.Create(part))
            {
                writer.WriteStartElement(new Worksheet());
                writer.WriteStartElement(new SheetData());
                foreach (var row in sheet.Rows)
                {
                    writer.WriteStartElement(new Row(), [new OpenXmlAttribute("r", "", row.Index.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
                    foreach (var cell in row.Cells)
                    {
                        WriteCell(writer, cell, strings);
                    }
                    writer.WriteEndElement();
                }
                writer.WriteEndElement();
                writer.WriteEndElement();
            }
            sheetList.Append(new Sheet { Name = sheet.Name, SheetId = ++sheetId, Id = workbook.GetIdOfPart(part) });
        }
        var table = workbook.AddNewPart<SharedStringTablePart>();
        using (var writer = OpenXmlWriter.Create(table))
        {
            writer.WriteStartElement(new SharedStringTable());
            foreach (var text in strings.OrderBy(s => s.Value).Select(s => s.Key))
            {
                writer.WriteElement(new SharedStringItem(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
            }
            writer.WriteEndElement();
        }
        workbook.Workbook = new Workbook(sheetList);
        workbook.Workbook.Save();
    }

    private static void WriteCell(OpenXmlWriter writer, CellData cell, Dictionary<string, int> strings)
    {
        var attributes = new List<OpenXmlAttribute>(3) { new("r", "", cell.Reference) };
        if (cell.Style is { } style)
        {
            attributes.Add(new("s", "", style.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        if (cell.Type == CellValues.InlineString)
        {
            attributes.Add(new("t", "", "inlineStr"));
            writer.WriteStartElement(new Cell(), attributes);
            writer.WriteElement(new InlineString(new Text(cell.Value) { Space = SpaceProcessingModeValues.Preserve }));
            writer.WriteEndElement();
            return;
        }
        var value = cell.Value;
        if (cell.Type == CellValues.SharedString)
        {
            attributes.Add(new("t", "", "s"));
            if (!strings.TryGetValue(value, out var index))
            {
                index = strings.Count;
                strings.Add(value, index);
            }
            value = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (cell.Type is { } type)
        {
            attributes.Add(new("t", "", TypeName(type)));
        }
        writer.WriteStartElement(new Cell(), attributes);
        if (value.Length > 0)
        {
            writer.WriteElement(new CellValue(value));
        }
        writer.WriteEndElement();
    }

    private static string TypeName(CellValues type) =>
        type == CellValues.Boolean ? "b" : type == CellValues.Number ? "n" : type == CellValues.Date ? "d" : type == CellValues.Error ? "e" : "str";
}
