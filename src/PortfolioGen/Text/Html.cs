using System.Text;

namespace PortfolioGen.Text;

/// <summary>HTML escaping that leaves non-ASCII text alone (unlike WebUtility.HtmlEncode, which turns é into &amp;#233;).</summary>
public static class Html
{
    /// <summary>Escapes text for an HTML element or a quoted attribute value.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var i = text.AsSpan().IndexOfAny("&<>\"'");
        if (i < 0) return text;
        var sb = new StringBuilder(text.Length + 16);
        sb.Append(text, 0, i);
        Append(sb, text.AsSpan(i));
        return sb.ToString();
    }

    /// <summary>Appends <paramref name="text"/> escaped for any context, quoted attributes of either kind included.</summary>
    public static void Append(StringBuilder sb, ReadOnlySpan<char> text) => Append(sb, text, apostrophe: true);

    /// <summary>
    /// Appends element text escaped as Markdig escapes it (<c>&amp; &lt; &gt; "</c>, apostrophes kept), so
    /// that HTML made from the profile and HTML Markdig makes from the same text are identical.
    /// </summary>
    public static void AppendText(StringBuilder sb, ReadOnlySpan<char> text) => Append(sb, text, apostrophe: false);

    private static void Append(StringBuilder sb, ReadOnlySpan<char> text, bool apostrophe)
    {
        foreach (var ch in text)
        {
            switch (ch)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'' when apostrophe: sb.Append("&#39;"); break;
                default: sb.Append(ch); break;
            }
        }
    }
}
