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
public sealed class ValidateLinks(string basePath, Func<string, string> show) : IModule
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
        context.Diagnostics.AddRange(checker.CheckLinks(scans, files, context.MaxParallelism, context.CancellationToken));
        return Task.FromResult(inputs);
    }
}

/// <summary>Remembers what <see cref="ValidateLinks"/> read from each page, by the page's exact HTML, across the rebuilds of a serve session.</summary>
public sealed class LinkScanCache
{
    private readonly ConcurrentDictionary<string, (string Html, SiteChecker.PageScan Scan)> _entries = new(StringComparer.Ordinal);

    /// <summary>The scan of a page whose HTML is unchanged, or null.</summary>
    public SiteChecker.PageScan? Get(string destination, string html)
        => _entries.TryGetValue(destination, out var e) && (ReferenceEquals(e.Html, html) || e.Html == html) ? e.Scan : null;

    /// <summary>Stores a scan.</summary>
    public void Set(string destination, string html, SiteChecker.PageScan scan) => _entries[destination] = (html, scan);
}
