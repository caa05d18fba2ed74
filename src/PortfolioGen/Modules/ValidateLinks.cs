using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Immutable;
using IElement = AngleSharp.Dom.IElement;
using AngleSharp.Html.Parser;
using PortfolioGen.Pipelines;

namespace PortfolioGen.Modules;

/// <summary>
/// Checks the site as it will be written, before anything is written: every internal link and
/// <c>#fragment</c> must resolve to a file and an id of the site, ids must be unique per page, and pages
/// must parse without HTML errors. Problems are warnings (errors under <c>--strict</c>) at the line and
/// column of the offending element in the generated page. Runs in PostProcess, over every published page.
/// </summary>
/// <param name="basePath">The path the site is served under (<c>/</c> or <c>/portfolio/</c>).</param>
/// <param name="show">How an output path is shown in messages (<c>_site/papers/x/index.html</c>).</param>
public sealed class ValidateLinks(string basePath, Func<string, string> show) : IModule
{
    private static readonly (string Selector, string Attribute)[] LinkAttributes =
    [
        ("a[href]", "href"), ("area[href]", "href"), ("link[href]", "href"), ("img[src]", "src"),
        ("script[src]", "src"), ("source[src]", "src"), ("iframe[src]", "src"), ("video[src]", "src"), ("audio[src]", "src"),
        ("video[poster]", "poster"),
    ];

    /// <summary>A page's ids and outgoing links, and the problems found while reading it.</summary>
    public sealed record PageScan(string Destination, FrozenSet<string> Ids, IReadOnlyList<(string Url, int Line, int Column)> Links, IReadOnlyList<Diagnostic> Problems);

    /// <inheritdoc />
    public async Task<ImmutableArray<Document>> ExecuteAsync(ImmutableArray<Document> inputs, IExecutionContext context)
    {
        // Pages that failed to render are missing; every link to them would be reported again as broken.
        if (context.Diagnostics.HasErrors) return inputs;
        var published = context.Outputs.Published;
        var files = published.Select(d => d.Destination).ToFrozenSet(StringComparer.Ordinal);
        var pages = published.Where(d => d.Destination.EndsWith(".html", StringComparison.Ordinal)).ToArray();
        var scans = new ConcurrentDictionary<string, PageScan>(StringComparer.Ordinal);
        var cache = context.TryGetService<LinkScanCache>();
        await Parallel.ForEachAsync(pages, new ParallelOptions { CancellationToken = context.CancellationToken, MaxDegreeOfParallelism = context.MaxParallelism },
            (page, _) =>
            {
                // In a serve session a page whose HTML did not change is not parsed again.
                var text = page.Content.GetText();
                var scan = cache?.Get(page.Destination, text) ?? Scan(page.Destination, text);
                cache?.Set(page.Destination, text, scan);
                context.Diagnostics.AddRange(scan.Problems);
                scans[page.Destination] = scan;
                return ValueTask.CompletedTask;
            }).ConfigureAwait(false);

        await Parallel.ForEachAsync(scans.Values, new ParallelOptions { CancellationToken = context.CancellationToken, MaxDegreeOfParallelism = context.MaxParallelism },
            (scan, _) =>
            {
                foreach (var (url, line, column) in scan.Links)
                {
                    if (Check(url, scan, files, scans) is { } problem)
                    {
                        context.Diagnostics.Add(Diagnostic.Warning(problem.Code, show(scan.Destination), line, column, problem.Message));
                    }
                }
                return ValueTask.CompletedTask;
            }).ConfigureAwait(false);
        return inputs;
    }

    private PageScan Scan(string destination, string html)
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
        return new PageScan(destination, ids.ToFrozenSet(StringComparer.Ordinal), links, problems);
    }

    private static (int Line, int Column) Position(IElement element)
        => element.SourceReference is { } r ? (r.Position.Line, r.Position.Column) : (1, 1);

    private (string Code, string Message)? Check(string url, PageScan page, FrozenSet<string> files, ConcurrentDictionary<string, PageScan> scans)
    {
        url = url.Trim();
        if (url.Length == 0) return (DiagnosticCodes.BrokenLink, "an empty link");
        if (url.StartsWith("//", StringComparison.Ordinal) || HasScheme(url)) return null;

        var hashAt = url.IndexOf('#', StringComparison.Ordinal);
        var fragment = hashAt >= 0 ? Uri.UnescapeDataString(url[(hashAt + 1)..]) : null;
        var path = hashAt >= 0 ? url[..hashAt] : url;
        var queryAt = path.IndexOf('?', StringComparison.Ordinal);
        if (queryAt >= 0) path = path[..queryAt];

        string target;
        if (path.Length == 0)
        {
            target = page.Destination;
        }
        else
        {
            string sitePath;
            if (path.StartsWith('/'))
            {
                if (!path.StartsWith(basePath, StringComparison.Ordinal) && path + "/" != basePath)
                {
                    return (DiagnosticCodes.BrokenLink, $"the link '{url}' points outside the site, which is served under {basePath}");
                }
                sitePath = path.Length < basePath.Length ? "" : path[basePath.Length..];
            }
            else
            {
                var dir = page.Destination.Contains('/', StringComparison.Ordinal) ? page.Destination[..(page.Destination.LastIndexOf('/') + 1)] : "";
                sitePath = dir + path;
            }
            var resolved = Resolve(Uri.UnescapeDataString(sitePath));
            if (resolved is null) return (DiagnosticCodes.BrokenLink, $"the link '{url}' goes above the site's root");
            var found = Find(resolved, files);
            if (found is null) return (DiagnosticCodes.BrokenLink, $"the link '{url}' leads nowhere: the site has no '{resolved}'");
            target = found;
        }
        if (string.IsNullOrEmpty(fragment)) return null;
        if (!scans.TryGetValue(target, out var targetScan)) return null; // fragments of non-HTML files are not checked
        return targetScan.Ids.Contains(fragment)
            ? null
            : (DiagnosticCodes.MissingFragment, $"the link '{url}' names the fragment '#{fragment}', but {target} has no element with that id");
    }

    private static bool HasScheme(string url)
    {
        var colon = url.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0) return false;
        for (var i = 0; i < colon; i++)
        {
            var c = url[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.')) return false;
        }
        return true;
    }

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

    private static string? Find(string sitePath, FrozenSet<string> files)
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

/// <summary>Remembers what <see cref="ValidateLinks"/> read from each page, by the page's exact HTML, across the rebuilds of a serve session.</summary>
public sealed class LinkScanCache
{
    private readonly ConcurrentDictionary<string, (string Html, ValidateLinks.PageScan Scan)> _entries = new(StringComparer.Ordinal);

    /// <summary>The scan of a page whose HTML is unchanged, or null.</summary>
    public ValidateLinks.PageScan? Get(string destination, string html)
        => _entries.TryGetValue(destination, out var e) && (ReferenceEquals(e.Html, html) || e.Html == html) ? e.Scan : null;

    /// <summary>Stores a scan.</summary>
    public void Set(string destination, string html, ValidateLinks.PageScan scan) => _entries[destination] = (html, scan);
}
