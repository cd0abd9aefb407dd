using System.Xml;
using ClosedXML.Excel;

namespace Portfolio.Core.Text;

/// <summary>
/// Text written into a spreadsheet a person will open: Excel, LibreOffice and CSV importers take a cell beginning with
/// = + - @ (or a tab, a carriage return, a NUL) for a formula (OWASP ASVS 1.2.10). The one path for user text:
/// <list type="bullet">
/// <item>in a workbook, <see cref="Write"/>: the text is stored as a text cell, as typed (never parsed into a
/// number, a date or a formula), and formula-like text also gets the cell's "quote prefix" (the spreadsheets' own
/// "this is text" mark, shown as a leading apostrophe in the formula bar, kept when the cell is edited): it reads back
/// as the same text and is never run. Only line breaks change: a carriage return is written as a line feed
/// (<see cref="Lines"/>), since a workbook cannot keep a bare one;</item>
/// <item>in plain text (CSV), <see cref="Neutralise"/>: a leading apostrophe, since such a file has no styles.</item>
/// </list>
/// </summary>
public static class SpreadsheetText
{
    /// <summary>Whether a spreadsheet program could take this text for a formula.</summary>
    public static bool LooksLikeFormula(string? text) =>
        !string.IsNullOrEmpty(text) && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\0';

    /// <summary>For plain-text exports: formula-like text gets a leading apostrophe.</summary>
    public static string Neutralise(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        return LooksLikeFormula(text) ? "'" + text : text;
    }

    /// <summary>Writes user text into a workbook cell: as text, unchanged, quote-prefixed when it looks like a formula.</summary>
    public static void Write(IXLCell cell, string? text)
    {
        // SetValue<string> stores text as is; assigning Value would parse "12" or "2024-01-01" into a number or a date.
        cell.SetValue<string>(CellText(text));
        cell.DataType = XLDataType.Text;
        if (LooksLikeFormula(text))
        {
            cell.Style.IncludeQuotePrefix = true;
        }
    }

    /// <summary>
    /// The text a workbook's text cell holds for <paramref name="text"/>. A workbook cannot carry a bare carriage return
    /// (XML readers turn it into a line feed): a line break is written as a line feed, which is what the text meant. A
    /// character XML cannot carry (a NUL, other control characters) becomes U+FFFD, or the file would not open; PostgreSQL
    /// refuses NUL in text anyway, so stored text never loses anything here. A writer that puts text cells in a workbook
    /// without <see cref="Write"/> (the synthesis workbook's rows) writes this, and quote-prefixes what
    /// <see cref="LooksLikeFormula"/> says.
    /// </summary>
    public static string CellText(string? text)
    {
        var lines = Lines(text ?? "");
        foreach (var ch in lines)
        {
            if (!XmlConvert.IsXmlChar(ch) && !char.IsSurrogate(ch))
            {
                return string.Concat(lines.Select(c => XmlConvert.IsXmlChar(c) || char.IsSurrogate(c) ? c : '\uFFFD'));
            }
        }
        return lines;
    }

    /// <summary>Line breaks as a workbook keeps them: CR LF and a lone CR become LF.</summary>
    public static string Lines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    /// <summary>
    /// Cells of a workbook holding formula-like text without the quote prefix, or holding a formula: what escaped
    /// <see cref="Write"/>. Tests scan every generated workbook with it.
    /// </summary>
    public static IReadOnlyList<string> UnsafeCells(XLWorkbook workbook) =>
        [.. workbook.Worksheets.SelectMany(s => s.CellsUsed())
            .Where(c => c.HasFormula || (c.DataType == XLDataType.Text && LooksLikeFormula(c.GetString()) && !c.Style.IncludeQuotePrefix))
            .Select(c => $"{c.Worksheet.Name}!{c.Address}")];
}
