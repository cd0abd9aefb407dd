using System.Net.Mail;
using System.Text;
using ClosedXML.Excel;
using Portfolio.Core.Accounts;
using Portfolio.Core.Text;

namespace Portfolio.Core.Cohorts;

/// <summary>One person of an uploaded participant list; <see cref="Row"/> is the line or row number the coordinator sees.</summary>
public sealed record ParticipantRow(int Row, string Email, string FirstName, string LastName, string? Organisation);

/// <summary>A problem of one row (0 for the file itself); the message is French and also the translation key.</summary>
public sealed record RowProblem(int Row, string Message, params object[] Arguments);

/// <summary>
/// Reads a participant list (CSV with ; or , separators, or XLSX) with the columns email, first name, last name,
/// organisation, in French or English, and checks every row. A list with any problem must import nothing.
/// </summary>
public static class ParticipantList
{
    private static readonly Dictionary<string, string> HeaderAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["email"] = "email", ["e-mail"] = "email", ["courriel"] = "email", ["adresse e-mail"] = "email", ["mail"] = "email",
        ["prénom"] = "first", ["prenom"] = "first", ["first name"] = "first", ["firstname"] = "first", ["first_name"] = "first",
        ["nom"] = "last", ["nom de famille"] = "last", ["last name"] = "last", ["lastname"] = "last", ["last_name"] = "last",
        ["organisation"] = "organisation", ["organization"] = "organisation", ["organisme"] = "organisation", ["employeur"] = "organisation",
    };

    public static (IReadOnlyList<ParticipantRow> Rows, IReadOnlyList<RowProblem> Problems) Read(Stream content, string fileName)
    {
        List<string[]> lines;
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        try
        {
            lines = extension switch
            {
                ".csv" or ".txt" => ReadCsv(content),
                ".xlsx" => ReadXlsx(content),
                _ => throw new FormatException(),
            };
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or IOException or ArgumentException or InvalidOperationException)
        {
            return ([], [new RowProblem(0, "Le fichier doit être une liste CSV ou un classeur XLSX lisible.")]);
        }
        return Check(lines);
    }

    /// <summary>Checks rows already split into cells; the first line holds the headers.</summary>
    public static (IReadOnlyList<ParticipantRow> Rows, IReadOnlyList<RowProblem> Problems) Check(IReadOnlyList<string[]> lines)
    {
        if (lines.Count == 0)
        {
            return ([], [new RowProblem(0, "Le fichier est vide.")]);
        }
        var columns = new Dictionary<string, int>();
        for (var i = 0; i < lines[0].Length; i++)
        {
            if (HeaderAliases.TryGetValue(lines[0][i].Trim(), out var column))
            {
                columns.TryAdd(column, i);
            }
        }
        var missing = new[] { "email", "first", "last" }.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            return ([], [new RowProblem(1, "La première ligne doit nommer les colonnes email, prénom, nom et organisation.")]);
        }

        var rows = new List<ParticipantRow>();
        var problems = new List<RowProblem>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 1; i < lines.Count; i++)
        {
            var cells = lines[i];
            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            var rowNumber = i + 1;
            string Cell(string column) => columns.TryGetValue(column, out var index) && index < cells.Length ? cells[index].Trim() : "";
            var row = new ParticipantRow(rowNumber, Cell("email"), Cell("first"), Cell("last"), Cell("organisation") is { Length: > 0 } o ? o : null);

            if (row.Email.Length == 0)
            {
                problems.Add(new RowProblem(rowNumber, "L'adresse e-mail manque."));
            }
            else if (row.Email.Length > AppUser.EmailLength)
            {
                problems.Add(new RowProblem(rowNumber, "L'adresse e-mail compte plus de {0} caractères.", AppUser.EmailLength));
            }
            else if (!IsEmail(row.Email))
            {
                problems.Add(new RowProblem(rowNumber, "L'adresse e-mail « {0} » n'est pas valide.", row.Email));
            }
            else if (seen.TryGetValue(row.Email, out var first))
            {
                problems.Add(new RowProblem(rowNumber, "L'adresse e-mail « {0} » figure déjà à la ligne {1}.", row.Email, first));
            }
            else
            {
                seen[row.Email] = rowNumber;
            }
            if (row.FirstName.Length == 0)
            {
                problems.Add(new RowProblem(rowNumber, "Le prénom manque."));
            }
            else if (StorableText.Length(row.FirstName) > AppUser.NameLength)
            {
                problems.Add(new RowProblem(rowNumber, "Le prénom compte plus de {0} caractères.", AppUser.NameLength));
            }
            if (row.LastName.Length == 0)
            {
                problems.Add(new RowProblem(rowNumber, "Le nom manque."));
            }
            else if (StorableText.Length(row.LastName) > AppUser.NameLength)
            {
                problems.Add(new RowProblem(rowNumber, "Le nom compte plus de {0} caractères.", AppUser.NameLength));
            }
            if (row.Organisation is { } organisation && StorableText.Length(organisation) > AppUser.OrganisationLength)
            {
                problems.Add(new RowProblem(rowNumber, "L'organisation compte plus de {0} caractères.", AppUser.OrganisationLength));
            }
            if (cells.Select(StorableText.FirstRefused).FirstOrDefault(c => c is not null) is { } refused)
            {
                problems.Add(new RowProblem(rowNumber, "La ligne contient un caractère de contrôle invisible ({0}) qui ne peut pas être enregistré.", StorableText.Name(refused)));
            }
            rows.Add(row);
        }
        if (rows.Count == 0 && problems.Count == 0)
        {
            problems.Add(new RowProblem(0, "Le fichier ne contient aucun participant."));
        }
        return (rows, problems);
    }

    public static bool IsEmail(string value) =>
        value.Length <= 254
        && MailAddress.TryCreate(value, out var address)
        && address.Address == value
        && address.Host.Contains('.')
        && !value.Contains(' ');

    private static List<string[]> ReadCsv(Stream content)
    {
        using var buffer = new MemoryStream();
        content.CopyTo(buffer);
        var text = Decode(buffer.ToArray());
        var firstLine = text.Split('\n', 2)[0];
        // Spreadsheets saved as CSV in French locales use ';', others ','; Excel's "Unicode text" uses tabs.
        var separator = new[] { ';', ',', '\t' }.MaxBy(s => firstLine.Count(c => c == s));
        return SplitCsv(text, separator);
    }

    static ParticipantList() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>
    /// The text of a CSV file: UTF-8 (with or without its mark) or UTF-16 with its mark; anything else is what Excel on
    /// Windows writes, Windows-1252, in which every byte is a character ("Hélène" saved by Excel is not valid UTF-8).
    /// </summary>
    public static string Decode(byte[] bytes)
    {
        if (bytes is [0xFF, 0xFE, ..])
        {
            return Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
        }
        if (bytes is [0xFE, 0xFF, ..])
        {
            return Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2);
        }
        var start = bytes is [0xEF, 0xBB, 0xBF, ..] ? 3 : 0;
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding(1252).GetString(bytes);
        }
    }

    /// <summary>RFC 4180 splitting: quoted cells may hold separators, doubled quotes and line breaks.</summary>
    private static List<string[]> SplitCsv(string text, char separator)
    {
        var lines = new List<string[]>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') { quoted = false; }
                else { cell.Append(c); }
            }
            else if (c == '"' && cell.Length == 0) { quoted = true; }
            else if (c == separator) { cells.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') { i++; }
                cells.Add(cell.ToString());
                cell.Clear();
                lines.Add([.. cells]);
                cells.Clear();
            }
            else { cell.Append(c); }
        }
        if (cell.Length > 0 || cells.Count > 0)
        {
            cells.Add(cell.ToString());
            lines.Add([.. cells]);
        }
        return lines;
    }

    private static List<string[]> ReadXlsx(Stream content)
    {
        // ClosedXML needs a seekable stream; uploads are small lists.
        using var buffer = new MemoryStream();
        content.CopyTo(buffer);
        buffer.Position = 0;
        XLWorkbook workbook;
        try
        {
            workbook = new XLWorkbook(buffer);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // ClosedXML and the Open XML SDK throw many kinds of exception for a package that is not a workbook (a zip
            // without one, a part missing): each means the same to the coordinator.
            throw new FormatException("Not a readable workbook.", e);
        }
        using var _ = workbook;
        var sheet = workbook.Worksheets.First();
        var used = sheet.RangeUsed();
        if (used is null)
        {
            return [];
        }
        var lastColumn = used.LastColumn().ColumnNumber();
        var lines = new List<string[]>();
        for (var r = 1; r <= used.LastRow().RowNumber(); r++)
        {
            var row = sheet.Row(r);
            lines.Add([.. Enumerable.Range(1, lastColumn).Select(c => row.Cell(c).GetFormattedString())]);
        }
        return lines;
    }
}
