using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PortfolioGen.Site;

namespace PortfolioGen.Scholarly.Citations;

/// <summary>
/// A paper as CSL-JSON (what citeproc, Pandoc and Zotero read): <c>article-journal</c> with the journal as
/// <c>container-title</c> (and <c>volume</c>, <c>issue</c>, <c>page</c>), <c>paper-conference</c> with the venue as
/// <c>container-title</c>, else an arXiv <c>article</c>. Written with <see cref="Utf8JsonWriter"/>, indented
/// with two spaces and <c>\n</c>, non-ASCII text unescaped.
/// </summary>
public static class CslJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>One item: a JSON object, without a trailing newline.</summary>
    /// <param name="view">The paper.</param>
    /// <param name="key">Its citation key, the item's <c>id</c>.</param>
    /// <param name="url">The absolute URL of the paper's page; null when the site has no base URL (the arXiv page is used).</param>
    public static string Item(PaperView view, string key, string? url)
    {
        ArgumentNullException.ThrowIfNull(view);
        return Write(w => WriteItem(w, view, key, url));
    }

    /// <summary>A JSON array of items (a whole bibliography), ending with a newline.</summary>
    public static string Array(IEnumerable<(PaperView View, string Key, string? Url)> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return Write(w =>
        {
            w.WriteStartArray();
            foreach (var (view, key, url) in items)
            {
                WriteItem(w, view, key, url);
            }
            w.WriteEndArray();
        }) + "\n";
    }

    /// <summary>
    /// A paper's own <c>cite.json</c>: <see cref="Array"/> of its one item, as UTF-8 bytes written straight from the
    /// JSON writer (no item string, no wrapped string, no second encoding: 10,000 papers' worth).
    /// </summary>
    public static byte[] FileBytes(PaperView view, string key, string? url)
    {
        ArgumentNullException.ThrowIfNull(view);
        return JsonWriter.WriteUtf8(w =>
        {
            w.WriteStartArray();
            WriteItem(w, view, key, url);
            w.WriteEndArray();
        }, "\n"u8);
    }

    private static readonly Text.JsonText JsonWriter = new(Options);

    private static string Write(Action<Utf8JsonWriter> write) => JsonWriter.Write(write);

    private static void WriteItem(Utf8JsonWriter w, PaperView view, string key, string? url)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentException.ThrowIfNullOrEmpty(key);
        var paper = view.Paper;
        var additions = view.Additions;
        var journal = CitationText.Journal(view);
        var venue = CitationText.Venue(view);

        void Property(string name, string? value)
        {
            var v = CitationText.OneLine(value);
            if (v.Length > 0) w.WriteString(name, v);
        }

        w.WriteStartObject();
        Property("id", key);
        w.WriteString("type", journal is not null ? "article-journal" : venue is null ? "article" : "paper-conference");
        Property("title", paper.TitleMarkup.Readable);

        var names = CitationName.Of(view);
        if (names.Count > 0 || paper.AuthorsTruncated)
        {
            w.WriteStartArray("author");
            foreach (var name in names)
            {
                w.WriteStartObject();
                if (name.Literal is { } literal)
                {
                    w.WriteString("literal", literal);
                }
                else
                {
                    w.WriteString("family", name.Family);
                    w.WriteString("given", name.Given);
                    if (name.Suffix.Length > 0) w.WriteString("suffix", name.Suffix);
                }
                w.WriteEndObject();
            }
            if (paper.AuthorsTruncated)
            {
                w.WriteStartObject();
                w.WriteString("literal", "others");
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }

        w.WriteStartObject("issued");
        // [[y, m, d]] on one line, as CSL documents show it (the indented writer would spread it over seven).
        w.WritePropertyName("date-parts");
        w.WriteRawValue(string.Create(CultureInfo.InvariantCulture, $"[[{paper.Date.Year}, {paper.Date.Month}, {paper.Date.Day}]]"));
        w.WriteEndObject();

        if (journal is not null)
        {
            w.WriteString("container-title", journal.Name);
            Property("volume", journal.Volume);
            Property("issue", journal.Issue);
            // CSL writes a range with a hyphen; citeproc formats it as each style asks (page-range-format).
            Property("page", journal.LastPage is null ? journal.FirstPage : journal.FirstPage + "-" + journal.LastPage);
            Property("publisher", journal.Publisher);
        }
        else if (venue is not null)
        {
            w.WriteString("container-title", venue);
        }
        else
        {
            // The profile's papers are arXiv papers (their subjects are arXiv classes), so a preprint is an arXiv one.
            w.WriteString("publisher", "arXiv");
            if (additions.ArxivId is { Length: > 0 } arxiv) Property("number", "arXiv:" + arxiv);
        }
        if (paper.Abstract is { } abs && CitationText.Paragraphs(abs.Text) is { Length: > 0 } abstractText)
        {
            w.WriteString("abstract", abstractText);
        }
        Property("URL", CitationText.Url(view, url));
        Property("DOI", additions.Doi);
        if (CitationText.Tags(view).ToList() is { Count: > 0 } tags) w.WriteString("keyword", string.Join(", ", tags));
        w.WriteEndObject();
    }
}
