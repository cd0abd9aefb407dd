namespace Portfolio.Core.Text;

/// <summary>
/// Text written into a spreadsheet a person will open: Excel, LibreOffice and CSV importers take a cell beginning with
/// = + - @ (or a tab, a carriage return, a NUL) for a formula. Such text gets a leading apostrophe, the spreadsheets' own
/// "this is text" mark, so that a comment typed as "=HYPERLINK(...)" is shown, never run.
/// </summary>
public static class SpreadsheetText
{
    public static string Neutralise(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        return text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\0' ? "'" + text : text;
    }
}
