using System.Collections.Immutable;
using PortfolioGen.Modules;
using PortfolioGen.Output;
using PortfolioGen.Pipelines;
using Xunit;

namespace PortfolioGen.Tests.Pipelines;

/// <summary>CacheDocuments: what a chain made for an input is reused while the input's key (and the build's environment) stay the same.</summary>
public class CacheDocumentsTests
{
    private sealed class P : Pipeline
    {
        public P(IEnumerable<Document> inputs, IModule process)
        {
            InputModules.Add(new CreateDocuments(_ => inputs));
            ProcessModules.Add(process);
        }

        public override string Name => "P";
    }

    // Counts its runs; adds "made" (the run number) and warns about documents whose text says "warn", fails on "fail".
    private sealed class Maker : SyncModule
    {
        public int Runs;

        protected override Document? Execute(Document input, IExecutionContext context)
        {
            var run = Interlocked.Increment(ref Runs);
            var text = input.Content.GetText();
            if (text.Contains("warn", StringComparison.Ordinal)) context.Diagnostics.Add(Diagnostic.Warning("PG9001", input.Destination, 1, 1, "a warning"));
            if (text.Contains("fail", StringComparison.Ordinal)) context.Diagnostics.Add(Diagnostic.Error("PG9002", input.Destination, 1, 1, "an error"));
            return input.With("made", run).WithContent(text.ToUpperInvariant());
        }
    }

    private static Document Doc(string destination, string text, int order = 0)
        => Document.Create(destination, new TextContent(text), null, [new("order", order)]);

    private static async Task<EngineResult> Run(Maker maker, DocumentCache? cache, UInt128 environment, params Document[] inputs)
    {
        var engine = new Engine().Add(new P(inputs, new CacheDocuments((d, _) => d.Content.GetText(), maker)));
        if (cache is not null)
        {
            cache.BeginBuild(_ => environment);
            engine.AddService(cache);
        }
        return await engine.ExecuteAsync(new EngineOptions { MaxParallelism = 4 });
    }

    [Fact]
    public async Task Without_a_cache_the_children_run_every_time()
    {
        var maker = new Maker();
        await Run(maker, null, 1, Doc("a", "x"), Doc("b", "y"));
        await Run(maker, null, 1, Doc("a", "x"), Doc("b", "y"));
        Assert.Equal(4, maker.Runs);
    }

    [Fact]
    public async Task An_equal_key_reuses_the_result_on_the_new_input_and_tells_its_warnings_again()
    {
        var maker = new Maker();
        var cache = new DocumentCache();
        var first = await Run(maker, cache, 1, Doc("a", "x warn", order: 1), Doc("b", "y"));
        Assert.Single(first.Diagnostics, d => d.Code == "PG9001");
        var second = await Run(maker, cache, 1, Doc("a", "x warn", order: 2), Doc("b", "y changed"));
        // Only b's key changed.
        Assert.Equal(3, maker.Runs);
        Assert.Equal(1, cache.Hits);
        var a = second.Outputs["P"].Single(d => d.Destination == "a");
        Assert.Equal("X WARN", a.Content.GetText());
        Assert.Equal(2, a.Get<int>("order"));
        Assert.Equal(first.Outputs["P"].Single(d => d.Destination == "a").Get<int>("made"), a.Get<int>("made"));
        Assert.Single(second.Diagnostics, d => d.Code == "PG9001");
    }

    [Fact]
    public async Task Hits_and_misses_keep_the_inputs_order_on_the_loops_path()
    {
        // Many documents, so the session's batch path (hits in plain loops, misses as tasks) interleaves them.
        var maker = new Maker();
        var cache = new DocumentCache();
        var inputs = Enumerable.Range(0, 200).Select(i => Doc($"d{i:000}", $"text {i}")).ToArray();
        await Run(maker, cache, 1, inputs);
        var changed = inputs.Select((d, i) => i % 7 == 3 ? Doc(d.Destination, $"changed {i}") : d).ToArray();
        var second = await Run(maker, cache, 1, changed);
        Assert.Equal(200 + 29, maker.Runs);
        Assert.Equal(171, cache.Hits);
        Assert.Equal(changed.Select(d => d.Destination), second.Outputs["P"].Select(d => d.Destination));
        Assert.Equal(changed.Select(d => d.Content.GetText().ToUpperInvariant()), second.Outputs["P"].Select(d => d.Content.GetText()));
    }

    [Fact]
    public async Task A_key_that_throws_on_the_loops_path_is_an_error_naming_the_document()
    {
        var cache = new DocumentCache();
        cache.BeginBuild(_ => 1);
        var engine = new Engine().Add(new P([Doc("a", "x"), Doc("b", "boom"), Doc("c", "z")],
            new CacheDocuments((d, _) => d.Content.GetText() == "boom" ? throw new InvalidOperationException("no key") : d.Content.GetText(), new Maker())));
        engine.AddService(cache);
        var result = await engine.ExecuteAsync(new EngineOptions { MaxParallelism = 4 });
        var error = Assert.Single(result.Diagnostics, d => d.Code == DiagnosticCodes.ModuleFailed);
        Assert.Contains("CacheDocuments failed on b: no key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_environment_forgets_everything()
    {
        var maker = new Maker();
        var cache = new DocumentCache();
        await Run(maker, cache, 1, Doc("a", "x"));
        await Run(maker, cache, 1, Doc("a", "x"));
        Assert.Equal(1, maker.Runs);
        await Run(maker, cache, 2, Doc("a", "x"));
        Assert.Equal(2, maker.Runs);
    }

    [Fact]
    public async Task A_chain_that_reports_an_error_is_not_kept()
    {
        var maker = new Maker();
        var cache = new DocumentCache();
        var first = await Run(maker, cache, 1, Doc("a", "fail"));
        Assert.True(first.HasErrors);
        var second = await Run(maker, cache, 1, Doc("a", "fail"));
        Assert.True(second.HasErrors);
        Assert.Equal(2, maker.Runs);
    }

    [Fact]
    public async Task Documents_a_successful_build_no_longer_has_are_forgotten()
    {
        var maker = new Maker();
        var cache = new DocumentCache();
        await Run(maker, cache, 1, Doc("a", "x"), Doc("b", "y"));
        cache.EndBuild();
        Assert.Equal(2, cache.Count);
        await Run(maker, cache, 1, Doc("a", "x"));
        cache.EndBuild();
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task A_document_made_again_is_counted_once_so_the_one_a_build_dropped_is_still_forgotten()
    {
        // EndBuild skips its sweep when the build asked for as many entries as the cache holds: "a" made again (looked
        // up, then stored anew) must not count twice and hide that "b" was not asked for.
        var maker = new Maker();
        var cache = new DocumentCache();
        await Run(maker, cache, 1, Doc("a", "x"), Doc("b", "y"));
        cache.EndBuild();
        await Run(maker, cache, 1, Doc("a", "x2"));
        Assert.Equal(2, cache.Count);
        cache.EndBuild();
        Assert.Equal(1, cache.Count);
        // A build that asks for everything keeps everything.
        await Run(maker, cache, 1, Doc("a", "x3"));
        cache.EndBuild();
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task A_staged_file_is_reused_only_while_the_output_folder_still_has_it()
    {
        using var dir = new TempDirectory();
        var maker = new Maker();
        var cache = new DocumentCache();
        async Task<EngineResult> Build()
        {
            var output = new OutputFolder(dir.Path);
            var engine = new Engine().Add(new P([Doc("page.txt", "x")], new CacheDocuments((d, _) => d.Content.GetText(), maker, new StageFiles())));
            cache.BeginBuild(_ => 1);
            engine.AddService(cache).AddService(output);
            var result = await engine.ExecuteAsync();
            foreach (var d in result.Outputs["P"]) output.CommitStaged(((StagedContent)d.Content).File);
            output.Commit();
            return result;
        }

        await Build();
        await Build();
        Assert.Equal(1, maker.Runs);
        Assert.Equal("X", File.ReadAllText(Path.Combine(dir.Path, "page.txt")));
        File.Delete(Path.Combine(dir.Path, "page.txt"));
        await Build();
        Assert.Equal(2, maker.Runs);
        Assert.Equal("X", File.ReadAllText(Path.Combine(dir.Path, "page.txt")));
    }
}
