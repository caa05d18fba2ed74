using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit;

namespace PortfolioGen.BrowserTests;

/// <summary>
/// The build-time pictures of the reference site in a real browser: the home page's timeline table opened (axe
/// cannot look inside a closed disclosure), the collaboration graph from the keyboard, and the pictures' colours
/// following the page's light or dark scheme. Whole pages in both schemes and at both sizes are in
/// <see cref="PageQualityTests"/>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PictureBrowserTests(BrowserFixture browser, SiteServerFixture site) : IClassFixture<SiteServerFixture>
{
    private async Task<(IBrowserContext Context, IPage Page)> Open(string path, int width, string scheme)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = 844 },
            ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
            IsMobile = width < 500,
            HasTouch = width < 500,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(site.Url + path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        return (context, page);
    }

    [Theory]
    [InlineData(1280, "light")]
    [InlineData(1280, "dark")]
    [InlineData(390, "light")]
    [InlineData(390, "dark")]
    public async Task The_home_timelines_table_is_accessible_and_fits_when_opened(int width, string scheme)
    {
        var (context, page) = await Open("", width, scheme);
        await using var _ = context;
        var table = page.Locator(".pg-data table");
        Assert.False(await table.IsVisibleAsync());
        await page.Locator(".pg-data summary").ClickAsync();
        Assert.True(await table.IsVisibleAsync());
        // A row per year from the first to the last (2022 to 2025 in the reference profile).
        Assert.Equal(["2022", "2023", "2024", "2025"], await page.Locator(".pg-data tbody th").AllTextContentsAsync());

        var box = (await table.BoundingBoxAsync())!;
        Assert.True(box.X + box.Width <= width, $"the table is {box.X + box.Width}px wide at {width}px");
        var scroll = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(scroll[0] <= scroll[1], $"the home page scrolls sideways at {width}px with the table open");

        Directory.CreateDirectory(TestPaths.Screenshots);
        await page.Locator(".publications .pg-figure").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(TestPaths.Screenshots, $"home-timeline-{width}-{scheme}.png") });
        var axe = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        Assert.True(axe.Violations.Length == 0, string.Join("\n", axe.Violations.Select(v => $"{v.Id}: {v.Help} — {string.Join("; ", v.Nodes.Take(3).Select(n => n.Html))}")));
    }

    [Fact]
    public async Task The_graph_can_be_skipped_and_its_people_are_reached_from_the_keyboard()
    {
        var (context, page) = await Open("coauthors/", 1280, "light");
        await using var _ = context;
        var skip = page.Locator(".skip-figure");
        var hidden = (await skip.BoundingBoxAsync())!;
        Assert.True(hidden.X + hidden.Width <= 0, "the skip link shows before it is focused");
        var graph = page.Locator(".pg-graph");
        var before = (await graph.BoundingBoxAsync())!;

        // Tab through the header to the skip link: it shows itself when focused.
        for (var i = 0; i < 20 && !await skip.EvaluateAsync<bool>("e => e === document.activeElement"); i++) await page.Keyboard.PressAsync("Tab");
        Assert.True(await skip.EvaluateAsync<bool>("e => e === document.activeElement"), "Tab never reached the skip link");
        var shown = (await skip.BoundingBoxAsync())!;
        Assert.True(shown.X >= 0 && shown.Width > 10, "the focused skip link is not on screen");
        // It lies over the picture's corner: the page does not jump when it appears.
        Assert.Equal(before.Y, (await graph.BoundingBoxAsync())!.Y);

        // Next come the people in the picture, strongest first.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("/coauthors/yuhan-chen/", await page.EvaluateAsync<string?>("() => document.activeElement.getAttribute('href')"));
        Assert.Equal("a", await page.EvaluateAsync<string>("() => document.activeElement.closest('svg') ? 'a' : 'elsewhere'"));

        // Back to the skip link and past the picture, to the table.
        await page.Keyboard.PressAsync("Shift+Tab");
        await page.Keyboard.PressAsync("Enter");
        // A navigation within the page: its URL changes after the key press returns.
        await page.WaitForFunctionAsync("() => location.hash === '#coauthor-table'", null, new() { Timeout = 10_000 });
        Assert.EndsWith("#coauthor-table", page.Url);
    }

    [Theory]
    [InlineData("")]
    [InlineData("papers/an-analysis-and-mitigation-of-the-reversal-curse/")]
    public async Task The_social_card_a_page_names_is_a_1200_by_630_image_the_site_serves(string path)
    {
        var (context, page) = await Open(path, 1280, "light");
        await using var _ = context;
        var image = await page.Locator("meta[property='og:image']").GetAttributeAsync("content");
        Assert.Equal(site.Url + path + "card.png", image);
        Assert.Equal(image, await page.Locator("meta[name='twitter:image']").GetAttributeAsync("content"));
        var size = await page.EvaluateAsync<int[]>("async url => { const i = new Image(); i.src = url; await i.decode(); return [i.naturalWidth, i.naturalHeight]; }", image);
        Assert.Equal([1200, 630], size);
        var response = await context.APIRequest.GetAsync(image!);
        Assert.Equal(200, response.Status);
        Assert.Equal("image/png", response.Headers["content-type"]);
    }

    [Theory]
    [InlineData("coauthors/", ".pg-graph .pg-label")]
    [InlineData("", ".pg-timeline .pg-legend text")]
    [InlineData("coauthors/yuhan-chen/", ".pg-timeline .pg-axis-text")]
    public async Task Picture_text_takes_the_pages_colours_in_light_and_dark(string path, string selector)
    {
        var colours = new List<string>();
        foreach (var scheme in new[] { "light", "dark" })
        {
            var (context, page) = await Open(path, 1280, scheme);
            await using var _ = context;
            var text = await page.Locator(selector).First.EvaluateAsync<string>("e => getComputedStyle(e).fill");
            var expected = await page.EvaluateAsync<string>(selector.Contains("axis", StringComparison.Ordinal)
                ? "() => getComputedStyle(document.querySelector('.lede')).color"
                : "() => getComputedStyle(document.body).color");
            Assert.Equal(expected, text);
            colours.Add(text);
        }
        Assert.NotEqual(colours[0], colours[1]);
    }

    [Theory]
    [InlineData("coauthors/", ".pg-graph", 390)]
    [InlineData("coauthors/", ".pg-graph", 1280)]
    [InlineData("", ".pg-timeline", 390)]
    [InlineData("", ".pg-timeline", 1280)]
    [InlineData("coauthors/yuhan-chen/", ".pg-timeline", 390)]
    public async Task Picture_text_is_legible_on_a_phone(string path, string chart, int width)
    {
        var (context, page) = await Open(path, width, "light");
        await using var _ = context;
        // The size a text prints at: its font size in canvas units times the canvas's scale on screen. Only text shown counts
        // (the graph carries a second set of labels for phones).
        var sizes = await page.Locator(chart).First.EvaluateAsync<double[]>(@"svg => {
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            return [...svg.querySelectorAll('text')].filter(t => t.getClientRects().length > 0)
                .map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
        }");
        Assert.NotEmpty(sizes);
        Assert.True(sizes.Min() >= 11, $"{chart} on {path} prints text at {sizes.Min():F1} px at {width} px");
        Assert.True(sizes.Max() <= 17, $"{chart} on {path} prints text at {sizes.Max():F1} px at {width} px");
        if (chart == ".pg-graph")
        {
            // One set of labels at a time, and on a phone the larger one.
            var shown = await page.Locator(".pg-graph .pg-labels").EvaluateAllAsync<string[]>("gs => gs.filter(g => getComputedStyle(g).display !== 'none').map(g => g.getAttribute('class'))");
            Assert.Equal([width < 500 ? "pg-labels pg-labels-narrow" : "pg-labels"], shown);
        }
    }
}
