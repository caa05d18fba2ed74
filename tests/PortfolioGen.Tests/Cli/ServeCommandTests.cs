using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PortfolioGen.Tests.Serving;
using PortfolioGen.Tests.Site;
using Xunit;

namespace PortfolioGen.Tests.Cli;

public class ServeCommandTests
{
    [Fact]
    public void A_port_in_use_is_a_clear_error_that_suggests_another()
    {
        using var site = new TestSite(TestSite.SmallProfile);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var r = CliRunner.Run(site.Root, "serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--quiet");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"port {port} on 127.0.0.1 is in use; choose another with --port {port + 1}", r.Stderr);
        // The port is bound before the first build: a busy port (often another serve of the same site) leaves the
        // output folder alone; serve used to build the whole site into it first.
        Assert.DoesNotContain("built in", r.Stdout + r.Stderr);
        Assert.False(Directory.Exists(Path.Combine(site.Root, "_site")));
    }

    [Theory]
    [InlineData(new[] { "serve", "--port", "0" }, "--port must be a number from 1 to 65535 (got '0')")]
    [InlineData(new[] { "serve", "--port", "http" }, "--port must be a number from 1 to 65535 (got 'http')")]
    [InlineData(new[] { "serve", "-p", "70000" }, "--port must be a number from 1 to 65535 (got '70000')")]
    [InlineData(new[] { "serve", "--host", "not a host" }, "--host must be an IP address")]
    [InlineData(new[] { "serve", "--profile", "missing.txt" }, "the profile 'missing.txt' does not exist")]
    public void Wrong_arguments_exit_2(string[] args, string message)
    {
        using var site = new TestSite(TestSite.SmallProfile);
        var r = CliRunner.Run(site.Root, args);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains(message, r.Stderr);
        Assert.DoesNotContain("System.Int32", r.Stderr);
        Assert.False(Directory.Exists(Path.Combine(site.Root, "_site")));
    }

    // The README says serve takes every option of build; -v was refused ("Unrecognized command or argument '-v'").
    [Fact]
    public void Serve_takes_every_option_of_build()
    {
        var build = PortfolioGen.Cli.App.Create().Subcommands.Single(c => c.Name == "build");
        var serve = PortfolioGen.Cli.App.Create().Subcommands.Single(c => c.Name == "serve");
        foreach (var option in build.Options.Where(o => !o.Name.StartsWith("--help", StringComparison.Ordinal) && o.Name != "-?"))
        {
            Assert.Contains(serve.Options, o => o.Name == option.Name && o.Aliases.Order().SequenceEqual(option.Aliases.Order()));
        }
        foreach (var args in new[] { new[] { "serve", "-v" }, ["serve", "--verbose", "-q"], ["serve", "--strict"] })
        {
            var result = PortfolioGen.Cli.App.Create().Parse(args);
            Assert.True(result.Errors.Count == 0, string.Join(" ", args) + ": " + string.Join("; ", result.Errors.Select(e => e.Message)));
        }
    }

    // serve -v prints each build's pipeline progress and timings, as build -v does.
    [Fact]
    public async Task Verbose_prints_each_rebuilds_pipelines()
    {
        using var site = new TestSite(TestSite.SmallProfile);
        var port = PreviewServerTests.FreePort();
        using var process = StartServe(site, port, "-v");
        var stderr = CollectStandardError(process);
        var lines = new List<string>();
        try
        {
            await ReadUntil(process, lines, "Serving http");
            Assert.Contains(stderr, l => l.StartsWith("  Papers ", StringComparison.Ordinal) && l.Contains("documents", StringComparison.Ordinal));
            var before = stderr.Count;
            var profile = Path.Combine(site.Root, "seeds", "ada.txt");
            File.WriteAllText(profile, File.ReadAllText(profile).Replace("We learn things.", "We learn things again.", StringComparison.Ordinal));
            await ReadUntil(process, lines, "seeds/ada.txt changed: rebuilt in");
            await Task.Delay(300);
            Assert.Contains(stderr.Skip(before), l => l.StartsWith("  Papers ", StringComparison.Ordinal) && l.Contains("documents", StringComparison.Ordinal));
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    // A first build that fails is reported once: the session's log says so with the errors, and the startup report
    // used to print the same errors again.
    [Fact]
    public async Task A_failed_first_build_prints_its_error_once()
    {
        using var site = new TestSite(TestSite.SmallProfile);
        var profile = Path.Combine(site.Root, "seeds", "ada.txt");
        File.WriteAllText(profile, File.ReadAllText(profile).Replace("LGMar 4, 2024", "LGFeb 31, 2024", StringComparison.Ordinal));
        var port = PreviewServerTests.FreePort();
        using var process = StartServe(site, port);
        var stderr = CollectStandardError(process);
        var lines = new List<string>();
        try
        {
            await ReadUntil(process, lines, "Serving http");
            await Task.Delay(300);
            var all = lines.Concat(stderr).ToList();
            Assert.Single(all, l => l.Contains("error PG0002", StringComparison.Ordinal));
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    // A first build that failed gave no base path, and serve served at / although site.yml set a sub-path: after the
    // profile was fixed, /homepage/ was 404 and the pages' links to /homepage/assets/ too. It is read from site.yml.
    [Fact]
    public async Task A_failed_first_build_serves_at_the_base_path_site_yml_sets()
    {
        using var site = new TestSite(TestSite.SmallProfile + "\n-- content/site.yml --\nbase_url: https://user.github.io/homepage/\n");
        var profile = Path.Combine(site.Root, "seeds", "ada.txt");
        var good = File.ReadAllText(profile);
        File.WriteAllText(profile, good.Replace("LGMar 4, 2024", "LGFeb 31, 2024", StringComparison.Ordinal));
        var port = PreviewServerTests.FreePort();
        using var process = StartServe(site, port);
        CollectStandardError(process);
        var lines = new List<string>();
        try
        {
            await ReadUntil(process, lines, "Serving http");
            Assert.Contains($"Serving http://127.0.0.1:{port}/homepage/ ", lines[^1]);
            File.WriteAllText(profile, good);
            await ReadUntil(process, lines, "seeds/ada.txt changed: rebuilt in");
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
            using (var home = await http.GetAsync($"http://127.0.0.1:{port}/homepage/"))
            {
                Assert.Equal(HttpStatusCode.OK, home.StatusCode);
                Assert.Contains("Ada Researcher", await home.Content.ReadAsStringAsync());
            }
            using var root = await http.GetAsync($"http://127.0.0.1:{port}/");
            Assert.Equal(HttpStatusCode.MovedPermanently, root.StatusCode);
            Assert.Equal("/homepage/", root.Headers.Location?.OriginalString);
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    // The base path was fixed when serve started: after base_url changed in site.yml, the rebuilt pages linked
    // /moved/assets/… and the server still served at /. It follows each successful build and says where it serves now.
    [Fact]
    public async Task A_new_base_url_in_site_yml_moves_the_preview_to_its_path()
    {
        using var site = new TestSite(TestSite.SmallProfile + "\n-- content/site.yml --\ntitle: Ada\n");
        var port = PreviewServerTests.FreePort();
        using var process = StartServe(site, port);
        CollectStandardError(process);
        var lines = new List<string>();
        try
        {
            await ReadUntil(process, lines, "Serving http");
            Assert.Contains($"Serving http://127.0.0.1:{port}/ ", lines[^1]);
            File.WriteAllText(Path.Combine(site.Root, "content", "site.yml"), "title: Ada\nbase_url: https://example.org/moved/\n");
            await ReadUntil(process, lines, "Serving http");
            Assert.Contains($"Serving http://127.0.0.1:{port}/moved/ ", lines[^1]);
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
            using (var home = await http.GetAsync($"http://127.0.0.1:{port}/moved/"))
            {
                Assert.Equal(HttpStatusCode.OK, home.StatusCode);
                Assert.Contains("/moved/assets/", await home.Content.ReadAsStringAsync());
            }
            // A page open at its old place (reloaded after the rebuild) is sent to its new one.
            using var old = await http.GetAsync($"http://127.0.0.1:{port}/papers/alone-again/");
            Assert.Equal(HttpStatusCode.Found, old.StatusCode);
            Assert.Equal("/moved/papers/alone-again/", old.Headers.Location?.OriginalString);
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    private static async Task ReadUntil(Process process, List<string> lines, string text)
    {
        var timeout = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < timeout)
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(timeout - DateTime.UtcNow);
            if (line is null) break;
            lines.Add(line);
            if (line.Contains(text, StringComparison.Ordinal)) return;
        }
        throw new Xunit.Sdk.XunitException($"serve never said '{text}':\n" + string.Join("\n", lines));
    }

    [Fact]
    public async Task It_serves_then_stops_cleanly_on_ctrl_c()
    {
        using var site = new TestSite(TestSite.SmallProfile);
        var port = PreviewServerTests.FreePort();
        using var process = StartServe(site, port);
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var http = new HttpClient();
        string? home = null;
        for (var i = 0; i < 150 && home is null; i++)
        {
            try { home = await http.GetStringAsync($"http://127.0.0.1:{port}/"); }
            catch (HttpRequestException) { await Task.Delay(100); }
        }
        Assert.NotNull(home);
        Assert.Contains("Ada Researcher", home);
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
        Assert.True(process.WaitForExit(20_000), "serve did not stop on SIGINT");
        Assert.Equal(0, process.ExitCode);
        var output = await stdout;
        Assert.Contains($"Serving http://127.0.0.1:{port}/", output);
        Assert.EndsWith("stopping\n", output);
    }

    // The watcher used to start after the first build, its collection and the server's start: a profile saved in that
    // window (or while a big site's first build ran) was never rebuilt, and the page kept the old text.
    [Fact]
    public async Task A_profile_saved_as_the_first_build_ends_is_rebuilt()
    {
        using var site = new TestSite(TestSite.SmallProfile);
        var port = PreviewServerTests.FreePort();
        using var process = StartServe(site, port);
        var lines = new List<string>();
        try
        {
            var timeout = DateTime.UtcNow.AddSeconds(60);
            async Task<string> LineWith(string text)
            {
                while (DateTime.UtcNow < timeout)
                {
                    var line = await process.StandardOutput.ReadLineAsync().WaitAsync(timeout - DateTime.UtcNow);
                    if (line is null) break;
                    lines.Add(line);
                    if (line.Contains(text, StringComparison.Ordinal)) return line;
                }
                throw new Xunit.Sdk.XunitException($"serve never said '{text}':\n" + string.Join("\n", lines));
            }

            await LineWith("built in");
            // At once, before serve has said it is serving.
            var profile = Path.Combine(site.Root, "seeds", "ada.txt");
            File.WriteAllText(profile, File.ReadAllText(profile).Replace("We learn things.", "We learn things at once.", StringComparison.Ordinal));
            await LineWith("seeds/ada.txt changed: rebuilt in");
            Assert.Contains("We learn things at once.", site.Read("papers/learning-things-quickly/index.html"));
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    // `portfoliogen serve --port N` in the site's folder, its output redirected.
    // The process's standard error, line by line as it comes (standard output is read by the test).
    private static System.Collections.Concurrent.ConcurrentQueue<string> CollectStandardError(Process process)
    {
        var stderr = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) stderr.Enqueue(e.Data); };
        process.BeginErrorReadLine();
        return stderr;
    }

    private static Process StartServe(TestSite site, int port, params string[] more)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = site.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "portfoliogen.dll"), "serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) }.Concat(more)) psi.ArgumentList.Add(a);
        return Process.Start(psi)!;
    }
}
