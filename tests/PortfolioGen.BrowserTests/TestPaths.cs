namespace PortfolioGen.BrowserTests;

public static class TestPaths
{
    public static string RepoRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PortfolioGen.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("PortfolioGen.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Where screenshots for reviewers go: the test results folder.</summary>
    public static string Screenshots { get; } = Path.Combine(RepoRoot, "tests", "PortfolioGen.BrowserTests", "TestResults", "screenshots");

    /// <summary>A fresh copy of the repository's site (seeds/ and content/) in a temp folder.</summary>
    public static string CopySite()
    {
        var dir = Path.Combine(Path.GetTempPath(), "pg-browser-" + Guid.NewGuid().ToString("N")[..10]);
        foreach (var folder in new[] { "seeds", "content" })
        {
            var source = Path.Combine(RepoRoot, folder);
            foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(dir, folder, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }
        return dir;
    }
}
