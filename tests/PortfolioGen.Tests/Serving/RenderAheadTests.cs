using PortfolioGen.Serving;
using PortfolioGen.Site;
using PortfolioGen.Tests.Site;
using Xunit;

namespace PortfolioGen.Tests.Serving;

/// <summary>
/// serve renders the paper pages open in a browser before the rest of the site (SiteBuilder.RenderAheadAsync) and
/// shows them at once: they must be the very bytes the rebuild then writes, and nothing may reach the site early.
/// </summary>
public class RenderAheadTests
{
    private static TestSite ReferenceSite()
        => new("-- seeds/ang-lv.txt --\n" + File.ReadAllText(TestPaths.ReferenceProfile) + "-- content/site.yml --\nbase_url: https://lv.example.org/\n");

    private static string[] PaperPages(BuildResult result)
        => [.. result.Documents.Select(d => d.Destination).Where(d => d.StartsWith("papers/", StringComparison.Ordinal) && d.EndsWith("/index.html", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    // Edits a researcher makes while looking at a paper's page: an abstract, a title that keeps the slug, a co-author's
    // name (which four papers show), a date, an additions file with notes and links, and the code flag.
    public static TheoryData<string, string, string> Edits => new()
    {
        { "seeds/ang-lv.txt", "Mixture-of-Experts (MoE) models", "Mixture-of-Experts (MoE) models, as we now show," },
        { "seeds/ang-lv.txt", "Autonomy-of-Experts Models\n", "Autonomy-of-Experts models!\n" },
        { "seeds/ang-lv.txt", "Ruobing Xie", "Ruobing Xie-Li" },
        { "seeds/ang-lv.txt", "CLJan 22, 2025", "CLJan 23, 2025" },
        { "content/papers/autonomy-of-experts-models.md", "", "---\nvenue: ICML 2025\nlinks:\n  arxiv: 2501.13074\n---\nSee [the code](https://example.org/code) and **more**.\n" },
        { "seeds/ang-lv.txt", "CLJan 22, 2025\n", "CLJan 22, 2025Code\n" },
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public async Task Pages_rendered_ahead_are_the_bytes_the_rebuild_writes(string file, string from, string to)
    {
        using var site = ReferenceSite();
        var options = new BuildOptions { SiteRoot = site.Root };
        var session = new BuildSession();
        var first = await SiteBuilder.BuildAsync(options, session);
        Assert.True(first.Success, string.Join("\n", first.Diagnostics));
        var pages = PaperPages(first);
        Assert.Equal(21, pages.Length);

        if (from.Length == 0) site.Write($"-- {file} --\n{to}");
        else IncrementalRebuildTests.Edit(site, file, from, to);
        var before = Snapshot(first.OutputDirectory);
        var ahead = await SiteBuilder.RenderAheadAsync(options, session, pages.ToHashSet(StringComparer.Ordinal));
        // Nothing reached the site: every file is as the first build left it.
        Assert.Equal(before, Snapshot(first.OutputDirectory));

        var rebuilt = await SiteBuilder.BuildAsync(options, session);
        Assert.True(rebuilt.Success, string.Join("\n", rebuilt.Diagnostics));
        Assert.Equal(PaperPages(rebuilt), ahead.Pages.Keys.Order(StringComparer.Ordinal));
        var changed = 0;
        foreach (var (destination, bytes) in ahead.Pages)
        {
            var written = File.ReadAllBytes(Path.Combine(rebuilt.OutputDirectory, destination));
            Assert.True(written.AsSpan().SequenceEqual(bytes), $"{destination} differs from what the rebuild wrote");
            if (!before[destination].SequenceEqual(written)) changed++;
        }
        // The edit shows on at least one page (the test would pass vacuously otherwise).
        Assert.True(changed > 0, "no page changed");
        // And a build with nothing kept from earlier builds makes the same pages (the rebuild shares the session's memos
        // with the pages rendered ahead, so a wrong memo would agree with itself).
        var fresh = await SiteBuilder.BuildAsync(options with { Output = "_fresh" });
        Assert.True(fresh.Success, string.Join("\n", fresh.Diagnostics));
        foreach (var (destination, bytes) in ahead.Pages)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(fresh.OutputDirectory, destination)).AsSpan().SequenceEqual(bytes), $"{destination} differs from a fresh build's");
        }
    }

    [Fact]
    public async Task Only_the_wanted_paper_pages_are_rendered()
    {
        using var site = ReferenceSite();
        var options = new BuildOptions { SiteRoot = site.Root };
        var session = new BuildSession();
        Assert.True((await SiteBuilder.BuildAsync(options, session)).Success);
        var ahead = await SiteBuilder.RenderAheadAsync(options, session,
            new HashSet<string>(["papers/autonomy-of-experts-models/index.html", "index.html", "papers/no-such-paper/index.html"], StringComparer.Ordinal));
        Assert.Equal(["papers/autonomy-of-experts-models/index.html"], ahead.Pages.Keys);
        Assert.Contains("Autonomy-of-Experts Models", System.Text.Encoding.UTF8.GetString(ahead.Pages.Single().Value));
    }

    // A title edit that changes the slug moves the page: rendered ahead at its new place, given the last build's pages.
    [Fact]
    public async Task A_page_a_title_edit_moved_is_rendered_at_its_new_place()
    {
        using var site = ReferenceSite();
        var options = new BuildOptions { SiteRoot = site.Root };
        var session = new BuildSession();
        var first = await SiteBuilder.BuildAsync(options, session);
        const string Old = "papers/autonomy-of-experts-models/index.html", New = "papers/experts-that-choose-their-own-tokens/index.html";
        // The pages in the profile's order: the order the entries are written in.
        var lines = first.PaperSlugs.Select(s => first.Documents.Single(d => d.Destination == SiteUrls.PaperPage(s)).GetRequired<PortfolioGen.Profiles.Paper>(Keys.Paper).Line).ToList();
        Assert.Equal(21, lines.Count);
        Assert.Equal(lines.Order(), lines);
        Assert.Contains("autonomy-of-experts-models", first.PaperSlugs);

        IncrementalRebuildTests.Edit(site, "seeds/ang-lv.txt", "Autonomy-of-Experts Models\n", "Experts That Choose Their Own Tokens\n");
        var without = await SiteBuilder.RenderAheadAsync(options, session, new HashSet<string>([Old], StringComparer.Ordinal));
        Assert.Empty(without.Pages);
        Assert.Empty(without.Moves);
        var ahead = await SiteBuilder.RenderAheadAsync(options, session, new HashSet<string>([Old], StringComparer.Ordinal), first.PaperSlugs);
        Assert.Equal(new Dictionary<string, string> { [Old] = New }, ahead.Moves);
        Assert.Equal([New], ahead.Pages.Keys);

        var rebuilt = await SiteBuilder.BuildAsync(options, session);
        Assert.True(rebuilt.Success, string.Join("\n", rebuilt.Diagnostics));
        Assert.Equal(first.PaperSlugs.Select(SiteUrls.PaperPage).Select(p => p == Old ? New : p), rebuilt.PaperSlugs.Select(SiteUrls.PaperPage));
        Assert.True(File.ReadAllBytes(Path.Combine(rebuilt.OutputDirectory, New)).AsSpan().SequenceEqual(ahead.Pages[New]));
        Assert.Contains("Experts That Choose Their Own Tokens", System.Text.Encoding.UTF8.GetString(ahead.Pages[New]));
    }

    [Fact]
    public async Task A_profile_with_an_error_renders_nothing_ahead()
    {
        using var site = ReferenceSite();
        var options = new BuildOptions { SiteRoot = site.Root };
        var session = new BuildSession();
        var first = await SiteBuilder.BuildAsync(options, session);
        IncrementalRebuildTests.Edit(site, "seeds/ang-lv.txt", "CLJan 22, 2025", "CLJan 32, 2025");
        var ahead = await SiteBuilder.RenderAheadAsync(options, session, PaperPages(first).ToHashSet(StringComparer.Ordinal));
        Assert.Empty(ahead.Pages);
        Assert.Contains(ahead.Diagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Code == DiagnosticCodes.InvalidDate);
    }

    private static Dictionary<string, byte[]> Snapshot(string output)
        => Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(output, f).Replace('\\', '/'), File.ReadAllBytes, StringComparer.Ordinal);
}

/// <summary>A serve session with pages open: the paper page being edited is shown first, once, and taken back on failure.</summary>
public class RenderAheadSessionTests
{
    private const string Paper = "papers/learning-things-quickly/index.html";

    private static List<string> Drain(System.Threading.Channels.ChannelReader<(string Event, string Data)> reader)
    {
        var events = new List<string>();
        while (reader.TryRead(out var e)) events.Add(e.Event);
        return events;
    }

    // What the open pages were told, what the server serves for the paper and what the site holds, when the session
    // says it showed the page (it logs that right after showing it).
    private sealed record Moment(List<string> PaperEvents, List<string> HomeEvents, string? Served, string OnDisk);

    private static async Task<(Moment? Shown, List<string> PaperAfter, List<string> HomeAfter, List<string> Log, BuildResult Last)> EditWithPagesOpen(
        TestSite site, string file, string from, string to, bool strict = false)
    {
        var live = new LiveReload();
        var (paperPage, paperConnection) = live.Connect(Paper);
        var (homePage, homeConnection) = live.Connect("index.html");
        using (paperConnection) using (homeConnection)
        {
            Moment? shown = null;
            var log = new List<string>();
            using var session = new PreviewSession(new BuildOptions { SiteRoot = site.Root, Strict = strict }, live, line =>
            {
                log.Add(line);
                if (line.Contains(" shown in ", StringComparison.Ordinal))
                {
                    shown = new Moment(Drain(paperPage), Drain(homePage), live.AheadPage(Paper) is { } b ? System.Text.Encoding.UTF8.GetString(b) : null, site.Read(Paper));
                }
            });
            Assert.True((await session.BuildAsync()).Success);
            Drain(paperPage);
            Drain(homePage);
            IncrementalRebuildTests.Edit(site, file, from, to);
            await session.Changed([Path.Combine(site.Root, file)]);
            Assert.Null(live.AheadPage(Paper));
            return (shown, Drain(paperPage), Drain(homePage), log, session.Last!);
        }
    }

    [Fact]
    public async Task The_open_paper_page_is_shown_before_the_rebuild_and_not_reloaded_twice()
    {
        using var site = new TestSite(IncrementalRebuildTests.Profile);
        var (shown, paperAfter, homeAfter, log, last) = await EditWithPagesOpen(site, "seeds/ada.txt", "We learn things.", "We learn things, quickly.");
        Assert.True(last.Success);
        Assert.NotNull(shown);
        // Shown: the paper's page was told to reload and is served with the edit, while the site still has the old page.
        Assert.Equal(["reload"], shown.PaperEvents);
        Assert.Empty(shown.HomeEvents);
        Assert.Contains("We learn things, quickly.", shown.Served);
        Assert.DoesNotContain("We learn things, quickly.", shown.OnDisk);
        var line = Assert.Single(log, l => l.Contains(" shown in ", StringComparison.Ordinal));
        Assert.StartsWith("seeds/ada.txt changed: papers/learning-things-quickly/ shown in ", line);
        Assert.True(log.IndexOf(line) < log.FindIndex(l => l.Contains("changed: rebuilt in", StringComparison.Ordinal)));
        // Rebuilt: the paper's page already showed these bytes and is not reloaded again; the home page is.
        Assert.Empty(paperAfter);
        Assert.Equal(["reload"], homeAfter);
        Assert.Contains("We learn things, quickly.", site.Read(Paper));
    }

    [Fact]
    public async Task A_page_shown_ahead_goes_back_to_the_last_good_site_when_the_rebuild_fails()
    {
        // The notes link to a page the site does not have: under --strict the rebuild's link check fails the build;
        // rendering ahead does not check links.
        using var site = new TestSite(IncrementalRebuildTests.Profile + "\n-- content/papers/learning-things-quickly.md --\nNotes.\n");
        var (shown, paperAfter, homeAfter, log, last) = await EditWithPagesOpen(site, "content/papers/learning-things-quickly.md", "Notes.", "Notes, see [this](/nowhere/).", strict: true);
        Assert.False(last.Success);
        Assert.NotNull(shown);
        Assert.Contains("see <a href=\"/nowhere/\">this</a>", shown.Served);
        // The page shown ahead reloads back to the site as it was, and every page shows the error.
        Assert.Equal(["reload", "build-error"], paperAfter);
        Assert.Equal(["build-error"], homeAfter);
        Assert.DoesNotContain("nowhere", site.Read(Paper));
        Assert.Contains(log, l => l.Contains("build failed", StringComparison.Ordinal));
    }

    // A stylesheet saved with the profile renames the asset: a page shown before the rebuild would link a file the site
    // does not have yet (and would not be reloaded after it). It waits for the rebuild.
    [Fact]
    public async Task A_page_that_would_link_a_renamed_asset_waits_for_the_rebuild()
    {
        using var site = new TestSite(IncrementalRebuildTests.Profile + "\n-- themes/mine/theme.yml --\nextends: {default-theme}\n-- themes/mine/assets/style.css --\n"
            + File.ReadAllText(Path.Combine(TestSite.DefaultTheme, "assets", "style.css")));
        var live = new LiveReload();
        var (paperPage, connection) = live.Connect(Paper);
        using (connection)
        {
            var log = new List<string>();
            using var session = new PreviewSession(new BuildOptions { SiteRoot = site.Root, Theme = "mine" }, live, log.Add);
            Assert.True((await session.BuildAsync()).Success);
            File.AppendAllText(Path.Combine(site.Root, "themes/mine/assets/style.css"), "\nbody { color: #123456; }\n");
            IncrementalRebuildTests.Edit(site, "seeds/ada.txt", "We learn things.", "We learn things, styled.");
            await session.Changed([Path.Combine(site.Root, "themes/mine/assets/style.css"), Path.Combine(site.Root, "seeds/ada.txt")]);
            Assert.True(session.Last!.Success);
            Assert.DoesNotContain(log, l => l.Contains(" shown in ", StringComparison.Ordinal));
            Assert.Equal(["reload"], Drain(paperPage));
        }
    }

    // A rebuild that failed with an exception (not bad input) shows its error on the pages; the next edit renders nothing
    // ahead, and once a rebuild succeeds no page shows the error any more.
    [Fact]
    public async Task After_a_rebuild_that_threw_nothing_is_shown_ahead_and_the_next_good_one_clears_the_error()
    {
        using var site = new TestSite(IncrementalRebuildTests.Profile);
        var live = new LiveReload();
        var (paperPage, connection) = live.Connect(Paper);
        using (connection)
        {
            var log = new List<string>();
            var fail = false;
            using var session = new PreviewSession(new BuildOptions
            {
                SiteRoot = site.Root,
                Progress = _ =>
                {
                    if (fail) throw new IOException("disk hiccup");
                },
            }, live, log.Add);
            Assert.True((await session.BuildAsync()).Success);
            fail = true;
            IncrementalRebuildTests.Edit(site, "seeds/ada.txt", "We learn things.", "We learn things, once.");
            await session.Changed([Path.Combine(site.Root, "seeds/ada.txt")]);
            Assert.NotNull(live.CurrentState);
            fail = false;
            IncrementalRebuildTests.Edit(site, "seeds/ada.txt", "We learn things, once.", "We learn things, twice.");
            await session.Changed([Path.Combine(site.Root, "seeds/ada.txt")]);
            Assert.True(session.Last!.Success);
            Assert.Null(live.CurrentState);
            // The first edit was shown ahead and taken back when its rebuild threw; the second was not shown ahead.
            Assert.Single(log, l => l.Contains(" shown in ", StringComparison.Ordinal));
            Assert.Equal(["reload", "reload", "build-error", "reload"], Drain(paperPage));
            Assert.Contains("We learn things, twice.", site.Read(Paper));
        }
    }

    private static List<(string Event, string Data)> Events(System.Threading.Channels.ChannelReader<(string Event, string Data)> reader)
    {
        var events = new List<(string, string)>();
        while (reader.TryRead(out var e)) events.Add(e);
        return events;
    }

    private const string Moved = "papers/learning-many-things-quickly/index.html";

    // A title edit that changes the slug: the browser on the old page is sent to the new one (rendered ahead), not
    // reloaded into a missing page, and nothing more is sent to it; the new page is not reloaded after the rebuild.
    [Fact]
    public async Task A_page_a_title_edit_moved_is_shown_at_its_new_place_and_its_browser_sent_there()
    {
        using var site = new TestSite(IncrementalRebuildTests.Profile);
        var live = new LiveReload();
        var (paperPage, paperConnection) = live.Connect(Paper);
        var (homePage, homeConnection) = live.Connect("index.html");
        using (paperConnection) using (homeConnection)
        {
            var log = new List<string>();
            IDisposable? arrived = null;
            System.Threading.Channels.ChannelReader<(string Event, string Data)>? newPage = null;
            (List<(string, string)> Paper, List<(string, string)> Home, string? Served, bool OnDisk)? shown = null;
            using var session = new PreviewSession(new BuildOptions { SiteRoot = site.Root }, live, line =>
            {
                log.Add(line);
                if (!line.Contains(" shown in ", StringComparison.Ordinal)) return;
                shown = (Events(paperPage), Events(homePage), live.AheadPage(Moved) is { } b ? System.Text.Encoding.UTF8.GetString(b) : null,
                    File.Exists(Path.Combine(site.Root, "_site", Moved)));
                // The browser arrives at the new place.
                (newPage, arrived) = live.Connect(Moved);
            });
            Assert.True((await session.BuildAsync()).Success);
            Events(paperPage);
            Events(homePage);
            IncrementalRebuildTests.Edit(site, "seeds/ada.txt", "Learning Things Quickly", "Learning Many Things Quickly");
            await session.Changed([Path.Combine(site.Root, "seeds/ada.txt")]);
            using (arrived)
            {
                Assert.True(session.Last!.Success);
                Assert.NotNull(shown);
                Assert.Equal([("move", "\"/papers/learning-many-things-quickly/\"")], shown.Value.Paper);
                Assert.Empty(shown.Value.Home);
                Assert.Contains("Learning Many Things Quickly", shown.Value.Served);
                Assert.False(shown.Value.OnDisk);
                Assert.Contains(log, l => l.StartsWith("seeds/ada.txt changed: papers/learning-many-things-quickly/ (moved from papers/learning-things-quickly/) shown in ", StringComparison.Ordinal));
                // Rebuilt: the old page's browser is told nothing more, the new page showed these bytes already, the
                // home page (it lists the title) reloads.
                Assert.Empty(Events(paperPage));
                Assert.Empty(Events(newPage!));
                Assert.Equal([("reload", "{}")], Events(homePage));
                Assert.Contains("Learning Many Things Quickly", site.Read(Moved));
                Assert.False(File.Exists(Path.Combine(site.Root, "_site", Paper)));
            }
        }
    }

    // Nothing was shown ahead (the last build failed): the rebuild that moves the page sends the browser there.
    [Fact]
    public async Task A_page_a_title_edit_moved_is_sent_to_its_new_place_after_the_rebuild_when_not_shown_ahead()
    {
        using var site = new TestSite(IncrementalRebuildTests.Profile);
        var live = new LiveReload();
        var (paperPage, connection) = live.Connect(Paper);
        using (connection)
        {
            var log = new List<string>();
            using var session = new PreviewSession(new BuildOptions { SiteRoot = site.Root }, live, log.Add);
            Assert.True((await session.BuildAsync()).Success);
            IncrementalRebuildTests.Edit(site, "seeds/ada.txt", "LGMar 4, 2024Code", "LGMar 34, 2024Code");
            await session.Changed([Path.Combine(site.Root, "seeds/ada.txt")]);
            Assert.False(session.Last!.Success);
            IncrementalRebuildTests.Edit(site, "seeds/ada.txt", "LGMar 34, 2024Code\nLearning Things Quickly", "LGMar 4, 2024Code\nLearning Many Things Quickly");
            await session.Changed([Path.Combine(site.Root, "seeds/ada.txt")]);
            Assert.True(session.Last!.Success);
            Assert.DoesNotContain(log, l => l.Contains(" shown in ", StringComparison.Ordinal));
            Assert.Equal(["build-error", "move"], Events(paperPage).Select(e => e.Event));
            Assert.Equal(["learning-many-things-quickly"], session.Last.PaperSlugs.Where(p => p.Contains("many", StringComparison.Ordinal)));
        }
    }

    // The paper's additions file is named by its old slug: after the title edit it matches no paper, a warning that fails
    // a --strict rebuild. The browser sent to the new place goes back to the old one, which the site still has.
    [Fact]
    public async Task A_browser_sent_to_a_moved_page_goes_back_when_the_rebuild_fails()
    {
        using var site = new TestSite(IncrementalRebuildTests.Profile + "\n-- content/papers/learning-things-quickly.md --\nNotes.\n");
        var live = new LiveReload();
        var (paperPage, connection) = live.Connect(Paper);
        using (connection)
        {
            IDisposable? arrived = null;
            System.Threading.Channels.ChannelReader<(string Event, string Data)>? newPage = null;
            using var session = new PreviewSession(new BuildOptions { SiteRoot = site.Root, Strict = true }, live, line =>
            {
                if (line.Contains(" shown in ", StringComparison.Ordinal)) (newPage, arrived) = live.Connect(Moved);
            });
            Assert.True((await session.BuildAsync()).Success);
            IncrementalRebuildTests.Edit(site, "seeds/ada.txt", "Learning Things Quickly", "Learning Many Things Quickly");
            await session.Changed([Path.Combine(site.Root, "seeds/ada.txt")]);
            using (arrived)
            {
                Assert.False(session.Last!.Success);
                Assert.Equal(["move"], Events(paperPage).Select(e => e.Event));
                Assert.Equal([("move", "\"/papers/learning-things-quickly/\"")], Events(newPage!));
                Assert.Null(live.AheadPage(Moved));
                Assert.True(File.Exists(Path.Combine(site.Root, "_site", Paper)));
            }
        }
    }

    // The browser had not reached the new place when the rebuild failed: once there, it is sent back.
    [Fact]
    public async Task A_browser_that_reaches_a_moved_page_after_the_rebuild_failed_is_sent_back()
    {
        using var site = new TestSite(IncrementalRebuildTests.Profile + "\n-- content/papers/learning-things-quickly.md --\nNotes.\n");
        var live = new LiveReload();
        using var session = new PreviewSession(new BuildOptions { SiteRoot = site.Root, Strict = true }, live, _ => { });
        var (paperPage, connection) = live.Connect(Paper);
        using (connection)
        {
            Assert.True((await session.BuildAsync()).Success);
            IncrementalRebuildTests.Edit(site, "seeds/ada.txt", "Learning Things Quickly", "Learning Many Things Quickly");
            await session.Changed([Path.Combine(site.Root, "seeds/ada.txt")]);
            Assert.False(session.Last!.Success);
            Assert.Equal(["move"], Events(paperPage).Select(e => e.Event));
        }
        Assert.Equal("/papers/learning-things-quickly/", live.RedirectFor(Moved));
        var (late, lateConnection) = live.Connect(Moved);
        using (lateConnection) Assert.Equal([("move", "\"/papers/learning-things-quickly/\"")], Events(late));
        // The next good build forgets it.
        IncrementalRebuildTests.Edit(site, "seeds/ada.txt", "Learning Many Things Quickly", "Learning Things Quickly");
        await session.Changed([Path.Combine(site.Root, "seeds/ada.txt")]);
        Assert.True(session.Last!.Success);
        Assert.Null(live.RedirectFor(Moved));
    }

    // The profile was saved again between the head start and the rebuild's read: the page shown ahead at the first new
    // place is not in the site, and its browser is sent on to where the rebuild put the paper.
    [Fact]
    public async Task A_browser_on_a_page_shown_ahead_that_the_rebuild_did_not_write_is_sent_on_to_the_paper()
    {
        using var site = new TestSite(IncrementalRebuildTests.Profile);
        var live = new LiveReload();
        var (paperPage, connection) = live.Connect(Paper);
        using (connection)
        {
            IDisposable? arrived = null;
            System.Threading.Channels.ChannelReader<(string Event, string Data)>? newPage = null;
            using var session = new PreviewSession(new BuildOptions { SiteRoot = site.Root }, live, line =>
            {
                if (!line.Contains(" shown in ", StringComparison.Ordinal)) return;
                (newPage, arrived) = live.Connect(Moved);
                IncrementalRebuildTests.Edit(site, "seeds/ada.txt", "Learning Many Things Quickly", "Learning Things Slowly");
            });
            Assert.True((await session.BuildAsync()).Success);
            IncrementalRebuildTests.Edit(site, "seeds/ada.txt", "Learning Things Quickly", "Learning Many Things Quickly");
            await session.Changed([Path.Combine(site.Root, "seeds/ada.txt")]);
            using (arrived)
            {
                Assert.True(session.Last!.Success);
                Assert.Contains("learning-things-slowly", session.Last.PaperSlugs);
                Assert.Equal(["move"], Events(paperPage).Select(e => e.Event));
                Assert.Equal([("move", "\"/papers/learning-things-slowly/\"")], Events(newPage!));
                Assert.Equal("/papers/learning-things-slowly/", live.RedirectFor(Moved));
            }
        }
    }

    [Fact]
    public async Task Nothing_is_shown_ahead_when_the_open_page_does_not_change()
    {
        using var site = new TestSite(IncrementalRebuildTests.Profile);
        var (shown, paperAfter, homeAfter, log, last) = await EditWithPagesOpen(site, "seeds/ada.txt", "A paper with Eve.", "A paper with Eve Stone.");
        Assert.True(last.Success);
        Assert.Null(shown);
        Assert.DoesNotContain(log, l => l.Contains(" shown in ", StringComparison.Ordinal));
        Assert.Equal(["reload"], paperAfter);
        Assert.Equal(["reload"], homeAfter);
    }
}
