using PortfolioGen.Serving;
using PortfolioGen.Site;
using PortfolioGen.Tests.Site;
using Xunit;

namespace PortfolioGen.Tests.Serving;

/// <summary>
/// A rebuild's warnings are logged, as <c>build</c> prints them, when they differ from the last good build's: serve used
/// to log only "rebuilt in …", and a broken link or an unknown key went unnoticed until the next <c>build</c>.
/// </summary>
public class RebuildWarningsTests
{
    private static (TestSite Site, PreviewSession Session, List<string> Log) Start()
    {
        var site = new TestSite(IncrementalRebuildTests.Profile);
        var log = new List<string>();
        var session = new PreviewSession(new BuildOptions { SiteRoot = site.Root }, new LiveReload(), log.Add);
        var first = session.BuildAsync().GetAwaiter().GetResult();
        Assert.True(first.Success, string.Join("\n", first.Diagnostics));
        Assert.Empty(first.Diagnostics);
        return (site, session, log);
    }

    private static async Task<List<string>> Rebuild(TestSite site, PreviewSession session, List<string> log, string changed)
    {
        var before = log.Count;
        await session.Changed([Path.Combine(site.Root, changed)]);
        Assert.True(session.Last!.Success, string.Join("\n", session.Last.Diagnostics));
        return log.Skip(before).ToList();
    }

    [Fact]
    public async Task New_warnings_are_logged_once_in_builds_format_and_their_fix_is_noted()
    {
        var (site, session, log) = Start();
        using (site) using (session)
        {
            site.Write("-- content/site.yml --\nbase_url: https://ada.example.org/\nbogus_key: 1\n");
            var lines = await Rebuild(site, session, log, "content/site.yml");
            var text = string.Join("\n", lines);
            Assert.Contains("content/site.yml changed: rebuilt in", text);
            Assert.Contains("1 new warning(s):\n    content/site.yml(2,1): warning PG0101: unknown key 'bogus_key'", text);

            // The same warning again: not repeated.
            IncrementalRebuildTests.Edit(site, "seeds/ada.txt", "We learn things.", "We learn things quickly.");
            lines = await Rebuild(site, session, log, "seeds/ada.txt");
            Assert.DoesNotContain(lines, l => l.Contains("warning", StringComparison.Ordinal));

            // One more: only the new one is printed, with the count of all.
            IncrementalRebuildTests.Edit(site, "content/about.md", "Hello.", "Hello. [Nowhere](/papers/no-such-paper/)");
            text = string.Join("\n", await Rebuild(site, session, log, "content/about.md"));
            Assert.Contains("1 new warning(s), 2 in all:\n    ", text);
            Assert.Contains("warning PG0501: the link '/papers/no-such-paper/' leads nowhere", text);
            Assert.DoesNotContain("PG0101", text);

            // Both fixed: said once.
            IncrementalRebuildTests.Edit(site, "content/about.md", "Hello. [Nowhere](/papers/no-such-paper/)", "Hello.");
            site.Write("-- content/site.yml --\nbase_url: https://ada.example.org/\n");
            text = string.Join("\n", await Rebuild(site, session, log, "content/about.md"));
            Assert.Contains("2 warning(s) gone; no warnings now", text);
            lines = await Rebuild(site, session, log, "content/about.md");
            Assert.DoesNotContain(lines, l => l.Contains("warning", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_retitled_paper_reports_the_links_and_featured_slug_it_broke()
    {
        using var site = new TestSite(IncrementalRebuildTests.Profile
            .Replace("base_url: https://ada.example.org/\n", "base_url: https://ada.example.org/\nfeatured: [alone-again]\n", StringComparison.Ordinal)
            .Replace("Hello.", "Hello. [Alone](/papers/alone-again/)", StringComparison.Ordinal));
        var log = new List<string>();
        using var session = new PreviewSession(new BuildOptions { SiteRoot = site.Root }, new LiveReload(), log.Add);
        var first = await session.BuildAsync();
        Assert.True(first.Success && first.Diagnostics.Count == 0, string.Join("\n", first.Diagnostics));
        IncrementalRebuildTests.Edit(site, "seeds/ada.txt", "Alone Again", "Alone Once More");
        var text = string.Join("\n", await Rebuild(site, session, log, "seeds/ada.txt"));
        Assert.Contains("new warning(s)", text);
        Assert.Contains("warning PG0206", text);
        Assert.Contains("warning PG0501: the link '/papers/alone-again/' leads nowhere", text);
    }

    // The errors of a failed rebuild are logged where serve's -q still prints them (serve -q printed nothing at all).
    [Fact]
    public async Task Errors_go_to_the_error_log_and_other_lines_do_not()
    {
        using var site = new TestSite(IncrementalRebuildTests.Profile);
        var log = new List<string>();
        var errors = new List<string>();
        using var session = new PreviewSession(new BuildOptions { SiteRoot = site.Root }, new LiveReload(), log.Add, logErrors: errors.Add);
        await session.BuildAsync();
        IncrementalRebuildTests.Edit(site, "seeds/ada.txt", "LGMar 4, 2024Code", "LGFeb 30, 2024Code");
        await session.Changed([Path.Combine(site.Root, "seeds/ada.txt")]);
        var error = Assert.Single(errors);
        Assert.Contains("build failed in", error);
        Assert.Contains("error PG0002", error);
        Assert.DoesNotContain(log, l => l.Contains("build failed", StringComparison.Ordinal));
        Assert.Contains(log, l => l.StartsWith("built in", StringComparison.Ordinal));
    }
}
