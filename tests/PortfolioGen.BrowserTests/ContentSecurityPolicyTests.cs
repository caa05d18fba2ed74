using Microsoft.Playwright;
using Tomlyn;
using Tomlyn.Model;
using Xunit;

namespace PortfolioGen.BrowserTests;

/// <summary>The headers of netlify.toml, applied to every response, hold on the built pages: no CSP violation.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ContentSecurityPolicyTests(BrowserFixture browser, SiteServerFixture site) : IClassFixture<SiteServerFixture>
{
    private static IReadOnlyDictionary<string, string> NetlifyHeadersForAll()
    {
        var config = TomlSerializer.Deserialize<TomlTable>(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "netlify.toml")))!;
        var all = ((TomlTableArray)config["headers"]).Single(h => (string)h["for"] == "/*");
        return ((TomlTable)all["values"]).ToDictionary(kv => kv.Key, kv => (string)kv.Value!);
    }

    [Theory]
    [InlineData("")]
    [InlineData("papers/an-analysis-and-mitigation-of-the-reversal-curse/")]
    [InlineData("coauthors/")]
    [InlineData("coauthors/yuhan-chen/")]
    [InlineData("topics/cs-cl/")]
    [InlineData("about/")]
    [InlineData("search/?q=grok")]
    [InlineData("no/such/page/")]
    public async Task Pages_satisfy_the_content_security_policy(string path)
    {
        var headers = NetlifyHeadersForAll();
        Assert.StartsWith("default-src 'self'", headers["Content-Security-Policy"]);
        await using var context = await browser.Browser.NewContextAsync();
        await context.RouteAsync("**/*", async route =>
        {
            var response = await route.FetchAsync();
            var merged = response.Headers.ToDictionary(h => h.Key, h => h.Value);
            foreach (var (k, v) in headers) merged[k] = v;
            await route.FulfillAsync(new RouteFulfillOptions { Response = response, Headers = merged });
        });
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, m) => { if (m.Text.Contains("Content Security Policy", StringComparison.Ordinal)) violations.Add(m.Text); };
        await page.AddInitScriptAsync("window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));");
        var response = await page.GotoAsync(site.Url + path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        Assert.Equal(headers["Content-Security-Policy"], await response!.HeaderValueAsync("content-security-policy"));
        violations.AddRange(await page.EvaluateAsync<string[]>("() => window.__csp"));
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        if (path.StartsWith("papers/", StringComparison.Ordinal))
        {
            // The copy button's script runs under the policy.
            Assert.Equal(1, await page.Locator(".copy-button").CountAsync());
        }
        if (path.StartsWith("search/", StringComparison.Ordinal))
        {
            // MiniSearch and the search script run under the policy, and the index loads.
            await page.Locator("#search-status").Filter(new LocatorFilterOptions { HasText = "1 paper matches" }).WaitForAsync();
            Assert.Equal(1, await page.Locator("#search-results li").CountAsync());
        }
    }
}
