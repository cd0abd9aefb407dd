using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Portfolio.Core.JuryPacks;

/// <summary>
/// Makes Chromium's PDFs a function of the HTML alone. Two prints of the same HTML by the same Chromium differ only in
/// the document information dictionary's <c>/CreationDate</c> and <c>/ModDate</c>, the second at which Skia wrote them
/// (checked on Chromium 156: Skia writes no <c>/ID</c> in the trailer and no XMP metadata, font subset tags are
/// sequential — AAAAAA+, BAAAAA+ — and page content is compressed the same way each time). Both dates are rewritten in
/// place with the job's moment, in Skia's own fixed-width format, so that no byte moves and the cross-reference table
/// stays right.
/// </summary>
internal static partial class PdfDeterminism
{
    // Latin-1 maps each byte to one char and back: positions in the string are positions in the file.
    private static readonly Encoding Bytes = Encoding.Latin1;

    public static byte[] Stamp(byte[] pdf, DateTimeOffset moment)
    {
        var text = Bytes.GetString(pdf);
        // The trailer is plain text at the end of Skia's PDFs (a classic xref table, no object streams).
        var info = InfoReference().Matches(text) is { Count: > 0 } refs ? refs[^1].Groups[1].Value : null;
        var start = info is null ? -1 : text.IndexOf($"\n{info} 0 obj\n", StringComparison.Ordinal);
        var end = start < 0 ? -1 : text.IndexOf("endobj", start, StringComparison.Ordinal);
        if (end < 0)
        {
            throw new InvalidOperationException("The PDF has no document information dictionary where Chromium puts one.");
        }
        var date = Format(moment);
        var stamped = pdf.ToArray();
        var found = 0;
        foreach (Match m in SkiaDate().Matches(text[start..end]))
        {
            Bytes.GetBytes(date).CopyTo(stamped, start + m.Groups["date"].Index);
            found++;
        }
        if (found != 2)
        {
            // Another Chromium writes its dates otherwise: better a failed print than PDFs that silently differ.
            throw new InvalidOperationException($"Expected Chromium's creation and modification dates in the PDF, found {found}.");
        }
        return stamped;
    }

    /// <summary>Skia's format: D:YYYYMMDDHHmmSS+HH'mm' (always 23 characters).</summary>
    internal static string Format(DateTimeOffset moment)
    {
        var offset = moment.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        offset = offset.Duration();
        return string.Create(CultureInfo.InvariantCulture, $"D:{moment:yyyyMMddHHmmss}{sign}{offset.Hours:00}'{offset.Minutes:00}'");
    }

    [GeneratedRegex(@"/Info (\d+) 0 R")]
    private static partial Regex InfoReference();

    [GeneratedRegex(@"/(?:CreationDate|ModDate) \((?<date>D:\d{14}[+-]\d{2}'\d{2}')\)")]
    private static partial Regex SkiaDate();
}
