using System.Collections.Immutable;
using PortfolioGen.Site;
using Xunit;

namespace PortfolioGen.Tests.Site;

/// <summary>
/// Papers of large collaborations (a particle physicist's have ~2,600 authors): lists show ten names with the owner
/// among them and the total, a co-author's page names ten of the others, the paper's own page names everyone.
/// </summary>
public class LongAuthorListTests
{
    private static readonly string[] Given = ["Kim", "Lea", "Max", "Noa", "Ola", "Pia", "Rui", "Sam"];
    private static readonly string[] Family = ["Abbott", "Bianchi", "Costa", "Dubois", "Esposito"];

    // 40 authors; Ada Researcher is the 25th.
    private static string[] Forty()
    {
        var names = Given.SelectMany(g => Family.Select(f => g + " " + f)).Take(39).ToList();
        names.Insert(24, "Ada Researcher");
        return [.. names];
    }

    private static TestSite Site() => new($"""
-- seeds/ada.txt --
Ada Researcher

hep-ex

2 Papers

hep-exJul 4, 2012
Observation of Something New

{string.Join(", ", Forty())} · atlas-collaboration

We saw something.

hep-phFeb 2, 2016
A Small Paper

Ada Researcher, Kim Abbott

Two of us.
""" + BuildIntegrationTests.DefaultSettings);

    // The card's description (og:image:alt, twitter:image:alt) names authors as lists do: a collaboration paper's was
    // every one of its authors, ~30 KB twice in the page's head at 2,600.
    [Fact]
    public void The_cards_description_names_authors_as_lists_do()
    {
        using var site = Site();
        site.BuildOk();
        string Alt(string page) => site.Html(page).QuerySelector("meta[property='og:image:alt']")!.GetAttribute("content")!;
        var expected = string.Join(", ", Forty().Take(9)) + ", …, Ada Researcher et al. (40 authors)";
        Assert.Equal($"Observation of Something New — {expected} · Jul 4, 2012 · hep-ex High Energy Physics - Experiment · Ada's Research",
            Alt("papers/observation-of-something-new/index.html"));
        Assert.Equal(Alt("papers/observation-of-something-new/index.html"),
            site.Html("papers/observation-of-something-new/index.html").QuerySelector("meta[name='twitter:image:alt']")!.GetAttribute("content"));
        Assert.StartsWith("A Small Paper — Ada Researcher, Kim Abbott · Feb 2, 2016 · hep-ph", Alt("papers/a-small-paper/index.html"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_shows_nine_authors_an_ellipsis_the_owner_and_the_total()
    {
        using var site = Site();
        site.BuildOk();
        foreach (var page in new[] { "index.html", "topics/hep-ex/index.html", "coauthors/kim-abbott/index.html" })
        {
            var items = site.Html(page).QuerySelectorAll(".paper-item .authors");
            var authors = items.Single(a => a.TextContent.StartsWith("Kim Abbott, Kim Bianchi", StringComparison.Ordinal));
            var names = authors.QuerySelectorAll("a, .owner").Select(e => e.TextContent).ToList();
            Assert.Equal([.. Forty().Take(9), "Ada Researcher"], names);
            Assert.Equal("Ada Researcher", authors.QuerySelector(".owner")!.TextContent);
            // The gap reads "…" on screen and how many it leaves out to a screen reader; the owner follows it.
            var gap = authors.QuerySelector(".author-gap")!;
            Assert.Equal("true", gap.QuerySelector("[aria-hidden]")!.GetAttribute("aria-hidden"));
            Assert.Equal("…", gap.QuerySelector("[aria-hidden]")!.TextContent);
            Assert.Equal("15 more authors", gap.QuerySelector(".visually-hidden")!.TextContent);
            Assert.Equal("Ada Researcher", gap.NextElementSibling!.TextContent);
            Assert.EndsWith("Ada Researcher et al. (40 authors)", authors.TextContent, StringComparison.Ordinal);
            Assert.Equal("(40 authors)", authors.QuerySelector(".author-count")!.TextContent);
        }
        // A short list is printed as it always was.
        var small = site.Html("index.html").QuerySelectorAll(".paper-item .authors").Single(a => a.TextContent.StartsWith("Ada", StringComparison.Ordinal));
        Assert.Equal("<strong class=\"owner\">Ada Researcher</strong>, <a href=\"/coauthors/kim-abbott/\">Kim Abbott</a>", small.InnerHtml);
    }

    [Fact]
    public void A_papers_own_page_names_every_author()
    {
        using var site = Site();
        site.BuildOk();
        var authors = site.Html("papers/observation-of-something-new/index.html").QuerySelector(".paper-header .authors")!;
        Assert.Equal(Forty(), authors.QuerySelectorAll("a, .owner").Select(e => e.TextContent));
        Assert.Null(authors.QuerySelector(".author-gap"));
        Assert.Null(authors.QuerySelector(".author-count"));
        Assert.DoesNotContain("et al.", authors.TextContent, StringComparison.Ordinal);
        // Citation files are as they were (CSL-JSON names everyone).
        Assert.Equal(40, System.Text.RegularExpressions.Regex.Count(site.Read("papers/observation-of-something-new/cite.json"), "\"family\":"));
    }

    [Fact]
    public void A_co_authors_page_names_ten_of_the_others_and_says_how_many_more()
    {
        using var site = Site();
        site.BuildOk();
        var page = site.Html("coauthors/lea-abbott/index.html");
        var chips = page.QuerySelectorAll("section[aria-labelledby=also-with] .chips li a").Select(a => a.GetAttribute("href")).ToList();
        // 38 others (neither the owner nor Lea Abbott), each on the one paper with her: ordered by slug, as always.
        Assert.Equal(10, chips.Count);
        Assert.Equal("/coauthors/kim-abbott/", chips[0]);
        Assert.Equal("and 28 more", page.QuerySelector("section[aria-labelledby=also-with] .chips-more")!.TextContent);
    }

    [Theory]
    [InlineData(40, 24, new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 24 }, 15, 15)]
    [InlineData(40, 3, new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, 0, 30)]
    [InlineData(40, 9, new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, 0, 30)]
    [InlineData(40, 39, new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 39 }, 30, 0)]
    [InlineData(40, -1, new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, 0, 30)]
    [InlineData(10, 9, new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, 0, 0)]
    [InlineData(3, 2, new[] { 0, 1, 2 }, 0, 0)]
    public void Lists_keep_ten_authors_and_always_the_owner(int count, int owner, int[] shown, int gap, int after)
    {
        var authors = Enumerable.Range(0, count).Select(i => new AuthorView("A" + i, i == owner, null, null)).ToImmutableArray();
        var cut = PaperView.ListAuthors(authors);
        Assert.Equal(shown, cut.Shown);
        Assert.Equal(gap, cut.Gap);
        Assert.Equal(after, cut.After);
    }
}
