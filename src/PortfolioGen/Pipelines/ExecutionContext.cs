using System.Collections.Immutable;

namespace PortfolioGen.Pipelines;

/// <summary>What a module can see while it runs.</summary>
public interface IExecutionContext
{
    /// <summary>The pipeline being executed.</summary>
    string PipelineName { get; }

    /// <summary>The phase being executed.</summary>
    Phase Phase { get; }

    /// <summary>Cancels the build (Ctrl+C, a newer rebuild in <c>serve</c>).</summary>
    CancellationToken CancellationToken { get; }

    /// <summary>Where problems are reported.</summary>
    DiagnosticBag Diagnostics { get; }

    /// <summary>The outputs of other pipelines (dependencies during Process; all pipelines from PostProcess on).</summary>
    IPipelineOutputs Outputs { get; }

    /// <summary>How many documents a module may work on at once.</summary>
    int MaxParallelism { get; }

    /// <summary>A service registered with the engine (the site, the theme, the output folder, …).</summary>
    T GetService<T>() where T : class;

    /// <summary>A service, or null when none is registered (for optional ones such as caches).</summary>
    T? TryGetService<T>() where T : class;
}

/// <summary>Read access to pipeline outputs.</summary>
public interface IPipelineOutputs
{
    /// <summary>The outputs of one pipeline; fails when it is not visible from the current phase.</summary>
    ImmutableArray<Document> FromPipeline(string name);

    /// <summary>Every document that will be written to the site (from pipelines that publish), in a stable order.</summary>
    ImmutableArray<Document> Published { get; }
}
