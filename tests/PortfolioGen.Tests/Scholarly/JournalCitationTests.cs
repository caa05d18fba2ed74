using System.Text.Json;
using PortfolioGen.Scholarly;
using PortfolioGen.Scholarly.Citations;
using PortfolioGen.Site;
using Xunit;
using static PortfolioGen.Tests.Scholarly.CitationSamples;

namespace PortfolioGen.Tests.Scholarly;

/// <summary>
/// A paper whose additions name a <c>journal</c> is cited as a journal article in every format: BibTeX <c>@article</c>,
/// CSL-JSON <c>article-journal</c>, RIS <c>JOUR</c>, Google Scholar's <c>citation_journal_title</c> and its volume,
/// issue and pages.
/// </summary>
public sealed class JournalCitationTests
{
    private const string Url = "https://example.org/papers/sample/";

    private static PaperView Article(Journal journal, bool arxiv = true) => Make(
        "Grokking at the edge of linear separability",
        ["Ang Lv", "Ludwig van Beethoven", "Martin Luther King, Jr."],
        abstractSource: "We study grokking.",
        additions: PaperAdditions.None with
        {
            Journal = journal,
            ArxivId = arxiv ? "2403.01234" : null,
            Doi = "10.1038/s42256-024-00001-x",
            Tags = ["grokking"],
        },
        date: new DateOnly(2024, 3, 4));

    private static readonly Journal Nature = new("Nature Machine Intelligence & Friends")
    {
        Volume = "5", Issue = "3", FirstPage = "123", LastPage = "145", Publisher = "Springer Nature",
    };

    private static readonly Journal PhysRev = new("Physical Review D") { Volume = "108", FirstPage = "043512" };

    // ---- BibTeX ----

    [Fact]
    public void A_journal_article_is_an_article_with_its_journal_volume_number_and_pages()
    {
        var entry = BibTeX.Entry(Article(Nature), "lv2024grokking", Url);
        var fields = CheckBibTeX(entry);
        Assert.Equal(
            "@article{lv2024grokking,\n"
            + "  author    = {Lv, Ang and van Beethoven, Ludwig and King, Jr., Martin Luther},\n"
            + "  title     = {Grokking at the edge of linear separability},\n"
            + "  journal   = {Nature Machine Intelligence \\& Friends},\n"
            + "  volume    = {5},\n"
            + "  number    = {3},\n"
            + "  pages     = {123--145},\n"
            + "  publisher = {Springer Nature},\n"
            + "  year      = {2024},\n"
            + "  month     = mar,\n"
            + "  eprint    = {2403.01234},\n"
            + "  archivePrefix = {arXiv},\n"
            + "  primaryClass = {cs.CL},\n"
            + "  doi       = {10.1038/s42256-024-00001-x},\n"
            + "  url       = {https://example.org/papers/sample/},\n"
            + "  abstract  = {We study grokking.},\n"
            + "  keywords  = {grokking},\n"
            + "}\n", entry);
        Assert.DoesNotContain("booktitle", fields.Keys);
        Assert.Empty(UnescapedSpecials(entry));
    }

    [Fact]
    public void An_article_number_is_its_pages_and_what_is_not_given_is_left_out()
    {
        var fields = CheckBibTeX(BibTeX.Entry(Article(PhysRev, arxiv: false), "k", null));
        Assert.Equal(["author", "title", "journal", "volume", "pages", "year", "month", "doi", "abstract", "keywords"], fields.Keys);
        Assert.Equal("043512", fields["pages"]);
        Assert.Equal("Physical Review D", fields["journal"]);
    }

    // ---- CSL-JSON ----

    [Fact]
    public void In_csl_json_it_is_an_article_journal_in_its_container()
    {
        using var doc = JsonDocument.Parse(CslJson.Item(Article(Nature), "lv2024grokking", Url));
        var item = doc.RootElement;
        Assert.Equal(
            ["id", "type", "title", "author", "issued", "container-title", "volume", "issue", "page", "publisher", "abstract", "URL", "DOI", "keyword"],
            item.EnumerateObject().Select(p => p.Name));
        Assert.Equal("article-journal", item.GetProperty("type").GetString());
        Assert.Equal("Nature Machine Intelligence & Friends", item.GetProperty("container-title").GetString());
        Assert.Equal("5", item.GetProperty("volume").GetString());
        Assert.Equal("3", item.GetProperty("issue").GetString());
        // CSL writes a range with a hyphen; citeproc formats it (page-range-format) as each style wants.
        Assert.Equal("123-145", item.GetProperty("page").GetString());
        Assert.Equal("Springer Nature", item.GetProperty("publisher").GetString());
        // Not an arXiv preprint: no arXiv number.
        Assert.False(item.TryGetProperty("number", out _));

        using var single = JsonDocument.Parse(CslJson.Item(Article(PhysRev), "k", null));
        Assert.Equal("043512", single.RootElement.GetProperty("page").GetString());
        Assert.False(single.RootElement.TryGetProperty("issue", out _));
        Assert.False(single.RootElement.TryGetProperty("publisher", out _));
    }

    // ---- RIS ----

    [Fact]
    public void In_ris_it_is_a_journal_record_with_volume_issue_and_pages()
    {
        var lines = CheckRis(Ris.Entry(Article(Nature), Url));
        Assert.Equal(
        [
            ("TY", "JOUR"),
            ("TI", "Grokking at the edge of linear separability"),
            ("T2", "Nature Machine Intelligence & Friends"),
            ("JO", "Nature Machine Intelligence & Friends"),
            ("AU", "Lv, Ang"),
            ("AU", "van Beethoven, Ludwig"),
            ("AU", "King, Martin Luther, Jr."),
            ("PY", "2024"),
            ("DA", "2024/03/04/"),
            ("VL", "5"),
            ("IS", "3"),
            ("SP", "123"),
            ("EP", "145"),
            ("PB", "Springer Nature"),
            ("AB", "We study grokking."),
            ("UR", Url),
            ("DO", "10.1038/s42256-024-00001-x"),
            ("KW", "grokking"),
            ("N1", "arXiv:2403.01234"),
            ("ER", ""),
        ], lines);
        var single = CheckRis(Ris.Entry(Article(PhysRev), null));
        Assert.Equal(("SP", "043512"), Assert.Single(single, l => l.Tag == "SP"));
        Assert.DoesNotContain(single, l => l.Tag is "EP" or "IS" or "PB");
    }

    // ---- Google Scholar ----

    [Fact]
    public void Google_scholar_reads_the_journal_its_volume_issue_and_pages()
    {
        var tags = PageMetadata.Highwire(Article(Nature), new SiteUrls(new Uri("https://example.org/")));
        Assert.Equal(
        [
            ("citation_title", "Grokking at the edge of linear separability"),
            ("citation_author", "Ang Lv"),
            ("citation_author", "Ludwig van Beethoven"),
            ("citation_author", "King, Martin Luther, Jr."),
            ("citation_publication_date", "2024/03/04"),
            ("citation_journal_title", "Nature Machine Intelligence & Friends"),
            ("citation_volume", "5"),
            ("citation_issue", "3"),
            ("citation_firstpage", "123"),
            ("citation_lastpage", "145"),
            ("citation_publisher", "Springer Nature"),
            ("citation_arxiv_id", "2403.01234"),
            ("citation_doi", "10.1038/s42256-024-00001-x"),
            ("citation_abstract_html_url", Url),
            ("citation_keywords", "grokking"),
        ], tags.Select(t => (t.Key, t.Value)));
        Assert.All(tags, t => Assert.Equal("name", t.Attribute));

        var single = PageMetadata.Highwire(Article(PhysRev), new SiteUrls(null)).Select(t => t.Key).ToList();
        Assert.Contains("citation_firstpage", single);
        Assert.DoesNotContain("citation_lastpage", single);
        Assert.DoesNotContain("citation_conference_title", single);
    }
}
