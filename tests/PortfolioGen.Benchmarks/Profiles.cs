using System.Diagnostics;

namespace PortfolioGen.Benchmarks;

/// <summary>
/// The profiles the benchmarks use: the reference profile, and synthetic ones of 1,000 and 10,000 papers made
/// by the shared generator (../shared/bench/gen_profile.py, deterministic), cached under the temp folder.
/// </summary>
public static class Profiles
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Path(int papers)
    {
        if (papers == 21) return System.IO.Path.Combine(RepoRoot, "seeds", "ang-lv.txt");
        var file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"portfoliogen-bench-{papers}.txt");
        if (File.Exists(file)) return file;
        var generator = System.IO.Path.Combine(RepoRoot, "tests", "bench", "gen_profile.py");
        if (!File.Exists(generator)) generator = System.IO.Path.Combine(RepoRoot, "..", "shared", "bench", "gen_profile.py");
        using var p = Process.Start(new ProcessStartInfo("python3", [generator, papers.ToString(System.Globalization.CultureInfo.InvariantCulture), "-o", file]) { RedirectStandardOutput = true })!;
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException("gen_profile.py failed");
        return file;
    }

    /// <summary>A site folder (seeds/ only) for a profile of that size.</summary>
    public static string Site(int papers)
    {
        var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"portfoliogen-bench-site-{papers}");
        Directory.CreateDirectory(System.IO.Path.Combine(dir, "seeds"));
        File.Copy(Path(papers), System.IO.Path.Combine(dir, "seeds", "profile.txt"), overwrite: true);
        return dir;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "PortfolioGen.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("PortfolioGen.sln not found");
    }
}
