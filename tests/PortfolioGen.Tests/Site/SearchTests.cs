using System.Text.Json;
using PortfolioGen.Site;
using PortfolioGen.Tests.Scholarly;
using Xunit;

namespace PortfolioGen.Tests.Site;

/// <summary>The search index and page of the reference site (the browser tests check that searching works).</summary>
public class SearchTests(ReferenceSiteFixture site) : IClassFixture<ReferenceSiteFixture>
{
    private static readonly string[] Fields = ["id", "title", "authors", "abstract", "category", "category_name", "year", "url"];

    [Fact]
    public void The_index_has_one_document_per_paper_newest_first_with_the_documented_fields()
    {
        using var json = JsonDocument.Parse(site.Read("search/index.json"));
        var root = json.RootElement;
        Assert.Equal(["version", "documents"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(SearchIndex.Version, root.GetProperty("version").GetInt32());
        var docs = root.GetProperty("documents").EnumerateArray().ToList();
        Assert.Equal(21, docs.Count);
        var papers = site.Profile.Papers.OrderByDescending(p => p.Date).ThenBy(p => p.Slug, StringComparer.Ordinal).ToList();
        for (var i = 0; i < docs.Count; i++)
        {
            var doc = docs[i];
            var paper = papers[i];
            var names = doc.EnumerateObject().Select(p => p.Name).ToList();
            var owner = paper.Authors.ToList().FindIndex(site.Profile.IsOwner);
            string[] optional = [.. owner >= 0 ? ["owner"] : Array.Empty<string>(), .. paper.AuthorsTruncated ? ["authors_truncated"] : Array.Empty<string>()];
            Assert.Equal([.. Fields[..3], .. optional, .. Fields[3..]], names);
            if (owner >= 0) Assert.Equal(owner, doc.GetProperty("owner").GetInt32());
            if (paper.AuthorsTruncated) Assert.True(doc.GetProperty("authors_truncated").GetBoolean());
            Assert.Equal(i, doc.GetProperty("id").GetInt32());
            Assert.Equal(paper.TitleMarkup.Readable, doc.GetProperty("title").GetString());
            Assert.Equal(paper.Authors, doc.GetProperty("authors").EnumerateArray().Select(a => a.GetString()!));
            Assert.Equal(paper.Category.Code, doc.GetProperty("category").GetString());
            Assert.Equal(paper.Category.Name, doc.GetProperty("category_name").GetString());
            Assert.Equal(paper.Date.Year, doc.GetProperty("year").GetInt32());
            Assert.Equal($"/papers/{paper.Slug}/", doc.GetProperty("url").GetString());
            Assert.True(File.Exists(Path.Combine(site.Output, "papers", paper.Slug, "index.html")));

            // The abstract: plain text on one line, whole (the reference profile is far within the budget).
            var full = string.Join(' ', paper.Abstract!.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            Assert.Equal(full, doc.GetProperty("abstract").GetString());
        }
    }

    [Fact]
    public void Owner_is_the_owners_index_among_the_authors_and_only_there_when_she_is_among_them()
    {
        // A collaboration paper of 40 authors with the owner 25th (the search page shows her after the first nine), a
        // small paper with her first, and one the profile lists without her name (cut to "et al." before it).
        var forty = Enumerable.Range(1, 39).Select(i => "Author" + Letters(i) + " Physicist").ToList();
        forty.Insert(24, "Ada Researcher");
        using var test = new TestSite($"""
-- seeds/ada.txt --
Ada Researcher

hep-ex

3 Papers

hep-exJul 4, 2012
Observation of Something New

{string.Join(", ", forty)} · atlas-collaboration

We saw something.

hep-exJul 3, 2012
Without Her Name

Kim Abbott, Lea Bianchi et al.

Cut before her.

hep-phFeb 2, 2016
A Small Paper

Ada Researcher, Kim Abbott

Two of us.
""" + BuildIntegrationTests.DefaultSettings);
        test.BuildOk();
        var text = test.Read("search/index.json");
        Assert.StartsWith("{\"version\":1,", text, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(text);
        var docs = json.RootElement.GetProperty("documents").EnumerateArray().ToDictionary(d => d.GetProperty("title").GetString()!);
        var big = docs["Observation of Something New"];
        Assert.Equal(40, big.GetProperty("authors").GetArrayLength());
        Assert.Equal(24, big.GetProperty("owner").GetInt32());
        Assert.Equal("Ada Researcher", big.GetProperty("authors")[24].GetString());
        Assert.Equal(0, docs["A Small Paper"].GetProperty("owner").GetInt32());
        Assert.False(docs["Without Her Name"].TryGetProperty("owner", out _));
        Assert.Contains("\"authors\":[\"Ada Researcher\",\"Kim Abbott\"],\"owner\":0,\"abstract\"", text, StringComparison.Ordinal);

        static string Letters(int i) => new([(char)('a' + i / 26), (char)('a' + i % 26)]);
    }

    [Theory]
    [InlineData(21, 1450, int.MaxValue)]
    [InlineData(600, 1450, int.MaxValue)]
    [InlineData(1000, 1450, 1000)]
    [InlineData(10_000, 1450, 200)]
    [InlineData(3, 0, int.MaxValue)]
    public void Abstracts_are_whole_within_the_budget_and_cut_to_a_share_of_it_beyond(int papers, int length, int limit)
        => Assert.Equal(limit, SearchIndex.AbstractLimit(Enumerable.Repeat(length, papers).ToList()));

    [Fact]
    public void Beyond_the_budget_each_abstract_is_cut_at_a_word_to_its_share()
    {
        var words = string.Join(' ', Enumerable.Range(0, 50_000).Select(i => "word" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.True(words.Length * 3 > SearchIndex.AbstractBudget);
        var share = SearchIndex.AbstractBudget / 4;
        Assert.True(words.Length > share);
        using var test = new TestSite($"-- seeds/ada.txt --\nAda Researcher\n\nLGMar 4, 2024\nOne\n\nAda Researcher\n\n{words}\n\nLGMar 5, 2024\nTwo\n\nAda Researcher\n\n{words}\n\n"
            + $"LGMar 6, 2024\nThree\n\nAda Researcher\n\n{words}\n\nLGMar 7, 2024\nFour\n\nAda Researcher\n\nShort.\n");
        test.BuildOk();
        using var json = JsonDocument.Parse(test.Read("search/index.json"));
        var abstracts = json.RootElement.GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("abstract").GetString()!).ToList();
        Assert.Equal("Short.", abstracts[0]);
        foreach (var text in abstracts.Skip(1))
        {
            Assert.InRange(text.Length, share - 20, share);
            Assert.EndsWith("\u2026", text);
            Assert.StartsWith(text[..^1] + " ", words);
        }
    }

    [Fact]
    public async Task The_index_is_compact_and_the_same_bytes_from_a_second_build()
    {
        var first = File.ReadAllBytes(Path.Combine(site.Output, "search", "index.json"));
        Assert.Equal((byte)'\n', first[^1]);
        Assert.DoesNotContain((byte)'\n', first[..^1]);
        Assert.DoesNotContain("\": ", System.Text.Encoding.UTF8.GetString(first), StringComparison.Ordinal);
        using var again = new TempDirectory();
        foreach (var file in Directory.GetFiles(site.Dir.Path, "*", SearchOption.AllDirectories).Where(f => !f.Contains("_site", StringComparison.Ordinal)))
        {
            again.Write(Path.GetRelativePath(site.Dir.Path, file), File.ReadAllText(file));
        }
        var result = await SiteBuilder.BuildAsync(new BuildOptions { SiteRoot = again.Path, Theme = TestSite.DefaultTheme, MaxParallelism = 1 });
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Assert.Equal(first, File.ReadAllBytes(Path.Combine(again.Path, "_site", "search", "index.json")));
    }

    [Fact]
    public void The_search_page_names_its_index_labels_its_box_and_links_the_full_list_for_readers_without_javascript()
    {
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(site.Read("search/index.html"));
        Assert.Equal("Search", page.QuerySelector("main h1")!.TextContent);
        var form = page.QuerySelector("form[role=search]")!;
        Assert.Equal("/search/index.json", form.GetAttribute("data-index"));
        // Without JavaScript the box (which could do nothing) is hidden and the message with its link shows.
        Assert.True(form.HasAttribute("hidden"));
        var fallback = page.QuerySelector("#search-fallback")!;
        Assert.False(fallback.HasAttribute("hidden"));
        Assert.Equal("/#publications", fallback.QuerySelector("a")!.GetAttribute("href"));
        var input = page.QuerySelector("input[type=search]")!;
        Assert.Contains("21 papers", page.QuerySelector($"label[for={input.Id}]")!.TextContent);
        Assert.Equal("status", page.QuerySelector("#search-status")!.GetAttribute("role"));
        Assert.Equal("OL", page.QuerySelector("#search-results")!.TagName);
        Assert.Equal("page", page.QuerySelector("nav a[href='/search/']")!.GetAttribute("aria-current"));
    }

    [Fact]
    public void Only_the_search_page_loads_minisearch_and_the_search_script()
    {
        var parser = new AngleSharp.Html.Parser.HtmlParser();
        var search = parser.ParseDocument(site.Read("search/index.html"));
        var scripts = search.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!).ToList();
        Assert.Equal(2, scripts.Count);
        Assert.Matches(@"^/assets/vendor/minisearch\.min\.[0-9a-f]{10}\.js$", scripts[0]);
        Assert.Matches(@"^/assets/search\.[0-9a-f]{10}\.js$", scripts[1]);
        Assert.All(search.QuerySelectorAll("script[src]"), s => Assert.True(s.HasAttribute("defer")));
        Assert.All(scripts, s => Assert.True(File.Exists(Path.Combine(site.Output, s.TrimStart('/'))), s));
        // The licence travels with the library and the page links it.
        var licence = search.QuerySelector(".search-credit a[href*='minisearch.LICENSE']")!.GetAttribute("href")!;
        var text = File.ReadAllText(Path.Combine(site.Output, licence.TrimStart('/')));
        Assert.Contains("Copyright 2022 Luca Ongaro", text);
        Assert.Contains("Permission is hereby granted, free of charge", text);

        var others = Directory.GetFiles(site.Output, "*.html", SearchOption.AllDirectories)
            .Where(f => Path.GetRelativePath(site.Output, f) != Path.Combine("search", "index.html")).ToList();
        Assert.True(others.Count > 50);
        foreach (var file in others)
        {
            var doc = parser.ParseDocument(File.ReadAllText(file));
            Assert.All(doc.QuerySelectorAll("script[src]"), s => Assert.DoesNotContain("search", s.GetAttribute("src")!, StringComparison.Ordinal));
            // Every page has Search in its navigation.
            Assert.NotNull(doc.QuerySelector("nav[aria-label=Main] a[href='/search/']"));
        }
    }

}

/// <summary>The search page and index of a site served under a sub-path, and of a theme without a search layout.</summary>
public class SearchSubPathTests(ScholarlySiteFixture site) : IClassFixture<ScholarlySiteFixture>
{
    [Fact]
    public void Under_a_sub_path_the_page_names_the_index_and_the_index_the_papers_with_the_base_path()
    {
        var page = site.Html("search/index.html");
        Assert.Equal("/portfolio/search/index.json", page.QuerySelector("form[role=search]")!.GetAttribute("data-index"));
        Assert.Equal("/portfolio/#publications", page.QuerySelector("#search-fallback a")!.GetAttribute("href"));
        using var json = JsonDocument.Parse(site.Read("search/index.json"));
        Assert.All(json.RootElement.GetProperty("documents").EnumerateArray(),
            d => Assert.StartsWith("/portfolio/papers/", d.GetProperty("url").GetString()));
    }

    [Fact]
    public void The_search_page_is_in_the_sitemap()
        => Assert.Contains("<loc>https://example.github.io/portfolio/search/</loc>", site.Read("sitemap.xml"));

    [Fact]
    public void A_theme_without_a_search_layout_gets_the_index_but_no_page_and_no_navigation_entry()
    {
        var layouts = new[] { "index", "paper", "coauthors", "coauthor", "topics", "topic", "404" };
        using var test = new TestSite(TestSite.SmallProfile + "-- content/site.yml --\ntheme: bare\nbase_url: https://ada.example.org/\n"
            + "-- themes/bare/theme.yml --\nname: bare\n"
            + "-- themes/bare/layouts/base.sbn --\n<!DOCTYPE html><html lang=\"en\"><head><title>{{ page.title }}</title></head><body>"
            + "<nav>{{ for n in site.nav }}<a href=\"{{ n.url }}\">{{ n.title }}</a>{{ end }}</nav><main>{{ content }}</main></body></html>\n"
            + string.Concat(layouts.Select(l => $"-- themes/bare/layouts/{l}.sbn --\n<h1>{l}</h1>\n")));
        var result = test.BuildOk(new BuildOptions { Strict = true });
        Assert.False(test.Exists("search/index.html"));
        Assert.True(test.Exists("search/index.json"));
        Assert.Equal(["Publications", "Co-authors", "Topics"], test.Html("index.html").QuerySelectorAll("nav a").Select(a => a.TextContent));
        Assert.Empty(result.Diagnostics);
    }
}
