using AngleSharp.Html.Parser;
using Xunit;

namespace PortfolioGen.Tests.Site;

/// <summary>
/// llms.txt is Markdown (llmstxt.org), and what it quotes from the profile is text: a title or an abstract pasted with
/// a Markdown link, an HTML tag or emphasis reads back as those characters, never as a live link (a
/// <c>javascript:</c> one), markup or a broken list line, in any Markdown reader.
/// </summary>
public sealed class LlmsTxtTests : IDisposable
{
    private const string Title = @"<img src=x onerror=alert(1)> [Not a link](javascript:alert(1)) *not bold* & a_b\";
    private const string Sentence = "See [the code](javascript:alert(2)) and <script>alert(3)</script> for the details of *it*.";

    private readonly TestSite _site = new($"""
-- seeds/ada.txt --
Ada <b>Researcher</b>

LG

1 Papers

LGMar 4, 2024
{Title}

Ada <b>Researcher</b>, Bo Li

{Sentence} Then more.
-- content/site.yml --
base_url: https://ada.example.org/
description: "Models & <i>markup</i> [x](javascript:alert(4))"
""");

    public LlmsTxtTests() => _site.BuildOk();

    public void Dispose() => _site.Dispose();

    [Fact]
    public void Profile_text_reads_back_as_text_not_as_links_or_markup()
    {
        var markdown = _site.Read("llms.txt");
        var html = Markdig.Markdown.ToHtml(markdown);
        using var doc = new HtmlParser().ParseDocument(html);
        Assert.Empty(doc.QuerySelectorAll("script, img, i, b, em, strong, code"));
        Assert.DoesNotContain(doc.QuerySelectorAll("a"), a => a.GetAttribute("href")!.StartsWith("javascript:", StringComparison.Ordinal));
        Assert.Equal("Ada <b>Researcher</b>", doc.QuerySelector("h1")!.TextContent);
        Assert.Equal("Models & <i>markup</i> [x](javascript:alert(4))", doc.QuerySelector("blockquote")!.TextContent.Trim());
        var item = doc.QuerySelector("li")!;
        // The title is the link to the paper's Markdown page, whole.
        var link = item.QuerySelector("a")!;
        Assert.Equal("https://ada.example.org/papers/img-src-x-onerror-alert-1-not-a-link-javascript-alert-1-not-bold-a-b/index.md", link.GetAttribute("href"));
        Assert.Equal(Title, link.TextContent);
        Assert.Equal($"{Title}: 2024-03-04, cs.LG. {Sentence}", item.TextContent);
    }
}
