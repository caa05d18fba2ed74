using System.Diagnostics;
using PortfolioGen.Output;

namespace PortfolioGen.Benchmarks;

/// <summary>
/// `dotnet run -c Release --project tests/PortfolioGen.Benchmarks -- --commit-replaced [FOLDER]`: what a commit costs
/// that replaces five files of 20 MB (about the site-wide files of 10,000 papers), in a folder made under FOLDER (the
/// temporary folder unless given: try a disk and /dev/shm). Each file is staged with one byte changed, then the commit
/// (its renames and its manifest) is timed: as a single build does it, freeing the old files' pages in the renames, and
/// as a serve session does it, keeping them until its check after the rebuild. Prints the median, the least and the
/// 90th percentile of 15 commits of each, alternating.
/// </summary>
public static class CommitReplaced
{
    public static void Run(string? parent)
    {
        var dir = Path.Combine(parent ?? Path.GetTempPath(), "portfoliogen-commit-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var random = new Random(1);
            var files = Enumerable.Range(0, 5).Select(_ =>
            {
                var bytes = new byte[20 << 20];
                random.NextBytes(bytes);
                return bytes;
            }).ToArray();
            using var verified = new VerifiedOutput();
            (string Name, string Root, VerifiedOutput? Session)[] roots = [("single build", Path.Combine(dir, "single"), null), ("serve session", Path.Combine(dir, "session"), verified)];
            var times = roots.ToDictionary(r => r.Name, _ => new List<double>());
            for (var round = -2; round < 15; round++)
            {
                foreach (var (name, root, session) in roots)
                {
                    var build = new OutputFolder(root, session);
                    var staged = new List<StagedFile>();
                    for (var i = 0; i < files.Length; i++)
                    {
                        files[i][random.Next(files[i].Length)] ^= 1;
                        staged.Add(build.Stage($"file{i}.bin", files[i]));
                    }
                    var watch = Stopwatch.StartNew();
                    foreach (var file in staged) build.CommitStaged(file);
                    build.Commit();
                    watch.Stop();
                    session?.Committed(build);
                    session?.Verify();
                    // The first two rounds create the files and warm up.
                    if (round >= 0) times[name].Add(watch.Elapsed.TotalMilliseconds);
                    Thread.Sleep(100);
                }
            }
            Console.WriteLine($"{dir} ({new DriveInfo(dir).DriveFormat}): a commit that replaces 5 files of 20 MB");
            foreach (var (name, list) in times)
            {
                list.Sort();
                Console.WriteLine($"  {name,-14} median {list[list.Count / 2],6:0.0} ms, least {list[0],6:0.0} ms, 90th percentile {list[(int)(list.Count * 0.9)],6:0.0} ms");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
