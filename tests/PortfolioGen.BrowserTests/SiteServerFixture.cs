using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using PortfolioGen.Serving;
using PortfolioGen.Site;
using Xunit;

namespace PortfolioGen.BrowserTests;

/// <summary>The reference site (the repository's seeds/ and content/) built and served on loopback, without live reload.</summary>
public sealed class SiteServerFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public string Root { get; } = TestPaths.CopySite();
    public string Url { get; private set; } = "";
    public string Origin { get; private set; } = "";
    public BuildResult Build { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Build = await SiteBuilder.BuildAsync(new BuildOptions { SiteRoot = Root });
        Assert.True(Build.Success, string.Join("\n", Build.Diagnostics));
        var port = FreePort();
        _app = PreviewServer.CreateApp(new PreviewServer(new PreviewOptions(Build.OutputDirectory, "/", LiveReload: false), new LiveReload()), [$"http://127.0.0.1:{port}"]);
        await _app.StartAsync();
        Origin = $"http://127.0.0.1:{port}";
        Url = Origin + "/";
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
