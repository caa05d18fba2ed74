using PortfolioGen.Pipelines;
using PortfolioGen.Themes;
using Scriban.Runtime;

namespace PortfolioGen.Modules;

/// <summary>
/// Lays a document out with a theme layout: the model comes from <paramref name="modelOf"/>, the HTML
/// becomes the document's content. A template error is reported with the template's file, line and column
/// and the page is dropped; the other pages still render, so one build reports every error.
/// </summary>
public sealed class RenderTemplate(Func<Document, string> layoutOf, Func<Document, IExecutionContext, ScriptObject> modelOf) : SyncModule
{
    /// <summary>Renders every document with one layout.</summary>
    public RenderTemplate(string layout, Func<Document, IExecutionContext, ScriptObject> modelOf) : this(_ => layout, modelOf)
    {
    }

    /// <inheritdoc />
    protected override Document? Execute(Document input, IExecutionContext context)
    {
        var renderer = context.GetService<TemplateRenderer>();
        var layout = layoutOf(input);
        var model = modelOf(input, context);
        // In a serve session, a page whose layout, theme and model did not change is not rendered again.
        var cache = context.TryGetService<RenderCache>();
        var fingerprint = cache is not { Stores: true } ? default : ModelFingerprint.Combine(layout + "\0" + renderer.ThemeFingerprint, ModelFingerprint.Of(model));
        if (cache is not null && cache.TryGet(input.Destination, fingerprint, out var previous))
        {
            return input.WithContent(previous);
        }
        try
        {
            var html = renderer.Render(layout, model, input.Destination);
            cache?.Set(input.Destination, fingerprint, html);
            return input.WithContent(html);
        }
        catch (TemplateException e)
        {
            context.Diagnostics.Add(e.Diagnostic);
            return null;
        }
    }
}
