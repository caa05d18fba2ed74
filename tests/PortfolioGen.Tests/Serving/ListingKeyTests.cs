using PortfolioGen.Site;
using PortfolioGen.Tests.Site;
using Xunit;

namespace PortfolioGen.Tests.Serving;

/// <summary>
/// A co-author's page is reused while each of its papers' list entries is the same, names of the other co-authors
/// included: an edit elsewhere that changes how another co-author is named must reach it.
/// </summary>
public sealed class ListingKeyTests
{
    private const string Profile = """
        Ang Lv

        CL
        h-index1
        3papers
        3citations

        3 Papers

        CLMar 3, 2025
        Third Paper

        Ang Lv, Kaiyí Zhang

        Third.

        CLFeb 2, 2025
        Second Paper

        Ang Lv, Kaiyi Zhang

        Second.

        CLJan 1, 2025
        First Paper

        Ang Lv, Bo Chen, Kaiyi Zhang

        First.

        """;

    [Fact]
    public async Task A_co_authors_page_shows_another_co_authors_new_name_after_an_edit_to_a_paper_it_does_not_list()
    {
        using var site = new TestSite("-- seeds/ang-lv.txt --\n" + Profile + "-- content/site.yml --\n" + IncrementalEquivalenceTests.Settings);
        var session = new BuildSession();
        var options = new BuildOptions { SiteRoot = site.Root };
        Assert.True((await SiteBuilder.BuildAsync(options, session)).Success);
        var bo = site.Output("coauthors/bo-chen/index.html");
        Assert.Contains("Kaiyi Zhang", File.ReadAllText(bo), StringComparison.Ordinal);
        // The second paper's spelling makes "Kaiyí Zhang" the one used most; Bo Chen's only paper is untouched.
        var path = Path.Combine(site.Root, "seeds", "ang-lv.txt");
        File.WriteAllText(path, File.ReadAllText(path).Replace("Ang Lv, Kaiyi Zhang\n", "Ang Lv, Kaiyí Zhang\n", StringComparison.Ordinal));
        var rebuilt = await SiteBuilder.BuildAsync(options, session);
        Assert.True(rebuilt.Success);
        var fresh = await SiteBuilder.BuildAsync(options with { Output = "_fresh" });
        Assert.Contains("Kaiyí Zhang", File.ReadAllText(site.Output("coauthors/bo-chen/index.html", "_fresh")), StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(site.Output("coauthors/bo-chen/index.html", "_fresh")), File.ReadAllText(bo));
        Assert.True(rebuilt.Reused > 0, "the session reused nothing");
    }
}
