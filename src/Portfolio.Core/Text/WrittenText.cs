namespace Portfolio.Core.Text;

/// <summary>
/// How a person's long texts (descriptions, reflections, justifications, journal bodies) are kept: exactly as typed,
/// indentation, tabs and blank lines included, since in Markdown they carry meaning (a poem, a quoted e-mail, a list
/// continued). Only a text of nothing but white space counts as empty. Short identifiers (titles, e-mails, codes) are
/// trimmed where they are read instead.
/// </summary>
public static class WrittenText
{
    public static string AsTyped(string? text) => string.IsNullOrWhiteSpace(text) ? "" : text;
}
