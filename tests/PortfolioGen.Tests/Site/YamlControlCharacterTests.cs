using Xunit;

namespace PortfolioGen.Tests.Site;

/// <summary>
/// YAML's escapes write any character into a value (<c>"\x01"</c>, <c>"\uFFFE"</c>): one that no text of a site holds
/// (a control, a noncharacter no XML may hold) is an error at its value, as in a profile (PG0022), never a feed that
/// fails without saying where, nor a crash.
/// </summary>
public sealed class YamlControlCharacterTests
{
    private static List<string> Errors(string files)
    {
        using var site = new TestSite(TestSite.SmallProfile + files);
        var result = site.Build();
        Assert.False(result.Success);
        return [.. result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString())];
    }

    [Theory]
    [InlineData(@"\x01", "U+0001")]
    [InlineData(@"\e", "U+001B")]
    [InlineData(@"\uFFFF", "U+FFFF")]
    public void In_site_yml_it_is_an_error_at_its_value(string escape, string named)
    {
        var errors = Errors($"""
-- content/site.yml --
base_url: https://ada.example.org/
title: "Ada {escape} Research"
""");
        Assert.Equal([$"content/site.yml(2,8): error PG0102: 'title' has a character no text may hold ({named}); delete it"], errors);
    }

    [Fact]
    public void An_owner_alias_with_one_is_an_error_too_not_a_crash()
    {
        var errors = Errors("""
-- content/site.yml --
owner:
  aliases: ["A. \uFFFE Researcher"]
""");
        Assert.Equal(["content/site.yml(2,13): error PG0102: 'owner.aliases' has a character no text may hold (U+FFFE); delete it"], errors);
    }

    [Fact]
    public void In_front_matter_it_is_an_error_at_its_value()
    {
        var errors = Errors("""
-- content/papers/learning-things-quickly.md --
---
venue: "ICML\a 2024"
tags: [fine, "not\x7F fine"]
---
-- content/about.md --
---
title: "About\u0085 me"
---
Hi.
""");
        Assert.Equal([
            "content/about.md(2,8): error PG0203: 'title' has a character no text may hold (U+0085); delete it",
            "content/papers/learning-things-quickly.md(2,8): error PG0203: 'venue' has a character no text may hold (U+0007); delete it",
            "content/papers/learning-things-quickly.md(3,14): error PG0203: 'tags' has a character no text may hold (U+007F); delete it",
        ], errors);
    }

    [Fact]
    public void Tabs_and_line_breaks_of_a_block_are_text()
    {
        using var site = new TestSite(TestSite.SmallProfile + """
-- content/site.yml --
description: |
  Two	lines
  of text.
""");
        site.BuildOk();
    }
}
