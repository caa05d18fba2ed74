using System.Runtime.CompilerServices;
using PortfolioGen.Site;
using PortfolioGen.Tests.Serving;
using Xunit;
using static PortfolioGen.Tests.Scholarly.CitationSamples;

namespace PortfolioGen.Tests.Site;

/// <summary>
/// In serve, the feed, the search index and llms.txt are joined from each paper's part, kept from build to build:
/// after an edit only the edited paper's parts are made again, and the files are the bytes one pass writes.
/// </summary>
public sealed class EntryMemoTests
{
    private static readonly string[] SiteWide = ["feed.xml", "search/index.json", "llms.txt"];

    // Compared with a fresh build's as well (not joined from parts, but kept whole when nothing it shows changed).
    private static readonly string[] Compared = [.. SiteWide, "sitemap.xml"];

    private static async Task<(BuildResult Rebuilt, BuildResult Fresh)> RebuildAndFresh(TestSite site, BuildSession session)
    {
        var options = new BuildOptions { SiteRoot = site.Root };
        var rebuilt = await SiteBuilder.BuildAsync(options, session);
        Assert.True(rebuilt.Success, string.Join("\n", rebuilt.Diagnostics));
        var fresh = await SiteBuilder.BuildAsync(options with { Output = "_fresh" });
        Assert.True(fresh.Success, string.Join("\n", fresh.Diagnostics));
        foreach (var file in Compared)
        {
            Assert.True(File.ReadAllBytes(site.Output(file)).AsSpan().SequenceEqual(File.ReadAllBytes(site.Output(file, "_fresh"))), $"{file} differs from a fresh build's");
        }
        Directory.Delete(site.Output("", "_fresh"), recursive: true);
        return (rebuilt, fresh);
    }

    [Fact]
    public async Task An_abstract_edit_makes_only_that_papers_parts_again()
    {
        using var site = new TestSite("-- seeds/ang-lv.txt --\n" + IncrementalEquivalenceTests.Reference + "-- content/site.yml --\n" + IncrementalEquivalenceTests.Settings);
        var session = new BuildSession();
        await RebuildAndFresh(site, session);
        Assert.Equal(21 * SiteWide.Length, session.Entries.Made);
        var profile = Path.Combine(site.Root, "seeds", "ang-lv.txt");
        File.WriteAllText(profile, File.ReadAllText(profile).Replace("Is it always necessary to compute tokens", "Is it really always necessary to compute tokens", StringComparison.Ordinal));
        await RebuildAndFresh(site, session);
        Assert.Equal(22 * SiteWide.Length, session.Entries.Made);
        // The same pages with the same dates: the last sitemap is staged again.
        Assert.Equal(1, session.Sitemap.Reused);
        // A paper added on top moves every search document (its id is its place), and the files still match.
        File.WriteAllText(profile, File.ReadAllText(profile).Replace("21 Papers\n\n", "21 Papers\n\nLGOct 1, 2025\nA Brand New Paper\n\nAng Lv, Bo Newman\n\nWe show a new thing.\n\n", StringComparison.Ordinal));
        await RebuildAndFresh(site, session);
        Assert.True(session.Entries.Made >= 22 * SiteWide.Length + 2 + 22);
        Assert.Equal(1, session.Sitemap.Reused);
    }

    [Fact]
    public async Task Texts_that_look_like_the_files_markup_stay_inside_their_entries()
    {
        // An entry is cut at "<entry": a title or abstract holding it (escaped by the formatter) must not cut one.
        const string profile = """
            Ang Lv

            CL
            h-index1
            2papers
            2citations

            2 Papers

            CLJan 2, 2025
            Why <entry> and </feed> are not tags

            Ang Lv, Bo Newman

            Text with
              <entry> on a line of its own, "quotes", & ampersands and ]]> too.

            CLJan 1, 2025
            A Second Paper

            Ang Lv

            Plain.
            """;
        using var site = new TestSite("-- seeds/ang-lv.txt --\n" + profile + "\n-- content/site.yml --\n" + IncrementalEquivalenceTests.Settings);
        var session = new BuildSession();
        await RebuildAndFresh(site, session);
        Assert.Contains("Why &lt;entry&gt; and &lt;/feed&gt; are not tags", File.ReadAllText(site.Output("feed.xml")), StringComparison.Ordinal);
        var path = Path.Combine(site.Root, "seeds", "ang-lv.txt");
        File.WriteAllText(path, File.ReadAllText(path).Replace("Plain.", "Plain, and <entry>.", StringComparison.Ordinal));
        await RebuildAndFresh(site, session);
    }

    [Fact]
    public async Task A_sitemap_the_user_edited_in_the_site_is_written_again()
    {
        // The sitemap is kept when its pages and dates are the same, but still compared with the site's file byte for
        // byte, as every site-wide file is: an edit in place (which leaves its folder's time as it was) is undone.
        using var site = new TestSite("-- seeds/ang-lv.txt --\n" + IncrementalEquivalenceTests.Reference + "-- content/site.yml --\n" + IncrementalEquivalenceTests.Settings);
        var session = new BuildSession();
        var options = new BuildOptions { SiteRoot = site.Root };
        Assert.True((await SiteBuilder.BuildAsync(options, session)).Success);
        IncrementalEquivalenceTests.Backdate(site.Output(""));
        Assert.True(session.Output.Verify() > 0);
        var before = File.ReadAllBytes(site.Output("sitemap.xml"));
        File.AppendAllText(site.Output("sitemap.xml"), "<!-- edited -->");
        await IncrementalEquivalenceReviewTests.AssertSameAsFresh(site, session, options, "sitemap edited in the site");
        Assert.Equal(before, File.ReadAllBytes(site.Output("sitemap.xml")));
        Assert.Equal(1, session.Sitemap.Reused);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<WeakReference> BuildAndWatchView(BuildSession session, BuildOptions options, string slug)
    {
        var result = await SiteBuilder.BuildAsync(options, session);
        Assert.True(result.Success);
        return new WeakReference(result.Documents.First(d => d.Destination == $"papers/{slug}/index.html").Get<PaperView>(Keys.PaperView));
    }

    [Fact]
    public async Task A_file_the_site_no_longer_has_lets_go_of_its_parts()
    {
        // Without a base URL there is no feed: its parts, and the views they are kept under, must not stay for the session.
        const string slug = "mixture-of-modules-reinventing-transformers-as-dynamic-assemblies-of-modules";
        using var site = new TestSite("-- seeds/ang-lv.txt --\n" + IncrementalEquivalenceTests.Reference + "-- content/site.yml --\n" + IncrementalEquivalenceTests.Settings);
        var session = new BuildSession();
        var options = new BuildOptions { SiteRoot = site.Root };
        var weak = await BuildAndWatchView(session, options, slug);
        site.Write("-- content/site.yml --\nsocial_cards: none\n");
        var path = Path.Combine(site.Root, "seeds", "ang-lv.txt");
        File.WriteAllText(path, File.ReadAllText(path).Replace("Mixture-of-Modules: Reinventing", "Mixture-of-Modules: Reinventing (v2)", StringComparison.Ordinal));
        for (var i = 0; i < 2; i++)
        {
            Assert.True((await SiteBuilder.BuildAsync(options, session)).Success);
            File.AppendAllText(path, "\n");
        }
        for (var i = 0; i < 5; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.False(weak.IsAlive, "the first build's view of the renamed paper is still reachable");
    }

    [Fact]
    public void Parts_are_kept_by_view_extra_and_environment()
    {
        var memo = new EntryMemo();
        var a = Make("A", ["Ang Lv"], slug: "a");
        var b = Make("B", ["Ang Lv"], slug: "b");
        var made = new List<string>();
        byte[][] Run(string environment, PaperView[] views, Func<int, object?>? extra)
            => memo.Parts("f", environment, views, extra, missing =>
            {
                made.AddRange(missing.Select(i => views[i].Slug));
                return [.. missing.Select(i => System.Text.Encoding.UTF8.GetBytes(views[i].Slug + i))];
            });

        Assert.Equal(["a0", "b1"], Run("x", [a, b], null).Select(System.Text.Encoding.UTF8.GetString));
        Assert.Equal(["a", "b"], made);
        // The same views, in another order: kept (no extra says a part depends on its place).
        Assert.Equal(["b1", "a0"], Run("x", [b, a], null).Select(System.Text.Encoding.UTF8.GetString));
        Assert.Equal(2, made.Count);
        // An extra that changed makes that part again.
        Run("x", [b, a], i => i);
        Assert.Equal(["a", "b", "b", "a"], made);
        Run("x", [b, a], i => i == 0 ? 0 : 7);
        Assert.Equal(["a", "b", "b", "a", "a"], made);
        // An equal view that is another object is another paper's (views are handed on by reference).
        Run("x", [b with { }, a], i => i == 0 ? 0 : 7);
        Assert.Equal(6, made.Count);
        // Another environment: everything again.
        Run("y", [b, a], i => i == 0 ? 0 : 7);
        Assert.Equal(8, made.Count);
        Assert.Equal(8, memo.Made);
        // A maker that returns too few parts is a bug, not a file with holes.
        Assert.Throws<InvalidOperationException>(() => memo.Parts("f", "z", [a], null, _ => []));
    }
}
