using System.Diagnostics;
using System.Reflection;
using PortfolioGen.Markdown;
using PortfolioGen.Output;
using PortfolioGen.Pipelines;
using PortfolioGen.Profiles;
using PortfolioGen.Themes;

namespace PortfolioGen.Site;

/// <summary>What to build; everything not given comes from <c>content/site.yml</c>, then from defaults.</summary>
public sealed record BuildOptions
{
    /// <summary>The site folder (holding content/, seeds/, themes/); the current folder by default.</summary>
    public string SiteRoot { get; init; } = Directory.GetCurrentDirectory();
    /// <summary>The profile file (default: site.yml's <c>profile</c>, else the single <c>seeds/*.txt</c>).</summary>
    public string? Profile { get; init; }
    /// <summary>The content folder (default: <c>content</c>).</summary>
    public string? Content { get; init; }
    /// <summary>A theme name or folder (default: site.yml's <c>theme</c>, else <c>default</c>).</summary>
    public string? Theme { get; init; }
    /// <summary>The output folder (default: <c>_site</c>).</summary>
    public string? Output { get; init; }
    /// <summary>The base URL (default: site.yml's <c>base_url</c>).</summary>
    public string? BaseUrl { get; init; }
    /// <summary>Whether warnings fail the build.</summary>
    public bool Strict { get; init; }
    /// <summary>How many things run at once (default: all cores).</summary>
    public int? MaxParallelism { get; init; }
    /// <summary>Receives progress lines (what was read, each pipeline as it finishes).</summary>
    public Action<string>? Progress { get; init; }
}

/// <summary>
/// What successive builds of one site share (in <c>serve</c>): rendered pages and link scans, keyed by the
/// fingerprints of their inputs, so a rebuild renders and parses only what changed. Disposing it stops the watch on
/// the output folder (see <see cref="Output.OutputWatch"/>).
/// </summary>
public sealed class BuildSession : IDisposable
{
    /// <summary>Rendered pages by destination and model fingerprint.</summary>
    public RenderCache Renders { get; } = new();

    /// <summary>Link scans by destination and HTML.</summary>
    public Modules.LinkScanCache Links { get; } = new();

    /// <summary>The link check's results per page, and what they depend on, so a rebuild checks only what could have changed.</summary>
    public Modules.LinkCheckMemo LinkChecks { get; } = new();

    /// <summary>Values kept while their inputs stay the same (the collaboration graph).</summary>
    public SessionMemo Memo { get; } = new();

    /// <summary>The profile's entries as last read, so a rebuild reads only the entries that changed.</summary>
    public Profiles.ProfileParseCache Profile { get; } = new();

    /// <summary>The output folder's files as found after the last successful build (the serve session checks them while it waits).</summary>
    public Output.VerifiedOutput Output { get; } = new(watch: true);

    /// <summary>include_cached's partials, with the values of the variables each read.</summary>
    public Themes.PartialCache Partials { get; } = new();

    /// <summary>The outputs pages are rendered into, each grown to the pages it held (the home page's, a topic's).</summary>
    public Themes.PageOutputs PageOutputs { get; } = new();

    /// <summary>The last build's paper views, handed on to the next build where unchanged.</summary>
    public PaperViewMemo Views { get; } = new();

    /// <summary>Whole results of per-document chains (a paper's page, its citation files, a co-author's page), by their inputs.</summary>
    public DocumentCache Documents { get; } = new();

    /// <summary>Each paper's part of the feed, the search index and llms.txt.</summary>
    public EntryMemo Entries { get; } = new();

    /// <summary>What the last sitemap was made from.</summary>
    public SitemapMemo Sitemap { get; } = new();

    /// <inheritdoc />
    public void Dispose() => Output.Dispose();
}

/// <summary>What a build did.</summary>
public sealed record BuildResult
{
    /// <summary>Whether the site was written.</summary>
    public bool Success { get; init; }
    /// <summary>Every problem, sorted.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = [];
    /// <summary>The output folder (full path).</summary>
    public string OutputDirectory { get; init; } = "";
    /// <summary>
    /// After a failed build, whether the output folder is exactly as the build found it (false only when undoing what
    /// the build had written failed too, as on a full disk; a <see cref="DiagnosticCodes.OutputWriteFailed"/> error says what).
    /// </summary>
    public bool PreviousSiteKept { get; init; } = true;
    /// <summary>Files the site has (pages and others).</summary>
    public int Files { get; init; }
    /// <summary>HTML pages the site has.</summary>
    public int Pages { get; init; }
    /// <summary>The commit: written, unchanged, removed, kept.</summary>
    public CommitResult? Commit { get; init; }
    /// <summary>How long it took.</summary>
    public TimeSpan Elapsed { get; init; }
    /// <summary>Time per pipeline phase.</summary>
    public IReadOnlyDictionary<string, TimeSpan> Timings { get; init; } = new Dictionary<string, TimeSpan>();
    /// <summary>Every published document, for tools that look at the output in memory (serve, tests).</summary>
    public IReadOnlyList<Document> Documents { get; init; } = [];
    /// <summary>Whether the failure was a usage problem (a missing folder or file named on the command line).</summary>
    public bool UsageError { get; init; }
    /// <summary>In a session: the pages rendered by this build (the others were reused).</summary>
    public IReadOnlyList<string> Rendered { get; init; } = [];
    /// <summary>In a session: how many pages were reused without rendering.</summary>
    public int Reused { get; init; }
    /// <summary>Social cards drawn by this build (the others came from the card cache, see <see cref="SocialCardCache"/>).</summary>
    public int CardsDrawn { get; init; }
    /// <summary>Social cards this build found already drawn in the card cache.</summary>
    public int CardsReused { get; init; }
    /// <summary>The theme's assets by name, with their fingerprinted paths (serve swaps stylesheets with them).</summary>
    public IReadOnlyDictionary<string, string> AssetPaths { get; init; } = new Dictionary<string, string>();
    /// <summary>The site's base path (<c>/</c> or <c>/portfolio/</c>).</summary>
    public string BasePath { get; init; } = "/";
    /// <summary>The input files and folders the build read (profile, content, theme folders), for watching.</summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];
    /// <summary>Each paper's slug, in the profile's order (serve finds the pages a title edit moved with them).</summary>
    public IReadOnlyList<string> PaperSlugs { get; init; } = [];
}

/// <summary>Pages rendered ahead of a rebuild (see <see cref="SiteBuilder.RenderAheadAsync"/>).</summary>
/// <param name="Pages">Each page's bytes, by destination.</param>
/// <param name="Diagnostics">What reading the inputs and making the pages reported (the rebuild reports it again).</param>
/// <param name="AssetPaths">The theme's assets by name with their fingerprinted paths, as the pages link them.</param>
/// <param name="Moves">Wanted pages whose paper's page moved (a title edit changed its slug), old destination to new; the
/// new pages are among <paramref name="Pages"/>.</param>
public sealed record RenderedAhead(IReadOnlyDictionary<string, byte[]> Pages, IReadOnlyList<Diagnostic> Diagnostics,
    IReadOnlyDictionary<string, string> AssetPaths, IReadOnlyDictionary<string, string> Moves)
{
    /// <summary>Nothing rendered ahead, with what was reported.</summary>
    public static RenderedAhead None(IReadOnlyList<Diagnostic> diagnostics, IReadOnlyDictionary<string, string>? assetPaths = null)
        => new(new Dictionary<string, byte[]>(), diagnostics, assetPaths ?? new Dictionary<string, string>(), new Dictionary<string, string>());
}

/// <summary>Builds a site: reads settings, profile and theme, runs the pipelines, writes safely.</summary>
public static class SiteBuilder
{
    /// <summary>The generator's name and version.</summary>
    public static string Generator { get; } = "PortfolioGen " + (typeof(SiteBuilder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0");

    /// <summary>Builds once.</summary>
    public static Task<BuildResult> BuildAsync(BuildOptions options, CancellationToken cancellationToken = default)
        => BuildAsync(options, null, cancellationToken);

    /// <summary>Builds once, reusing what <paramref name="session"/> remembers from earlier builds.</summary>
    public static async Task<BuildResult> BuildAsync(BuildOptions options, BuildSession? session, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var diagnostics = new List<Diagnostic>();
        var site = Prepare(options, session?.Profile, session?.Partials, session?.PageOutputs, diagnostics);
        if (site is null || diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            diagnostics.Sort(Diagnostic.Compare);
            return new BuildResult
            {
                Diagnostics = diagnostics,
                Elapsed = watch.Elapsed,
                OutputDirectory = site?.OutputDirectory ?? "",
                UsageError = diagnostics.Any(d => d.Code is DiagnosticCodes.OutputRefused or DiagnosticCodes.FileNotReadable or DiagnosticCodes.ThemeNotFound),
            };
        }
        var output = new OutputFolder(site.OutputDirectory, session?.Output);
        options.Progress?.Invoke(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"read {site.ProfileFile}: {site.Profile.Papers.Length:N0} papers, {site.Profile.CoAuthors.Length:N0} co-authors ({watch.Elapsed.TotalSeconds:0.00} s)"));
        // Where each theme in use was found (the default one travels inside the tool): a theme author copies files from there.
        options.Progress?.Invoke($"theme {site.Theme.Name}: {string.Join(" extends ", site.Theme.Roots)}");
        var engine = new Engine();
        var pipelines = SitePipelines.All(site);
        foreach (var pipeline in pipelines) engine.Add(pipeline);
        engine.AddService(site).AddService(new TemplateModel(site, session?.Memo)).AddService(site.Templates).AddService(site.Markdown).AddService(output)
            .AddService(new SiteChecker(site.Urls.BasePath, d => SitePipelines.OutputDisplay(site, d)));
        using var cards = new SocialCardCache(SocialCardCache.DirectoryFor(site.Root), site.Theme.FontFiles);
        engine.AddService(cards);
        if (session is not null)
        {
            session.Renders.BeginBuild();
            // Partials depend on the templates and, through url and abs_url, on the site's URLs.
            session.Partials.BeginBuild(string.Join("\0", site.Theme.Fingerprint, site.Urls.BaseUrl?.ToString() ?? "", site.Urls.BasePath));
            session.Documents.BeginBuild(ctx => BuildEnvironment(site, ctx));
            session.Entries.BeginBuild();
            engine.AddService(session.Renders).AddService(session.Links).AddService(session.Documents).AddService(session.Views)
                .AddService(session.LinkChecks).AddService(session.Entries).AddService(session.Sitemap);
        }

        var bag = new DiagnosticBag();
        bag.AddRange(diagnostics);
        EngineResult result;
        try
        {
            result = await engine.ExecuteAsync(new EngineOptions
        {
            WarningsAreErrors = options.Strict,
            MaxParallelism = options.MaxParallelism ?? Environment.ProcessorCount,
            PhaseCompleted = options.Progress is { } progress
                ? (name, phase, count, elapsed) => progress(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{name,-12} {phase,-11} {count,7:N0} documents  {elapsed.TotalSeconds,6:0.00} s"))
                : null,
            }, bag, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _ = output.Abort();
            throw;
        }

        session?.Entries.EndBuild();
        var publishing = pipelines.Where(p => p.Publishes).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var published = result.Outputs.Where(o => publishing.Contains(o.Key)).SelectMany(o => o.Value).ToList();
        CommitResult? commit = null;
        var reported = result.Diagnostics;
        var success = result.Wrote;
        var kept = true;
        if (result.Wrote)
        {
            var committing = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                commit = output.Commit();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The manifest could not be saved (a full disk, a folder without write permission): the build failed.
                success = false;
                (reported, kept) = Aborted(output, site.Show(site.OutputDirectory), reported, $"the site could not be written: {e.Message}");
            }
            catch
            {
                // Anything else is a bug, reported as such; the previous site is put back all the same.
                _ = output.Abort();
                throw;
            }
            if (commit is not null)
            {
                session?.Documents.EndBuild();
                session?.Output.Committed(output);
                options.Progress?.Invoke(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"committed: {commit.Written:N0} written, {commit.Removed:N0} removed, manifest of {output.Committed.Count():N0} files saved ({committing.Elapsed.TotalSeconds:0.00} s)"));
            }
        }
        else
        {
            // Nothing of this build reaches the site: the staged files go, and any it had put in place are put back.
            (reported, kept) = Aborted(output, site.Show(site.OutputDirectory), reported, null);
        }
        return new BuildResult
        {
            Success = success,
            PreviousSiteKept = kept,
            Diagnostics = reported,
            OutputDirectory = site.OutputDirectory,
            Files = published.Count,
            Pages = published.Count(d => d.Destination.EndsWith(".html", StringComparison.Ordinal)),
            Commit = commit,
            Elapsed = watch.Elapsed,
            Timings = result.Timings,
            Documents = published,
            Rendered = session?.Renders.Rendered ?? [],
            CardsDrawn = cards.Drawn,
            CardsReused = cards.Reused,
            Reused = (session?.Renders.Reused ?? 0) + (session?.Documents.PageHits ?? 0),
            AssetPaths = AssetPaths(site),
            BasePath = site.Urls.BasePath,
            Inputs = [Path.GetFullPath(Path.Combine(site.Root, site.ProfileFile)), site.ContentDirectory, .. site.Theme.Roots],
            PaperSlugs = PaperSlugs(site),
        };
    }

    // Undoes a failed build's writes; the diagnostics gain what failed (`failure`) and what could not be undone.
    private static (IReadOnlyList<Diagnostic> Diagnostics, bool Kept) Aborted(OutputFolder output, string shown, IReadOnlyList<Diagnostic> diagnostics, string? failure)
    {
        var problems = output.Abort();
        var added = new List<Diagnostic>();
        if (failure is not null)
        {
            added.Add(Diagnostic.Error(DiagnosticCodes.OutputWriteFailed, shown, 0, 0,
                problems.Count == 0 ? failure + "; the previous site was put back" : failure));
        }
        if (problems.Count > 0)
        {
            added.Add(Diagnostic.Error(DiagnosticCodes.OutputWriteFailed, shown, 0, 0,
                $"the previous site could not be fully put back ({string.Join("; ", problems.Take(3))}{(problems.Count > 3 ? $"; and {problems.Count - 3} more" : "")}): build again once the cause is fixed"));
        }
        return added.Count == 0 ? (diagnostics, true) : ([.. diagnostics, .. added], problems.Count == 0);
    }

    /// <summary>
    /// Renders some paper pages as the next build will make them, without writing anything to the site: <c>serve</c>
    /// shows the pages open in a browser this way while it rebuilds the whole site (as Hugo's fast render mode does).
    /// The profile is read (through the session's cache, which the rebuild then finds filled), and the pages are made
    /// by the same pipelines and modules as in a build, with a <see cref="Modules.PageFocus"/>: every paper's view and
    /// citation key are made (a key depends on the others; the session's <see cref="PaperViewMemo"/> hands on unchanged
    /// views), then only the wanted pages are rendered, and staged in a scratch folder that is deleted before this
    /// returns. Returns the pages by destination; none when the inputs
    /// have errors (the rebuild reports them) or when no wanted destination is a paper's page.
    /// With <paramref name="previousPapers"/> (the last build's <see cref="BuildResult.PaperSlugs"/>), a wanted page
    /// whose paper a title edit moved to another slug is rendered at its new place (see <see cref="Serving.PageMoves"/>),
    /// and the move is returned with it.
    /// </summary>
    public static async Task<RenderedAhead> RenderAheadAsync(BuildOptions options, BuildSession session, IReadOnlySet<string> destinations,
        IReadOnlyList<string>? previousPapers = null, CancellationToken cancellationToken = default)
    {
        var diagnostics = new List<Diagnostic>();
        // No partial cache: its entries are keyed for the build that began it, and a template may have changed since. No
        // document cache either: the page is made, not looked up.
        var site = Prepare(options, session.Profile, partials: null, session.PageOutputs, diagnostics);
        if (site is null || diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error)) return RenderedAhead.None(diagnostics);
        var assets = AssetPaths(site);
        IReadOnlyDictionary<string, string> moves = new Dictionary<string, string>();
        var bySlug = site.PaperBySlug;
        if (previousPapers is not null && destinations.Any(d => SiteUrls.PaperSlugOf(d) is { } slug && !bySlug.ContainsKey(slug)))
        {
            moves = Serving.PageMoves.Find(previousPapers, PaperSlugs(site), bySlug.ContainsKey)
                .Select(m => KeyValuePair.Create(SiteUrls.PaperPage(m.Key), SiteUrls.PaperPage(m.Value)))
                .Where(m => destinations.Contains(m.Key)).ToDictionary(StringComparer.Ordinal);
            if (moves.Count > 0) destinations = destinations.Concat(moves.Values).ToHashSet(StringComparer.Ordinal);
        }
        var scratch = Directory.CreateTempSubdirectory("portfoliogen-ahead-").FullName;
        try
        {
            var engine = new Engine().Add(new SitePipelines.Content(site)).Add(new SitePipelines.Papers(site));
            engine.AddService(site).AddService(new TemplateModel(site)).AddService(site.Templates).AddService(site.Markdown)
                .AddService(new OutputFolder(scratch)).AddService(new Modules.PageFocus(destinations))
                // The last build's views: an unchanged paper keeps its view object, and with it its citation key's parts
                // (making the 10,000 natural keys again took ~70 ms). The rebuild then finds these views in the memo.
                .AddService(session.Views);
            var bag = new DiagnosticBag();
            bag.AddRange(diagnostics);
            var result = await engine.ExecuteAsync(new EngineOptions { MaxParallelism = options.MaxParallelism ?? Environment.ProcessorCount },
                bag, cancellationToken).ConfigureAwait(false);
            if (!result.Wrote) return RenderedAhead.None(result.Diagnostics, assets);
            var pages = result.Outputs[nameof(SitePipelines.Papers)].ToDictionary(d => d.Destination, d => d.Content.GetBytes().ToArray(), StringComparer.Ordinal);
            return new RenderedAhead(pages, result.Diagnostics, assets, moves);
        }
        finally
        {
            // A scratch folder left behind must not hide what went wrong above.
            try
            {
                Directory.Delete(scratch, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
    }

    // Each paper's slug, in the profile's order.
    private static string[] PaperSlugs(SiteContext site) => [.. site.Profile.Papers.Select(p => p.Slug)];

    // The theme's assets by name, with the fingerprinted paths pages link them by.
    private static Dictionary<string, string> AssetPaths(SiteContext site)
        => site.Theme.Assets.ToDictionary(a => a.Key, a => a.Value.OutputPath, StringComparer.Ordinal);

    // What every cached document may depend on besides its own inputs: the theme (templates, assets, fonts), site.yml,
    // the generator, the output folder (messages name it) and the `site` object every page sees (owner, navigation,
    // counts). When it changes, a serve rebuild makes every document again.
    private static UInt128 BuildEnvironment(SiteContext site, IExecutionContext context)
    {
        // The site.yml the build's settings were read from, not the file as it is now: one saved since (while this build
        // runs) must count as a change for the next build, which it triggers.
        var label = string.Join("\0", [site.Theme.Fingerprint, site.Generator, site.OutputDirectory, site.Urls.BaseUrl?.ToString() ?? "",
            site.SettingsText ?? "", .. site.Theme.FontFiles]);
        return ModelFingerprint.Combine(label, ModelFingerprint.Of(context.GetService<TemplateModel>().Site(context)));
    }

    /// <summary>
    /// The path the site is served under, as the settings give it (<c>--base-url</c>, else site.yml's <c>base_url</c>,
    /// else <c>/</c>), read without building: <c>serve</c> serves there when its first build fails and gives none.
    /// </summary>
    public static string BasePathOf(BuildOptions options)
    {
        Uri? baseUrl = null;
        if (options.BaseUrl is { } cliBase)
        {
            if (SettingsReader.TryParseBaseUrl(cliBase, out var parsed)) baseUrl = parsed;
        }
        else
        {
            // Its problems are the build's to report.
            baseUrl = SettingsReader.ReadQuietly(Path.Combine(Path.GetFullPath(options.SiteRoot), options.Content ?? "content", "site.yml"))?.BaseUrl;
        }
        return new SiteUrls(baseUrl).BasePath;
    }

    private static SiteContext? Prepare(BuildOptions options, ProfileParseCache? profileCache, PartialCache? partials, PageOutputs? outputs, List<Diagnostic> diagnostics)
    {
        var root = Path.GetFullPath(options.SiteRoot);
        string Show(string full)
        {
            var relative = Path.GetRelativePath(root, full);
            return relative.StartsWith("..", StringComparison.Ordinal) ? full : relative.Replace('\\', '/');
        }

        var contentDir = Path.GetFullPath(Path.Combine(root, options.Content ?? "content"));
        if (options.Content is not null && !Directory.Exists(contentDir))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.FileNotReadable, options.Content, 0, 0,
                File.Exists(contentDir) ? "this is a file, not the content folder" : "the content folder does not exist"));
            return null;
        }
        // Run inside content/ (site.yml here, and neither content/ nor seeds/ below): the build looked for
        // content/content/site.yml and seeds/ there, and its messages named files that do not exist.
        if (options.Content is null && options.Profile is null && !Directory.Exists(contentDir) && File.Exists(Path.Combine(root, "site.yml"))
            && !Directory.Exists(Path.Combine(root, "seeds")))
        {
            var up = string.Equals(Path.GetFileName(root), "content", StringComparison.Ordinal) ? ", one up (cd ..)" : " (the one that holds content/ and seeds/)";
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.FileNotReadable, "site.yml", 0, 0,
                $"this looks like a site's content folder (site.yml is here, with no content/ or seeds/ folder): run portfoliogen in the site's folder{up}"));
            return null;
        }
        var settingsFile = Path.Combine(contentDir, "site.yml");
        string? settingsText;
        try
        {
            settingsText = File.Exists(settingsFile) ? Text.UnicodeText.ReadFile(settingsFile, Show(settingsFile), diagnostics) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.FileNotReadable, Show(settingsFile), 0, 0, "site.yml cannot be read: " + e.Message));
            return null;
        }
        var settings = settingsText is null ? new SiteSettings() : SettingsReader.Read(settingsText, Show(settingsFile), diagnostics);

        Uri? baseUrl = settings.BaseUrl;
        if (options.BaseUrl is { } cliBase)
        {
            if (SettingsReader.TryParseBaseUrl(cliBase, out var parsed)) baseUrl = parsed;
            else diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SettingsInvalidValue, "--base-url", 0, 0, $"'{cliBase}' is not an absolute http or https URL"));
        }
        // Not when the settings have errors: a base_url that did not parse (or a file that did not) is already one.
        if (baseUrl is null && !diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error && (d.File == Show(settingsFile) || d.File == "--base-url")))
        {
            diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.SettingsMissingBaseUrl, Show(settingsFile), 0, 0,
                (settingsText is null ? $"no base URL (there is no {Show(settingsFile)}: create it with base_url, or pass --base-url)" : "no base URL (set base_url in site.yml or pass --base-url)") + ": links are root-relative, pages have no canonical URL, and there is no feed.xml, sitemap.xml or social cards (they need absolute URLs)"));
        }

        // The profile: the option, else site.yml, else the only profile in seeds/.
        string? profilePath = options.Profile is { } p ? Path.GetFullPath(Path.Combine(root, p))
            : settings.Profile is { } sp ? Path.GetFullPath(Path.Combine(root, sp)) : null;
        if (profilePath is null)
        {
            var seeds = Path.Combine(root, "seeds");
            var candidates = Directory.Exists(seeds) ? Directory.GetFiles(seeds, "*.txt").Order(StringComparer.Ordinal).ToArray() : [];
            if (candidates.Length == 1) profilePath = candidates[0];
            else
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.FileNotReadable, Show(seeds), 0, 0, candidates.Length == 0
                    ? "no profile found: put one in seeds/, set 'profile' in content/site.yml, or pass --profile FILE"
                    : $"seeds/ holds {candidates.Length} profiles; choose one with 'profile' in content/site.yml or --profile FILE"));
                return null;
            }
        }
        // The theme is loaded, and its renderer made, while the profile is read: neither needs the other, and making
        // the renderer runs Scriban's builtins' static constructor (~10 ms, once per process).
        var urls = new SiteUrls(baseUrl);
        var themeSetting = options.Theme ?? settings.Theme;
        var themeDiagnostics = new List<Diagnostic>();
        var loading = Task.Run(() =>
        {
            var dir = Theme.Locate(themeSetting, root, out var searched);
            var loaded = dir is null ? null : Theme.Load(dir, root, themeDiagnostics);
            return (Dir: dir, Searched: searched, Theme: loaded, Templates: loaded is null ? null : new TemplateRenderer(loaded, urls, root, partials, outputs));
        });

        var parsed2 = ProfileParser.ParseFile(profilePath, new ProfileParseOptions { OwnerAliases = settings.Owner.Aliases, Cache = profileCache }, Show(profilePath));
        // Waited for even when the profile failed: nothing of the build may still run when it returns.
        var (themeDir, searched, theme, templates) = loading.GetAwaiter().GetResult();
        diagnostics.AddRange(parsed2.Diagnostics);
        if (parsed2.Profile is null) return null;

        if (themeDir is null)
        {
            var (line, column) = options.Theme is null ? settings.ThemeAt : (0, 0);
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ThemeNotFound, options.Theme is null ? Show(settingsFile) : "--theme", line, column,
                $"the theme '{themeSetting}' was not found (looked in {string.Join(", ", searched.Select(Show))})"));
            return null;
        }
        diagnostics.AddRange(themeDiagnostics);
        if (theme is null) return null;

        var outputDir = Path.GetFullPath(Path.Combine(root, options.Output ?? "_site"));
        var inputs = new List<(string, string)> { ("content", contentDir), ("seeds", Path.Combine(root, "seeds")), ("themes", Path.Combine(root, "themes")), ("profile's", Path.GetDirectoryName(profilePath)!) };
        inputs.AddRange(theme.Roots.Select(r => ("theme", r)));
        if (OutputFolder.Refusal(outputDir, root, inputs) is { } refusal)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.OutputRefused, options.Output ?? "_site", 0, 0, refusal));
            return null;
        }
        if (File.Exists(outputDir))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.OutputRefused, options.Output ?? "_site", 0, 0, "the output path is a file, not a folder"));
            return null;
        }
        if (OutputFolder.CannotWrite(outputDir, show: Show) is { } cannot)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.OutputRefused, options.Output ?? "_site", 0, 0, cannot));
            return null;
        }

        return new SiteContext
        {
            Root = root,
            ContentDirectory = contentDir,
            OutputDirectory = outputDir,
            ProfileFile = Show(profilePath),
            Settings = settings with { BaseUrl = baseUrl },
            SettingsText = settingsText,
            Profile = TopicNames.Distinguish(parsed2.Profile),
            Theme = theme,
            Urls = urls,
            Markdown = new MarkdownRenderer(urls.BasePath, settings.MarkdownRawHtml),
            Templates = templates!,
            Generator = Generator,
        };
    }
}
