using System.Text.RegularExpressions;
using PortfolioGen.Site;
using Tomlyn;
using Tomlyn.Model;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace PortfolioGen.Tests.Deploy;

/// <summary>netlify.toml and the GitHub workflow parse, and what they run agrees with the CLI.</summary>
public class DeployConfigTests
{
    public static TheoryData<string, string> NetlifyFiles() => new()
    {
        { "repository", File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "netlify.toml")) },
        { "scaffold", Scaffold.Files(null, "Ada Researcher", out _)["netlify.toml"] },
    };

    public static TheoryData<string, string> Workflows() => new()
    {
        { "repository", File.ReadAllText(Path.Combine(TestPaths.RepoRoot, ".github", "workflows", "site.yml")) },
        { "scaffold", Scaffold.Files(null, "Ada Researcher", out _)[".github/workflows/site.yml"] },
    };

    /// <summary>The arguments a shell command passes to portfoliogen (after `--` of dotnet run, or after `portfoliogen`).</summary>
    internal static string[] PortfolioGenArguments(string command, string expectedVerb)
    {
        var m = Regex.Match(command, @"(?:dotnet run --project src/PortfolioGen\.Cli(?: -c Release)?(?: --no-build)? --|dotnet tool run portfoliogen|^portfoliogen) (" + expectedVerb + @"\b[^&|;\n]*)");
        Assert.True(m.Success, $"no 'portfoliogen {expectedVerb}' in: {command}");
        return Shell.Split(m.Groups[1].Value.Trim());
    }

    internal static void AssertParses(string[] args)
    {
        var result = PortfolioGen.Cli.App.Create().Parse(args);
        Assert.True(result.Errors.Count == 0, string.Join(" ", args) + ": " + string.Join("; ", result.Errors.Select(e => e.Message)));
    }

    [Theory]
    [MemberData(nameof(NetlifyFiles))]
    public void Netlify_builds_strictly_into_the_folder_it_publishes(string which, string toml)
    {
        var config = TomlSerializer.Deserialize<TomlTable>(toml)!;
        var build = (TomlTable)config["build"];
        Assert.Equal("_site", build["publish"]);
        Assert.Equal("_site", new BuildOptions().Output ?? "_site"); // the CLI's default output
        var production = (string)build["command"];
        var contexts = (TomlTable)config["context"];
        var preview = (string)((TomlTable)contexts["deploy-preview"])["command"];
        foreach (var (command, url) in new[] { (production, "$URL"), (preview, "$DEPLOY_PRIME_URL") })
        {
            // The SDK is installed with the official script when the image lacks .NET 10.
            Assert.Contains("dotnet --list-sdks", command);
            Assert.Contains("https://dot.net/v1/dotnet-install.sh", command);
            Assert.Contains("--channel 10.0", command);
            var args = PortfolioGenArguments(command, "build");
            Assert.Equal(["build", "--strict", "--base-url", url], args);
            AssertParses(args);
            Assert.DoesNotContain("--output", args);
        }
        if (which == "scaffold") Assert.Contains("dotnet tool restore", production);
    }

    [Theory]
    [MemberData(nameof(NetlifyFiles))]
    public void Netlify_sends_security_headers_caching_and_content_types(string which, string toml)
    {
        _ = which;
        var headers = ((TomlTableArray)TomlSerializer.Deserialize<TomlTable>(toml)!["headers"])
            .ToDictionary(h => (string)h["for"], h => (TomlTable)h["values"]);
        var all = headers["/*"];
        Assert.StartsWith("default-src 'self'", (string)all["Content-Security-Policy"]);
        Assert.DoesNotContain("unsafe-inline", (string)all["Content-Security-Policy"]);
        Assert.Equal("nosniff", all["X-Content-Type-Options"]);
        Assert.Equal("strict-origin-when-cross-origin", all["Referrer-Policy"]);
        Assert.Contains("camera=()", (string)all["Permissions-Policy"]);
        Assert.Equal("public, max-age=31536000, immutable", headers["/assets/*"]["Cache-Control"]);
        Assert.Equal(PortfolioGen.Serving.ContentTypes.For("x.bib"), headers["/*.bib"]["Content-Type"]);
        Assert.Equal(PortfolioGen.Serving.ContentTypes.For("x.ris"), headers["/*.ris"]["Content-Type"]);
        Assert.Equal(PortfolioGen.Serving.ContentTypes.For("x.md"), headers["/*.md"]["Content-Type"]);
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void The_workflow_tests_builds_strictly_and_deploys_to_pages_from_the_default_branch(string which, string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var on = (YamlMappingNode)root["on"];
        Assert.Contains(on.Children.Keys, k => k.ToString() == "push");
        Assert.Contains(on.Children.Keys, k => k.ToString() == "pull_request");
        var jobs = (YamlMappingNode)root["jobs"];
        var steps = ((YamlSequenceNode)((YamlMappingNode)jobs["build"])["steps"]).Children.Cast<YamlMappingNode>().ToList();
        string? Uses(YamlMappingNode s) => s.Children.TryGetValue("uses", out var u) ? u.ToString() : null;
        string? Run(YamlMappingNode s) => s.Children.TryGetValue("run", out var r) ? r.ToString() : null;

        var setup = steps.Single(s => Uses(s)?.StartsWith("actions/setup-dotnet@", StringComparison.Ordinal) == true);
        Assert.Equal("10.0.x", ((YamlMappingNode)setup["with"])["dotnet-version"].ToString());
        Assert.Contains(steps, s => Uses(s)?.StartsWith("actions/cache@", StringComparison.Ordinal) == true
            && ((YamlMappingNode)s["with"])["path"].ToString() == "~/.nuget/packages");
        if (which == "repository")
        {
            // The same test command as the README and .ci/run.
            Assert.Contains(steps, s => Run(s) == "dotnet test PortfolioGen.sln");
            Assert.Contains("dotnet test PortfolioGen.sln", File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "README.md")));
            Assert.Contains("\ndotnet test PortfolioGen.sln\n", File.ReadAllText(Path.Combine(TestPaths.RepoRoot, ".ci", "run")));
        }
        var build = PortfolioGenArguments(steps.Select(Run).OfType<string>().Single(r => r.Contains(" build ", StringComparison.Ordinal)), "build");
        Assert.Equal(["build", "--strict", "--base-url", "${{ steps.base.outputs.url }}"], build);
        AssertParses(["build", "--strict", "--base-url", "https://owner.github.io/repository/"]);
        var check = PortfolioGenArguments(steps.Select(Run).OfType<string>().Single(r => r.Contains(" check ", StringComparison.Ordinal)), "check");
        AssertParses(["check", "_site", "--base-url", "https://owner.github.io/repository/"]);
        Assert.Equal("_site", check[1]);
        var upload = steps.Single(s => Uses(s)?.StartsWith("actions/upload-pages-artifact@", StringComparison.Ordinal) == true);
        Assert.Equal("_site", ((YamlMappingNode)upload["with"])["path"].ToString());
        // The sub-path of a project site: the base URL step knows /<repository>/.
        Assert.Contains("https://$owner.github.io/$REPO/", yaml); // and WorkflowBaseUrlTests runs the step

        var deploy = (YamlMappingNode)jobs["deploy"];
        Assert.Equal("github.event_name == 'push' && github.ref == format('refs/heads/{0}', github.event.repository.default_branch)", deploy["if"].ToString());
        Assert.Equal("build", deploy["needs"].ToString());
        Assert.Contains(((YamlSequenceNode)deploy["steps"]).Children.Cast<YamlMappingNode>(), s => Uses(s)?.StartsWith("actions/deploy-pages@", StringComparison.Ordinal) == true);
        var permissions = (YamlMappingNode)deploy["permissions"];
        Assert.Equal("write", permissions["pages"].ToString());
        Assert.Equal("write", permissions["id-token"].ToString());
    }

    // A push to the default branch while its last deploy runs must not cancel that deploy half-way (GitHub's own Pages
    // workflows keep it running); runs of other branches and pull requests may be cancelled by newer ones.
    [Theory]
    [MemberData(nameof(Workflows))]
    public void A_newer_push_cancels_runs_of_other_branches_but_never_a_deploy(string which, string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var concurrency = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["concurrency"];
        Assert.Equal("site-${{ github.ref }}", concurrency["group"].ToString());
        Assert.True("${{ github.ref != format('refs/heads/{0}', github.event.repository.default_branch) }}" == concurrency["cancel-in-progress"].ToString(),
            $"the {which} workflow's cancel-in-progress is '{concurrency["cancel-in-progress"]}'");
    }

    // A site that vendors the package (its README says how) gets the new tool when the .nupkg is replaced, even at the
    // same version: the cache of ~/.nuget/packages is keyed by the package's bytes too.
    [Fact]
    public void The_new_sites_package_cache_follows_a_vendored_package()
    {
        var yaml = Scaffold.Files(null, "Ada Researcher", out _)[".github/workflows/site.yml"];
        Assert.Contains("key: nuget-${{ runner.os }}-${{ hashFiles('.config/dotnet-tools.json', 'vendor/*.nupkg') }}", yaml);
    }
}

/// <summary>The base URL the workflows work out for GitHub Pages, run as the runner runs it (bash).</summary>
public class WorkflowBaseUrlTests
{
    public static TheoryData<string, string, string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string, string, string>();
        foreach (var which in new[] { "repository", "scaffold" })
        {
            // What configure-pages says, when Pages is enabled (no trailing slash: the step adds it).
            data.Add(which, "https://ada.github.io/homepage", "ada", "homepage", "https://ada.github.io/homepage/");
            data.Add(which, "https://www.ada-lab.org", "ada", "homepage", "https://www.ada-lab.org/");
            // Worked out (pull requests, or Pages not enabled yet): a project site, and a user site, whose repository
            // GitHub matches to its owner's name whatever the letters' case.
            data.Add(which, "", "ada", "homepage", "https://ada.github.io/homepage/");
            data.Add(which, "", "ada", "ada.github.io", "https://ada.github.io/");
            data.Add(which, "", "AdaLab", "adalab.github.io", "https://adalab.github.io/");
            data.Add(which, "", "AdaLab", "AdaLab.github.io", "https://adalab.github.io/");
            data.Add(which, "", "AdaLab", "Homepage", "https://adalab.github.io/Homepage/");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_base_url_step_gives_the_sites_address(string which, string pagesUrl, string owner, string repo, string expected)
    {
        var yaml = which == "repository"
            ? File.ReadAllText(Path.Combine(TestPaths.RepoRoot, ".github", "workflows", "site.yml"))
            : Scaffold.Files(null, "Ada Researcher", out _)[".github/workflows/site.yml"];
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var build = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["jobs"])["build"];
        var step = ((YamlSequenceNode)build["steps"]).Children.Cast<YamlMappingNode>()
            .Single(s => s.Children.TryGetValue("id", out var id) && id.ToString() == "base");
        using var dir = new TempDirectory();
        var output = dir["github-output"];
        File.WriteAllText(output, "");
        var psi = new System.Diagnostics.ProcessStartInfo("bash", ["-e", "-c", step["run"].ToString()]) { RedirectStandardError = true };
        psi.Environment["PAGES_URL"] = pagesUrl;
        psi.Environment["OWNER"] = owner;
        psi.Environment["REPO"] = repo;
        psi.Environment["GITHUB_OUTPUT"] = output;
        using var process = System.Diagnostics.Process.Start(psi)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error);
        Assert.Equal($"url={expected}\n", File.ReadAllText(output));
    }
}

/// <summary>The repository's own workflow gets the browser the browser tests drive.</summary>
public class RepositoryWorkflowTests
{
    // On ubuntu-latest, `sudo apt-get install -y chromium` installs Ubuntu's transitional package, which installs a
    // snap and fails on CI runners; the tests need Debian's /usr/bin/chromium (or PG_CHROMIUM).
    [Fact]
    public void The_tests_run_in_debian_where_chromium_is_at_usr_bin_chromium()
    {
        var yaml = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, ".github", "workflows", "site.yml"));
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var build = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["jobs"])["build"];
        Assert.True(build.Children.TryGetValue("container", out var container), "the build job runs on the runner's Ubuntu");
        var image = container is YamlMappingNode m ? m["image"].ToString() : container.ToString();
        Assert.StartsWith("debian:", image);
        var runs = ((YamlSequenceNode)build["steps"]).Children.Cast<YamlMappingNode>()
            .Select(s => s.Children.TryGetValue("run", out var r) ? r.ToString() : "").ToList();
        var install = runs.IndexOf(runs.First(r => r.Contains("apt-get install", StringComparison.Ordinal)));
        Assert.Matches(@"apt-get install -y [^|;&]*\bchromium\b", runs[install]);
        Assert.True(install < runs.IndexOf("dotnet test PortfolioGen.sln"), "Chromium is installed after the tests");
        Assert.DoesNotContain("sudo", yaml);
        Assert.DoesNotContain("chromium-browser", yaml);
        // The browser tests look there, unless PG_CHROMIUM says otherwise.
        Assert.Contains("\"/usr/bin/chromium\"", File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "tests", "PortfolioGen.BrowserTests", "BrowserFixture.cs")));
    }
}

/// <summary>Splits a shell command line into words (double and single quotes; no expansion).</summary>
internal static class Shell
{
    public static string[] Split(string line)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        char? quote = null;
        var any = false;
        foreach (var ch in line)
        {
            if (quote is { } q)
            {
                if (ch == q) quote = null; else current.Append(ch);
                continue;
            }
            if (ch is '"' or '\'') { quote = ch; any = true; continue; }
            if (char.IsWhiteSpace(ch))
            {
                if (current.Length > 0 || any) words.Add(current.ToString());
                current.Clear();
                any = false;
                continue;
            }
            current.Append(ch);
        }
        if (current.Length > 0 || any) words.Add(current.ToString());
        return [.. words];
    }
}
