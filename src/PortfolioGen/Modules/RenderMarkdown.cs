using PortfolioGen.Markdown;
using PortfolioGen.Pipelines;

namespace PortfolioGen.Modules;

/// <summary>
/// Renders a document's Markdown to HTML with the build's shared Markdig pipeline, into a metadata key
/// (the content stays as it was). A formula that cannot be shown as math is a warning at its line.
/// </summary>
/// <param name="markdownOf">The Markdown of a document and the line of the file it starts at, or null to skip it.</param>
/// <param name="generated">Whether the Markdown was written by the generator (may carry HTML) rather than the user.</param>
/// <param name="htmlKey">Where the HTML goes.</param>
public sealed class RenderMarkdown(Func<Document, (string Markdown, int FirstLine)?> markdownOf, bool generated, string htmlKey) : SyncModule
{
    /// <inheritdoc />
    protected override Document? Execute(Document input, IExecutionContext context)
    {
        if (markdownOf(input) is not { } source) return input;
        var renderer = context.GetService<MarkdownRenderer>();
        var result = generated ? renderer.RenderGenerated(source.Markdown) : renderer.RenderContent(source.Markdown);
        foreach (var (tex, error, line) in result.MathErrors)
        {
            context.Diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.MathUnsupported, input.DisplayName, source.FirstLine + line - 1, 1,
                $"the formula ${tex}$ cannot be shown as math ({error}); it is shown as TeX"));
        }
        return input.With(htmlKey, result.Html);
    }
}
