using System.Diagnostics;
using PortfolioGen.Tests.Cli;
using PortfolioGen.Tests.Site;
using Xunit;

namespace PortfolioGen.Tests.Deploy;

public class NewCommandTests
{
    [Fact]
    public void A_new_site_from_a_name_builds_strictly_at_once()
    {
        using var dir = new TempDirectory();
        var r = CliRunner.Run(dir.Path, "new", "homepage", "--name", "Zoë Müller");
        Assert.True(r.ExitCode == 0, r.ToString());
        foreach (var file in new[] { "seeds/zoe-muller.txt", "seeds/FORMAT.md", "content/site.yml", "content/about.md", "netlify.toml",
                     ".github/workflows/site.yml", ".config/dotnet-tools.json", ".gitignore", "README.md" })
        {
            Assert.True(dir.Exists("homepage/" + file), file);
        }
        // Every option of site.yml is there, commented.
        var yml = dir.Read("homepage/content/site.yml");
        foreach (var key in new[] { "description:", "base_url:", "language:", "theme:", "aliases:", "affiliation:", "email:", "orcid:", "featured:", "coauthors:", "raw_html:" })
        {
            Assert.Contains("# " + key, System.Text.RegularExpressions.Regex.Replace(yml, @"#\s+", "# "));
        }
        var build = CliRunner.Run(Path.Combine(dir.Path, "homepage"), "build", "--strict", "--base-url", "https://zoe.example.org/");
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("Zoë Müller", dir.Read("homepage/_site/index.html"));
        // The tool's own theme draws social cards, and the card cache the build keeps is not committed.
        Assert.True(dir.Exists("homepage/_site/card.png"));
        Assert.True(Directory.EnumerateFiles(dir["homepage/.portfoliogen/cache/cards"], "*.png").Any());
        Assert.Equal(["_site/", ".portfoliogen/"], dir.Read("homepage/.gitignore").Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var check = CliRunner.Run(Path.Combine(dir.Path, "homepage"), "check");
        Assert.True(check.ExitCode == 0, check.ToString());
    }

    [Fact]
    public void A_new_site_from_a_profile_carries_it()
    {
        using var dir = new TempDirectory();
        var r = CliRunner.Run(dir.Path, "new", "lv", "--profile", TestPaths.ReferenceProfile);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(File.ReadAllBytes(TestPaths.ReferenceProfile), File.ReadAllBytes(Path.Combine(dir.Path, "lv", "seeds", "ang-lv.txt")));
        var build = CliRunner.Run(Path.Combine(dir.Path, "lv"), "build", "--strict", "--base-url", "https://ang.example.org/");
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal(21, Directory.GetDirectories(Path.Combine(dir.Path, "lv", "_site", "papers")).Length);
    }

    [Fact]
    public void A_folder_with_anything_in_it_is_refused_and_left_alone()
    {
        using var dir = new TempDirectory();
        dir.Write("taken/notes.txt", "mine");
        var r = CliRunner.Run(dir.Path, "new", "taken");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("'taken' is not empty", r.Stderr);
        Assert.Equal(["notes.txt"], Directory.GetFileSystemEntries(Path.Combine(dir.Path, "taken")).Select(Path.GetFileName));
    }

    [Fact]
    public void A_broken_profile_creates_nothing()
    {
        using var dir = new TempDirectory();
        dir.Write("p.txt", "Ada\n\nCLFeb 30, 2024\nT\n\nAda\n");
        var r = CliRunner.Run(dir.Path, "new", "site", "--profile", "p.txt");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("p.txt(3,7): error PG0002", r.Stderr);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "site")));
    }

    [Fact]
    public void A_profile_that_is_not_utf8_creates_nothing()
    {
        // Copied into the new site with U+FFFD for the Latin-1 é, it would be a quietly changed profile.
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir["p.txt"], [.. "Ada\n\nCLFeb 3, 2024\nCaf"u8.ToArray(), 0xE9, .. "\n\nAda\n"u8.ToArray()]);
        var r = CliRunner.Run(dir.Path, "new", "site", "--profile", "p.txt");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("p.txt(4,4): error PG0020: this line is not valid UTF-8 (byte 0xE9 at column 4)", r.Stderr);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "site")));
    }
}

public class CheckCommandTests
{
    // The home page's canonical link is HTML: a base path with '&' is written '&amp;' there, and is /a&b/ once read.
    [Theory]
    [InlineData("<link rel=\"canonical\" href=\"https://example.org/a&amp;b/\">", "/a&b/")]
    [InlineData("<link rel=\"stylesheet\" href=\"/a&amp;b/assets/style.0123456789.css\">", "/a&b/")]
    [InlineData("<link rel=\"canonical\" href=\"https://example.org/portfolio/\">", "/portfolio/")]
    public void The_base_path_is_read_from_the_home_page_as_html(string head, string basePath)
        => Assert.Equal(basePath, PortfolioGen.Cli.Commands.CheckCommand.InferBasePath($"<!DOCTYPE html><html><head>{head}</head></html>"));

    [Fact]
    public void A_clean_site_passes_and_planted_problems_are_each_found()
    {
        using var site = new TestSite(TestSite.SmallProfile);
        site.BuildOk(new PortfolioGen.Site.BuildOptions { BaseUrl = "https://ada.example.org/portfolio/" });
        var clean = CliRunner.Run(site.Root, "check");
        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.Contains("under /portfolio/: no problems", clean.Stdout);

        File.WriteAllText(site.Output("about.html"), """
            <!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
            <a href="/portfolio/papers/nowhere/">broken</a>
            <a href="/portfolio/papers/alone-again/#no-such-section">missing fragment</a>
            <p id="twice">a</p><p id="twice">b</p>
            <div><span></div></p>
            </body></html>
            """);
        File.WriteAllText(site.Output("feed.xml"), "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry></feed>");
        var r = CliRunner.Run(site.Root, "check");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("_site/about.html(2,1): warning PG0501: the link '/portfolio/papers/nowhere/' leads nowhere", r.Stderr);
        Assert.Contains("_site/about.html(3,1): warning PG0502: the link '/portfolio/papers/alone-again/#no-such-section' names the fragment '#no-such-section'", r.Stderr);
        Assert.Contains("warning PG0503: the id 'twice' is used more than once on this page", r.Stderr);
        Assert.Contains("_site/about.html: warning PG0505: the page has no <title>", r.Stderr.Replace("(1,1)", "", StringComparison.Ordinal));
        Assert.Contains("warning PG0506: the page does not say its language", r.Stderr);
        Assert.Contains("warning PG0504: HTML:", r.Stderr);
        Assert.Contains("_site/feed.xml(1,", r.Stderr);
        Assert.Contains("warning PG0507: not well-formed XML", r.Stderr);
    }

    [Fact]
    public void A_missing_folder_is_a_usage_error()
    {
        using var dir = new TempDirectory();
        var r = CliRunner.Run(dir.Path, "check", "nope");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("the folder 'nope' does not exist", r.Stderr);
    }
}

/// <summary>The packed tool installs into a tool path and builds the reference site anywhere.</summary>
public class ToolPackageTests
{
    [Fact]
    public void The_packed_tool_installs_and_builds_the_reference_site()
    {
        using var dir = new TempDirectory();
        var pack = Run(TestPaths.RepoRoot, "dotnet", "pack", "src/PortfolioGen.Cli", "-c", "Release", "-o", dir["packages"], "-p:Version=0.0.0-test");
        Assert.True(pack.Code == 0, pack.Output);
        var install = Run(dir.Path, "dotnet", "tool", "install", "--tool-path", dir["tools"], "--add-source", dir["packages"], "portfoliogen", "--version", "0.0.0-test");
        Assert.True(install.Code == 0, install.Output);
        var tool = Path.Combine(dir["tools"], "portfoliogen");
        var version = Run(dir.Path, tool, "--version");
        Assert.Equal("0.0.0-test", version.Output.Trim());
        // A folder with a profile and nothing else: the default theme comes with the tool.
        dir.Write("site/seeds/ang-lv.txt", File.ReadAllText(TestPaths.ReferenceProfile));
        var build = Run(dir["site"], tool, "build", "--strict", "--base-url", "https://ang.example.org/");
        Assert.True(build.Code == 0, build.Output);
        Assert.Equal(21, Directory.GetDirectories(Path.Combine(dir["site"], "_site", "papers")).Length);
        Assert.True(File.Exists(Path.Combine(dir["site"], "_site", "feed.xml")));
        // Assets in sub-folders travel too: the search page's MiniSearch and its licence.
        Assert.True(File.Exists(Path.Combine(dir["site"], "_site", "search", "index.html")));
        Assert.Equal(2, Directory.GetFiles(Path.Combine(dir["site"], "_site", "assets", "vendor"), "minisearch.*").Length);
    }

    // A new site's `dotnet tool restore` failed: the package is not on nuget.org. The site's README says how to ship it
    // with the site (vendor/ and a nuget.config); done as it says, the restore needs nothing but the repository.
    [Fact]
    public void A_new_site_restores_the_tool_offline_from_vendor_as_its_readme_says()
    {
        using var dir = new TempDirectory();
        var version = PortfolioGen.Site.Scaffold.Version;
        var pack = Run(TestPaths.RepoRoot, "dotnet", "pack", "src/PortfolioGen.Cli", "-c", "Release", "-o", dir["artifacts"], "-p:Version=" + version);
        Assert.True(pack.Code == 0, pack.Output);
        PortfolioGen.Site.Scaffold.Write(dir["site"], null, "Ada Researcher");
        var readme = dir.Read("site/README.md");
        Assert.Contains("Version " + version + " of package portfoliogen is not found", readme);
        Assert.Contains("dotnet pack src/PortfolioGen.Cli -c Release -o artifacts", readme);
        Assert.Contains($"cp path/to/artifacts/portfoliogen.{version}.nupkg vendor/", readme);
        var config = System.Text.RegularExpressions.Regex.Match(readme, "```xml\n(.*?)```", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("<add key=\"vendor\" value=\"vendor\" />", config);
        dir.Write("site/nuget.config", System.Text.RegularExpressions.Regex.Replace(config, "(?m)^ +", ""));
        Directory.CreateDirectory(dir["site/vendor"]);
        File.Copy(Path.Combine(dir["artifacts"], $"portfoliogen.{version}.nupkg"), dir[$"site/vendor/portfoliogen.{version}.nupkg"]);
        // No network (every proxy refuses) and empty NuGet folders: the package can only come from vendor/.
        var offline = new Dictionary<string, string>
        {
            ["HOME"] = dir["home"], ["DOTNET_CLI_HOME"] = dir["home"], ["NUGET_PACKAGES"] = dir["home/packages"],
            ["HTTP_PROXY"] = "http://127.0.0.1:9", ["HTTPS_PROXY"] = "http://127.0.0.1:9", ["ALL_PROXY"] = "http://127.0.0.1:9",
        };
        Directory.CreateDirectory(dir["home"]);
        var restore = Run(dir["site"], offline, "dotnet", "tool", "restore");
        Assert.True(restore.Code == 0, restore.Output);
        var build = Run(dir["site"], offline, "dotnet", "tool", "run", "portfoliogen", "build", "--strict", "--base-url", "https://ada.example.org/");
        Assert.True(build.Code == 0, build.Output);
        Assert.True(File.Exists(dir["site/_site/index.html"]));
    }

    private static (int Code, string Output) Run(string cwd, string file, params string[] args) => Run(cwd, null, file, args);

    private static (int Code, string Output) Run(string cwd, IDictionary<string, string>? environment, string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { WorkingDirectory = cwd, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(TimeSpan.FromMinutes(5)), $"{file} {string.Join(' ', args)} did not finish");
        return (p.ExitCode, stdout.Result + stderr.Result);
    }
}
