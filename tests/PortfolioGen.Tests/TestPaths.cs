namespace PortfolioGen.Tests;

/// <summary>Where the repository's files are, found from the test assembly's folder (works in any clone).</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Seeds => Path.Combine(RepoRoot, "seeds");
    public static string ReferenceProfile => Path.Combine(Seeds, "ang-lv.txt");
    public static string Specs => Path.Combine(RepoRoot, "tests", "PortfolioGen.Tests", "Specs");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PortfolioGen.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("PortfolioGen.sln not found above " + AppContext.BaseDirectory);
    }
}
