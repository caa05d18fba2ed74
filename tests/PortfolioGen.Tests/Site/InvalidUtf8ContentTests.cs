using PortfolioGen.Tests.Cli;
using Xunit;

namespace PortfolioGen.Tests.Site;

/// <summary>
/// site.yml, a content page, a paper's additions and a theme's files are read as the profile is: a byte that is not
/// UTF-8 is an error (PG0020) at its line and column, never <c>Caf�</c> in a page's title with exit 0.
/// </summary>
public class InvalidUtf8ContentTests
{
    private static string Error(string file, int line, int column)
        => $"{file}({line},{column}): error PG0020: this line is not valid UTF-8 (byte 0xE9 at column {column}); save the file as UTF-8";

    // "Caf" then a Latin-1 é, where UTF-8 needs two bytes.
    private static byte[] Latin1(string before, string after) => [.. System.Text.Encoding.UTF8.GetBytes(before + "Caf"), 0xE9, .. System.Text.Encoding.UTF8.GetBytes(after)];

    private static void Write(TestSite site, string path, byte[] bytes)
    {
        var full = Path.Combine(site.Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
    }

    private static void AssertOneError(TestSite site, string expected)
    {
        var result = site.Build();
        Assert.False(result.Success);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(expected, error.ToString());
        Assert.False(Directory.Exists(site.Output("")));
    }

    [Fact]
    public void In_site_yml()
    {
        using var site = new TestSite(TestSite.SmallProfile);
        Write(site, Path.Combine("content", "site.yml"), Latin1("title: Ada\nowner:\n  tagline: ", "\n"));
        AssertOneError(site, Error("content/site.yml", 3, 15));
    }

    [Fact]
    public void In_a_papers_front_matter()
    {
        using var site = new TestSite(TestSite.SmallProfile + BuildIntegrationTests.DefaultSettings);
        Write(site, Path.Combine("content", "papers", "learning-things-quickly.md"), Latin1("---\nvenue: ", "\n---\nNotes.\n"));
        AssertOneError(site, Error("content/papers/learning-things-quickly.md", 2, 11));
    }

    [Fact]
    public void In_a_page()
    {
        using var site = new TestSite(TestSite.SmallProfile + BuildIntegrationTests.DefaultSettings);
        Write(site, Path.Combine("content", "x.md"), Latin1("---\ntitle: ", "\n---\nHello.\n"));
        AssertOneError(site, Error("content/x.md", 2, 11));
    }

    [Fact]
    public void In_a_pages_text_after_crlf_line_ends()
    {
        using var site = new TestSite(TestSite.SmallProfile + BuildIntegrationTests.DefaultSettings);
        Write(site, Path.Combine("content", "x.md"), Latin1("\uFEFF---\r\ntitle: X\r\n---\r\nHello, ", ".\r\n"));
        AssertOneError(site, Error("content/x.md", 4, 11));
    }

    [Fact]
    public void In_a_theme_template_and_theme_yml()
    {
        using var site = new TestSite(TestSite.SmallProfile + """
-- content/site.yml --
theme: mine
-- themes/mine/theme.yml --
extends: {default-theme}
""");
        Directory.CreateDirectory(Path.Combine(site.Root, "themes", "mine", "partials"));
        Write(site, Path.Combine("themes", "mine", "partials", "head-extra.sbn"), Latin1("<meta name=\"x\" content=\"", "\">\n"));
        AssertOneError(site, Error("themes/mine/partials/head-extra.sbn", 1, 28));
        File.Delete(Path.Combine(site.Root, "themes", "mine", "partials", "head-extra.sbn"));
        Write(site, Path.Combine("themes", "mine", "theme.yml"), [.. File.ReadAllBytes(Path.Combine(site.Root, "themes", "mine", "theme.yml")), .. Latin1("description: ", "\n")]);
        AssertOneError(site, Error("themes/mine/theme.yml", 2, 17));
    }

    [Fact]
    public void Utf16_with_its_byte_order_mark_is_read()
    {
        using var site = new TestSite(TestSite.SmallProfile);
        Write(site, Path.Combine("content", "site.yml"), [.. System.Text.Encoding.Unicode.GetPreamble(), .. System.Text.Encoding.Unicode.GetBytes("title: Café\n")]);
        Write(site, Path.Combine("content", "x.md"), [.. System.Text.Encoding.Unicode.GetPreamble(), .. System.Text.Encoding.Unicode.GetBytes("---\ntitle: Thé\n---\nHello.\n")]);
        site.BuildOk();
        Assert.Equal("Thé · Café", site.Html("x/index.html").Title);
    }

    [Fact]
    public void The_command_exits_1_and_names_the_place()
    {
        using var site = new TestSite(TestSite.SmallProfile);
        Write(site, Path.Combine("content", "x.md"), Latin1("---\ntitle: ", "\n---\nHello.\n"));
        var r = CliRunner.Run(site.Root, "build");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains(Error("content/x.md", 2, 11), r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
        Assert.False(Directory.Exists(Path.Combine(site.Root, "_site")));
    }
}
