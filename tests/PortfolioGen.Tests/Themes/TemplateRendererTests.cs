using PortfolioGen.Site;
using PortfolioGen.Text;
using PortfolioGen.Themes;
using Scriban.Runtime;
using Xunit;

namespace PortfolioGen.Tests.Themes;

/// <summary>The renderer reuses Scriban contexts between pages; nothing of one page may reach the next.</summary>
public class TemplateRendererTests
{
    private static TemplateRenderer Renderer(TempDirectory dir)
    {
        dir.Write("themes/t/theme.yml", "name: t\n");
        dir.Write("themes/t/layouts/base.sbn", "<main>{{ content }}</main>");
        dir.Write("themes/t/layouts/sets.sbn", "{{ leaked = 'yes' }}{{ title }}");
        dir.Write("themes/t/layouts/reads.sbn", "{{ leaked }}");
        dir.Write("themes/t/layouts/fails.sbn", "{{ for i in 1..3 }}{{ title.no_such_member }}{{ end }}");
        var diagnostics = new List<Diagnostic>();
        var theme = Theme.Load(dir["themes/t"], dir.Path, diagnostics);
        Assert.Empty(diagnostics);
        return new TemplateRenderer(theme!, new SiteUrls(null), dir.Path);
    }

    private static ScriptObject Model(string title) => new() { ["title"] = title };

    [Fact]
    public void A_variable_a_page_sets_is_gone_on_the_next_page()
    {
        using var dir = new TempDirectory();
        var renderer = Renderer(dir);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal($"<main>page {i}</main>", renderer.Render("sets", Model($"page {i}"), "a.html"));
            var e = Assert.Throws<TemplateException>(() => renderer.Render("reads", Model("x"), "b.html"));
            Assert.Contains("leaked", e.Diagnostic.Message);
        }
    }

    [Fact]
    public void A_failed_render_leaves_nothing_behind_for_the_next_page()
    {
        using var dir = new TempDirectory();
        var renderer = Renderer(dir);
        for (var i = 0; i < 3; i++)
        {
            Assert.Throws<TemplateException>(() => renderer.Render("fails", Model("t"), "f.html"));
            Assert.Equal($"<main>ok {i}</main>", renderer.Render("sets", Model($"ok {i}"), "a.html"));
        }
    }

    [Fact]
    public void Pages_rendered_on_all_cores_each_get_their_own_output()
    {
        using var dir = new TempDirectory();
        var renderer = Renderer(dir);
        var pages = Enumerable.Range(0, 2_000).ToArray();
        var html = new string[pages.Length];
        Parallel.ForEach(pages, i => html[i] = renderer.Render("sets", Model("page " + i), i + ".html"));
        Assert.All(pages, i => Assert.Equal($"<main>page {i}</main>", html[i]));
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("Tom & Jerry's <b>\"quoted\"</b>")]
    [InlineData("&&<<>>''\"\"")]
    [InlineData("ends with &")]
    [InlineData("")]
    public void Values_are_escaped_as_Html_Escape_escapes_them(string title)
    {
        using var dir = new TempDirectory();
        var renderer = Renderer(dir);
        Assert.Equal($"<main>{Html.Escape(title)}</main>", renderer.Render("sets", Model(title), "a.html"));
    }

    [Fact]
    public void Scriban_state_kept_in_tags_starts_afresh_on_every_page()
    {
        // array.cycle keeps its position in the context's Tags; a reused context must not carry it over.
        using var dir = new TempDirectory();
        var renderer = Renderer(dir);
        dir.Write("themes/t/layouts/row.sbn", "{{ array.cycle ['odd', 'even'] }}");
        var theme = Theme.Load(dir["themes/t"], dir.Path, []);
        var rows = new TemplateRenderer(theme!, new SiteUrls(null), dir.Path);
        Assert.Equal("<main>odd</main>", rows.Render("row", Model("a"), "a.html"));
        Assert.Equal("<main>odd</main>", rows.Render("row", Model("b"), "b.html"));
    }
}
