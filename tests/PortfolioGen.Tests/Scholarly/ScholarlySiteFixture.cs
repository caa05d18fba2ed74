using PortfolioGen.Profiles;
using PortfolioGen.Site;

namespace PortfolioGen.Tests.Scholarly;

/// <summary>The reference profile built for a GitHub Pages project site (a sub-path base URL).</summary>
public sealed class ScholarlySiteFixture : IDisposable
{
    public const string BaseUrl = "https://example.github.io/portfolio/";

    public ScholarlySiteFixture()
    {
        Dir = new TempDirectory();
        Dir.Write("seeds/ang-lv.txt", File.ReadAllText(TestPaths.ReferenceProfile));
        Dir.Write("content/site.yml", """
            title: Ang Lv
            owner:
              affiliation: Example University
              links:
                email: ang@example.org
                github: angl
                orcid: 0000-0002-1825-0097
            featured: [autonomy-of-experts-models]
            """);
        Dir.Write("content/about.md", "---\ntitle: About\nnav_order: 1\n---\nSee [the reversal curse](/papers/an-analysis-and-mitigation-of-the-reversal-curse/#abstract).\n");
        Dir.Write("content/papers/autonomy-of-experts-models.md", """
            ---
            venue: ICML 2025
            tags: [mixture-of-experts, routing]
            links:
              pdf: https://arxiv.org/pdf/2501.13074
              arxiv: 2501.13074
              doi: 10.48550/arXiv.2501.13074
              code: https://github.com/example/aoe
            ---
            """);
        Result = SiteBuilder.BuildAsync(new BuildOptions { SiteRoot = Dir.Path, BaseUrl = BaseUrl, Strict = true }).GetAwaiter().GetResult();
        Profile = ProfileParser.ParseFile(TestPaths.ReferenceProfile).Profile!;
    }

    public TempDirectory Dir { get; }
    public BuildResult Result { get; }
    public Profile Profile { get; }
    public string Output => Path.Combine(Dir.Path, "_site");
    public string Read(string path) => File.ReadAllText(Path.Combine(Output, path));
    public bool Exists(string path) => File.Exists(Path.Combine(Output, path));
    public AngleSharp.Dom.IDocument Html(string path) => new AngleSharp.Html.Parser.HtmlParser().ParseDocument(Read(path));

    public void Dispose() => Dir.Dispose();
}
