using CsCheck;
using PortfolioGen.Markdown;
using PortfolioGen.Profiles;
using PortfolioGen.Site;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace PortfolioGen.Tests.Site;

/// <summary>The generated Markdown of a paper: front matter that YAML readers read back exactly, and an abstract that Markdig renders to the model's HTML.</summary>
public class PaperMarkdownTests
{
    private static readonly Profile Reference = ProfileParser.ParseFile(TestPaths.ReferenceProfile).Profile!;

    private static PaperView View(Paper paper, Profile profile, PaperAdditions? additions = null)
        => PaperView.Create(paper, additions ?? PaperAdditions.None, profile, new SiteSettings(), profile.CoAuthors.ToDictionary(c => c.Key));

    private static YamlMappingNode FrontMatter(string markdown)
    {
        Assert.StartsWith("---\n", markdown);
        var end = markdown.IndexOf("\n---\n", 4, StringComparison.Ordinal);
        var stream = new YamlStream();
        stream.Load(new StringReader(markdown[4..end]));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    [Fact]
    public void Every_reference_paper_reads_back_field_by_field()
    {
        var urls = new SiteUrls(new Uri("https://example.org/"));
        foreach (var paper in Reference.Papers)
        {
            var fm = FrontMatter(PaperMarkdown.Generate(View(paper, Reference), urls));
            Assert.Equal(paper.Title, fm["title"].ToString());
            Assert.Equal(paper.Slug, fm["slug"].ToString());
            Assert.Equal(paper.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), fm["date"].ToString());
            Assert.Equal(paper.Category.Code, ((YamlMappingNode)fm["category"])["code"].ToString());
            Assert.Equal(paper.Category.Name, ((YamlMappingNode)fm["category"])["name"].ToString());
            Assert.Equal(paper.HasCode ? "true" : "false", fm["has_code"].ToString());
            Assert.Equal(paper.Authors.ToArray(), ((YamlSequenceNode)fm["authors"]).Children.Select(c => c.ToString()).ToArray());
            Assert.Equal(paper.AuthorsTruncated ? "true" : "false", fm["authors_truncated"].ToString());
            Assert.Equal($"https://example.org/papers/{paper.Slug}/", fm["url"].ToString());
        }
    }

    [Fact]
    public void Any_text_in_the_front_matter_reads_back_as_the_same_text()
    {
        Gen.String.Where(s => !s.Any(char.IsSurrogate)).Sample(text =>
        {
            var paper = Reference.Papers[0] with { Title = text };
            var additions = PaperAdditions.None with { Venue = text.Length > 0 ? text : null, Tags = [text] };
            var fm = FrontMatter(PaperMarkdown.Generate(View(paper, Reference, additions), new SiteUrls(null)));
            Assert.Equal(text, ((YamlScalarNode)fm["title"]).Value);
            Assert.Equal(text, ((YamlScalarNode)((YamlSequenceNode)fm["tags"]).Children[0]).Value);
            Assert.Equal(ScalarStyleIsQuoted, ((YamlScalarNode)fm["title"]).Style == YamlDotNet.Core.ScalarStyle.DoubleQuoted);
        }, iter: 2000);
    }

    private const bool ScalarStyleIsQuoted = true;

    [Fact]
    public void Markdig_renders_each_generated_abstract_to_exactly_the_models_html()
    {
        // The build uses the model's abstract HTML on the page; this is what keeps index.md faithful to it.
        var renderer = new MarkdownRenderer("/", allowRawHtml: false);
        foreach (var paper in Reference.Papers.Where(p => p.Abstract is not null))
        {
            Assert.Equal(paper.Abstract!.Html + "\n", renderer.RenderGenerated(PaperMarkdown.Abstract(View(paper, Reference))).Html);
        }
    }

    [Fact]
    public void Markdig_renders_generated_abstracts_of_any_light_latex_to_the_models_html()
    {
        var words = Gen.OneOf(Gen.Const("word"), Gen.Const("\\textit{it}"), Gen.Const("\\textbf{bold}"), Gen.Const("``quote''"), Gen.Const("$x^2$"),
            Gen.Const("5\\%"), Gen.Const("a\\_b"), Gen.Const("--"), Gen.Const("<tag>"), Gen.Const("&amp;"), Gen.Const("*star*"), Gen.Const("[link]"),
            Gen.Const("https://example.org/x."), Gen.Const("\\footnote{https://example.org}"), Gen.Const("`tick`"), Gen.Const("1."), Gen.Const("#"),
            Gen.Const("a~b"), Gen.Const("it's"), Gen.Const("\"q\""), Gen.Const("|"), Gen.Const("!"), Gen.Const("_u_"), Gen.Const("\\emph{e}"),
            // Math that touches text (glued to it, see MathGlue), in emphasis, a footnote and after a no-break space.
            Gen.Const("``$aRb$,''"), Gen.Const("f($x$)-$y$"), Gen.Const("\\textit{in $z$}."), Gen.Const("\\footnote{see $w$}"), Gen.Const("T~$1$"));
        var renderer = new MarkdownRenderer("/", allowRawHtml: false);
        words.Array[1, 30].Select(w => string.Join(' ', w)).Sample(abstractText =>
        {
            var text = $"Ada\n\nCLMar 4, 2024\nT\n\nAda\n\n{abstractText}\n";
            var profile = ProfileParser.Parse(text, "p.txt").Profile!;
            var paper = Assert.Single(profile.Papers);
            var view = View(paper, profile);
            var markdown = PaperMarkdown.Abstract(view);
            Assert.Equal(paper.Abstract!.Html + "\n", renderer.RenderGenerated(markdown).Html);
            // index.md appends the same Markdown after its front matter (escaped where the abstract starts, not the file).
            Assert.EndsWith("---\n\n## Abstract\n\n" + markdown + "\n", PaperMarkdown.Generate(view, new SiteUrls(null)));
        }, iter: 500);
    }
}
