using System.Text.Json;
using AngleSharp.Dom;
using PortfolioGen.Profiles;
using PortfolioGen.Scholarly.Citations;
using PortfolioGen.Scholarly.Visuals;
using PortfolioGen.Site;
using PortfolioGen.Tests.Cli;
using PortfolioGen.Tests.Scholarly;
using Xunit;

namespace PortfolioGen.Tests.Site;

/// <summary>
/// A title with math reads as text for people everywhere it is shown as text (the page's and the feed's titles, the
/// tags Google Scholar and link previews read, the citation files, the search index, llms.txt, the social card,
/// <c>portfoliogen parse</c>): Unicode where it writes the formula exactly, else the TeX between its dollars. Only
/// the page's heading is MathML, and BibTeX keeps the TeX (it is TeX).
/// </summary>
public sealed class TitleMathTests : IDisposable
{
    private const string Alpha = "Calibrated α-Divergence Posteriors";
    private const string Attention = "Attention in O(n log n): Linear Transformers";
    private const string Fraction = "The $\\frac{1}{2}$ Rule";

    private const string Files = """
-- seeds/ada.txt --
Ada Researcher

LG

3 Papers

LGMar 4, 2024
Calibrated $\alpha$-Divergence Posteriors

Ada Researcher, Bo Li

We calibrate.

LGFeb 1, 2023
Attention in $O(n \log n)$: Linear Transformers

Ada Researcher

We attend.

LGJan 5, 2022
The $\frac{1}{2}$ Rule

Ada Researcher

Half of it.
-- content/site.yml --
title: Ada's Research
base_url: https://ada.example.org/
""";

    private readonly TestSite _site = new(Files);
    private readonly Profile _profile;

    public TitleMathTests()
    {
        _site.BuildOk();
        _profile = ProfileParser.ParseFile(Path.Combine(_site.Root, "seeds", "ada.txt")).Profile!;
    }

    public void Dispose() => _site.Dispose();

    private Paper PaperTitled(string start)
        => _profile.Papers.Single(p => p.Title.StartsWith(start, StringComparison.Ordinal));

    public static TheoryData<string, string> Titles() => new()
    {
        { "Calibrated", Alpha },
        { "Attention", Attention },
        { "The", Fraction },
    };

    [Theory]
    [MemberData(nameof(Titles))]
    public void The_paper_page_title_and_tags_read_as_text(string start, string readable)
    {
        var paper = PaperTitled(start);
        var doc = _site.Html($"papers/{paper.Slug}/index.html");
        Assert.Equal(readable + " · Ada's Research", doc.Title);
        Assert.Equal(readable, Meta(doc, "property", "og:title"));
        Assert.Equal(readable, Meta(doc, "name", "twitter:title"));
        Assert.Equal(readable, Meta(doc, "name", "citation_title"));
        Assert.StartsWith(readable + " — ", Meta(doc, "property", "og:image:alt"), StringComparison.Ordinal);
        using var ld = JsonDocument.Parse(doc.QuerySelector("script[type='application/ld+json']")!.TextContent);
        Assert.Equal(readable, ld.RootElement.GetProperty("headline").GetString());
        Assert.Equal(readable, ld.RootElement.GetProperty("name").GetString());
        // The heading stays MathML.
        Assert.NotNull(doc.QuerySelector("h1#paper-title math"));
    }

    [Theory]
    [MemberData(nameof(Titles))]
    public void Feed_search_citations_and_llms_txt_read_as_text(string start, string readable)
    {
        var paper = PaperTitled(start);
        _site.AssertFileContains("feed.xml", $"<title type=\"text\">{System.Net.WebUtility.HtmlEncode(readable)}</title>");
        // llms.txt is Markdown: the title is its link's text, escaped where Markdown would read it (The \$\\frac{1}{2}\$ Rule).
        using (var llms = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(Markdig.Markdown.ToHtml(_site.Read("llms.txt"))))
        {
            Assert.Contains(llms.QuerySelectorAll("li > a"), a => a.TextContent == readable && a.GetAttribute("href")!.EndsWith($"/papers/{paper.Slug}/index.md", StringComparison.Ordinal));
        }
        Assert.Contains($"TI  - {readable}\n", _site.Read($"papers/{paper.Slug}/cite.ris").ReplaceLineEndings("\n"));
        using (var csl = JsonDocument.Parse(_site.Read($"papers/{paper.Slug}/cite.json")))
        {
            var item = csl.RootElement.ValueKind == JsonValueKind.Array ? csl.RootElement[0] : csl.RootElement;
            Assert.Equal(readable, item.GetProperty("title").GetString());
        }
        using (var search = JsonDocument.Parse(_site.Read("search/index.json")))
        {
            Assert.Contains(readable, Titles(search.RootElement));
        }
        // BibTeX is TeX: the formula is kept as written.
        _site.AssertFileContains($"papers/{paper.Slug}/cite.bib", paper.Title.Contains("\\alpha", StringComparison.Ordinal) ? "$\\alpha$" : "$");
    }

    [Fact]
    public void The_social_card_draws_the_readable_title()
    {
        using var renderer = new SocialCardRenderer(SocialCardFixture.FontFiles);
        var profile = _profile;
        var view = PaperView.Create(PaperTitled("Calibrated"), PaperAdditions.None, profile, new SiteSettings(), profile.CoAuthors.ToDictionary(c => c.Key));
        var layout = renderer.LayoutPaper(view, "Ada's Research", "Ada Researcher");
        Assert.Equal(Alpha, string.Join(" ", layout.Where(t => t.Part == SocialCardRenderer.Part.Title).Select(t => t.Text)));
    }

    [Fact]
    public void Slugs_and_citation_keys_are_made_as_before()
    {
        // The title's text with its TeX (without the dollars) still makes the citation key.
        Assert.Equal("Calibrated \\alpha-Divergence Posteriors", PaperTitled("Calibrated").TitleMarkup.Text);
        var keys = CitationKeys.Assign(_profile.Papers.Select(p => PaperView.Create(p, PaperAdditions.None, _profile, new SiteSettings(), new Dictionary<string, CoAuthor>())));
        Assert.Equal("researcher2024calibrated", keys[PaperTitled("Calibrated").Slug]);
        Assert.Equal("researcher2023attention", keys[PaperTitled("Attention").Slug]);
    }

    [Fact]
    public void Parse_lists_the_readable_title()
    {
        var r = CliRunner.Run(_site.Root, "parse", "seeds/ada.txt");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains(Alpha, r.Stdout);
        Assert.Contains(Attention, r.Stdout);
        Assert.DoesNotContain("\\alpha", r.Stdout);
    }

    private static string? Meta(IDocument doc, string attribute, string key)
        => doc.QuerySelector($"meta[{attribute}='{key}']")?.GetAttribute("content");

    private static List<string?> Titles(JsonElement root)
    {
        var docs = root.ValueKind == JsonValueKind.Array ? root : root.EnumerateObject().First(p => p.Value.ValueKind == JsonValueKind.Array).Value;
        return [.. docs.EnumerateArray().Select(d => d.GetProperty("title").GetString())];
    }
}
