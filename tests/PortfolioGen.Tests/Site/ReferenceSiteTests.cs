using System.Text.RegularExpressions;
using ApprovalTests;
using ApprovalTests.Namers;
using ApprovalTests.Reporters;
using ApprovalTests.Writers;
using PortfolioGen.Profiles;
using PortfolioGen.Site;
using Xunit;

namespace PortfolioGen.Tests.Site;

/// <summary>The reference site (seeds/ang-lv.txt with the repository's content/), built once for these tests.</summary>
public sealed class ReferenceSiteFixture : IDisposable
{
    public ReferenceSiteFixture()
    {
        Dir = new TempDirectory();
        foreach (var folder in new[] { "seeds", "content" })
        {
            var source = Path.Combine(TestPaths.RepoRoot, folder);
            if (!Directory.Exists(source)) continue;
            foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(Dir.Path, folder, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }
        Result = SiteBuilder.BuildAsync(new BuildOptions { SiteRoot = Dir.Path, Theme = Path.Combine(TestPaths.RepoRoot, "themes", "default") }).GetAwaiter().GetResult();
        Profile = ProfileParser.ParseFile(TestPaths.ReferenceProfile).Profile!;
    }

    public TempDirectory Dir { get; }
    public BuildResult Result { get; }
    public Profile Profile { get; }
    public string Output => Path.Combine(Dir.Path, "_site");
    public string Read(string path) => File.ReadAllText(Path.Combine(Output, path));

    public void Dispose() => Dir.Dispose();
}

[UseReporter(typeof(QuietReporter))]
[UseApprovalSubdirectory("Snapshots")]
public class ReferenceSiteTests(ReferenceSiteFixture site) : IClassFixture<ReferenceSiteFixture>
{
    [Fact]
    public void The_reference_site_builds_without_errors_or_warnings_beyond_the_missing_base_url()
    {
        Assert.True(site.Result.Success, string.Join("\n", site.Result.Diagnostics));
        Assert.All(site.Result.Diagnostics, d => Assert.Contains(d.Code, new[] { DiagnosticCodes.SettingsMissingBaseUrl }));
    }

    [Fact]
    public void Every_paper_and_every_co_author_has_a_page()
    {
        Assert.Equal(21, site.Profile.Papers.Length);
        foreach (var p in site.Profile.Papers)
        {
            Assert.True(File.Exists(Path.Combine(site.Output, "papers", p.Slug, "index.html")), p.Slug);
            Assert.True(File.Exists(Path.Combine(site.Output, "papers", p.Slug, "index.md")), p.Slug);
        }
        Assert.Equal(21, Directory.GetDirectories(Path.Combine(site.Output, "papers")).Length);
        Assert.Equal(26, site.Profile.CoAuthors.Length);
        foreach (var c in site.Profile.CoAuthors)
        {
            Assert.True(File.Exists(Path.Combine(site.Output, "coauthors", c.Slug, "index.html")), c.Slug);
        }
        Assert.Equal(26, Directory.GetDirectories(Path.Combine(site.Output, "coauthors")).Length);
    }

    [Fact]
    public void Every_internal_link_and_fragment_resolves()
    {
        // Independently of the build's own checks: parse every page, follow every root-relative link.
        var parser = new AngleSharp.Html.Parser.HtmlParser();
        var pages = Directory.GetFiles(site.Output, "*.html", SearchOption.AllDirectories);
        var checkedLinks = 0;
        foreach (var page in pages)
        {
            using var doc = parser.ParseDocument(File.ReadAllText(page));
            foreach (var a in doc.QuerySelectorAll("a[href], link[href]"))
            {
                var href = a.GetAttribute("href")!;
                if (href.StartsWith("http", StringComparison.Ordinal) || href.StartsWith("mailto:", StringComparison.Ordinal)) continue;
                var (path, fragment) = href.Split('#') is var parts ? (parts[0], parts.Length > 1 ? parts[1] : null) : default;
                var target = path.Length == 0 ? page : Path.Combine(site.Output, path.TrimStart('/'));
                if (path.EndsWith('/')) target = Path.Combine(target, "index.html");
                Assert.True(File.Exists(target), $"{Path.GetRelativePath(site.Output, page)}: {href}");
                if (fragment is not null)
                {
                    using var targetDoc = parser.ParseDocument(File.ReadAllText(target));
                    Assert.True(targetDoc.GetElementById(fragment) is not null, $"{Path.GetRelativePath(site.Output, page)}: {href}");
                }
                checkedLinks++;
            }
        }
        Assert.True(checkedLinks > 500, $"only {checkedLinks} links checked");
    }

    [Fact]
    public void Figures_and_citations_are_valid_html()
    {
        // What the Nu checker reported: a figcaption is a figure's first or last child (a table disclosure after it was
        // not allowed), and aria-label is not allowed on a <pre>, which needs no tab stop either (it wraps, never scrolls).
        var parser = new AngleSharp.Html.Parser.HtmlParser();
        var figures = 0;
        foreach (var page in Directory.GetFiles(site.Output, "*.html", SearchOption.AllDirectories))
        {
            using var doc = parser.ParseDocument(File.ReadAllText(page));
            var name = Path.GetRelativePath(site.Output, page);
            foreach (var figure in doc.QuerySelectorAll("figure"))
            {
                figures++;
                var children = figure.Children.ToList();
                Assert.True(figure.QuerySelectorAll(":scope > figcaption").Length <= 1, name);
                Assert.All(children.Where(c => c.LocalName == "figcaption"), c => Assert.True(c == children[0] || c == children[^1], $"{name}: a figcaption in the middle of its figure"));
            }
            Assert.Empty(doc.QuerySelectorAll("pre[aria-label], pre[tabindex]"));
        }
        Assert.True(figures >= 3, $"only {figures} figures");
    }

    [Theory]
    [InlineData("index.html", "/", "page")]
    [InlineData("coauthors/index.html", "/coauthors/", "page")]
    [InlineData("topics/index.html", "/topics/", "page")]
    [InlineData("about/index.html", "/about/", "page")]
    [InlineData("papers/an-analysis-and-mitigation-of-the-reversal-curse/index.html", "/", "true")]
    [InlineData("coauthors/ruobing-xie/index.html", "/coauthors/", "true")]
    [InlineData("topics/cs-cl/index.html", "/topics/", "true")]
    public void The_menu_marks_the_page_or_the_section_it_is_in(string path, string item, string current)
    {
        using var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(site.Read(path));
        var marked = doc.QuerySelectorAll("nav[aria-label=Main] a[aria-current]").ToList();
        Assert.Equal([(item, current)], marked.Select(a => (a.GetAttribute("href")!, a.GetAttribute("aria-current")!)));
    }

    [Theory]
    [InlineData("index.html", 5)]
    [InlineData("topics/cs-cl/index.html", 0)]
    [InlineData("coauthors/yuhan-chen/index.html", 2)]
    public void Years_are_parts_of_a_list_not_landmarks(string path, int regions)
    {
        // A <section> with an accessible name is a region landmark: one per year made the home page list nine.
        using var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(site.Read(path));
        var named = doc.QuerySelectorAll("section[aria-labelledby], section[aria-label]").ToList();
        Assert.InRange(named.Count, 0, regions);
        Assert.DoesNotContain(named, s => s.ClassList.Contains("year"));
        Assert.All(doc.QuerySelectorAll("section.year"), s => Assert.Matches(@"^y\d{4}$", s.QuerySelector("h2, h3")!.Id!));
    }

    [Fact]
    public void The_topics_list_separates_name_code_and_numbers()
    {
        using var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(site.Read("topics/index.html"));
        var item = doc.QuerySelectorAll(".topic-list li").First(li => li.QuerySelector("a")!.TextContent == "Computation and Language");
        Assert.Equal("(cs.CL)", item.QuerySelector(".code-name")!.TextContent);
        Assert.Equal("14 papers, 2023–2025", item.QuerySelector(".topic-stats")!.TextContent);
        Assert.Equal("2023–2025", item.QuerySelector(".topic-stats .years")!.TextContent);
    }

    [Fact]
    public void The_generated_markdown_renders_to_the_same_abstract_as_the_model()
    {
        foreach (var p in site.Profile.Papers.Where(p => p.Abstract is not null))
        {
            var html = site.Read($"papers/{p.Slug}/index.html");
            Assert.Contains(p.Abstract!.Html, html);
        }
    }

    // Snapshots: the HTML as written, with the fingerprint of the stylesheet and the version masked so that
    // a CSS edit or a release does not touch every snapshot.
    private static string Normalize(string html)
        => Regex.Replace(Regex.Replace(html, @"(assets/[\w\-/]+)\.[0-9a-f]{10}\.", "$1.HASH."), @"PortfolioGen \d+\.\d+\.\d+[^""<]*", "PortfolioGen VERSION");

    private void Verify(string path) => Approvals.Verify(new ApprovalTextWriter(Normalize(site.Read(path)), "html"));

    [Fact] public void Snapshot_home() => Verify("index.html");
    [Fact] public void Snapshot_paper() => Verify("papers/an-analysis-and-mitigation-of-the-reversal-curse/index.html");
    [Fact] public void Snapshot_coauthor_index() => Verify("coauthors/index.html");
    [Fact] public void Snapshot_coauthor() => Verify("coauthors/yuhan-chen/index.html");
    [Fact] public void Snapshot_topic() => Verify("topics/cs-lg/index.html");
}
