using System.Globalization;
using System.Text;
using PortfolioGen.Site;

namespace PortfolioGen.Scholarly.Citations;

/// <summary>
/// A paper as an RIS record (the format reference managers import): <c>TY  - JOUR</c> with the journal as <c>T2</c>
/// and <c>JO</c> (and <c>VL</c>, <c>IS</c>, <c>SP</c>, <c>EP</c>, <c>PB</c>), <c>TY  - CONF</c> with the venue as
/// <c>T2</c>, or <c>TY  - UNPB</c> for a preprint. Each line is <c>XX  - value</c> ending CRLF, values on one line.
/// </summary>
public static class Ris
{
    /// <summary>One record, ending with <c>ER  - \r\n</c>.</summary>
    /// <param name="view">The paper.</param>
    /// <param name="url">The absolute URL of the paper's page; null when the site has no base URL (the arXiv page is used).</param>
    public static string Entry(PaperView view, string? url) => Text.StringBuilderCache.GetStringAndRelease(Write(view, url));

    /// <summary>What <see cref="Entry"/> returns, as UTF-8 bytes (encoded from the builder: no string on the way).</summary>
    public static byte[] EntryUtf8(PaperView view, string? url) => Text.StringBuilderCache.GetUtf8AndRelease(Write(view, url));

    // The record in a builder from the cache, for the caller to release.
    private static System.Text.StringBuilder Write(PaperView view, string? url)
    {
        ArgumentNullException.ThrowIfNull(view);
        var paper = view.Paper;
        var additions = view.Additions;
        var journal = CitationText.Journal(view);
        var venue = CitationText.Venue(view);
        var sb = Text.StringBuilderCache.Acquire(2048);

        void Line(string tag, string? value)
        {
            var v = CitationText.OneLine(value);
            if (v.Length > 0) sb.Append(tag).Append("  - ").Append(v).Append("\r\n");
        }

        Line("TY", journal is not null ? "JOUR" : venue is null ? "UNPB" : "CONF");
        Line("TI", paper.TitleMarkup.Readable);
        if (venue is not null) Line("T2", venue);
        if (journal is not null)
        {
            // T2 is the journal to the RIS specification and to Zotero and EndNote; JO ("periodical name") to older readers.
            Line("T2", journal.Name);
            Line("JO", journal.Name);
        }
        foreach (var name in CitationName.Of(view))
        {
            // RIS writes "Last, First, Suffix".
            Line("AU", name.Literal ?? (name.Suffix.Length > 0 ? $"{name.Family}, {name.Given}, {name.Suffix}" : $"{name.Family}, {name.Given}"));
        }
        Line("PY", paper.Date.Year.ToString("D4", CultureInfo.InvariantCulture));
        Line("DA", paper.Date.ToString("yyyy'/'MM'/'dd'/'", CultureInfo.InvariantCulture));
        if (journal is not null)
        {
            Line("VL", journal.Volume);
            Line("IS", journal.Issue);
            Line("SP", journal.FirstPage);
            Line("EP", journal.LastPage);
            Line("PB", journal.Publisher);
        }
        Line("AB", paper.Abstract?.Text);
        Line("UR", CitationText.Url(view, url));
        Line("DO", additions.Doi);
        foreach (var tag in CitationText.Tags(view))
        {
            Line("KW", tag);
        }
        if (additions.ArxivId is { Length: > 0 } arxiv) Line("N1", "arXiv:" + arxiv);
        sb.Append("ER  - \r\n");
        return sb;
    }
}
