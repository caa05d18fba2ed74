using PortfolioGen.Site;
using PortfolioGen.Tests.Site;
using Xunit;

namespace PortfolioGen.Tests.Serving;

/// <summary>
/// A serve session reuses what it made before (rendered pages, citation files, co-author and topic pages) when their
/// inputs did not change. Whatever it reuses, after every kind of edit its site must be byte for byte the site a
/// fresh build of the same inputs writes: a stale page is worse than a slow rebuild.
/// </summary>
public class IncrementalEquivalenceTests
{
    internal static string Reference => File.ReadAllText(TestPaths.ReferenceProfile);

    internal const string Settings = "base_url: https://ang.example.org/\nsocial_cards: none\n";

    // Each edit is applied to the files as the previous edits left them.
    private static readonly string[] Edits =
    [
        "title", "abstract", "author-added", "author-removed", "coauthor-spelling", "date", "category", "code-flag", "paper-added-on-top", "paper-removed",
        "same-title-twice", "organisation", "additions", "journal", "journal-volume", "additions-removed", "featured", "owner-tagline", "about-page", "figures",
    ];

    private static void Apply(TestSite site, string edit)
    {
        var profile = Path.Combine(site.Root, "seeds", "ang-lv.txt");
        string P() => File.ReadAllText(profile);
        void Replace(string from, string to)
        {
            var text = P();
            Assert.Contains(from, text);
            File.WriteAllText(profile, text.Replace(from, to, StringComparison.Ordinal));
        }
        switch (edit)
        {
            case "title": Replace("An Analysis and Mitigation of the Reversal Curse", "An Analysis and Mitigation of the Reversal Curse, Revisited"); break;
            case "abstract": Replace("Is it always necessary to compute tokens", "Is it really always necessary to compute tokens"); break;
            case "author-added": Replace("Ang Lv, Kaiyi Zhang, Shufang Xie et al.", "Ang Lv, Kaiyi Zhang, Nova Quill, Shufang Xie et al."); break;
            case "author-removed": Replace("Tao Tan, Yining Qian, Ang Lv et al.", "Tao Tan, Ang Lv et al."); break;
            // Three of Kaiyi Zhang's four papers spell the name another way, which becomes the name their page and the
            // pages linking to it show; the fourth paper (with Shufang Xie) is unchanged, and so is its list entry.
            case "coauthor-spelling":
                Replace("Kaiyi Zhang, Ang Lv, Yuhan Chen", "Kaiyi ZHANG, Ang Lv, Yuhan Chen");
                Replace("Ang Lv, Yuhan Chen, Kaiyi Zhang", "Ang Lv, Yuhan Chen, Kaiyi ZHANG");
                Replace("Kaiyi Zhang, Ang Lv, Jinpeng Li", "Kaiyi ZHANG, Ang Lv, Jinpeng Li");
                break;
            case "date": Replace("CLJun 29, 2023\nDialoGPS", "CLJan 2, 2021\nDialoGPS"); break;
            case "category": Replace("CLSep 29, 2024\nPEAR", "IRSep 29, 2024\nPEAR"); break;
            case "code-flag": Replace("CLJul 9, 2024\nMixture", "CLJul 9, 2024Code\nMixture"); break;
            case "paper-added-on-top":
                Replace("21 Papers\n\n", "21 Papers\n\nLGOct 1, 2025Code\nA Brand New Paper With Code at https://github.com/ang/new-paper\n\nAng Lv, Bo Newman\n\nWe show a new thing. Code: https://github.com/ang/new-paper\n\n");
                break;
            case "paper-removed":
            {
                var text = P();
                var start = text.IndexOf("CLNov 13, 2023\n", StringComparison.Ordinal);
                var end = text.IndexOf("CLJul 9, 2024", StringComparison.Ordinal);
                Assert.True(start > 0 && end > start);
                File.WriteAllText(profile, text.Remove(start, end - start));
                break;
            }
            case "same-title-twice":
                Replace("21 Papers\n\n", "21 Papers\n\nCLJul 9, 2024\nMixture-of-Modules: Reinventing Transformers as Dynamic Assemblies of Modules\n\nAng Lv\n\nThe same title, a second entry.\n\n");
                break;
            case "organisation": Replace("Ang Lv, Xu Tan, Tao Qin et al. · microsoft-research", "Ang Lv, Xu Tan, Tao Qin et al. · msra"); break;
            case "additions":
                site.Write("""
-- content/papers/mixture-of-modules-reinventing-transformers-as-dynamic-assemblies-of-modules.md --
---
venue: ACL 2025
tags: [transformers, routing]
links:
  pdf: https://arxiv.org/pdf/2407.06677
  arxiv: https://arxiv.org/abs/2407.06677
---
Notes with a [link to the topics](/topics/).
""");
                break;
            // The conference paper becomes a journal article, then its volume changes: its page, its list entries, its
            // citation files and the whole-site bibliographies change with each.
            case "journal":
            case "journal-volume":
                site.Write($"""
-- content/papers/mixture-of-modules-reinventing-transformers-as-dynamic-assemblies-of-modules.md --
---
journal: Transactions on Machine Learning Research
volume: {(edit == "journal" ? 1 : 2)}
pages: 1--24
tags: [transformers, routing]
---
Notes.
""");
                break;
            case "additions-removed": site.Delete("content/papers/mixture-of-modules-reinventing-transformers-as-dynamic-assemblies-of-modules.md"); break;
            case "featured": site.Write("-- content/site.yml --\n" + Settings + "featured: [pear-position-embedding-agnostic-attention-re-weighting-enhances-retrieval-augmented-generation-with-zero-inference-overhead]\n"); break;
            case "owner-tagline": site.Write("-- content/site.yml --\n" + Settings + "owner:\n  tagline: Language models and music\n"); break;
            case "about-page": site.Write("-- content/about.md --\n---\ntitle: About\nnav_order: 1\n---\nHello.\n"); break;
            case "figures": Replace("h-index17", "h-index18"); break;
            case "last-title": Replace("PEAR: Position", "PEAR 2: Position"); break;
            default: throw new ArgumentException(edit);
        }
    }

    /// <summary>Sets the modification time of a folder and every folder in it an hour back, as if the build were an hour old.</summary>
    internal static void Backdate(string root)
    {
        var past = DateTime.UtcNow.AddHours(-1);
        foreach (var dir in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories).Prepend(root)) Directory.SetLastWriteTimeUtc(dir, past);
    }

    [Fact]
    public async Task Every_rebuild_of_a_session_writes_the_site_a_fresh_build_writes()
    {
        using var site = new TestSite("-- seeds/ang-lv.txt --\n" + Reference + "-- content/site.yml --\n" + Settings);
        var session = new BuildSession();
        var options = new BuildOptions { SiteRoot = site.Root };
        var first = await SiteBuilder.BuildAsync(options, session);
        Assert.True(first.Success, string.Join("\n", first.Diagnostics));
        foreach (var edit in Edits)
        {
            // As serve does once a build is written: the output's files are checked then, not by the next rebuild
            // (some time after their folders last changed: folders changed within the last second are not trusted).
            Backdate(site.Output(""));
            Assert.True(session.Output.Verify() > 0);
            Apply(site, edit);
            var rebuilt = await SiteBuilder.BuildAsync(options, session);
            Assert.True(rebuilt.Success, edit + ": " + string.Join("\n", rebuilt.Diagnostics));
            var fresh = await SiteBuilder.BuildAsync(options with { Output = "_fresh" });
            Assert.True(fresh.Success, edit + ": " + string.Join("\n", fresh.Diagnostics));
            Assert.Equal(fresh.Diagnostics.Select(d => d.ToString().Replace("_fresh", "_site", StringComparison.Ordinal)), rebuilt.Diagnostics.Select(d => d.ToString()));
            var expected = BuildIntegrationTests.Snapshot(site.Output("", "_fresh"));
            var actual = BuildIntegrationTests.Snapshot(site.Output(""));
            var differing = expected.Keys.Union(actual.Keys).Where(k => expected.GetValueOrDefault(k) != actual.GetValueOrDefault(k)).Take(10).ToList();
            Assert.True(differing.Count == 0, $"after the '{edit}' edit the session's site differs from a fresh build in: {string.Join(", ", differing)}");
            Directory.Delete(site.Output("", "_fresh"), recursive: true);
        }
        // The session did reuse work: after a title edit, most pages came from its caches.
        Apply(site, "last-title");
        var again = await SiteBuilder.BuildAsync(options, session);
        Assert.True(again.Reused > again.Pages / 2, $"{again.Reused} of {again.Pages} pages reused");
    }
}
