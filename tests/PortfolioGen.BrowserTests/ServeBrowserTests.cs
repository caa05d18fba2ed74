using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;
using PortfolioGen.Serving;
using PortfolioGen.Site;
using Xunit;

namespace PortfolioGen.BrowserTests;

/// <summary>`serve` in a real browser: edits show up in open pages without touching the browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ServeBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly string _site = TestPaths.CopySite();
    private PreviewSession _session = null!;
    private WebApplication _app = null!;
    private string _url = "";

    public async Task InitializeAsync()
    {
        // A theme of the site's own, extending the default, so the test can change its stylesheet.
        var mine = Path.Combine(_site, "themes", "mine");
        Directory.CreateDirectory(Path.Combine(mine, "assets"));
        File.WriteAllText(Path.Combine(mine, "theme.yml"), $"extends: {Path.Combine(TestPaths.RepoRoot, "themes", "default")}\n");
        File.Copy(Path.Combine(TestPaths.RepoRoot, "themes", "default", "assets", "style.css"), Path.Combine(mine, "assets", "style.css"));
        // And a second stylesheet whose name the pages' links percent-encode.
        File.WriteAllText(Path.Combine(mine, "assets", EscapedCss), "body { }\n");
        Directory.CreateDirectory(Path.Combine(mine, "partials"));
        File.WriteAllText(Path.Combine(mine, "partials", "head-extra.sbn"), $"<link rel=\"stylesheet\" href=\"{{{{ asset '{EscapedCss}' }}}}\">\n");
        var live = new LiveReload();
        _session = new PreviewSession(new BuildOptions { SiteRoot = _site, Theme = "mine" }, live, _ => { });
        var first = await _session.BuildAsync();
        Assert.True(first.Success, string.Join("\n", first.Diagnostics));
        _session.Watch(TimeSpan.FromMilliseconds(100));
        var port = FreePort();
        _app = PreviewServer.CreateApp(new PreviewServer(new PreviewOptions(first.OutputDirectory, first.BasePath, true), live), [$"http://127.0.0.1:{port}"]);
        await _app.StartAsync();
        _url = $"http://127.0.0.1:{port}/";
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _session.Dispose();
        try { Directory.Delete(_site, recursive: true); } catch (IOException) { }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // The page's event stream is connected: only then does the session know the page is open. (A fixed pause of 300 ms
    // lost that race once on a loaded machine: the session did not know the page, and it missed its move.)
    private async Task Connected()
    {
        for (var i = 0; i < 150 && _session.LiveReload.Clients == 0; i++) await Task.Delay(100);
        Assert.True(_session.LiveReload.Clients > 0, "the page's event stream did not connect");
    }

    private void EditProfile(string from, string to)
    {
        var path = Path.Combine(_site, "seeds", "ang-lv.txt");
        var text = File.ReadAllText(path);
        Assert.Contains(from, text);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_edited_title_appears_in_the_open_page_by_itself()
    {
        var page = await browser.Browser.NewPageAsync();
        await page.GotoAsync(_url);
        await page.WaitForFunctionAsync("() => document.querySelector('script[src=\"/__portfoliogen/reload.js\"]') !== null");
        await Connected();
        EditProfile("Autonomy-of-Experts Models", "Autonomy-of-Experts Models, Revisited");
        await page.GetByText("Autonomy-of-Experts Models, Revisited").First.WaitForAsync(new() { Timeout = 15_000 });
        Assert.Contains("Autonomy-of-Experts Models, Revisited", await page.ContentAsync());
    }

    [Fact]
    public async Task An_abstract_edit_shows_in_the_open_paper_page_first_and_it_loads_once()
    {
        var page = await browser.Browser.NewPageAsync();
        // Counts the page's loads across reloads.
        await page.AddInitScriptAsync("sessionStorage.loads = String(Number(sessionStorage.loads || 0) + 1);");
        await page.GotoAsync(_url + "papers/autonomy-of-experts-models/");
        await Connected();
        var builds = _session.Builds;
        EditProfile("comparable efficiency.", "comparable efficiency, edited while open.");
        await page.GetByText("comparable efficiency, edited while open.").First.WaitForAsync(new() { Timeout = 15_000 });
        // The rebuild ends after the page showed the edit; it does not reload the page a second time.
        for (var i = 0; i < 150 && _session.Builds == builds; i++) await Task.Delay(100);
        Assert.True(_session.Builds > builds, "the rebuild did not end");
        await Task.Delay(500);
        Assert.Equal("2", await page.EvaluateAsync<string>("() => sessionStorage.loads"));
    }

    // A title edit that changes the paper's slug moves its page: the open page goes to the new place (keeping its
    // query and fragment), with the new title, and stays there once the rebuild is written.
    [Fact]
    public async Task A_title_edit_that_moves_the_open_paper_page_takes_the_browser_to_its_new_place()
    {
        var page = await browser.Browser.NewPageAsync();
        await page.GotoAsync(_url + "papers/autonomy-of-experts-models/?from=list#cite");
        await Connected();
        var builds = _session.Builds;
        EditProfile("Autonomy-of-Experts Models\n", "Experts That Choose Their Own Tokens\n");
        // The URL is what is checked, so the wait ends when the new page is parsed: waiting for its load event once timed
        // out (15 s) on a loaded machine, as it did for the search page's test in CI.
        await page.WaitForURLAsync(_url + "papers/experts-that-choose-their-own-tokens/?from=list#cite", new() { Timeout = 15_000, WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.GetByRole(AriaRole.Heading, new() { Name = "Experts That Choose Their Own Tokens" }).WaitForAsync(new() { Timeout = 15_000 });
        for (var i = 0; i < 150 && _session.Builds == builds; i++) await Task.Delay(100);
        Assert.True(_session.Builds > builds, "the rebuild did not end");
        await Task.Delay(500);
        Assert.Equal(_url + "papers/experts-that-choose-their-own-tokens/?from=list#cite", page.Url);
        Assert.Contains("Experts That Choose Their Own Tokens", await page.TitleAsync());
    }

    [Fact]
    public async Task A_stylesheet_edit_is_swapped_in_without_a_reload()
    {
        var page = await browser.Browser.NewPageAsync();
        await page.GotoAsync(_url);
        await Connected();
        await page.EvaluateAsync("() => { window.__notReloaded = true; }");
        var before = await page.GetAttributeAsync("link[rel=stylesheet]", "href");
        var css = Path.Combine(_site, "themes", "mine", "assets", "style.css");
        File.AppendAllText(css, "\nbody { border-top: 7px solid rgb(200, 0, 0); }\n");
        await page.WaitForFunctionAsync($"() => document.querySelector('link[rel=stylesheet]').getAttribute('href') !== '{before}'", null, new() { Timeout = 15_000 });
        await page.WaitForFunctionAsync("() => getComputedStyle(document.body).borderTopWidth === '7px'", null, new() { Timeout = 15_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.__notReloaded === true"), "the page was reloaded");
    }

    private const string EscapedCss = "über style#2.css";

    // Its link is /assets/%C3%BCber%20style%232.<hash>.css: the swap must name it so, or the page keeps the old one.
    [Fact]
    public async Task A_stylesheet_whose_name_is_escaped_in_links_is_swapped_in_without_a_reload()
    {
        var page = await browser.Browser.NewPageAsync();
        await page.GotoAsync(_url);
        await Connected();
        await page.EvaluateAsync("() => { window.__notReloaded = true; }");
        const string link = "link[rel=stylesheet][href*='%C3%BCber%20style%232.']";
        var before = await page.GetAttributeAsync(link, "href");
        Assert.NotNull(before);
        File.AppendAllText(Path.Combine(_site, "themes", "mine", "assets", EscapedCss), "\nbody { border-bottom: 5px solid rgb(0, 0, 200); }\n");
        await page.WaitForFunctionAsync($"() => document.querySelector(\"{link}\").getAttribute('href') !== '{before}'", null, new() { Timeout = 15_000 });
        await page.WaitForFunctionAsync("() => getComputedStyle(document.body).borderBottomWidth === '5px'", null, new() { Timeout = 15_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.__notReloaded === true"), "the page was reloaded");
    }

    [Fact]
    public async Task A_broken_profile_shows_its_error_on_the_page_and_fixing_it_clears_it()
    {
        var page = await browser.Browser.NewPageAsync();
        await page.GotoAsync(_url + "papers/autonomy-of-experts-models/");
        await Connected();
        EditProfile("CLJan 22, 2025", "CLJan 32, 2025");
        var banner = page.Locator("#portfoliogen-build-error");
        await banner.WaitForAsync(new() { Timeout = 15_000 });
        var text = await banner.TextContentAsync();
        Assert.Contains("seeds/ang-lv.txt(", text);
        Assert.Contains("error PG0002", text);
        // The last good site is still what is served.
        Assert.Contains("Autonomy-of-Experts Models", await page.TitleAsync());
        EditProfile("CLJan 32, 2025", "CLJan 22, 2025");
        await banner.WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 15_000 });
    }
}
