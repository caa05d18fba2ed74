using System.Collections.Immutable;
using PortfolioGen.Pipelines;

namespace PortfolioGen.Modules;

/// <summary>Reads every file under a folder (in ordinal path order) into documents with <see cref="FileContent"/>.</summary>
/// <param name="root">The folder (full path); a missing folder gives no documents.</param>
/// <param name="include">Which files, by path relative to the folder with '/' separators.</param>
/// <param name="show">How a full path is shown in messages.</param>
/// <param name="relativePathKey">The metadata key that receives the relative path.</param>
public sealed class ReadFiles(string root, Func<string, bool> include, Func<string, string> show, string relativePathKey) : IModule
{
    /// <inheritdoc />
    public Task<ImmutableArray<Document>> ExecuteAsync(ImmutableArray<Document> inputs, IExecutionContext context)
    {
        if (!Directory.Exists(root)) return Task.FromResult(ImmutableArray<Document>.Empty);
        var files = Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System })
            .Select(f => (Full: f, Relative: Path.GetRelativePath(root, f).Replace('\\', '/')))
            .Where(f => !f.Relative.Split('/').Any(s => s.StartsWith('.')) && include(f.Relative))
            // Parallel file systems list in any order; outputs must not depend on it.
            .OrderBy(f => f.Relative, StringComparer.Ordinal)
            .Select(f => Document.Create("", new FileContent(f.Full), show(f.Full), [new(relativePathKey, f.Relative)]));
        return Task.FromResult(files.ToImmutableArray());
    }
}

/// <summary>Creates documents from what the build knows (the profile, other pipelines' outputs).</summary>
public sealed class CreateDocuments(Func<IExecutionContext, IEnumerable<Document>> create) : IModule
{
    /// <inheritdoc />
    public Task<ImmutableArray<Document>> ExecuteAsync(ImmutableArray<Document> inputs, IExecutionContext context)
        => Task.FromResult(inputs.AddRange(create(context)));
}

/// <summary>Keeps the documents that match a predicate.</summary>
public sealed class FilterDocuments(Func<Document, bool> predicate) : IModule
{
    /// <inheritdoc />
    public Task<ImmutableArray<Document>> ExecuteAsync(ImmutableArray<Document> inputs, IExecutionContext context)
        => Task.FromResult(inputs.Where(predicate).ToImmutableArray());
}

/// <summary>Transforms each document with a function (in parallel, order kept); null drops the document.</summary>
public sealed class TransformDocuments(Func<Document, IExecutionContext, Document?> transform) : SyncModule
{
    /// <inheritdoc />
    protected override Document? Execute(Document input, IExecutionContext context) => transform(input, context);
}

/// <summary>
/// Runs child modules over one document at a time (documents in parallel, order kept), as Statiq's module of
/// the same name does. A page's big intermediate forms — its rendered HTML above all — then live only while
/// that page is in flight, instead of every page's at once between two modules.
/// </summary>
public sealed class ForEachDocument(params IModule[] children) : Module
{
    /// <summary>The child modules, run in order on each document.</summary>
    public IReadOnlyList<IModule> Children { get; } = children;

    /// <inheritdoc />
    /// <remarks>
    /// A chain that starts with a <see cref="CacheDocuments"/> and goes on with synchronous steps only, in a session:
    /// every document is first looked up in plain loops on all cores, and what was found goes through the other steps in
    /// the same loops (see <see cref="CacheDocuments.ReuseOrMake"/>); only the rest goes through the chain as a task each.
    /// </remarks>
    public override async Task<ImmutableArray<Document>> ExecuteAsync(ImmutableArray<Document> inputs, IExecutionContext context)
    {
        if (inputs.Length < 2 || Children.Count == 0 || Children[0] is not CacheDocuments first || context.TryGetService<DocumentCache>() is not { } cache
            || !Children.Skip(1).All(c => c is SyncModule))
        {
            return await base.ExecuteAsync(inputs, context).ConfigureAwait(false);
        }
        var rest = Children.Skip(1).Cast<SyncModule>().ToArray();
        return await first.ReuseOrMake(cache, inputs, context, doc =>
        {
            Document? d = doc;
            for (var i = 0; i < rest.Length && d is not null; i++) d = rest[i].ExecuteOne(d, context);
            return d;
        }, d => RunOne(d, context)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async Task<IEnumerable<Document>> ExecuteInputAsync(Document input, IExecutionContext context)
        => await Run(Children, input, context).ConfigureAwait(false);

    /// <summary>Runs <paramref name="children"/> in order on one document (what each returns goes to the next).</summary>
    /// <remarks>
    /// While there is one document, a synchronous step is called directly (<see cref="SyncModule.ExecuteOne"/>): most
    /// chains are all synchronous steps, run for each of thousands of documents, and a call through
    /// <see cref="IModule.ExecuteAsync"/> costs a few tasks, arrays and iterators each time.
    /// </remarks>
    internal static async Task<ImmutableArray<Document>> Run(IReadOnlyList<IModule> children, Document input, IExecutionContext context)
    {
        Document? single = input;
        var docs = ImmutableArray<Document>.Empty;
        foreach (var child in children)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (single is not null && child is SyncModule step)
            {
                single = step.ExecuteOne(single, context);
                if (single is null) return [];
                continue;
            }
            docs = await child.ExecuteAsync(single is not null ? [single] : docs, context).ConfigureAwait(false);
            if (docs.IsEmpty) return docs;
            single = docs.Length == 1 ? docs[0] : null;
        }
        return single is not null ? [single] : docs;
    }
}

/// <summary>
/// Adds one file written straight into the output's staging folder (see <see cref="Output.OutputFolder.OpenStaged"/>):
/// for whole-site files (the feed, the sitemap, the search index, llms.txt), which at 10,000 papers are megabytes
/// that would otherwise be built up in memory, copied into an array and then compared with the site's file.
/// </summary>
public sealed class StageStream(string destination, Action<Stream, IExecutionContext> write) : IModule
{
    /// <inheritdoc />
    public Task<System.Collections.Immutable.ImmutableArray<Document>> ExecuteAsync(System.Collections.Immutable.ImmutableArray<Document> inputs, IExecutionContext context)
    {
        var staged = context.GetService<Output.OutputFolder>().OpenStaged(destination);
        using (var stream = staged.AsStream()) write(stream, context);
        return Task.FromResult(inputs.Add(Document.Create(destination, new StagedContent(staged.Complete()))));
    }
}

/// <summary>
/// The pages a build makes when it makes only some of them: <c>serve</c> renders the pages open in a browser ahead
/// of the rebuild of the whole site (see <see cref="Site.SiteBuilder.RenderAheadAsync"/>). Registered as a service;
/// a normal build has none. The Papers pipeline then makes only those papers' documents, and
/// <see cref="Site.MergePaperAdditions"/> still makes every paper's view and citation key (each depends on all papers).
/// </summary>
/// <param name="Destinations">The destinations wanted (<c>papers/x/index.html</c>).</param>
public sealed record PageFocus(IReadOnlySet<string> Destinations);

