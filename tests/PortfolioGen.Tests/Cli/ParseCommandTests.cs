using System.Text.Json;
using Xunit;

namespace PortfolioGen.Tests.Cli;

public class ParseCommandTests
{
    [Fact]
    public void Summary_of_the_reference_profile()
    {
        var r = CliRunner.Run(TestPaths.RepoRoot, "parse", "seeds/ang-lv.txt");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.StartsWith("Ang Lv\n", r.Stdout);
        Assert.Contains("primary area  Computation and Language (cs.CL)", r.Stdout);
        Assert.Contains("h-index 17 · 21 papers · 587 citations · novelty 59% · AI score 51", r.Stdout);
        Assert.Contains("  2025 (7)", r.Stdout);
        Assert.Contains("  2022 (1)", r.Stdout);
        Assert.Contains("Co-authors (26)", r.Stdout);
        Assert.Contains("Yuhan Chen                    6 papers  2023–2024", r.Stdout);
        Assert.Contains("0 error(s), 0 warning(s)", r.Stdout);
        Assert.Equal("", r.Stderr);
    }

    // The README, PG0204 and site.yml's comment send the user to parse for the slugs; only --json showed them.
    [Fact]
    public void The_summary_lists_each_papers_slug_under_its_title()
    {
        var r = CliRunner.Run(TestPaths.RepoRoot, "parse", "seeds/ang-lv.txt");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("    2025-05-28  cs.CL    The Climb Carves Wisdom Deeper Than the Summit: On the Noisy Rewards in Learning to Reason  [code]\n"
            + "                         slug: the-climb-carves-wisdom-deeper-than-the-summit-on-the-noisy-rewards-in-learning\n", r.Stdout);
        Assert.Equal(21, r.Stdout.Split('\n').Count(l => l.StartsWith("                         slug: ", StringComparison.Ordinal)));
    }

    // parse read no site.yml: an owner.aliases spelling was listed as a co-author, and PG0016 asked for it to be added to
    // owner.aliases, where it was. Run in the site's folder (or given --content) it reads them as build does.
    [Fact]
    public void Owner_aliases_come_from_site_yml_as_in_build()
    {
        using var dir = new TempDirectory();
        dir.Write("seeds/p.txt", "Ingrid Solberg-Nakamura\n\nCLMar 4, 2024\nTitle One\n\nI. Solberg-Nakamura, Bo Li\n\nAbstract.\n");
        dir.Write("content/site.yml", "owner:\n  aliases: [\"I. Solberg-Nakamura\"]\n");
        dir.Write("elsewhere/site.yml", "owner:\n  aliases: [\"I. Solberg-Nakamura\"]\n");
        foreach (var args in new[] { new[] { "parse", "seeds/p.txt" }, ["parse", "seeds/p.txt", "--content", "elsewhere"] })
        {
            var r = CliRunner.Run(dir.Path, args);
            Assert.True(r.ExitCode == 0, r.ToString());
            Assert.Contains("Co-authors (1)", r.Stdout);
            Assert.DoesNotContain("I. Solberg-Nakamura    ", r.Stdout);
            Assert.DoesNotContain("PG0016", r.Stdout + r.Stderr);
            Assert.Contains("  aliases       I. Solberg-Nakamura (owner.aliases in " + (args.Length > 2 ? "elsewhere" : "content") + "/site.yml)", r.Stdout);
        }
        // Without a site.yml the advice stands.
        var alone = CliRunner.Run(Path.Combine(dir.Path, "seeds"), "parse", "p.txt");
        Assert.Contains("Co-authors (2)", alone.Stdout);
        Assert.Contains("warning PG0016", alone.Stderr);
        var missing = CliRunner.Run(dir.Path, "parse", "seeds/p.txt", "--content", "nowhere");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("the content folder 'nowhere' does not exist", missing.Stderr);
    }

    [Fact]
    public void Json_has_the_documented_shape()
    {
        var r = CliRunner.Run(TestPaths.RepoRoot, "parse", "seeds/ang-lv.txt", "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        using var doc = JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;
        Assert.Equal(["name", "primaryCategory", "figures", "declaredPaperCount", "papers", "coauthors", "diagnostics"],
            root.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("Ang Lv", root.GetProperty("name").GetString());
        Assert.Equal("cs.CL", root.GetProperty("primaryCategory").GetProperty("code").GetString());
        Assert.Equal(["hIndex", "papers", "citations", "noveltyPercent", "aiScore"],
            root.GetProperty("figures").EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(587, root.GetProperty("figures").GetProperty("citations").GetInt32());
        Assert.Equal(21, root.GetProperty("declaredPaperCount").GetInt32());
        var papers = root.GetProperty("papers");
        Assert.Equal(21, papers.GetArrayLength());
        var first = papers[0];
        Assert.Equal(["slug", "title", "category", "date", "hasCode", "authors", "authorsTruncated", "organization", "abstract"],
            first.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("2022-08-11", first.GetProperty("date").GetString());
        Assert.Equal("Sound", first.GetProperty("category").GetProperty("name").GetString());
        Assert.Equal("microsoft-research", first.GetProperty("organization").GetString());
        Assert.Equal(["source", "html", "text"], first.GetProperty("abstract").EnumerateObject().Select(p => p.Name).ToArray());
        var co = root.GetProperty("coauthors")[0];
        Assert.Equal(["name", "slug", "papers", "firstYear", "lastYear"], co.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("Yuhan Chen", co.GetProperty("name").GetString());
        Assert.Equal(6, co.GetProperty("papers").GetArrayLength());
        Assert.Equal(0, root.GetProperty("diagnostics").GetArrayLength());
    }

    [Fact]
    public void Errors_exit_1_with_compiler_style_lines_on_stderr()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("broken.txt", "Ada Researcher\n\nCLSep 31, 2024\nTitle\n\nAda Researcher\n\nCLFeb 29, 2023\nOther\n\nAda Researcher\n");
        var r = CliRunner.Run(dir.Path, "parse", "broken.txt");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("broken.txt(3,7): error PG0002: 'Sep 31, 2024' is not a date: Sep has 30 days", r.Stderr);
        Assert.Contains("broken.txt(8,7): error PG0002: 'Feb 29, 2023' is not a date: 2023 is not a leap year", r.Stderr);

        var json = CliRunner.Run(dir.Path, "parse", "broken.txt", "--json");
        Assert.Equal(1, json.ExitCode);
        using var doc = JsonDocument.Parse(json.Stdout);
        var d = doc.RootElement.GetProperty("diagnostics")[0];
        Assert.Equal("error", d.GetProperty("severity").GetString());
        Assert.Equal("PG0002", d.GetProperty("code").GetString());
        Assert.Equal("broken.txt", d.GetProperty("file").GetString());
        Assert.Equal(3, d.GetProperty("line").GetInt32());
        Assert.Equal(7, d.GetProperty("column").GetInt32());
    }

    [Fact]
    public void Warnings_alone_exit_0()
    {
        using var dir = new TempDirectory();
        dir.Write("p.txt", "Ada Researcher\n\n5 Papers\n\nCLMar 4, 2024\nTitle\n\nAda Researcher\n");
        var r = CliRunner.Run(dir.Path, "parse", "p.txt");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("p.txt(3,1): warning PG0004: the profile declares 5 papers but lists 1", r.Stderr);
    }

    [Theory]
    [InlineData(new[] { "parse", "missing.txt" }, "the profile 'missing.txt' does not exist")]
    [InlineData(new[] { "parse" }, "Required argument missing")]
    [InlineData(new[] { "parse", "a.txt", "--jsn" }, "Unrecognized command or argument '--jsn'")]
    [InlineData(new[] { "frobnicate" }, "Unrecognized command or argument 'frobnicate'")]
    [InlineData(new string[0], "error: no command given; the commands are new, build, serve, check, parse")]
    public void Usage_errors_and_missing_files_exit_2(string[] args, string message)
    {
        using var dir = new TempDirectory();
        dir.Write("a.txt", "Ada\n");
        var r = CliRunner.Run(dir.Path, args);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains(message, r.Stderr);
    }

    // An unknown command printed "Required command was not provided." above "Unrecognized command or argument": one
    // message is enough, and the first contradicted the user, who had given a command.
    [Theory]
    [InlineData("bogus")]
    [InlineData("bogus", "--x")]
    public void An_unknown_command_is_one_clear_error_and_the_usage_hint(params string[] args)
    {
        using var dir = new TempDirectory();
        var r = CliRunner.Run(dir.Path, args);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.StartsWith($"error: Unrecognized command or argument '{args[0]}'.\n", r.Stderr);
        Assert.EndsWith("\nRun 'portfoliogen --help' to see the usage.\n", r.Stderr);
        Assert.DoesNotContain("Required command", r.Stderr);
    }

    // A misspelt command or option gets the one it is close to; a word close to none gets no guess.
    [Theory]
    [InlineData(new[] { "buidl" }, "error: Unrecognized command or argument 'buidl'. Did you mean 'build'?")]
    [InlineData(new[] { "serv" }, "error: Unrecognized command or argument 'serv'. Did you mean 'serve'?")]
    [InlineData(new[] { "parse", "a.txt", "--jsn" }, "error: Unrecognized command or argument '--jsn'. Did you mean '--json'?")]
    [InlineData(new[] { "build", "--bse-url", "https://a.example/" }, "error: Unrecognized command or argument '--bse-url'. Did you mean '--base-url'?")]
    [InlineData(new[] { "build", "--Strict" }, "error: Unrecognized command or argument '--Strict'. Did you mean '--strict'?")]
    // Two letters swapped are one slip, not two: short words get their guess too.
    [InlineData(new[] { "serve", "--prot", "5000" }, "error: Unrecognized command or argument '--prot'. Did you mean '--port'?")]
    [InlineData(new[] { "chekc" }, "error: Unrecognized command or argument 'chekc'. Did you mean 'check'?")]
    public void A_misspelt_command_or_option_is_given_the_one_meant(string[] args, string line)
    {
        using var dir = new TempDirectory();
        dir.Write("a.txt", "Ada\n");
        var r = CliRunner.Run(dir.Path, args);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.StartsWith(line + "\n", r.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("x")]
    public void A_word_close_to_no_command_gets_no_guess(string word)
    {
        using var dir = new TempDirectory();
        var r = CliRunner.Run(dir.Path, word);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.DoesNotContain("Did you mean", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_and_version()
    {
        var help = CliRunner.Run(TestPaths.RepoRoot, "parse", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("portfoliogen parse <FILE> [options]", help.Stdout);
        Assert.Contains("--json", help.Stdout);
        var version = CliRunner.Run(TestPaths.RepoRoot, "--version");
        Assert.Equal(0, version.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", version.Stdout);
    }
}
