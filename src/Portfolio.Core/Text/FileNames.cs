using System.Globalization;
using System.Text;

namespace Portfolio.Core.Text;

/// <summary>Names of files and archive entries made from what people typed: ASCII only, so that every system, archive tool and mail client keeps them.</summary>
public static class FileNames
{
    /// <summary>"Éloïse d'Ath" → "eloise-d-ath": letters and digits without accents, anything else a single hyphen, at most <paramref name="maxLength"/> characters.</summary>
    public static string Slug(string text, int maxLength = 60)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }
        var slug = builder.ToString().Trim('-');
        return slug.Length > maxLength ? slug[..maxLength].Trim('-') : slug;
    }

    /// <summary>
    /// An uploaded file's name as the last part of an archive entry: its name and extension slugged apart (so that
    /// "../../x.pdf", "a/b.docx" or a name of control characters can neither climb out of a folder nor hide its type).
    /// </summary>
    public static string Entry(string fileName, string fallback = "fichier")
    {
        var extension = Slug(Path.GetExtension(fileName).TrimStart('.'), 10);
        var name = Slug(Path.GetFileNameWithoutExtension(fileName));
        name = name.Length > 0 ? name : fallback;
        return extension.Length > 0 ? $"{name}.{extension}" : name;
    }
}
