using PortfolioGen.Site;
using PortfolioGen.Tests.Site;
using Xunit;

namespace PortfolioGen.Tests.Themes;

/// <summary>
/// A template error is the template's own error, reported once with its position, however many pages it breaks;
/// it never leaves the build's shared state (the papers' index, the partials) half made for the other pages.
/// </summary>
public class TemplateErrorTests
{
    // The README's example of changing one template, with a typo (site.ownr for site.owner).
    private const string TypoTheme = """
-- content/site.yml --
theme: typo
base_url: https://ada.example.org/
-- themes/typo/theme.yml --
extends: {default-theme}
-- themes/typo/partials/head-extra.sbn --
<meta name="author" content="{{ site.ownr.name }}">
""";

    private const string FixedPartial = """
-- themes/typo/partials/head-extra.sbn --
<meta name="author" content="{{ site.owner.name }}">
""";

    private static List<Diagnostic> Errors(BuildResult result) => [.. result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)];

    [Fact]
    public void A_typo_in_a_partial_every_page_includes_is_one_error_with_its_position_and_the_pages_it_broke()
    {
        using var site = new TestSite(TestSite.SmallProfile + TypoTheme + FixedPartial);
        var pages = site.BuildOk().Pages;
        site.Write(TypoTheme);
        var result = site.Build(new BuildOptions { Output = "_other" });
        Assert.False(result.Success);
        var error = Assert.Single(Errors(result));
        Assert.Equal($"themes/typo/partials/head-extra.sbn(1,38): error PG0302: Cannot get member with name ownr. (while rendering 404.html and {pages - 1} other pages)",
            error.ToString());
        Assert.Equal("404.html", error.Page);
        Assert.Equal(pages, error.PageCount);
        Assert.False(Directory.Exists(site.Output("", "_other")));
    }

    [Fact]
    public void Pages_that_list_papers_whose_own_pages_failed_report_only_the_template_error()
    {
        // Only the papers' pages fail; the home page, topics and co-authors list those papers all the same.
        using var site = new TestSite(TestSite.SmallProfile + """
-- content/site.yml --
theme: broken
-- themes/broken/theme.yml --
extends: {default-theme}
-- themes/broken/layouts/paper.sbn --
<h1>{{ paper.titel }}</h1>
""");
        var result = site.Build();
        Assert.False(result.Success);
        Assert.DoesNotContain(result.Diagnostics, d => d.Code == DiagnosticCodes.ModuleFailed);
        var error = Assert.Single(Errors(result));
        Assert.Equal("themes/broken/layouts/paper.sbn(1,14): error PG0302: Cannot get member with name titel. "
            + "(while rendering papers/alone-again/index.html and 2 other pages)", error.ToString());
    }

    [Fact]
    public void A_layout_the_theme_lacks_is_one_error_at_the_file_it_lacks_with_the_pages_that_need_it()
    {
        using var site = new TestSite(TestSite.SmallProfile + """
-- content/about.md --
---
title: About
layout: wide
---
About me.
-- content/talks.md --
---
title: Talks
layout: wide
---
My talks.
""");
        var result = site.Build();
        Assert.False(result.Success);
        var error = Assert.Single(Errors(result));
        Assert.Equal(DiagnosticCodes.TemplateNotFound, error.Code);
        Assert.Matches(@"^.*themes/default/layouts/wide\.sbn: error PG0303: the theme 'default' has no layout 'wide' "
            + @"\(while rendering about/index\.html and 1 other page\)$", error.ToString());
    }

    [Fact]
    public void A_failed_build_leaves_the_previous_site_as_it_was()
    {
        using var site = new TestSite(TestSite.SmallProfile + TypoTheme + FixedPartial);
        site.BuildOk();
        var before = BuildIntegrationTests.Snapshot(site.Output(""));
        site.Write(TypoTheme);
        Assert.False(site.Build().Success);
        Assert.Equal(before, BuildIntegrationTests.Snapshot(site.Output("")));
    }

    [Fact]
    public void In_a_serve_session_every_failed_rebuild_reports_the_one_error_and_the_fix_builds_what_a_fresh_build_does()
    {
        using var site = new TestSite(TestSite.SmallProfile + TypoTheme + FixedPartial);
        using var session = new BuildSession();
        BuildResult Rebuild() => SiteBuilder.BuildAsync(new BuildOptions { SiteRoot = site.Root }, session).GetAwaiter().GetResult();
        Assert.True(Rebuild().Success);
        site.Write(TypoTheme);
        for (var i = 0; i < 2; i++)
        {
            var failed = Rebuild();
            Assert.False(failed.Success);
            var error = Assert.Single(Errors(failed));
            Assert.StartsWith("themes/typo/partials/head-extra.sbn(1,38): error PG0302: Cannot get member with name ownr. (while rendering 404.html and ", error.ToString());
        }
        site.Write(FixedPartial);
        var fixedResult = Rebuild();
        Assert.True(fixedResult.Success, string.Join("\n", fixedResult.Diagnostics));
        var served = BuildIntegrationTests.Snapshot(site.Output(""));
        site.BuildOk(new BuildOptions { Output = "_fresh" });
        Assert.Equal(BuildIntegrationTests.Snapshot(site.Output("", "_fresh")), served);
    }

    [Fact]
    public void The_same_problem_on_several_pages_is_one_diagnostic_naming_the_first_page_and_how_many_others()
    {
        var bag = new DiagnosticBag();
        Diagnostic On(string page, int line = 2) => Diagnostic.Error(DiagnosticCodes.TemplateRuntime, "themes/t/partials/p.sbn", line, 5, "Cannot get member with name x.") with { Page = page };
        foreach (var page in new[] { "papers/b/index.html", "index.html", "papers/a/index.html", "index.html" }) bag.Add(On(page));
        bag.Add(On("topics/index.html", line: 3));
        bag.Add(Diagnostic.Warning(DiagnosticCodes.BrokenLink, "content/about.md", 1, 1, "the link 'x' leads nowhere"));
        var report = bag.ToReport();
        Assert.Equal([
            "content/about.md(1,1): warning PG0501: the link 'x' leads nowhere",
            "themes/t/partials/p.sbn(2,5): error PG0302: Cannot get member with name x. (while rendering index.html and 2 other pages)",
            "themes/t/partials/p.sbn(3,5): error PG0302: Cannot get member with name x. (while rendering topics/index.html)",
        ], report.Select(d => d.ToString()));
        // Reporting what was reported changes nothing.
        var again = new DiagnosticBag();
        again.AddRange(report);
        Assert.Equal(report, again.ToReport());
    }
    [Fact]
    public void A_syntax_error_in_an_included_file_that_is_not_sbn_is_reported_at_its_own_line()
    {
        // Only layouts/*.sbn and partials/*.sbn are parsed when the theme loads; this one parses when it is included.
        // Before, the error was "Error while parsing template `/abs/path/…`" at the include, without the line.
        using var site = new TestSite(TestSite.SmallProfile + """
-- content/site.yml --
theme: mine
-- themes/mine/theme.yml --
extends: {default-theme}
-- themes/mine/partials/head-extra.sbn --
{{ include 'partials/meta.html' }}
-- themes/mine/partials/meta.html --
<meta name="x" content="y">
<meta name="author" content="{{ site.owner.name + }}">
""");
        var result = site.Build();
        Assert.False(result.Success);
        var error = Assert.Single(Errors(result));
        Assert.StartsWith("themes/mine/partials/meta.html(2,51): error PG0301: ", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Expecting an <expression> to the right of the operator", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_block_left_without_end_is_reported_at_the_block_not_at_the_end_of_the_file()
    {
        // Scriban reports a missing `end` where it stopped looking, at the end of the file (here line 8): with many
        // blocks in a layout, that does not say which one. The error is at the block left open.
        using var site = new TestSite(TestSite.SmallProfile + """
-- content/site.yml --
theme: mine
-- themes/mine/theme.yml --
extends: {default-theme}
-- themes/mine/partials/head-extra.sbn --
{{ if site.owner }}<meta name="a" content="b">{{ end }}
{{~ for p in [1, 2]; if p > 1 ~}}
<meta name="p" content="{{ p }}">
{{~ end ~}}
{{ with site.owner; x = name; end }}
{{ func f(a); ret a; end }}
{{ case 1 }}{{ when 1 }}one{{ else }}other{{ end }}
<meta name="c" content="{{ f 1 }}">
""");
        var result = site.Build();
        Assert.False(result.Success);
        var error = Assert.Single(Errors(result));
        Assert.Equal("themes/mine/partials/head-extra.sbn(2,5): error PG0301: this `for` has no `end`: the file ends before the block is closed",
            error.ToString());
    }

    [Fact]
    public void The_innermost_block_left_open_is_the_one_reported()
    {
        using var site = new TestSite(TestSite.SmallProfile + """
-- content/site.yml --
theme: mine
-- themes/mine/theme.yml --
extends: {default-theme}
-- themes/mine/partials/head-extra.sbn --
{{ if site.owner }}
  {{ if site.owner.name }}
    <meta name="a" content="b">
  {{ else if site.url }}
{{ end }}
""");
        var result = site.Build();
        Assert.False(result.Success);
        var error = Assert.Single(Errors(result));
        Assert.Equal("themes/mine/partials/head-extra.sbn(1,4): error PG0301: this `if` has no `end`: the file ends before the block is closed",
            error.ToString());
    }

    [Fact]
    public void A_block_left_open_in_an_included_file_that_is_not_sbn_is_reported_at_the_block()
    {
        using var site = new TestSite(TestSite.SmallProfile + """
-- content/site.yml --
theme: mine
-- themes/mine/theme.yml --
extends: {default-theme}
-- themes/mine/partials/head-extra.sbn --
{{ include 'partials/meta.html' }}
-- themes/mine/partials/meta.html --
<meta name="x" content="y">
  {{~ if site.owner ~}}
<meta name="author" content="{{ site.owner.name }}">
""");
        var result = site.Build();
        Assert.False(result.Success);
        var error = Assert.Single(Errors(result));
        Assert.StartsWith("themes/mine/partials/meta.html(2,7): error PG0301: this `if` has no `end`: the file ends before the block is closed (while rendering ",
            error.ToString(), StringComparison.Ordinal);
    }
    // `for.index` and `while.index` are the loop's variables, not a `for` or `while` opening a block; an anonymous
    // function (`do ... end`) is a block, though it is not at the start of a statement. Neither moves the error.
    [Fact]
    public void A_loop_variable_or_an_anonymous_function_is_not_taken_for_the_block_left_open()
    {
        using var site = new TestSite(TestSite.SmallProfile + """
-- content/site.yml --
theme: mine
-- themes/mine/theme.yml --
extends: {default-theme}
-- themes/mine/partials/head-extra.sbn --
{{ if site.owner }}
{{ for p in [1, 2] }}<meta name="n{{ for.index }}" content="{{ p }}">{{ for.index }}{{ end }}
{{ x = 0; while x < 1; x = x + 1 }}{{ while.index }}{{ end }}
{{ f = do; ret 1; end }}{{ with site.owner }}<meta name="o" content="{{ name }}">{{ end }}
""");
        var result = site.Build();
        Assert.False(result.Success);
        var error = Assert.Single(Errors(result));
        Assert.Equal("themes/mine/partials/head-extra.sbn(1,4): error PG0301: this `if` has no `end`: the file ends before the block is closed",
            error.ToString());
    }
}
