using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using PortfolioGen.Scholarly.Math;
using Xunit;

namespace PortfolioGen.BrowserTests;

/// <summary>
/// Every page type of the reference site in a real browser, at a desktop and a phone size, in light and in
/// dark mode: accessible (axe, WCAG 2.1 A and AA, every impact), no horizontal scrolling, the main heading
/// visible at once, no console errors, no failed request, nothing fetched from elsewhere. Screenshots go to
/// TestResults/screenshots for a reviewer to look at.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PageQualityTests(BrowserFixture browser, SiteServerFixture site) : IClassFixture<SiteServerFixture>
{
    public static readonly TheoryData<string, string> Pages = new()
    {
        { "home", "" },
        { "paper", "papers/an-analysis-and-mitigation-of-the-reversal-curse/" },
        { "coauthors", "coauthors/" },
        { "coauthor", "coauthors/yuhan-chen/" },
        { "topic", "topics/cs-cl/" },
        { "about", "about/" },
        { "search", "search/" },
        { "404", "no/such/page/" },
    };

    public static TheoryData<string, string, int, int, string> Matrix()
    {
        var data = new TheoryData<string, string, int, int, string>();
        foreach (var row in Pages)
        {
            var (kind, path) = ((string)row[0], (string)row[1]);
            foreach (var (w, h) in new[] { (1280, 800), (390, 844) })
            {
                foreach (var scheme in new[] { "light", "dark" }) data.Add(kind, path, w, h, scheme);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Page_is_accessible_fits_the_screen_and_stays_on_the_site(string kind, string path, int width, int height, string scheme)
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
            IsMobile = width < 500,
            HasTouch = width < 500,
            DeviceScaleFactor = width < 500 ? 2 : 1,
        });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        // The not-found page is itself a 404 response; Chromium logs that, and only that is expected.
        page.Console += (_, m) =>
        {
            if (m.Type == "error" && !(kind == "404" && m.Location.StartsWith(site.Url + path + ":", StringComparison.Ordinal))) problems.Add($"console error: {m.Text} ({m.Location})");
        };
        page.PageError += (_, e) => problems.Add("page error: " + e);
        page.RequestFailed += (_, r) => problems.Add("failed request: " + r.Url + " " + r.Failure);
        page.Request += (_, r) =>
        {
            if (!r.Url.StartsWith(site.Origin + "/", StringComparison.Ordinal) && !r.Url.StartsWith("data:", StringComparison.Ordinal))
                problems.Add("request that leaves the site: " + r.Url);
        };
        var response = await page.GotoAsync(site.Url + path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        Assert.Equal(kind == "404" ? 404 : 200, response!.Status);

        Directory.CreateDirectory(TestPaths.Screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Screenshots, $"{kind}-{width}x{height}-{scheme}.png"), FullPage = true });

        var scroll = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        // Against the screen's width too: on a phone an overflowing page is zoomed out, which widens innerWidth with it.
        Assert.True(scroll[0] <= Math.Min(scroll[1], width), $"{kind} scrolls sideways at {width}px: content is {scroll[0]}px wide");

        var h1 = page.Locator("main h1").First;
        Assert.True(await h1.IsVisibleAsync(), "no visible main heading");
        var box = (await h1.BoundingBoxAsync())!;
        Assert.True(box.Y >= 0 && box.Y + box.Height <= height, $"the main heading of {kind} is not visible without scrolling (y={box.Y}, h={box.Height})");

        var axe = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        var violations = axe.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} — " +
            string.Join("; ", v.Nodes.Take(3).Select(n => n.Target.Selector + " " + n.Html + " " +
                string.Join(" ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message)))));
        Assert.True(axe.Violations.Length == 0, $"{kind} {width}x{height} {scheme}:\n" + string.Join("\n", violations));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [InlineData(320)]
    [InlineData(390)]
    public async Task A_long_inline_formula_scrolls_within_itself_not_the_page(int width)
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = 844 },
            IsMobile = true,
            HasTouch = true,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(site.Url + "papers/an-analysis-and-mitigation-of-the-reversal-curse/", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        // MathML does not break lines. The generator's own markup for a formula far wider than a phone, glued to its quotes
        // and comma as in an abstract, added to the abstract.
        var tex = string.Join(" + ", Enumerable.Range(1, 30).Select(i => $"x_{{{i}}}^2"));
        var html = MathGlue.Apply("Consider “" + TexMath.ToMathML(tex).Html + ",” and " + TexMath.ToMathML(@"\frac{a}{b}").Html + " after it.");
        Assert.Contains("math-nowrap", html);
        await page.Locator(".abstract p").First.EvaluateAsync("(p, html) => p.insertAdjacentHTML('beforeend', ' <span id=\"long-formula\">' + html + '</span>')", html);

        var sizes = await page.EvaluateAsync<int[]>(@"() => {
            const m = document.querySelector('#long-formula .math-nowrap math');
            const span = m.parentElement.getBoundingClientRect();
            return [document.documentElement.scrollWidth, m.scrollWidth, m.clientWidth, Math.ceil(span.right)];
        }");
        Assert.True(sizes[0] <= width, $"the page scrolls sideways at {width}px: content is {sizes[0]}px wide");
        Assert.True(sizes[1] > sizes[2], "the formula should scroll within itself");
        Assert.True(sizes[3] <= width, $"the formula and its punctuation end at {sizes[3]}px, past the {width}px screen");
        Directory.CreateDirectory(TestPaths.Screenshots);
        await page.Locator(".abstract").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(TestPaths.Screenshots, $"long-formula-{width}.png") });
    }

    [Theory]
    [InlineData(320)]
    [InlineData(390)]
    public async Task A_wide_display_formula_in_an_abstract_scrolls_within_itself_not_the_page(int width)
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = 844 },
            IsMobile = true,
            HasTouch = true,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(site.Url + "papers/an-analysis-and-mitigation-of-the-reversal-curse/", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        // `$$…$$` inside a profile's abstract is a <math display="block"> in the paragraph itself, with no wrapper of its
        // own (a Markdown page's math block has one); a sum of fractions far wider than a phone.
        var tex = @"\sum_{i=1}^{n} \frac{x_i^2 + y_i^2 + z_i^2 + w_i^2 + u_i^2 + v_i^2 + s_i^2 + r_i^2 + q_i^2}{\sqrt{a_i b_i c_i d_i e_i f_i g_i}} = \int_0^\infty e^{-t^2} \, dt";
        var html = TexMath.ToMathML(tex, display: true).Html;
        Assert.StartsWith("<math display=\"block\">", html);
        await page.Locator(".abstract p").First.EvaluateAsync("(p, html) => p.insertAdjacentHTML('afterbegin', html + ' ')", html);

        var sizes = await page.EvaluateAsync<int[]>(@"() => {
            const m = document.querySelector('.abstract math[display=""block""]');
            return [document.documentElement.scrollWidth, m.scrollWidth, m.clientWidth, Math.ceil(m.getBoundingClientRect().right)];
        }");
        Assert.True(sizes[0] <= width, $"the page scrolls sideways at {width}px: content is {sizes[0]}px wide");
        Assert.True(sizes[1] > sizes[2], "the formula should scroll within itself");
        Assert.True(sizes[3] <= width, $"the formula ends at {sizes[3]}px, past the {width}px screen");
    }

    [Fact]
    public async Task Cases_are_aligned_left_as_TeX_sets_them()
    {
        // MathML Core (Chrome) ignores columnalign, which Firefox honours; the theme's stylesheet has to say it.
        var page = await browser.Browser.NewPageAsync();
        await page.GotoAsync(site.Url + "papers/an-analysis-and-mitigation-of-the-reversal-curse/", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        var html = TexMath.ToMathML(@"f(x) = \begin{cases} 1 & \text{if } x > 0 \\ -1000000 & \text{otherwise} \end{cases}").Html;
        await page.Locator(".abstract p").First.EvaluateAsync("(p, html) => p.insertAdjacentHTML('beforeend', ' <span id=\"cases\">' + html + '</span>')", html);
        var lefts = await page.EvaluateAsync<int[][]>(@"() => [...document.querySelectorAll('#cases mtr')].map(tr => [...tr.children].map(td => {
            const r = document.createRange(); r.selectNodeContents(td); return Math.round(r.getBoundingClientRect().left);
        }))");
        Assert.Equal(2, lefts.Length);
        Assert.True(lefts[0][0] == lefts[1][0], $"the values start at {lefts[0][0]} and {lefts[1][0]}px: centred, not aligned left");
        Assert.True(lefts[0][1] == lefts[1][1], $"the conditions start at {lefts[0][1]} and {lefts[1][1]}px: centred, not aligned left");
    }

    [Fact]
    public async Task Printing_keeps_the_links_and_drops_what_only_works_on_screen()
    {
        var page = await browser.Browser.NewPageAsync();
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        // A paper with a Code link: the link prints with its address; the copy button and the relative download links do not.
        await page.GotoAsync(site.Url + "papers/more-is-not-always-better-enhancing-many-shot-in-context-learning-with/", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        var code = page.Locator(".paper-links a", new PageLocatorOptions { HasText = "Code" });
        Assert.True(await code.IsVisibleAsync(), "the Code link does not print");
        Assert.Contains("github.com", await code.EvaluateAsync<string>("a => getComputedStyle(a, '::after').content"));
        Assert.Equal(1, await page.Locator(".copy-button").CountAsync());
        Assert.False(await page.Locator(".copy-button").IsVisibleAsync(), "the Copy BibTeX button prints");
        Assert.False(await page.Locator(".cite .downloads").IsVisibleAsync(), "download links without addresses print");
        Assert.True(await page.Locator(".cite pre").IsVisibleAsync());

        // The home page: the closed table disclosure would print as a bare triangle; the chart prints.
        await page.GotoAsync(site.Url, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        Assert.False(await page.Locator(".pg-data").IsVisibleAsync());
        Assert.True(await page.Locator(".pg-timeline").IsVisibleAsync());

        // The graph's caption prints without "Select a circle".
        await page.GotoAsync(site.Url + "coauthors/", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        var caption = await page.Locator(".pg-figure figcaption").InnerTextAsync();
        Assert.StartsWith("Each circle is a co-author", caption);
        Assert.DoesNotContain("Select a circle", caption);
    }

    [Fact]
    public async Task Printing_keeps_a_heading_on_the_page_of_what_it_heads()
    {
        // The home page printed on A4 ended its first sheet with "Publications (21)" alone, its chart and list on the next.
        // Chromium's layout in the page is not cut into sheets, so this reads the rule that keeps them together.
        var page = await browser.Browser.NewPageAsync();
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await page.GotoAsync(site.Url, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        var breaks = await page.Locator("main h1, main h2, main h3, main h4").EvaluateAllAsync<string[]>(
            "hs => [...new Set(hs.map(h => h.tagName + ' ' + getComputedStyle(h).breakAfter))]");
        Assert.All(breaks, b => Assert.EndsWith(" avoid", b, StringComparison.Ordinal));
        Assert.Equal("avoid", await page.Locator(".paper-item").First.EvaluateAsync<string>("e => getComputedStyle(e).breakInside"));
    }

    [Fact]
    public async Task The_co_author_table_fits_a_320px_phone_even_with_a_long_name()
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 320, Height = 800 },
            IsMobile = true,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(site.Url + "coauthors/", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        // One line per year range ("2023–" then "2024" broke after the dash).
        var lines = await page.Locator(".coauthor-table td.years").EvaluateAllAsync<int[]>(
            "tds => tds.map(td => { const r = document.createRange(); r.selectNodeContents(td); return new Set([...r.getClientRects()].map(b => Math.round(b.top))).size; })");
        Assert.All(lines, n => Assert.Equal(1, n));
        // A name without a break opportunity breaks inside its cell rather than widening the table.
        await page.Locator(".coauthor-table tbody th a").First.EvaluateAsync("a => a.textContent = 'Wolfeschlegelsteinhausenbergerdorff-Maximiliansson'.replace('-', '')");
        var widths = await page.Locator(".table-wrap").EvaluateAsync<int[]>("w => [w.scrollWidth, w.clientWidth, document.documentElement.scrollWidth]");
        Assert.True(widths[0] <= widths[1], $"the co-author table is {widths[0]}px wide in a {widths[1]}px column");
        Assert.True(widths[2] <= 320, $"the page is {widths[2]}px wide");
    }

    [Theory]
    [InlineData(320)]
    [InlineData(1280)]
    public async Task A_wide_table_in_a_page_scrolls_within_itself_not_the_page(int width)
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = 800 },
            IsMobile = width < 500,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(site.Url + "about/", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        // A results table in a page's Markdown, as the build renders it: seven columns, a long dataset name and a URL.
        var markdown = "| Dataset | Size | Accuracy | F1 | Precision | Recall | Notes |\n| --- | --- | --- | --- | --- | --- | --- |\n"
            + "| SuperLongDatasetNameWithoutAnyBreaks | 1,000,000,000 | 0.99 | 0.98 | 0.97 | 0.96 | https://example.org/a/very/long/unbroken/url/path/that/goes/on/and/on |\n";
        var html = new PortfolioGen.Markdown.MarkdownRenderer("/", allowRawHtml: false).RenderContent(markdown).Html;
        await page.Locator("article.prose").EvaluateAsync("(a, html) => a.insertAdjacentHTML('beforeend', html)", html);

        var sizes = await page.EvaluateAsync<int[]>(@"() => {
            const t = document.querySelector('article.prose table');
            const main = document.querySelector('main');
            return [document.documentElement.scrollWidth, t.parentElement.scrollWidth > t.parentElement.clientWidth ? 1 : 0,
                Math.ceil(t.parentElement.getBoundingClientRect().right), Math.floor(main.getBoundingClientRect().right - parseFloat(getComputedStyle(main).paddingRight))];
        }");
        Assert.True(sizes[0] <= width, $"the page scrolls sideways at {width}px: content is {sizes[0]}px wide");
        Assert.Equal(1, sizes[1]);
        Assert.True(sizes[2] <= sizes[3], $"the table's box ends at {sizes[2]}px, past the column's edge at {sizes[3]}px");
    }

    [Fact]
    public async Task A_co_authors_chip_fits_a_320px_phone_even_with_a_long_name()
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 320, Height = 800 },
            IsMobile = true,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(site.Url + "coauthors/yuhan-chen/", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        // "Also on these papers": a name without a break opportunity (a long surname, or one in a script written without
        // spaces) breaks inside its chip rather than pushing the chip, and the page, past the screen.
        var chip = page.Locator(".chips li > a").First;
        await chip.EvaluateAsync("a => a.firstChild.textContent = 'Pneumonoultramicroscopicsilicovolcanoconiosis Wolfeschlegelsteinhausenbergerdorff '");
        var sizes = await chip.EvaluateAsync<int[]>("a => [document.documentElement.scrollWidth, Math.ceil(a.getBoundingClientRect().right), (m => Math.floor(m.getBoundingClientRect().right - parseFloat(getComputedStyle(m).paddingRight)))(document.querySelector('main'))]");
        Assert.True(sizes[0] <= 320, $"the page is {sizes[0]}px wide");
        Assert.True(sizes[1] <= sizes[2], $"the chip ends at {sizes[1]}px, past the column's edge at {sizes[2]}px");
    }

    [Fact]
    public async Task Names_in_right_to_left_scripts_keep_their_order_in_a_left_to_right_list()
    {
        var page = await browser.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        await page.GotoAsync(site.Url + "papers/an-analysis-and-mitigation-of-the-reversal-curse/", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        // Two co-authors in a row whose names are in Arabic and in Hebrew: without isolation the bidi algorithm joins
        // them, with the comma between, into one right-to-left run, and the second name is shown first.
        var lefts = await page.Locator("header .authors").EvaluateAsync<int[]>(@"p => {
            const links = p.querySelectorAll('a');
            links[0].textContent = 'سارة الحمدان';
            links[1].textContent = 'דוד כהן';
            return [...links].slice(0, 2).map(a => Math.round(a.getBoundingClientRect().left));
        }");
        Assert.True(lefts[0] < lefts[1], $"the second name is shown first, at {lefts[1]}px, before the first at {lefts[0]}px");
        // The author list ends "et al.": it stays after the last name, not before it.
        var order = await page.Locator("header .authors").EvaluateAsync<int[]>(@"p => {
            return [Math.round(p.querySelectorAll('a')[1].getBoundingClientRect().right), Math.round(p.querySelector('.et-al').getBoundingClientRect().left)];
        }");
        Assert.True(order[0] <= order[1], $"'et al.' starts at {order[1]}px, before the last name ends at {order[0]}px");

        // A co-author's chip: the count of papers together follows the name.
        await page.GotoAsync(site.Url + "coauthors/yuhan-chen/", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        var chip = await page.Locator(".chips li > a").First.EvaluateAsync<int[]>(@"a => {
            a.firstChild.textContent = 'דוד כהן ';
            const r = document.createRange(); r.selectNodeContents(a.firstChild);
            return [Math.round(r.getBoundingClientRect().right), Math.round(a.querySelector('.count').getBoundingClientRect().left)];
        }");
        Assert.True(chip[0] <= chip[1], $"the count starts at {chip[1]}px, before the name ends at {chip[0]}px");
    }

    [Fact]
    public async Task A_badge_that_is_a_link_looks_like_one_and_every_badge_keeps_its_box_in_forced_colours()
    {
        var page = await browser.Browser.NewPageAsync();
        await page.GotoAsync(site.Url + "papers/more-is-not-always-better-enhancing-many-shot-in-context-learning-with/", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        Assert.Equal("underline", await page.Locator("a.badge.category").EvaluateAsync<string>("b => getComputedStyle(b).textDecorationLine"));
        Assert.Equal("none", await page.Locator("span.badge.code").EvaluateAsync<string>("b => getComputedStyle(b).textDecorationLine"));
        // Forced colours drop the badges' backgrounds: their border shows instead.
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { ForcedColors = ForcedColors.Active });
        foreach (var badge in new[] { "a.badge.category", "span.badge.code" })
        {
            var style = await page.Locator(badge).EvaluateAsync<string[]>("b => { const s = getComputedStyle(b); return [s.borderTopStyle, s.borderTopWidth, s.borderTopColor, s.backgroundColor]; }");
            Assert.True(style[0] == "solid" && style[1] != "0px" && style[2] != "rgba(0, 0, 0, 0)" && style[2] != style[3], $"{badge} has no visible border in forced colours: {string.Join(", ", style)}");
        }
    }

    [Fact]
    public async Task A_skip_link_comes_first_and_focus_is_visible()
    {
        var page = await browser.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        await page.GotoAsync(site.Url);
        await page.Keyboard.PressAsync("Tab");
        var first = await page.EvaluateAsync<string[]>("() => [document.activeElement.textContent, document.activeElement.getAttribute('href')]");
        Assert.Equal(["Skip to content", "#main"], first);
        var skip = page.Locator(".skip-link");
        var box = (await skip.BoundingBoxAsync())!;
        Assert.True(box.Y >= 0, "the skip link is not on screen when focused");
        await AssertFocusVisible(page);
        await page.Keyboard.PressAsync("Enter");
        // Following the link is a navigation within the page: its URL changes after the key press returns.
        await page.WaitForFunctionAsync("() => location.hash === '#main'", null, new() { Timeout = 10_000 });
        Assert.EndsWith("#main", page.Url);
        await page.Keyboard.PressAsync("Tab");
        await AssertFocusVisible(page);
    }

    private static async Task AssertFocusVisible(IPage page)
    {
        var style = await page.EvaluateAsync<string[]>("() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth, s.boxShadow]; }");
        Assert.True(style[0] != "none" && style[1] != "0px" || style[2] != "none", $"the focused element shows no focus indicator: {string.Join(", ", style)}");
    }

    [Fact]
    public async Task Tabbing_through_the_home_page_reaches_every_paper_link()
    {
        var page = await browser.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        await page.GotoAsync(site.Url);
        var papers = (await page.Locator(".publications .paper-title a").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('href'))")).ToHashSet();
        Assert.Equal(21, papers.Count);
        var reached = new HashSet<string>();
        var links = await page.Locator("a[href], button, [tabindex='0']").CountAsync();
        for (var i = 0; i < links + 5; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var href = await page.EvaluateAsync<string?>("() => document.activeElement && document.activeElement.getAttribute('href')");
            if (href is not null) reached.Add(href);
        }
        Assert.Empty(papers.Except(reached));
    }

    [Fact]
    public async Task Pages_read_fully_without_javascript()
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync(site.Url + "papers/an-analysis-and-mitigation-of-the-reversal-curse/");
        Assert.True(await page.Locator("h1").IsVisibleAsync());
        Assert.True(await page.Locator(".abstract math").First.IsVisibleAsync(), "math needs no script");
        Assert.Contains("@misc{lv2023analysis,", await page.Locator(".cite pre").TextContentAsync());
        // The whole entry shows: a box cut at a fixed height hid its last line halfway, which looked like a broken entry.
        Assert.True(await page.EvaluateAsync<bool>("() => { const p = document.querySelector('.cite pre'); return p.scrollHeight <= p.clientHeight; }"),
            "the BibTeX entry is cut short");
        // Readable: 14 px (0.9em applied to both <pre> and its <code> made it 11.8 px).
        var size = await page.Locator(".cite pre code").EvaluateAsync<string>("c => getComputedStyle(c).fontSize");
        Assert.Equal("14px", size);
        // The copy button is an enhancement: without script it is simply not there.
        Assert.Equal(0, await page.Locator(".copy-button").CountAsync());
        await page.GotoAsync(site.Url);
        Assert.Equal(21, await page.Locator(".publications .paper-item").CountAsync());
    }

    [Fact]
    public async Task The_copy_button_copies_the_bibtex()
    {
        await using var context = await browser.Browser.NewContextAsync();
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new BrowserContextGrantPermissionsOptions { Origin = site.Origin });
        var page = await context.NewPageAsync();
        await page.GotoAsync(site.Url + "papers/an-analysis-and-mitigation-of-the-reversal-curse/");
        await page.Locator(".copy-button").ClickAsync();
        await page.Locator(".copy-button", new PageLocatorOptions { HasText = "Copied" }).WaitForAsync();
        var copied = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        Assert.StartsWith("@misc{lv2023analysis,", copied);
    }

    // Where the page may not write the clipboard, the citation is selected and the button says how to copy it: with the
    // keys on a computer, with the selection's Copy on a touch screen (it said "Press Ctrl+C" on phones too).
    [Theory]
    [InlineData(false, "Selected: press Ctrl+C to copy")]
    [InlineData(true, "Selected: tap Copy")]
    public async Task Without_the_clipboard_the_citation_is_selected_and_the_button_says_how_to_copy_it(bool touch, string told)
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { HasTouch = touch, IsMobile = touch });
        var page = await context.NewPageAsync();
        // No clipboard at all, as on a page served over plain http from another host.
        await page.AddInitScriptAsync("Object.defineProperty(navigator, 'clipboard', { value: undefined });");
        await page.GotoAsync(site.Url + "papers/an-analysis-and-mitigation-of-the-reversal-curse/");
        await page.Locator(".copy-button").ClickAsync();
        await page.Locator(".copy-button", new PageLocatorOptions { HasText = told }).WaitForAsync();
        Assert.Equal(told, await page.Locator(".cite [role=status]").TextContentAsync());
        var selected = await page.EvaluateAsync<string>("() => window.getSelection().toString()");
        Assert.StartsWith("@misc{lv2023analysis,", selected);
    }
}
