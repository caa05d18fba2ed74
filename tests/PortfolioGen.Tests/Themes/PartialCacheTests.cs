using PortfolioGen.Site;
using PortfolioGen.Tests.Site;
using PortfolioGen.Themes;
using Scriban;
using Xunit;

namespace PortfolioGen.Tests.Themes;

/// <summary>include_cached's partials are kept across a serve session's builds while the variables they read are unchanged.</summary>
public class PartialCacheTests
{
    private static Func<string, Template?> Templates(params (string Name, string Text)[] templates)
    {
        var parsed = templates.ToDictionary(t => t.Name, t => Template.Parse(t.Text, t.Name), StringComparer.Ordinal);
        return name => parsed.GetValueOrDefault(name);
    }

    [Fact]
    public void A_partial_reads_its_variables_and_those_of_the_partials_it_includes_not_member_names()
    {
        var load = Templates(
            ("item.sbn", "<h{{ level }}>{{ item.title | string.upcase }}</h{{ level }}>{{ include 'authors.sbn' }}"),
            ("authors.sbn", "{{ for a in item.authors }}{{ a.name }}{{ if !for.last }}, {{ end }}{{ end }}{{ include 'item.sbn' }}"));
        // `for` (the loop's state) is read too: a constant for the fingerprint, but a variable all the same.
        Assert.Equal(["a", "for", "include", "item", "level", "string"], PartialCache.ReadsOf("item.sbn", load));
    }

    [Theory]
    [InlineData("{{ include ('partials/' + kind) }}")]
    [InlineData("{{ include 'missing.sbn' }}")]
    [InlineData("{{ this.item }}")]
    public void A_partial_whose_reads_cannot_be_known_is_not_kept_across_builds(string text)
        => Assert.Null(PartialCache.ReadsOf("p.sbn", Templates(("p.sbn", text))));

    [Fact]
    public void An_entry_is_reused_for_the_same_inputs_and_forgotten_when_a_build_does_not_use_it_or_the_environment_changes()
    {
        var cache = new PartialCache();
        cache.BeginBuild("theme 1");
        cache.Set("k", 7, new RawHtml("<li>seven</li>"));
        cache.Set("gone", 1, new RawHtml("<li>one</li>"));
        cache.BeginBuild("theme 1");
        Assert.False(cache.TryGet("k", 8, out _));
        Assert.True(cache.TryGet("k", 7, out var html));
        Assert.Equal("<li>seven</li>", html.Html);
        Assert.Equal(1, cache.Hits);
        // A build that renders no list page uses no partial; "gone" stays until no build of the last few used it.
        for (var i = 0; i < PartialCache.KeptBuilds - 1; i++) cache.BeginBuild("theme 1");
        Assert.Equal(2, cache.Count);
        cache.BeginBuild("theme 1");
        Assert.Equal(1, cache.Count);
        Assert.True(cache.TryGet("k", 7, out _));
        Assert.False(cache.TryGet("gone", 1, out _));
        Assert.Equal(1, cache.Misses);
        cache.BeginBuild("theme 2");
        Assert.Equal(0, cache.Count);
    }


    [Fact]
    public async Task A_title_edit_renders_only_that_papers_list_entry_again_and_a_new_base_url_renders_them_all()
    {
        using var site = new TestSite(Serving.IncrementalRebuildTests.Profile);
        var options = new BuildOptions { SiteRoot = site.Root };
        var session = new BuildSession();
        Assert.True((await SiteBuilder.BuildAsync(options, session)).Success);
        var kept = session.Partials.Count;
        Assert.True(kept >= 3, $"{kept} partials kept");
        // A rebuild with nothing changed renders no page, so uses no partial: they are kept all the same.
        Assert.True((await SiteBuilder.BuildAsync(options, session)).Success);
        Assert.Equal((0, 0, kept), (session.Partials.Hits, session.Partials.Misses, session.Partials.Count));

        site.Write("-- seeds/ada.txt --\n" + File.ReadAllText(Path.Combine(site.Root, "seeds", "ada.txt")).Replace("Alone Again", "Alone Once More", StringComparison.Ordinal));
        Assert.True((await SiteBuilder.BuildAsync(options, session)).Success);
        // The home page and the cs.LG topic page were rendered again, but of their entries only the edited paper's
        // was: the other two on the home page and the other on the topic page were kept.
        Assert.Equal(3, session.Partials.Hits);
        Assert.Equal(2, session.Partials.Misses); // the edited paper's entry, at its level on each of the two pages
        var home = site.Read("index.html");
        Assert.Contains("Alone Once More", home);
        Assert.DoesNotContain("Alone Again", home);

        site.Write("-- content/site.yml --\nbase_url: https://ada.example.net/\n");
        Assert.True((await SiteBuilder.BuildAsync(options, session)).Success);
        Assert.Equal(0, session.Partials.Hits);
    }
}

/// <summary>What a kept partial reads beyond the variables named in it: a kept partial must render what a fresh build renders.</summary>
public class PartialCacheInputsTests
{
    // Renders layout `l` for `title` in a build of a session (with `partials`), and in a fresh build.
    private static (string Session, string Fresh) Render(TempDirectory dir, PartialCache partials, string title)
    {
        var diagnostics = new List<Diagnostic>();
        var theme = Theme.Load(dir["themes/t"], dir.Path, diagnostics);
        Assert.Empty(diagnostics);
        var model = new Scriban.Runtime.ScriptObject { ["title"] = title };
        return (new TemplateRenderer(theme!, new SiteUrls(null), dir.Path, partials).Render("l", model, "x.html"),
            new TemplateRenderer(theme!, new SiteUrls(null), dir.Path).Render("l", model, "x.html"));
    }

    // Two pages rendered side by side that include the same partial under the same key (a paper's entry on its topic's
    // page and on a co-author's page): it is made once, by one of them, and both show it.
    [Fact]
    public async Task A_partial_two_pages_want_at_once_is_made_once()
    {
        using var dir = new TempDirectory();
        dir.Write("themes/t/theme.yml", "name: t\n");
        dir.Write("themes/t/layouts/l.sbn", "{{ for i in 1..200 }}[{{ include_cached 'partials/p.sbn' i }}]{{ end }}");
        dir.Write("themes/t/partials/p.sbn", "{{ for j in 1..50 }}{{ title }}{{ end }}");
        var diagnostics = new List<Diagnostic>();
        var theme = Theme.Load(dir["themes/t"], dir.Path, diagnostics)!;
        for (var round = 0; round < 20; round++)
        {
            var partials = new PartialCache();
            partials.BeginBuild("e");
            var renderer = new TemplateRenderer(theme, new SiteUrls(null), dir.Path, partials);
            var pages = await Task.WhenAll(Enumerable.Range(0, 4).Select(p => Task.Run(() =>
                renderer.Render("l", new Scriban.Runtime.ScriptObject { ["title"] = "t" }, $"p{p}.html"))));
            Assert.Single(pages.Distinct());
            Assert.Equal(200, partials.Misses);
        }
    }

    [Theory]
    [InlineData("{{ func shout; ret title | string.upcase; end }}", "{{ shout }}")] // a function of the theme reads `title` when called
    [InlineData("{{ day = date.parse title }}", "{{ day.day }}")]
    [InlineData("{{ stars = 1..(title | string.size) }}", "{{ for s in stars }}*{{ end }}")]
    public void A_partial_reading_a_value_its_fingerprint_cannot_tell_apart_renders_what_a_fresh_build_renders(string layout, string partial)
    {
        using var dir = new TempDirectory();
        dir.Write("themes/t/theme.yml", "name: t\n");
        dir.Write("themes/t/layouts/l.sbn", layout + "[{{ include_cached 'partials/p.sbn' 'key' }}]");
        dir.Write("themes/t/partials/p.sbn", partial);
        var partials = new PartialCache();
        var first = Render(dir, partials, "2024-01-05");
        Assert.Equal(first.Fresh, first.Session);
        var second = Render(dir, partials, "2024-01-23 10:00");
        Assert.NotEqual(first.Fresh, second.Fresh);
        Assert.Equal(second.Fresh, second.Session);
    }
}
