using PortfolioGen.Site;
using Xunit;

namespace PortfolioGen.Tests.Site;

/// <summary>
/// A paper's additions may make it a journal article (<c>journal</c>, with <c>volume</c>, <c>issue</c> or <c>number</c>,
/// <c>pages</c> and <c>publisher</c>) rather than a conference paper (<c>venue</c>). Keys that do not go together are
/// error PG0209 at the key; a value of the wrong form is PG0203 at the value, as for the other keys.
/// </summary>
public sealed class JournalAdditionsTests
{
    private static (PaperAdditions Additions, List<string> Diagnostics) Read(string yaml)
    {
        var diagnostics = new List<Diagnostic>();
        var additions = PaperAdditionsReader.Read("---\n" + yaml + "---\nNotes.\n", "content/papers/x.md", diagnostics);
        return (additions, [.. diagnostics.Select(d => d.ToString())]);
    }

    [Fact]
    public void A_journal_article_reads_with_every_part()
    {
        var (a, diagnostics) = Read("journal: Nature Machine Intelligence\nvolume: 5\nissue: 3\npages: 123--145\npublisher: Springer Nature\n");
        Assert.Empty(diagnostics);
        Assert.Null(a.Venue);
        Assert.Equal(new Journal("Nature Machine Intelligence") { Volume = "5", Issue = "3", FirstPage = "123", LastPage = "145", Publisher = "Springer Nature" }, a.Journal);
        Assert.Equal("123--145", a.Journal!.Pages);
        Assert.Equal("Nature Machine Intelligence 5(3), 123–145", a.Journal.Display);
    }

    [Fact]
    public void Number_is_another_name_for_issue()
    {
        var (a, diagnostics) = Read("journal: JMLR\nvolume: 25\nnumber: 112\n");
        Assert.Empty(diagnostics);
        Assert.Equal("112", a.Journal!.Issue);
        Assert.Equal("JMLR 25(112)", a.Journal.Display);
    }

    [Theory]
    [InlineData("123--145", "123", "145", "123--145", "123–145")]
    [InlineData("123-145", "123", "145", "123--145", "123–145")]
    [InlineData("\"123 – 145\"", "123", "145", "123--145", "123–145")]
    [InlineData("e1234", "e1234", null, "e1234", "e1234")]
    [InlineData("043512", "043512", null, "043512", "043512")]
    [InlineData("L12--L15", "L12", "L15", "L12--L15", "L12–L15")]
    [InlineData("xiii--xv", "xiii", "xv", "xiii--xv", "xiii–xv")]
    public void Pages_are_a_page_a_range_or_an_article_number(string given, string first, string? last, string bibtex, string shown)
    {
        var (a, diagnostics) = Read($"journal: Physical Review D\npages: {given}\n");
        Assert.Empty(diagnostics);
        Assert.Equal((first, last), (a.Journal!.FirstPage, a.Journal.LastPage));
        Assert.Equal(bibtex, a.Journal.Pages);
        Assert.Equal("Physical Review D, " + shown, a.Journal.Display);
    }

    [Fact]
    public void The_display_leaves_out_what_is_not_given()
    {
        Assert.Equal("JMLR", new Journal("JMLR").Display);
        Assert.Equal("JMLR 25", new Journal("JMLR") { Volume = "25" }.Display);
        Assert.Equal("JMLR, no. 4", new Journal("JMLR") { Issue = "4" }.Display);
        Assert.Equal("JMLR, no. 4, 1–2", new Journal("JMLR") { Issue = "4", FirstPage = "1", LastPage = "2" }.Display);
    }

    [Fact]
    public void Venue_and_journal_together_is_an_error_at_the_second_of_them()
    {
        var (a, diagnostics) = Read("venue: ICML 2024\ntags: [x]\njournal: JMLR\n");
        Assert.Equal(["content/papers/x.md(4,1): error PG0209: 'journal' and 'venue' (line 2) cannot both be given: a paper is a journal article ('journal') or a conference paper ('venue'); keep one"], diagnostics);
        Assert.Null(a.Journal);

        (_, diagnostics) = Read("journal: JMLR\nvenue: ICML 2024\n");
        Assert.Equal(["content/papers/x.md(3,1): error PG0209: 'venue' and 'journal' (line 2) cannot both be given: a paper is a journal article ('journal') or a conference paper ('venue'); keep one"], diagnostics);
    }

    [Theory]
    [InlineData("volume: 5\n")]
    [InlineData("issue: 3\n")]
    [InlineData("number: 3\n")]
    [InlineData("pages: 1--9\n")]
    [InlineData("publisher: ACM\n")]
    public void A_journal_part_without_a_journal_is_an_error_at_its_key(string yaml)
    {
        var key = yaml[..yaml.IndexOf(':', StringComparison.Ordinal)];
        var (a, diagnostics) = Read("venue: ICML 2024\n" + yaml);
        Assert.Equal([$"content/papers/x.md(3,1): error PG0209: '{key}' is a journal article's: add 'journal' (the journal's name), or delete '{key}'"], diagnostics);
        Assert.Null(a.Journal);
        Assert.Equal("ICML 2024", a.Venue);
    }

    [Fact]
    public void Issue_and_number_together_is_an_error()
    {
        var (_, diagnostics) = Read("journal: JMLR\nissue: 3\nnumber: 3\n");
        Assert.Equal(["content/papers/x.md(4,1): error PG0209: 'number' and 'issue' (line 3) are the same thing: keep one"], diagnostics);
    }

    [Fact]
    public void Values_of_the_wrong_type_or_form_are_errors_at_the_value()
    {
        var (_, diagnostics) = Read("journal: [JMLR]\n");
        Assert.Equal(["content/papers/x.md(2,10): error PG0203: 'journal' must be text"], diagnostics);

        (_, diagnostics) = Read("journal: JMLR\nvolume: [1, 2]\nissue: {a: 1}\npublisher: [ACM]\n");
        Assert.Equal([
            "content/papers/x.md(3,9): error PG0203: 'volume' must be a number or text",
            "content/papers/x.md(4,8): error PG0203: 'issue' must be a number or text",
            "content/papers/x.md(5,12): error PG0203: 'publisher' must be text",
        ], diagnostics);

        (_, diagnostics) = Read("journal: JMLR\npages: 12, 15\n");
        Assert.Equal(["content/papers/x.md(3,8): error PG0203: 'pages' must be a page, a range such as 123--145 or an article number such as e1234 (got '12, 15')"], diagnostics);
    }

    [Fact]
    public void Unknown_keys_are_still_warnings_naming_the_new_keys()
    {
        var (_, diagnostics) = Read("journal: JMLR\njurnal: JMLR\n");
        Assert.Equal(["content/papers/x.md(3,1): warning PG0202: unknown key 'jurnal' (known: featured, issue, journal, links, number, pages, publisher, tags, venue, volume); it is ignored"], diagnostics);
    }

    [Fact]
    public void A_conference_paper_reads_as_before()
    {
        var (a, diagnostics) = Read("venue: ICML 2024\n");
        Assert.Empty(diagnostics);
        Assert.Equal("ICML 2024", a.Venue);
        Assert.Null(a.Journal);
    }
}
