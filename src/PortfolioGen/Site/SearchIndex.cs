using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PortfolioGen.Site;

/// <summary>
/// <c>search/index.json</c>: what the search page's script ranks. One compact JSON object, the same bytes
/// for the same papers:
/// <code>
/// {"version":1,"documents":[{"id":0,"title":"…","authors":["…"],"owner":24,"authors_truncated":true,"abstract":"…",
///   "category":"cs.CL","category_name":"Computation and Language","year":2025,"url":"/papers/x/"}, …]}
/// </code>
/// Documents are the papers newest first (then by slug); <c>id</c> is the position in that order,
/// <c>owner</c> is the index in <c>authors</c> of the site's owner and appears only when she is among them (so that the
/// script, which shows ten names of a longer list, can keep her in sight, as lists of papers do: see
/// <see cref="PaperView.ListAuthors"/>; added within version 1, so a script must do without it),
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
    public static void Json(Stream output, IReadOnlyList<PaperView> views, SiteUrls urls) => Json(output, views, urls, null);

    /// <summary>
    /// The same index, with each document kept in <paramref name="memo"/> (in <c>serve</c>): only the documents of
    /// papers whose views changed (or moved, or whose abstract's cut changed) are written again.
    /// </summary>
    public static void Json(Stream output, IReadOnlyList<PaperView> views, SiteUrls urls, EntryMemo? memo)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(views);
        ArgumentNullException.ThrowIfNull(urls);
        var abstracts = views.Select(v => Scholarly.Citations.CitationText.AbstractLine(v.Paper.Abstract)).ToList();
        var limit = AbstractLimit(abstracts.ConvertAll(a => a.Length));
        var head = System.Text.Encoding.UTF8.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{{\"version\":{Version},\"documents\":["));
        if (memo is null)
        {
            output.Write(head);
            var buffer = new ArrayBufferWriter<byte>(1 << 16);
            using var w = new Utf8JsonWriter(buffer, Options);
            for (var i = 0; i < views.Count; i++)
            {
                Document(buffer, w, views, abstracts, limit, urls, i);
                // Flushed every 256 papers, the buffer stays small instead of growing to the whole index.
                if (i % 256 == 255 || i == views.Count - 1)
                {
                    output.Write(buffer.WrittenSpan);
                    buffer.ResetWrittenCount();
                }
            }
        }
        else
        {
            var parts = memo.Parts(SitePath, urls.Key, views, i => (i, abstracts[i].Length <= limit ? -1 : limit), missing =>
            {
                var buffer = new ArrayBufferWriter<byte>(1 << 12);
                using var w = new Utf8JsonWriter(buffer, Options);
                var made = new byte[missing.Count][];
                for (var m = 0; m < missing.Count; m++)
                {
                    Document(buffer, w, views, abstracts, limit, urls, missing[m]);
                    made[m] = buffer.WrittenSpan.ToArray();
                    buffer.ResetWrittenCount();
                }
                return made;
            });
            EntryMemo.Write(output, head, parts, []);
        }
        output.Write("]}\n"u8);
    }

    // One document, with the comma before it unless it is the first, written to the buffer.
    private static void Document(ArrayBufferWriter<byte> buffer, Utf8JsonWriter w, IReadOnlyList<PaperView> views, List<string> abstracts,
        int limit, SiteUrls urls, int i)
    {
        if (i > 0) buffer.Write(","u8);
        w.Reset(buffer);
        var paper = views[i].Paper;
        w.WriteStartObject();
        w.WriteNumber("id", i);
        w.WriteString("title", paper.TitleMarkup.Readable);
        w.WriteStartArray("authors");
        foreach (var a in paper.Authors) w.WriteStringValue(a);
        w.WriteEndArray();
        // From the view, which knows the owner: the memo keeps this part under the view, so it changes with it.
        if (PaperView.OwnerIndex(views[i].Authors) is var owner and >= 0) w.WriteNumber("owner", owner);
        if (paper.AuthorsTruncated) w.WriteBoolean("authors_truncated", true);
        w.WriteString("abstract", abstracts[i].Length <= limit ? abstracts[i] : SitePipelines.Describe(abstracts[i], limit));
        w.WriteString("category", paper.Category.Code);
        w.WriteString("category_name", paper.Category.Name);
        w.WriteNumber("year", paper.Date.Year);
        w.WriteString("url", urls.Url(views[i].Path));
        w.WriteEndObject();
        w.Flush();
    }
}
