using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Extensions.Mathematics;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using PortfolioGen.Text;

namespace PortfolioGen.Markdown;

/// <summary>What rendering one Markdown text gave.</summary>
/// <param name="Html">The HTML.</param>
/// <param name="MathErrors">Formulas that could not be shown as math: (TeX, why, line).</param>
public sealed record MarkdownResult(string Html, IReadOnlyList<(string Tex, string Error, int Line)> MathErrors);

/// <summary>
/// The Markdown pipelines of a build, built once and shared by every page (Markdig pipelines are frozen
/// and safe to use from many threads). User content may not carry raw HTML unless the site allows it;
/// generated paper pages may (they escape everything they take from the profile). Both render
/// <c>$…$</c> as MathML and give root-relative links the site's base path.
/// </summary>
public sealed class MarkdownRenderer
{
    private readonly MarkdownPipeline _content;
    private readonly MarkdownPipeline _generated;

    /// <summary>Builds the pipelines.</summary>
    /// <param name="basePath">The site's base path (<c>/</c> or <c>/portfolio/</c>), added to root-relative links.</param>
    /// <param name="allowRawHtml">Whether raw HTML in user content is kept.</param>
    public MarkdownRenderer(string basePath, bool allowRawHtml)
    {
        _content = Build(basePath, allowHtml: allowRawHtml);
        _generated = Build(basePath, allowHtml: true);
    }

    private static MarkdownPipeline Build(string basePath, bool allowHtml)
    {
        var builder = new MarkdownPipelineBuilder()
            .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
            .UsePipeTables()
            .UseFootnotes()
            .UseAutoLinks()
            .UseEmphasisExtras()
            .UseTaskLists()
            .UseDefinitionLists()
            .UseFigures()
            .UseMathematics();
        builder.Extensions.Add(new MathMLExtension());
        builder.Extensions.Add(new TableWrapExtension());
        if (!allowHtml) builder.DisableHtml();
        if (basePath != "/")
        {
            builder.DocumentProcessed += document => AddBasePath(document, basePath);
        }
        return builder.Build();
    }

    /// <summary>Renders user content (pages, notes).</summary>
    public MarkdownResult RenderContent(string markdown) => Render(markdown, _content);

    /// <summary>Renders Markdown the generator wrote (paper pages).</summary>
    public MarkdownResult RenderGenerated(string markdown) => Render(markdown, _generated);

    private static MarkdownResult Render(string markdown, MarkdownPipeline pipeline)
    {
        var document = Markdig.Markdown.Parse(markdown, pipeline);
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        var renderer = new HtmlRenderer(writer);
        pipeline.Setup(renderer);
        var math = renderer.ObjectRenderers.FindExact<MathMLInlineRenderer>();
        var block = renderer.ObjectRenderers.FindExact<MathMLBlockRenderer>();
        renderer.Render(document);
        writer.Flush();
        var errors = new List<(string, string, int)>();
        if (math is not null) errors.AddRange(math.Errors);
        if (block is not null) errors.AddRange(block.Errors);
        return new MarkdownResult(Scholarly.Math.MathGlue.Apply(writer.ToString()), errors);
    }

    // Root-relative links in Markdown ("/papers/x/") are written as the site sees them; a site served
    // from a sub-path needs that path in front.
    private static void AddBasePath(MarkdownDocument document, string basePath)
    {
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (NeedsBasePath(link.Url, basePath)) link.Url = basePath + link.Url![1..];
        }
    }

    private static bool NeedsBasePath(string? url, string basePath)
        => basePath != "/" && url is not null && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)
           && !url.StartsWith(basePath, StringComparison.Ordinal);

    // The pipelines' syntax, with each node's place in the text: to find links in Markdown that is published as Markdown.
    private static readonly MarkdownPipeline Located = new MarkdownPipelineBuilder()
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub).UsePipeTables().UseFootnotes().UseAutoLinks().UseEmphasisExtras()
        .UseTaskLists().UseDefinitionLists().UseFigures().UseMathematics().UsePreciseSourceLocation().Build();

    /// <summary>
    /// The lines (counted from 0) of the level-1 headings in Markdown (<c># …</c>, or a line underlined with <c>=</c>):
    /// a page's layout shows its title as its one <c>h1</c>, and a heading of the page's own would be a second.
    /// </summary>
    public static IReadOnlyList<int> TopHeadingLines(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        if (!markdown.Contains('#', StringComparison.Ordinal) && !markdown.Contains('=', StringComparison.Ordinal)) return [];
        // Counted from the heading's start: a setext heading's own line is its text's, not its underline's.
        return [.. Markdig.Markdown.Parse(markdown, Located).Descendants<HeadingBlock>().Where(h => h.Level == 1)
            .Select(h => h.Span.Start >= 0 && h.Span.Start <= markdown.Length ? markdown.AsSpan(0, h.Span.Start).Count('\n') : h.Line)];
    }

    /// <summary>
    /// The Markdown with the site's base path put in front of its root-relative links (inline links, images and link
    /// reference definitions), as the HTML gets it: for Markdown the site publishes as Markdown (a paper's notes in its
    /// <c>index.md</c>), whose links must lead where the page's do. Everything else is left as written.
    /// </summary>
    public static string WithBasePath(string markdown, string basePath)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(basePath);
        if (basePath == "/" || !markdown.Contains('/', StringComparison.Ordinal)) return markdown;
        var document = Markdig.Markdown.Parse(markdown, Located);
        var starts = new SortedSet<int>();
        void Add(string? url, SourceSpan span)
        {
            if (!NeedsBasePath(url, basePath) || span.IsEmpty || span.Start < 0 || span.End >= markdown.Length) return;
            // The span may take in the brackets of a <url>: the slash is the first one in it.
            var slash = markdown.IndexOf('/', span.Start, span.Length);
            if (slash >= 0) starts.Add(slash);
        }
        foreach (var link in document.Descendants<LinkInline>())
        {
            // A reference link's URL is written at its definition, found below.
            if (link.Reference is null) Add(link.Url, link.UrlSpan);
        }
        foreach (var definition in document.Descendants<LinkReferenceDefinition>()) Add(definition.Url, definition.UrlSpan);
        if (starts.Count == 0) return markdown;
        var sb = new System.Text.StringBuilder(markdown.Length + starts.Count * basePath.Length);
        var at = 0;
        foreach (var slash in starts)
        {
            sb.Append(markdown, at, slash - at).Append(basePath);
            at = slash + 1;
        }
        return sb.Append(markdown, at, markdown.Length - at).ToString();
    }
}

/// <summary>
/// Puts every table in a <c>&lt;div class="table-wrap"&gt;</c>, which a theme lets scroll sideways: a table does not
/// shrink below its widest cells (a long name, a URL, seven columns of figures), and without a box of its own to
/// scroll in it widens the whole page on a phone, and past a desktop's column too.
/// </summary>
internal sealed class TableWrapExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is not HtmlRenderer html) return;
        var index = html.ObjectRenderers.FindIndex(r => r is Markdig.Extensions.Tables.HtmlTableRenderer);
        if (index >= 0) html.ObjectRenderers[index] = new TableWrapRenderer(html.ObjectRenderers[index]);
    }
}

internal sealed class TableWrapRenderer(IMarkdownObjectRenderer table) : HtmlObjectRenderer<Markdig.Extensions.Tables.Table>
{
    protected override void Write(HtmlRenderer renderer, Markdig.Extensions.Tables.Table obj)
    {
        renderer.EnsureLine();
        renderer.WriteLine("<div class=\"table-wrap\">");
        table.Write(renderer, obj);
        renderer.EnsureLine();
        renderer.WriteLine("</div>");
    }
}

/// <summary>Renders Markdig's math nodes as MathML instead of script-dependent TeX.</summary>
internal sealed class MathMLExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is not HtmlRenderer html) return;
        html.ObjectRenderers.RemoveAll(r => r is HtmlMathInlineRenderer or HtmlMathBlockRenderer);
        html.ObjectRenderers.Insert(0, new MathMLInlineRenderer());
        html.ObjectRenderers.Insert(0, new MathMLBlockRenderer());
    }
}

internal sealed class MathMLInlineRenderer : HtmlObjectRenderer<MathInline>
{
    public List<(string Tex, string Error, int Line)> Errors { get; } = [];

    protected override void Write(HtmlRenderer renderer, MathInline obj)
    {
        var tex = obj.Content.ToString();
        var result = MathMLRenderer.Instance.Render(tex, display: obj.DelimiterCount > 1);
        if (result.Error is { } e) Errors.Add((tex, e, obj.Line + 1));
        renderer.Write(result.Html);
    }
}

internal sealed class MathMLBlockRenderer : HtmlObjectRenderer<MathBlock>
{
    public List<(string Tex, string Error, int Line)> Errors { get; } = [];

    protected override void Write(HtmlRenderer renderer, MathBlock obj)
    {
        var tex = obj.Lines.ToString().Trim();
        var result = MathMLRenderer.Instance.Render(tex, display: true);
        if (result.Error is { } e) Errors.Add((tex, e, obj.Line + 1));
        renderer.EnsureLine();
        renderer.Write("<p class=\"math-display\">").Write(result.Html).WriteLine("</p>");
    }
}
