using PortfolioGen.Site;
using Xunit;

namespace PortfolioGen.Tests.Site;

public sealed class SiteUrlsTests
{
    [Theory]
    [InlineData("https://example.org/", "papers/x/", "/papers/x/", "https://example.org/papers/x/")]
    [InlineData("https://example.org/", "/papers/x/", "/papers/x/", "https://example.org/papers/x/")]
    [InlineData("https://user.github.io/portfolio", "", "/portfolio/", "https://user.github.io/portfolio/")]
    [InlineData("https://user.github.io/portfolio/", "//feed.xml", "/portfolio/feed.xml", "https://user.github.io/portfolio/feed.xml")]
    [InlineData("http://localhost:8080/a/b/", "topics/cs-cl/", "/a/b/topics/cs-cl/", "http://localhost:8080/a/b/topics/cs-cl/")]
    public void Urls_join_the_base_and_the_site_path(string baseUrl, string path, string url, string absolute)
    {
        var urls = new SiteUrls(new Uri(baseUrl));
        Assert.Equal(url, urls.Url(path));
        Assert.Equal(absolute, urls.Absolute(path));
    }

    [Fact]
    public void Without_a_base_url_links_are_root_relative_and_there_is_no_absolute_url()
    {
        var urls = new SiteUrls(null);
        Assert.Equal("/papers/x/", urls.Url("papers/x/"));
        Assert.Equal("/", urls.Url(""));
        Assert.Null(urls.Absolute("papers/x/"));
    }
}
