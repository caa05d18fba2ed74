using System.Globalization;
using PortfolioGen.Output;
using PortfolioGen.Site;
using Xunit;

namespace PortfolioGen.Tests.Site;

/// <summary>Small sites built end to end, asserted by substrings and queries (Hugo's integration-test manner).</summary>
public class BuildIntegrationTests
{
    internal const string DefaultSettings = """
-- content/site.yml --
title: Ada's Research
base_url: https://ada.example.org/
""";

    [Fact]
    public void A_profile_alone_builds_a_complete_site()
    {
        using var site = new TestSite(TestSite.SmallProfile);
        var result = site.BuildOk();
        foreach (var page in new[]
        {
            "index.html", "404.html", "coauthors/index.html", "coauthors/bo-li/index.html", "coauthors/chen-wei/index.html",
            "topics/index.html", "topics/cs-lg/index.html", "topics/cs-cl/index.html",
            "papers/learning-things-quickly/index.html", "papers/learning-things-quickly/index.md",
            "papers/talking-about-things/index.html", "papers/alone-again/index.html",
            "search/index.html", "search/index.json",
        })
        {
            Assert.True(site.Exists(page), page + " missing");
        }
        Assert.Equal(12, result.Pages);
        // Without a base URL the build says so, and writes no absolute URLs.
        Assert.Contains(result.Diagnostics, d => d.Code == DiagnosticCodes.SettingsMissingBaseUrl);
        site.AssertFileLacks("index.html", "rel=\"canonical\"");
        var home = site.Html("index.html");
        Assert.Equal("Ada Researcher", home.QuerySelector("h1")!.TextContent);
        Assert.Equal(["2024", "2023"], home.QuerySelectorAll(".year-heading").Select(h => h.TextContent.Split(' ')[0]));
        // The owner is highlighted, co-authors are linked, et al. is kept.
        var first = home.QuerySelector(".paper-item")!;
        Assert.Equal("Ada Researcher", first.QuerySelector(".owner")!.TextContent);
        Assert.Equal("/coauthors/bo-li/", first.QuerySelector(".authors a")!.GetAttribute("href"));
        Assert.Contains("et al.", first.QuerySelector(".authors")!.TextContent);
        Assert.NotNull(first.QuerySelector(".badge.code"));
    }

    [Fact]
    public void A_researcher_who_writes_alone_gets_no_empty_co_author_table()
    {
        // A mathematician's single-author papers: the page said "has written papers with 0 people" above an empty table.
        using var site = new TestSite("""
-- seeds/solo.txt --
Solo Person

math.NTJan 1, 2020
Only Paper

Solo Person

An abstract.

math.AGJan 1, 2021
Another Paper

Solo Person et al.
""");
        site.BuildOk();
        using var doc = site.Html("coauthors/index.html");
        Assert.Empty(doc.QuerySelectorAll("table"));
        Assert.Equal("No co-authors are named on Solo Person's papers.", doc.QuerySelector("main .lede")!.TextContent);
    }

    [Fact]
    public void A_collaboration_in_the_json_ld_is_an_organization_not_a_person()
    {
        using var site = new TestSite("""
-- seeds/hep.txt --
Francesca Moretti

hep-exJul 4, 2012
Observation of a new boson

Francesca Moretti, ATLAS Collaboration, Marco Rossi
""");
        site.BuildOk();
        using var doc = site.Html("papers/observation-of-a-new-boson/index.html");
        using var json = System.Text.Json.JsonDocument.Parse(doc.QuerySelector("script[type='application/ld+json']")!.TextContent);
        Assert.Equal(
            ["Person", "Organization", "Person"],
            json.RootElement.GetProperty("author").EnumerateArray().Select(a => a.GetProperty("@type").GetString()));
    }

    [Fact]
    public void Settings_set_title_base_url_and_owner_links()
    {
        using var site = new TestSite(TestSite.SmallProfile + """
-- content/site.yml --
title: Ada's Research
description: Learning and talking.
base_url: https://ada.example.org/
owner:
  affiliation: Example University
  links:
    email: ada@example.org
    github: ada
    orcid: 0000-0002-1825-0097
""");
        var result = site.BuildOk(new BuildOptions { Strict = true });
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity != DiagnosticSeverity.Info);
        var home = site.Html("index.html");
        Assert.Equal("Ada's Research", home.Title);
        Assert.Equal("https://ada.example.org/", home.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal("Learning and talking.", home.QuerySelector("meta[name=description]")!.GetAttribute("content"));
        Assert.Equal(["mailto:ada@example.org", "https://orcid.org/0000-0002-1825-0097", "https://github.com/ada"],
            home.QuerySelectorAll(".owner-links a").Select(a => a.GetAttribute("href")));
        site.AssertFileContains("index.html", "Example University");
    }

    // A homepage under a name no co-author has was dropped without a word ("Jose Mueller" for "José Müller" among them).
    [Fact]
    public void A_coauthor_homepage_for_no_coauthor_is_a_warning_at_its_line_with_the_nearest_name()
    {
        using var site = new TestSite(TestSite.SmallProfile.Replace("Chen Wei", "José Müller", StringComparison.Ordinal) + """
-- content/site.yml --
base_url: https://ada.example.org/
coauthors:
  Bo Li: https://bo.example.org/
  Nobody Atall: https://nobody.example.org/
  Jose Mueller: https://jose.example.org/
  li bo: https://li.example.org/
""");
        var result = site.BuildOk();
        var shown = string.Join("\n", result.Diagnostics);
        Assert.Contains("content/site.yml(4,3): warning PG0207: 'coauthors' names 'Nobody Atall', who is no co-author of any paper, so this homepage is not used; 'portfoliogen parse' lists the co-authors", shown);
        Assert.Contains("content/site.yml(5,3): warning PG0207: 'coauthors' names 'Jose Mueller', who is no co-author of any paper, so this homepage is not used; did you mean 'José Müller'?", shown);
        Assert.Contains("content/site.yml(6,3): warning PG0207: 'coauthors' names 'li bo', who is no co-author of any paper, so this homepage is not used; did you mean 'Bo Li'?", shown);
        Assert.DoesNotContain("'Bo Li', who", shown);
        Assert.Equal(3, result.Diagnostics.Count(d => d.Code == "PG0207"));
        site.AssertFileContains("coauthors/bo-li/index.html", "https://bo.example.org/");
    }

    // cs.LG and stat.ML are both "Machine Learning": the home page's chips read "Machine Learning 2" and "Machine Learning
    // 1", and both topic pages had the same title and heading. Named alike, each is named with its code too.
    [Fact]
    public void Two_topics_with_the_same_name_are_told_apart_by_their_codes()
    {
        using var site = new TestSite(TestSite.SmallProfile.Replace("CLJan 10, 2023", "MLJan 10, 2023", StringComparison.Ordinal) + DefaultSettings);
        site.BuildOk();
        var home = site.Html("index.html");
        Assert.Equal(["Machine Learning (cs.LG) 2", "Machine Learning (stat.ML) 1"],
            home.QuerySelectorAll(".topics-summary li a").Select(a => a.TextContent.Trim()).Order(StringComparer.Ordinal));
        foreach (var (slug, name) in new[] { ("cs-lg", "Machine Learning (cs.LG)"), ("stat-ml", "Machine Learning (stat.ML)") })
        {
            var topic = site.Html($"topics/{slug}/index.html");
            Assert.StartsWith(name + " · ", topic.Title);
            Assert.Equal(name, topic.QuerySelector("h1")!.TextContent);
        }
        site.AssertFileContains("search/index.json", "\"category_name\":\"Machine Learning (stat.ML)\"", "\"category_name\":\"Machine Learning (cs.LG)\"");
        // Where the code is shown beside the name already, the name is arXiv's alone.
        Assert.Equal(["Machine Learning", "Machine Learning"], site.Html("topics/index.html").QuerySelectorAll(".topic-list li > a").Select(a => a.TextContent));
        Assert.Equal("Machine Learning", site.Html("papers/talking-about-things/index.html").QuerySelector(".badge.category + span")!.TextContent);

        // A site with one of them keeps the name as arXiv gives it.
        using var alone = new TestSite(TestSite.SmallProfile + DefaultSettings);
        alone.BuildOk();
        Assert.Equal("Machine Learning", alone.Html("topics/cs-lg/index.html").QuerySelector("h1")!.TextContent);
        alone.AssertFileLacks("search/index.json", "(cs.LG)");
    }

    // "search/index.html: error PG0205: 'search/index.html' would be written twice: by this and by content/search.md":
    // "this" was the site's search page, and the error stood at a path the user has no file at.
    [Fact]
    public void A_page_written_where_the_site_puts_its_own_is_an_error_at_the_users_file_naming_both()
    {
        using var site = new TestSite(TestSite.SmallProfile + DefaultSettings + """
-- content/search.md --
---
title: Find
---
Hello.
-- content/topics/cs-lg.md --
---
title: Mine
---
Hello.
""");
        var result = site.Build();
        Assert.False(result.Success);
        var shown = string.Join("\n", result.Diagnostics);
        Assert.Contains("content/search.md: error PG0205: 'search/index.html' would be written twice: by content/search.md and by the site's search page", shown);
        Assert.Contains("content/topics/cs-lg.md: error PG0205: 'topics/cs-lg/index.html' would be written twice: by content/topics/cs-lg.md and by the site's topic pages", shown);
        Assert.DoesNotContain("by this", shown);
    }

    // On a sub-path site the paper's page linked /homepage/papers/x/ and its index.md kept /papers/x/, which leads nowhere.
    [Fact]
    public void The_notes_in_a_papers_markdown_link_where_its_page_does()
    {
        using var site = new TestSite(TestSite.SmallProfile + """
-- content/site.yml --
base_url: https://ada.example.org/homepage/
-- content/papers/learning-things-quickly.md --
---
venue: ICML 2024
---
See [the other paper](/papers/talking-about-things/), ![a chart](/chart.png "Chart"),
[Bo][bo], [an address](</topics/>), [ours already](/homepage/topics/cs-lg/), [elsewhere](https://example.org/a/)
and `[code](/not/a/link/)`.

[bo]: /coauthors/bo-li/
-- content/chart.png --
png
""");
        site.BuildOk();
        var hrefs = site.Html("papers/learning-things-quickly/index.html").QuerySelectorAll("section.notes a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/homepage/papers/talking-about-things/", "/homepage/coauthors/bo-li/", "/homepage/topics/", "/homepage/topics/cs-lg/", "https://example.org/a/"], hrefs);
        var md = site.Read("papers/learning-things-quickly/index.md");
        Assert.Contains("""
See [the other paper](/homepage/papers/talking-about-things/), ![a chart](/homepage/chart.png "Chart"),
[Bo][bo], [an address](</homepage/topics/>), [ours already](/homepage/topics/cs-lg/), [elsewhere](https://example.org/a/)
and `[code](/not/a/link/)`.

[bo]: /homepage/coauthors/bo-li/
""", md);
    }

    // content/about/index.md became about/index/; a folder's index.md is the folder's page, as in Hugo and Jekyll.
    [Fact]
    public void A_folders_index_md_is_the_folders_page()
    {
        using var site = new TestSite(TestSite.SmallProfile + DefaultSettings + """
-- content/about/index.md --
---
nav_order: 1
---
Hello, see ![me](me.png).
-- content/about/me.png --
png
-- content/teaching/2025/index.md --
Teaching.
""");
        site.BuildOk();
        Assert.False(site.Exists("about/index/index.html"));
        var about = site.Html("about/index.html");
        Assert.StartsWith("About · ", about.Title);
        Assert.Equal("me.png", about.QuerySelector("main img, article img")!.GetAttribute("src"));
        Assert.True(site.Exists("about/me.png"));
        Assert.StartsWith("2025 · ", site.Html("teaching/2025/index.html").Title);
        Assert.Contains(site.Html("index.html").QuerySelectorAll("nav a"), a => a.GetAttribute("href") == "/about/");

        // Both about.md and about/index.md: one place, two pages.
        site.Write("-- content/about.md --\nAbout, again.\n");
        var result = site.Build();
        Assert.False(result.Success);
        Assert.Contains("error PG0205: 'about/index.html' would be written twice: by content/about", string.Join("\n", result.Diagnostics));
    }

    // "# Research" in a page gave it a second <h1> under the layout's title, without a word. Themes render what they
    // are given (Hugo's and Jekyll's do too), so the page keeps it, and the build says where it is and what to write.
    [Fact]
    public void A_level_1_heading_in_a_page_or_notes_is_a_warning_at_its_line()
    {
        using var site = new TestSite(TestSite.SmallProfile + DefaultSettings + """
-- content/about.md --
---
title: About
---
Intro.

# Research

Text.

Also
====

## Fine
```
# not a heading
```
-- content/papers/alone-again.md --
---
venue: X
---
Notes.

# Big
-- content/index.md --
# Hello
""");
        var result = site.BuildOk();
        var shown = string.Join("\n", result.Diagnostics);
        Assert.Contains("content/about.md(6,1): warning PG0208: a level-1 heading: the layout shows the page's title (front matter 'title') as its heading, so this is a second one; use '## …' for sections", shown);
        Assert.Contains("content/about.md(10,1): warning PG0208", shown);
        Assert.Contains("content/papers/alone-again.md(6,1): warning PG0208: a level-1 heading: the paper's page shows its title as its heading, so this is a second one; use '### …' within the notes", shown);
        Assert.Contains("content/index.md(1,1): warning PG0208: a level-1 heading: the home page shows the owner's name", shown);
        Assert.Equal(4, result.Diagnostics.Count(d => d.Code == "PG0208"));
        Assert.Equal(3, site.Html("about/index.html").QuerySelectorAll("h1").Length);
    }

    [Fact]
    public void Settings_problems_are_reported_with_their_lines()
    {
        using var site = new TestSite(TestSite.SmallProfile + """
-- content/site.yml --
title: Fine
colour: blue
owner:
  aliases: [A. Researcher]
  links:
    github: ada
    myspace: ada
featured: nope
language: 42 is not a language
markdown:
  raw_html: sometimes
""");
        var result = site.Build();
        var shown = result.Diagnostics.Select(d => d.ToString()).ToList();
        Assert.Contains(shown, s => s.StartsWith("content/site.yml(2,1): warning PG0101: unknown key 'colour'", StringComparison.Ordinal));
        Assert.Contains(shown, s => s.StartsWith("content/site.yml(7,5): warning PG0101: unknown key 'owner.links.myspace'", StringComparison.Ordinal));
        Assert.Contains(shown, s => s.StartsWith("content/site.yml(9,11): error PG0103: 'language' must be a language tag", StringComparison.Ordinal));
        Assert.Contains(shown, s => s.StartsWith("content/site.yml(11,13): error PG0102: 'markdown.raw_html' must be true or false", StringComparison.Ordinal));
        Assert.False(result.Success);
        Assert.False(Directory.Exists(site.Output("")));
    }

    // The address a browser shows on the home page: every link would go under /homepage/index.html/.
    [Theory]
    [InlineData("https://ada.github.io/homepage/index.html", "https://ada.github.io/homepage/")]
    [InlineData("https://cs.example.edu/~ada/INDEX.HTM", "https://cs.example.edu/~ada/")]
    [InlineData("https://ada.example.org/index.html", "https://ada.example.org/")]
    public void A_base_url_that_names_the_home_page_rather_than_its_folder_is_an_error_at_its_line(string baseUrl, string folder)
    {
        using var site = new TestSite(TestSite.SmallProfile + $"-- content/site.yml --\ntitle: Fine\nbase_url: {baseUrl}\n");
        var result = site.Build();
        var shown = result.Diagnostics.Select(d => d.ToString()).ToList();
        Assert.Contains($"content/site.yml(2,11): error PG0103: 'base_url' must be the folder the site is served from, not its home page: {folder} (got '{baseUrl}')", shown);
        Assert.False(result.Success);
        Assert.False(Directory.Exists(site.Output("")));
    }

    [Fact]
    public void A_theme_site_yml_names_that_is_not_found_is_reported_at_its_line()
    {
        using var site = new TestSite(TestSite.SmallProfile + "-- content/site.yml --\ntitle: Fine\ntheme: nosuch\n");
        var result = site.Build();
        var d = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.StartsWith("content/site.yml(2,8): error PG0304: the theme 'nosuch' was not found", d.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(site.Output("")));
    }

    [Theory]
    [InlineData("title: Ada\nowner:\n  tagline: [unclosed\n", 3)]
    [InlineData("title: Ada\nowner:\n  affiliation: Somewhere\n  tagline: {unclosed: 1\nlanguage: en\n", 4)]
    public void An_unclosed_flow_list_inside_a_mapping_is_a_syntax_error_at_its_line_and_no_base_url_warning(string settings, int line)
    {
        // YamlDotNet's scanner throws InvalidOperationException here, not a YamlException with a position.
        using var site = new TestSite(TestSite.SmallProfile + "-- content/site.yml --\n" + settings);
        var result = site.Build();
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.SettingsSyntax, d.Code);
        Assert.Equal(("content/site.yml", line), (d.File, d.Line));
        Assert.Contains("not closed", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("title: Ada [draft\nlanguage: en\nowner:\n  tagline: x\n affiliation: bad indent\n", 5, "")]
    [InlineData("title: Ada [draft\nfeatured: *nope\n", 2, "the anchor 'nope' is not defined")]
    public void A_bracket_in_plain_text_is_not_taken_for_an_unclosed_list_when_the_error_is_elsewhere(string settings, int line, string says)
    {
        using var site = new TestSite(TestSite.SmallProfile + "-- content/site.yml --\n" + settings);
        var d = Assert.Single(site.Build().Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal((DiagnosticCodes.SettingsSyntax, line), (d.Code, d.Line));
        Assert.DoesNotContain("is not closed", d.Message, StringComparison.Ordinal);
        Assert.Contains(says, d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_staging_folder_a_killed_build_left_is_removed_and_does_not_stop_the_next_build()
    {
        using var site = new TestSite(TestSite.SmallProfile);
        site.BuildOk();
        var leftover = site.Output(".portfoliogen-staging/.portfoliogen-released/1-1");
        Directory.CreateDirectory(Path.GetDirectoryName(leftover)!);
        File.WriteAllText(leftover, "old page");
        // Gone as soon as the next build opens the folder (before, it stayed, and was published with the site until a
        // build that wrote something removed it; a name in it could also stop that build).
        _ = new OutputFolder(site.Output(""));
        Assert.False(Directory.Exists(site.Output(".portfoliogen-staging")));
        site.Write("-- content/about.md --\n---\ntitle: About\n---\nHello.\n");
        site.BuildOk();
    }

    [Fact]
    public void A_yaml_syntax_error_names_its_position()
    {
        using var site = new TestSite(TestSite.SmallProfile + "-- content/site.yml --\ntitle: [unclosed\n");
        var result = site.Build();
        var d = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("content/site.yml", d.File);
        Assert.Equal(DiagnosticCodes.SettingsSyntax, d.Code);
        Assert.True(d.Line >= 1);
    }

    [Fact]
    public void An_undefined_yaml_anchor_is_reported_at_the_alias()
    {
        using var site = new TestSite(TestSite.SmallProfile + "-- content/site.yml --\nlanguage: en\ntheme: default\nowner:\n  affiliation: &lab Lab\ntitle: *nope\n"
            + "-- content/about.md --\n---\ntitle: About\ndescription: *gone\n---\nAbout me.\n");
        var result = site.Build();
        Assert.Equal(["content/site.yml(5,8): error PG0104: YAML syntax: the anchor 'nope' is not defined (an alias *nope must follow its &nope)"],
            result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));
        site.Write("-- content/site.yml --\ntitle: Fine\n");
        result = site.Build();
        Assert.Equal(["content/about.md(3,14): error PG0201: YAML syntax: the anchor 'gone' is not defined (an alias *gone must follow its &gone)"],
            result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));
    }

    [Fact]
    public void Per_paper_additions_add_links_venue_tags_featured_and_notes()
    {
        using var site = new TestSite(TestSite.SmallProfile + DefaultSettings + """
-- content/papers/learning-things-quickly.md --
---
venue: ICML 2024
featured: true
tags: [speed, learning]
links:
  pdf: https://ada.example.org/quick.pdf
  arxiv: 2403.01234
  doi: https://doi.org/10.1000/xyz123
  slides: https://ada.example.org/quick-slides.pdf
---
These are **my notes** on the paper, with a [link to the other paper](/papers/talking-about-things/).
""");
        site.BuildOk();
        var page = site.Html("papers/learning-things-quickly/index.html");
        Assert.Equal(["PDF", "arXiv", "DOI", "Code", "Slides"], page.QuerySelectorAll(".paper-links a").Select(a => a.TextContent));
        Assert.Equal("https://arxiv.org/abs/2403.01234", page.QuerySelector(".paper-links a:nth-child(1)")?.GetAttribute("href") is null
            ? null : page.QuerySelectorAll(".paper-links a")[1].GetAttribute("href"));
        Assert.Equal("https://doi.org/10.1000/xyz123", page.QuerySelectorAll(".paper-links a")[2].GetAttribute("href"));
        // The code link comes from the abstract of a paper marked "Code".
        Assert.Equal("https://github.com/ada/quick", page.QuerySelectorAll(".paper-links a")[3].GetAttribute("href"));
        Assert.Equal("ICML 2024", page.QuerySelector(".venue")!.TextContent);
        Assert.Equal("<p>These are <strong>my notes</strong> on the paper, with a <a href=\"/papers/talking-about-things/\">link to the other paper</a>.</p>",
            page.QuerySelector("section.notes p")!.OuterHtml);
        Assert.Equal(["speed", "learning"], page.QuerySelectorAll(".tags li").Select(l => l.TextContent));
        var home = site.Html("index.html");
        Assert.Equal("Learning Things Quickly", home.QuerySelector(".featured .paper-title")!.TextContent);
        var md = site.Read("papers/learning-things-quickly/index.md");
        Assert.Contains("venue: \"ICML 2024\"", md);
        Assert.Contains("featured: true", md);
        Assert.Contains("\n## Notes\n\nThese are **my notes**", md);
    }

    [Fact]
    public void An_additions_file_that_matches_no_paper_is_a_warning_naming_it()
    {
        using var site = new TestSite(TestSite.SmallProfile + DefaultSettings + """
-- content/papers/learning-things-slowly.md --
---
venue: Nowhere
---
""");
        var result = site.BuildOk();
        var d = Assert.Single(result.Diagnostics, d => d.Code == DiagnosticCodes.AdditionsWithoutPaper);
        Assert.Equal("content/papers/learning-things-slowly.md(1,1): warning PG0204: no paper has the slug 'learning-things-slowly', so these additions are not used; papers with a similar slug: learning-things-quickly", d.ToString());
        Assert.False(site.Build(new BuildOptions { Strict = true }).Success);
    }

    [Fact]
    public void Additions_front_matter_problems_name_the_file_and_line()
    {
        using var site = new TestSite(TestSite.SmallProfile + DefaultSettings + """
-- content/papers/alone-again.md --
---
venue: Somewhere
featured: maybe
links:
  arxiv: not-an-id
  homepage: https://x.example
---
""");
        var result = site.Build();
        var shown = result.Diagnostics.Select(d => d.ToString()).ToList();
        Assert.Contains("content/papers/alone-again.md(3,11): error PG0203: 'featured' must be true or false", shown);
        Assert.Contains(shown, s => s.StartsWith("content/papers/alone-again.md(5,10): error PG0203: 'links.arxiv' must be an arXiv identifier", StringComparison.Ordinal));
        Assert.Contains(shown, s => s.StartsWith("content/papers/alone-again.md(6,3): warning PG0202: unknown key 'links.homepage'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_custom_page_is_rendered_and_in_the_navigation_by_nav_order()
    {
        using var site = new TestSite(TestSite.SmallProfile + DefaultSettings + """
-- content/about.md --
---
title: About me
nav_order: 2
description: Who Ada is.
---
I study **things**. See [my quickest paper](/papers/learning-things-quickly/).
-- content/teaching.md --
---
title: Teaching
nav_order: 1
---
Courses.
-- content/hidden.md --
Not in the navigation.
-- content/cv.pdf --
%PDF-1.4 not really
""");
        site.BuildOk();
        var about = site.Html("about/index.html");
        Assert.Equal("About me", about.QuerySelector("h1")!.TextContent);
        Assert.Equal("Who Ada is.", about.QuerySelector("meta[name=description]")!.GetAttribute("content"));
        Assert.Contains("<strong>things</strong>", about.QuerySelector("article")!.InnerHtml);
        Assert.Equal(["Publications", "Co-authors", "Topics", "Search", "Teaching", "About me"], about.QuerySelectorAll("nav[aria-label=Main] a").Select(a => a.TextContent));
        Assert.Equal("page", about.QuerySelector("nav a[aria-current]")?.GetAttribute("aria-current"));
        Assert.Equal("About me", about.QuerySelector("nav a[aria-current]")!.TextContent);
        Assert.True(site.Exists("hidden/index.html"));
        Assert.Equal("%PDF-1.4 not really\n", site.Read("cv.pdf"));
    }

    [Fact]
    public void Hostile_text_from_the_profile_and_content_is_escaped_everywhere()
    {
        using var site = new TestSite("""
-- seeds/evil.txt --
<b>Eve</b> & "Mallory"

CLMar 4, 2024
<script>alert('title')</script> & "quotes" {{ site.title }}

<b>Eve</b> & "Mallory", {{ page.title }}, O'Brien <img src=x onerror=alert(1)>

An abstract with <script>alert('abstract')</script>, & ampersands, "quotes" and {{ x }}.
-- content/site.yml --
title: "Site <i>title</i> & co"
base_url: https://eve.example/
owner:
  affiliation: "<script>alert('aff')</script>"
-- content/about.md --
---
title: "<script>alert('page')</script>"
nav_order: 1
---
Hello.
""");
        site.BuildOk();
        var all = Directory.GetFiles(site.Output(""), "*.html", SearchOption.AllDirectories).Select(File.ReadAllText).ToList();
        Assert.All(all, html =>
        {
            Assert.DoesNotContain("<script>", html);
            Assert.DoesNotContain("<b>Eve</b>", html);
            Assert.DoesNotContain("<img src=x", html);
            Assert.DoesNotContain("<i>title</i>", html);
        });
        var paper = site.Html("papers/script-alert-title-script-quotes-site-title/index.html");
        Assert.Equal("<script>alert('title')</script> & \"quotes\"  site.title ", paper.QuerySelector("h1")!.TextContent);
        Assert.Contains("{{ page.title }}", paper.QuerySelector(".authors")!.TextContent);
        Assert.Contains("O'Brien <img src=x onerror=alert(1)>", paper.QuerySelector(".authors")!.TextContent);
        Assert.Contains("An abstract with <script>alert('abstract')</script>, & ampersands, \"quotes\"", paper.QuerySelector(".abstract")!.TextContent);
        Assert.Equal("Site <i>title</i> & co", site.Html("index.html").QuerySelector(".site-title")!.TextContent);
        // Attributes are escaped too.
        Assert.Contains("content=\"An abstract with &lt;script&gt;alert(&#39;abstract&#39;)&lt;/script&gt;, &amp; ampersands, &quot;quotes&quot;", site.Read("papers/script-alert-title-script-quotes-site-title/index.html"));
        Assert.Equal("<script>alert('page')</script>", site.Html("about/index.html").QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public void Duplicate_titles_get_distinct_stable_pages()
    {
        using var site = new TestSite("""
-- seeds/p.txt --
Ada Researcher

CLMar 4, 2025
Same Title

Ada Researcher

CLMar 4, 2024
Same Title

Ada Researcher, Bo Li
""" + DefaultSettings);
        site.BuildOk();
        Assert.Contains("2024", site.Html("papers/same-title/index.html").QuerySelector("time")!.TextContent);
        Assert.Contains("2025", site.Html("papers/same-title-2/index.html").QuerySelector("time")!.TextContent);
    }

    [Fact]
    public void A_single_author_paper_has_no_co_authors()
    {
        using var site = new TestSite("""
-- seeds/p.txt --
Ada Researcher

CLMar 4, 2024
Alone

Ada Researcher
""" + DefaultSettings);
        site.BuildOk();
        Assert.Empty(site.Html("coauthors/index.html").QuerySelectorAll("tbody tr"));
        Assert.Equal("Ada Researcher", site.Html("papers/alone/index.html").QuerySelector(".authors")!.TextContent);
        Assert.False(Directory.Exists(site.Output("coauthors/ada-researcher")));
    }

    [Theory]
    [InlineData("robots.txt", null)]
    [InlineData("robots.txt", "https://ada.example.org/")]
    [InlineData("sitemap.xml", "https://ada.example.org/")]
    public void A_content_file_where_the_site_writes_robots_txt_or_the_sitemap_is_an_error_and_the_site_stays_as_it_was(string file, string? baseUrl)
    {
        // These two are made after every page (the sitemap lists them all), later than the other files are checked.
        using var site = new TestSite(TestSite.SmallProfile);
        var options = new BuildOptions { BaseUrl = baseUrl };
        site.BuildOk(options);
        var before = Snapshot(site.Output(""));
        site.Write($"-- content/{file} --\nmine\n");
        var result = site.Build(options);
        Assert.False(result.Success);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(DiagnosticCodes.DuplicateOutputPath, error.Code);
        Assert.Contains($"content/{file}", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(site.Output("")));
    }

    [Fact]
    public void A_template_syntax_error_names_the_template_line_and_column_and_writes_nothing()
    {
        using var site = new TestSite(TestSite.SmallProfile + """
-- content/site.yml --
theme: broken
-- themes/broken/theme.yml --
extends: {default-theme}
-- themes/broken/layouts/paper.sbn --
<h1>{{ paper.title }}</h1>
<p>{{ if paper.has_code }}code</p>
""");
        var result = site.Build();
        Assert.False(result.Success);
        var d = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("themes/broken/layouts/paper.sbn", d.File);
        Assert.Equal(DiagnosticCodes.TemplateSyntax, d.Code);
        Assert.Equal(2, d.Line);
        Assert.False(Directory.Exists(site.Output("")));
    }

    [Fact]
    public void A_template_runtime_error_names_the_template_position_and_the_page()
    {
        using var site = new TestSite(TestSite.SmallProfile + """
-- content/site.yml --
theme: broken
-- themes/broken/theme.yml --
extends: {default-theme}
-- themes/broken/layouts/topic.sbn --
<h1>{{ topic.name }}</h1>
<p>{{ topic.no_such_thing }}</p>
""");
        var result = site.Build();
        Assert.False(result.Success);
        // The same error on both topic pages is told once, with the first page and how many there were.
        var d = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("themes/broken/layouts/topic.sbn(2,13): error PG0302: Cannot get member with name no_such_thing. (while rendering topics/cs-cl/index.html and 1 other page)",
            d.ToString());
    }

    [Fact]
    public void Includes_cannot_leave_the_theme()
    {
        using var site = new TestSite(TestSite.SmallProfile + """
-- content/site.yml --
theme: sneaky
-- secret.txt --
the secret
-- themes/sneaky/theme.yml --
extends: {default-theme}
-- themes/sneaky/layouts/404.sbn --
{{ include '../../secret.txt' }}
""");
        var result = site.Build();
        Assert.False(result.Success);
        var d = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("themes/sneaky/layouts/404.sbn", d.File);
        Assert.Contains("the template name '../../secret.txt' is not allowed", d.Message);
    }

    [Fact]
    public void Include_cached_renders_a_partial_once_per_key()
    {
        // The partial reads `n`, which the key leaves out, so the second include shows the first one's markup.
        using var site = new TestSite(TestSite.SmallProfile + """
-- content/site.yml --
theme: cached
-- themes/cached/theme.yml --
extends: {default-theme}
-- themes/cached/partials/show.sbn --
<b>{{ n }}</b>
-- themes/cached/layouts/404.sbn --
{{ n = 1 }}[{{ include_cached 'partials/show.sbn' 'k' }}|{{ n = 2 }}{{ include_cached 'partials/show.sbn' 'k' }}|{{ include_cached 'partials/show.sbn' ['k', 2] }}|{{ include 'partials/show.sbn' }}]
""");
        site.BuildOk();
        site.AssertFileContains("404.html", "[<b>1</b>\n|<b>1</b>\n|<b>2</b>\n|<b>2</b>\n]");
    }

    [Fact]
    public void Include_cached_refuses_a_key_that_is_not_text_or_numbers()
    {
        using var site = new TestSite(TestSite.SmallProfile + """
-- content/site.yml --
theme: cached
-- themes/cached/theme.yml --
extends: {default-theme}
-- themes/cached/layouts/404.sbn --
{{ include_cached 'partials/authors.sbn' site }}
""");
        var result = site.Build();
        Assert.False(result.Success);
        var d = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("themes/cached/layouts/404.sbn", d.File);
        Assert.Contains("the key of include_cached must be text, a number or a list of them", d.Message);
    }

    [Fact]
    public void A_theme_that_extends_another_overrides_one_template()
    {
        using var site = new TestSite(TestSite.SmallProfile + """
-- content/site.yml --
theme: mine
-- themes/mine/theme.yml --
extends: {default-theme}
-- themes/mine/partials/head-extra.sbn --
<meta name="x-custom" content="{{ site.title }}">
""");
        site.BuildOk();
        site.AssertFileContains("index.html", "<meta name=\"x-custom\" content=\"Ada Researcher\">");
        site.AssertFileContains("papers/alone-again/index.html", "<meta name=\"x-custom\"");
    }

    [Theory]
    [InlineData(".")]
    [InlineData("content")]
    [InlineData("seeds")]
    [InlineData("themes")]
    [InlineData("..")]
    [InlineData("content/out")]
    public void Output_folders_that_would_hurt_the_sources_are_refused(string output)
    {
        using var site = new TestSite(TestSite.SmallProfile + "-- themes/readme.txt --\nthemes\n");
        var before = Directory.GetFiles(site.Root, "*", SearchOption.AllDirectories).Length;
        var result = site.Build(new BuildOptions { Output = output });
        Assert.False(result.Success);
        var d = Assert.Single(result.Diagnostics, d => d.Code == DiagnosticCodes.OutputRefused);
        Assert.Contains("the output folder", d.Message);
        Assert.Equal(before, Directory.GetFiles(site.Root, "*", SearchOption.AllDirectories).Length);
    }

    // An output folder that cannot be made was six PG0403 errors, "StageFiles failed on 404.html: Could not find a part
    // of the path", one per pipeline and each at an input file: one error at the output folder says what is wrong.
    [Theory]
    [InlineData("notes.txt/_site", "the output folder cannot be made: notes.txt is a file, not a folder")]
    [InlineData("notes.txt/a/b", "the output folder cannot be made: notes.txt is a file, not a folder")]
    public void An_output_folder_under_a_file_is_one_error_at_the_output_folder(string output, string message)
    {
        using var site = new TestSite(TestSite.SmallProfile + "-- notes.txt --\nnotes\n");
        var result = site.Build(new BuildOptions { Output = output });
        Assert.False(result.Success);
        var d = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal($"{output}: error PG0401: {message}", d.ToString());
        Assert.Equal("notes\n", File.ReadAllText(Path.Combine(site.Root, "notes.txt")));
    }

    [Fact]
    public void An_output_folder_the_user_cannot_write_in_is_one_error_naming_the_folder()
    {
        using var dir = new TempDirectory();
        var locked = Path.Combine(dir.Path, "locked");
        Directory.CreateDirectory(locked);
        // The system's answer for `locked` (root may write anywhere, so the test cannot make a folder it may not write).
        string? Denied(string folder) => folder == locked ? "Permission denied" : null;
        Assert.Equal($"the output folder cannot be made: {locked} cannot be written in (Permission denied)",
            OutputFolder.CannotWrite(Path.Combine(locked, "_site"), Denied));
        Assert.Equal($"the output folder cannot be written in (Permission denied)", OutputFolder.CannotWrite(locked, Denied));
        Assert.Null(OutputFolder.CannotWrite(Path.Combine(dir.Path, "_site"), Denied));
        // And the system's own answer for a folder it may write in.
        Assert.Null(OutputFolder.CannotWrite(Path.Combine(dir.Path, "_site")));
    }

    [Fact]
    public void A_failed_build_leaves_the_previous_site_untouched()
    {
        using var site = new TestSite(TestSite.SmallProfile + DefaultSettings);
        site.BuildOk();
        var snapshot = Snapshot(site.Output(""));
        site.Write("""
-- seeds/ada.txt --
Ada Researcher

LGMar 4, 2024
A New Title

Ada Researcher

LGSep 31, 2024
Broken Date

Ada Researcher
""");
        var result = site.Build();
        Assert.False(result.Success);
        Assert.Contains(result.Diagnostics, d => d.ToString().StartsWith("seeds/ada.txt(8,7): error PG0002", StringComparison.Ordinal));
        Assert.Equal(snapshot, Snapshot(site.Output("")));
    }

    [Fact]
    public void Warnings_fail_a_strict_build_without_writing()
    {
        using var site = new TestSite(TestSite.SmallProfile + DefaultSettings + """
-- content/about.md --
---
title: About
---
A [broken link](/papers/no-such-paper/) and a [missing fragment](/papers/alone-again/#nowhere).
""");
        var result = site.Build(new BuildOptions { Strict = true });
        Assert.False(result.Success);
        var shown = result.Diagnostics.Select(d => d.ToString()).ToList();
        // A link written in a content file is reported where it was written, not where the page puts it.
        Assert.Contains("content/about.md(4,17): warning PG0501: the link '/papers/no-such-paper/' leads nowhere: the site has no 'papers/no-such-paper/' (on _site/about/index.html)", shown);
        Assert.Contains(shown, s => s.StartsWith("content/about.md(4,66): warning PG0502: the link '/papers/alone-again/#nowhere' names the fragment '#nowhere'", StringComparison.Ordinal));
        Assert.False(Directory.Exists(site.Output("")));
        // Without --strict the same site builds, with the warnings.
        Assert.True(site.Build().Success);
    }

    [Fact]
    public void A_broken_link_is_reported_where_it_is_written_not_where_a_longer_working_one_starts_the_same()
    {
        using var site = new TestSite(TestSite.SmallProfile + DefaultSettings + """
-- content/about.md --
[good](/papers/alone-again/) and [the file](/files/a.pdf#p)

[bad](/papers/alone) and [the same file](/files/a.pdf)
""");
        var shown = site.Build().Diagnostics.Select(d => d.ToString()).ToList();
        Assert.Contains(shown, s => s.StartsWith("content/about.md(3,7): warning PG0501: the link '/papers/alone' leads nowhere", StringComparison.Ordinal));
        Assert.Contains(shown, s => s.StartsWith("content/about.md(3,42): warning PG0501: the link '/files/a.pdf' leads nowhere", StringComparison.Ordinal));
    }

    [Fact]
    public void A_broken_link_in_a_papers_notes_is_reported_in_its_additions_file_and_a_themes_own_at_the_page()
    {
        using var site = new TestSite(TestSite.SmallProfile + "-- content/site.yml --\nbase_url: https://ada.example.org/portfolio/\n" + """
-- content/papers/alone-again.md --
---
venue: X 2024
---

Notes, after a blank line.

See [the slides](/slides/alone-again.pdf).
""");
        var result = site.Build();
        var shown = result.Diagnostics.Select(d => d.ToString()).ToList();
        // Under a sub-path the page links to /portfolio/slides/…; the notes wrote /slides/….
        Assert.Contains(shown, s => s.StartsWith("content/papers/alone-again.md(7,18): warning PG0501: the link '/portfolio/slides/alone-again.pdf' leads nowhere", StringComparison.Ordinal)
            && s.EndsWith("(on _site/papers/alone-again/index.html)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/slides/my%20talk.pdf", 18)]   // escaped as written: found in the page as it is
    [InlineData("</slides/my talk.pdf>", 19)]   // written unescaped, which Markdig escapes
    public void A_broken_link_with_escapes_under_a_base_path_is_reported_where_it_was_written(string written, int column)
    {
        using var site = new TestSite(TestSite.SmallProfile + "-- content/site.yml --\nbase_url: https://x.org/portfolio/\n" + $$"""
-- content/about.md --
---
title: About
---

See [the slides]({{written}}).
""");
        var shown = site.Build().Diagnostics.Select(d => d.ToString()).ToList();
        Assert.Contains(shown, s => s.StartsWith($"content/about.md(5,{column}): warning PG0501: the link '/portfolio/slides/my%20talk.pdf' leads nowhere", StringComparison.Ordinal));
    }

    [Fact]
    public void A_base_path_with_a_tilde_as_on_a_university_server_builds_under_strict_and_passes_check()
    {
        // Markdig writes the ~ of a Markdown link as %7E; the two spell the same path (RFC 3986, 6.2.2.2).
        using var site = new TestSite(TestSite.SmallProfile + "-- content/site.yml --\nbase_url: https://cs.example.edu/~ada/\n" + """
-- content/about.md --
---
title: About
---

See [the paper](/papers/alone-again/) and [its abstract](/papers/alone-again/#abstract).
""");
        var result = site.Build(new BuildOptions { Strict = true });
        Assert.True(result.Success, "build failed:\n" + string.Join("\n", result.Diagnostics));
        Assert.Empty(result.Diagnostics);
        Assert.Contains("/%7Eada/papers/alone-again/", site.Read("about/index.html"), StringComparison.Ordinal);
        Assert.Empty(SiteChecker.CheckFolder(site.Output(""), "/~ada/", p => p));

        // A link that is broken is still reported where it was written.
        site.Write("""
-- content/about.md --
---
title: About
---

See [the paper](/papers/alone/).
""");
        var shown = site.Build().Diagnostics.Select(d => d.ToString()).ToList();
        Assert.Contains(shown, s => s.StartsWith("content/about.md(5,17): warning PG0501: the link '/%7Eada/papers/alone/' leads nowhere", StringComparison.Ordinal));
    }

    [Fact]
    public void Files_a_build_no_longer_makes_are_removed_but_never_files_it_did_not_write()
    {
        using var site = new TestSite(TestSite.SmallProfile + DefaultSettings);
        site.BuildOk();
        File.WriteAllText(site.Output("CNAME"), "ada.example.org");
        Directory.CreateDirectory(site.Output("papers/mine"));
        File.WriteAllText(site.Output("papers/mine/notes.txt"), "mine");
        // Drop a paper (and with it its only co-author and topic).
        site.Write("""
-- seeds/ada.txt --
Ada Researcher

LGMar 4, 2024Code
Learning Things Quickly

Ada Researcher, Bo Li, Chen Wei et al. · some-lab

We learn things.
""");
        var result = site.BuildOk();
        Assert.False(site.Exists("papers/talking-about-things/index.html"));
        Assert.False(site.Exists("papers/alone-again/index.md"));
        Assert.False(Directory.Exists(site.Output("papers/alone-again")));
        Assert.False(site.Exists("topics/cs-cl/index.html"));
        Assert.Equal("ada.example.org", site.Read("CNAME"));
        Assert.Equal("mine", site.Read("papers/mine/notes.txt"));
        Assert.True(result.Commit!.Removed >= 5);
    }

    [Fact]
    public void A_stale_file_someone_edited_is_kept()
    {
        using var site = new TestSite(TestSite.SmallProfile + DefaultSettings);
        site.BuildOk();
        File.AppendAllText(site.Output("papers/alone-again/index.md"), "\nmy edit\n");
        site.Write("-- seeds/ada.txt --\nAda Researcher\n\nLGMar 4, 2024\nOnly\n\nAda Researcher\n");
        var result = site.BuildOk();
        Assert.Contains("papers/alone-again/index.md", result.Commit!.Kept);
        Assert.True(site.Exists("papers/alone-again/index.md"));
    }

    [Fact]
    public void Rebuilding_unchanged_inputs_rewrites_nothing_and_gives_identical_bytes()
    {
        using var site = new TestSite(TestSite.SmallProfile + DefaultSettings);
        var first = site.BuildOk();
        var bytes = Snapshot(site.Output(""));
        var times = Directory.GetFiles(site.Output(""), "*", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc);
        var second = site.BuildOk();
        Assert.Equal(0, second.Commit!.Written);
        Assert.Equal(first.Files, second.Commit.Unchanged);
        Assert.Equal(bytes, Snapshot(site.Output("")));
        Assert.All(times, t => Assert.Equal(t.Value, File.GetLastWriteTimeUtc(t.Key)));
    }

    [Fact]
    public void Output_is_identical_under_any_culture_and_parallelism()
    {
        using var site = new TestSite(TestSite.SmallProfile + DefaultSettings);
        site.BuildOk(new BuildOptions { Output = "a" });
        var baseline = Snapshot(site.Output("", "a"));
        foreach (var (culture, parallelism) in new[] { ("tr-TR", 1), ("de-DE", 4), ("ar-SA", 2), ("ja-JP", 8) })
        {
            var saved = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
            try
            {
                CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
                site.BuildOk(new BuildOptions { Output = culture, MaxParallelism = parallelism });
            }
            finally
            {
                (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = saved;
            }
            Assert.Equal(baseline, Snapshot(site.Output("", culture)));
        }
    }

    [Fact]
    public void Unsafe_destinations_are_refused()
    {
        Assert.False(OutputFolder.IsSafeDestination("../x.html", out _));
        Assert.False(OutputFolder.IsSafeDestination("/etc/passwd", out _));
        Assert.False(OutputFolder.IsSafeDestination("a/../../b", out _));
        Assert.False(OutputFolder.IsSafeDestination("a\\b", out _));
        Assert.False(OutputFolder.IsSafeDestination("c:/x", out _));
        Assert.False(OutputFolder.IsSafeDestination("a//b", out _));
        Assert.False(OutputFolder.IsSafeDestination(OutputFolder.ManifestName, out _));
        Assert.True(OutputFolder.IsSafeDestination("papers/x/index.html", out _));
        using var dir = new TempDirectory();
        var folder = new OutputFolder(dir.Path);
        Assert.Throws<InvalidOperationException>(() => folder.Stage("../escape.txt", "x"u8));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(dir.Path)!, "escape.txt")));
    }

    // The site's files and their hashes. A serve session's commit sets the files it replaced aside in a hidden folder
    // that the session's check after the rebuild deletes (OutputFolder.ReleasedName); builds driven by a session
    // without that check leave it, and it is not part of the site.
    internal static SortedDictionary<string, string> Snapshot(string folder)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(folder)) return result;
        foreach (var f in Directory.GetFiles(folder, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(folder, f);
            if (relative.StartsWith(OutputFolder.ReleasedName + "-", StringComparison.Ordinal)) continue;
            result[relative] = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)));
        }
        return result;
    }
}
