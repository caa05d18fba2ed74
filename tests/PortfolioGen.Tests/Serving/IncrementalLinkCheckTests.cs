using PortfolioGen.Site;
using PortfolioGen.Tests.Site;
using Xunit;

namespace PortfolioGen.Tests.Serving;

/// <summary>
/// A serve session checks links again only where something they depend on changed (see Modules.LinkCheckMemo); after
/// every edit its warnings must be exactly a fresh build's.
/// </summary>
public class IncrementalLinkCheckTests
{
    private const string Pages = """
-- content/about.md --
---
title: About
nav_order: 1
---
See [the quick paper](/papers/learning-things-quickly/), [its BibTeX](/papers/learning-things-quickly/cite.bib),
[the team](/people/#the-team), [people without a slash](/people), [a relative link](../topics/) and [the top](#main).
-- content/people.md --
---
title: People
---
## The Team

Everyone.
""";

    [Fact]
    public async Task Link_warnings_after_each_edit_are_a_fresh_builds()
    {
        using var site = new TestSite(IncrementalRebuildTests.Profile + "\n" + Pages);
        var session = new BuildSession();
        var options = new BuildOptions { SiteRoot = site.Root };
        var first = await SiteBuilder.BuildAsync(options, session);
        Assert.True(first.Success, string.Join("\n", first.Diagnostics));
        Assert.DoesNotContain(first.Diagnostics, d => d.Code is DiagnosticCodes.BrokenLink or DiagnosticCodes.MissingFragment);
        Assert.Equal(first.Pages, session.LinkChecks.Checked);

        var people = File.ReadAllText(Path.Combine(site.Root, "content/people.md"));
        (string What, Action Apply, string? Expect)[] edits =
        [
            // The paper's slug changes: both links to it break.
            ("title", () => IncrementalRebuildTests.Edit(site, "seeds/ada.txt", "Learning Things Quickly", "Learning Things Slowly"), "learning-things-quickly"),
            // An unrelated abstract: the broken links stay broken, and few pages are checked again.
            ("abstract", () => IncrementalRebuildTests.Edit(site, "seeds/ada.txt", "We talk about things.", "We talk about other things."), "learning-things-quickly"),
            ("title back", () => IncrementalRebuildTests.Edit(site, "seeds/ada.txt", "Learning Things Slowly", "Learning Things Quickly"), null),
            // The fragment's target loses its id, then gets it back.
            ("id", () => IncrementalRebuildTests.Edit(site, "content/people.md", "## The Team", "## The Crew"), "#the-team"),
            ("id back", () => IncrementalRebuildTests.Edit(site, "content/people.md", "## The Crew", "## The Team"), null),
            // The linked page goes (both links to it break), then comes back.
            ("page removed", () => site.Delete("content/people.md"), "people"),
            ("page back", () => File.WriteAllText(Path.Combine(site.Root, "content/people.md"), people), null),
            // A page (not in the navigation) with a broken link of its own comes, then goes: its warning goes with it.
            ("page with a broken link", () => File.WriteAllText(Path.Combine(site.Root, "content/notes.md"), "---\ntitle: Notes\n---\n[Gone](/nowhere/)\n"), "nowhere"),
            ("page with it removed", () => site.Delete("content/notes.md"), null),
        ];
        foreach (var (what, apply, expect) in edits)
        {
            apply();
            var rebuilt = await SiteBuilder.BuildAsync(options, session);
            var fresh = await SiteBuilder.BuildAsync(options with { Output = "_fresh" });
            Assert.Equal(fresh.Diagnostics.Select(d => d.ToString().Replace("_fresh", "_site", StringComparison.Ordinal)), rebuilt.Diagnostics.Select(d => d.ToString()));
            if (expect is null) Assert.DoesNotContain(rebuilt.Diagnostics, d => d.Code is DiagnosticCodes.BrokenLink or DiagnosticCodes.MissingFragment);
            else Assert.Contains(rebuilt.Diagnostics, d => d.Code is DiagnosticCodes.BrokenLink or DiagnosticCodes.MissingFragment && d.Message.Contains(expect, StringComparison.Ordinal));
            Assert.True(session.LinkChecks.Checked < rebuilt.Pages / 2, $"{what}: {session.LinkChecks.Checked} of {rebuilt.Pages} pages checked again");
            Directory.Delete(site.Output("", "_fresh"), recursive: true);
        }
    }
}
