using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using PortfolioGen.Site;

namespace PortfolioGen.Benchmarks;

/// <summary>
/// `dotnet run -c Release --project tests/PortfolioGen.Benchmarks -- --allocations 1000`: a full build into an empty
/// folder (after one to warm up), as tests/bench/compare.py builds it (no social cards, a base URL), with what it
/// allocated by type, from the runtime's allocation samples (one about every 100 KB allocated, naming the type of the
/// object that crossed it), and each collection with its generation and cause: where a build's garbage comes from.
/// </summary>
public static class Allocations
{
    public static async Task Run(int papers)
    {
        var site = Path.Combine(Path.GetTempPath(), $"portfoliogen-alloc-site-{papers}");
        Directory.CreateDirectory(Path.Combine(site, "seeds"));
        Directory.CreateDirectory(Path.Combine(site, "content"));
        File.Copy(Profiles.Path(papers), Path.Combine(site, "seeds", "profile.txt"), overwrite: true);
        File.WriteAllText(Path.Combine(site, "content", "site.yml"), "social_cards: none\n");
        var output = Path.Combine(Path.GetTempPath(), $"portfoliogen-alloc-{papers}");
        var options = new BuildOptions { SiteRoot = site, BaseUrl = "https://example.org/", Output = output };
        if (Directory.Exists(output)) Directory.Delete(output, true);
        await SiteBuilder.BuildAsync(options);
        Directory.Delete(output, true);
        using (var sampler = new Sampler())
        {
            var result = await SiteBuilder.BuildAsync(options);
            sampler.Dispose(); // stops sampling before anything is printed
            Console.WriteLine($"{papers:N0} papers: {result.Files:N0} files, {sampler.Allocated / 1048576.0:0.0} MiB allocated");
            foreach (var c in sampler.Collections) Console.WriteLine("  collection: " + c);
            var sampled = sampler.ByType.Values.Sum();
            Console.WriteLine("  sampled by type:");
            foreach (var (type, bytes) in sampler.ByType.OrderByDescending(p => p.Value).Take(40))
                Console.WriteLine($"  {bytes / 1048576.0,8:0.0} MiB  {100.0 * bytes / sampled,5:0.0}%  {type}");
        }
        Directory.Delete(output, true);
    }

    /// <summary>Samples what the process allocates, by type, and the collections, from the moment it is made until it is disposed.</summary>
    internal sealed class Sampler : EventListener
    {
        private readonly long _start = GC.GetTotalAllocatedBytes(precise: true);
        private long? _end;

        public ConcurrentDictionary<string, long> ByType { get; } = new();

        public ConcurrentQueue<string> Collections { get; } = new();

        /// <summary>Bytes allocated since the sampler was made (until it was disposed).</summary>
        public long Allocated => (_end ?? GC.GetTotalAllocatedBytes(precise: true)) - _start;

        public override void Dispose()
        {
            _end ??= GC.GetTotalAllocatedBytes(precise: true);
            base.Dispose();
        }

        protected override void OnEventSourceCreated(EventSource source)
        {
            // The GC keyword (0x1) at Verbose: GCStart and GCAllocationTick.
            if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventName is not { } name || e.Payload is null || _end is not null) return;
            object? Field(string field) => e.PayloadNames!.IndexOf(field) is var i and >= 0 ? e.Payload[i] : null;
            if (name.StartsWith("GCStart", StringComparison.Ordinal))
            {
                var reason = Convert.ToInt32(Field("Reason"), System.Globalization.CultureInfo.InvariantCulture) switch
                {
                    0 => "small objects",
                    1 => "induced",
                    4 => "large objects",
                    5 => "no room for small objects",
                    6 => "no room for large objects",
                    var r => "reason " + r,
                };
                Collections.Enqueue($"gen{Field("Depth")} ({reason}) after {Allocated / 1048576.0:0} MiB");
            }
            else if (name.StartsWith("GCAllocationTick", StringComparison.Ordinal))
            {
                var type = Field("TypeName") as string ?? "?";
                var amount = Convert.ToInt64(Field("AllocationAmount64") ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
                ByType.AddOrUpdate(type, amount, (_, v) => v + amount);
            }
        }
    }
}
