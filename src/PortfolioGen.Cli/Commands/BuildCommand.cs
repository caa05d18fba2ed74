using System.CommandLine;
using System.Globalization;
using PortfolioGen.Site;

namespace PortfolioGen.Cli.Commands;

/// <summary><c>portfoliogen build</c>: turns the profile and content into the site.</summary>
internal static class BuildCommand
{
    /// <summary>The options <c>build</c> and <c>serve</c> share.</summary>
    public sealed class SiteOptions
    {
        public Option<string?> Profile { get; } = new("--profile") { Description = "The profile file (default: site.yml's 'profile', else the single seeds/*.txt)", HelpName = "FILE" };
        public Option<string?> Content { get; } = new("--content") { Description = "The content folder (default: content)", HelpName = "DIR" };
        public Option<string?> Theme { get; } = new("--theme") { Description = "A theme name under themes/, or a theme folder (default: site.yml's 'theme', else default)", HelpName = "NAME|DIR" };
        public Option<string?> Output { get; } = new("--output", "-o") { Description = "The output folder (default: _site)", HelpName = "DIR" };
        public Option<string?> BaseUrl { get; } = new("--base-url") { Description = "The URL the site is served from, e.g. https://user.github.io/portfolio/ (default: site.yml's 'base_url')", HelpName = "URL" };
        public Option<bool> Strict { get; } = new("--strict") { Description = "Fail (exit 1) on any warning, not only on errors" };
        public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "Print only errors" };
        public Option<bool> Verbose { get; } = new("--verbose", "-v") { Description = "Print each pipeline's progress and timing" };

        public void AddTo(Command command)
        {
            command.Options.Add(Profile);
            command.Options.Add(Content);
            command.Options.Add(Theme);
            command.Options.Add(Output);
            command.Options.Add(BaseUrl);
            command.Options.Add(Strict);
            command.Options.Add(Quiet);
            command.Options.Add(Verbose);
        }

        public BuildOptions Read(ParseResult result) => new()
        {
            SiteRoot = Directory.GetCurrentDirectory(),
            Profile = result.GetValue(Profile),
            Content = result.GetValue(Content),
            Theme = result.GetValue(Theme),
            Output = result.GetValue(Output),
            BaseUrl = result.GetValue(BaseUrl),
            Strict = result.GetValue(Strict),
        };

        /// <summary>Checks what can be checked before building: files and folders the user named must exist.</summary>
        public string? Validate(BuildOptions options)
        {
            if (options.Profile is { } p && !File.Exists(p)) return Directory.Exists(p) ? $"'{p}' is a folder; --profile takes a profile file" : $"the profile '{p}' does not exist";
            if (options.Content is { } c && !Directory.Exists(c)) return File.Exists(c) ? $"'{c}' is a file; --content takes a folder" : $"the content folder '{c}' does not exist";
            // An empty name would be the themes/ folder itself.
            if (options.Theme is { } t && string.IsNullOrWhiteSpace(t)) return "--theme must not be empty: give a theme's name (a folder of themes/) or a theme folder";
            if (options.BaseUrl is { } u && SettingsReader.BaseUrlProblem(u, out _) is { } problem) return $"--base-url {problem} (got '{u}')";
            return null;
        }
    }

    public static Command Create()
    {
        var site = new SiteOptions();
        var command = new Command("build", "Build the site from the profile and content/ into the output folder");
        site.AddTo(command);
        command.SetAction((result, token) => ExecuteAsync(site, result, result.GetValue(site.Verbose), token));
        return command;
    }

    private static async Task<int> ExecuteAsync(SiteOptions siteOptions, ParseResult parse, bool verbose, CancellationToken token)
    {
        var options = siteOptions.Read(parse);
        if (siteOptions.Validate(options) is { } usage) return Cli.UsageError(usage);
        var quiet = parse.GetValue(siteOptions.Quiet);
        var progress = verbose && !quiet ? (Action<string>)(line => Console.Error.WriteLine("  " + line)) : null;
        BuildResult result;
        try
        {
            result = await SiteBuilder.BuildAsync(options with { Progress = progress ?? LongBuildProgress(quiet) }, token);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("build cancelled; nothing was written");
            return Cli.Failed;
        }
        Cli.Report(result.Diagnostics, quiet);
        if (result.UsageError) return Cli.Usage;
        if (verbose && !quiet)
        {
            PrintTimings(result);
            // Where the memory went: allocation volume and collections explain a peak far above the live heap.
            var gc = GC.GetGCMemoryInfo(GCKind.Any);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  GC: {GC.GetTotalAllocatedBytes() / 1048576.0:0} MiB allocated; {GC.CollectionCount(0)} gen0, {GC.CollectionCount(1)} gen1, {GC.CollectionCount(2)} gen2 collections; heap {gc.HeapSizeBytes / 1048576.0:0} MiB, committed {gc.TotalCommittedBytes / 1048576.0:0} MiB, paused {GC.GetTotalPauseDuration().TotalMilliseconds:0} ms (the last full collection {GC.GetGCMemoryInfo(GCKind.FullBlocking).PauseDurations[0].TotalMilliseconds:0} ms)"));
        }
        var inv = CultureInfo.InvariantCulture;
        var warnings = result.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);
        var errors = result.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        if (!result.Success)
        {
            var why = errors > 0 ? $"{errors} error(s)" : $"{warnings} warning(s) under --strict";
            Console.Error.WriteLine(result.PreviousSiteKept
                ? $"build failed: {why}; nothing was written, the previous site is unchanged"
                : $"build failed: {why}; the previous site could not be fully put back (see above)");
            return Cli.Failed;
        }
        if (!quiet)
        {
            var c = result.Commit!;
            var output = Path.GetRelativePath(Directory.GetCurrentDirectory(), result.OutputDirectory);
            Console.Out.WriteLine(string.Create(inv,
                $"Built {result.Files:N0} files ({result.Pages:N0} pages) in {result.Elapsed.TotalSeconds:0.00} s: {c.Written:N0} written, {c.Unchanged:N0} unchanged, {c.Removed:N0} removed; {warnings} warning(s) -> {output}/"));
            foreach (var kept in c.Kept)
            {
                Console.Out.WriteLine($"kept {kept}: an earlier build wrote it and it was changed since, so it was not deleted");
            }
        }
        return Cli.Ok;
    }

    /// <summary>What <c>--verbose</c> prints after a build (and serve after each rebuild): its slowest steps.</summary>
    internal static void PrintTimings(BuildResult result)
    {
        foreach (var (step, time) in result.Timings.Where(t => t.Key.Count(c => c == '/') == 2 && t.Value.TotalMilliseconds >= 5).OrderByDescending(t => t.Value))
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {time.TotalMilliseconds,8:0} ms  {step}"));
        }
    }

    // Long builds say what they are doing; short ones stay quiet until the summary.
    private static Action<string>? LongBuildProgress(bool quiet)
    {
        if (quiet) return null;
        var started = DateTime.UtcNow;
        return line =>
        {
            if (DateTime.UtcNow - started > TimeSpan.FromSeconds(1.5)) Console.Error.WriteLine("  " + line);
        };
    }
}
