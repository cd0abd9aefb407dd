using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Portfolio.Core.Text;

/// <summary>
/// What text the database can keep. PostgreSQL refuses the NUL character in text and a value longer than its
/// <c>varchar(n)</c> column; the XML inside the XLSX exports refuses the other control characters, which no keyboard
/// types anyway. Tab, line feed and carriage return are text. Forms, participant lists and framework documents refuse
/// such input with a message; <see cref="Check"/> is the last line, run on every save.
/// </summary>
public static class StorableText
{
    public static bool IsRefused(char c) => char.IsControl(c) && c is not ('\t' or '\n' or '\r');

    /// <summary>The first character the database cannot keep, or null.</summary>
    public static char? FirstRefused(string text)
    {
        foreach (var c in text)
        {
            if (IsRefused(c))
            {
                return c;
            }
        }
        return null;
    }

    /// <summary>How PostgreSQL counts a <c>varchar(n)</c>: characters (code points), so an emoji counts once.</summary>
    public static int Length(string text)
    {
        var length = text.Length;
        foreach (var c in text)
        {
            if (char.IsLowSurrogate(c))
            {
                length--;
            }
        }
        return length;
    }

    /// <summary>"U+0000": how a message names an invisible character.</summary>
    public static string Name(char c) => $"U+{(int)c:X4}";

    /// <summary>
    /// At most <paramref name="max"/> characters of <paramref name="text"/>, cut between two text elements (an emoji with
    /// its modifiers, a letter with its accents), never inside one.
    /// </summary>
    public static string Shorten(string text, int max)
    {
        if (Length(text) <= max)
        {
            return text;
        }
        var cut = new StringBuilder();
        var enumerator = System.Globalization.StringInfo.GetTextElementEnumerator(text);
        var length = 0;
        while (enumerator.MoveNext())
        {
            var element = enumerator.GetTextElement();
            length += Length(element);
            if (length > max)
            {
                break;
            }
            cut.Append(element);
        }
        return cut.ToString();
    }

    /// <summary>Refuses a save holding text the database would refuse, before any command is sent.</summary>
    public static void Check(ChangeTracker changes)
    {
        foreach (var entry in changes.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }
            foreach (var property in entry.Properties)
            {
                if (property.CurrentValue is not string value || (entry.State == EntityState.Modified && !property.IsModified))
                {
                    continue;
                }
                if (FirstRefused(value) is { } refused)
                {
                    throw new TextNotStorableException(entry.Metadata.ClrType.Name, property.Metadata.Name, $"holds the control character {Name(refused)}");
                }
                if (property.Metadata.GetMaxLength() is { } max && value.Length > max && Length(value) > max)
                {
                    throw new TextNotStorableException(entry.Metadata.ClrType.Name, property.Metadata.Name, $"is longer than {max} characters", max);
                }
            }
        }
    }
}

/// <summary>A save refused by <see cref="StorableText.Check"/>: nothing was sent to the database.</summary>
public sealed class TextNotStorableException(string entity, string property, string problem, int? maxLength = null)
    : Exception($"{entity}.{property} {problem}")
{
    /// <summary>The column's length when the text was too long; null for a refused character.</summary>
    public int? MaxLength { get; } = maxLength;
}
