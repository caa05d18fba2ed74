using BenchmarkDotNet.Attributes;
using PortfolioGen.Markdown;
using PortfolioGen.Profiles;
using PortfolioGen.Site;

namespace PortfolioGen.Benchmarks;

/// <summary>Reading profiles of 21, 1,000 and 10,000 papers (LaTeX and math included).</summary>
[MemoryDiagnoser]
public class ParserBenchmarks
{
    private string _text = "";

    [Params(21, 1000, 10000)]
    public int Papers { get; set; }

    [GlobalSetup]
    public void Setup() => _text = File.ReadAllText(Profiles.Path(Papers));

    [Benchmark]
    public int Parse() => ProfileParser.Parse(_text, "profile.txt").Profile!.Papers.Length;
}

/// <summary>Markdown: a reference abstract through the generated pipeline, a page through the content pipeline.</summary>
[MemoryDiagnoser]
public class MarkdownBenchmarks
{
    private readonly MarkdownRenderer _renderer = new("/", allowRawHtml: false);
    private string _abstract = "";
    private const string Page = "# About\n\nI work on **language models**: see [the reversal curse](/papers/x/), $x^2$ and\n\n- lists\n- with `code`\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";

    [GlobalSetup]
    public void Setup()
    {
        var profile = ProfileParser.ParseFile(Profiles.Path(21)).Profile!;
        var paper = profile.Papers.Single(p => p.Slug == "an-analysis-and-mitigation-of-the-reversal-curse");
        _abstract = PaperMarkdown.Abstract(PaperView.Create(paper, PaperAdditions.None, profile, new SiteSettings(), profile.CoAuthors.ToDictionary(c => c.Key)));
    }

    [Benchmark]
    public int GeneratedAbstract() => _renderer.RenderGenerated(_abstract).Html.Length;

    [Benchmark]
    public int ContentPage() => _renderer.RenderContent(Page).Html.Length;
}

/// <summary>Whole builds of 21, 1,000 and 10,000 papers into a fresh folder on tmpfs (every check on).</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class BuildBenchmarks
{
    private string _site = "";
    private string _output = "";

    [Params(21, 1000, 10000)]
    public int Papers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _site = Profiles.Site(Papers);
        _output = Directory.Exists("/dev/shm") ? $"/dev/shm/portfoliogen-bench-{Papers}" : Path.Combine(Path.GetTempPath(), $"portfoliogen-bench-out-{Papers}");
    }

    [IterationSetup]
    public void Clean()
    {
        if (Directory.Exists(_output)) Directory.Delete(_output, recursive: true);
    }

    [Benchmark]
    public int Build()
    {
        var result = SiteBuilder.BuildAsync(new BuildOptions { SiteRoot = _site, Output = _output, BaseUrl = "https://example.org/" }).GetAwaiter().GetResult();
        if (!result.Success) throw new InvalidOperationException(string.Join("\n", result.Diagnostics));
        return result.Files;
    }
}

/// <summary>Rendering the paper layout of the reference site (the build renders it 21 to 10,000 times).</summary>
[MemoryDiagnoser]
public class TemplateBenchmarks
{
    private BuildSession _session = null!;
    private string _site = "";

    [GlobalSetup]
    public void Setup()
    {
        _site = Profiles.Site(21);
        _session = new BuildSession();
    }

    // A serve-style rebuild with nothing changed: fingerprints, no rendering, no writing.
    [Benchmark]
    public int RebuildNothingChanged()
        => SiteBuilder.BuildAsync(new BuildOptions { SiteRoot = _site, Output = "/dev/shm/portfoliogen-bench-rebuild", BaseUrl = "https://example.org/" }, _session)
            .GetAwaiter().GetResult().Rendered.Count;
}
