using PortfolioGen.Site;
using PortfolioGen.Tests.Cli;
using PortfolioGen.Tests.Site;
using Xunit;

namespace PortfolioGen.Tests.Themes;

/// <summary>A theme's file that cannot be read is an error naming it (exit 1), never an unhandled exception.</summary>
public class ThemeLoadTests
{
    private const string Mine = """
-- content/site.yml --
theme: mine
-- themes/mine/theme.yml --
extends: {default-theme}
""";

    private static TestSite WithLink(string path, string target)
    {
        var site = new TestSite(TestSite.SmallProfile + Mine);
        var link = Path.Combine(site.Root, "themes", "mine", path);
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        File.CreateSymbolicLink(link, target);
        return site;
    }

    [Theory]
    [InlineData("assets/dangling.css")]
    [InlineData("layouts/dangling.sbn")]
    [InlineData("partials/dangling.sbn")]
    [InlineData("data/dangling.json")]
    [InlineData("fonts/dangling.ttf")]
    public void A_link_to_nothing_is_an_error_naming_it(string path)
    {
        using var site = WithLink(path, "/nonexistent/file");
        var result = site.Build();
        Assert.False(result.Success);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal($"themes/mine/{path}: error PG0306: the theme's file cannot be read: it is a symbolic link to '/nonexistent/file', which does not exist",
            error.ToString());
    }

    [Fact]
    public void A_link_to_itself_is_an_error_naming_it()
    {
        using var site = WithLink("assets/loop.css", "loop.css");
        var result = site.Build();
        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.StartsWith("themes/mine/assets/loop.css: error PG0306: the theme's file cannot be read: ", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("theme: empty\n", "themes/empty")]
    [InlineData("theme: ./themes\n", "themes")]
    [InlineData("theme: bare\n", "themes/bare")]
    public void A_folder_without_layouts_is_one_error_at_load_not_one_per_page(string settings, string folder)
    {
        using var site = new TestSite(TestSite.SmallProfile + "-- content/site.yml --\n" + settings + """
-- themes/empty/.keep --
-- themes/bare/theme.yml --
name: bare
-- themes/bare/partials/x.sbn --
x
""");
        var result = site.Build();
        Assert.True(result.UsageError);
        Assert.Equal([$"{folder}: error PG0304: this folder is not a theme: it has no layouts/ folder (a theme has layouts/*.sbn, or a theme.yml that extends a theme that has)"],
            result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));
    }

    [Fact]
    public void The_command_exits_1_without_a_stack_trace()
    {
        using var site = WithLink("assets/dangling.css", "/nonexistent/file.css");
        var r = CliRunner.Run(site.Root, "build");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("themes/mine/assets/dangling.css: error PG0306: the theme's file cannot be read: it is a symbolic link to '/nonexistent/file.css', which does not exist", r.Stderr);
        Assert.DoesNotContain("Unhandled exception", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
    }
    [Theory]
    [InlineData("bsae", "the base layout 'bsae' is not in the theme: there is no layouts/bsae.sbn")]
    [InlineData("../base", "the base layout '../base' is not in the theme: there is no layouts/../base.sbn")]
    [InlineData("layouts/base", "the base layout 'layouts/base' is not in the theme: there is no layouts/layouts/base.sbn")]
    public void A_base_layout_theme_yml_names_that_the_theme_lacks_is_an_error_at_its_line(string name, string message)
    {
        // Before, a misspelt base was dropped without a word (every page lost its <head>), and '../base' threw.
        using var site = new TestSite(TestSite.SmallProfile + Mine + $"\nbase: {name}\n");
        var result = site.Build();
        Assert.False(result.Success);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.StartsWith($"themes/mine/theme.yml(2,7): error PG0303: {message} (layouts: 404, base, coauthor, ", error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(site.Output("")));
    }

    [Fact]
    public void An_empty_base_means_none()
    {
        using var site = new TestSite(TestSite.SmallProfile + Mine + "\nbase: \"\"\n");
        site.Build();
        Assert.DoesNotContain("<html", site.Read("404.html"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_theme_that_extends_another_keeps_the_base_layout_its_theme_yml_names()
    {
        using var site = new TestSite(TestSite.SmallProfile + """
-- content/site.yml --
theme: child
-- themes/parent/theme.yml --
extends: {default-theme}
base: frame
-- themes/parent/layouts/frame.sbn --
<!DOCTYPE html><html lang="en"><head><title>{{ page.title }}</title></head><body class="framed"><main>{{ content }}</main></body></html>
-- themes/child/theme.yml --
extends: parent
""");
        site.BuildOk();
        site.AssertFileContains("404.html", "<body class=\"framed\">");
    }

    [Fact]
    public void A_theme_it_extends_that_is_not_found_is_reported_at_extends()
    {
        using var site = new TestSite(TestSite.SmallProfile + """
-- content/site.yml --
theme: mine
-- themes/mine/theme.yml --
name: mine
extends: nothere
""");
        var result = site.Build();
        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.StartsWith("themes/mine/theme.yml(2,10): error PG0304: the theme extends 'nothere', which was not found", error.ToString(), StringComparison.Ordinal);
    }
    [Fact]
    public void A_stylesheets_url_to_an_asset_the_theme_lacks_is_a_warning_at_its_place()
    {
        // Before, it was left as written without a word: every page then asked for a file the site does not have.
        using var site = new TestSite(TestSite.SmallProfile + Mine + """

-- themes/mine/assets/img/dot.svg --
<svg xmlns="http://www.w3.org/2000/svg"/>
-- themes/mine/assets/mine.css --
/* url(commented-out.png) */
.a { background: url(img/dot.svg) }
.b { background: url(img/dots.svg) }
.c { background: url("img/dot.svg?v=2#x") } .d { background: url(data:image/png;base64,AA==) }
""");
        var result = site.Build();
        Assert.True(result.Success);
        Assert.Equal(["themes/mine/assets/mine.css(3,18): warning PG0501: 'img/dots.svg' leads nowhere: the theme has no asset 'img/dots.svg' (a stylesheet's url() is relative to its own folder in assets/)"],
            result.Diagnostics.Where(d => d.File.StartsWith("themes/", StringComparison.Ordinal)).Select(d => d.ToString()));
        var css = File.ReadAllText(Directory.GetFiles(site.Output("assets"), "mine.*.css").Single());
        Assert.Matches(@"\.a \{ background: url\(""img/dot\.[0-9a-f]{10}\.svg""\) \}", css);
        Assert.Matches(@"\.c \{ background: url\(""img/dot\.[0-9a-f]{10}\.svg\?v=2#x""\) \}", css);
    }
    [Fact]
    public void A_stylesheets_url_to_an_asset_whose_name_a_url_escapes_is_found_and_written_escaped()
    {
        // A url() is a URL: '#' and '%' in a file's name are written %23 and %25 (a '#' as it is starts a fragment).
        // Before, the escaped name was looked up as it was written (a warning: no such asset), and the rewritten
        // reference carried the fingerprinted name unescaped, which the browser cut at the '#'.
        using var site = new TestSite(TestSite.SmallProfile + Mine + """

-- themes/mine/assets/img/50%.svg --
<svg xmlns="http://www.w3.org/2000/svg"/>
-- themes/mine/assets/mine.css --
.a { background: url("img/my%20dot%231.svg") }
.b { background: url(img/50%25.svg?v=2) }
.c { background: url("img/my dot%231.svg") }
""");
        // (A file of the test site's text cannot have a space in its name.)
        File.WriteAllText(Path.Combine(site.Root, "themes", "mine", "assets", "img", "my dot#1.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n");
        var result = site.Build();
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Assert.DoesNotContain(result.Diagnostics, d => d.File.StartsWith("themes/", StringComparison.Ordinal));
        var css = File.ReadAllText(Directory.GetFiles(site.Output("assets"), "mine.*.css").Single());
        var a = System.Text.RegularExpressions.Regex.Match(css, @"\.a \{ background: url\(""img/my%20dot%231\.([0-9a-f]{10})\.svg""\) \}");
        Assert.True(a.Success, css);
        Assert.True(File.Exists(site.Output($"assets/img/my dot#1.{a.Groups[1].Value}.svg")));
        var b = System.Text.RegularExpressions.Regex.Match(css, @"\.b \{ background: url\(""img/50%25\.([0-9a-f]{10})\.svg\?v=2""\) \}");
        Assert.True(b.Success, css);
        Assert.True(File.Exists(site.Output($"assets/img/50%.{b.Groups[1].Value}.svg")));
        Assert.Contains(".c { background: url(\"img/my%20dot%231." + a.Groups[1].Value + ".svg\") }", css, StringComparison.Ordinal);
    }
}
