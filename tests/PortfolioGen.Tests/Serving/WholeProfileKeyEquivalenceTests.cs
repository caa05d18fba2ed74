using PortfolioGen.Site;
using PortfolioGen.Tests.Site;
using Xunit;

namespace PortfolioGen.Tests.Serving;

/// <summary>
/// The home page and the co-author index are taken from a serve session's cache while their keys are the same (the
/// page's frame, every paper as lists show it, the co-authors shown, the introduction; site.yml and the `site` object
/// through the build's environment). Each sequence edits one of the inputs those pages show, and after every edit the
/// session's site must be the site a fresh build writes, byte for byte.
/// </summary>
public class WholeProfileKeyEquivalenceTests
{
    private const string Mom = "mixture-of-modules-reinventing-transformers-as-dynamic-assemblies-of-modules";

    public static TheoryData<string> Sequences => new()
    {
        "intro-added,intro-edited,intro-removed",
        "add-featured,remove-featured",
        "journal,journal-issue,journal-pages,journal-publisher,journal-to-venue",
        "coauthor-homepage,coauthor-homepage-2",
        "base-url,base-url-2",
        "author-order,owner-name",
        "code-flag,declared",
        "feature-mom,mom-title,mom-title-back,mom-featured-additions,mom-title",
    };

    private static void Apply(TestSite site, string edit)
    {
        var profile = Path.Combine(site.Root, "seeds", "ang-lv.txt");
        void Replace(string from, string to)
        {
            var text = File.ReadAllText(profile);
            Assert.Contains(from, text);
            File.WriteAllText(profile, text.Replace(from, to, StringComparison.Ordinal));
        }
        string J(string extra) => $"-- content/papers/{Mom}.md --\n---\njournal: Trans & Co\nvolume: 3\n{extra}---\nNotes.\n";
        switch (edit)
        {
            case "intro-added": site.Write("-- content/index.md --\n---\ntitle: Home\n---\nHello **there**.\n"); break;
            case "intro-edited": site.Write("-- content/index.md --\n---\ntitle: Home\n---\nHello *again*.\n"); break;
            case "intro-removed": site.Delete("content/index.md"); break;
            case "add-featured": site.Write($"-- content/papers/{Mom}.md --\n---\nfeatured: true\n---\n"); break;
            case "remove-featured": site.Write($"-- content/papers/{Mom}.md --\n---\nfeatured: false\n---\n"); break;
            case "journal": site.Write(J("")); break;
            case "journal-issue": site.Write(J("issue: 2\n")); break;
            case "journal-pages": site.Write(J("issue: 2\npages: e1234\n")); break;
            case "journal-publisher": site.Write(J("issue: 2\npages: e1234\npublisher: ACM\n")); break;
            case "journal-to-venue": site.Write($"-- content/papers/{Mom}.md --\n---\nvenue: ACL 2025\n---\n"); break;
            case "coauthor-homepage": site.Write("-- content/site.yml --\n" + IncrementalEquivalenceTests.Settings + "coauthors:\n  Kaiyi Zhang: https://example.org/kz/\n"); break;
            case "coauthor-homepage-2": site.Write("-- content/site.yml --\n" + IncrementalEquivalenceTests.Settings + "coauthors:\n  Kaiyi Zhang: https://example.org/kz2/\n"); break;
            case "base-url": site.Write("-- content/site.yml --\nbase_url: https://ang.example.org/sub/\nsocial_cards: none\n"); break;
            case "base-url-2": site.Write("-- content/site.yml --\n" + IncrementalEquivalenceTests.Settings); break;
            case "author-order": Replace("Ang Lv, Xu Tan, Tao Qin et al.", "Ang Lv, Tao Qin, Xu Tan et al."); break;
            case "owner-name": Replace("Ang Lv\n\nCL\n", "Ang LV\n\nCL\n"); break;
            case "code-flag": Replace("CLJul 9, 2024\nMixture", "CLJul 9, 2024Code\nMixture"); break;
            case "declared": Replace("21 Papers", "22 Papers"); break;
            case "feature-mom": site.Write("-- content/site.yml --\n" + IncrementalEquivalenceTests.Settings + $"featured: [{Mom}]\n"); break;
            case "mom-title": Replace("Mixture-of-Modules: Reinventing", "Mixture of Modules: Reinventing"); break;
            case "mom-title-back": Replace("Mixture of Modules: Reinventing", "Mixture-of-Modules: Reinventing"); break;
            case "mom-featured-additions": site.Write($"-- content/papers/{Mom}.md --\n---\nfeatured: true\n---\n"); break;
            default: throw new ArgumentException(edit);
        }
    }

    [Theory]
    [MemberData(nameof(Sequences))]
    public async Task Every_rebuild_writes_the_site_a_fresh_build_writes(string sequence)
    {
        using var site = new TestSite("-- seeds/ang-lv.txt --\n" + IncrementalEquivalenceTests.Reference + "-- content/site.yml --\n" + IncrementalEquivalenceTests.Settings);
        var session = new BuildSession();
        var options = new BuildOptions { SiteRoot = site.Root };
        var first = await SiteBuilder.BuildAsync(options, session);
        Assert.True(first.Success, string.Join("\n", first.Diagnostics));
        foreach (var edit in sequence.Split(','))
        {
            IncrementalEquivalenceTests.Backdate(site.Output(""));
            Assert.True(session.Output.Verify() > 0);
            Apply(site, edit);
            await IncrementalEquivalenceReviewTests.AssertSameAsFresh(site, session, options, edit);
        }
    }
}
