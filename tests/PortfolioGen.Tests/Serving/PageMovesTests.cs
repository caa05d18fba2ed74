using CsCheck;
using PortfolioGen.Serving;
using Xunit;

namespace PortfolioGen.Tests.Serving;

/// <summary>Pairing the paper pages of two builds: a title edit that changes a slug moves one page to one new place.</summary>
public class PageMovesTests
{
    [Fact]
    public void A_renamed_page_moves_to_the_page_in_its_place()
        => Assert.Equal(new Dictionary<string, string> { ["b"] = "b2" }, PageMoves.Find(["a", "b", "c"], ["a", "b2", "c"]));

    [Fact]
    public void Two_renamed_pages_in_one_save_each_move_to_their_own_place()
        => Assert.Equal(new Dictionary<string, string> { ["a"] = "a2", ["d"] = "d2" }, PageMoves.Find(["a", "b", "c", "d"], ["a2", "b", "c", "d2"]));

    [Fact]
    public void Nothing_moves_when_nothing_changed_or_the_lists_are_empty()
    {
        Assert.Empty(PageMoves.Find(["a", "b"], ["a", "b"]));
        Assert.Empty(PageMoves.Find([], []));
        Assert.Empty(PageMoves.Find([], ["a"]));
    }

    // An added or removed entry: which paper became which is not known.
    [Theory]
    [InlineData(new[] { "a", "b", "c" }, new[] { "a", "x", "b", "c" })]
    [InlineData(new[] { "a", "b", "c" }, new[] { "a", "c" })]
    [InlineData(new[] { "a", "b", "c" }, new[] { "a", "x", "y", "c" })]
    public void Nothing_moves_when_entries_were_added_or_removed(string[] before, string[] after)
        => Assert.Empty(PageMoves.Find(before, after));

    // Entries moved, or one paper took another's page, or one entry was removed and another added in the same save:
    // which paper is which is not known, and a browser is not sent to another paper's page.
    [Theory]
    [InlineData(new[] { "a", "b", "c" }, new[] { "a", "c", "b" })]
    [InlineData(new[] { "a", "b" }, new[] { "b", "b-2" })]
    [InlineData(new[] { "a", "b", "c", "d" }, new[] { "a", "c", "d", "e" })]
    [InlineData(new[] { "a", "b", "c" }, new[] { "n", "a", "b" })]
    [InlineData(new[] { "a", "b", "c" }, new[] { "b", "c", "a2" })]
    public void Nothing_moves_when_entries_moved_or_a_page_went_to_another_paper(string[] before, string[] after)
        => Assert.Empty(PageMoves.Find(before, after));

    [Theory]
    [InlineData("papers/x/index.html", "x")]
    [InlineData("papers/a-b-2/index.html", "a-b-2")]
    [InlineData("papers/x/cite.bib", null)]
    [InlineData("papers/x/y/index.html", null)]
    [InlineData("papers//index.html", null)]
    [InlineData("coauthors/x/index.html", null)]
    [InlineData("index.html", null)]
    public void A_paper_page_gives_its_slug(string destination, string? slug)
    {
        Assert.Equal(slug, PortfolioGen.Site.SiteUrls.PaperSlugOf(destination));
        if (slug is not null) Assert.Equal(destination, PortfolioGen.Site.SiteUrls.PaperPage(slug));
    }

    // With the build's own lookup of the new slugs, the same moves.
    [Fact]
    public void A_lookup_given_for_the_new_slugs_finds_the_same_moves()
    {
        string[] after = ["a", "b2", "c"];
        Assert.Equal(PageMoves.Find(["a", "b", "c"], after), PageMoves.Find(["a", "b", "c"], after, after.Contains));
        Assert.Empty(PageMoves.Find(["a", "b", "c"], ["a", "c", "b"], new[] { "a", "c", "b" }.Contains));
    }

    // Whatever the slugs, renaming any set of pages in place moves exactly those pages to their new names.
    [Fact]
    public void Any_pages_renamed_in_place_move_exactly_to_their_new_names()
    {
        Gen.Int[1, 40].SelectMany(n => Gen.Bool.Array[n]).Sample(renamed =>
        {
            var before = renamed.Select((_, i) => "p" + i).ToArray();
            var after = renamed.Select((r, i) => r ? "q" + i : "p" + i).ToArray();
            var moves = PageMoves.Find(before, after);
            var expected = renamed.Select((r, i) => (r, i)).Where(x => x.r).ToDictionary(x => "p" + x.i, x => "q" + x.i);
            Assert.Equal(expected.OrderBy(e => e.Key), moves.OrderBy(e => e.Key));
        });
    }
}
