using PortfolioGen.Output;
using PortfolioGen.Pipelines;

namespace PortfolioGen.Modules;

/// <summary>
/// The last step of a publishing pipeline's making: each document's bytes go to the output's staging folder
/// (unless the site already has them), HTML pages are read once for the checks (their ids, links and
/// problems kept in metadata), and the document keeps only a reference to its file. Nothing in the site
/// changes until <see cref="WriteFiles"/> runs, after the whole build succeeded.
/// </summary>
public sealed class StageFiles : SyncModule
{
    /// <summary>The metadata key of an HTML page's <see cref="SiteChecker.PageScan"/>.</summary>
    public const string PageScanKey = "PageScan";

    /// <inheritdoc />
    protected override Document? Execute(Document input, IExecutionContext context)
    {
        if (input.Content is StagedContent) return input;
        var output = context.GetService<OutputFolder>();
        var result = input;
        LinkScanCache? cache = null;
        if (input.Destination.EndsWith(".html", StringComparison.Ordinal) && context.TryGetService<SiteChecker>() is { } checker)
        {
            var text = input.Content.GetText();
            cache = context.TryGetService<LinkScanCache>();
            var scan = cache?.Get(input.Destination, text) ?? checker.Scan(input.Destination, text);
            cache?.Set(input.Destination, text, scan);
            context.Diagnostics.AddRange(scan.Problems);
            result = result.With(PageScanKey, scan);
        }
        var staged = input.Content is TextContent page
            ? cache?.Stage(output, input.Destination, page.Text) ?? output.StageText(input.Destination, page.Text)
            : output.Stage(input.Destination, input.Content.GetBytes().Span);
        return result.WithContent(new StagedContent(staged));
    }
}

/// <summary>Puts each staged document in place in the output folder (the Output phase: the build succeeded).</summary>
public sealed class WriteFiles : SyncModule
{
    /// <inheritdoc />
    protected override Document? Execute(Document input, IExecutionContext context)
    {
        var output = context.GetService<OutputFolder>();
        // Every publishing pipeline stages its files; one that did not is staged here, the same way.
        var staged = input.Content is StagedContent s ? s.File : output.Stage(input.Destination, input.Content.GetBytes().Span);
        output.CommitStaged(staged);
        return input;
    }
}
