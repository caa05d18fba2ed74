using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using PortfolioGen.Serving;
using PortfolioGen.Site;
using Xunit;

namespace PortfolioGen.BrowserTests;

/// <summary>
/// The reference site (the repository's seeds/ and content/) built and served on loopback, without live reload. It is
/// built for the address it is served at, as a deployed site is, so pages carry their absolute URLs and social cards.
/// </summary>
public sealed class SiteServerFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public string Root { get; } = TestPaths.CopySite();
    public string Url { get; private set; } = "";
    public string Origin { get; private set; } = "";
    public BuildResult Build { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var port = FreePort();
        Origin = $"http://127.0.0.1:{port}";
        Url = Origin + "/";
        Build = await SiteBuilder.BuildAsync(new BuildOptions { SiteRoot = Root, BaseUrl = Url });
        Assert.True(Build.Success, string.Join("\n", Build.Diagnostics));
        _app = PreviewServer.CreateApp(new PreviewServer(new PreviewOptions(Build.OutputDirectory, "/", LiveReload: false), new LiveReload()), [Origin]);
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
