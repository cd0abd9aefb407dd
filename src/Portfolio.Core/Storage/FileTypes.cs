using System.IO.Compression;
using System.Text;
using Portfolio.Core.Text;

namespace Portfolio.Core.Storage;

/// <summary>
/// The attachment types a portfolio accepts, each checked by extension AND by content: a program renamed
/// <c>.pdf</c> does not start like a PDF and is refused.
/// </summary>
public static class FileTypes
{
    private sealed record FileType(string ContentType, Func<Stream, bool> Matches);

    private static readonly Dictionary<string, FileType> Accepted = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = new("application/pdf", s => StartsWith(s, "%PDF-"u8)),
        [".png"] = new("image/png", s => StartsWith(s, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])),
        [".jpg"] = new("image/jpeg", s => StartsWith(s, [0xFF, 0xD8, 0xFF])),
        [".jpeg"] = new("image/jpeg", s => StartsWith(s, [0xFF, 0xD8, 0xFF])),
        [".docx"] = new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", s => OfficePackage(s, "word/")),
        [".xlsx"] = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", s => OfficePackage(s, "xl/")),
        [".pptx"] = new("application/vnd.openxmlformats-officedocument.presentationml.presentation", s => OfficePackage(s, "ppt/")),
        [".odt"] = new("application/vnd.oasis.opendocument.text", OpenDocumentText),
        [".txt"] = new("text/plain; charset=utf-8", Utf8Text),
        [".md"] = new("text/markdown; charset=utf-8", Utf8Text),
    };

    public static IReadOnlyCollection<string> Extensions => Accepted.Keys;

    /// <summary>
    /// The content type to serve the file with, or null when the extension is not accepted or the content does not match
    /// it. The stream must be seekable; it is rewound afterwards.
    /// </summary>
    public static string? Check(string fileName, Stream content)
    {
        if (!Accepted.TryGetValue(Path.GetExtension(fileName), out var type))
        {
            return null;
        }
        try
        {
            content.Position = 0;
            return type.Matches(content) ? type.ContentType : null;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or DecoderFallbackException)
        {
            return null;
        }
        finally
        {
            content.Position = 0;
        }
    }

    /// <summary>A name safe to store and to send back in Content-Disposition: no path, no control characters.</summary>
    public static string CleanName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        var clean = new string(name.Where(c => !char.IsControl(c) && c is not ('"' or '/' or ':' or '*' or '?' or '<' or '>' or '|')).ToArray()).Trim().TrimStart('.');
        var extension = Path.GetExtension(clean);
        var stem = Path.GetFileNameWithoutExtension(clean);
        if (stem.Length == 0)
        {
            stem = "fichier";
        }
        // Cut between characters as people see them: 200 emoji cut in the middle of one would not be text any more.
        return StorableText.Shorten(stem, 120) + extension.ToLowerInvariant();
    }

    private static bool StartsWith(Stream s, ReadOnlySpan<byte> signature)
    {
        Span<byte> head = stackalloc byte[signature.Length];
        return s.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length && head.SequenceEqual(signature);
    }

    private static bool OfficePackage(Stream s, string folder)
    {
        if (!StartsWith(s, "PK\u0003\u0004"u8))
        {
            return false;
        }
        s.Position = 0;
        using var zip = new ZipArchive(s, ZipArchiveMode.Read, leaveOpen: true);
        return zip.GetEntry("[Content_Types].xml") is not null && zip.Entries.Any(e => e.FullName.StartsWith(folder, StringComparison.Ordinal));
    }

    private static bool OpenDocumentText(Stream s)
    {
        if (!StartsWith(s, "PK\u0003\u0004"u8))
        {
            return false;
        }
        s.Position = 0;
        using var zip = new ZipArchive(s, ZipArchiveMode.Read, leaveOpen: true);
        using var reader = new StreamReader(zip.GetEntry("mimetype")?.Open() ?? Stream.Null);
        return reader.ReadToEnd().Trim() == "application/vnd.oasis.opendocument.text";
    }

    /// <summary>Text is valid UTF-8 without NUL bytes (which no text file has and every binary does).</summary>
    private static bool Utf8Text(Stream s)
    {
        var decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        var buffer = new byte[64 * 1024];
        var chars = new char[decoder.GetMaxCharCount(buffer.Length)];
        var d = decoder.GetDecoder();
        int read;
        while ((read = s.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (buffer.AsSpan(0, read).Contains((byte)0))
            {
                return false;
            }
            d.GetChars(buffer, 0, read, chars, 0, flush: false);
        }
        return true;
    }
}
