using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using CodeHollow.FeedReader;
using Xunit;

namespace PortfolioGen.Tests.Scholarly;

/// <summary>Every tag and file of the scholarly issue, for all 21 papers of the reference profile, against the model.</summary>
public class ScholarlyMetadataTests(ScholarlySiteFixture site) : IClassFixture<ScholarlySiteFixture>
{
    private const string Base = ScholarlySiteFixture.BaseUrl;

    [Fact]
    public void The_strict_sub_path_build_succeeds() => Assert.True(site.Result.Success, string.Join("\n", site.Result.Diagnostics));

    [Fact]
    public void Every_paper_page_carries_google_scholar_tags_in_author_order()
    {
        foreach (var p in site.Profile.Papers)
        {
            var doc = site.Html($"papers/{p.Slug}/index.html");
            string[] Meta(string name) => doc.QuerySelectorAll($"meta[name='{name}']").Select(m => m.GetAttribute("content")!).ToArray();
            Assert.Equal([p.TitleMarkup.Readable], Meta("citation_title"));
            Assert.Equal(p.Authors.ToArray(), Meta("citation_author"));
            Assert.Equal([p.Date.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture)], Meta("citation_publication_date"));
            Assert.Equal([$"{Base}papers/{p.Slug}/"], Meta("citation_abstract_html_url"));
            var aoe = p.Slug == "autonomy-of-experts-models";
            Assert.Equal(aoe ? ["https://arxiv.org/pdf/2501.13074"] : [], Meta("citation_pdf_url"));
            Assert.Equal(aoe ? ["2501.13074"] : [], Meta("citation_arxiv_id"));
            Assert.Equal(aoe ? ["10.48550/arXiv.2501.13074"] : [], Meta("citation_doi"));
        }
    }

    [Fact]
    public void Every_paper_page_has_json_ld_scholarly_article()
    {
        foreach (var p in site.Profile.Papers)
        {
            var doc = site.Html($"papers/{p.Slug}/index.html");
            var scripts = doc.QuerySelectorAll("script[type='application/ld+json']");
            var script = Assert.Single(scripts);
            using var json = JsonDocument.Parse(script.TextContent);
            var a = json.RootElement;
            Assert.Equal("https://schema.org", a.GetProperty("@context").GetString());
            Assert.Equal("ScholarlyArticle", a.GetProperty("@type").GetString());
            Assert.Equal(p.TitleMarkup.Readable, a.GetProperty("headline").GetString());
            Assert.Equal(p.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), a.GetProperty("datePublished").GetString());
            Assert.Equal(p.Category.Name, a.GetProperty("about").GetProperty("name").GetString());
            Assert.Equal(p.Category.Code, a.GetProperty("about").GetProperty("identifier").GetString());
            Assert.Equal(p.Category.Name, a.GetProperty("genre").GetString());
            Assert.Equal(p.Abstract!.Text, a.GetProperty("abstract").GetString());
            Assert.True(a.GetProperty("isAccessibleForFree").GetBoolean());
            var authors = a.GetProperty("author").EnumerateArray().ToList();
            Assert.Equal(p.Authors.ToArray(), authors.Select(x => x.GetProperty("name").GetString()).ToArray());
            foreach (var (author, element) in p.Authors.Zip(authors))
            {
                Assert.Equal("Person", element.GetProperty("@type").GetString());
                var expected = site.Profile.IsOwner(author) ? Base : $"{Base}coauthors/{site.Profile.CoAuthors.Single(c => c.Name == author).Slug}/";
                Assert.Equal(expected, element.GetProperty("url").GetString());
                // The owner is the home page's Person, by its id: the article and the profile are one graph.
                if (site.Profile.IsOwner(author)) Assert.Equal(Base + "#person", element.GetProperty("@id").GetString());
                else Assert.False(element.TryGetProperty("@id", out _));
            }
        }
        using var aoe = JsonDocument.Parse(site.Html("papers/autonomy-of-experts-models/index.html").QuerySelector("script[type='application/ld+json']")!.TextContent);
        // sameAs names pages that identify the article itself; its code is another work, a part of it (schema.org's
        // SoftwareSourceCode), and its venue a publication event (isPartOf wants a creative work).
        Assert.Equal(["https://arxiv.org/abs/2501.13074", "https://doi.org/10.48550/arXiv.2501.13074"],
            aoe.RootElement.GetProperty("sameAs").EnumerateArray().Select(e => e.GetString()));
        var code = aoe.RootElement.GetProperty("hasPart");
        Assert.Equal("SoftwareSourceCode", code.GetProperty("@type").GetString());
        Assert.Equal("https://github.com/example/aoe", code.GetProperty("codeRepository").GetString());
        Assert.Equal("PublicationEvent", aoe.RootElement.GetProperty("publication").GetProperty("@type").GetString());
        Assert.Equal("ICML 2025", aoe.RootElement.GetProperty("publication").GetProperty("name").GetString());
        Assert.False(aoe.RootElement.TryGetProperty("isPartOf", out _));
    }

    [Fact]
    public void Json_ld_cannot_close_its_script_element()
    {
        var html = site.Read("papers/language-models-grok-to-copy/index.html");
        var start = html.IndexOf("<script type=\"application/ld+json\">", StringComparison.Ordinal);
        var body = html[start..html.IndexOf("</script>", start, StringComparison.Ordinal)];
        Assert.DoesNotContain("<", body[1..]);
        Assert.Contains("Grok", body);
    }

    [Fact]
    public void Every_paper_page_has_social_tags_a_canonical_url_a_description_and_a_markdown_alternate()
    {
        foreach (var p in site.Profile.Papers)
        {
            var doc = site.Html($"papers/{p.Slug}/index.html");
            var url = $"{Base}papers/{p.Slug}/";
            string? Prop(string property) => doc.QuerySelector($"meta[property='{property}']")?.GetAttribute("content");
            string? Name(string name) => doc.QuerySelector($"meta[name='{name}']")?.GetAttribute("content");
            Assert.Equal(url, doc.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
            Assert.Equal("article", Prop("og:type"));
            Assert.Equal(p.TitleMarkup.Readable, Prop("og:title"));
            Assert.Equal(url, Prop("og:url"));
            Assert.Equal("Ang Lv", Prop("og:site_name"));
            Assert.Equal(p.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Prop("article:published_time"));
            Assert.Equal("summary_large_image", Name("twitter:card"));
            Assert.Equal(p.TitleMarkup.Readable, Name("twitter:title"));
            var description = Name("description")!;
            Assert.Equal(description, Prop("og:description"));
            Assert.Equal(description, Name("twitter:description"));
            Assert.InRange(description.Length, 60, 161);
            Assert.EndsWith("…", description);
            Assert.StartsWith(description[..^1], p.Abstract!.Text);
            Assert.NotEqual(' ', description[^2]);
            // Cut at a word: the character after the cut in the abstract is a space or punctuation.
            Assert.False(char.IsLetterOrDigit(p.Abstract.Text[description.Length - 1]));
            var alternate = doc.QuerySelector("link[rel=alternate][type='text/markdown']")!;
            Assert.Equal($"/portfolio/papers/{p.Slug}/index.md", alternate.GetAttribute("href"));
            Assert.True(site.Exists($"papers/{p.Slug}/index.md"));
        }
    }

    [Fact]
    public void The_not_found_page_asks_not_to_be_indexed_and_names_no_url_of_its_own()
    {
        // It is served at every missing address: a canonical URL or og:url of /404.html would be wrong for all of them.
        var doc = site.Html("404.html");
        Assert.Null(doc.QuerySelector("link[rel=canonical]"));
        Assert.Null(doc.QuerySelector("meta[property='og:url']"));
        Assert.Equal("noindex", doc.QuerySelector("meta[name=robots]")?.GetAttribute("content"));
        Assert.Null(site.Html("index.html").QuerySelector("meta[name=robots]"));
    }

    [Fact]
    public void The_home_page_has_person_and_website_json_ld_and_social_tags()
    {
        var doc = site.Html("index.html");
        using var json = JsonDocument.Parse(doc.QuerySelector("script[type='application/ld+json']")!.TextContent);
        var graph = json.RootElement.GetProperty("@graph").EnumerateArray().ToList();
        var person = graph.Single(g => g.GetProperty("@type").GetString() == "Person");
        Assert.Equal("Ang Lv", person.GetProperty("name").GetString());
        Assert.Equal(Base, person.GetProperty("url").GetString());
        Assert.Equal(["https://orcid.org/0000-0002-1825-0097", "https://github.com/angl"], person.GetProperty("sameAs").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["Computation and Language", "Machine Learning", "Sound", "Artificial Intelligence"], person.GetProperty("knowsAbout").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("Example University", person.GetProperty("affiliation").GetProperty("name").GetString());
        var website = graph.Single(g => g.GetProperty("@type").GetString() == "WebSite");
        Assert.Equal(Base, website.GetProperty("url").GetString());
        Assert.Equal(Base + "#person", website.GetProperty("author").GetProperty("@id").GetString());
        // The home page is the owner's profile page (Google's ProfilePage: a page whose main entity is a person).
        var profile = graph.Single(g => g.GetProperty("@type").GetString() == "ProfilePage");
        Assert.Equal(Base, profile.GetProperty("@id").GetString());
        Assert.Equal(Base, profile.GetProperty("url").GetString());
        Assert.Equal(Base + "#person", profile.GetProperty("mainEntity").GetProperty("@id").GetString());
        Assert.Equal(Base + "#website", profile.GetProperty("isPartOf").GetProperty("@id").GetString());
        Assert.Equal(doc.Title, profile.GetProperty("name").GetString());
        Assert.Equal(Base, doc.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal(Base, doc.QuerySelector("meta[property='og:url']")!.GetAttribute("content"));
        Assert.NotNull(doc.QuerySelector("meta[name='twitter:card']"));
        Assert.Equal("/portfolio/feed.xml", doc.QuerySelector("link[rel=alternate][type='application/atom+xml']")!.GetAttribute("href"));
    }

    [Fact]
    public void The_atom_feed_reads_back_with_21_entries_newest_first()
    {
        var feed = FeedReader.ReadFromString(site.Read("feed.xml"));
        Assert.Equal(FeedType.Atom, feed.Type);
        Assert.Equal("Ang Lv", feed.Title);
        Assert.Equal(21, feed.Items.Count);
        var expected = site.Profile.Papers.OrderByDescending(p => p.Date).ThenBy(p => p.Slug, StringComparer.Ordinal).ToList();
        for (var i = 0; i < 21; i++)
        {
            var item = feed.Items[i];
            var p = expected[i];
            Assert.Equal(p.TitleMarkup.Readable, item.Title);
            Assert.Equal($"{Base}papers/{p.Slug}/", item.Link);
            Assert.Equal(p.Abstract!.Text, item.Description);
            Assert.Equal(p.Date.ToDateTime(TimeOnly.MinValue), item.PublishingDate!.Value.ToUniversalTime().Date);
            var atom = (CodeHollow.FeedReader.Feeds.AtomFeedItem)item.SpecificItem;
            Assert.Equal(p.Authors.ToArray(), atom.Element.Elements(XName.Get("author", "http://www.w3.org/2005/Atom"))
                .Select(a => a.Element(XName.Get("name", "http://www.w3.org/2005/Atom"))!.Value).ToArray());
        }
        // The feed's date is the newest paper's, not the time of the build.
        Assert.Contains("<updated>2025-12-29T00:00:00Z</updated>", site.Read("feed.xml"));
    }

    [Fact]
    public void The_sitemap_lists_every_page_once_with_absolute_urls_and_paper_dates()
    {
        var xml = XDocument.Parse(site.Read("sitemap.xml"));
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        Assert.Equal(ns + "urlset", xml.Root!.Name);
        var urls = xml.Root.Elements(ns + "url").ToList();
        var locs = urls.Select(u => u.Element(ns + "loc")!.Value).ToList();
        Assert.Equal(locs.Count, locs.Distinct().Count());
        var pages = Directory.GetFiles(site.Output, "*.html", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(site.Output, f).Replace('\\', '/'))
            .Where(f => f != "404.html")
            .Select(f => Base + (f == "index.html" ? "" : f[..^"index.html".Length]))
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(pages, locs.Order(StringComparer.Ordinal).ToList());
        foreach (var p in site.Profile.Papers)
        {
            var entry = urls.Single(u => u.Element(ns + "loc")!.Value == $"{Base}papers/{p.Slug}/");
            Assert.Equal(p.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), entry.Element(ns + "lastmod")!.Value);
        }
        Assert.Equal("User-agent: *\nAllow: /\n\nSitemap: https://example.github.io/portfolio/sitemap.xml\n", site.Read("robots.txt"));
    }

    [Fact]
    public void Llms_txt_lists_the_owner_then_every_paper_with_its_markdown_url()
    {
        var lines = site.Read("llms.txt").Split('\n');
        Assert.Equal("# Ang Lv", lines[0]);
        Assert.StartsWith("> ", lines[2]);
        var entries = lines.Where(l => l.StartsWith("- [", StringComparison.Ordinal) && l.Contains("/index.md)", StringComparison.Ordinal)).ToList();
        Assert.Equal(21, entries.Count);
        foreach (var p in site.Profile.Papers)
        {
            var line = Assert.Single(entries, e => e.Contains($"({Base}papers/{p.Slug}/index.md)", StringComparison.Ordinal));
            Assert.StartsWith($"- [{p.TitleMarkup.Readable}]", line);
            // A one-line summary: the abstract's first sentence (shortened at a word when very long).
            Assert.Contains(p.Abstract!.Text[..60], line);
            Assert.True(line.Length < 600, line);
        }
    }

    [Fact]
    public void Every_internal_link_of_the_sub_path_build_resolves()
    {
        var parser = new AngleSharp.Html.Parser.HtmlParser();
        var count = 0;
        foreach (var page in Directory.GetFiles(site.Output, "*.html", SearchOption.AllDirectories))
        {
            using var doc = parser.ParseDocument(File.ReadAllText(page));
            foreach (var element in doc.QuerySelectorAll("a[href], link[href], script[src]"))
            {
                var href = element.GetAttribute("href") ?? element.GetAttribute("src")!;
                if (href.StartsWith("https://", StringComparison.Ordinal) && !href.StartsWith(Base, StringComparison.Ordinal)) continue;
                if (href.StartsWith("mailto:", StringComparison.Ordinal) || href.StartsWith('#')) continue;
                var path = href.StartsWith(Base, StringComparison.Ordinal) ? "/portfolio/" + href[Base.Length..] : href;
                Assert.True(path.StartsWith("/portfolio/", StringComparison.Ordinal), $"{page}: {href} is not under the sub-path");
                var local = path["/portfolio/".Length..].Split('#')[0];
                var file = Path.Combine(site.Output, local);
                if (local.Length == 0 || local.EndsWith('/')) file = Path.Combine(file, "index.html");
                Assert.True(File.Exists(file), $"{Path.GetRelativePath(site.Output, page)}: {href}");
                count++;
            }
        }
        Assert.True(count > 1000, count.ToString(CultureInfo.InvariantCulture));
    }
}

public class CitationFileTests(ScholarlySiteFixture site) : IClassFixture<ScholarlySiteFixture>
{
    [Fact]
    public void Every_paper_has_its_three_citation_files_matching_the_model_and_the_page()
    {
        var keys = new HashSet<string>();
        foreach (var p in site.Profile.Papers)
        {
            var bib = site.Read($"papers/{p.Slug}/cite.bib");
            var key = System.Text.RegularExpressions.Regex.Match(bib, @"^@(misc|inproceedings)\{([a-z0-9]+),\n").Groups[2].Value;
            Assert.True(keys.Add(key), $"duplicate or missing key in {p.Slug}: {bib[..40]}");
            Assert.Contains($"  year      = {{{p.Date.Year}}},", bib);
            Assert.Contains($"  url       = {{{ScholarlySiteFixture.BaseUrl}papers/{p.Slug}/}},", bib);
            Assert.EndsWith(" and others},", bib.Split('\n').Single(l => l.StartsWith("  author", StringComparison.Ordinal)));
            Assert.Equal(0, bib.Count(c => c == '{') - bib.Count(c => c == '}'));
            // The page shows the same BibTeX, escaped, in a <pre> that needs no script.
            var page = site.Html($"papers/{p.Slug}/index.html");
            Assert.Equal(bib, page.QuerySelector("section.cite pre")!.TextContent);
            Assert.Equal($"/portfolio/papers/{p.Slug}/cite.bib", page.QuerySelector("section.cite a[href$='cite.bib']")!.GetAttribute("href"));

            var ris = site.Read($"papers/{p.Slug}/cite.ris");
            Assert.StartsWith("TY  - ", ris);
            Assert.EndsWith("ER  - \r\n", ris);
            Assert.Equal(p.Authors.Select(a => "AU  - ").Count(), ris.Split("\r\n").Count(l => l.StartsWith("AU  - ", StringComparison.Ordinal)));
            Assert.Contains($"DA  - {p.Date:yyyy'/'MM'/'dd}/\r\n", ris);

            using var csl = JsonDocument.Parse(site.Read($"papers/{p.Slug}/cite.json"));
            var item = Assert.Single(csl.RootElement.EnumerateArray());
            Assert.Equal(key, item.GetProperty("id").GetString());
            Assert.Equal(p.TitleMarkup.Readable, item.GetProperty("title").GetString());
            Assert.Equal([p.Date.Year, p.Date.Month, p.Date.Day], item.GetProperty("issued").GetProperty("date-parts")[0].EnumerateArray().Select(e => e.GetInt32()));
        }
        Assert.Contains("lv2022recreation", keys);
    }

    [Fact]
    public void The_whole_site_files_hold_every_paper_newest_first_and_are_linked_from_the_home_page()
    {
        var bib = site.Read("publications.bib");
        Assert.Equal(21, System.Text.RegularExpressions.Regex.Count(bib, @"^@(misc|inproceedings)\{", System.Text.RegularExpressions.RegexOptions.Multiline));
        Assert.StartsWith("@misc{lv2025coupling,", bib);
        var ris = site.Read("publications.ris");
        Assert.Equal(21, System.Text.RegularExpressions.Regex.Count(ris, "^TY  - ", System.Text.RegularExpressions.RegexOptions.Multiline));
        using var csl = JsonDocument.Parse(site.Read("publications.json"));
        Assert.Equal(21, csl.RootElement.GetArrayLength());
        // Byte for byte the bibliography CslJson writes from the papers' items, in the order of the .bib file.
        var order = System.Text.RegularExpressions.Regex.Matches(bib, @"^@\w+\{([^,]+),", System.Text.RegularExpressions.RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        var items = site.Profile.Papers.Select(p => site.Read($"papers/{p.Slug}/cite.json"))
            .ToDictionary(f => JsonDocument.Parse(f).RootElement[0].GetProperty("id").GetString()!, f => f[4..^3].Replace("\n  ", "\n", StringComparison.Ordinal));
        Assert.Equal(CslJsonWrapTests.WrapArray(order.Select(k => items[k])), site.Read("publications.json"));
        var home = site.Html("index.html");
        Assert.Equal(["/portfolio/publications.bib", "/portfolio/publications.ris", "/portfolio/publications.json", "/portfolio/feed.xml"],
            home.QuerySelectorAll(".publications .downloads a").Select(a => a.GetAttribute("href")));
        // The paper with a venue and an arXiv id is cited as a conference paper with its eprint.
        var aoe = site.Read("papers/autonomy-of-experts-models/cite.bib");
        Assert.StartsWith("@inproceedings{lv2025autonomyofexperts,", aoe);
        Assert.Contains("  booktitle = {ICML 2025},", aoe);
        Assert.Contains("  eprint    = {2501.13074},", aoe);
        Assert.Contains("  doi       = {10.48550/arXiv.2501.13074},", aoe);
    }
}

/// <summary>A subject the profile gives that is not in arXiv's taxonomy (kept as written, with warning PG0003).</summary>
public class UnknownCategoryTests
{
    [Fact]
    public void The_feed_puts_an_unknown_subject_in_no_arxiv_scheme()
    {
        // "<category term="QX" scheme="https://arxiv.org/archive/QX"/>" said the term was one of arXiv's, at an archive
        // address that does not exist; an Atom scheme names the vocabulary a term is from (RFC 4287, 4.2.2.2).
        using var site = new PortfolioGen.Tests.Site.TestSite(PortfolioGen.Tests.Site.TestSite.SmallProfile
            .Replace("CLJan 10, 2023", "QXJan 10, 2023", StringComparison.Ordinal) + PortfolioGen.Tests.Site.BuildIntegrationTests.DefaultSettings);
        site.Build();
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var categories = XDocument.Parse(site.Read("feed.xml")).Root!.Elements(atom + "entry")
            .Select(e => e.Element(atom + "category")!).DistinctBy(c => c.Attribute("term")!.Value).ToDictionary(c => c.Attribute("term")!.Value, c => c.Attribute("scheme")?.Value);
        Assert.Equal("https://arxiv.org/archive/cs", categories["cs.LG"]);
        Assert.Null(categories["QX"]);
    }
}
