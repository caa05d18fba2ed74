using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;

namespace PortfolioGen.Pipelines;

/// <summary>Options of one engine run.</summary>
public sealed record EngineOptions
{
    /// <summary>How many documents or pipelines run at once; all cores by default.</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Whether warnings also stop the Output phase (<c>--strict</c>).</summary>
    public bool WarningsAreErrors { get; init; }

    /// <summary>Called when a pipeline finishes a phase: pipeline, phase, documents, time (progress on long builds).</summary>
    public Action<string, Phase, int, TimeSpan>? PhaseCompleted { get; init; }
}

/// <summary>What a run produced.</summary>
/// <param name="Outputs">Each pipeline's final documents, pipelines in name order, documents in their pipeline's order.</param>
/// <param name="Diagnostics">Every problem, sorted.</param>
/// <param name="Wrote">Whether the Output phase ran (no errors, and no warnings under strict).</param>
/// <param name="Timings">How long each pipeline's phases took, for <c>--verbose</c> and benchmarks.</param>
public sealed record EngineResult(
    ImmutableSortedDictionary<string, ImmutableArray<Document>> Outputs,
    IReadOnlyList<Diagnostic> Diagnostics,
    bool Wrote,
    IReadOnlyDictionary<string, TimeSpan> Timings)
{
    /// <summary>Whether any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}

/// <summary>
/// Runs pipelines: orders them by their dependencies (a missing or cyclic dependency is a clear error),
/// runs independent ones in parallel, keeps every output in a deterministic order, honours cancellation,
/// and turns a module's failure into an error that names the module and the document.
/// </summary>
public sealed class Engine
{
    private readonly Dictionary<string, Pipeline> _pipelines = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, object> _services = [];

    /// <summary>Adds a pipeline; names must be unique.</summary>
    public Engine Add(Pipeline pipeline)
    {
        if (!_pipelines.TryAdd(pipeline.Name, pipeline))
        {
            throw new InvalidOperationException($"two pipelines are named '{pipeline.Name}'");
        }
        return this;
    }

    /// <summary>Registers a service modules can ask for with <see cref="IExecutionContext.GetService{T}"/>.</summary>
    public Engine AddService<T>(T service) where T : class
    {
        _services[typeof(T)] = service;
        return this;
    }

    /// <summary>The pipelines in an order where each comes after its dependencies (ties by name).</summary>
    public IReadOnlyList<string> ExecutionOrder()
    {
        foreach (var p in _pipelines.Values)
        {
            foreach (var d in p.Dependencies.Order(StringComparer.Ordinal))
            {
                if (!_pipelines.ContainsKey(d))
                {
                    throw new InvalidOperationException($"pipeline '{p.Name}' depends on '{d}', which does not exist");
                }
            }
        }
        var order = new List<string>();
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 visiting, 2 done
        var path = new Stack<string>();
        void Visit(string name)
        {
            if (state.TryGetValue(name, out var s))
            {
                if (s == 2) return;
                var cycle = path.Reverse().SkipWhile(n => n != name).Append(name);
                throw new InvalidOperationException($"pipelines depend on each other in a cycle: {string.Join(" -> ", cycle)}");
            }
            state[name] = 1;
            path.Push(name);
            foreach (var d in _pipelines[name].Dependencies.Order(StringComparer.Ordinal)) Visit(d);
            path.Pop();
            state[name] = 2;
            order.Add(name);
        }
        foreach (var name in _pipelines.Keys.Order(StringComparer.Ordinal)) Visit(name);
        return order;
    }

    /// <summary>Runs every pipeline.</summary>
    public async Task<EngineResult> ExecuteAsync(EngineOptions? options = null, DiagnosticBag? diagnostics = null, CancellationToken cancellationToken = default)
    {
        options ??= new EngineOptions();
        diagnostics ??= new DiagnosticBag();
        var order = ExecutionOrder();
        var closure = order.ToDictionary(n => n, Dependents, StringComparer.Ordinal);
        var processed = new ConcurrentDictionary<string, ImmutableArray<Document>>(StringComparer.Ordinal);
        var failed = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var timings = new ConcurrentDictionary<string, TimeSpan>(StringComparer.Ordinal);
        var tasks = new Dictionary<string, Task>(StringComparer.Ordinal);

        // Input and Process: each pipeline starts when its dependencies have finished Process.
        foreach (var name in order)
        {
            var pipeline = _pipelines[name];
            var deps = pipeline.Dependencies.Select(d => tasks[d]).ToArray();
            tasks[name] = Task.Run(async () =>
            {
                await Task.WhenAll(deps).ConfigureAwait(false);
                if (pipeline.Dependencies.Any(d => failed.ContainsKey(d)))
                {
                    failed[name] = true;
                    processed[name] = [];
                    return;
                }
                var visible = new Outputs(processed, closure[name], _pipelines, allVisible: false);
                var docs = await RunPhase(pipeline, Phase.Input, [], visible, options, diagnostics, failed, timings, cancellationToken).ConfigureAwait(false);
                docs = await RunPhase(pipeline, Phase.Process, docs, visible, options, diagnostics, failed, timings, cancellationToken).ConfigureAwait(false);
                processed[name] = docs;
            }, cancellationToken);
        }
        await Task.WhenAll(tasks.Values).ConfigureAwait(false);

        // PostProcess: every pipeline sees every Process output.
        var all = new Outputs(processed, null, _pipelines, allVisible: true);
        var final = new ConcurrentDictionary<string, ImmutableArray<Document>>(StringComparer.Ordinal);
        await Task.WhenAll(order.Select(name => Task.Run(async () =>
        {
            final[name] = failed.ContainsKey(name)
                ? []
                : await RunPhase(_pipelines[name], Phase.PostProcess, processed[name], all, options, diagnostics, failed, timings, cancellationToken).ConfigureAwait(false);
        }, cancellationToken))).ConfigureAwait(false);

        // Output: only a clean build writes anything.
        var blocked = diagnostics.HasErrors || !failed.IsEmpty
            || (options.WarningsAreErrors && diagnostics.ToSortedList().Any(d => d.Severity == DiagnosticSeverity.Warning));
        if (!blocked)
        {
            var finalOutputs = new Outputs(final, null, _pipelines, allVisible: true);
            await Task.WhenAll(order.Select(name => Task.Run(async () =>
            {
                final[name] = await RunPhase(_pipelines[name], Phase.Output, final[name], finalOutputs, options, diagnostics, failed, timings, cancellationToken).ConfigureAwait(false);
            }, cancellationToken))).ConfigureAwait(false);
        }

        return new EngineResult(
            final.ToImmutableSortedDictionary(StringComparer.Ordinal),
            diagnostics.ToReport(),
            !blocked && failed.IsEmpty,
            timings.ToDictionary(StringComparer.Ordinal));
    }

    // The transitive dependencies of a pipeline: whose outputs it may read during Process.
    private HashSet<string> Dependents(string name)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(_pipelines[name].Dependencies);
        while (stack.TryPop(out var d))
        {
            if (seen.Add(d)) foreach (var dd in _pipelines[d].Dependencies) stack.Push(dd);
        }
        return seen;
    }

    private async Task<ImmutableArray<Document>> RunPhase(Pipeline pipeline, Phase phase, ImmutableArray<Document> docs, Outputs outputs,
        EngineOptions options, DiagnosticBag diagnostics, ConcurrentDictionary<string, bool> failed,
        ConcurrentDictionary<string, TimeSpan> timings, CancellationToken cancellationToken)
    {
        var modules = pipeline[phase];
        if (modules.Count == 0) return docs;
        var context = new Context(pipeline.Name, phase, cancellationToken, diagnostics, outputs, options.MaxParallelism, _services);
        var watch = Stopwatch.StartNew();
        try
        {
            foreach (var module in modules)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var started = watch.Elapsed;
                docs = await module.ExecuteAsync(docs, context).ConfigureAwait(false);
                var key = $"{pipeline.Name}/{phase}/{module.GetType().Name}";
                timings.AddOrUpdate(key, watch.Elapsed - started, (_, t) => t + watch.Elapsed - started);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (ModuleException e)
        {
            failed[pipeline.Name] = true;
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ModuleFailed, e.Document.DisplayName, 0, 0,
                $"{pipeline.Name}/{phase}: {e.Message}"));
            return [];
        }
        catch (Exception e)
        {
            failed[pipeline.Name] = true;
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ModuleFailed, pipeline.Name, 0, 0, $"{pipeline.Name}/{phase}: {e.Message}"));
            return [];
        }
        finally
        {
            timings[$"{pipeline.Name}/{phase}"] = watch.Elapsed;
        }
        options.PhaseCompleted?.Invoke(pipeline.Name, phase, docs.Length, watch.Elapsed);
        return docs;
    }

    private sealed class Context(string pipeline, Phase phase, CancellationToken token, DiagnosticBag diagnostics, Outputs outputs,
        int maxParallelism, Dictionary<Type, object> services) : IExecutionContext
    {
        public string PipelineName => pipeline;
        public Phase Phase => phase;
        public CancellationToken CancellationToken => token;
        public DiagnosticBag Diagnostics => diagnostics;
        public IPipelineOutputs Outputs => outputs;
        public int MaxParallelism => maxParallelism;

        public T GetService<T>() where T : class
            => services.TryGetValue(typeof(T), out var s) ? (T)s : throw new InvalidOperationException($"no service of type {typeof(T).Name} is registered");

        public T? TryGetService<T>() where T : class => services.TryGetValue(typeof(T), out var s) ? (T)s : null;
    }

    private sealed class Outputs(ConcurrentDictionary<string, ImmutableArray<Document>> results, HashSet<string>? visible,
        Dictionary<string, Pipeline> pipelines, bool allVisible) : IPipelineOutputs
    {
        // Made when the outputs are (they are complete by then), not on first use: PostProcess pipelines ask for
        // them at once, and a lazily set nullable struct could be seen half-written by another thread (a
        // NullReferenceException in about one build in 25 on two cores).
        private readonly ImmutableArray<Document> _published = allVisible
            ? [.. pipelines.Values.Where(p => p.Publishes).Select(p => p.Name).Order(StringComparer.Ordinal).SelectMany(n => results.TryGetValue(n, out var d) ? d : [])]
            : default;

        public ImmutableArray<Document> FromPipeline(string name)
        {
            if (!pipelines.ContainsKey(name)) throw new InvalidOperationException($"there is no pipeline '{name}'");
            if (!allVisible && !visible!.Contains(name))
            {
                throw new InvalidOperationException($"pipeline '{name}' is not a dependency; declare it to read its outputs during Process");
            }
            return results.TryGetValue(name, out var docs) ? docs : [];
        }

        public ImmutableArray<Document> Published
        {
            get
            {
                if (!allVisible) throw new InvalidOperationException("the published documents are known only from PostProcess on");
                return _published;
            }
        }
    }
}
