using PortfolioGen.Site;
using PortfolioGen.Tests.Site;
using Xunit;

namespace PortfolioGen.Tests.Serving;

/// <summary>
/// More edits for the rebuild-equals-fresh-build property of a serve session (see <see cref="IncrementalEquivalenceTests"/>):
/// site.yml settings, themes, output changes, failed builds, files deleted from the output folder.
/// </summary>
public class IncrementalEquivalenceReviewTests
{
    private static string Reference => IncrementalEquivalenceTests.Reference;

    private const string Settings = IncrementalEquivalenceTests.Settings;

    private const string MixtureSlug = "mixture-of-modules-reinventing-transformers-as-dynamic-assemblies-of-modules";

    // Builds with the session, then a fresh build of the same inputs into _fresh, and requires the same diagnostics and files.
    internal static async Task AssertSameAsFresh(TestSite site, BuildSession session, BuildOptions options, string label)
    {
        var rebuilt = await SiteBuilder.BuildAsync(options, session);
        Assert.True(rebuilt.Success, label + ": " + string.Join("\n", rebuilt.Diagnostics));
        await AssertOutputIsFresh(site, options, rebuilt, label);
    }

    internal static async Task AssertOutputIsFresh(TestSite site, BuildOptions options, BuildResult rebuilt, string label)
    {
        var output = options.Output ?? "_site";
        var fresh = await SiteBuilder.BuildAsync(options with { Output = "_fresh" });
        Assert.True(fresh.Success, label + ": " + string.Join("\n", fresh.Diagnostics));
        Assert.Equal(fresh.Diagnostics.Select(d => d.ToString().Replace("_fresh", output, StringComparison.Ordinal)), rebuilt.Diagnostics.Select(d => d.ToString()));
        var expected = BuildIntegrationTests.Snapshot(site.Output("", "_fresh"));
        var actual = BuildIntegrationTests.Snapshot(site.Output("", output));
        var differing = expected.Keys.Union(actual.Keys).Where(k => expected.GetValueOrDefault(k) != actual.GetValueOrDefault(k)).Take(10).ToList();
        Directory.Delete(site.Output("", "_fresh"), recursive: true);
        Assert.True(differing.Count == 0, $"after '{label}' the session's site differs from a fresh build in: {string.Join(", ", differing)}");
    }

    private static TestSite NewSite(string settings = Settings)
        => new("-- seeds/ang-lv.txt --\n" + Reference + "-- content/site.yml --\n" + settings);

    private static async Task<(BuildSession Session, BuildOptions Options)> Start(TestSite site)
    {
        var session = new BuildSession();
        var options = new BuildOptions { SiteRoot = site.Root };
        var first = await SiteBuilder.BuildAsync(options, session);
        Assert.True(first.Success, string.Join("\n", first.Diagnostics));
        return (session, options);
    }

    [Fact]
    public async Task Settings_edits()
    {
        using var site = NewSite();
        var (session, options) = await Start(site);
        site.Write($"-- content/papers/{MixtureSlug}.md --\n---\nvenue: ACL 2025\n---\nNotes with <span class=\"raw\">raw</span> HTML and a [link to the about page](/about/).\n");
        await AssertSameAsFresh(site, session, options, "additions");
        site.Write("-- content/site.yml --\n" + Settings + "markdown:\n  raw_html: true\n");
        await AssertSameAsFresh(site, session, options, "raw html on");
        site.Write("-- content/site.yml --\n" + Settings + "coauthors:\n  Kaiyi Zhang: https://kaiyi.example.org/\n");
        await AssertSameAsFresh(site, session, options, "co-author homepage");
        site.Write("-- content/site.yml --\n" + Settings + "owner:\n  aliases: [Kaiyi Zhang]\n");
        await AssertSameAsFresh(site, session, options, "owner alias");
        site.Write("-- content/site.yml --\n" + Settings + "language: de\n");
        await AssertSameAsFresh(site, session, options, "language");
        site.Write("-- content/site.yml --\nbase_url: https://other.example.org/sub/\nsocial_cards: none\n");
        await AssertSameAsFresh(site, session, options, "base url");
        site.Write("-- content/about.md --\n---\ntitle: About\n---\nNo navigation entry.\n");
        await AssertSameAsFresh(site, session, options, "content page without nav");
        site.Delete("content/about.md");
        await AssertSameAsFresh(site, session, options, "content page deleted");
        await AssertSameAsFresh(site, session, options with { Output = "_other" }, "output folder");
        await AssertSameAsFresh(site, session, options with { BaseUrl = "https://cli.example.org/" }, "--base-url");
    }

    [Fact]
    public async Task Social_cards_and_additions_edits()
    {
        using var site = NewSite();
        var (session, options) = await Start(site);
        site.Write("-- content/site.yml --\nbase_url: https://ang.example.org/\nsocial_cards: all\n");
        await AssertSameAsFresh(site, session, options, "social cards all");
        site.Write("-- content/site.yml --\nbase_url: https://ang.example.org/\nsocial_cards: home\ntitle: Another title\n");
        await AssertSameAsFresh(site, session, options, "social cards home");
        site.Write("-- content/site.yml --\n" + Settings);
        await AssertSameAsFresh(site, session, options, "social cards none");
        site.Write($"-- content/papers/{MixtureSlug}.md --\n---\nfeatured: true\n---\nA formula $\\frac{{1}}{{$ that is broken.\n");
        await AssertSameAsFresh(site, session, options, "additions featured with a math warning");
        site.Write($"-- content/papers/{MixtureSlug}.md --\n---\nfeatured: true\ntags: [x]\n---\nA formula $\\frac{{1}}{{$ that is broken.\n");
        await AssertSameAsFresh(site, session, options, "notes moved down a line");
        site.Write("-- content/site.yml --\n" + Settings + "theme: mine\n");
        site.Write("-- themes/mine/theme.yml --\nextends: default\n");
        site.Write("-- themes/mine/partials/authors.sbn --\n<p class=\"authors mine\">{{ for a in item.authors }}{{ a.name }} {{ end }}</p>\n");
        await AssertSameAsFresh(site, session, options, "theme switched");
        site.Write("-- themes/mine/partials/authors.sbn --\n<p class=\"authors mine2\">{{ for a in item.authors }}{{ a.name }} {{ end }}</p>\n");
        await AssertSameAsFresh(site, session, options, "theme partial edited");
    }

    // Deleted before the session checked the output folder, or after (as serve checks it once a build is written,
    // some time after the folders last changed).
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Files_deleted_from_the_output_folder_are_written_again(bool afterTheCheck)
    {
        using var site = NewSite();
        var (session, options) = await Start(site);
        if (afterTheCheck)
        {
            IncrementalEquivalenceTests.Backdate(site.Output(""));
            Assert.True(session.Output.Verify() > 100);
        }
        File.Delete(site.Output($"papers/{MixtureSlug}/index.html"));
        File.Delete(site.Output($"papers/{MixtureSlug}/index.md"));
        File.Delete(site.Output($"papers/{MixtureSlug}/cite.bib"));
        Directory.Delete(site.Output("coauthors"), recursive: true);
        await AssertSameAsFresh(site, session, options, afterTheCheck ? "deleted output files after the check" : "deleted output files");
    }

    [Fact]
    public async Task A_failed_build_then_a_fixed_one()
    {
        using var site = NewSite();
        var (session, options) = await Start(site);
        var profile = Path.Combine(site.Root, "seeds", "ang-lv.txt");
        File.WriteAllText(profile, File.ReadAllText(profile).Replace("PEAR: Position", "PEAR 2: Position", StringComparison.Ordinal));
        site.Write("-- content/broken.md --\n---\nlayout: nope\n---\nx\n");
        var failed = await SiteBuilder.BuildAsync(options, session);
        Assert.False(failed.Success);
        site.Delete("content/broken.md");
        await AssertSameAsFresh(site, session, options, "fixed");
    }

    // BuildEnvironment reads content/site.yml again when the first cached chain asks (mid-build), not the text the
    // build's settings came from: an edit saved between the two is taken as already built, and the next build (the
    // one the edit triggers) reuses pages made with the old settings.
    [Theory]
    [InlineData(Settings + "markdown:\n  raw_html: true\n")]
    [InlineData("base_url: https://ang.example.org/\nsocial_cards: all\n")]
    public async Task Site_yml_saved_while_a_build_runs(string settings)
    {
        using var site = NewSite();
        site.Write($"-- content/papers/{MixtureSlug}.md --\n---\nvenue: ACL 2025\n---\nNotes with <span class=\"raw\">raw</span> HTML.\n");
        var session = new BuildSession();
        var saved = false;
        var options = new BuildOptions
        {
            SiteRoot = site.Root,
            // Called once the settings, profile and theme are read, before the pipelines run: the user saves site.yml now.
            Progress = line =>
            {
                if (saved || !line.StartsWith("read ", StringComparison.Ordinal)) return;
                saved = true;
                site.Write("-- content/site.yml --\n" + settings);
            },
        };
        var first = await SiteBuilder.BuildAsync(options, session);
        Assert.True(saved && first.Success, string.Join("\n", first.Diagnostics));
        // The watcher saw the save and builds again; nothing changes after this.
        await AssertSameAsFresh(site, session, options with { Progress = null }, "site.yml saved during the build");
    }

    // The theme's fingerprint (what both the DocumentCache environment and the RenderCache trust) hashes layouts,
    // partials and assets, but not theme.yml, whose `base` picks the layout every page is wrapped in.
    [Fact]
    public async Task Theme_yml_base_layout_changed()
    {
        using var site = NewSite(Settings + "theme: mine\n");
        var baseLayout = File.ReadAllText(Path.Combine(TestSite.DefaultTheme, "layouts", "base.sbn"));
        site.Write("-- themes/mine/theme.yml --\nextends: default\n");
        site.Write("-- themes/mine/layouts/alt.sbn --\n" + baseLayout.Replace("<main id=\"main\" class=\"wrap\">", "<main id=\"main\" class=\"wrap alt\">", StringComparison.Ordinal));
        var (session, options) = await Start(site);
        site.Write("-- themes/mine/theme.yml --\nextends: default\nbase: alt\n");
        await AssertSameAsFresh(site, session, options, "theme.yml base: alt");
    }

    // Nor does it hash a file a template includes that is not a .sbn under layouts/ or partials/.
    [Fact]
    public async Task Theme_file_included_by_a_template_changed()
    {
        using var site = NewSite(Settings + "theme: mine\n");
        site.Write("-- themes/mine/theme.yml --\nextends: default\n");
        site.Write("-- themes/mine/partials/head-extra.sbn --\n{{ include 'partials/extra.html' }}\n");
        site.Write("-- themes/mine/partials/extra.html --\n<meta name=\"theme-version\" content=\"1\">\n");
        var (session, options) = await Start(site);
        site.Write("-- themes/mine/partials/extra.html --\n<meta name=\"theme-version\" content=\"2\">\n");
        await AssertSameAsFresh(site, session, options, "included theme file edited");
    }

    // The reference site with a page of the user's own (one made at every rebuild, as the indexes are).
    private static TestSite SiteWithAboutPage() => new TestSite("-- seeds/ang-lv.txt --\n" + Reference + "-- content/site.yml --\n" + Settings
            + "-- content/about.md --\n---\ntitle: About\nnav_order: 1\n---\nHello.\n");

    // The pages made at every rebuild (the indexes, the user's pages) are kept as the file staged for the same HTML; one
    // edited by hand (its length changed) is still written back, as before.
    [Fact]
    public async Task Index_and_content_pages_edited_by_hand_are_written_back_by_the_next_rebuild()
    {
        using var site = SiteWithAboutPage();
        var session = new BuildSession();
        var options = new BuildOptions { SiteRoot = site.Root };
        Assert.True((await SiteBuilder.BuildAsync(options, session)).Success);
        IncrementalEquivalenceTests.Backdate(site.Output(""));
        Assert.True(session.Output.Verify() > 0);
        foreach (var page in new[] { "coauthors/index.html", "topics/index.html", "about/index.html", "index.html" })
        {
            File.AppendAllText(site.Output(page), "<!-- edited by hand -->");
        }
        var profile = Path.Combine(site.Root, "seeds", "ang-lv.txt");
        File.WriteAllText(profile, File.ReadAllText(profile).Replace("Is it always necessary to compute tokens", "Is it really always necessary to compute tokens", StringComparison.Ordinal));
        await AssertSameAsFresh(site, session, options, "index pages edited by hand");
    }

    // One session building into two output folders: what it checked in one is not taken for the other's files.
    [Fact]
    public async Task A_file_deleted_in_one_output_folder_is_not_kept_through_the_check_of_another()
    {
        using var site = SiteWithAboutPage();
        var session = new BuildSession();
        var options = new BuildOptions { SiteRoot = site.Root };
        var other = options with { Output = "_other" };
        Assert.True((await SiteBuilder.BuildAsync(other, session)).Success);
        Assert.True((await SiteBuilder.BuildAsync(options, session)).Success);
        IncrementalEquivalenceTests.Backdate(site.Output(""));
        Assert.True(session.Output.Verify() > 0);
        // about/ in _other loses its page (its folder's time changes there), but the check was of _site.
        File.Delete(site.Output("about/index.html", "_other"));
        await AssertSameAsFresh(site, session, other, "a page deleted in the other folder");
    }
}
