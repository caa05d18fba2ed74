using System.Diagnostics;
using PortfolioGen.Profiles;
using PortfolioGen.Site;

namespace PortfolioGen.Benchmarks;

/// <summary>
/// `dotnet run -c Release --project tests/PortfolioGen.Benchmarks -- --quick 10000`: one pass of each stage of a
/// build over a profile, with the CPU time it took and the memory it allocated — a quick look at where the time goes, not a benchmark.
/// </summary>
public static class Quick
{
    public static void Run(int papers)
    {
        var text = File.ReadAllText(Profiles.Path(papers));
        var profile = Measure("parse", () => ProfileParser.Parse(text, "p.txt").Profile!);
        var views = Measure("views", () =>
        {
            // One co-author table and settings for all papers, as the build has (not one per paper).
            var coAuthors = profile.CoAuthors.ToDictionary(c => c.Key);
            var settings = new SiteSettings();
            return profile.Papers.Select(p => PaperView.Create(p, PaperAdditions.None, profile, settings, coAuthors)).ToList();
        });
        var keys = Measure("keys", () => Scholarly.Citations.CitationKeys.Assign(views));
        var urls = new SiteUrls(new Uri("https://example.org/"));
        Measure("bibtex", () => views.Sum(v => Scholarly.Citations.BibTeX.Entry(v, keys[v.Slug], "https://example.org/x/").Length));
        Measure("ris", () => views.Sum(v => Scholarly.Citations.Ris.Entry(v, "https://example.org/x/").Length));
        Measure("csl", () => views.Sum(v => Scholarly.Citations.CslJson.Item(v, keys[v.Slug], "https://example.org/x/").Length));
        Measure("markdown front matter", () => views.Sum(v => PaperMarkdown.Generate(v, urls).Length));
        var abstracts = Measure("abstract markdown", () => views.Select(PaperMarkdown.Abstract).ToList());
        var md = new Markdown.MarkdownRenderer("/", false);
        Measure("markdig abstracts", () => abstracts.Sum(a => md.RenderGenerated(a).Html.Length));
        Measure("highwire+jsonld", () => views.Sum(v => Scholarly.PageMetadata.Highwire(v, urls).Count));
        Measure("describe", () => views.Sum(v => SitePipelines.Describe(v.Paper.Abstract?.Text ?? "").Length));
        // The co-author graph is drawn once per build, from at most 300 co-authors: a constant cost past a few hundred papers.
        for (var i = 0; i < 3; i++) Measure("co-author graph", () => Scholarly.Visuals.CollaborationGraphBuilder.Build(views, profile, s => "/coauthors/" + s + "/").Nodes.Count);
    }

    private static T Measure<T>(string what, Func<T> f)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var wall = Stopwatch.StartNew();
        var result = f();
        Console.WriteLine($"{what,-24} {wall.ElapsedMilliseconds,7} ms wall {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds,8:0} ms cpu {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0,8:0.0} MiB allocated");
        return result;
    }
}
