using System.Globalization;
using System.Text;

namespace PortfolioGen.Text;

/// <summary>
/// Identity of people across author lists. Two spellings are the same person when their keys are equal:
/// Unicode compatibility-normalised, diacritics removed, case folded, dots and hyphens read as spaces
/// and runs of spaces collapsed — so "Ada Q. Researcher", "Ada Q Researcher" and "ADA Q RESEARCHER"
/// are one person, and "Zoë" is "Zoe".
/// </summary>
public static class PersonNames
{
    /// <summary>The identity key of a name.</summary>
    public static string Key(string name)
    {
        var decomposed = UnicodeText.Normalize(name, NormalizationForm.FormKD);
        var sb = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var ch in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(ch);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }
            if (char.IsWhiteSpace(ch) || ch is '.' or '-' or '\u2010' or '\u2011' or '\u00B7')
            {
                space = sb.Length > 0;
                continue;
            }
            if (space)
            {
                sb.Append(' ');
                space = false;
            }
            sb.Append(char.ToLowerInvariant(ch));
        }
        return UnicodeText.Normalize(sb.ToString(), NormalizationForm.FormC);
    }

    /// <summary>Tidies a name for display: NFC, trimmed, inner whitespace collapsed.</summary>
    public static string Clean(string name)
    {
        var sb = new StringBuilder(name.Length);
        var space = false;
        foreach (var ch in name.Trim())
        {
            if (char.IsWhiteSpace(ch))
            {
                space = true;
                continue;
            }
            if (space)
            {
                sb.Append(' ');
                space = false;
            }
            sb.Append(ch);
        }
        return UnicodeText.Normalize(sb.ToString(), NormalizationForm.FormC);
    }

    private static readonly string[] Suffixes = ["jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "v", "phd", "ph.d.", "md", "m.d."];

    /// <summary>Whether a comma-separated piece is a generational or degree suffix of the name before it ("Jr.").</summary>
    public static bool IsSuffix(string piece)
    {
        var p = piece.Trim();
        foreach (var s in Suffixes)
        {
            if (string.Equals(p, s, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>
    /// Splits a display name into given names and family name for citation formats: the family name is
    /// the last word together with any lower-case particles before it ("van Beethoven", "de la Cruz")
    /// and a trailing suffix ("King Jr." gives family "King", suffix "Jr."). A single word is all family name, and so is
    /// a name of particles and one word ("van Rossum").
    /// Names written in scripts without spaces (李伟) are kept whole as the family name.
    /// </summary>
    public static (string Given, string Family, string Suffix) Split(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var suffix = "";
        if (words.Count > 1 && IsSuffix(words[^1].TrimEnd(',')))
        {
            suffix = words[^1];
            words.RemoveAt(words.Count - 1);
            words[^1] = words[^1].TrimEnd(',');
        }
        if (words.Count == 0) return ("", name, "");
        if (words.Count == 1) return ("", words[0], suffix);
        var familyStart = words.Count - 1;
        // Down to the first word: "van Rossum" and "de la Cruz" alone are family names with no given name, not the given
        // names "van" and "de la".
        while (familyStart > 0 && IsParticle(words[familyStart - 1]))
        {
            familyStart--;
        }
        return (string.Join(' ', words.Take(familyStart)), string.Join(' ', words.Skip(familyStart)), suffix);
    }

    private static bool IsParticle(string word)
        => word is "van" or "von" or "der" or "den" or "de" or "del" or "della" or "di" or "da" or "du" or "la" or "le" or "ten" or "ter" or "dos" or "das" or "bin" or "ibn" or "al" or "el";
}
