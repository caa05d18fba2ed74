using System.Collections.Concurrent;
using System.Xml;
using AngleSharp.Html.Parser;
using IElement = AngleSharp.Dom.IElement;

namespace PortfolioGen;

/// <summary>
/// Checks a site's pages: every internal link and <c>#fragment</c> resolves to a file and an id of the site,
/// ids are unique per page, every page has a title and a language, and parses without HTML errors; feeds
/// and sitemaps are well-formed XML. The build runs it on pages before writing them; <c>portfoliogen
/// check</c> runs it on a folder that is already built.
/// </summary>
/// <param name="basePath">The path the site is served under (<c>/</c> or <c>/portfolio/</c>).</param>
/// <param name="show">How a site path is shown in messages (<c>_site/papers/x/index.html</c>).</param>
public sealed class SiteChecker(string basePath, Func<string, string> show)
{
    private static readonly (string Selector, string Attribute)[] LinkAttributes =
    [
        ("a[href]", "href"), ("area[href]", "href"), ("link[href]", "href"), ("img[src]", "src"),
        ("script[src]", "src"), ("source[src]", "src"), ("iframe[src]", "src"), ("video[src]", "src"), ("audio[src]", "src"),
        ("video[poster]", "poster"),
    ];

    /// <summary>The path the site is served under.</summary>
    public string BasePath => basePath;

    // The base path with its escapes undone (/~ada/ for /%7Eada/, /ádá/ for /%C3%A1d%C3%A1/), as links are compared.
    private readonly string _unescapedBase = Uri.UnescapeDataString(basePath);

    /// <summary>A page's ids and outgoing links, and the problems found while reading it.</summary>
    public sealed record PageScan(string Destination, IReadOnlySet<string> Ids, IReadOnlyList<(string Url, int Line, int Column)> Links, IReadOnlyList<Diagnostic> Problems);

    /// <summary>
    /// Reads one page with PortfolioGen's fast scanner (the build's check, see <see cref="HtmlScanner"/>):
    /// its ids, its links, and what is wrong with it on its own.
    /// </summary>
    public PageScan Scan(string destination, string html)
    {
        var file = show(destination);
        var result = HtmlScanner.Scan(html, _pool);
        var problems = new List<Diagnostic>();
        foreach (var (message, line, column) in result.Errors)
        {
            problems.Add(Diagnostic.Warning(DiagnosticCodes.HtmlParseError, file, line, column, $"HTML: {message}"));
        }
        if (string.IsNullOrWhiteSpace(result.Title))
        {
            problems.Add(Diagnostic.Warning(DiagnosticCodes.MissingTitleElement, file, 1, 1, "the page has no <title>"));
        }
        if (string.IsNullOrWhiteSpace(result.Language))
        {
            problems.Add(Diagnostic.Warning(DiagnosticCodes.MissingLanguage, file, 1, 1, "the page does not say its language (<html lang=\"…\">)"));
        }
        foreach (var (id, line, column) in result.DuplicateIds)
        {
            problems.Add(Diagnostic.Warning(DiagnosticCodes.DuplicateId, file, line, column, $"the id '{id}' is used more than once on this page"));
        }
        // Only links inside the site are checked; the same few hundred targets recur on thousands of pages,
        // so the scanner keeps one string for each (scans live until every page is made).
        var links = new List<(string Url, int Line, int Column)>(result.Links.Count);
        foreach (var link in result.Links)
        {
            if (!IsExternal(link.Url)) links.Add(link);
        }
        links.Sort((a, b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Column.CompareTo(b.Column));
        return new PageScan(destination, result.Ids.Count == 0 ? NoIds : result.Ids, links, problems);
    }

    private readonly ConcurrentDictionary<string, string> _pool = new(StringComparer.Ordinal);

    // Sets of ids and of files are made once per page and per build and looked up a few times each: a HashSet is built
    // in a quarter of a FrozenSet's time (52,000 destinations: 3.5 against 15 ms) and looks up as fast here.
    private static readonly IReadOnlySet<string> NoIds = new HashSet<string>();

    private static bool IsExternal(string url)
    {
        var u = url.AsSpan().Trim();
        return u.Length > 0 && Site.SiteUrls.IsAbsolute(u);
    }

    /// <summary>
    /// Reads one page with AngleSharp's full HTML5 parser (what <c>portfoliogen check</c> uses): its ids, its
    /// links, and every parse error the HTML5 tree builder reports.
    /// </summary>
    public PageScan ScanWithHtmlParser(string destination, string html)
    {
        var parser = new HtmlParser(new HtmlParserOptions { IsKeepingSourceReferences = true });
        var file = show(destination);
        var problems = new List<Diagnostic>();
        parser.Error += (_, e) =>
        {
            if (e is AngleSharp.Html.Dom.Events.HtmlErrorEvent error)
            {
                problems.Add(Diagnostic.Warning(DiagnosticCodes.HtmlParseError, file, error.Position.Line, error.Position.Column, $"HTML: {error.Message}"));
            }
        };
        using var document = parser.ParseDocument(html);
        if (string.IsNullOrWhiteSpace(document.Title))
        {
            problems.Add(Diagnostic.Warning(DiagnosticCodes.MissingTitleElement, file, 1, 1, "the page has no <title>"));
        }
        if (string.IsNullOrWhiteSpace(document.DocumentElement.GetAttribute("lang")))
        {
            var (l, c) = Position(document.DocumentElement);
            problems.Add(Diagnostic.Warning(DiagnosticCodes.MissingLanguage, file, l, c, "the page does not say its language (<html lang=\"…\">)"));
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in document.QuerySelectorAll("[id]"))
        {
            var id = element.Id!;
            if (!ids.Add(id))
            {
                var (l, c) = Position(element);
                problems.Add(Diagnostic.Warning(DiagnosticCodes.DuplicateId, file, l, c, $"the id '{id}' is used more than once on this page"));
            }
        }
        foreach (var anchor in document.QuerySelectorAll("a[name]")) ids.Add(anchor.GetAttribute("name")!);
        var links = new List<(string, int, int)>();
        foreach (var (selector, attribute) in LinkAttributes)
        {
            foreach (var element in document.QuerySelectorAll(selector))
            {
                var (l, c) = Position(element);
                links.Add((element.GetAttribute(attribute)!, l, c));
            }
        }
        links.Sort((a, b) => a.Item2 != b.Item2 ? a.Item2.CompareTo(b.Item2) : a.Item3.CompareTo(b.Item3));
        return new PageScan(destination, ids, links, problems);
    }

    /// <summary>Checks every link of every scanned page against the site's files and the pages' ids.</summary>
    public IReadOnlyList<Diagnostic> CheckLinks(IReadOnlyDictionary<string, PageScan> scans, IReadOnlySet<string> files, int parallelism = 0, CancellationToken cancellationToken = default)
        => [.. CheckPages([.. scans.Values], scans, files, parallelism, cancellationToken, dependencies: false).SelectMany(p => p.Problems)];

    /// <summary>Checks a built site on disk: every page, its links, and the feed and sitemap if present.</summary>
    public static IReadOnlyList<Diagnostic> CheckFolder(string folder, string basePath, Func<string, string> show)
    {
        var root = Path.GetFullPath(folder);
        var checker = new SiteChecker(basePath, show);
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.Split('/').Any(s => s.StartsWith('.')))
            .ToHashSet(StringComparer.Ordinal);
        var scans = new ConcurrentDictionary<string, PageScan>(StringComparer.Ordinal);
        var problems = new ConcurrentQueue<Diagnostic>();
        Parallel.ForEach(files.Where(f => f.EndsWith(".html", StringComparison.Ordinal)), page =>
        {
            var scan = checker.ScanWithHtmlParser(page, File.ReadAllText(Path.Combine(root, page)));
            foreach (var p in scan.Problems) problems.Enqueue(p);
            scans[page] = scan;
        });
        foreach (var p in checker.CheckLinks(scans, files)) problems.Enqueue(p);
        foreach (var (name, rootElement, ns) in new[] { ("feed.xml", "feed", "http://www.w3.org/2005/Atom"), ("sitemap.xml", "urlset", "http://www.sitemaps.org/schemas/sitemap/0.9") })
        {
            if (!files.Contains(name)) continue;
            if (CheckXml(Path.Combine(root, name), rootElement, ns) is { } error)
            {
                problems.Enqueue(Diagnostic.Warning(DiagnosticCodes.MalformedXml, show(name), error.Line, error.Column, error.Message));
            }
        }
        var list = problems.ToList();
        list.Sort(Diagnostic.Compare);
        return list;
    }

    private static (int Line, int Column, string Message)? CheckXml(string path, string rootElement, string ns)
    {
        try
        {
            using var reader = XmlReader.Create(path, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            var first = true;
            while (reader.Read())
            {
                if (first && reader.NodeType == XmlNodeType.Element)
                {
                    first = false;
                    if (reader.LocalName != rootElement || reader.NamespaceURI != ns)
                    {
                        var info = (IXmlLineInfo)reader;
                        return (info.LineNumber, info.LinePosition, $"the root element is <{reader.Name}> in '{reader.NamespaceURI}', not <{rootElement}> in '{ns}'");
                    }
                }
            }
            return first ? (1, 1, "the file has no root element") : null;
        }
        catch (XmlException e)
        {
            return (Math.Max(e.LineNumber, 1), Math.Max(e.LinePosition, 1), "not well-formed XML: " + e.Message);
        }
    }

    private static (int Line, int Column) Position(IElement element)
        => element.SourceReference is { } r ? (r.Position.Line, r.Position.Column) : (1, 1);

    /// <summary>
    /// What checking one link found, and what that depends on besides the page itself: the files whose presence decided
    /// it (<paramref name="Paths"/>) and the page whose ids a fragment was looked up in (<paramref name="FragmentPage"/>).
    /// </summary>
    public readonly record struct LinkOutcome((string Code, string Message)? Problem, string[] Paths, string? FragmentPage);

    private static readonly string[] NoPaths = [];

    private LinkOutcome Evaluate(string url, PageScan page, IReadOnlySet<string> files, IReadOnlyDictionary<string, PageScan> scans)
    {
        url = url.Trim();
        if (url.Length == 0) return new((DiagnosticCodes.BrokenLink, "an empty link"), NoPaths, null);
        if (Site.SiteUrls.IsAbsolute(url)) return new(null, NoPaths, null);

        var hashAt = url.IndexOf('#', StringComparison.Ordinal);
        var fragment = hashAt >= 0 ? Uri.UnescapeDataString(url[(hashAt + 1)..]) : null;
        var path = hashAt >= 0 ? url[..hashAt] : url;
        var queryAt = path.IndexOf('?', StringComparison.Ordinal);
        if (queryAt >= 0) path = path[..queryAt];

        string target;
        var probed = NoPaths;
        if (path.Length == 0)
        {
            target = page.Destination;
        }
        else
        {
            if (!SitePathOf(path, page, out var sitePath))
            {
                return new((DiagnosticCodes.BrokenLink, $"the link '{url}' points outside the site, which is served under {basePath}"), NoPaths, null);
            }
            var resolved = Resolve(sitePath);
            if (resolved is null) return new((DiagnosticCodes.BrokenLink, $"the link '{url}' goes above the site's root"), NoPaths, null);
            probed = Candidates(resolved);
            var found = Find(resolved, files);
            if (found is null)
            {
                var message = $"the link '{url}' leads nowhere: the site has no '{resolved}'";
                // A name with '#' or '?' (content/teaching/C#.md) written as it is: they started a fragment or a query.
                if (path.Length < url.Length && SitePathOf(url, page, out var whole) && Resolve(whole) is { } meant && meant != resolved)
                {
                    probed = [.. probed, .. Candidates(meant)];
                    if (Find(meant, files) is not null)
                    {
                        var written = (url.Contains('#', StringComparison.Ordinal), url.Contains('?', StringComparison.Ordinal)) switch
                        {
                            (true, true) => "'#' as %23 and '?' as %3F",
                            (true, false) => "'#' as %23",
                            _ => "'?' as %3F",
                        };
                        message += $" (for '{meant}', write {written}: {url.Replace("#", "%23", StringComparison.Ordinal).Replace("?", "%3F", StringComparison.Ordinal)})";
                    }
                }
                return new((DiagnosticCodes.BrokenLink, message), probed, null);
            }
            target = found;
        }
        if (string.IsNullOrEmpty(fragment)) return new(null, probed, null);
        if (!scans.TryGetValue(target, out var targetScan)) return new(null, probed, target); // fragments of non-HTML files are not checked
        return targetScan.Ids.Contains(fragment)
            ? new(null, probed, target)
            : new((DiagnosticCodes.MissingFragment, $"the link '{url}' names the fragment '#{fragment}', but {target} has no element with that id"), probed, target);
    }

    // The site path a link's path names, unescaped (/%7Eada/ as Markdig writes a Markdown link is the same path as
    // /~ada/), from the site's root or the page's folder; false when it points outside the site.
    private bool SitePathOf(string path, PageScan page, out string sitePath)
    {
        if (path.StartsWith('/'))
        {
            var unescaped = Uri.UnescapeDataString(path);
            sitePath = unescaped.Length < _unescapedBase.Length ? "" : unescaped[_unescapedBase.Length..];
            return unescaped.StartsWith(_unescapedBase, StringComparison.Ordinal) || unescaped + "/" == _unescapedBase;
        }
        var dir = page.Destination.Contains('/', StringComparison.Ordinal) ? page.Destination[..(page.Destination.LastIndexOf('/') + 1)] : "";
        sitePath = Uri.UnescapeDataString(dir + path);
        return true;
    }

    /// <summary>A page's link problems and what they depend on (see <see cref="LinkOutcome"/>), for a serve session's incremental check.</summary>
    public sealed record PageLinks(PageScan Scan, Diagnostic[] Problems, string[] Paths, string[] FragmentPages);

    /// <summary>
    /// Checks the links of some pages (against every page's ids and the site's files), with what each result depends on
    /// unless <paramref name="dependencies"/> is false (a whole build's check, which nothing keeps).
    /// </summary>
    public IReadOnlyList<PageLinks> CheckPages(IReadOnlyList<PageScan> pages, IReadOnlyDictionary<string, PageScan> scans, IReadOnlySet<string> files,
        int parallelism = 0, CancellationToken cancellationToken = default, bool dependencies = true)
    {
        // A link from the site's root (/papers/x/#cite) means the same on every page: it is checked once. The
        // nav, the stylesheet and the co-author links recur on thousands of pages.
        var rooted = new ConcurrentDictionary<string, LinkOutcome>(StringComparer.Ordinal);
        var results = new PageLinks[pages.Count];
        Parallel.For(0, pages.Count, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount }, i =>
        {
            var scan = pages[i];
            List<Diagnostic>? problems = null;
            var paths = dependencies ? new HashSet<string>(StringComparer.Ordinal) : null;
            HashSet<string>? fragments = null;
            foreach (var (url, line, column) in scan.Links)
            {
                var outcome = url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)
                    ? rooted.GetOrAdd(url, u => Evaluate(u, scan, files, scans))
                    : Evaluate(url, scan, files, scans);
                if (outcome.Problem is { } p) (problems ??= []).Add(Diagnostic.Warning(p.Code, show(scan.Destination), line, column, p.Message));
                paths?.UnionWith(outcome.Paths);
                if (dependencies && outcome.FragmentPage is { } f && f != scan.Destination) (fragments ??= new(StringComparer.Ordinal)).Add(f);
            }
            results[i] = new PageLinks(scan, problems is null ? [] : [.. problems], paths is null ? NoPaths : [.. paths], fragments is null ? [] : [.. fragments]);
        });
        return results;
    }

    // The files Find looks for: a folder's index.html; a file, or a folder written without its slash.
    private static string[] Candidates(string sitePath)
        => sitePath.Length == 0 || sitePath.EndsWith('/') ? [sitePath + "index.html"] : [sitePath, sitePath + "/index.html"];

    // Collapses "." and ".." segments; null when the path climbs above the root.
    private static string? Resolve(string path)
    {
        var parts = new List<string>();
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var s = segments[i];
            if (s is "" or ".")
            {
                if (i == segments.Length - 1) parts.Add("");
                continue;
            }
            if (s == "..")
            {
                if (parts.Count == 0) return null;
                parts.RemoveAt(parts.Count - 1);
                if (i == segments.Length - 1) parts.Add("");
                continue;
            }
            parts.Add(s);
        }
        return string.Join('/', parts);
    }

    private static string? Find(string sitePath, IReadOnlySet<string> files)
    {
        if (sitePath.Length == 0 || sitePath.EndsWith('/'))
        {
            var index = sitePath + "index.html";
            return files.Contains(index) ? index : null;
        }
        if (files.Contains(sitePath)) return sitePath;
        // "papers/x" is served as papers/x/index.html by every static host (after a redirect).
        return files.Contains(sitePath + "/index.html") ? sitePath + "/index.html" : null;
    }
}
