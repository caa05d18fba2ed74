using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using PortfolioGen.Serving;
using PortfolioGen.Site;
using PortfolioGen.Tests.Site;
using Xunit;

namespace PortfolioGen.Tests.Serving;

/// <summary>
/// serve swaps an edited stylesheet in the open pages without reloading them: the live-reload script finds the page's
/// &lt;link&gt; by its href as written (getAttribute), so the session must name the old stylesheet exactly as the pages
/// link it, percent-encoded (SiteUrls.Url), under the site's base path.
/// </summary>
public partial class StylesheetSwapTests
{
    public static TheoryData<string, string?> Assets => new()
    {
        { "style.css", null },
        { "my style.css", null },
        { "ü.css", null },
        { "C#.css", null },
        { "50%.css", null },
        { "style.css", "https://ada.example.org/portfolio/" },
        { "my style.css", "https://ada.example.org/portfolio/" },
        { "ü.css", "https://ada.example.org/über/" },
    };

    [Theory]
    [MemberData(nameof(Assets))]
    public async Task A_stylesheet_edit_swaps_the_link_the_pages_have(string asset, string? baseUrl)
    {
        // A theme of the site's own that links one more stylesheet, by the given name.
        using var site = new TestSite(IncrementalRebuildTests.Profile + "\n-- themes/mine/theme.yml --\nextends: {default-theme}\n"
            + "-- themes/mine/partials/head-extra.sbn --\n<link rel=\"stylesheet\" href=\"{{ asset '" + asset + "' }}\">\n");
        var css = Path.Combine(site.Root, "themes", "mine", "assets", asset);
        Directory.CreateDirectory(Path.GetDirectoryName(css)!);
        File.WriteAllText(css, "body { color: #111111; }\n");
        var live = new LiveReload();
        var (home, connection) = live.Connect("index.html");
        using (connection)
        {
            using var session = new PreviewSession(new BuildOptions { SiteRoot = site.Root, Theme = "mine", BaseUrl = baseUrl }, live, _ => { });
            var first = await session.BuildAsync();
            Assert.True(first.Success, string.Join("\n", first.Diagnostics));
            var before = Stylesheets(site.Read("index.html"));

            File.AppendAllText(css, "body { color: #123456; }\n");
            await session.Changed([css]);
            Assert.True(session.Last!.Success, string.Join("\n", session.Last.Diagnostics));
            var after = Stylesheets(site.Read("index.html"));

            // The page links the edited stylesheet under its new name, and the other the same (style.css is linked twice
            // when it is the one given).
            Assert.Equal(before.Length, after.Length);
            var expected = before.Zip(after).Where(p => p.First != p.Second).Distinct().ToDictionary(p => p.First, p => p.Second);
            Assert.Single(expected);
            var (oldHref, newHref) = expected.Single();
            Assert.StartsWith(first.BasePath, oldHref, StringComparison.Ordinal);
            // The new link leads to the file the rebuild wrote (the preview unescapes the path as browsers send it).
            Assert.True(File.Exists(Path.Combine(first.OutputDirectory, Uri.UnescapeDataString(newHref[first.BasePath.Length..]))), newHref);

            var events = new List<(string Event, string Data)>();
            while (home.TryRead(out var e)) events.Add(e);
            var swap = Assert.Single(events);
            Assert.Equal("css", swap.Event);
            Assert.Equal(expected, JsonSerializer.Deserialize<Dictionary<string, string>>(swap.Data));
        }
    }

    // The hrefs of a page's stylesheets, as the browser's getAttribute gives them (character references decoded).
    private static string[] Stylesheets(string html)
        => [.. StylesheetLink().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups["href"].Value))];

    [GeneratedRegex("""<link rel="stylesheet" href="(?<href>[^"]*)">""")]
    private static partial Regex StylesheetLink();
}
