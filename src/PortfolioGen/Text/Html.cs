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

    private static readonly System.Buffers.SearchValues<char> Special = System.Buffers.SearchValues.Create("&<>\"'");
    private static readonly System.Buffers.SearchValues<char> SpecialButApostrophe = System.Buffers.SearchValues.Create("&<>\"");

    // Runs between the characters to escape are copied whole: an abstract is mostly plain text, and appending it a
    // character at a time was ~2% of a build's time.
    private static void Append(StringBuilder sb, ReadOnlySpan<char> text, bool apostrophe)
    {
        var special = apostrophe ? Special : SpecialButApostrophe;
        while (true)
        {
            var i = text.IndexOfAny(special);
            if (i < 0)
            {
                sb.Append(text);
                return;
            }
            sb.Append(text[..i]);
            sb.Append(text[i] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                _ => "&#39;",
            });
            text = text[(i + 1)..];
        }
    }
}
