using PortfolioGen.Site;
using PortfolioGen.Tests.Site;
using Xunit;

namespace PortfolioGen.Tests.Serving;

/// <summary>
/// The home page and the co-author index are made from the whole profile. In a serve session an edit that changes
/// nothing they show (an abstract) takes them from the session's cache, as it does the pages of the papers not edited:
/// at 10,000 papers the home page's model alone is 10,000 list entries.
/// </summary>
public sealed class WholeProfilePageTests
{
    private static string ProfilePath(TestSite site) => Path.Combine(site.Root, "seeds", "ang-lv.txt");

    private static void Replace(TestSite site, string from, string to)
    {
        var text = File.ReadAllText(ProfilePath(site));
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(ProfilePath(site), text.Replace(from, to, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_abstract_edit_takes_the_home_page_and_the_co_author_index_from_the_cache()
    {
        using var site = new TestSite("-- seeds/ang-lv.txt --\n" + IncrementalEquivalenceTests.Reference + "-- content/site.yml --\n" + IncrementalEquivalenceTests.Settings);
        var session = new BuildSession();
        var options = new BuildOptions { SiteRoot = site.Root };
        var first = await SiteBuilder.BuildAsync(options, session);
        Assert.True(first.Success);
        var papers = first.PaperSlugs.Count;
        var coAuthors = Directory.GetDirectories(site.Output("coauthors")).Length;
        var topics = Directory.GetDirectories(site.Output("topics")).Length;

        Replace(site, "Is it always necessary to compute tokens", "Is it really always necessary to compute tokens");
        var rebuilt = await SiteBuilder.BuildAsync(options, session);
        Assert.True(rebuilt.Success);
        // Every paper's page but the edited one, every co-author's and topic's page, the co-author index and the home page.
        Assert.Equal(papers - 1 + coAuthors + topics + 2, session.Documents.PageHits);
        await IncrementalEquivalenceReviewTests.AssertOutputIsFresh(site, options, rebuilt, "abstract");
    }

    [Fact]
    public async Task A_new_co_author_on_one_paper_makes_the_home_page_and_the_co_author_index_again()
    {
        using var site = new TestSite("-- seeds/ang-lv.txt --\n" + IncrementalEquivalenceTests.Reference + "-- content/site.yml --\n" + IncrementalEquivalenceTests.Settings);
        var session = new BuildSession();
        var options = new BuildOptions { SiteRoot = site.Root };
        Assert.True((await SiteBuilder.BuildAsync(options, session)).Success);

        Replace(site, "Ang Lv, Kaiyi Zhang, Shufang Xie et al.", "Ang Lv, Kaiyi Zhang, Nova Quill, Shufang Xie et al.");
        var rebuilt = await SiteBuilder.BuildAsync(options, session);
        Assert.True(rebuilt.Success);
        Assert.Contains("coauthors/index.html", rebuilt.Rendered);
        Assert.Contains("index.html", rebuilt.Rendered);
        Assert.Contains("Nova Quill", File.ReadAllText(site.Output("coauthors/index.html")), StringComparison.Ordinal);
        await IncrementalEquivalenceReviewTests.AssertOutputIsFresh(site, options, rebuilt, "new co-author");
    }
}
