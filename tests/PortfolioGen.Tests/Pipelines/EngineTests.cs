using System.Collections.Immutable;
using PortfolioGen.Pipelines;
using Xunit;

namespace PortfolioGen.Tests.Pipelines;

public class EngineTests
{
    private sealed class TestPipeline : Pipeline
    {
        private readonly string _name;

        public TestPipeline(string name, params string[] dependencies) : this(name, false, dependencies)
        {
        }

        public TestPipeline(string name, bool publishes, params string[] dependencies)
        {
            Publishes = publishes;
            _name = name;
            foreach (var d in dependencies) Dependencies.Add(d);
        }

        public override string Name => _name;

        public TestPipeline Input(IModule m) { InputModules.Add(m); return this; }
        public TestPipeline Process(IModule m) { ProcessModules.Add(m); return this; }
        public TestPipeline PostProcess(IModule m) { PostProcessModules.Add(m); return this; }
        public TestPipeline Output(IModule m) { OutputModules.Add(m); return this; }
    }

    private sealed class Lambda(Func<ImmutableArray<Document>, IExecutionContext, Task<ImmutableArray<Document>>> run) : IModule
    {
        public Task<ImmutableArray<Document>> ExecuteAsync(ImmutableArray<Document> inputs, IExecutionContext context) => run(inputs, context);
    }

    private static IModule Create(params string[] names)
        => new Lambda((inputs, _) => Task.FromResult(inputs.AddRange(names.Select(n => Document.Create(n, new TextContent(n))))));

    public class Ordering
    {
        [Fact]
        public void Given_dependencies_when_ordered_then_each_pipeline_comes_after_what_it_needs()
        {
            var engine = new Engine()
                .Add(new TestPipeline("Home", "Papers", "Content"))
                .Add(new TestPipeline("Papers", "Content"))
                .Add(new TestPipeline("Content"))
                .Add(new TestPipeline("Assets"));
            Assert.Equal(["Assets", "Content", "Papers", "Home"], engine.ExecutionOrder());
        }

        [Fact]
        public void Given_a_missing_dependency_then_the_error_names_both()
        {
            var engine = new Engine().Add(new TestPipeline("Papers", "Content"));
            var e = Assert.Throws<InvalidOperationException>(() => engine.ExecutionOrder());
            Assert.Equal("pipeline 'Papers' depends on 'Content', which does not exist", e.Message);
        }

        [Fact]
        public void Given_a_cycle_then_the_error_shows_it()
        {
            var engine = new Engine().Add(new TestPipeline("A", "B")).Add(new TestPipeline("B", "C")).Add(new TestPipeline("C", "A"));
            var e = Assert.Throws<InvalidOperationException>(() => engine.ExecutionOrder());
            Assert.Equal("pipelines depend on each other in a cycle: A -> B -> C -> A", e.Message);
        }

        [Fact]
        public void Given_two_pipelines_with_one_name_then_adding_fails()
            => Assert.Throws<InvalidOperationException>(() => new Engine().Add(new TestPipeline("A")).Add(new TestPipeline("A")));
    }

    public class Execution
    {
        [Fact]
        public async Task Independent_pipelines_run_at_the_same_time()
        {
            // Each waits until the other has started: only parallel execution can finish.
            using var bothStarted = new CountdownEvent(2);
            IModule Meet() => new Lambda(async (inputs, ctx) =>
            {
                bothStarted.Signal();
                await Task.Run(() => Assert.True(bothStarted.Wait(TimeSpan.FromSeconds(10)), "the pipelines ran one after the other"));
                return inputs;
            });
            var engine = new Engine().Add(new TestPipeline("A").Input(Meet())).Add(new TestPipeline("B").Input(Meet()));
            var result = await engine.ExecuteAsync(new EngineOptions { MaxParallelism = 4 });
            Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        }

        [Fact]
        public async Task A_pipeline_sees_its_dependencies_outputs_and_not_others()
        {
            var seen = new List<string>();
            var engine = new Engine()
                .Add(new TestPipeline("Content").Input(Create("about.md")))
                .Add(new TestPipeline("Other").Input(Create("x")))
                .Add(new TestPipeline("Pages", "Content").Process(new Lambda((inputs, ctx) =>
                {
                    seen.AddRange(ctx.Outputs.FromPipeline("Content").Select(d => d.Destination));
                    Assert.Throws<InvalidOperationException>(() => ctx.Outputs.FromPipeline("Other"));
                    return Task.FromResult(inputs);
                })));
            var result = await engine.ExecuteAsync();
            Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
            Assert.Equal(["about.md"], seen);
        }

        [Fact]
        public async Task Outputs_keep_their_order_whatever_the_timing()
        {
            var names = Enumerable.Range(0, 200).Select(i => $"doc{i:D3}").ToArray();
            var slowFirst = new TransformWithDelay();
            var engine = new Engine().Add(new TestPipeline("P").Input(Create(names)).Process(slowFirst));
            var result = await engine.ExecuteAsync(new EngineOptions { MaxParallelism = 8 });
            Assert.Equal(names.Select(n => n + "!"), result.Outputs["P"].Select(d => d.Content.GetText()));
        }

        [Fact]
        public async Task A_synchronous_step_over_many_documents_keeps_the_order_of_those_it_keeps()
        {
            var names = Enumerable.Range(0, 300).Select(i => $"doc{i:D3}").ToArray();
            var engine = new Engine().Add(new TestPipeline("P").Input(Create(names)).Process(new Modules.TransformDocuments((d, _) =>
            {
                var i = int.Parse(d.Destination[3..], System.Globalization.CultureInfo.InvariantCulture);
                Thread.SpinWait((300 - i) * 50);
                return i % 3 == 0 ? null : d.WithContent(d.Destination + "!");
            })));
            var result = await engine.ExecuteAsync(new EngineOptions { MaxParallelism = 8 });
            Assert.Equal(names.Where((_, i) => i % 3 != 0).Select(n => n + "!"), result.Outputs["P"].Select(d => d.Content.GetText()));
        }

        [Fact]
        public async Task For_each_document_runs_the_children_on_one_document_at_a_time_and_keeps_the_order()
        {
            var names = Enumerable.Range(0, 50).Select(i => $"doc{i:D3}").ToArray();
            var batchSizes = new System.Collections.Concurrent.ConcurrentBag<int>();
            var seeBatch = new Lambda((inputs, _) => { batchSizes.Add(inputs.Length); return Task.FromResult(inputs); });
            // A child may drop a document or make two of one; the rest of the chain sees exactly what it returned.
            var split = new Lambda((inputs, _) => Task.FromResult(inputs[0].Destination switch
            {
                "doc007" => ImmutableArray<Document>.Empty,
                "doc010" => [inputs[0], inputs[0].WithDestination("doc100")],
                _ => inputs,
            }));
            var engine = new Engine().Add(new TestPipeline("P").Input(Create(names))
                .Process(new Modules.ForEachDocument(seeBatch, split, new TransformWithDelay(), seeBatch)));
            var result = await engine.ExecuteAsync(new EngineOptions { MaxParallelism = 8 });
            Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
            // 50 single documents in; after the split, 48 singles go on (doc007 dropped) and doc010's pair together.
            Assert.Equal(50 + 48, batchSizes.Count(n => n == 1));
            Assert.Equal([2], batchSizes.Where(n => n != 1));
            var expected = names.Where(n => n != "doc007").SelectMany(n => n == "doc010" ? new[] { n, n } : [n]).Select(n => n + "!");
            Assert.Equal(expected, result.Outputs["P"].Select(d => d.Content.GetText()));
        }

        [Fact]
        public async Task A_synchronous_step_that_drops_a_document_ends_its_chain()
        {
            // Synchronous steps on one document are called directly (no batch of one); what they return still goes on.
            var seen = new System.Collections.Concurrent.ConcurrentBag<string>();
            var seeBatch = new Lambda((inputs, _) => { foreach (var d in inputs) seen.Add(d.Destination); return Task.FromResult(inputs); });
            var engine = new Engine().Add(new TestPipeline("P").Input(Create("a", "b", "c"))
                .Process(new Modules.ForEachDocument(new Modules.TransformDocuments((d, _) => d.Destination == "b" ? null : d.WithContent("x")),
                    new Modules.TransformDocuments((d, _) => d.WithContent(d.Content.GetText() + "!")), seeBatch)));
            var result = await engine.ExecuteAsync();
            Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
            Assert.Equal(["a", "c"], seen.Order(StringComparer.Ordinal));
            Assert.Equal(["x!", "x!"], result.Outputs["P"].Select(d => d.Content.GetText()));
        }

        [Fact]
        public async Task A_failing_child_names_itself_and_the_document()
        {
            var engine = new Engine().Add(new TestPipeline("P").Input(Create("a", "b"))
                .Process(new Modules.ForEachDocument(new Modules.TransformDocuments((d, _) =>
                    d.Destination == "b" ? throw new InvalidOperationException("boom") : d))));
            var result = await engine.ExecuteAsync();
            Assert.True(result.HasErrors);
            var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
            Assert.Contains("TransformDocuments failed on b: boom", error.Message, StringComparison.Ordinal);
        }

        private sealed class TransformWithDelay : SyncModule
        {
            protected override Document Execute(Document input, IExecutionContext context)
            {
                // Earlier documents take longer, so they finish last.
                Thread.Sleep((200 - int.Parse(input.Destination[3..], System.Globalization.CultureInfo.InvariantCulture)) / 20);
                return input.WithContent(input.Content.GetText() + "!");
            }
        }

        [Fact]
        public async Task Post_process_sees_every_pipeline_and_output_runs_last()
        {
            var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
            var engine = new Engine()
                .Add(new TestPipeline("A").Input(Create("a")).Output(new Lambda((i, _) => { log.Enqueue("output A"); return Task.FromResult(i); })))
                .Add(new TestPipeline("Check").PostProcess(new Lambda((i, ctx) =>
                {
                    log.Enqueue("post " + string.Join(",", ctx.Outputs.FromPipeline("A").Select(d => d.Destination)));
                    return Task.FromResult(i);
                })));
            var result = await engine.ExecuteAsync();
            Assert.True(result.Wrote);
            Assert.Equal(["post a", "output A"], log);
        }

        [Fact]
        public async Task A_module_failure_names_the_module_and_the_document_and_nothing_is_output()
        {
            var wrote = false;
            var engine = new Engine()
                .Add(new TestPipeline("Papers").Input(Create("papers/a/index.html", "papers/b/index.html")).Process(new Failing())
                    .Output(new Lambda((i, _) => { wrote = true; return Task.FromResult(i); })))
                .Add(new TestPipeline("Home", "Papers").Input(Create("index.html")));
            var result = await engine.ExecuteAsync();
            Assert.False(result.Wrote);
            Assert.False(wrote);
            var d = Assert.Single(result.Diagnostics);
            Assert.Equal("papers/b/index.html: error PG0403: Papers/Process: Failing failed on papers/b/index.html: no title", d.ToString());
            // A pipeline that depends on a failed one does not run on half its inputs.
            Assert.Empty(result.Outputs["Home"]);
        }

        private sealed class Failing : SyncModule
        {
            protected override Document Execute(Document input, IExecutionContext context)
                => input.Destination.Contains("b", StringComparison.Ordinal) ? throw new FormatException("no title") : input;
        }

        [Fact]
        public async Task Errors_reported_by_modules_stop_the_output_phase_and_warnings_do_so_when_strict()
        {
            async Task<bool> Run(DiagnosticSeverity severity, bool strict)
            {
                var engine = new Engine().Add(new TestPipeline("P").Input(new Lambda((i, ctx) =>
                {
                    ctx.Diagnostics.Add(new Diagnostic(severity, "PG9999", "f", 1, 1, "m"));
                    return Task.FromResult(i);
                })).Output(Create("written")));
                return (await engine.ExecuteAsync(new EngineOptions { WarningsAreErrors = strict })).Wrote;
            }
            Assert.False(await Run(DiagnosticSeverity.Error, strict: false));
            Assert.True(await Run(DiagnosticSeverity.Warning, strict: false));
            Assert.False(await Run(DiagnosticSeverity.Warning, strict: true));
        }

        [Fact]
        public async Task Cancellation_stops_the_run()
        {
            using var cts = new CancellationTokenSource();
            var engine = new Engine().Add(new TestPipeline("P").Input(Create(Enumerable.Range(0, 100).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray()))
                .Process(new CancelOnFirst(cts)));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => engine.ExecuteAsync(cancellationToken: cts.Token));
        }

        private sealed class CancelOnFirst(CancellationTokenSource cts) : SyncModule
        {
            protected override Document Execute(Document input, IExecutionContext context)
            {
                cts.Cancel();
                context.CancellationToken.ThrowIfCancellationRequested();
                return input;
            }
        }
    }

    public class Documents
    {
        [Fact]
        public void Documents_are_changed_only_by_copying()
        {
            var a = Document.Create("a.html", new TextContent("A"), "src/a.md", [new("Title", "A")]);
            var b = a.With("Title", "B").WithContent("B").WithDestination("b.html");
            Assert.Equal("A", a.Get<string>("Title"));
            Assert.Equal("A", a.Content.GetText());
            Assert.Equal("a.html", a.Destination);
            Assert.Equal("B", b.Get<string>("Title"));
            Assert.Equal("src/a.md", b.Source);
            Assert.Throws<InvalidOperationException>(() => a.GetRequired<int>("Missing"));
        }
    }

    public class Published
    {
        [Fact]
        public async Task Many_pipelines_reading_the_published_documents_at_once_all_see_them_all()
        {
            // PostProcess pipelines run at once and each may ask for every published document. (The list was a
            // nullable struct set lazily with ??=, which one thread could see half-written: a NullReferenceException
            // in about one CLI build in 25 on two cores, too rare to catch here every time; it is now made up front.)
            for (var round = 0; round < 50; round++)
            {
                var engine = new Engine();
                for (var p = 0; p < 4; p++) engine.Add(new TestPipeline("Pages" + p, publishes: true).Input(Create([.. Enumerable.Range(0, 500).Select(i => $"p{p}/{i}.html")])));
                var counts = new System.Collections.Concurrent.ConcurrentBag<int>();
                for (var r = 0; r < 8; r++)
                {
                    engine.Add(new TestPipeline("Reader" + r).PostProcess(new Lambda((inputs, ctx) =>
                    {
                        counts.Add(ctx.Outputs.Published.Count(d => d.Destination.EndsWith(".html", StringComparison.Ordinal)));
                        return Task.FromResult(inputs);
                    })));
                }
                var result = await engine.ExecuteAsync();
                Assert.Empty(result.Diagnostics);
                Assert.Equal(Enumerable.Repeat(2000, 8), counts);
            }
        }
    }
}
