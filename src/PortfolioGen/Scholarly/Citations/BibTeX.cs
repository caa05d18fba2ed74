using System.Globalization;
using System.Text;
using PortfolioGen.Site;

namespace PortfolioGen.Scholarly.Citations;

/// <summary>
/// A paper as a BibTeX entry: <c>@article</c> with <c>journal</c> (and <c>volume</c>, <c>number</c>, <c>pages</c>,
/// <c>publisher</c>) for a journal article, <c>@inproceedings</c> with <c>booktitle</c> when it has a venue, else
/// <c>@misc</c> (a preprint, cited the way arXiv cites it: <c>eprint</c>, <c>archivePrefix</c>, <c>primaryClass</c>).
/// Values are UTF-8 LaTeX, braced, one per line (names with their accented Latin letters as special characters);
/// see <see cref="BibTeXText"/> for the escaping.
/// </summary>
public static class BibTeX
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>The width field names are padded to, so that the <c>=</c> signs line up (longer names overflow).</summary>
    private const int NameWidth = 9;

    /// <summary>One entry, ending with <c>}\n</c>.</summary>
    /// <param name="view">The paper.</param>
    /// <param name="key">Its key (see <see cref="CitationKeys.Assign(IEnumerable{Site.PaperView})"/>).</param>
    /// <param name="url">The absolute URL of the paper's page; null when the site has no base URL (the arXiv page is used).</param>
    /// <exception cref="ArgumentException">The key has characters BibTeX does not allow in a key.</exception>
    public static string Entry(PaperView view, string key, string? url) => Text.StringBuilderCache.GetStringAndRelease(Write(view, key, url));

    /// <summary>What <see cref="Entry"/> returns, as UTF-8 bytes (encoded from the builder: no string on the way).</summary>
    public static byte[] EntryUtf8(PaperView view, string key, string? url) => Text.StringBuilderCache.GetUtf8AndRelease(Write(view, key, url));

    // The entry in a builder from the cache, for the caller to release.
    private static System.Text.StringBuilder Write(PaperView view, string key, string? url)
    {
        ArgumentNullException.ThrowIfNull(view);
        CheckKey(key);
        var paper = view.Paper;
        var additions = view.Additions;
        var journal = CitationText.Journal(view);
        var venue = CitationText.Venue(view);
        var sb = Text.StringBuilderCache.Acquire(2048);
        sb.Append('@').Append(journal is not null ? "article" : venue is null ? "misc" : "inproceedings").Append('{').Append(key).Append(",\n");

        void Field(string name, string value, bool braced = true)
        {
            sb.Append("  ").Append(name.PadRight(NameWidth)).Append(" = ");
            if (braced) sb.Append('{').Append(value).Append('}');
            else sb.Append(value);
            sb.Append(",\n");
        }

        if (Authors(view) is { Length: > 0 } authors) Field("author", authors);
        Field("title", BibTeXText.Latex(paper.Title, protectCase: true));
        if (venue is not null) Field("booktitle", BibTeXText.Plain(venue));
        if (journal is not null)
        {
            Field("journal", BibTeXText.Plain(journal.Name));
            if (journal.Volume is { } volume) Field("volume", BibTeXText.Plain(volume));
            if (journal.Issue is { } issue) Field("number", BibTeXText.Plain(issue));
            // 123--145: the en dash BibTeX styles expect between pages.
            if (journal.Pages is { } pages) Field("pages", BibTeXText.Plain(pages));
            if (journal.Publisher is { } publisher) Field("publisher", BibTeXText.Plain(publisher));
        }
        Field("year", paper.Date.Year.ToString(CultureInfo.InvariantCulture));
        Field("month", Months[paper.Date.Month - 1], braced: false);
        if (additions.ArxivId is { Length: > 0 } arxiv)
        {
            Field("eprint", BibTeXText.Plain(arxiv));
            Field("archivePrefix", "arXiv");
            // An unknown subject is the profile's own text, not an arXiv class.
            if (paper.Category.Known) Field("primaryClass", BibTeXText.Plain(paper.Category.Code));
        }
        if (additions.Doi is { Length: > 0 } doi) Field("doi", BibTeXText.Verbatim(doi));
        if (CitationText.Url(view, url) is { } link) Field("url", BibTeXText.Verbatim(link));
        if (paper.Abstract is { } abs && BibTeXText.Latex(abs.Source, protectCase: false) is { Length: > 0 } abstractText)
        {
            // Paragraphs are joined: a blank line (\par) inside a field breaks styles that print it in a macro argument.
            Field("abstract", abstractText);
        }
        if (CitationText.Tags(view).ToList() is { Count: > 0 } tags) Field("keywords", BibTeXText.Plain(string.Join(", ", tags)));
        sb.Append("}\n");
        return sb;
    }

    /// <summary><c>Last, First and Last, Jr., First and {李安}</c>, with <c>and others</c> when the list is truncated.</summary>
    private static string Authors(PaperView view)
    {
        var names = CitationName.Of(view).Select(Name).ToList();
        if (view.Paper.AuthorsTruncated && names.Count > 0) names.Add("others");
        return string.Join(" and ", names);
    }

    private static string Name(CitationName name)
    {
        // A single-word or CJK name is one unit: braced, BibTeX neither splits it nor abbreviates it.
        if (name.Literal is { } literal) return "{" + BibTeXText.Name(literal) + "}";
        var family = Part(name.Family);
        var given = Part(name.Given);
        return name.Suffix.Length > 0 ? $"{family}, {Part(name.Suffix)}, {given}" : $"{family}, {given}";
    }

    /// <summary>A part of a name, braced when BibTeX would read a comma or the word "and" in it as structure.</summary>
    private static string Part(string part)
    {
        var escaped = BibTeXText.Name(part);
        var structural = escaped.Contains(',', StringComparison.Ordinal)
            || escaped.Split(' ').Any(w => string.Equals(w, "and", StringComparison.OrdinalIgnoreCase));
        return structural ? "{" + escaped + "}" : escaped;
    }

    private static void CheckKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        foreach (var ch in key)
        {
            if (!(char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or ':' or '.' or '+' or '/'))
            {
                throw new ArgumentException($"'{key}' is not a usable BibTeX key: '{ch}' is not allowed", nameof(key));
            }
        }
    }
}
