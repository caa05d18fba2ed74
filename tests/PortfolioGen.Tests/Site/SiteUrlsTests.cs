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

    // A page's file name may hold what a URL cannot hold as it is (a space, a letter beyond ASCII): its URL is
    // percent-encoded, as browsers would send it and as a sitemap must have it. What a URL can hold is left as it is.
    // A theme's link (Link, the templates' url) is encoded the same way.
    [Theory]
    [InlineData("Über uns/", "/h/%C3%9Cber%20uns/", "https://example.org/h/%C3%9Cber%20uns/")]
    [InlineData("talks/2024 \"keynote\"/", "/h/talks/2024%20%22keynote%22/", "https://example.org/h/talks/2024%20%22keynote%22/")]
    [InlineData("a\\b{c}|d^e`f<g>/", "/h/a%5Cb%7Bc%7D%7Cd%5Ee%60f%3Cg%3E/", "https://example.org/h/a%5Cb%7Bc%7D%7Cd%5Ee%60f%3Cg%3E/")]
    // A '%' that starts no escape is the character itself (a page 'content/100% sure.md'): "/h/100%%20sure/" is no URL.
    [InlineData("100% sure/", "/h/100%25%20sure/", "https://example.org/h/100%25%20sure/")]
    [InlineData("50%/a%2/%zz/", "/h/50%25/a%252/%25zz/", "https://example.org/h/50%25/a%252/%25zz/")]
    // '[' and ']' may stand only in a host (an IPv6 address), never in a path (RFC 3986, 3.2.2 and 3.3).
    [InlineData("notes [draft]/", "/h/notes%20%5Bdraft%5D/", "https://example.org/h/notes%20%5Bdraft%5D/")]
    [InlineData("papers/a-b_c.d~e/cite.bib", "/h/papers/a-b_c.d~e/cite.bib", "https://example.org/h/papers/a-b_c.d~e/cite.bib")]
    [InlineData("a!$&'()*+,;=:@/", "/h/a!$&'()*+,;=:@/", "https://example.org/h/a!$&'()*+,;=:@/")]
    public void What_a_url_cannot_hold_is_percent_encoded(string path, string url, string absolute)
    {
        var urls = new SiteUrls(new Uri("https://example.org/h/"));
        Assert.Equal(url, urls.Url(path));
        Assert.Equal(absolute, urls.Absolute(path));
        Assert.Equal(url, urls.Link(path));
        Assert.Equal(absolute, urls.AbsoluteLink(path));
    }

    // A theme's link may carry its own '#fragment', '?query' or escape (url 'about/#team'): they keep their meaning.
    [Theory]
    [InlineData("about/#team", "/h/about/#team", "https://example.org/h/about/#team")]
    [InlineData("search/?q=x&y=1", "/h/search/?q=x&y=1", "https://example.org/h/search/?q=x&y=1")]
    [InlineData("%C3%9Cber/", "/h/%C3%9Cber/", "https://example.org/h/%C3%9Cber/")]
    [InlineData("Über uns/#team", "/h/%C3%9Cber%20uns/#team", "https://example.org/h/%C3%9Cber%20uns/#team")]
    public void A_link_keeps_its_fragment_query_and_escapes(string link, string url, string absolute)
    {
        var urls = new SiteUrls(new Uri("https://example.org/h/"));
        Assert.Equal(url, urls.Link(link));
        Assert.Equal(absolute, urls.AbsoluteLink(link));
    }

    [Fact]
    public void A_page_whose_file_name_has_a_space_and_an_umlaut_is_linked_listed_and_checked_by_its_encoded_url()
    {
        using var site = new TestSite(TestSite.SmallProfile + """
-- content/site.yml --
base_url: https://ada.example.org/
""");
        // (The test site's file markers hold no spaces.)
        File.WriteAllText(Path.Combine(site.Root, "content", "Über uns.md"), "---\ntitle: Über uns\nnav_order: 1\n---\nWir forschen.\n");
        var result = site.BuildOk();
        Assert.Empty(result.Diagnostics);
        Assert.True(site.Exists("Über uns/index.html"));
        var doc = site.Html("index.html");
        Assert.Contains(doc.QuerySelectorAll("nav a"), a => a.GetAttribute("href") == "/%C3%9Cber%20uns/");
        var page = site.Html("Über uns/index.html");
        Assert.Equal("https://ada.example.org/%C3%9Cber%20uns/", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        site.AssertFileContains("sitemap.xml", "<loc>https://ada.example.org/%C3%9Cber%20uns/</loc>");
    }

    // A site path is a path: a page's file or folder name may hold '#', '?' or '%' (a course on C#, 'Q?.md',
    // '%41.md'), which are characters of it, not a fragment, a query or an escape. '/teaching/C#/' is read by a browser
    // as the path '/teaching/C' and the fragment '#/'.
    [Theory]
    [InlineData("teaching/C#/", "/h/teaching/C%23/", "https://example.org/h/teaching/C%23/")]
    [InlineData("Q?/", "/h/Q%3F/", "https://example.org/h/Q%3F/")]
    [InlineData("C#/notes/", "/h/C%23/notes/", "https://example.org/h/C%23/notes/")]
    [InlineData("files/a#b?.pdf", "/h/files/a%23b%3F.pdf", "https://example.org/h/files/a%23b%3F.pdf")]
    [InlineData("%41/", "/h/%2541/", "https://example.org/h/%2541/")]
    [InlineData("50%/", "/h/50%25/", "https://example.org/h/50%25/")]
    [InlineData("C# & F#: notes/", "/h/C%23%20&%20F%23:%20notes/", "https://example.org/h/C%23%20&%20F%23:%20notes/")]
    public void Hash_question_mark_and_percent_in_a_site_path_are_percent_encoded(string path, string url, string absolute)
    {
        var urls = new SiteUrls(new Uri("https://example.org/h/"));
        Assert.Equal(url, urls.Url(path));
        Assert.Equal(absolute, urls.Absolute(path));
    }

    [Fact]
    public void A_page_or_folder_whose_name_has_a_hash_a_question_mark_or_a_percent_is_linked_listed_and_checked_by_its_encoded_url()
    {
        using var site = new TestSite(TestSite.SmallProfile + """
-- content/site.yml --
base_url: https://ada.example.org/h/
-- content/teaching/C#.md --
---
title: Teaching C#
nav_order: 1
---
Notes are [here](/C%23/notes/), slides in [a#b.pdf](/files/a%23b.pdf) and the [percent page](/%2541/).
-- content/C#/notes.md --
---
title: Notes
nav_order: 2
---
Back to [the course](/teaching/C%23/).
-- content/%41.md --
---
title: Percent
nav_order: 3
---
Not the letter A.
-- content/Q?.md --
---
title: Questions?
nav_order: 4
---
Ask.
-- content/files/a#b.pdf --
%PDF-1.4
""");
        var result = site.BuildOk();
        Assert.Empty(result.Diagnostics);
        Assert.True(site.Exists("teaching/C#/index.html"));
        Assert.True(site.Exists("C#/notes/index.html"));
        Assert.True(site.Exists("%41/index.html"));
        Assert.True(site.Exists("Q?/index.html"));
        Assert.True(site.Exists("files/a#b.pdf"));
        var hrefs = site.Html("index.html").QuerySelectorAll("nav a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/h/teaching/C%23/", hrefs);
        Assert.Contains("/h/C%23/notes/", hrefs);
        Assert.Contains("/h/%2541/", hrefs);
        Assert.Contains("/h/Q%3F/", hrefs);
        var page = site.Html("teaching/C#/index.html");
        Assert.Equal("https://ada.example.org/h/teaching/C%23/", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal("https://ada.example.org/h/C%23/notes/", site.Html("C#/notes/index.html").QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        site.AssertFileContains("sitemap.xml", "<loc>https://ada.example.org/h/teaching/C%23/</loc>", "<loc>https://ada.example.org/h/C%23/notes/</loc>",
            "<loc>https://ada.example.org/h/%2541/</loc>", "<loc>https://ada.example.org/h/Q%3F/</loc>");
        // portfoliogen check reads the built folder the same way.
        Assert.Empty(SiteChecker.CheckFolder(site.Output(""), "/h/", s => s));
    }

    // '#' and '?' written as they are in a link to such a page start its fragment and query, in a browser as in the check:
    // the warning says what the author meant and how to write it.
    [Fact]
    public void A_link_that_writes_a_hash_or_question_mark_of_a_name_as_it_is_is_broken_and_the_warning_says_how_to_write_it()
    {
        using var site = new TestSite(TestSite.SmallProfile + """
-- content/site.yml --
base_url: https://ada.example.org/
-- content/teaching/C#.md --
---
title: Teaching C#
---
The course.
-- content/Q?.md --
---
title: Questions?
---
Ask.
-- content/files/a#b.pdf --
%PDF-1.4
-- content/about.md --
---
title: About
---
I teach [C#](/teaching/C#/), answer [questions](/Q?/) and share [slides](/files/a#b.pdf).
""");
        var result = site.BuildOk();
        Assert.Equal(
        [
            "content/about.md(4,14): warning PG0501: the link '/teaching/C#/' leads nowhere: the site has no 'teaching/C' "
                + "(for 'teaching/C#/', write '#' as %23: /teaching/C%23/) (on _site/about/index.html)",
            "content/about.md(4,49): warning PG0501: the link '/Q?/' leads nowhere: the site has no 'Q' "
                + "(for 'Q?/', write '?' as %3F: /Q%3F/) (on _site/about/index.html)",
            "content/about.md(4,74): warning PG0501: the link '/files/a#b.pdf' leads nowhere: the site has no 'files/a' "
                + "(for 'files/a#b.pdf', write '#' as %23: /files/a%23b.pdf) (on _site/about/index.html)",
        ], result.Diagnostics.Select(d => d.ToString()));
    }
}
