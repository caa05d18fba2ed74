using PortfolioGen.Site;
using Xunit;

namespace PortfolioGen.Tests.Site;

/// <summary>
/// A DOI may hold any printable character: SICI DOIs of the 1990s end in a check character that can be '#' and carry
/// '&lt;' and '&gt;' (<c>10.1002/(SICI)…&lt;1::AID-…&gt;3.0.CO;2-#</c>). The paper's DOI link encodes what a URL would
/// read otherwise (a '#' would start a fragment and resolve another DOI), and the DOI itself stays as written.
/// </summary>
public sealed class PaperAdditionsLinkTests
{
    private static PaperAdditions Read(string doi)
    {
        var diagnostics = new List<Diagnostic>();
        var additions = PaperAdditionsReader.Read($"---\nlinks:\n  doi: \"{doi}\"\n---\n", "x.md", diagnostics);
        Assert.Empty(diagnostics);
        return additions;
    }

    [Theory]
    [InlineData("10.1000/xyz123", "10.1000/xyz123", "https://doi.org/10.1000/xyz123")]
    [InlineData("10.1002/(SICI)1097-4636(199703)35:1<1::AID-JBM1>3.0.CO;2-#", "10.1002/(SICI)1097-4636(199703)35:1<1::AID-JBM1>3.0.CO;2-#",
        "https://doi.org/10.1002/(SICI)1097-4636(199703)35:1%3C1::AID-JBM1%3E3.0.CO;2-%23")]
    [InlineData("10.1000/50%off?x", "10.1000/50%off?x", "https://doi.org/10.1000/50%25off%3Fx")]
    // A doi.org URL holds the DOI encoded: the DOI is the decoded one, and the link the URL's.
    [InlineData("https://doi.org/10.1000/a%23b", "10.1000/a#b", "https://doi.org/10.1000/a%23b")]
    public void The_link_encodes_what_a_url_would_read_and_the_doi_stays_as_written(string given, string doi, string url)
    {
        var additions = Read(given);
        Assert.Equal(doi, additions.Doi);
        Assert.Equal(url, Assert.Single(additions.Links).Url);
    }
}
