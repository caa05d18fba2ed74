using Microsoft.Playwright;
using Xunit;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace PortfolioGen.BrowserTests;

/// <summary>
/// One headless Chromium (Debian's, at /usr/bin/chromium or $PG_CHROMIUM) for all browser tests. When it is
/// missing the tests fail with the command that installs it; they are never skipped silently.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string InstallHint = "Chromium is needed for the browser tests: apt-get update && apt-get install -y chromium (or set PG_CHROMIUM to a Chromium binary)";

    public static string ChromiumPath => Environment.GetEnvironmentVariable("PG_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} does not exist. {InstallHint}");
        }
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        Playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
