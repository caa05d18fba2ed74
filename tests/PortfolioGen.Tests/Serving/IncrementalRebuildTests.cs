using PortfolioGen.Serving;
using PortfolioGen.Site;
using PortfolioGen.Tests.Site;
using Xunit;

namespace PortfolioGen.Tests.Serving;

/// <summary>A serve session re-renders only the pages whose inputs changed.</summary>
public class IncrementalRebuildTests
{
    /// <summary>Three papers, five co-authors, an about page (the reference site is bigger than these tests need).</summary>
    internal const string Profile = """
-- seeds/ada.txt --
Ada Researcher

LG

LGMar 4, 2024Code
Learning Things Quickly

Ada Researcher, Bo Li, Chen Wei

We learn things.

CLJan 10, 2023
Talking About Things

Dana Ortiz, Ada Researcher

We talk about things.

LGDec 1, 2023
Alone Again

Ada Researcher, Eve Stone

A paper with Eve.
-- content/site.yml --
base_url: https://ada.example.org/
-- content/about.md --
---
title: About
nav_order: 1
---
Hello.
""";

    private static (TestSite Site, PreviewSession Session, List<string> Log) Start()
    {
        var site = new TestSite(Profile);
        var log = new List<string>();
        var session = new PreviewSession(new BuildOptions { SiteRoot = site.Root }, new LiveReload(), log.Add);
        var first = session.BuildAsync().GetAwaiter().GetResult();
        Assert.True(first.Success, string.Join("\n", first.Diagnostics));
        Assert.Equal(first.Pages, first.Rendered.Count);
        return (site, session, log);
    }

    private static BuildResult Rebuild(TestSite site, PreviewSession session, params string[] changed)
    {
        session.Changed([.. changed.Select(c => Path.Combine(site.Root, c))]).GetAwaiter().GetResult();
        var result = session.Last!;
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return result;
    }

    internal static void Edit(TestSite site, string path, string from, string to)
    {
        var full = Path.Combine(site.Root, path);
        var text = File.ReadAllText(full);
        Assert.Contains(from, text);
        File.WriteAllText(full, text.Replace(from, to, StringComparison.Ordinal));
    }

    [Fact]
    public void Nothing_changed_renders_nothing_and_writes_nothing()
    {
        var (site, session, _) = Start();
        using (site) using (session)
        {
            var result = Rebuild(site, session, "seeds/ada.txt");
            Assert.Empty(result.Rendered);
            Assert.Equal(0, result.Commit!.Written);
        }
    }

    [Fact]
    public async Task An_internal_error_in_a_rebuild_is_logged_and_the_session_goes_on_rebuilding()
    {
        var (site, session, log) = Start();
        using (site) using (session)
        {
            var fail = true;
            session.Built += _ =>
            {
                if (fail) throw new InvalidOperationException("a bug");
            };
            Edit(site, "seeds/ada.txt", "We learn things.", "We learn things quickly.");
            await session.Changed([Path.Combine(site.Root, "seeds/ada.txt")]);
            Assert.Contains(log, l => l.StartsWith("rebuild failed with an internal error", StringComparison.Ordinal) && l.Contains("a bug", StringComparison.Ordinal));
            fail = false;
            Edit(site, "seeds/ada.txt", "We learn things quickly.", "We learn things slowly.");
            Rebuild(site, session, "seeds/ada.txt");
            Assert.Contains("We learn things slowly.", site.Read("papers/learning-things-quickly/index.html"));
            Assert.Equal(3, session.Builds);
        }
    }

    // The time a rebuild logs runs from the change seen, so a change saved while the last rebuild still ran (or
    // tidied up after it) counts its wait, and the log says how much of it that was: it used to start only once the
    // rebuild could begin.
    [Fact]
    public async Task A_change_that_waits_for_the_last_rebuild_counts_the_wait()
    {
        var (site, session, log) = Start();
        using (site) using (session)
        {
            using var entered = new ManualResetEventSlim();
            using var release = new ManualResetEventSlim();
            session.Built += _ =>
            {
                if (session.Builds != 2) return;
                entered.Set();
                release.Wait(TimeSpan.FromSeconds(30));
            };
            Edit(site, "seeds/ada.txt", "We learn things.", "We learn things quickly.");
            var first = session.Changed([Path.Combine(site.Root, "seeds/ada.txt")]);
            Assert.True(entered.Wait(TimeSpan.FromSeconds(30)));
            // The first rebuild still holds the session: this change is queued behind it.
            Edit(site, "seeds/ada.txt", "We learn things quickly.", "We learn things slowly.");
            var second = session.Changed([Path.Combine(site.Root, "seeds/ada.txt")]);
            await Task.Delay(300);
            release.Set();
            await first;
            await second;
            Assert.Equal(3, session.Builds);
            var line = Assert.Single(log, l => l.Contains("changed: rebuilt in", StringComparison.Ordinal) && l.Contains("waiting", StringComparison.Ordinal));
            var m = System.Text.RegularExpressions.Regex.Match(line, @"rebuilt in (\d+) ms \((\d+) ms of it waiting for the last rebuild\)");
            Assert.True(m.Success, line);
            var total = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var waited = int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            // At least the time the test held the first rebuild (a slower machine only adds to both).
            Assert.True(waited >= 300 && total >= waited, line);
            Assert.Contains("We learn things slowly.", site.Read("papers/learning-things-quickly/index.html"));
            // The first rebuild did not wait.
            Assert.Single(log, l => l.Contains("changed: rebuilt in", StringComparison.Ordinal) && !l.Contains("waiting", StringComparison.Ordinal));
        }
    }

    // serve watches before its first build: an edit saved while that build runs (or while the server starts) used to
    // be lost, as the watcher began only afterwards, and the page showed the old text until the next save.
    [Fact]
    public async Task An_edit_saved_during_the_first_build_is_rebuilt()
    {
        using var site = new TestSite(Profile);
        using var session = new PreviewSession(new BuildOptions { SiteRoot = site.Root }, new LiveReload(), _ => { });
        var rebuilt = new TaskCompletionSource<BuildResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        session.Built += result =>
        {
            // The first build has read the profile; the edit lands before it returns.
            if (session.Builds == 1) Edit(site, "seeds/ada.txt", "We learn things.", "We learn things while building.");
            else rebuilt.TrySetResult(result);
        };
        session.Watch(TimeSpan.FromMilliseconds(50));
        var first = await session.BuildAsync();
        Assert.True(first.Success, string.Join("\n", first.Diagnostics));
        Assert.DoesNotContain("while building", site.Read("papers/learning-things-quickly/index.html"));
        var second = await rebuilt.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(second.Success, string.Join("\n", second.Diagnostics));
        Assert.Contains("We learn things while building.", site.Read("papers/learning-things-quickly/index.html"));
    }

    [Fact]
    public void An_abstract_edit_renders_only_that_papers_page()
    {
        var (site, session, _) = Start();
        using (site) using (session)
        {
            Edit(site, "seeds/ada.txt", "We learn things.", "We learn things quickly.");
            var result = Rebuild(site, session, "seeds/ada.txt");
            Assert.Equal(["papers/learning-things-quickly/index.html"], result.Rendered);
            Assert.Contains("We learn things quickly.", site.Read("papers/learning-things-quickly/index.html"));
        }
    }

    [Fact]
    public void A_title_edit_renders_the_paper_and_the_pages_that_list_it_not_every_co_author_page()
    {
        var (site, session, log) = Start();
        using (site) using (session)
        {
            Edit(site, "seeds/ada.txt", "Learning Things Quickly", "Learning Things Very Quickly");
            var result = Rebuild(site, session, "seeds/ada.txt");
            Assert.Equal(
                ["coauthors/bo-li/index.html", "coauthors/chen-wei/index.html", "index.html",
                 "papers/learning-things-very-quickly/index.html", "topics/cs-lg/index.html"],
                result.Rendered);
            // The other co-authors' pages, the other topic and the other papers were not rendered again.
            Assert.False(site.Exists("papers/learning-things-quickly/index.html"));
            Assert.Contains(log, l => l.StartsWith("seeds/ada.txt changed: rebuilt in ", StringComparison.Ordinal) && l.Contains("5 page(s) rendered", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Social_cards_are_drawn_once_and_a_title_edit_redraws_only_that_papers_card()
    {
        var (site, session, log) = Start();
        using (site) using (session)
        {
            // The first build drew the home page's card and one per paper.
            Assert.Equal(4, session.Last!.CardsDrawn);
            var nothing = Rebuild(site, session, "seeds/ada.txt");
            Assert.Equal((0, 4), (nothing.CardsDrawn, nothing.CardsReused));

            Edit(site, "seeds/ada.txt", "We learn things.", "We learn things quickly.");
            Assert.Equal(0, Rebuild(site, session, "seeds/ada.txt").CardsDrawn);

            Edit(site, "seeds/ada.txt", "Learning Things Quickly", "Learning Things Very Quickly");
            var title = Rebuild(site, session, "seeds/ada.txt");
            Assert.Equal((1, 3), (title.CardsDrawn, title.CardsReused));
            Assert.True(site.Exists("papers/learning-things-very-quickly/card.png"));
            Assert.Contains(log, l => l.StartsWith("seeds/ada.txt changed: rebuilt in ", StringComparison.Ordinal) && l.Contains(", 1 social card(s) drawn;", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_settings_or_theme_change_renders_everything_that_depends_on_it()
    {
        var (site, session, _) = Start();
        using (site) using (session)
        {
            site.Write("-- content/site.yml --\ntitle: Ada's Lab\nbase_url: https://ada.example.org/\n");
            var settings = Rebuild(site, session, "content/site.yml");
            Assert.Equal(settings.Pages, settings.Rendered.Count);

            site.Write("-- themes/default/theme.yml --\nextends: {default-theme}\n-- themes/default/layouts/topic.sbn --\n<h1>Topic: {{ topic.name }}</h1>\n");
            var theme = Rebuild(site, session, "themes/default/layouts/topic.sbn");
            Assert.Equal(theme.Pages, theme.Rendered.Count);
            Assert.Contains("<h1>Topic: Machine Learning</h1>", site.Read("topics/cs-lg/index.html"));
        }
    }

    [Fact]
    public void A_page_edit_renders_that_page_and_a_nav_change_every_page()
    {
        var (site, session, _) = Start();
        using (site) using (session)
        {
            Edit(site, "content/about.md", "Hello.", "Hello again.");
            Assert.Equal(["about/index.html"], Rebuild(site, session, "content/about.md").Rendered);
            Edit(site, "content/about.md", "title: About", "title: About me");
            var nav = Rebuild(site, session, "content/about.md");
            Assert.Equal(nav.Pages, nav.Rendered.Count);
        }
    }

    [Fact]
    public async Task A_failed_rebuild_keeps_the_last_good_site_and_fixing_it_recovers()
    {
        var (site, session, log) = Start();
        using (site) using (session)
        {
            var before = BuildIntegrationTests.Snapshot(site.Output(""));
            Edit(site, "seeds/ada.txt", "LGDec 1, 2023", "LGDec 32, 2023");
            await session.Changed([Path.Combine(site.Root, "seeds/ada.txt")]);
            Assert.False(session.Last!.Success);
            Assert.Equal(before, BuildIntegrationTests.Snapshot(site.Output("")));
            Assert.Contains(log, l => l.Contains("build failed", StringComparison.Ordinal) && l.Contains("seeds/ada.txt(", StringComparison.Ordinal));
            Assert.Equal("build-error", session.LiveReload.CurrentState?.Event);
            Edit(site, "seeds/ada.txt", "LGDec 32, 2023", "LGDec 1, 2023");
            var fixedResult = Rebuild(site, session, "seeds/ada.txt");
            Assert.Null(session.LiveReload.CurrentState);
            Assert.Equal(0, fixedResult.Commit!.Written);
        }
    }
}
