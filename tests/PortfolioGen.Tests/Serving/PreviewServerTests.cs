using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.TestHost;
using PortfolioGen.Serving;
using PortfolioGen.Site;
using Xunit;

namespace PortfolioGen.Tests.Serving;

/// <summary>The preview server in process (TestServer): status codes, types, caching, traversal, sub-paths.</summary>
public sealed class PreviewServerTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private WebApplication? _app;
    private TestServer Server => _app!.GetTestServer();
    private HttpClient Client => Server.CreateClient();
    private string Output => _dir["_site"];

    private async Task Start(string basePath = "/", bool reload = true)
    {
        var server = new PreviewServer(new PreviewOptions(Output, basePath, reload), new LiveReload());
        _app = PreviewServer.CreateApp(server, ["http://127.0.0.1:0"], b => b.WebHost.UseTestServer());
        await _app.StartAsync();
    }

    public Task InitializeAsync()
    {
        _dir.Write("secret.txt", "TOP SECRET");
        _dir.Write("_site/index.html", "<!DOCTYPE html><html><body><h1>Home</h1></body></html>");
        _dir.Write("_site/404.html", "<!DOCTYPE html><html><body><h1>Not here</h1></body></html>");
        _dir.Write("_site/papers/x/index.html", "<!DOCTYPE html><html><body>Paper</body></html>");
        _dir.Write("_site/papers/x/cite.bib", "@misc{x,}\n");
        _dir.Write("_site/papers/x/cite.ris", "TY  - UNPB\r\nER  - \r\n");
        _dir.Write("_site/papers/x/index.md", "# x\n");
        _dir.Write("_site/feed.xml", "<feed/>");
        _dir.Write("_site/sitemap.xml", "<urlset/>");
        _dir.Write("_site/robots.txt", "User-agent: *\n");
        _dir.Write("_site/llms.txt", "# x\n");
        _dir.Write("_site/assets/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        _dir.Write("_site/assets/style.css", "body{}");
        _dir.Write("_site/.portfoliogen-manifest.json", "{}");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        _dir.Dispose();
    }

    [Theory]
    [InlineData("/", "text/html; charset=utf-8")]
    [InlineData("/papers/x/", "text/html; charset=utf-8")]
    [InlineData("/papers/x/index.html", "text/html; charset=utf-8")]
    [InlineData("/papers/x/cite.bib", "application/x-bibtex; charset=utf-8")]
    [InlineData("/papers/x/cite.ris", "application/x-research-info-systems; charset=utf-8")]
    [InlineData("/papers/x/index.md", "text/markdown; charset=utf-8")]
    [InlineData("/feed.xml", "application/atom+xml; charset=utf-8")]
    [InlineData("/sitemap.xml", "application/xml; charset=utf-8")]
    [InlineData("/robots.txt", "text/plain; charset=utf-8")]
    [InlineData("/llms.txt", "text/plain; charset=utf-8")]
    [InlineData("/assets/logo.svg", "image/svg+xml")]
    [InlineData("/assets/style.css", "text/css; charset=utf-8")]
    public async Task Files_are_served_with_their_content_types(string path, string type)
    {
        await Start();
        var response = await Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType!.ToString());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Missing_paths_get_the_404_page_with_status_404()
    {
        await Start();
        var response = await Client.GetAsync("/no/such/page/");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<h1>Not here</h1>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_folder_without_its_slash_is_redirected_and_there_are_no_listings()
    {
        await Start();
        var response = await Client.GetAsync("/papers/x");
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/papers/x/", response.Headers.Location!.ToString());
        // A folder without index.html is not listed.
        Directory.CreateDirectory(Path.Combine(Output, "empty"));
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/empty/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/assets/")).StatusCode);
    }

    [Fact]
    public async Task The_manifest_and_other_dotfiles_are_not_served()
    {
        await Start();
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/.portfoliogen-manifest.json")).StatusCode);
    }

    [Fact]
    public async Task Only_get_and_head_are_allowed()
    {
        await Start();
        var post = await Client.PostAsync("/", new StringContent("x"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/papers/x/cite.bib"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(10, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Etags_and_last_modified_give_304()
    {
        await Start();
        var first = await Client.GetAsync("/papers/x/cite.bib");
        var etag = first.Headers.ETag!;
        var modified = first.Content.Headers.LastModified!.Value;
        var byTag = new HttpRequestMessage(HttpMethod.Get, "/papers/x/cite.bib");
        byTag.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await Client.SendAsync(byTag)).StatusCode);
        var byDate = new HttpRequestMessage(HttpMethod.Get, "/papers/x/cite.bib");
        byDate.Headers.IfModifiedSince = modified;
        Assert.Equal(HttpStatusCode.NotModified, (await Client.SendAsync(byDate)).StatusCode);
        // A changed file has a new tag.
        File.WriteAllText(Path.Combine(Output, "papers/x/cite.bib"), "@misc{y,}\n");
        var stale = new HttpRequestMessage(HttpMethod.Get, "/papers/x/cite.bib");
        stale.Headers.IfNoneMatch.Add(etag);
        var fresh = await Client.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal("@misc{y,}\n", await fresh.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Html_responses_carry_the_reload_script_and_files_on_disk_do_not()
    {
        await Start();
        var html = await Client.GetStringAsync("/");
        Assert.Contains("<script src=\"/__portfoliogen/reload.js\" defer></script>\n</body>", html);
        Assert.DoesNotContain("reload.js", File.ReadAllText(Path.Combine(Output, "index.html")));
        Assert.DoesNotContain("reload.js", await Client.GetStringAsync("/papers/x/index.md"));
        var script = await Client.GetAsync("/__portfoliogen/reload.js");
        Assert.Equal("text/javascript; charset=utf-8", script.Content.Headers.ContentType!.ToString());
        Assert.Contains("EventSource", await script.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Without_live_reload_nothing_is_injected()
    {
        await Start(reload: false);
        Assert.DoesNotContain("reload.js", await Client.GetStringAsync("/"));
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/__portfoliogen/reload.js")).StatusCode);
    }

    [Theory]
    [InlineData("/../secret.txt")]
    [InlineData("/papers/../../secret.txt")]
    [InlineData("/%2e%2e/secret.txt")]
    [InlineData("/%2E%2E/%2E%2E/secret.txt")]
    [InlineData("/papers/%2e%2e%2f%2e%2e%2fsecret.txt")]
    [InlineData("/%252e%252e/secret.txt")]
    [InlineData("/..%5csecret.txt")]
    [InlineData("/..\\secret.txt")]
    [InlineData("/papers\\..\\..\\secret.txt")]
    [InlineData("/%00/../secret.txt")]
    [InlineData("/index.html%00.txt")]
    [InlineData("//etc/passwd")]
    [InlineData("/" + "C:/Windows/win.ini")]
    [InlineData("http://evil.example/../secret.txt")]
    public async Task Requests_that_try_to_leave_the_site_never_read_outside_it(string rawTarget)
    {
        await Start();
        var context = await Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            var decoded = Uri.UnescapeDataString(rawTarget.Split('?')[0]);
            c.Request.Path = new PathString(decoded.StartsWith('/') ? decoded : "/" + decoded);
            c.Features.Get<IHttpRequestFeature>()!.RawTarget = rawTarget;
        });
        Assert.True(context.Response.StatusCode is 400 or 404, $"{rawTarget}: {context.Response.StatusCode}");
        var body = await new StreamReader(context.Response.Body).ReadToEndAsync();
        Assert.DoesNotContain("TOP SECRET", body);
        Assert.DoesNotContain("root:", body);
    }

    [Fact]
    public async Task A_sub_path_site_is_served_under_its_path()
    {
        await Start("/portfolio/");
        var root = await Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.MovedPermanently, root.StatusCode);
        Assert.Equal("/portfolio/", root.Headers.Location!.ToString());
        Assert.Equal("/portfolio/", (await Client.GetAsync("/portfolio")).Headers.Location!.ToString());
        Assert.Contains("<h1>Home</h1>", await Client.GetStringAsync("/portfolio/"));
        Assert.Equal("@misc{x,}\n", await Client.GetStringAsync("/portfolio/papers/x/cite.bib"));
        var outside = await Client.GetAsync("/papers/x/");
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        Assert.Contains("Not here", await outside.Content.ReadAsStringAsync());
    }

    // A base URL's path is escaped as a URL has it (https://example.org/ádá/ gives /%C3%A1d%C3%A1/); requests arrive
    // unescaped.
    [Fact]
    public async Task A_sub_path_with_escaped_characters_is_served_under_its_path()
    {
        await Start("/%C3%A1d%C3%A1/");
        var root = await Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.MovedPermanently, root.StatusCode);
        Assert.Equal("/%C3%A1d%C3%A1/", root.Headers.Location!.OriginalString);
        Assert.Equal("/%C3%A1d%C3%A1/", (await Client.GetAsync("/%C3%A1d%C3%A1")).Headers.Location!.OriginalString);
        Assert.Contains("<h1>Home</h1>", await Client.GetStringAsync("/%C3%A1d%C3%A1/"));
        Assert.Equal("@misc{x,}\n", await Client.GetStringAsync("/%C3%A1d%C3%A1/papers/x/cite.bib"));
        Assert.Equal("/%C3%A1d%C3%A1/papers/x/", (await Client.GetAsync("/%C3%A1d%C3%A1/papers/x")).Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/papers/x/")).StatusCode);
    }

    // A page whose file or folder name has '#', '?' or '%' (content/teaching/C#.md) is linked by its percent-encoded
    // URL (/teaching/C%23/, see SiteUrls.Url); the preview serves that URL from the file, and redirects to it with the
    // name encoded again.
    [Theory]
    [InlineData("/", "/teaching/C%23/", "teaching/C#/index.html")]
    [InlineData("/", "/teaching/C%23/index.html", "teaching/C#/index.html")]
    [InlineData("/", "/C%23/notes/", "C#/notes/index.html")]
    [InlineData("/", "/Q%3F/", "Q?/index.html")]
    [InlineData("/", "/%2541/", "%41/index.html")]
    [InlineData("/", "/files/a%23b.pdf", "files/a#b.pdf")]
    [InlineData("/portfolio/", "/portfolio/teaching/C%23/", "teaching/C#/index.html")]
    public async Task A_name_with_a_hash_question_mark_or_percent_is_served_at_its_encoded_url(string basePath, string url, string file)
    {
        _dir.Write("_site/" + file, "<!DOCTYPE html><html><body>" + file + "</body></html>");
        await Start(basePath);
        var response = await Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<body>" + file, await response.Content.ReadAsStringAsync());
        if (url.EndsWith('/'))
        {
            using var folder = await Client.GetAsync(url.TrimEnd('/'));
            Assert.Equal(HttpStatusCode.MovedPermanently, folder.StatusCode);
            Assert.Equal(url, folder.Headers.Location!.OriginalString);
        }
    }

    [Fact]
    public async Task The_event_stream_tells_pages_to_reload_and_shows_errors()
    {
        var live = new LiveReload();
        var server = new PreviewServer(new PreviewOptions(Output, "/", true), live);
        _app = PreviewServer.CreateApp(server, ["http://127.0.0.1:0"], b => b.WebHost.UseTestServer());
        await _app.StartAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var response = await Client.GetAsync("/__portfoliogen/events", HttpCompletionOption.ResponseHeadersRead, cts.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));
        Assert.Equal("retry: 1000", await reader.ReadLineAsync(cts.Token));
        while (live.Clients == 0) await Task.Delay(10, cts.Token);
        live.ShowError(["seeds/x.txt(3,7): error PG0002: 'Sep 31' is not a date"]);
        live.Reload();
        var lines = new List<string>();
        while (lines.Count < 4)
        {
            var line = await reader.ReadLineAsync(cts.Token);
            if (!string.IsNullOrEmpty(line)) lines.Add(line);
        }
        Assert.Equal(["event: build-error", "data: [\"seeds/x.txt(3,7): error PG0002: \\u0027Sep 31\\u0027 is not a date\"]", "event: reload", "data: {}"], lines);
    }

    [Theory]
    [InlineData("/", "/papers/x/", "papers/x/index.html")]
    [InlineData("/", "/", "index.html")]
    [InlineData("/", "/papers/x/cite.bib", "papers/x/cite.bib")]
    [InlineData("/portfolio/", "/portfolio/papers/x/", "papers/x/index.html")]
    [InlineData("/portfolio/", "/papers/x/", null)]
    [InlineData("/%C3%A1d%C3%A1/", "/%C3%A1d%C3%A1/papers/x/", "papers/x/index.html")]
    [InlineData("/", "/../secret.txt", null)]
    [InlineData("/", "", null)]
    public async Task A_page_says_which_file_it_shows_when_it_connects_for_events(string basePath, string page, string? file)
    {
        var live = new LiveReload();
        _app = PreviewServer.CreateApp(new PreviewServer(new PreviewOptions(Output, basePath, true), live), ["http://127.0.0.1:0"], b => b.WebHost.UseTestServer());
        await _app.StartAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await Client.GetAsync("/__portfoliogen/events?page=" + Uri.EscapeDataString(page), HttpCompletionOption.ResponseHeadersRead, cts.Token);
        while (live.Clients == 0) await Task.Delay(10, cts.Token);
        Assert.Equal(file is null ? [] : [file], live.Pages);
    }

    // serve moves the preview when a rebuild moves the site (site.yml's base_url changed): the new path is served, and a
    // page open at the old one (it reloads after the rebuild) is sent to the same place under the new one.
    [Theory]
    [InlineData("/", "/portfolio/", "/papers/x/", "/portfolio/papers/x/")]
    [InlineData("/portfolio/", "/", "/portfolio/papers/x/", "/papers/x/")]
    [InlineData("/a/", "/a/b/", "/a/papers/x/?q=1", "/a/b/papers/x/?q=1")]
    [InlineData("/%C3%A1d%C3%A1/", "/", "/%C3%A1d%C3%A1/papers/x/", "/papers/x/")]
    [InlineData("/", "/%C3%A1d%C3%A1/", "/papers/x/", "/%C3%A1d%C3%A1/papers/x/")]
    public async Task A_new_base_path_is_served_and_the_old_one_sends_there(string before, string now, string old, string moved)
    {
        var server = new PreviewServer(new PreviewOptions(Output, before, true), new LiveReload());
        _app = PreviewServer.CreateApp(server, ["http://127.0.0.1:0"], b => b.WebHost.UseTestServer());
        await _app.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync(before + "papers/x/")).StatusCode);
        server.BasePath = now;
        Assert.Equal(now, server.BasePath);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync(now + "papers/x/cite.bib")).StatusCode);
        Assert.Contains("<h1>Home</h1>", await Client.GetStringAsync(now));
        using var response = await Client.GetAsync(old);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(moved, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_page_shown_ahead_is_served_in_place_of_the_file_until_the_rebuild_ends()
    {
        var live = new LiveReload();
        _app = PreviewServer.CreateApp(new PreviewServer(new PreviewOptions(Output, "/", true), live), ["http://127.0.0.1:0"], b => b.WebHost.UseTestServer());
        await _app.StartAsync();
        live.ShowAhead(new Dictionary<string, byte[]> { ["papers/x/index.html"] = Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body>Paper, edited</body></html>") });
        foreach (var path in new[] { "/papers/x/", "/papers/x/index.html" })
        {
            var body = await Client.GetStringAsync(path);
            Assert.Contains("Paper, edited", body);
            Assert.Contains("/__portfoliogen/reload.js", body);
        }
        // Other files come from the site as before.
        Assert.Equal("@misc{x,}\n", await Client.GetStringAsync("/papers/x/cite.bib"));
        Assert.Contains("<h1>Home</h1>", await Client.GetStringAsync("/"));
        live.EndAhead();
        Assert.StartsWith("<!DOCTYPE html><html><body>Paper<script", await Client.GetStringAsync("/papers/x/"));
    }

    // A title edit moved a paper's page: the page rendered ahead at its new place is served there, though the site has
    // no such folder yet, under the site's base path; once the rebuild ends, the place is the site's to serve (or not).
    [Theory]
    [InlineData("/")]
    [InlineData("/portfolio/")]
    public async Task A_page_shown_ahead_at_a_new_place_is_served_there(string basePath)
    {
        var live = new LiveReload();
        _app = PreviewServer.CreateApp(new PreviewServer(new PreviewOptions(Output, basePath, true), live), ["http://127.0.0.1:0"], b => b.WebHost.UseTestServer());
        await _app.StartAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync(basePath + "papers/y/")).StatusCode);
        live.ShowAhead(new Dictionary<string, byte[]> { ["papers/y/index.html"] = Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body>Paper, renamed</body></html>") });
        foreach (var path in new[] { "papers/y/", "papers/y/index.html" })
        {
            using var response = await Client.GetAsync(basePath + path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Contains("Paper, renamed", body);
            Assert.Contains("/__portfoliogen/reload.js", body);
        }
        using (var folder = await Client.GetAsync(basePath + "papers/y"))
        {
            Assert.Equal(HttpStatusCode.MovedPermanently, folder.StatusCode);
            Assert.Equal(basePath + "papers/y/", folder.Headers.Location?.OriginalString);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync(basePath + "papers/z/")).StatusCode);
        live.EndAhead();
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync(basePath + "papers/y/")).StatusCode);
    }

    // A page given up after a browser was sent there: the browser is redirected on (temporarily), but a file the site has
    // is served as it is.
    [Fact]
    public async Task A_request_for_a_page_given_up_is_redirected_while_the_site_has_no_such_file()
    {
        var live = new LiveReload();
        _app = PreviewServer.CreateApp(new PreviewServer(new PreviewOptions(Output, "/", true), live), ["http://127.0.0.1:0"], b => b.WebHost.UseTestServer());
        await _app.StartAsync();
        live.Redirect(new Dictionary<string, string> { ["papers/y/index.html"] = "/papers/x/", ["papers/x/index.html"] = "/papers/elsewhere/" });
        using (var response = await Client.GetAsync("/papers/y/?q=1"))
        {
            Assert.Equal(HttpStatusCode.Found, response.StatusCode);
            Assert.Equal("/papers/x/?q=1", response.Headers.Location?.OriginalString);
        }
        Assert.StartsWith("<!DOCTYPE html><html><body>Paper<script", await Client.GetStringAsync("/papers/x/"));
        live.Redirect(new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/papers/y/")).StatusCode);
    }

    /// <summary>The same attempts over a real socket to Kestrel, where the request line is exactly what an attacker sends.</summary>
    [Theory]
    [InlineData("/../secret.txt")]
    [InlineData("/%2e%2e/secret.txt")]
    [InlineData("/%2e%2e%2fsecret.txt")]
    [InlineData("/..%5csecret.txt")]
    [InlineData("/..\\secret.txt")]
    [InlineData("/%00../secret.txt")]
    public async Task Raw_requests_over_a_socket_never_read_outside_the_site(string target)
    {
        var server = new PreviewServer(new PreviewOptions(Output, "/", true), new LiveReload());
        var port = FreePort();
        _app = PreviewServer.CreateApp(server, [$"http://127.0.0.1:{port}"]);
        await _app.StartAsync();
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
        var reply = await new StreamReader(stream, Encoding.UTF8).ReadToEndAsync();
        Assert.Matches(@"^HTTP/1\.1 (400|404)", reply);
        Assert.DoesNotContain("TOP SECRET", reply);
    }

    // serve listens before its first build, so that a busy port is known before anything is written; a request that
    // comes meanwhile waits for the server the build makes.
    [Fact]
    public async Task An_app_made_before_its_server_listens_at_once_and_answers_once_the_server_is_ready()
    {
        var ready = new TaskCompletionSource<PreviewServer>(TaskCreationOptions.RunContinuationsAsynchronously);
        _app = PreviewServer.CreateApp(ready.Task, ["http://127.0.0.1:0"], b => b.WebHost.UseTestServer());
        await _app.StartAsync();
        var pending = Client.GetAsync("/papers/x/");
        await Task.Delay(200);
        Assert.False(pending.IsCompleted);
        ready.SetResult(new PreviewServer(new PreviewOptions(Output, "/", true), new LiveReload()));
        var response = await pending.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Paper", await response.Content.ReadAsStringAsync());
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
