using PortfolioGen.Site;
using System.Text.Json;
using Xunit;

namespace PortfolioGen.Tests.Site;

/// <summary>
/// A site where one paper is a journal article (its additions name a <c>journal</c>) and another a conference paper:
/// each is shown, tagged, described in JSON-LD and cited as what it is.
/// </summary>
public sealed class JournalBuildTests : IDisposable
{
    private const string Journal = "learning-things-quickly";
    private const string Conference = "talking-about-things";

    private readonly TestSite _site = new(TestSite.SmallProfile + $"""
-- content/site.yml --
base_url: https://ada.example.org/
-- content/papers/{Journal}.md --
---
journal: Journal of Machine Learning Research
volume: 25
number: 112
pages: 1--42
publisher: JMLR & Microtome
links:
  doi: 10.5555/jmlr.2024.112
---
-- content/papers/{Conference}.md --
---
venue: ICML 2024
---
""");

    public JournalBuildTests() => _site.BuildOk(new BuildOptions { Strict = true });

    public void Dispose() => _site.Dispose();

    [Fact]
    public void The_paper_page_shows_the_journal_where_a_conference_paper_shows_its_venue()
    {
        var page = _site.Html($"papers/{Journal}/index.html");
        Assert.Equal("Journal of Machine Learning Research 25(112), 1–42", page.QuerySelector(".paper-meta .venue")!.TextContent);
        Assert.Equal("ICML 2024", _site.Html($"papers/{Conference}/index.html").QuerySelector(".paper-meta .venue")!.TextContent);
        // Lists show it too, as they show a venue.
        var home = _site.Html("index.html");
        Assert.Contains("Journal of Machine Learning Research 25(112), 1–42", home.QuerySelectorAll(".paper-item .venue").Select(v => v.TextContent));
        // The BibTeX shown on the page is the article's.
        Assert.StartsWith("@article{", page.QuerySelector("pre.bibtex code")!.TextContent);
    }

    [Fact]
    public void The_scholar_tags_name_the_journal_and_the_conference_paper_keeps_its_own()
    {
        string? Meta(string path, string name) => _site.Html(path).QuerySelector($"meta[name='{name}']")?.GetAttribute("content");
        var path = $"papers/{Journal}/index.html";
        Assert.Equal("Journal of Machine Learning Research", Meta(path, "citation_journal_title"));
        Assert.Equal("25", Meta(path, "citation_volume"));
        Assert.Equal("112", Meta(path, "citation_issue"));
        Assert.Equal("1", Meta(path, "citation_firstpage"));
        Assert.Equal("42", Meta(path, "citation_lastpage"));
        Assert.Equal("JMLR & Microtome", Meta(path, "citation_publisher"));
        Assert.Null(Meta(path, "citation_conference_title"));
        Assert.Equal("ICML 2024", Meta($"papers/{Conference}/index.html", "citation_conference_title"));
        Assert.Null(Meta($"papers/{Conference}/index.html", "citation_journal_title"));
    }

    [Fact]
    public void The_json_ld_article_is_part_of_an_issue_of_a_volume_of_the_periodical()
    {
        var script = _site.Html($"papers/{Journal}/index.html").QuerySelector("script[type='application/ld+json']")!.TextContent;
        using var json = JsonDocument.Parse(script);
        var article = json.RootElement;
        var issue = article.GetProperty("isPartOf");
        Assert.Equal("PublicationIssue", issue.GetProperty("@type").GetString());
        Assert.Equal("112", issue.GetProperty("issueNumber").GetString());
        var volume = issue.GetProperty("isPartOf");
        Assert.Equal("PublicationVolume", volume.GetProperty("@type").GetString());
        Assert.Equal("25", volume.GetProperty("volumeNumber").GetString());
        var periodical = volume.GetProperty("isPartOf");
        Assert.Equal("Periodical", periodical.GetProperty("@type").GetString());
        Assert.Equal("Journal of Machine Learning Research", periodical.GetProperty("name").GetString());
        Assert.Equal("Organization", periodical.GetProperty("publisher").GetProperty("@type").GetString());
        Assert.Equal("JMLR & Microtome", periodical.GetProperty("publisher").GetProperty("name").GetString());
        Assert.Equal("1", article.GetProperty("pageStart").GetString());
        Assert.Equal("42", article.GetProperty("pageEnd").GetString());
        Assert.False(article.TryGetProperty("publication", out _));

        using var conference = JsonDocument.Parse(_site.Html($"papers/{Conference}/index.html").QuerySelector("script[type='application/ld+json']")!.TextContent);
        Assert.Equal("PublicationEvent", conference.RootElement.GetProperty("publication").GetProperty("@type").GetString());
        Assert.False(conference.RootElement.TryGetProperty("isPartOf", out _));
    }

    [Fact]
    public void The_cite_files_are_a_journal_articles()
    {
        Assert.StartsWith("@article{", _site.Read($"papers/{Journal}/cite.bib"));
        Assert.Contains("  journal   = {Journal of Machine Learning Research},\n  volume    = {25},\n  number    = {112},\n  pages     = {1--42},\n  publisher = {JMLR \\& Microtome},\n", _site.Read($"papers/{Journal}/cite.bib"));
        Assert.StartsWith("TY  - JOUR\r\n", _site.Read($"papers/{Journal}/cite.ris"));
        Assert.Contains("\"type\": \"article-journal\"", _site.Read($"papers/{Journal}/cite.json"));
        Assert.Contains("@inproceedings{", _site.Read("publications.bib"));
        Assert.Contains("@article{", _site.Read("publications.bib"));
    }

    [Fact]
    public void The_markdown_page_carries_the_journal_in_its_front_matter()
    {
        var md = _site.Read($"papers/{Journal}/index.md");
        Assert.Contains("\njournal: \"Journal of Machine Learning Research\"\nvolume: \"25\"\nissue: \"112\"\npages: \"1--42\"\npublisher: \"JMLR & Microtome\"\n", md);
        Assert.DoesNotContain("venue:", md);
        Assert.Contains("\nvenue: \"ICML 2024\"\n", _site.Read($"papers/{Conference}/index.md"));
    }

    [Fact]
    public void A_theme_reads_the_journals_parts()
    {
        _site.Write("""
-- themes/probe/theme.yml --
extends: {default-theme}
-- themes/probe/layouts/paper.sbn --
<h1 class="probe">{{ if paper.journal }}{{ paper.journal.name }}|{{ paper.journal.volume }}|{{ paper.journal.issue }}|{{ paper.journal.pages }}|{{ paper.journal.publisher }}{{ else }}none{{ end }}</h1>
""");
        _site.BuildOk(new BuildOptions { Theme = "probe" });
        Assert.Equal("Journal of Machine Learning Research|25|112|1–42|JMLR & Microtome", _site.Html($"papers/{Journal}/index.html").QuerySelector("h1.probe")!.TextContent);
        Assert.Equal("none", _site.Html($"papers/{Conference}/index.html").QuerySelector("h1.probe")!.TextContent);
    }
}
