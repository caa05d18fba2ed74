using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace PortfolioGen.Site;

/// <summary>A page of the user's own (<c>content/about.md</c> and the like).</summary>
/// <param name="Source">The file, relative to the site folder (for messages).</param>
/// <param name="Path">Its path relative to the content folder, with '/' separators (<c>about.md</c>).</param>
/// <param name="Title">The title (front matter <c>title</c>, else the file name).</param>
/// <param name="Description">An optional description for search engines.</param>
/// <param name="NavOrder">Where it goes in the navigation; pages without one are not in the navigation.</param>
/// <param name="NavTitle">A shorter title for the navigation.</param>
/// <param name="Layout">The layout (<c>page</c> by default).</param>
/// <param name="Body">The Markdown body.</param>
/// <param name="BodyFirstLine">The body's first line in the file.</param>
public sealed record ContentPage(string Source, string Path, string Title, string? Description, int? NavOrder, string? NavTitle,
    string Layout, string Body, int BodyFirstLine)
{
    /// <summary>
    /// The page's folder in the site (<c>about/</c>; <c>research/projects/</c>). A folder's <c>index.md</c> is the page of
    /// its folder, as in Hugo and Jekyll: <c>about/index.md</c> is <c>about/</c>, not <c>about/index/</c>.
    /// </summary>
    public string OutputDirectory => IsFolderIndex(Path) ? Path[..^"index.md".Length] : Path[..^".md".Length] + "/";

    /// <summary>Whether a content path is a folder's <c>index.md</c> (<c>about/index.md</c>; not the home page's own).</summary>
    public static bool IsFolderIndex(string path) => path.EndsWith("/index.md", StringComparison.Ordinal);

    /// <summary>Whether this is <c>content/index.md</c>, the home page's introduction.</summary>
    public bool IsHomeIntro => Path == "index.md";
}

/// <summary>A link of a paper (PDF, arXiv, DOI, code, …).</summary>
/// <param name="Kind">The key: pdf, arxiv, doi, code, project, slides, video, poster.</param>
/// <param name="Label">How it is shown.</param>
/// <param name="Url">An absolute URL.</param>
public sealed record PaperLink(string Kind, string Label, string Url);

/// <summary>What <c>content/papers/&lt;slug&gt;.md</c> adds to a paper.</summary>
public sealed record PaperAdditions
{
    /// <summary>No additions.</summary>
    public static PaperAdditions None { get; } = new();

    /// <summary>The file (for messages); null when there is none.</summary>
    public string? Source { get; init; }

    /// <summary>Links, in the order of <see cref="PaperAdditionsReader.LinkKinds"/>.</summary>
    public ImmutableArray<PaperLink> Links { get; init; } = [];

    /// <summary>The arXiv identifier (<c>2305.12345</c>), when an arXiv link gives one.</summary>
    public string? ArxivId { get; init; }

    /// <summary>The DOI (<c>10.1000/xyz</c>), when a DOI link gives one.</summary>
    public string? Doi { get; init; }

    /// <summary>The conference where it was published ("ACL 2024"); null for a journal article (see <see cref="Journal"/>).</summary>
    public string? Venue { get; init; }

    /// <summary>The journal it was published in, for a journal article; null for a conference paper or a preprint.</summary>
    public Journal? Journal { get; init; }

    /// <summary>Whether it is featured on the home page.</summary>
    public bool Featured { get; init; }

    /// <summary>Free tags.</summary>
    public ImmutableArray<string> Tags { get; init; } = [];

    /// <summary>The Markdown body: the paper page's Notes section.</summary>
    public string Notes { get; init; } = "";

    /// <summary>The line of the file where the notes start.</summary>
    public int NotesFirstLine { get; init; } = 1;
}

/// <summary>
/// Where a journal article was published: the journal's name and, as far as they are given, its volume, issue, pages
/// and publisher. Volume and issue are text as written ("5", "12A"); pages are a first page and, for a range, a last one
/// (an article number, "e1234", is a first page alone).
/// </summary>
/// <param name="Name">The journal's name ("Nature Machine Intelligence").</param>
public sealed record Journal(string Name)
{
    /// <summary>The volume, or null.</summary>
    public string? Volume { get; init; }

    /// <summary>The issue (BibTeX's <c>number</c>), or null.</summary>
    public string? Issue { get; init; }

    /// <summary>The first page or the article number, or null.</summary>
    public string? FirstPage { get; init; }

    /// <summary>The last page of a range, or null.</summary>
    public string? LastPage { get; init; }

    /// <summary>The publisher, or null.</summary>
    public string? Publisher { get; init; }

    /// <summary>The pages as BibTeX writes them: <c>123--145</c>, or <c>e1234</c>; null when none are given.</summary>
    public string? Pages => FirstPage is null ? null : LastPage is null ? FirstPage : FirstPage + "--" + LastPage;

    /// <summary>The pages as a reader sees them: <c>123–145</c> (an en dash), or <c>e1234</c>; null when none are given.</summary>
    public string? PagesDisplay => FirstPage is null ? null : LastPage is null ? FirstPage : FirstPage + "\u2013" + LastPage;

    /// <summary>
    /// The journal as a paper's page shows it where a conference paper shows its venue: <c>Nature Machine Intelligence
    /// 5(3), 123–145</c>; <c>JMLR, no. 4</c> for an issue without a volume.
    /// </summary>
    public string Display
    {
        get
        {
            var text = Name;
            if (Volume is not null) text += " " + Volume + (Issue is null ? "" : "(" + Issue + ")");
            else if (Issue is not null) text += ", no. " + Issue;
            return PagesDisplay is { } pages ? text + ", " + pages : text;
        }
    }
}

/// <summary>Reads pages and paper additions from Markdown files with front matter.</summary>
public static partial class PaperAdditionsReader
{
    /// <summary>The link keys of a paper, in the order they are shown, with their labels.</summary>
    public static readonly IReadOnlyList<(string Key, string Label)> LinkKinds =
    [
        ("pdf", "PDF"), ("arxiv", "arXiv"), ("doi", "DOI"), ("code", "Code"), ("project", "Project page"),
        ("slides", "Slides"), ("video", "Video"), ("poster", "Poster"),
    ];

    [GeneratedRegex(@"^(?:arxiv:)?(?<id>\d{4}\.\d{4,5}(?:v\d+)?|[a-z\-]+(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ArxivId();

    [GeneratedRegex(@"^https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/(?<id>[^?#]+?)(?:\.pdf)?/?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ArxivUrl();

    [GeneratedRegex(@"^(?:doi:|https?://(?:dx\.)?doi\.org/)?(?<doi>10\.\d{4,9}/\S+)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DoiPattern();

    // A page (123, e1234, L12, xiii) or a range of two, joined by -, -- or an en dash, with or without spaces.
    [GeneratedRegex(@"^(?<first>[\p{L}\p{N}]+)(?:\s*(?:--?|\u2013)\s*(?<last>[\p{L}\p{N}]+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex PagesPattern();

    // The keys of a journal article beside 'journal' itself, in the order they are checked.
    private static readonly string[] JournalParts = ["volume", "issue", "number", "pages", "publisher"];

    /// <summary>Reads a paper's additions file.</summary>
    public static PaperAdditions Read(string text, string file, List<Diagnostic> diagnostics)
    {
        var parts = FrontMatter.Split(text, file, diagnostics);
        // The notes start at their first line that is not blank: messages about them count lines from there.
        var notes = parts.Body.TrimStart('\n');
        var additions = new PaperAdditions { Source = file, Notes = notes.TrimEnd('\n'), NotesFirstLine = parts.BodyFirstLine + parts.Body.Length - notes.Length };
        foreach (var line in Markdown.MarkdownRenderer.TopHeadingLines(additions.Notes))
        {
            diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.TopLevelHeading, file, additions.NotesFirstLine + line, 1,
                "a level-1 heading: the paper's page shows its title as its heading, so this is a second one; use '### …' within the notes"));
        }
        if (parts.Yaml is null) return additions;
        var (_, map) = YamlReader.Parse(parts.Yaml, file, parts.YamlFirstLine - 1, diagnostics,
            DiagnosticCodes.FrontMatterSyntax, DiagnosticCodes.FrontMatterUnknownKey, DiagnosticCodes.FrontMatterWrongType);
        if (map is null) return additions;

        var links = ImmutableArray.CreateBuilder<PaperLink>();
        string? arxivId = null, doi = null;
        if (map.Child("links") is { } linkMap)
        {
            foreach (var (key, label) in LinkKinds)
            {
                if (linkMap.String(key) is not { Length: > 0 } raw) continue;
                var value = raw.Trim();
                string? url = null;
                switch (key)
                {
                    case "arxiv":
                        var m = ArxivId().Match(value);
                        var u = ArxivUrl().Match(value);
                        arxivId = m.Success ? m.Groups["id"].Value : u.Success ? u.Groups["id"].Value : null;
                        url = arxivId is not null ? "https://arxiv.org/abs/" + arxivId : null;
                        break;
                    case "doi":
                        var d = DoiPattern().Match(value);
                        // A doi.org URL holds the DOI encoded (a%23b is the DOI a#b).
                        doi = !d.Success ? null : value.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? Uri.UnescapeDataString(d.Groups["doi"].Value) : d.Groups["doi"].Value;
                        url = doi is not null ? DoiUrl(doi) : null;
                        break;
                    default:
                        url = IsUrl(value) ? value : null;
                        break;
                }
                if (url is null)
                {
                    linkMap.Reader.Invalid(linkMap.Raw(key)!, DiagnosticCodes.FrontMatterWrongType, key switch
                    {
                        "arxiv" => $"'links.arxiv' must be an arXiv identifier such as 2305.12345 or an arxiv.org URL (got '{value}')",
                        "doi" => $"'links.doi' must be a DOI such as 10.1000/xyz123 or a doi.org URL (got '{value}')",
                        _ => $"'links.{key}' must be an http or https URL (got '{value}')",
                    });
                    continue;
                }
                links.Add(new PaperLink(key, label, url));
            }
            linkMap.ReportUnknownKeys(LinkKinds.Select(k => k.Key));
        }
        var venue = map.String("venue")?.Trim() is { Length: > 0 } v ? v : null;
        additions = additions with
        {
            Links = links.ToImmutable(),
            ArxivId = arxivId,
            Doi = doi,
            Venue = venue,
            Journal = ReadJournal(map, venue is not null),
            Featured = map.Bool("featured") ?? false,
            Tags = [.. map.StringList("tags").Select(t => t.Value.Trim()).Where(t => t.Length > 0)],
        };
        map.ReportUnknownKeys(["links", "venue", "journal", "volume", "issue", "number", "pages", "publisher", "featured", "tags"]);
        return additions;
    }

    // The journal of a journal article, or null. A paper is a journal article or a conference paper, not both, and a
    // volume, an issue or pages belong to a journal: keys that do not go together are an error at the later key, which
    // names the line of the other (the one to look at when it is far away).
    private static Journal? ReadJournal(YamlReader.Map map, bool hasVenue)
    {
        var name = map.String("journal")?.Trim() is { Length: > 0 } j ? j : null;
        string? Part(string key, string expected) => map.String(key, expected)?.Trim() is { Length: > 0 } p ? p : null;
        var volume = Part("volume", "a number or text");
        var issue = Part("issue", "a number or text");
        var number = Part("number", "a number or text");
        var pages = Part("pages", "a number or text");
        var publisher = Part("publisher", "text");
        var conflict = false;

        void Conflict(string first, string second, string message)
        {
            if (map.Key(first) is not { } a || map.Key(second) is not { } b) return;
            var (earlier, later, laterKey, earlierKey) = b.Start.Line < a.Start.Line || (b.Start.Line == a.Start.Line && b.Start.Column < a.Start.Column)
                ? (b, a, first, second) : (a, b, second, first);
            map.Reader.Invalid(later, DiagnosticCodes.AdditionsKeysConflict,
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"'{laterKey}' and '{earlierKey}' (line {map.Reader.LineOf(earlier)}) {message}"));
            conflict = true;
        }

        if (name is not null && hasVenue)
        {
            Conflict("venue", "journal", "cannot both be given: a paper is a journal article ('journal') or a conference paper ('venue'); keep one");
        }
        if (issue is not null && number is not null) Conflict("issue", "number", "are the same thing: keep one");
        if (name is null)
        {
            foreach (var (key, value) in JournalParts.Zip([volume, issue, number, pages, publisher]))
            {
                if (value is null || map.Key(key) is not { } node) continue;
                map.Reader.Invalid(node, DiagnosticCodes.AdditionsKeysConflict,
                    $"'{key}' is a journal article's: add 'journal' (the journal's name), or delete '{key}'");
            }
            return null;
        }
        string? first = null, last = null;
        if (pages is not null)
        {
            var m = PagesPattern().Match(pages);
            if (m.Success)
            {
                first = m.Groups["first"].Value;
                last = m.Groups["last"].Success ? m.Groups["last"].Value : null;
            }
            else
            {
                map.Reader.Invalid(map.Raw("pages")!, DiagnosticCodes.FrontMatterWrongType,
                    $"'pages' must be a page, a range such as 123--145 or an article number such as e1234 (got '{pages}')");
            }
        }
        if (conflict) return null;
        return new Journal(name) { Volume = volume, Issue = issue ?? number, FirstPage = first, LastPage = last, Publisher = publisher };
    }

    /// <summary>Reads a content page.</summary>
    public static ContentPage ReadPage(string text, string file, string relativePath, List<Diagnostic> diagnostics)
    {
        var parts = FrontMatter.Split(text, file, diagnostics);
        // A folder's index.md is named after its folder: about/index.md is "About".
        var named = ContentPage.IsFolderIndex(relativePath) ? System.IO.Path.GetFileName(relativePath[..^"/index.md".Length]) : System.IO.Path.GetFileNameWithoutExtension(relativePath);
        var fallbackTitle = named.Replace('-', ' ').Replace('_', ' ');
        fallbackTitle = fallbackTitle.Length > 0 ? char.ToUpperInvariant(fallbackTitle[0]) + fallbackTitle[1..] : fallbackTitle;
        var page = new ContentPage(file, relativePath, fallbackTitle, null, null, null, "page", parts.Body, parts.BodyFirstLine);
        foreach (var line in Markdown.MarkdownRenderer.TopHeadingLines(parts.Body))
        {
            diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.TopLevelHeading, file, parts.BodyFirstLine + line, 1, page.IsHomeIntro
                ? "a level-1 heading: the home page shows the owner's name as its heading, so this is a second one; use '## …' for the introduction's sections"
                : "a level-1 heading: the layout shows the page's title (front matter 'title') as its heading, so this is a second one; use '## …' for sections"));
        }
        if (parts.Yaml is null) return page;
        var (_, map) = YamlReader.Parse(parts.Yaml, file, parts.YamlFirstLine - 1, diagnostics,
            DiagnosticCodes.FrontMatterSyntax, DiagnosticCodes.FrontMatterUnknownKey, DiagnosticCodes.FrontMatterWrongType);
        if (map is null) return page;
        page = page with
        {
            Title = map.String("title")?.Trim() is { Length: > 0 } t ? t : page.Title,
            Description = map.String("description")?.Trim(),
            NavOrder = map.Int("nav_order"),
            NavTitle = map.String("nav_title")?.Trim(),
            Layout = map.String("layout")?.Trim() is { Length: > 0 } l ? l : "page",
        };
        map.ReportUnknownKeys(["title", "description", "nav_order", "nav_title", "layout"]);
        return page;
    }

    // A DOI may hold any printable character (a SICI DOI's check character can be '#'): its doi.org URL's path is the DOI
    // with every character a path cannot hold as it is encoded, '#', '?' and '%' too (see SiteUrls.EncodePath).
    private static string DoiUrl(string doi) => "https://doi.org/" + SiteUrls.EncodePath(doi);

    private static bool IsUrl(string s)
        => Uri.TryCreate(s, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" && !string.IsNullOrEmpty(u.Host);
}
