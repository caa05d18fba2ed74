using System.Text.RegularExpressions;
using Xunit;

namespace PortfolioGen.Tests.Scholarly;

/// <summary>The speed budget, asserted over the built output (every feature on: base URL, metadata, citations).</summary>
public class BudgetTests(ScholarlySiteFixture site) : IClassFixture<ScholarlySiteFixture>
{
    private IEnumerable<string> Files(string pattern) => Directory.GetFiles(site.Output, pattern, SearchOption.AllDirectories);

    [Fact]
    public void Every_paper_page_is_at_most_40_KB()
    {
        var largest = Files("index.html").Where(f => f.Contains("/papers/", StringComparison.Ordinal)).Max(f => new FileInfo(f).Length);
        Assert.InRange(largest, 1, 40 * 1024);
    }

    [Fact]
    public void All_css_is_at_most_20_KB_and_the_javascript_of_a_page_at_most_10_KB()
    {
        Assert.InRange(Files("*.css").Sum(f => new FileInfo(f).Length), 1, 20 * 1024);
        var search = Path.Combine(site.Output, "search", "index.html");
        foreach (var file in Files("*.html"))
        {
            // The search page alone also loads MiniSearch (about 18 KB).
            var budget = (file == search ? 30 : 10) * 1024;
            var bytes = ScriptBytes(file);
            Assert.True(bytes <= budget, $"{Path.GetRelativePath(site.Output, file)} loads {bytes} bytes of JavaScript (budget {budget})");
        }
        Assert.True(ScriptBytes(search) > 10 * 1024, "the search page loads MiniSearch");
    }

    [Fact]
    public void The_search_index_stays_under_2_KB_a_paper_with_whole_abstracts()
    {
        var size = new FileInfo(Path.Combine(site.Output, "search", "index.json")).Length;
        Assert.InRange(size, 1, 2 * 1024 * site.Profile.Papers.Length);
    }

    // The bytes of every script a page loads (its src, under the site's base path, mapped to the output folder).
    private long ScriptBytes(string page)
    {
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(File.ReadAllText(page));
        var basePath = new Uri(ScholarlySiteFixture.BaseUrl).AbsolutePath;
        return doc.QuerySelectorAll("script[src]").Sum(s =>
        {
            var src = s.GetAttribute("src")!;
            Assert.StartsWith(basePath, src);
            var file = Path.Combine(site.Output, src[basePath.Length..]);
            Assert.True(File.Exists(file), $"{page}: {src} does not exist");
            return new FileInfo(file).Length;
        });
    }

    [Fact]
    public void The_one_stylesheet_is_the_only_render_blocking_request()
    {
        foreach (var file in Files("*.html"))
        {
            var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(File.ReadAllText(file));
            var head = doc.Head!;
            Assert.Single(head.QuerySelectorAll("link[rel=stylesheet]"));
            foreach (var script in doc.QuerySelectorAll("script[src]"))
            {
                Assert.True(script.HasAttribute("defer") || script.HasAttribute("async"), $"{file}: {script.OuterHtml} blocks rendering");
            }
            // Inline scripts are data only (JSON-LD), never code.
            Assert.All(doc.QuerySelectorAll("script:not([src])"), s => Assert.Equal("application/ld+json", s.GetAttribute("type")));
            Assert.Empty(doc.QuerySelectorAll("style, [style]"));
        }
        Assert.All(Files("*.css"), css => Assert.DoesNotContain("@import", File.ReadAllText(css)));
    }

    [Fact]
    public void Assets_are_fingerprinted_and_pages_use_the_fingerprinted_names()
    {
        var assets = Files("*").Where(f => f.Contains("/assets/", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(Path.Combine(site.Output, "assets"), f).Replace('\\', '/')).ToList();
        Assert.NotEmpty(assets);
        // vendor/minisearch.min.<hash>.js: the hash goes before the last extension.
        Assert.All(assets, a => Assert.Matches(@"^([\w\-]+/)?[\w\-]+(\.[\w\-]+)*\.[0-9a-f]{10}\.\w+$", a));
        foreach (var page in new[] { "index.html", "search/index.html" })
        {
            var html = File.ReadAllText(Path.Combine(site.Output, page));
            var linked = Regex.Matches(html, "/portfolio/assets/([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
            Assert.NotEmpty(linked);
            Assert.All(linked, a => Assert.Contains(a, assets));
        }
    }
}
