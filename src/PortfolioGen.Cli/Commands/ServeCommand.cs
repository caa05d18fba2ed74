using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using PortfolioGen.Serving;
using PortfolioGen.Site;

namespace PortfolioGen.Cli.Commands;

/// <summary><c>portfoliogen serve</c>: builds, serves on loopback, rebuilds on every change, reloads open pages.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var site = new BuildCommand.SiteOptions();
        var port = new Option<int>("--port", "-p") { Description = "The port to listen on", DefaultValueFactory = _ => DefaultPort, CustomParser = ParsePort, HelpName = "PORT" };
        var host = new Option<string>("--host") { Description = "The address to listen on (loopback unless you say otherwise)", DefaultValueFactory = _ => "127.0.0.1" };
        var noWatch = new Option<bool>("--no-watch") { Description = "Build once and serve; do not rebuild on changes" };
        var noReload = new Option<bool>("--no-reload") { Description = "Do not reload open pages after a rebuild" };
        var open = new Option<bool>("--open") { Description = "Open the site in the default browser" };
        var command = new Command("serve", "Build the site, serve it locally and rebuild it whenever the profile, content or theme changes");
        site.AddTo(command);
        command.Options.Add(port);
        command.Options.Add(host);
        command.Options.Add(noWatch);
        command.Options.Add(noReload);
        command.Options.Add(open);
        command.SetAction((r, token) => ExecuteAsync(site, r, r.GetValue(port), r.GetValue(host)!, !r.GetValue(noWatch), !r.GetValue(noReload), r.GetValue(open), token));
        return command;
    }

    private const int DefaultPort = 5080;

    // A port is a number from 1 to 65535; System.CommandLine's own message named the type System.Int32.
    private static int ParsePort(ArgumentResult result)
    {
        if (result.Tokens.Count == 0) return DefaultPort;
        var text = result.Tokens[^1].Value;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535) return port;
        result.AddError($"--port must be a number from 1 to 65535 (got '{text}')");
        return DefaultPort;
    }

    private static async Task<int> ExecuteAsync(BuildCommand.SiteOptions siteOptions, ParseResult parse, int port, string host, bool watch, bool reload, bool open, CancellationToken token)
    {
        var options = siteOptions.Read(parse);
        if (siteOptions.Validate(options) is { } usage) return Cli.UsageError(usage);
        if (!IPAddress.TryParse(host, out _) && host != "localhost") return Cli.UsageError($"--host must be an IP address such as 127.0.0.1 or 0.0.0.0, or localhost (got '{host}')");
        var quiet = parse.GetValue(siteOptions.Quiet);
        var verbose = parse.GetValue(siteOptions.Verbose) && !quiet;
        void Log(string line)
        {
            if (!quiet) Console.Out.WriteLine($"{DateTime.Now:HH:mm:ss} {line}");
        }
        // Failed rebuilds are printed under --quiet too: it means "print only errors", as in build.
        void LogError(string line) => Console.Out.WriteLine($"{DateTime.Now:HH:mm:ss} {line}");
        // --verbose: each build's pipelines as they finish, then its slowest steps, as build -v prints them.
        if (verbose) options = options with { Progress = line => Console.Error.WriteLine("  " + line) };

        // The port is taken before anything is built: when it is busy (often by another serve of this site, serving the
        // same output folder) serve says so at once and leaves the folder alone. Requests wait for the first build.
        var server = new TaskCompletionSource<PreviewServer>(TaskCreationOptions.RunContinuationsAsynchronously);
        var address = host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host;
        await using var app = PreviewServer.CreateApp(server.Task, [$"http://{address}:{port}"]);
        try
        {
            await app.StartAsync(token);
        }
        catch (IOException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            return Cli.UsageError($"port {port} on {host} is in use; choose another with --port {(port < 65535 ? port + 1 : 5081)}");
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            return Cli.UsageError($"cannot listen on {host}:{port}: {e.Message}");
        }
        try
        {
            var liveReload = new LiveReload();
            using var session = new PreviewSession(options, liveReload, Log, deferCollections: true, logErrors: LogError);
            if (verbose) session.Built += BuildCommand.PrintTimings;
            var output = Path.GetFullPath(Path.Combine(options.SiteRoot, options.Output ?? "_site"));
            // The base path as the settings give it (a failed first build gives none), then as each successful build
            // gives it: a base_url changed in site.yml while serve runs moves the preview with the pages' links.
            var preview = new PreviewServer(new PreviewOptions(output, SiteBuilder.BasePathOf(options), reload), liveReload);
            var serving = false;
            string UrlOf(string basePath) => $"http://{(host is "0.0.0.0" or "::" ? "localhost" : address)}:{port}{basePath}";
            session.Written += result =>
            {
                if (!result.Success || result.BasePath == preview.BasePath) return;
                var was = preview.BasePath;
                preview.BasePath = result.BasePath;
                if (serving) Console.Out.WriteLine($"{DateTime.Now:HH:mm:ss} the base URL changed: Serving {UrlOf(result.BasePath)} (pages at {was} are sent there)");
            };
            // Watching starts before the first build: a file saved while it runs (a big site's takes seconds) is rebuilt.
            if (watch) session.Watch(TimeSpan.FromMilliseconds(120));
            var first = await session.BuildAsync(token);
            // A failed build's errors were logged with it ("build failed …; serving the last good site:"): here only the rest.
            Cli.Report(first.Success ? first.Diagnostics : first.Diagnostics.Except(PreviewSession.FailureDiagnostics(first, options.Strict)), quiet);
            if (first.UsageError) return Cli.Usage;
            server.SetResult(preview);
            serving = true;
            var url = UrlOf(preview.BasePath);
            Console.Out.WriteLine($"Serving {url}  ({(watch ? "watching for changes" : "not watching")}{(reload && watch ? ", live reload on" : "")}; Ctrl+C to stop)");
            if (host is not ("127.0.0.1" or "::1" or "localhost")) Console.Out.WriteLine($"note: listening on {host}, so other machines on the network can reach this preview");
            if (open) OpenBrowser(url);
            try
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C.
            }
            Console.Out.WriteLine("stopping");
            await app.StopAsync(CancellationToken.None);
            return Cli.Ok;
        }
        finally
        {
            // Requests still waiting when serve ends without a server (the first build could not run, or Ctrl+C) end too.
            server.TrySetCanceled(CancellationToken.None);
        }
    }

    private static void OpenBrowser(string url)
    {
        try
        {
            var opener = OperatingSystem.IsWindows() ? "explorer" : OperatingSystem.IsMacOS() ? "open" : "xdg-open";
            Process.Start(new ProcessStartInfo(opener, url) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true })?.Dispose();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Console.Error.WriteLine($"could not open a browser; open {url} yourself");
        }
    }
}
