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
        return Load(dir);
    }

    // The output limit is the page's length: Scriban counts what an include writes once into the include's own output
    // and again into the page around it, so a 16,000-paper home page (~10 million characters, each entry a partial that
    // includes another) failed with "Rendered output exceeds OutputLimit" at 16 million.
    [Fact]
    public void A_page_within_the_limit_renders_however_deep_its_includes_and_one_past_it_fails()
    {
        using var dir = new TempDirectory();
        dir.Write("themes/t/theme.yml", "name: t\n");
        dir.Write("themes/t/layouts/base.sbn", "<main>{{ content }}</main>");
        // 10,000 entries of ~1,000 characters (10 million in all), each included twice deep as the default theme does.
        dir.Write("themes/t/layouts/list.sbn", "{{ for i in 1..count }}{{ include_cached 'partials/entry.sbn' i }}{{ end }}");
        dir.Write("themes/t/partials/entry.sbn", "<li>{{ i }}{{ include 'partials/inner.sbn' }}</li>");
        dir.Write("themes/t/partials/inner.sbn", "{{ for j in 1..99 }}0123456789{{ end }}");
        var renderer = Load(dir);
        var page = renderer.Render("list", new ScriptObject { ["count"] = 10_000 }, "index.html");
        Assert.InRange(page.Length, 9_900_000, 16_000_000);
        // Past the limit, the page is refused with its length.
        var e = Assert.Throws<TemplateException>(() => renderer.Render("list", new ScriptObject { ["count"] = 16_200 }, "big.html"));
        Assert.Contains("past the output limit of 16,000,000", e.Diagnostic.Message);
    }

    // The renderer of the theme written in themes/t, which must load without a problem.
    private static TemplateRenderer Load(TempDirectory dir, PageOutputs? outputs = null)
    {
        var diagnostics = new List<Diagnostic>();
        var theme = Theme.Load(dir["themes/t"], dir.Path, diagnostics);
        Assert.Empty(diagnostics);
        return new TemplateRenderer(theme!, new SiteUrls(null), dir.Path, outputs: outputs);
    }

    private static ScriptObject Model(string title) => new() { ["title"] = title };

    // A theme links an outside page (a lab's site, an e-mail address) with the same function it links the site's pages
    // with, as Hugo's relURL allows: an absolute URL stays as it is, instead of becoming /portfolio/https://….
    [Theory]
    [InlineData("https://lab.example.edu/people/", "https://lab.example.edu/people/")]
    [InlineData("mailto:ada@example.org", "mailto:ada@example.org")]
    [InlineData("//cdn.example.org/x.js", "//cdn.example.org/x.js")]
    [InlineData("papers/x/", "/portfolio/papers/x/")]
    [InlineData("/about/", "/portfolio/about/")]
    [InlineData("papers/a:b/", "/portfolio/papers/a:b/")]   // a colon after a slash is no scheme
    // A theme's link keeps its fragment, query and escapes (a page's own URL, with its name encoded, is page.url).
    [InlineData("about/#team", "/portfolio/about/#team")]
    [InlineData("search/?q=Ada%20Lovelace", "/portfolio/search/?q=Ada%20Lovelace")]
    [InlineData("Über uns/#team", "/portfolio/%C3%9Cber%20uns/#team")]
    public void Url_and_abs_url_leave_absolute_urls_as_they_are(string given, string expected)
    {
        using var dir = new TempDirectory();
        dir.Write("themes/t/theme.yml", "name: t\n");
        dir.Write("themes/t/layouts/base.sbn", "{{ content }}");
        dir.Write("themes/t/layouts/u.sbn", "{{ url link }}|{{ abs_url link }}");
        var diagnostics = new List<Diagnostic>();
        var theme = Theme.Load(dir["themes/t"], dir.Path, diagnostics);
        var renderer = new TemplateRenderer(theme!, new SiteUrls(new Uri("https://example.org/portfolio/")), dir.Path);
        var absolute = expected.StartsWith('/') && !expected.StartsWith("//", StringComparison.Ordinal) ? "https://example.org" + expected : expected;
        Assert.Equal(Html.Escape(expected) + "|" + Html.Escape(absolute), renderer.Render("u", new ScriptObject { ["link"] = given }, "a.html"));
    }

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

    // A theme whose base layout is `layout`, and a page layout `body` that prints the title as a paragraph.
    private static TemplateRenderer WithBase(TempDirectory dir, string layout)
    {
        dir.Write("themes/t/theme.yml", "name: t\n");
        dir.Write("themes/t/layouts/base.sbn", layout);
        dir.Write("themes/t/layouts/body.sbn", "<p>{{ title }}</p>\n");
        dir.Write("themes/t/layouts/empty.sbn", "");
        dir.Write("themes/t/layouts/big.sbn", "{{ for i in 1..count }}{{ chunk }}{{ end }}");
        dir.Write("themes/t/partials/wrap.sbn", "<section>\n{{ content }}</section>\n");
        return Load(dir);
    }

    [Theory]
    [InlineData("<main>{{ content }}</main>", "<main><p>T &amp; U</p>\n</main>")]
    [InlineData("{{ content }}{{ content }}", "<p>T &amp; U</p>\n<p>T &amp; U</p>\n")]
    [InlineData("<main>{{ content }}\n{{ content }}</main>\n", "<main><p>T &amp; U</p>\n\n<p>T &amp; U</p>\n</main>\n")]
    [InlineData("{{ raw content }}!", "<p>T &amp; U</p>\n!")]
    [InlineData("{{ content | string.size }}", "17")]
    [InlineData("{{ content | string.upcase }}", "&lt;P&gt;T &amp;AMP; U&lt;/P&gt;\n")]
    [InlineData("{{ capture c }}[{{ content }}]{{ end }}{{ c }}", "[&lt;p&gt;T &amp;amp; U&lt;/p&gt;\n]")]
    [InlineData("{{ if content }}yes{{ end }}", "yes")]
    [InlineData("<div>\n  {{ include 'partials/wrap.sbn' }}\n</div>", "<div>\n  <section>\n  <p>T &amp; U</p>\n  </section>\n\n</div>")]
    [InlineData("<main/>", "<main/>")]
    public void The_base_layout_gets_the_page_however_it_prints_content(string layout, string expected)
    {
        using var dir = new TempDirectory();
        var renderer = WithBase(dir, layout);
        // Twice: the second render reuses the first one's context and output.
        Assert.Equal(expected, renderer.Render("body", Model("T & U"), "a.html"));
        Assert.Equal(expected, renderer.Render("body", Model("T & U"), "a.html"));
        Assert.Equal(expected.Replace("T &amp; U", "V", StringComparison.Ordinal).Replace("T &amp;AMP; U", "V", StringComparison.Ordinal)
            .Replace("T &amp;amp; U", "V", StringComparison.Ordinal).Replace("17", "9", StringComparison.Ordinal), renderer.Render("body", Model("V"), "b.html"));
    }

    [Fact]
    public void An_empty_page_in_its_layout_is_the_layout_alone()
    {
        using var dir = new TempDirectory();
        var renderer = WithBase(dir, "<main>{{ content }}</main>\n{{ content }}");
        Assert.Equal("<main></main>\n", renderer.Render("empty", Model(""), "a.html"));
    }

    [Fact]
    public void A_page_of_a_megabyte_rendered_again_allocates_little_more_than_its_html()
    {
        // The home page at 10,000 papers is 6 MB of HTML, made again after every title edit in serve, each time by the
        // next build's renderer. Its render writes into the output the session kept from the last render, grown to its
        // size, and the page is copied once, into its string.
        using var dir = new TempDirectory();
        WithBase(dir, "<main>{{ content }}</main>");
        var session = new PageOutputs();
        var model = new ScriptObject { ["title"] = "big", ["count"] = 200, ["chunk"] = new string('x', 5_000) };
        var first = Load(dir, session);
        first.Render("big", model, "index.html");
        first.Render("body", Model("a small page"), "small.html");
        var next = Load(dir, session);
        next.Render("body", Model("a small page"), "small.html");
        var before = GC.GetAllocatedBytesForCurrentThread();
        var html = next.Render("big", model, "index.html");
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(1_000_000 + "<main></main>".Length, html.Length);
        Assert.True(allocated < html.Length * 2 + 100_000, $"{allocated:N0} bytes allocated for a page of {html.Length * 2:N0} bytes");
        Assert.True(session.Kept.Capacity >= html.Length);
    }

    [Fact]
    public void A_layout_may_filter_a_page_of_millions_of_characters_whole()
    {
        // A theme that filters content (here upcase) on a 10,000-paper home page (6 million characters): Scriban marked
        // a value over its conversion limit (4 million) by appending "...", which ended up on the page.
        using var dir = new TempDirectory();
        var renderer = WithBase(dir, "{{ content | string.upcase }}");
        var model = new ScriptObject { ["title"] = "big", ["count"] = 900, ["chunk"] = new string('x', 5_000) };
        var html = renderer.Render("big", model, "index.html");
        Assert.Equal(4_500_000, html.Length);
        Assert.True(html.AsSpan().IndexOfAnyExcept('X') < 0, "the page is not the body in capitals");
    }

    [Fact]
    public void A_page_and_its_layout_together_are_held_to_the_output_limit()
    {
        using var dir = new TempDirectory();
        WithBase(dir, "{{ content }}{{ content }}");
        var outputs = new PageOutputs();
        var renderer = Load(dir, outputs);
        var model = new ScriptObject { ["title"] = "big", ["count"] = 9, ["chunk"] = new string('x', 1_000_000) };
        var e = Assert.Throws<TemplateException>(() => renderer.Render("big", model, "index.html"));
        Assert.Contains("limit", e.Diagnostic.Message, StringComparison.OrdinalIgnoreCase);
        // The page goes with the error, and its text names it (see DiagnosticBag.ToReport).
        Assert.Equal("index.html", e.Diagnostic.Page);
        Assert.EndsWith("(while rendering index.html)", e.Diagnostic.ToString(), StringComparison.Ordinal);
        // The failed page's output, grown to 9 million characters, is not kept.
        Assert.True(outputs.Kept.Capacity < 1_000_000, $"{outputs.Kept.Capacity:N0} characters kept");
        // The renderer goes on with the next page.
        Assert.Equal("<p>x</p>\n<p>x</p>\n", renderer.Render("body", Model("x"), "a.html"));
    }
}
