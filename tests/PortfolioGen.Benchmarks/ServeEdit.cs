using System.Diagnostics;
using System.Text.RegularExpressions;
using PortfolioGen.Site;

namespace PortfolioGen.Benchmarks;

/// <summary>
/// `dotnet run -c Release --project tests/PortfolioGen.Benchmarks -- --serve-edit 10000`: what `serve` does after
/// one paper is edited while its page is open: a first build, then rebuilds in the same session (warm caches), each
/// after changing the end of one abstract in the profile (PG_EDIT=title: its title; PG_EDIT=settings: the site's
/// title in site.yml, so that the whole site is made and written again), each first rendering that paper's
/// page ahead (and checking it is the bytes the rebuild writes). Prints how long that page took, what it allocated and
/// the page faults it took, then each rebuild's time, what it rendered and wrote, its CPU time and page faults, and its
/// slowest phases.
/// </summary>
public static partial class ServeEdit
{
    public static async Task Run(int papers, int edits = 5, bool cards = true)
    {
        var root = Directory.CreateTempSubdirectory("portfoliogen-serve-edit-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "seeds"));
            var profile = Path.Combine(root, "seeds", "profile.txt");
            File.Copy(Profiles.Path(papers), profile);
            if (!cards)
            {
                Directory.CreateDirectory(Path.Combine(root, "content"));
                File.WriteAllText(Path.Combine(root, "content", "site.yml"), "social_cards: none\n");
            }
            // PG_THREADS=1: one document at a time, so the phases' times add up to the rebuild's.
            var threads = Environment.GetEnvironmentVariable("PG_THREADS") is { } t ? int.Parse(t, System.Globalization.CultureInfo.InvariantCulture) : (int?)null;
            // PG_TIMELINE=1: each rebuild's phases as they end, in ms since the rebuild began (where the critical path runs).
            var clock = Stopwatch.StartNew();
            var timeline = Environment.GetEnvironmentVariable("PG_TIMELINE") is not null;
            // PG_TOP=N: the N slowest steps of each rebuild (12 unless set).
            var top = Environment.GetEnvironmentVariable("PG_TOP") is { } topText ? int.Parse(topText, System.Globalization.CultureInfo.InvariantCulture) : 12;
            var options = new BuildOptions
            {
                SiteRoot = root, BaseUrl = "https://example.org/", MaxParallelism = threads,
                Progress = timeline ? line => Console.WriteLine($"    {clock.ElapsedMilliseconds,6} ms  {line}") : null,
            };
            using var session = new BuildSession();
            var since = GC.GetTotalAllocatedBytes();
            var first = await SiteBuilder.BuildAsync(options, session);
            Console.WriteLine($"first build: {first.Elapsed.TotalMilliseconds:0} ms, {first.Files:N0} files, success {first.Success}");
            // As PreviewSession does for `serve`: it collects after a build is written, outside the time it reports, and
            // gives the next rebuild a no-GC region as large as the last build allocated (PG_NO_DEFER=1: without it).
            var defer = Environment.GetEnvironmentVariable("PG_NO_DEFER") is null;
            void Tidy()
            {
                var tidying = Stopwatch.StartNew();
                PortfolioGen.Serving.PreviewSession.CollectAfterBuild(GC.GetTotalAllocatedBytes() - since, defer, session);
                Console.WriteLine($"    collected after the build in {tidying.ElapsedMilliseconds} ms{(defer ? $"; no-GC region open: {PortfolioGen.Serving.CollectionWindow.IsOpen}" : "")}");
                since = GC.GetTotalAllocatedBytes();
            }
            Tidy();
            var same = await SiteBuilder.BuildAsync(options, session);
            Tidy();
            Console.WriteLine($"nothing changed: {same.Elapsed.TotalMilliseconds:0} ms, {same.Commit?.Written} written");
            var lines = File.ReadAllLines(profile);
            var paperSlugs = first.PaperSlugs;
            var editTitle = Environment.GetEnvironmentVariable("PG_EDIT") == "title";
            var editSettings = Environment.GetEnvironmentVariable("PG_EDIT") == "settings";
            // Each paper's page by its entry's first line (its title line's index in `lines`).
            var pages = first.Documents.Where(d => d.Get<PortfolioGen.Profiles.Paper>(Keys.Paper) is not null)
                .ToDictionary(d => d.Get<PortfolioGen.Profiles.Paper>(Keys.Paper)!.Line, d => d.Destination);
            var titles = lines.Select((l, i) => (l, i)).Where(x => EntryHeader().IsMatch(x.l)).Select(x => x.i + 1).ToList();
            for (var e = 0; e < edits; e++)
            {
                var n = (e * 7919) % titles.Count;
                var at = titles[n];
                // The entry's last line (its abstract's end), or with PG_EDIT=title its title: a title edit moves the
                // page when it changes the paper's slug, and it is rendered at its new place.
                var edited = editTitle ? at : Enumerable.Range(at, (n + 1 < titles.Count ? titles[n + 1] - 1 : lines.Length) - at).Last(i => lines[i].Trim().Length > 0);
                if (editSettings)
                {
                    // PG_EDIT=settings: the site's title in site.yml, which every page shows: the whole site is made and written again.
                    var settings = Path.Combine(root, "content", "site.yml");
                    Directory.CreateDirectory(Path.GetDirectoryName(settings)!);
                    File.WriteAllText(settings, (cards ? "" : "social_cards: none\n") + "title: Edited " + e + "\n");
                }
                else
                {
                    lines[edited] += " (edited " + e + ")";
                    File.WriteAllLines(profile, lines);
                }
                var (pause, allocated, gen1, gen2) = (GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes(), GC.CollectionCount(1), GC.CollectionCount(2));
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var faults = MinorFaults();
                var watch = Stopwatch.StartNew();
                clock.Restart();
                // As serve does when the edited paper's page is open in a browser: that page first, then the whole site.
                var page = pages[at];
                // PG_AHEAD_TYPES=1: what the page rendered ahead allocated, by type (see Allocations).
                var sampler = Environment.GetEnvironmentVariable("PG_AHEAD_TYPES") is null ? null : new Allocations.Sampler();
                var ahead = await SiteBuilder.RenderAheadAsync(options, session, new HashSet<string>([page]), paperSlugs);
                var aheadMs = watch.ElapsedMilliseconds;
                var aheadFaults = MinorFaults() - faults;
                var aheadAllocated = GC.GetTotalAllocatedBytes() - allocated;
                if (sampler is not null)
                {
                    // Printed outside the time the page took.
                    sampler.Dispose();
                    foreach (var (type, sampled) in sampler.ByType.OrderByDescending(p => p.Value).Take(12)) Console.WriteLine($"    ahead: {sampled / 1048576.0,6:0.0} MiB {type}");
                }
                var result = await SiteBuilder.BuildAsync(options, session);
                watch.Stop();
                var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
                paperSlugs = result.PaperSlugs;
                if (ahead.Moves.TryGetValue(page, out var moved))
                {
                    Console.WriteLine($"edit {e}: {page} moved to {moved}");
                    pages[at] = page = moved;
                }
                var identical = ahead.Pages.TryGetValue(page, out var bytes) && bytes.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(result.OutputDirectory, page)));
                Console.WriteLine($"edit {e}: {page} rendered ahead in {aheadMs} ms ({aheadAllocated / 1048576.0:0.0} MiB allocated, {aheadFaults:N0} page faults), {(identical ? "the same bytes as the rebuild wrote" : "NOT THE BYTES THE REBUILD WROTE")}");
                Console.WriteLine($"edit {e}: {watch.ElapsedMilliseconds} ms ({result.Elapsed.TotalMilliseconds:0} ms inside, {cpuMs:0} ms of CPU, {MinorFaults() - faults:N0} page faults), {result.Rendered.Count} rendered, {result.Reused} reused, {session.Partials.Hits} partials reused, {session.Partials.Misses} rendered ({session.Partials.Count} kept), {result.Commit?.Written} written, {result.Commit?.FolderStats} folder stats, success {result.Success}; "
                    + $"GC paused {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds:0} ms ({GC.CollectionCount(1) - gen1} gen1, {GC.CollectionCount(2) - gen2} gen2), {(GC.GetTotalAllocatedBytes() - allocated) / 1048576.0:0} MiB allocated, heap {GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0:0} MiB");
                Tidy();
                if (Environment.GetEnvironmentVariable("PG_DUMP_PAUSE") is { } pauseAt && pauseAt.Split(',').Contains(e.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                {
                    Console.WriteLine($"paused after edit {e}");
                    await Task.Delay(8000);
                }
                var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
                Console.WriteLine($"    after the collection: {GC.GetTotalMemory(false) / 1048576.0:0} MiB; generations (size/fragmented MiB): "
                    + string.Join(", ", Enumerable.Range(0, info.GenerationInfo.Length).Select(g => $"{info.GenerationInfo[g].SizeAfterBytes / 1048576.0:0}/{info.GenerationInfo[g].FragmentationAfterBytes / 1048576.0:0}")));
                foreach (var (phase, time) in result.Timings.Where(t => t.Key.Count(c => c == '/') == 2).OrderByDescending(t => t.Value).Take(top))
                {
                    Console.WriteLine($"    {time.TotalMilliseconds,7:0} ms  {phase}");
                }
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    // The process's minor page faults so far (Linux; 0 elsewhere). Each is a page of fresh memory the kernel maps in: on
    // a virtual machine that hands free pages back to its host, ~14 us each (30 November 2026), so a rebuild's faults
    // are a large part of its time there.
    private static long MinorFaults()
    {
        try
        {
            var stat = File.ReadAllText("/proc/self/stat");
            // The fields after the command's closing parenthesis: state is the 3rd field of the line, minflt the 10th.
            return long.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[7], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return 0;
        }
    }

    // An entry's first line: category code and date; the title is the line after it.
    [GeneratedRegex(@"^[A-Z]{2}[A-Z][a-z]{2} \d{1,2}, \d{4}")]
    private static partial Regex EntryHeader();
}
