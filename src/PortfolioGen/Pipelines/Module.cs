using System.Collections.Immutable;

namespace PortfolioGen.Pipelines;

/// <summary>One step of a pipeline: takes documents, returns documents.</summary>
public interface IModule
{
    /// <summary>Runs the step over all of a phase's documents.</summary>
    Task<ImmutableArray<Document>> ExecuteAsync(ImmutableArray<Document> inputs, IExecutionContext context);
}

/// <summary>
/// The usual module: works on one document at a time (override <see cref="ExecuteInputAsync"/>); inputs
/// are processed in parallel and the outputs keep the inputs' order, so results never depend on timing.
/// A failure is wrapped with the document it happened on.
/// </summary>
public abstract class Module : IModule
{
    /// <summary>Whether inputs may be processed in parallel (true unless the module says otherwise).</summary>
    protected virtual bool Parallel => true;

    /// <inheritdoc />
    public virtual async Task<ImmutableArray<Document>> ExecuteAsync(ImmutableArray<Document> inputs, IExecutionContext context)
    {
        var results = new IEnumerable<Document>[inputs.Length];
        if (Parallel && inputs.Length > 1)
        {
            var options = new ParallelOptions { CancellationToken = context.CancellationToken, MaxDegreeOfParallelism = context.MaxParallelism };
            await System.Threading.Tasks.Parallel.ForEachAsync(Enumerable.Range(0, inputs.Length), options,
                async (i, _) => results[i] = await RunOne(inputs[i], context).ConfigureAwait(false)).ConfigureAwait(false);
        }
        else
        {
            for (var i = 0; i < inputs.Length; i++)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                results[i] = await RunOne(inputs[i], context).ConfigureAwait(false);
            }
        }
        ImmutableArray<Document> outputs = [.. results.SelectMany(r => r)];
        // The state machine (and the lambda's closure) can outlive this call for a while — a thread-pool thread
        // keeps its last work item — so let go of the inputs here: with 10,000 pages they are every page's HTML.
        Array.Clear(results);
        inputs = default;
        return outputs;
    }

    /// <summary><see cref="ExecuteInputAsync"/> on one document, its failure wrapped with the module and the document.</summary>
    protected async Task<IEnumerable<Document>> RunOne(Document input, IExecutionContext context)
    {
        try
        {
            return await ExecuteInputAsync(input, context).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException and not ModuleException)
        {
            throw new ModuleException(GetType().Name, input, e);
        }
    }

    /// <summary>Processes one document; returns zero, one or more documents.</summary>
    protected abstract Task<IEnumerable<Document>> ExecuteInputAsync(Document input, IExecutionContext context);

    /// <summary>
    /// Runs <paramref name="body"/> for each index below <paramref name="count"/> in plain loops on all cores (as many as
    /// the build allows). A failure reaches the caller as one from a task would: the first <see cref="ModuleException"/>
    /// (naming its document), or the cancellation.
    /// </summary>
    internal static void Loop(int count, IExecutionContext context, Action<int> body)
    {
        try
        {
            System.Threading.Tasks.Parallel.For(0, count,
                new ParallelOptions { CancellationToken = context.CancellationToken, MaxDegreeOfParallelism = context.MaxParallelism }, body);
        }
        catch (AggregateException e) when (e.InnerException is ModuleException or OperationCanceledException)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
        }
    }
}

/// <summary>A module that works on one document and returns one, synchronously.</summary>
public abstract class SyncModule : Module
{
    /// <inheritdoc />
    /// <remarks>
    /// Sealed: a chain calls <see cref="Execute"/> directly (see <see cref="ExecuteOne"/>), so a batch step of its own
    /// would be skipped there. The documents go through in plain loops on all cores (order kept; see
    /// <see cref="Module.Loop"/>), not as a task each: for a step as small as putting 30,000 staged citation files in
    /// place, the tasks cost more than the work.
    /// </remarks>
    public sealed override Task<ImmutableArray<Document>> ExecuteAsync(ImmutableArray<Document> inputs, IExecutionContext context)
    {
        if (!Parallel || inputs.Length < 2) return base.ExecuteAsync(inputs, context);
        var results = new Document?[inputs.Length];
        Loop(inputs.Length, context, i => results[i] = ExecuteOne(inputs[i], context));
        var outputs = ImmutableArray.CreateBuilder<Document>(inputs.Length);
        foreach (var d in results)
        {
            if (d is not null) outputs.Add(d);
        }
        // As in Module.ExecuteAsync: the loop's closure can outlive this call on a pool thread, so it lets go of the documents.
        Array.Clear(results);
        inputs = default;
        return Task.FromResult(outputs.ToImmutable());
    }

    /// <inheritdoc />
    protected sealed override Task<IEnumerable<Document>> ExecuteInputAsync(Document input, IExecutionContext context)
        => Task.FromResult<IEnumerable<Document>>(Execute(input, context) is { } d ? [d] : []);

    /// <summary>Processes one document; null drops it.</summary>
    protected abstract Document? Execute(Document input, IExecutionContext context);

    /// <summary>
    /// <see cref="Execute"/> on one document, its failure wrapped as <see cref="Module.ExecuteAsync"/> wraps it: the
    /// way a chain of modules (see <see cref="Modules.ForEachDocument"/>) runs a synchronous step, without the tasks,
    /// arrays and iterators a call through <see cref="Module.ExecuteAsync"/> makes for each document.
    /// </summary>
    internal Document? ExecuteOne(Document input, IExecutionContext context)
    {
        try
        {
            return Execute(input, context);
        }
        catch (Exception e) when (e is not OperationCanceledException and not ModuleException)
        {
            throw new ModuleException(GetType().Name, input, e);
        }
    }
}

/// <summary>A module's failure on a document: names the module and the document.</summary>
public sealed class ModuleException(string module, Document document, Exception inner)
    : Exception($"{module} failed on {document.DisplayName}: {inner.Message}", inner)
{
    /// <summary>The module that failed.</summary>
    public string Module { get; } = module;

    /// <summary>The document it was working on.</summary>
    public Document Document { get; } = document;
}
