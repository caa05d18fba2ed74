using System.Collections.Concurrent;
using System.Collections.Immutable;
using PortfolioGen.Output;

namespace PortfolioGen.Pipelines;

/// <summary>
/// What <see cref="CacheDocuments"/> remembers across the builds of one <c>serve</c> session: for each document a
/// chain of modules made, the key of the inputs it was made from, what the chain added to it, and the problems it
/// reported. Everything is forgotten when the build's environment (the theme, the settings, the <c>site</c> every
/// page sees) changes, and an entry no build asked for is dropped at the end of a successful build.
/// </summary>
public sealed class DocumentCache
{
    // Per pipeline, by destination: no key string is made per document and lookup.
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, Entry>> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _build;
    private Func<IExecutionContext, UInt128>? _environmentOf;
    private UInt128? _environment;
    private bool _checked;
    private int _hits;
    private int _pageHits;
    private int _asked;

    internal sealed record Entry(object Key, string Destination, ImmutableArray<KeyValuePair<string, object>> Added, DocumentContent Content,
        ImmutableArray<Diagnostic> Diagnostics)
    {
        // The last build that asked for this document: marked on the entry, not in a set of 50,000 slots per build.
        public int LastBuild;

        // The output folder's record of the staged file, as it last kept it, and the content made for it then (see Reuse).
        public object? Kept;
        public StagedContent? KeptContent;
    }

    /// <summary>
    /// Starts a build. <paramref name="environmentOf"/> works out, once per build and on first use, the fingerprint of
    /// everything every cached output may depend on besides its key; when it differs from the last build's, every
    /// entry goes.
    /// </summary>
    public void BeginBuild(Func<IExecutionContext, UInt128> environmentOf)
    {
        lock (_gate)
        {
            _environmentOf = environmentOf;
            _checked = false;
            _build++;
            _hits = 0;
            _pageHits = 0;
            _asked = 0;
        }
    }

    /// <summary>Ends a successful build: entries for documents this build did not have (a removed paper's) go.</summary>
    public void EndBuild()
    {
        // A build that asked for every entry (any rebuild that removed nothing) leaves nothing to sweep: at 10,000 papers
        // the sweep walked ~52,000 entries.
        if (Volatile.Read(ref _asked) == Count) return;
        foreach (var entries in _entries.Values)
        {
            foreach (var (key, entry) in entries)
            {
                if (entry.LastBuild != _build) entries.TryRemove(key, out _);
            }
        }
    }

    /// <summary>Documents this build took from the cache.</summary>
    public int Hits => _hits;

    /// <summary>HTML pages this build took from the cache (neither rendered nor scanned nor written).</summary>
    public int PageHits => _pageHits;

    /// <summary>How many documents the cache holds.</summary>
    public int Count => _entries.Values.Sum(e => e.Count);

    private void CheckEnvironment(IExecutionContext context)
    {
        if (Volatile.Read(ref _checked)) return;
        lock (_gate)
        {
            if (_checked) return;
            var environment = _environmentOf?.Invoke(context) ?? 0;
            if (_environment != environment) _entries.Clear();
            _environment = environment;
            Volatile.Write(ref _checked, true);
        }
    }

    internal Entry? Find(string pipeline, string destination, object key, IExecutionContext context)
    {
        CheckEnvironment(context);
        if (!_entries.TryGetValue(pipeline, out var entries) || !entries.TryGetValue(destination, out var entry)) return null;
        Ask(entry);
        return entry.Key.Equals(key) ? entry : null;
    }

    internal void Hit(string destination)
    {
        Interlocked.Increment(ref _hits);
        if (destination.EndsWith(".html", StringComparison.Ordinal)) Interlocked.Increment(ref _pageHits);
    }

    // Marks an entry as asked for by this build, counting each once.
    private void Ask(Entry entry)
    {
        if (Interlocked.Exchange(ref entry.LastBuild, _build) != _build) Interlocked.Increment(ref _asked);
    }

    internal void Store(string pipeline, string destination, Entry entry)
    {
        var entries = _entries.GetOrAdd(pipeline, _ => new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal));
        // The entry it replaces (if any) was asked for by this build's look-up, and counted then.
        if (!entries.TryGetValue(destination, out var replaced) || replaced.LastBuild != _build) Interlocked.Increment(ref _asked);
        entry.LastBuild = _build;
        entries[destination] = entry;
    }
}

/// <summary>
/// Statiq's CacheDocuments: runs its child modules on each document, one document at a time (as
/// <see cref="Modules.ForEachDocument"/> does), and in a <c>serve</c> session (when a <see cref="DocumentCache"/> is
/// registered) remembers the result under the key <paramref name="keyOf"/> gives for the input. A later build whose
/// input has an equal key gets the remembered result (the same content and added metadata, on the new input; the same
/// warnings) without running the children — as long as the file it staged is still in the output folder as the last
/// successful build wrote it. The key must cover everything the children read that the build's environment does not;
/// a null key means "do not cache this one". Only chains that turn one document into one document with the same
/// destination are cached; a chain that reports an error is not.
/// </summary>
public sealed class CacheDocuments(Func<Document, IExecutionContext, object?> keyOf, params IModule[] children) : Module
{
    /// <summary>The child modules, run in order on each document.</summary>
    public IReadOnlyList<IModule> Children { get; } = children;

    /// <summary>
    /// Which documents' reused files are also looked at where they are (one stat: there, and as long as the last build
    /// wrote them), as a page made again is when it is staged: for the few pages made from the whole profile (the home
    /// page, the co-author index), so that one edited by hand in the output folder is still written back. The others
    /// trust the session's check of their folders (at 10,000 papers, a stat each would be ~50,000 a rebuild).
    /// </summary>
    public Func<Document, bool>? CheckFile { get; init; }

    /// <summary>
    /// In a session, every document is first looked up, on all cores in plain loops (a hit is a few lookups and a
    /// copy of the document); only the others go through the children, one task each as any module runs them. At
    /// 10,000 papers a rebuild after one edit has ~50,000 hits, and a task, its state machines and its arrays for each
    /// cost more than the hits themselves.
    /// </summary>
    public override async Task<ImmutableArray<Document>> ExecuteAsync(ImmutableArray<Document> inputs, IExecutionContext context)
    {
        var cache = context.TryGetService<DocumentCache>();
        if (cache is null || inputs.Length < 2) return await base.ExecuteAsync(inputs, context).ConfigureAwait(false);
        return await ReuseOrMake(cache, inputs, context, null, d => RunOne(d, context)).ConfigureAwait(false);
    }

    /// <summary>
    /// Looks every input up, on all cores in plain loops; a hit goes on through <paramref name="then"/> (the rest of a
    /// chain's synchronous steps; null drops it) in the same loop, and each of the others is made by
    /// <paramref name="make"/>, a task each. The outputs keep the inputs' order. A failure is the engine's usual one,
    /// naming the module and the document.
    /// </summary>
    internal async Task<ImmutableArray<Document>> ReuseOrMake(DocumentCache cache, ImmutableArray<Document> inputs, IExecutionContext context,
        Func<Document, Document?>? then, Func<Document, Task<IEnumerable<Document>>> make)
    {
        var found = new (bool Hit, Document? Document)[inputs.Length];
        Loop(inputs.Length, context, i =>
        {
            Document? hit;
            try
            {
                hit = TryReuse(cache, inputs[i], context, out _);
            }
            catch (Exception e) when (e is not OperationCanceledException and not ModuleException)
            {
                throw new ModuleException(GetType().Name, inputs[i], e);
            }
            if (hit is not null) found[i] = (true, then is null ? hit : then(hit));
        });
        var made = new IEnumerable<Document>[inputs.Length];
        await System.Threading.Tasks.Parallel.ForEachAsync(Enumerable.Range(0, inputs.Length).Where(i => !found[i].Hit),
            new ParallelOptions { CancellationToken = context.CancellationToken, MaxDegreeOfParallelism = context.MaxParallelism },
            async (i, _) => made[i] = await make(inputs[i]).ConfigureAwait(false)).ConfigureAwait(false);
        var outputs = ImmutableArray.CreateBuilder<Document>(inputs.Length);
        for (var i = 0; i < inputs.Length; i++)
        {
            if (!found[i].Hit) outputs.AddRange(made[i]);
            else if (found[i].Document is { } d) outputs.Add(d);
        }
        // As Module.ExecuteAsync does: the loops' closures can outlive this call on a pool thread, so they let go of the documents.
        Array.Clear(found);
        Array.Clear(made);
        inputs = default;
        return outputs.ToImmutable();
    }

    // The remembered result for this input, on the input, when there is one (its warnings told again); null otherwise.
    private Document? TryReuse(DocumentCache cache, Document input, IExecutionContext context, out object? key)
    {
        key = keyOf(input, context);
        if (key is null) return null;
        if (cache.Find(context.PipelineName, input.Destination, key, context) is not { } entry || Reuse(entry, context) is not { } content) return null;
        if (CheckFile?.Invoke(input) == true && content is StagedContent { File: var file } && !StillThere(file)) return null;
        cache.Hit(entry.Destination);
        context.Diagnostics.AddRange(entry.Diagnostics);
        return input.With(entry.Added, content);
    }

    /// <inheritdoc />
    protected override async Task<IEnumerable<Document>> ExecuteInputAsync(Document input, IExecutionContext context)
    {
        var cache = context.TryGetService<DocumentCache>();
        if (cache is null) return await Run(input, context).ConfigureAwait(false);
        if (TryReuse(cache, input, context, out var key) is { } hit) return [hit];
        if (key is null) return await Run(input, context).ConfigureAwait(false);

        var scoped = new ScopedContext(context);
        var outputs = await Run(input, scoped).ConfigureAwait(false);
        var problems = scoped.Diagnostics.ToSortedList();
        context.Diagnostics.AddRange(problems);
        if (outputs.Length == 1 && outputs[0].Destination == input.Destination && !problems.Any(p => p.Severity == DiagnosticSeverity.Error))
        {
            var output = outputs[0];
            // What the chain added or replaced; the rest of the metadata comes from the next build's own input.
            var added = output.Metadata.Where(m => !input.Metadata.TryGetValue(m.Key, out var before) || !ReferenceEquals(before, m.Value)).ToImmutableArray();
            cache.Store(context.PipelineName, input.Destination, new DocumentCache.Entry(key, output.Destination, added, output.Content, [.. problems]));
        }
        return outputs;
    }

    private static bool StillThere(Output.StagedFile file)
    {
        var info = new FileInfo(file.StagedPath ?? file.FinalPath);
        return info.Exists && info.Length == file.Length;
    }

    // A staged file is reused only while the output folder still holds what the last successful build wrote there.
    private static DocumentContent? Reuse(DocumentCache.Entry entry, IExecutionContext context)
    {
        if (entry.Content is not StagedContent staged) return entry.Content;
        var kept = context.GetService<OutputFolder>().StageUnchanged(staged.File, ref entry.Kept);
        if (kept is null) return null;
        // The same file kept the same way as the last time: the same content, not a copy per build.
        if (entry.KeptContent is { } content && ReferenceEquals(content.File, kept)) return content;
        return entry.KeptContent = new StagedContent(kept);
    }

    private Task<ImmutableArray<Document>> Run(Document input, IExecutionContext context) => Modules.ForEachDocument.Run(Children, input, context);

    // The children's view of the build while a result is being made for the cache: their problems are collected
    // apart (to be told again when the result is reused), and the caches of rendered pages and link scans are not
    // filled (this cache keeps the result; a second copy of every page's HTML would only take memory).
    private sealed class ScopedContext(IExecutionContext outer) : IExecutionContext
    {
        public string PipelineName => outer.PipelineName;
        public Phase Phase => outer.Phase;
        public CancellationToken CancellationToken => outer.CancellationToken;
        public DiagnosticBag Diagnostics { get; } = new();
        public IPipelineOutputs Outputs => outer.Outputs;
        public int MaxParallelism => outer.MaxParallelism;
        public T GetService<T>() where T : class => outer.GetService<T>();

        public T? TryGetService<T>() where T : class
        {
            var service = outer.TryGetService<T>();
            return service is Themes.RenderCache renders ? (T)(object)renders.RecordOnly
                : service is Modules.LinkScanCache ? null
                : service;
        }
    }
}
