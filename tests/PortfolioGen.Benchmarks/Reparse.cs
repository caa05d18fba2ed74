using System.Diagnostics;
using PortfolioGen.Profiles;

namespace PortfolioGen.Benchmarks;

/// <summary>
/// `dotnet run -c Release --project tests/PortfolioGen.Benchmarks -- --reparse PROFILE`: what `serve` pays to read the
/// profile again after one entry was edited, with the session's parse cache and no collection during the read (as in
/// serve, which opens a no-GC region for each rebuild, and settles the cache while it waits for the next edit). Edits a
/// copy of the profile 25 times and prints the median.
/// </summary>
public static class Reparse
{
    public static void Run(string path)
    {
        var cache = new ProfileParseCache();
        var options = new ProfileParseOptions { Cache = cache };
        var copy = Path.GetTempFileName();
        try
        {
            File.Copy(path, copy, true);
            ProfileParser.ParseFile(copy, options);
            cache.Settle();
            var text = File.ReadAllText(copy);
            var parses = new List<double>();
            var reads = new List<double>();
            for (var i = 0; i < 25; i++)
            {
                // One word more at the end of an entry's title, somewhere else each time.
                var header = text.IndexOf("\nCL", (int)((long)(i + 1) * 997_001 % (text.Length - 100)), StringComparison.Ordinal);
                if (header < 0) header = text.IndexOf("\nCL", StringComparison.Ordinal);
                var titleEnd = text.IndexOf('\n', text.IndexOf('\n', header + 1) + 1);
                text = text.Insert(titleEnd, " again");
                File.WriteAllText(copy, text);
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                var noGc = GC.TryStartNoGCRegion(240L << 20);
                var watch = Stopwatch.StartNew();
                _ = System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(copy));
                reads.Add(watch.Elapsed.TotalMilliseconds);
                watch.Restart();
                var result = ProfileParser.ParseFile(copy, options);
                parses.Add(watch.Elapsed.TotalMilliseconds);
                if (noGc && System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.NoGCRegion) GC.EndNoGCRegion();
                cache.Settle();
                if (i == 24) Console.WriteLine($"{cache.Reused} of {result.Profile?.Papers.Length} entries and {cache.LinesReused} lines taken from the last read");
            }
            parses.Sort();
            reads.Sort();
            Console.WriteLine($"read again: median {parses[12]:0.0} ms (min {parses[0]:0.0}); of which reading and decoding the file alone {reads[12]:0.0} ms");
        }
        finally
        {
            File.Delete(copy);
        }
    }
}
