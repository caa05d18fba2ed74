using System.Collections.Concurrent;
using System.Collections.Immutable;
using PortfolioGen.Pipelines;

namespace PortfolioGen.Modules;

/// <summary>
/// Checks the site as it will be written, before anything is written (see <see cref="SiteChecker"/>):
/// links, fragments, ids, titles, languages and HTML parse errors of every published page. Problems are
/// warnings (errors under <c>--strict</c>) at the line and column of the offending element in the page.
/// Runs in PostProcess, over every published page.
/// </summary>
/// <param name="basePath">The path the site is served under (<c>/</c> or <c>/portfolio/</c>).</param>
/// <param name="show">How an output path is shown in messages (<c>_site/papers/x/index.html</c>).</param>
/// <param name="sourceOf">
/// The text a page's author wrote (a content page's Markdown, a paper's notes), if any: a broken link found in it is
/// reported in that file, at the line and column where it was written, rather than in the page made from it.
/// </param>
public sealed class ValidateLinks(string basePath, Func<string, string> show, Func<Document, LinkSource?>? sourceOf = null) : IModule
{
    /// <inheritdoc />
    public Task<ImmutableArray<Document>> ExecuteAsync(ImmutableArray<Document> inputs, IExecutionContext context)
    {
        // Pages that failed to render are missing; every link to them would be reported again as broken.
        if (context.Diagnostics.HasErrors) return Task.FromResult(inputs);
        var checker = context.TryGetService<SiteChecker>() ?? new SiteChecker(basePath, show);
        var published = context.Outputs.Published;
        var files = published.Select(d => d.Destination).ToHashSet(StringComparer.Ordinal);
        var scans = new Dictionary<string, SiteChecker.PageScan>(StringComparer.Ordinal);
        foreach (var page in published.Where(d => d.Destination.EndsWith(".html", StringComparison.Ordinal)))
        {
            // Pages were read when they were staged; a page that was not is read now.
            if (page.Get<SiteChecker.PageScan>(StageFiles.PageScanKey) is not { } scan)
            {
                scan = checker.Scan(page.Destination, page.Content.GetText());
                context.Diagnostics.AddRange(scan.Problems);
            }
            scans[page.Destination] = scan;
        }
        var found = context.TryGetService<LinkCheckMemo>() is { } memo
            ? memo.Check(checker, scans, files, context.MaxParallelism, context.CancellationToken)
            : checker.CheckLinks(scans, files, context.MaxParallelism, context.CancellationToken);
        context.Diagnostics.AddRange(sourceOf is null || found.Count == 0 ? found : AtSources(found, published, scans, sourceOf));
        return Task.FromResult(inputs);
    }

    // Each problem with a link the author wrote, moved to where it was written; the others as they are.
    private IEnumerable<Diagnostic> AtSources(IReadOnlyList<Diagnostic> found, ImmutableArray<Document> published,
        Dictionary<string, SiteChecker.PageScan> scans, Func<Document, LinkSource?> source)
    {
        static bool OfALink(Diagnostic d) => d.Code is DiagnosticCodes.BrokenLink or DiagnosticCodes.MissingFragment;
        if (!found.Any(OfALink)) return found;
        var pages = new Dictionary<string, (string Destination, LinkSource Source)>(StringComparer.Ordinal);
        foreach (var page in published)
        {
            if (page.Destination.EndsWith(".html", StringComparison.Ordinal) && source(page) is { } s) pages[show(page.Destination)] = (page.Destination, s);
        }
        return found.Select(d =>
        {
            if (!OfALink(d) || !pages.TryGetValue(d.File, out var page)
                || !scans.TryGetValue(page.Destination, out var scan)) return d;
            var link = scan.Links.FirstOrDefault(l => l.Line == d.Line && l.Column == d.Column);
            if (link.Url is null || Locate(page.Source, link.Url) is not var (line, column)) return d;
            return d with { File = page.Source.File, Line = line, Column = column, Message = $"{d.Message} (on {d.File})" };
        });
    }

    // Where the author wrote a link: its URL as the page has it, or (under a sub-path) as written from the site's root,
    // where it is a whole link target (after "(", "<", a quote, "=" or a space, and before ")", ">", a quote, a space or
    // the end: "/a.pdf" is not the start of "/a.pdf#p").
    private (int Line, int Column)? Locate(LinkSource source, string url)
    {
        // Under a sub-path, the link as written from the site's root: with its escapes as the page has them (the author
        // wrote %20), and without (the author wrote a space or a ~, which Markdig escaped; the base path too may be
        // escaped in the page, as /%7Eada/ for /~ada/).
        string[] forms = [url];
        if (basePath.Length > 1)
        {
            var unescapedBase = Uri.UnescapeDataString(basePath);
            var unescaped = Uri.UnescapeDataString(url);
            if (unescaped.StartsWith(unescapedBase, StringComparison.Ordinal))
            {
                var rest = "/" + unescaped[unescapedBase.Length..];
                forms = url.StartsWith(basePath, StringComparison.Ordinal) && "/" + url[basePath.Length..] is var escaped && escaped != rest
                    ? [url, escaped, rest] : [url, rest];
            }
        }
        foreach (var form in forms)
        {
            for (var at = source.Text.IndexOf(form, StringComparison.Ordinal); at >= 0; at = source.Text.IndexOf(form, at + 1, StringComparison.Ordinal))
            {
                if (at > 0 && source.Text[at - 1] is not ('(' or '<' or '"' or '\'' or '=' or ' ' or '\n')) continue;
                var end = at + form.Length;
                if (end < source.Text.Length && source.Text[end] is not (')' or '>' or '"' or '\'' or ' ' or '\t' or '\r' or '\n')) continue;
                var before = source.Text.AsSpan(0, at);
                return (source.FirstLine + before.Count('\n'), at - before.LastIndexOf('\n'));
            }
        }
        return null;
    }
}

/// <summary>What an author wrote that a page was made from: the file (as messages show it), its text, and the line the text starts at.</summary>
public sealed record LinkSource(string File, string Text, int FirstLine);

/// <summary>
/// Remembers what <see cref="ValidateLinks"/> read from each page, by the page's exact HTML, across the rebuilds of a
/// serve session; and the file <see cref="StageFiles"/> staged for that HTML. These are the pages outside the cached
/// chains (the home page, the indexes of topics and co-authors, the user's pages), which a rebuild makes every time
/// and which mostly come out the same (see <see cref="Themes.RenderCache"/>).
/// </summary>
public sealed class LinkScanCache
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private sealed class Entry(string html, SiteChecker.PageScan scan)
    {
        public string Html { get; } = html;
        public SiteChecker.PageScan Scan { get; } = scan;

        // The file staged for this HTML, and what the output folder found for it when it kept it (see StageUnchanged).
        public Output.StagedFile? Staged;
        public object? Kept;
    }

    private Entry? Find(string destination, string html)
        => _entries.TryGetValue(destination, out var e) && (ReferenceEquals(e.Html, html) || e.Html == html) ? e : null;

    /// <summary>The scan of a page whose HTML is unchanged, or null.</summary>
    public SiteChecker.PageScan? Get(string destination, string html) => Find(destination, html)?.Scan;

    /// <summary>Stores a scan.</summary>
    public void Set(string destination, string html, SiteChecker.PageScan scan)
    {
        if (Find(destination, html) is null) _entries[destination] = new Entry(html, scan);
    }

    /// <summary>
    /// The page staged again as the file staged for the same HTML before, while the output folder still has that file
    /// as the last build left it (and with its length: these few pages are each looked at, so one edited by hand is
    /// written back, as before); else the page's bytes are staged (and remembered with the HTML). At 10,000 papers the
    /// home page is 6 MB, and encoding, hashing and comparing it with the site's copy at every rebuild took ~30 ms.
    /// </summary>
    public Output.StagedFile Stage(Output.OutputFolder output, string destination, string html)
    {
        var entry = Find(destination, html);
        if (entry?.Staged is { } before && output.StageUnchanged(before, ref entry.Kept) is { } kept
            && new FileInfo(kept.FinalPath) is { Exists: true } file && file.Length == kept.Length)
        {
            return kept;
        }
        var staged = output.StageText(destination, html);
        if (entry is not null) (entry.Staged, entry.Kept) = (staged, null);
        return staged;
    }
}

/// <summary>
/// A serve session's link check, kept from one rebuild to the next: each page's link problems, and what they depend on
/// (the files its links resolved to or looked for, the pages whose ids its fragments name). A rebuild checks again only
/// the pages whose scan changed or is new, and those that depend on a file that came or went or on a page that changed;
/// the others keep their problems. At 10,000 papers a title edit so checks a handful of pages instead of 12,000 (their
/// 300,000 links were a tenth of the rebuild's time). The result is what checking every page gives.
/// </summary>
public sealed class LinkCheckMemo
{
    private HashSet<string>? _files;
    private string? _basePath;
    private Dictionary<string, SiteChecker.PageLinks> _pages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _byPath = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _byFragmentPage = new(StringComparer.Ordinal);

    /// <summary>Pages the last check looked at (the others kept their results).</summary>
    public int Checked { get; private set; }

    /// <summary>Checks the links of every page in <paramref name="scans"/> against <paramref name="files"/>, as <see cref="SiteChecker.CheckLinks"/> does.</summary>
    public IReadOnlyList<Diagnostic> Check(SiteChecker checker, IReadOnlyDictionary<string, SiteChecker.PageScan> scans, HashSet<string> files,
        int parallelism = 0, CancellationToken cancellationToken = default)
    {
        var previous = _files;
        _files = null; // Until this check is complete: one cut short leaves nothing half updated to trust.
        List<string> dirty;
        if (previous is null || _basePath != checker.BasePath)
        {
            _pages = new(StringComparer.Ordinal);
            _byPath.Clear();
            _byFragmentPage.Clear();
            dirty = [.. scans.Keys];
        }
        else
        {
            var recheck = new HashSet<string>(StringComparer.Ordinal);
            var changedPages = new List<string>();
            var stillThere = 0;
            foreach (var (destination, scan) in scans)
            {
                if (_pages.TryGetValue(destination, out var known))
                {
                    stillThere++;
                    if (ReferenceEquals(known.Scan, scan)) continue;
                }
                recheck.Add(destination);
                changedPages.Add(destination);
            }
            // The sets are compared both ways only when the one way and the counts leave room for a difference
            // (12,000 pages and 52,000 files at 10,000 papers, while one edit rarely adds or removes any).
            if (stillThere < _pages.Count)
            {
                foreach (var gone in _pages.Keys.Where(d => !scans.ContainsKey(d)).ToList())
                {
                    changedPages.Add(gone);
                    Forget(gone);
                }
            }
            var added = 0;
            foreach (var f in files)
            {
                if (previous.Contains(f)) continue;
                added++;
                Dependents(_byPath, f, recheck, scans);
            }
            if (previous.Count - (files.Count - added) > 0)
            {
                foreach (var f in previous) if (!files.Contains(f)) Dependents(_byPath, f, recheck, scans);
            }
            foreach (var page in changedPages) Dependents(_byFragmentPage, page, recheck, scans);
            dirty = [.. recheck];
        }
        var results = checker.CheckPages([.. dirty.Select(d => scans[d])], scans, files, parallelism, cancellationToken);
        foreach (var result in results)
        {
            Forget(result.Scan.Destination);
            _pages[result.Scan.Destination] = result;
            foreach (var path in result.Paths) Index(_byPath, path, result.Scan.Destination);
            foreach (var page in result.FragmentPages) Index(_byFragmentPage, page, result.Scan.Destination);
        }
        Checked = results.Count;
        _basePath = checker.BasePath;
        _files = files;
        return [.. _pages.Values.SelectMany(p => p.Problems)];
    }

    private static void Dependents(Dictionary<string, HashSet<string>> index, string key, HashSet<string> into, IReadOnlyDictionary<string, SiteChecker.PageScan> scans)
    {
        if (!index.TryGetValue(key, out var pages)) return;
        foreach (var page in pages) if (scans.ContainsKey(page)) into.Add(page);
    }

    private static void Index(Dictionary<string, HashSet<string>> index, string key, string page)
    {
        if (!index.TryGetValue(key, out var pages)) index[key] = pages = new(StringComparer.Ordinal);
        pages.Add(page);
    }

    // Takes a page's last result out of the indexes.
    private void Forget(string destination)
    {
        if (!_pages.Remove(destination, out var old)) return;
        foreach (var path in old.Paths) Unindex(_byPath, path, destination);
        foreach (var page in old.FragmentPages) Unindex(_byFragmentPage, page, destination);
    }

    private static void Unindex(Dictionary<string, HashSet<string>> index, string key, string page)
    {
        if (index.TryGetValue(key, out var pages) && pages.Remove(page) && pages.Count == 0) index.Remove(key);
    }
}
