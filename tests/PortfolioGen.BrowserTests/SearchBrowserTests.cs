using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using PortfolioGen.Profiles;
using Xunit;

namespace PortfolioGen.BrowserTests;

/// <summary>
/// The search page of the reference site in a real browser: a co-author's name finds exactly their papers,
/// a title word puts that paper first, the page is accessible with results showing, it works from the
/// keyboard, and without JavaScript it points to the full list.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SearchBrowserTests(BrowserFixture browser, SiteServerFixture site) : IClassFixture<SiteServerFixture>
{
    private static readonly Profile Profile = ProfileParser.ParseFile(Path.Combine(TestPaths.RepoRoot, "seeds", "ang-lv.txt")).Profile!;

    private static string TitleOf(string slug) => Profile.Papers.Single(p => p.Slug == slug).TitleMarkup.Readable;

    private async Task<IPage> OpenSearch(IBrowserContext context, string query = "")
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(site.Url + "search/" + query);
        // The script has loaded the index once it says how many papers there are (or what matched).
        await page.Locator("#search-status").Filter(new LocatorFilterOptions { HasTextRegex = new System.Text.RegularExpressions.Regex(@"\d papers?\b|No paper") }).WaitForAsync();
        return page;
    }

    private static async Task<string[]> ResultTitles(IPage page)
        => (await page.Locator("#search-results .paper-title a").AllTextContentsAsync()).ToArray();

    private static async Task Search(IPage page, string text, string status)
    {
        await page.Locator("#search-input").FillAsync(text);
        await page.Locator("#search-status").Filter(new LocatorFilterOptions { HasText = status }).WaitForAsync();
    }

    [Fact]
    public async Task A_co_authors_name_finds_exactly_their_papers()
    {
        await using var context = await browser.Browser.NewContextAsync();
        var page = await OpenSearch(context);
        Assert.Equal("Type to search 21 papers.", await page.Locator("#search-status").TextContentAsync());
        Assert.False(await page.Locator("#search-fallback").IsVisibleAsync());

        var yuhan = Profile.CoAuthors.Single(c => c.Name == "Yuhan Chen");
        Assert.Equal(6, yuhan.Papers.Length);
        await page.Locator("#search-input").PressSequentiallyAsync("Yuhan Chen");
        await page.Locator("#search-status").Filter(new LocatorFilterOptions { HasText = "6 papers match \u201cYuhan Chen\u201d." }).WaitForAsync();
        var titles = await ResultTitles(page);
        Assert.Equal(yuhan.Papers.Select(TitleOf).Order(StringComparer.Ordinal), titles.Order(StringComparer.Ordinal));
        // Each result links the paper's page and shows its authors, year and topic.
        var first = page.Locator("#search-results li").First;
        var href = await first.Locator("a").GetAttributeAsync("href");
        var paper = Profile.Papers.Single(p => $"/papers/{p.Slug}/" == href);
        Assert.Contains("Yuhan Chen", await first.Locator(".authors").TextContentAsync());
        Assert.Equal($"{paper.Date.Year} \u00b7 {paper.Category.Name}", await first.Locator(".paper-meta").TextContentAsync());
        // The query is in the address, so a reload or a shared link shows the same results (the page's script puts it
        // there; Playwright learns of it a moment later).
        await page.WaitForFunctionAsync("() => location.search === '?q=Yuhan%20Chen'", null, new() { Timeout = 10_000 });
        Assert.EndsWith("/search/?q=Yuhan%20Chen", page.Url);
    }

    [Fact]
    public async Task A_title_word_puts_that_paper_first_and_case_and_typos_do_not_matter()
    {
        await using var context = await browser.Browser.NewContextAsync();
        var page = await OpenSearch(context);
        var grok = Profile.Papers.Single(p => p.Title.Contains("Grok", StringComparison.Ordinal)).TitleMarkup.Readable;
        foreach (var query in new[] { "Grok", "grok", "grokk", "Grokking" })
        {
            await Search(page, query, $"\u201c{query}\u201d");
            Assert.Equal(grok, (await ResultTitles(page))[0]);
        }
        await Search(page, "reversl curse", "1 paper matches");
        Assert.Equal(["An Analysis and Mitigation of the Reversal Curse"], await ResultTitles(page));
        // A typo is one edit in a word of up to eight letters: "reversal" is not "several" (two edits away), which three
        // other abstracts use.
        await Search(page, "reversal", "1 paper matches");
        Assert.Equal(["An Analysis and Mitigation of the Reversal Curse"], await ResultTitles(page));
        await Search(page, "zebra quokka", "No paper matches \u201czebra quokka\u201d.");
        Assert.Empty(await ResultTitles(page));
        await Search(page, "", "Type to search 21 papers.");
        await page.WaitForFunctionAsync("() => location.search === ''", null, new() { Timeout = 10_000 });
        Assert.EndsWith("/search/", page.Url);
    }

    [Fact]
    public async Task A_query_in_the_address_is_searched_on_arrival()
    {
        await using var context = await browser.Browser.NewContextAsync();
        var page = await OpenSearch(context, "?q=music");
        Assert.Equal("music", await page.Locator("#search-input").InputValueAsync());
        Assert.Equal("2 papers match \u201cmusic\u201d.", await page.Locator("#search-status").TextContentAsync());
    }

    [Fact]
    public async Task The_keyboard_reaches_the_results_and_opens_one()
    {
        await using var context = await browser.Browser.NewContextAsync();
        var page = await OpenSearch(context);
        // Tab from the top of the page reaches the box.
        for (var i = 0; i < 20 && await page.EvaluateAsync<string?>("() => document.activeElement && document.activeElement.id") != "search-input"; i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }
        Assert.Equal("search-input", await page.EvaluateAsync<string?>("() => document.activeElement.id"));
        await page.Keyboard.TypeAsync("context");
        await page.Locator("#search-status").Filter(new LocatorFilterOptions { HasText = "match \u201ccontext\u201d" }).WaitForAsync();
        var titles = await ResultTitles(page);
        Assert.True(titles.Length >= 3, string.Join("\n", titles));
        await page.Keyboard.PressAsync("ArrowDown");
        Assert.Equal(titles[0], await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        await page.Keyboard.PressAsync("ArrowDown");
        Assert.Equal(titles[1], await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        await page.Keyboard.PressAsync("ArrowUp");
        await page.Keyboard.PressAsync("ArrowUp");
        Assert.Equal("search-input", await page.EvaluateAsync<string?>("() => document.activeElement.id"));
        // Enter in the box goes to the first result; Enter there opens the paper.
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal(titles[0], await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        // The wait starts before the key: begun after it, it could miss a navigation that committed in between
        // (once in CI it waited 30 s for a page that was already there).
        var opened = page.WaitForURLAsync("**/papers/**", new PageWaitForURLOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.Keyboard.PressAsync("Enter");
        await opened;
        Assert.Equal(titles[0], await page.Locator("h1").TextContentAsync());
    }

    [Theory]
    [InlineData("light", 1280, 800)]
    [InlineData("dark", 1280, 800)]
    [InlineData("light", 390, 844)]
    [InlineData("dark", 390, 844)]
    public async Task The_page_with_results_is_accessible_and_fits_the_screen(string scheme, int width, int height)
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
            IsMobile = width < 500,
            HasTouch = width < 500,
        });
        var page = await OpenSearch(context);
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        page.PageError += (_, e) => errors.Add(e);
        await Search(page, "language models", "match \u201clanguage models\u201d");
        Assert.True((await ResultTitles(page)).Length > 5);
        await page.Locator("#search-results a").First.FocusAsync();
        Directory.CreateDirectory(TestPaths.Screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Screenshots, $"search-results-{width}x{height}-{scheme}.png"), FullPage = true });

        var scroll = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(scroll[0] <= scroll[1], $"the search page scrolls sideways at {width}px: content is {scroll[0]}px wide");
        var axe = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        Assert.True(axe.Violations.Length == 0, string.Join("\n", axe.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} — "
            + string.Join("; ", v.Nodes.Take(3).Select(n => n.Target.Selector + " " + n.Html)))));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Without_javascript_the_page_links_the_full_list_by_year()
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync(site.Url + "search/");
        var link = page.Locator("#search-fallback a");
        Assert.True(await link.IsVisibleAsync(), "the link to the full list is not visible without JavaScript");
        Assert.Contains("needs JavaScript", await page.Locator("#search-fallback").TextContentAsync());
        // The box could do nothing without script, so it is not offered.
        Assert.False(await page.Locator("#search-input").IsVisibleAsync());
        await link.ClickAsync();
        // The home page's DOM is what is checked, so the wait ends when it is parsed: waiting for its load event once
        // timed out in CI (30 s) with the page long since there.
        await page.WaitForURLAsync(site.Url + "#publications", new PageWaitForURLOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.Locator(".publications .paper-item").First.WaitForAsync();
        Assert.Equal(21, await page.Locator(".publications .paper-item").CountAsync());
    }

    [Theory]
    // Each query is more typos away from the name than the search forgives (none up to 3 letters, one up to 8), so it
    // finds the name only through the letters' plain forms: "lukasz" would find Łukasz as a one-letter typo anyway.
    [InlineData("dordevic", "Đorđe Đorđević")]
    [InlineData("dao", "Trần Hưng Đạo")]
    [InlineData("ost", "Anne Øst")]
    [InlineData("kilic", "Ayşe Kılıç")]
    [InlineData("strasse", "Jörg Straße")]
    public async Task A_name_is_found_typed_without_its_letters_that_have_no_accent_to_drop(string query, string author)
    {
        // "muller" found "Müller", whose ü is u with a mark, but "lukasz" did not find "Łukasz", nor "dao" "Đạo": Ł, Đ,
        // ø, ı and ß are letters of their own, which dropping marks leaves as they are.
        await using var context = await browser.Browser.NewContextAsync();
        var index = "{\"version\":1,\"documents\":["
            + "{\"id\":0,\"title\":\"A paper\",\"authors\":[\"Ang Lv\",\"" + author + "\"],\"abstract\":\"Text.\",\"category\":\"cs.CL\",\"category_name\":\"Computation and Language\",\"year\":2024,\"url\":\"/papers/a/\"},"
            + "{\"id\":1,\"title\":\"Another paper\",\"authors\":[\"Ang Lv\"],\"abstract\":\"Text.\",\"category\":\"cs.CL\",\"category_name\":\"Computation and Language\",\"year\":2023,\"url\":\"/papers/b/\"}]}";
        await context.RouteAsync("**/search/index.json", route => route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "application/json", Body = index }));
        var page = await OpenSearch(context);
        await Search(page, query, "\u201c" + query + "\u201d");
        Assert.Equal(["A paper"], await ResultTitles(page));
    }

    [Fact]
    public async Task Names_in_right_to_left_scripts_keep_their_order_in_a_result()
    {
        // Two co-authors in a row written in Arabic and in Hebrew: as one text, the bidi algorithm joins them, with the
        // comma between, into one right-to-left run, and the second name is shown first. Each name is isolated, as on the
        // site's own lists.
        await using var context = await browser.Browser.NewContextAsync();
        var index = "{\"version\":1,\"documents\":["
            + "{\"id\":0,\"title\":\"A paper\",\"authors\":[\"Ang Lv\",\"سارة الحمدان\",\"דוד כהן\"],\"owner\":0,\"authors_truncated\":true,\"abstract\":\"Text.\",\"category\":\"cs.CL\",\"category_name\":\"Computation and Language\",\"year\":2024,\"url\":\"/papers/a/\"}]}";
        await context.RouteAsync("**/search/index.json", route => route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "application/json", Body = index }));
        var page = await OpenSearch(context);
        await Search(page, "paper", "1 paper matches");
        var authors = page.Locator("#search-results .authors");
        Assert.Equal("Ang Lv, سارة الحمدان, דוד כהן et al.", await authors.TextContentAsync());
        var lefts = await authors.EvaluateAsync<int[]>(@"p => ['سارة الحمدان', 'דוד כהן', 'et al.'].map(name => {
            const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
            for (let t = walker.nextNode(); t; t = walker.nextNode()) {
                const at = t.textContent.indexOf(name);
                if (at < 0) continue;
                const r = document.createRange(); r.setStart(t, at); r.setEnd(t, at + name.length);
                return Math.round(r.getBoundingClientRect().left);
            }
            return -1;
        })");
        Assert.True(lefts[0] < lefts[1], $"the second name is shown first, at {lefts[1]}px, before the first at {lefts[0]}px");
        Assert.True(lefts[1] < lefts[2], $"'et al.' is shown at {lefts[2]}px, before the last name at {lefts[1]}px");
    }

    [Fact]
    public async Task A_long_author_list_shows_ten_names_with_the_owner_and_the_total()
    {
        // A collaboration paper of 40 authors with the owner 25th, as lists of papers show it (the theme's authors partial):
        // the first nine, "…" (15 more to a screen reader), the owner, "et al." and the total. One cut by the profile says
        // "at least"; one whose owner is among the first ten (the tenth, or the fourth of 2,604) shows those ten; a short list is printed as it always was.
        await using var context = await browser.Browser.NewContextAsync();
        var forty = Enumerable.Range(1, 40).Select(i => "Author" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        forty[24] = "Ang Lv";
        var tenth = Enumerable.Range(1, 40).Select(i => i == 10 ? "Ang Lv" : "Author" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        static string Names(IEnumerable<string> names) => string.Join(",", names.Select(n => "\"" + n + "\""));
        static string Doc(int id, string title, string authors, string extra)
            => "{\"id\":" + id + ",\"title\":\"" + title + "\",\"authors\":[" + authors + "]" + extra
               + ",\"abstract\":\"Text.\",\"category\":\"hep-ex\",\"category_name\":\"High Energy Physics - Experiment\",\"year\":2012,\"url\":\"/papers/p" + id + "/\"}";
        var index = "{\"version\":1,\"documents\":["
            + Doc(0, "Collaboration one", Names(forty), ",\"owner\":24") + ","
            + Doc(1, "Collaboration two", Names(forty), ",\"owner\":24,\"authors_truncated\":true") + ","
            + Doc(2, "Collaboration three", Names(forty.Take(3).Append("Ang Lv").Concat(Enumerable.Range(5, 2600).Select(i => "Other" + i))), ",\"owner\":3") + ","
            + Doc(3, "Collaboration four", Names(["Ang Lv", "Author2"]), ",\"owner\":0,\"authors_truncated\":true") + ","
            + Doc(4, "Collaboration five", Names(tenth), ",\"owner\":9") + "]}";
        await context.RouteAsync("**/search/index.json", route => route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "application/json", Body = index }));
        var page = await OpenSearch(context);
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await Search(page, "collaboration", "5 papers match");
        var authors = page.Locator("#search-results .authors");
        async Task<string> Of(string title)
        {
            var titles = await ResultTitles(page);
            return (await authors.Nth(Array.IndexOf(titles, title)).TextContentAsync())!;
        }

        var one = page.Locator("#search-results li").Filter(new LocatorFilterOptions { HasText = "Collaboration one" }).Locator(".authors");
        Assert.Equal(string.Join(", ", forty.Take(9)) + ", \u202615 more authors, Ang Lv et al. (40 authors)", await one.TextContentAsync());
        // The "…" is hidden from screen readers, which read how many it leaves out instead; on screen the gap is "…" alone.
        Assert.Equal("\u2026", await one.Locator(".author-gap [aria-hidden=true]").TextContentAsync());
        Assert.Equal("15 more authors", await one.Locator(".author-gap .visually-hidden").TextContentAsync());
        Assert.Equal(string.Join(", ", forty.Take(9)) + ", \u2026, Ang Lv et al. (40 authors)", await one.EvaluateAsync<string>(
            "e => { const c = e.cloneNode(true); c.querySelectorAll('.visually-hidden').forEach(v => v.remove()); return c.textContent; }"));
        Assert.Equal("(40 authors)", await one.Locator(".author-count").TextContentAsync());

        Assert.EndsWith("Ang Lv et al. (at least 40 authors)", await Of("Collaboration two"), StringComparison.Ordinal);
        Assert.Equal(string.Join(", ", forty.Take(3).Append("Ang Lv").Concat(Enumerable.Range(5, 6).Select(i => "Other" + i))) + " et al. (2,604 authors)",
            await Of("Collaboration three"));
        Assert.Equal(string.Join(", ", tenth.Take(10)) + " et al. (40 authors)", await Of("Collaboration five"));
        Assert.Equal("Ang Lv, Author2 et al.", await Of("Collaboration four"));
        Assert.Equal(0, await page.Locator("#search-results li").Filter(new LocatorFilterOptions { HasText = "Collaboration four" }).Locator(".author-gap, .author-count").CountAsync());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task When_the_index_cannot_be_loaded_the_page_says_so_and_links_the_full_list()
    {
        await using var context = await browser.Browser.NewContextAsync();
        await context.RouteAsync("**/search/index.json", route => route.FulfillAsync(new RouteFulfillOptions { Status = 503, Body = "" }));
        var page = await context.NewPageAsync();
        await page.GotoAsync(site.Url + "search/");
        await page.Locator("#search-status").Filter(new LocatorFilterOptions { HasText = "could not be loaded" }).WaitForAsync();
        Assert.True(await page.Locator("#search-fallback a").IsVisibleAsync());
        Assert.False(await page.Locator("#search-input").IsVisibleAsync());
    }
}
