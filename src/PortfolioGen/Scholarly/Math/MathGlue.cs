using System.Text;

namespace PortfolioGen.Scholarly.Math;

/// <summary>
/// Keeps inline math on one line with the characters that touch it. A browser may end a line just before or after a
/// <c>&lt;math&gt;</c> element even where a word would not break (CSS Text lets a line break around any atomic
/// inline, next to a no-break space too), so on a phone an opening quote could end a line and its formula start the
/// next, or a comma start one. The formula, the characters before and after it up to a space or a tag, and any formula
/// those characters lead straight to, go into <c>&lt;span class="math-nowrap"&gt;</c>, which themes keep on one line
/// (<c>white-space: nowrap</c>). Display math is left alone. A no-break space (<c>~</c> in LaTeX) glues too.
/// </summary>
/// <remarks>
/// It works on the HTML as written, so the profile's HTML and Markdig's HTML of the same generated Markdown, identical
/// before, stay identical after (see <c>PaperMarkdownTests</c>).
/// </remarks>
public static class MathGlue
{
    private const string Open = "<math>";
    private const string Close = "</math>";

    /// <summary>The class of the span that holds a formula together with its neighbours.</summary>
    public const string SpanClass = "math-nowrap";

    private const string SpanOpen = "<span class=\"" + SpanClass + "\">";
    private const string SpanClose = "</span>";

    /// <summary>The HTML with each inline formula glued to the text that touches it (the same string when nothing does).</summary>
    public static string Apply(string html)
    {
        if (!html.Contains(Open, StringComparison.Ordinal)) return html;
        var sb = new StringBuilder(html.Length + 64);
        Append(sb, html);
        return sb.ToString();
    }

    /// <summary>Glues the part of <paramref name="sb"/> from <paramref name="start"/> on, in place.</summary>
    public static void Apply(StringBuilder sb, int start)
    {
        if (sb.Length - start < Open.Length) return;
        var part = sb.ToString(start, sb.Length - start);
        if (!part.Contains(Open, StringComparison.Ordinal)) return;
        sb.Length = start;
        Append(sb, part);
    }

    private static void Append(StringBuilder sb, string html)
    {
        var copied = 0;
        var at = html.IndexOf(Open, StringComparison.Ordinal);
        while (at >= 0)
        {
            var end = EndOf(html, at);
            if (end < 0) break; // never closed: not ours to touch
            var from = at;
            while (from > copied && Glues(html[from - 1]) && html[from - 1] != '>') from--;
            var to = end;
            while (true)
            {
                var next = to;
                while (next < html.Length && Glues(html[next]) && html[next] != '<') next++;
                if (string.CompareOrdinal(html, next, Open, 0, Open.Length) == 0 && EndOf(html, next) is > 0 and var after)
                {
                    to = after;
                    continue;
                }
                to = next;
                break;
            }
            if (from < at || to > end)
            {
                sb.Append(html, copied, from - copied).Append(SpanOpen).Append(html, from, to - from).Append(SpanClose);
                copied = to;
            }
            at = html.IndexOf(Open, to, StringComparison.Ordinal);
        }
        sb.Append(html, copied, html.Length - copied);
    }

    // Where the element that opens at `at` ends (after its end tag), or -1.
    private static int EndOf(string html, int at)
    {
        var close = html.IndexOf(Close, at + Open.Length, StringComparison.Ordinal);
        return close < 0 ? -1 : close + Close.Length;
    }

    // Characters a line may not break next to a formula at: all but white space (a no-break space glues).
    private static bool Glues(char c) => !char.IsWhiteSpace(c) || c is '\u00A0' or '\u202F' or '\u2007';
}
