using PortfolioGen.Output;
using PortfolioGen.Pipelines;

namespace PortfolioGen.Modules;

/// <summary>Writes documents into the output folder (skipping files whose bytes did not change).</summary>
public sealed class WriteFiles : SyncModule
{
    /// <inheritdoc />
    protected override Document? Execute(Document input, IExecutionContext context)
    {
        context.GetService<OutputFolder>().Write(input.Destination, input.Content.GetBytes().Span);
        return input;
    }
}
