using System.Text.RegularExpressions;
using PortfolioGen.Profiles;
using PortfolioGen.Site;
using PortfolioGen.Tests.Site;
using Scriban;
using Xunit;

namespace PortfolioGen.Tests.Deploy;

/// <summary>Every example in the README is exercised: settings read clean, front matter reads clean,
/// the profile parses, templates parse, and every command line parses with the real CLI.</summary>
public class ReadmeExampleTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "README.md"));

    private static IReadOnlyList<(string Info, string Body)> Blocks()
        => [.. Regex.Matches(Readme, "^```([^\\n]*)\\n(.*?)^```$", RegexOptions.Multiline | RegexOptions.Singleline)
            .Select(m => (m.Groups[1].Value.Trim(), m.Groups[2].Value))];

    private static string Block(string info) => Assert.Single(Blocks(), b => b.Info == info).Body;

    [Fact]
    public void The_readme_has_the_examples_these_tests_read()
    {
        var infos = Blocks().Select(b => b.Info).ToList();
        Assert.Contains("yaml site.yml", infos);
        Assert.Contains("markdown additions", infos);
        Assert.Contains("markdown journal article", infos);
        Assert.Contains("markdown page", infos);
        Assert.Contains("text profile", infos);
        Assert.Contains("yaml theme.yml", infos);
        Assert.Contains("sbn partials/head-extra.sbn", infos);
        Assert.True(infos.Count(i => i == "sh") >= 8);
    }

    // site.yml's first line sent readers to the README's "site.yml reference", a section it does not have.
    [Fact]
    public void The_sections_site_yml_points_to_are_in_the_readme()
    {
        var headings = Regex.Matches(Readme, "^#+ (.+)$", RegexOptions.Multiline).Select(m => m.Groups[1].Value.Trim()).ToList();
        foreach (var (file, text) in new[]
        {
            ("content/site.yml", File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "content", "site.yml"))),
            ("new's site.yml", Scaffold.Files(null, "Ada Researcher", out _)["content/site.yml"]),
        })
        {
            var named = Regex.Matches(text, "README[^\"\\n]*\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
            Assert.True(named.Count > 0, file + " names no README section");
            foreach (var section in named) Assert.True(headings.Any(h => h.StartsWith(section, StringComparison.Ordinal)), $"{file} names the README section \"{section}\", which is not there");
        }
    }

    [Fact]
    public void The_site_yml_example_reads_without_a_single_diagnostic()
    {
        var diagnostics = new List<Diagnostic>();
        var settings = SettingsReader.Read(Block("yaml site.yml"), "site.yml", diagnostics);
        Assert.Empty(diagnostics);
        Assert.Equal("Ang Lv", settings.Title);
        Assert.Equal(["email", "homepage", "scholar", "orcid", "github"], settings.Owner.Links.Select(l => l.Kind));
    }

    [Fact]
    public void The_additions_and_page_examples_read_without_a_single_diagnostic()
    {
        var diagnostics = new List<Diagnostic>();
        var additions = PaperAdditionsReader.Read(Block("markdown additions"), "x.md", diagnostics);
        Assert.Empty(diagnostics);
        Assert.Equal(8, additions.Links.Length);
        Assert.Equal("2501.13074", additions.ArxivId);
        var article = PaperAdditionsReader.Read(Block("markdown journal article"), "x.md", diagnostics);
        Assert.Empty(diagnostics);
        Assert.Equal("Nature Machine Intelligence 5(3), 123–145", article.Journal?.Display);
        Assert.Equal("Springer Nature", article.Journal!.Publisher);
        Assert.Equal("10.1038/s42256-023-00001-x", article.Doi);
        // The text after the example quotes what the page shows.
        Assert.Contains("\"" + article.Journal.Display + "\"", Readme, StringComparison.Ordinal);
        var page = PaperAdditionsReader.ReadPage(Block("markdown page"), "about.md", "about.md", diagnostics);
        Assert.Empty(diagnostics);
        Assert.Equal(("About", 1, "About me"), (page.Title, page.NavOrder, page.NavTitle));
    }

    [Fact]
    public void The_profile_example_parses_without_a_single_diagnostic()
    {
        var result = ProfileParser.Parse(Block("text profile"), "profile.txt");
        Assert.Empty(result.Diagnostics);
        var paper = Assert.Single(result.Profile!.Papers);
        Assert.Equal("microsoft-research", paper.Organization);
        Assert.Equal(new Figures(17, 21, 587, 59, 51), result.Profile.Figures);
    }

    [Fact]
    public void The_theme_override_example_builds_a_site_that_uses_it()
    {
        using var site = new TestSite(TestSite.SmallProfile
            + "-- themes/mine/theme.yml --\n" + Block("yaml theme.yml")
            + "-- themes/mine/partials/head-extra.sbn --\n" + Block("sbn partials/head-extra.sbn")
            + "-- content/site.yml --\ntheme: mine\nbase_url: https://ada.example.org/\n");
        site.BuildOk(new BuildOptions { Strict = true });
        site.AssertFileContains("index.html", "<meta name=\"author\" content=\"Ada Researcher\">");
    }

    [Fact]
    public void Every_template_snippet_parses()
    {
        foreach (var (info, body) in Blocks().Where(b => b.Info.StartsWith("sbn", StringComparison.Ordinal)))
        {
            var template = Template.Parse(body);
            Assert.False(template.HasErrors, info + ": " + string.Join("; ", template.Messages));
        }
    }

    [Fact]
    public void Every_command_line_in_the_readme_parses_with_the_real_cli()
    {
        var lines = Blocks().Where(b => b.Info == "sh").SelectMany(b => b.Body.Split('\n'))
            .Select(l => Regex.Replace(l, @"\s+#.*$", "").Trim())
            .Where(l => l.Length > 0)
            .ToList();
        var checkedLines = 0;
        foreach (var line in lines)
        {
            string[]? args = null;
            if (line.StartsWith("portfoliogen ", StringComparison.Ordinal) || line.StartsWith("./publish/portfoliogen ", StringComparison.Ordinal)) args = Shell.Split(line)[1..];
            else if (line.StartsWith("dotnet run --project src/PortfolioGen.Cli -- ", StringComparison.Ordinal)) args = Shell.Split(line)[5..];
            if (args is null)
            {
                // The other lines are the dotnet commands themselves, the measuring scripts (which must exist) and what
                // they need installed.
                Assert.Matches(@"^(dotnet (test|pack|tool|run) |bash |python3 tests/bench/|apt-get install -y )", line);
                if (Regex.Match(line, @"^(?:bash|python3) (tests/\S+)") is { Success: true } script)
                {
                    Assert.True(File.Exists(Path.Combine(TestPaths.RepoRoot, script.Groups[1].Value)), line + ": no such script");
                }
                continue;
            }
            var result = PortfolioGen.Cli.App.Create().Parse(args);
            Assert.True(result.Errors.Count == 0, line + ": " + string.Join("; ", result.Errors.Select(e => e.Message)));
            checkedLines++;
        }
        Assert.True(checkedLines >= 7, checkedLines.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Every_diagnostic_code_is_in_the_readme()
    {
        foreach (var field in typeof(DiagnosticCodes).GetFields())
        {
            var code = (string)field.GetValue(null)!;
            Assert.True(Readme.Contains($"| {code} |", StringComparison.Ordinal), $"{code} ({field.Name}) is not in the README's table");
        }
    }

    [Fact]
    public void Every_variable_named_in_the_theme_guide_exists_in_the_template_model()
    {
        using var site = new TestSite(TestSite.SmallProfile + "-- content/site.yml --\nbase_url: https://ada.example.org/\n"
            + "-- themes/probe/theme.yml --\nextends: {default-theme}\n"
            + "-- themes/probe/partials/head-extra.sbn --\n<meta name=\"probe\" content=\"{{ site.title }}{{ site.description }}{{ site.language }}{{ site.generator }}{{ site.url }}{{ site.base_url }}{{ site.base_path }}{{ site.nav.size }}{{ site.owner.name }}{{ site.owner.figures.any }}{{ site.owner.links.size }}{{ site.paper_count }}{{ site.coauthor_count }}{{ site.topic_count }}{{ site.feed_url }}{{ site.favicon_url }}{{ site.publications.bibtex }}{{ page.kind }}{{ page.title }}{{ page.description }}{{ page.url }}{{ page.path }}{{ page.canonical }}{{ page.is_home }}{{ page.meta.size }}{{ page.json_ld ? 1 : 0 }}\">\n"
            + "-- themes/probe/layouts/paper.sbn --\n{{ p = paper }}<h1>{{ p.slug }}{{ p.url }}{{ p.title }}{{ p.title_html }}{{ p.date }}{{ p.date_display }}{{ p.year }}{{ p.category.code }}{{ p.category.name }}{{ p.category.slug }}{{ p.category.url }}{{ p.has_code }}{{ p.authors[0].name }}{{ p.authors[0].is_owner }}{{ p.authors[0].url }}{{ p.authors[0].homepage }}{{ p.authors_truncated }}{{ p.authors_shown.size }}{{ p.authors_total }}{{ p.authors_cut }}{{ p.authors_gap }}{{ p.authors_after }}{{ p.organization }}{{ p.venue }}{{ p.journal }}{{ p.featured }}{{ p.tags.size }}{{ p.links.size }}{{ p.markdown_url }}{{ p.abstract_html }}{{ p.abstract_text }}{{ p.has_abstract }}{{ p.notes_html }}{{ p.has_notes }}{{ p.bibtex }}{{ p.cite.bib }}{{ p.cite.ris }}{{ p.cite.csl_json }}</h1>\n"
            + "-- themes/probe/layouts/index.sbn --\n<h1>{{ home.intro }}{{ home.featured.size }}{{ home.years[0].year }}{{ home.years[0].count }}{{ home.years[0].papers.size }}{{ home.topics.size }}{{ home.top_coauthors.size }}{{ home.paper_count }}{{ home.code_count }}</h1>\n"
            + "-- themes/probe/layouts/coauthors.sbn --\n{{ c = coauthors[0] }}<h1>{{ c.name }}{{ c.slug }}{{ c.url }}{{ c.count }}{{ c.first_year }}{{ c.last_year }}{{ c.years_display }}{{ c.homepage }}</h1>\n"
            + "-- themes/probe/layouts/coauthor.sbn --\n<h1>{{ coauthor.papers.size }}{{ coauthor.years[0].year }}{{ coauthor.years[0].count }}{{ coauthor.shared.size }}{{ coauthor.shared_total }}{{ coauthor.shared_more }}</h1>\n"
            + "-- themes/probe/layouts/topics.sbn --\n{{ t = topics[0] }}<h1>{{ t.code }}{{ t.name }}{{ t.slug }}{{ t.url }}{{ t.count }}{{ t.first_year }}{{ t.last_year }}{{ t.years_display }}</h1>\n"
            + "-- themes/probe/layouts/topic.sbn --\n<h1>{{ topic.papers.size }}{{ topic.years[0].year }}{{ topic.years[0].count }}{{ topic.years[0].papers.size }}</h1>\n"
            + "-- themes/probe/layouts/search.sbn --\n<h1 data-index=\"{{ search.index_url }}\">{{ search.paper_count }}</h1>\n");
        var result = site.Build(new BuildOptions { Theme = "probe" });
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
    }
}
