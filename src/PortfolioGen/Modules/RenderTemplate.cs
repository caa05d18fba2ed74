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
        try
        {
            return input.WithContent(renderer.Render(layoutOf(input), modelOf(input, context), input.Destination));
        }
        catch (TemplateException e)
        {
            context.Diagnostics.Add(e.Diagnostic);
            return null;
        }
    }
}
