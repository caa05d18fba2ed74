using AngleSharp.Html.Parser;
using Xunit;

namespace PortfolioGen.Tests.Site;

public class HtmlScannerTests(ReferenceSiteFixture site) : IClassFixture<ReferenceSiteFixture>
{
    [Fact]
    public void On_every_page_of_the_reference_site_it_finds_what_the_full_parser_finds()
    {
        var parser = new HtmlParser();
        var pages = Directory.GetFiles(site.Output, "*.html", SearchOption.AllDirectories);
        Assert.True(pages.Length > 50);
        foreach (var page in pages)
        {
            var html = File.ReadAllText(page);
            var fast = HtmlScanner.Scan(html);
            using var doc = parser.ParseDocument(html);
            Assert.Empty(fast.Errors);
            Assert.Equal(doc.QuerySelectorAll("[id]").Select(e => e.Id!).ToHashSet(), fast.Ids);
            var expected = doc.QuerySelectorAll("a[href], link[href], script[src], img[src]")
                .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")!).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(expected, fast.Links.Select(l => l.Url).Order(StringComparer.Ordinal).ToList());
            Assert.Equal(doc.Title, fast.Title);
            Assert.Equal(doc.DocumentElement.GetAttribute("lang"), fast.Language);
        }
    }

    [Theory]
    [InlineData("<p>fine</p><ul><li>a<li>b</ul><img src=x><br>", null)]
    [InlineData("<svg viewBox=\"0 0 1 1\"><circle r=\"1\"/><g><title>t</title></g></svg>", null)]
    [InlineData("<div><span></div>", "</div> closes <span>, which is still open")]
    [InlineData("<div></span></div>", "the end tag </span> closes nothing that is open")]
    [InlineData("<section><div></section>", "</section> closes <div>, which is still open")]
    [InlineData("<div>", "</body> closes <div>, which is still open")]
    [InlineData("<!-- open", "a comment that is never closed")]
    [InlineData("<a href=\"x>link</a>", "the value of 'href' in <a> is never closed")]
    [InlineData("<a href=\"x\" href=\"y\">link</a>", "the attribute 'href' appears twice in <a>")]
    [InlineData("<div/>", "<div/> does not close a div element in HTML; write <div></div>")]
    [InlineData("a < b", "a '<' that starts no tag (write &lt;)")]
    [InlineData("<p>x</p></p>", "the end tag </p> has no open paragraph")]
    [InlineData("<script>let x = 1;", "<script> is never closed")]
    public void It_reports_malformed_markup_at_its_position(string body, string? message)
    {
        var result = HtmlScanner.Scan("<!DOCTYPE html><html lang=\"en\"><head><title>t</title></head><body>\n" + body + "\n</body></html>");
        if (message is null)
        {
            Assert.Empty(result.Errors);
            return;
        }
        var error = Assert.Single(result.Errors);
        Assert.Equal(message, error.Message);
        // At the offending tag; an element never closed is reported where it had to be.
        Assert.Equal(message.StartsWith("</body>", StringComparison.Ordinal) ? 3 : 2, error.Line);
    }

    [Fact]
    public void A_title_inside_an_svg_names_the_picture_not_the_page()
    {
        var result = HtmlScanner.Scan("<html lang=\"en\"><head><title>The page</title></head><body>"
            + "<svg role=\"img\"><title>The picture</title><rect width=\"1\" height=\"1\"><title>A bar</title></rect></svg></body></html>");
        Assert.Empty(result.Errors);
        Assert.Equal("The page", result.Title);
        var untitled = HtmlScanner.Scan("<html lang=\"en\"><body><svg><title>The picture</title></svg></body></html>");
        Assert.Null(untitled.Title);
    }

    [Fact]
    public void Entities_in_attributes_are_decoded_and_ids_and_anchors_counted()
    {
        var result = HtmlScanner.Scan("<html lang=\"de\"><title>A &amp; B</title><a id=\"x\" href=\"/p?a=1&amp;b=2#f\">x</a><a name=\"old\"></a><p id=\"x\"></p></html>");
        Assert.Equal("A & B", result.Title);
        Assert.Equal("de", result.Language);
        Assert.Equal("/p?a=1&b=2#f", Assert.Single(result.Links).Url);
        Assert.Equal(["old", "x"], result.Ids.Order(StringComparer.Ordinal));
        Assert.Equal("x", Assert.Single(result.DuplicateIds).Id);
    }
}
