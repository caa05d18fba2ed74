using PortfolioGen.Tests.Site;
using Xunit;

namespace PortfolioGen.Tests.Cli;

public class BuildCommandTests
{
    [Fact]
    public void The_readme_command_builds_the_reference_site_from_a_copy_of_the_repository()
    {
        using var dir = new TempDirectory();
        foreach (var folder in new[] { "seeds", "content" })
        {
            foreach (var file in Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, folder), "*", SearchOption.AllDirectories))
            {
                dir.Write(Path.Combine(folder, Path.GetRelativePath(Path.Combine(TestPaths.RepoRoot, folder), file)), File.ReadAllText(file));
            }
        }
        var r = CliRunner.Run(dir.Path, "build");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Matches(@"^Built \d+ files \(57 pages\) in \d+\.\d\d s: \d+ written, 0 unchanged, 0 removed; 1 warning\(s\) -> _site/\n$", r.Stdout);
        Assert.Contains("warning PG0105", r.Stderr);
        // The README shows this summary: the same counts, whatever the time.
        var readme = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "README.md"));
        var shown = System.Text.RegularExpressions.Regex.Match(readme, "ends with a summary: `([^`]+)`").Groups[1].Value;
        static string Untimed(string summary) => System.Text.RegularExpressions.Regex.Replace(summary.Trim(), @" in \d+\.\d\d s:", " in … s:");
        Assert.Equal(Untimed(r.Stdout), Untimed(shown));
        Assert.True(dir.Exists("_site/index.html"));
        var again = CliRunner.Run(dir.Path, "build", "--quiet");
        Assert.Equal(0, again.ExitCode);
        Assert.Equal("", again.Stdout);
        var strict = CliRunner.Run(dir.Path, "build", "--strict", "--base-url", "https://ang.example.org/", "-o", "public");
        Assert.True(strict.ExitCode == 0, strict.ToString());
        Assert.Contains("<link rel=\"canonical\" href=\"https://ang.example.org/\">", dir.Read("public/index.html"));
    }

    [Fact]
    public void Errors_exit_1_and_keep_the_previous_site()
    {
        using var site = new TestSite(TestSite.SmallProfile);
        Assert.Equal(0, CliRunner.Run(site.Root, "build").ExitCode);
        var before = BuildIntegrationTests.Snapshot(Path.Combine(site.Root, "_site"));
        site.Write("-- seeds/ada.txt --\nAda\n\nCLFeb 30, 2024\nT\n\nAda\n");
        var r = CliRunner.Run(site.Root, "build");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("seeds/ada.txt(3,7): error PG0002: 'Feb 30, 2024' is not a date: Feb has 29 days", r.Stderr);
        Assert.Contains("build failed: 1 error(s); nothing was written, the previous site is unchanged", r.Stderr);
        Assert.Equal(before, BuildIntegrationTests.Snapshot(Path.Combine(site.Root, "_site")));
    }

    // A theme author copies a layout from the theme they extend; with the installed tool that theme is inside the tool's
    // folder, so -v says where each theme in use was found.
    [Fact]
    public void Verbose_names_the_folders_of_the_theme_in_use()
    {
        using var site = new TestSite(TestSite.SmallProfile);
        site.Write("-- themes/mine/theme.yml --\nextends: default\n-- content/site.yml --\ntheme: mine\n");
        var r = CliRunner.Run(site.Root, "build", "-v");
        Assert.True(r.ExitCode == 0, r.ToString());
        var line = r.Stderr.Split('\n').Single(l => l.TrimStart().StartsWith("theme mine:", StringComparison.Ordinal));
        Assert.Contains(Path.Combine(site.Root, "themes", "mine"), line);
        Assert.Contains("extends " + Path.Combine(AppContext.BaseDirectory, "themes", "default"), line);
    }

    [Fact]
    public void Strict_warnings_exit_1()
    {
        using var site = new TestSite(TestSite.SmallProfile);
        var r = CliRunner.Run(site.Root, "build", "--strict");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("build failed: 1 warning(s) under --strict", r.Stderr);
    }

    [Theory]
    [InlineData(new[] { "build", "--profile", "nope.txt" }, "the profile 'nope.txt' does not exist")]
    [InlineData(new[] { "build", "--content", "nope" }, "the content folder 'nope' does not exist")]
    [InlineData(new[] { "build", "--content", "seeds/ada.txt" }, "error: 'seeds/ada.txt' is a file; --content takes a folder")]
    [InlineData(new[] { "build", "--theme", "" }, "error: --theme must not be empty: give a theme's name (a folder of themes/) or a theme folder")]
    [InlineData(new[] { "serve", "--theme", " " }, "error: --theme must not be empty")]
    [InlineData(new[] { "build", "--theme", "./seeds" }, "seeds: error PG0304: this folder is not a theme: it has no layouts/ folder (a theme has layouts/*.sbn, or a theme.yml that extends a theme that has)")]
    [InlineData(new[] { "build", "--base-url", "ftp://x" }, "--base-url must be an absolute http or https URL")]
    [InlineData(new[] { "build", "--base-url", "https://ada.github.io/homepage/index.html" }, "error: --base-url must be the folder the site is served from, not its home page: https://ada.github.io/homepage/ (got 'https://ada.github.io/homepage/index.html')")]
    [InlineData(new[] { "build", "--output", "." }, "is the site folder or a folder above it")]
    [InlineData(new[] { "build", "--output", "seeds" }, "is the seeds folder or a folder above it")]
    [InlineData(new[] { "build", "--theme", "nope" }, "the theme 'nope' was not found")]
    [InlineData(new[] { "build", "--frobnicate" }, "Unrecognized command or argument '--frobnicate'")]
    public void Wrong_arguments_exit_2_with_a_clear_message(string[] args, string message)
    {
        using var site = new TestSite(TestSite.SmallProfile);
        var r = CliRunner.Run(site.Root, args);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains(message, r.Stderr);
        Assert.False(Directory.Exists(Path.Combine(site.Root, "_site")));
    }

    // Run inside content/, build warned about content/site.yml and seeds/, files that do not exist there.
    [Fact]
    public void Run_inside_the_content_folder_it_says_to_run_in_the_site_folder()
    {
        using var site = new TestSite(TestSite.SmallProfile + BuildIntegrationTests.DefaultSettings);
        var r = CliRunner.Run(Path.Combine(site.Root, "content"), "build");
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Equal("site.yml: error PG0019: this looks like a site's content folder (site.yml is here, with no content/ or seeds/ folder): run portfoliogen in the site's folder, one up (cd ..)\n",
            r.Stderr.Split("build failed")[0]);
        Assert.False(Directory.Exists(Path.Combine(site.Root, "content", "_site")));
        // From the site's folder it builds.
        Assert.Equal(0, CliRunner.Run(site.Root, "build").ExitCode);
    }

    // A site without site.yml: the warning stands at the file to create, and says it is not there yet.
    [Fact]
    public void Without_site_yml_the_base_url_warning_says_to_create_it()
    {
        using var site = new TestSite(TestSite.SmallProfile);
        var r = CliRunner.Run(site.Root, "build");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("content/site.yml: warning PG0105: no base URL (there is no content/site.yml: create it with base_url, or pass --base-url): links are root-relative", r.Stderr);
    }

    [Fact]
    public void Without_any_profile_the_message_says_where_to_put_one()
    {
        using var dir = new TempDirectory();
        var r = CliRunner.Run(dir.Path, "build");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("no profile found: put one in seeds/, set 'profile' in content/site.yml, or pass --profile FILE", r.Stderr);
    }
}
