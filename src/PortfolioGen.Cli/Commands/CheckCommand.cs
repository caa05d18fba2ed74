using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using PortfolioGen.Site;

namespace PortfolioGen.Cli.Commands;

/// <summary><c>portfoliogen check [DIR]</c>: checks an already built site, for CI steps that only have the output.</summary>
internal static partial class CheckCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("DIR") { Description = "The built site to check", DefaultValueFactory = _ => "_site" };
        var baseUrl = new Option<string?>("--base-url") { Description = "The URL the site is served from (default: read from the home page's canonical link, else /)", HelpName = "URL" };
        var command = new Command("check", "Check a built site: internal links and fragments, HTML errors, duplicate ids, titles, languages, feed and sitemap")
        {
            dir,
            baseUrl,
        };
        command.SetAction(r => Execute(r.GetValue(dir)!, r.GetValue(baseUrl)));
        return command;
    }

    private static int Execute(string dir, string? baseUrl)
    {
        if (!Directory.Exists(dir)) return Cli.UsageError($"the folder '{dir}' does not exist; build the site first, or name the folder it was built into");
        if (!File.Exists(Path.Combine(dir, "index.html"))) return Cli.UsageError($"'{dir}' has no index.html; is it a built site?");
        string basePath;
        if (baseUrl is not null)
        {
            if (SettingsReader.BaseUrlProblem(baseUrl, out var uri) is { } problem) return Cli.UsageError($"--base-url {problem} (got '{baseUrl}')");
            basePath = uri.AbsolutePath;
        }
        else
        {
            basePath = InferBasePath(File.ReadAllText(Path.Combine(dir, "index.html")));
        }
        var diagnostics = SiteChecker.CheckFolder(dir, basePath, p => Path.Combine(dir, p).Replace('\\', '/'));
        Cli.Report(diagnostics);
        var pages = Directory.GetFiles(dir, "*.html", SearchOption.AllDirectories).Length;
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"checked {pages} pages under {basePath}: {(diagnostics.Count == 0 ? "no problems" : $"{diagnostics.Count} problem(s)")}"));
        return diagnostics.Count == 0 ? Cli.Ok : Cli.Failed;
    }

    // A site built for a sub-path says so in its canonical link, or in the path of its stylesheet: attributes, so HTML
    // (a base path /a&b/ is written /a&amp;b/ there).
    internal static string InferBasePath(string homeHtml)
    {
        var canonical = Canonical().Match(homeHtml);
        if (canonical.Success && Uri.TryCreate(WebUtility.HtmlDecode(canonical.Groups[1].Value), UriKind.Absolute, out var uri)) return uri.AbsolutePath;
        var stylesheet = Stylesheet().Match(homeHtml);
        return stylesheet.Success ? WebUtility.HtmlDecode(stylesheet.Groups[1].Value) : "/";
    }

    [GeneratedRegex("<link rel=\"canonical\" href=\"([^\"]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex Canonical();

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"(/(?:[^\"]*/)?)assets/", RegexOptions.CultureInvariant)]
    private static partial Regex Stylesheet();
}
