using System.Text.Encodings.Web;
using System.Text.Json;

namespace PortfolioGen.Site;

/// <summary>
/// <c>search/index.json</c>: what the search page's script ranks. One compact JSON object, the same bytes
/// for the same papers:
/// <code>
/// {"version":1,"documents":[{"id":0,"title":"…","authors":["…"],"authors_truncated":true,"abstract":"…",
///   "category":"cs.CL","category_name":"Computation and Language","year":2025,"url":"/papers/x/"}, …]}
/// </code>
/// Documents are the papers newest first (then by slug); <c>id</c> is the position in that order,
/// <c>authors_truncated</c> appears only when the profile cut the list ("et al."), <c>url</c> is
/// root-relative with the site's base path, and <c>abstract</c> is plain text on one line. Abstracts are
/// whole while all of them together stay within <see cref="AbstractBudget"/> characters — any personal
/// list of papers — and beyond that each is cut at a word to an equal share of the budget, never below
/// <see cref="MinAbstractLength"/>, so a site of 10,000 papers still has an index of a few megabytes.
/// </summary>
public static class SearchIndex
{
    /// <summary>The site path of the index.</summary>
    public const string SitePath = "search/index.json";

    /// <summary>The format's version, for scripts that read it.</summary>
    public const int Version = 1;

    /// <summary>How many characters of abstracts the index holds at most, all papers together (unless <see cref="MinAbstractLength"/> needs more).</summary>
    public const int AbstractBudget = 1_000_000;

    /// <summary>How short a cut abstract may get: its start carries the words most worth finding.</summary>
    public const int MinAbstractLength = 200;

    /// <summary>The length abstracts are cut to among <paramref name="abstractLengths"/> (one per paper): <see cref="int.MaxValue"/> when they fit the budget whole.</summary>
    public static int AbstractLimit(IReadOnlyCollection<int> abstractLengths)
    {
        ArgumentNullException.ThrowIfNull(abstractLengths);
        return abstractLengths.Sum(l => (long)l) <= AbstractBudget ? int.MaxValue : Math.Max(MinAbstractLength, AbstractBudget / abstractLengths.Count);
    }

    private static readonly JsonWriterOptions Options = new()
    {
        Indented = false,
        // Served as a file, never inlined in HTML: only what JSON itself requires is escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes the index of <paramref name="views"/> (in the order given), as UTF-8 bytes ending with a newline.</summary>
    public static void Json(Stream output, IReadOnlyList<PaperView> views, SiteUrls urls)
    {
        ArgumentNullException.ThrowIfNull(views);
        ArgumentNullException.ThrowIfNull(urls);
        var abstracts = views.Select(v => Scholarly.Citations.CitationText.AbstractLine(v.Paper.Abstract)).ToList();
        var limit = AbstractLimit(abstracts.ConvertAll(a => a.Length));
        using (var w = new Utf8JsonWriter(output, Options))
        {
            w.WriteStartObject();
            w.WriteNumber("version", Version);
            w.WriteStartArray("documents");
            for (var i = 0; i < views.Count; i++)
            {
                var paper = views[i].Paper;
                w.WriteStartObject();
                w.WriteNumber("id", i);
                w.WriteString("title", paper.TitleMarkup.Text);
                w.WriteStartArray("authors");
                foreach (var a in paper.Authors) w.WriteStringValue(a);
                w.WriteEndArray();
                if (paper.AuthorsTruncated) w.WriteBoolean("authors_truncated", true);
                w.WriteString("abstract", abstracts[i].Length <= limit ? abstracts[i] : SitePipelines.Describe(abstracts[i], limit));
                w.WriteString("category", paper.Category.Code);
                w.WriteString("category_name", paper.Category.Name);
                w.WriteNumber("year", paper.Date.Year);
                w.WriteString("url", urls.Url(views[i].Path));
                w.WriteEndObject();
                // The writer keeps everything in its own buffer until flushed: flushed every 256 papers, that buffer
                // stays small instead of growing to the whole index.
                if (i % 256 == 255) w.Flush();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        output.Write("\n"u8);
    }
}
