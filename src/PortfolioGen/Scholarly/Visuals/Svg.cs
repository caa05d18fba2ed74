using System.Globalization;
using System.Text;
using PortfolioGen.Text;

namespace PortfolioGen.Scholarly.Visuals;

using Math = System.Math;

/// <summary>
/// What every picture shares: invariant, fixed-precision numbers (so output is byte-identical on any machine and
/// culture), text that is safe in HTML and well-formed in XML, and a rough measure of text width.
/// </summary>
internal static class Svg
{
    public const string Namespace = "http://www.w3.org/2000/svg";

    /// <summary>A coordinate with one decimal, invariant; never "-0.0".</summary>
    public static string F(double value) => (Math.Abs(value) < 0.05 ? 0.0 : value).ToString("F1", CultureInfo.InvariantCulture);

    /// <summary>An integer, invariant.</summary>
    public static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A count with thousands separators, invariant ("2,000").</summary>
    public static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Rounds to the precision <see cref="F"/> prints, so stored coordinates equal printed ones.</summary>
    public static double Round(double value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);

    /// <summary>Text escaped for an element or a quoted attribute, without the characters XML forbids.</summary>
    public static string Text(string? text) => Html.Escape(XmlSafe(text));

    /// <summary>"1 paper", "6 papers".</summary>
    public static string Papers(int count) => count == 1 ? "1 paper" : N(count) + " papers";

    /// <summary>Checks that an id prefix makes valid, space-free ids (it is joined into aria-labelledby).</summary>
    public static void CheckIdPrefix(string idPrefix)
    {
        ArgumentNullException.ThrowIfNull(idPrefix);
        var ok = idPrefix.Length > 0 && char.IsAsciiLetter(idPrefix[0])
            && idPrefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
        if (!ok) throw new ArgumentException("An id prefix is an ASCII letter followed by letters, digits, '-' or '_'.", nameof(idPrefix));
    }

    /// <summary>Removes control characters and lone surrogates, which XML 1.0 does not allow even escaped.</summary>
    public static string XmlSafe(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = (StringBuilder?)null;
        for (var i = 0; i < text.Length;)
        {
            var allowed = Allowed(text, i, out var width);
            if (!allowed && sb is null) sb = new StringBuilder(text.Length).Append(text, 0, i);
            if (allowed) sb?.Append(text, i, width);
            i += width;
        }
        return sb?.ToString() ?? text;
    }

    private static bool Allowed(string text, int i, out int width)
    {
        width = 1;
        var c = text[i];
        if (char.IsHighSurrogate(c))
        {
            if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                width = 2;
                return true;
            }
            return false;
        }
        if (char.IsLowSurrogate(c)) return false;
        return c is '\t' or '\n' or '\r' || (c >= ' ' && c != '\uFFFE' && c != '\uFFFF');
    }

    /// <summary>
    /// The width of <paramref name="text"/> in ems, estimated generously for the theme's system sans-serif
    /// (wide characters a full em, capitals and m/w wider, i/l/punctuation narrower), so boxes computed from it
    /// hold the drawn text.
    /// </summary>
    public static double Ems(string text)
    {
        var width = 0.0;
        foreach (var rune in text.EnumerateRunes())
        {
            var v = rune.Value;
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format) continue;
            width += v switch
            {
                >= 0x1100 and <= 0x115F or >= 0x2E80 and <= 0xA4CF or >= 0xAC00 and <= 0xD7A3 or >= 0xF900 and <= 0xFAFF
                    or >= 0xFE30 and <= 0xFE4F or >= 0xFF00 and <= 0xFF60 or >= 0xFFE0 and <= 0xFFE6 or >= 0x1F300 and <= 0x1FAFF
                    or >= 0x20000 and <= 0x3FFFD => 1.0,
                ' ' => 0.3,
                'i' or 'l' or 'j' or 't' or 'f' or 'I' or '.' or ',' or '\'' or ':' or ';' or '!' or '|' or '(' or ')' => 0.36,
                'm' or 'w' or 'M' or 'W' or '@' => 0.92,
                _ when category == UnicodeCategory.UppercaseLetter => 0.74,
                _ => 0.6,
            };
        }
        return width;
    }
}
