using System.Diagnostics;
using System.Globalization;
using PortfolioGen.Site;

namespace PortfolioGen.Serving;

/// <summary>
/// One <c>serve</c> session: builds, then rebuilds when inputs change — one rebuild at a time, changes
/// that arrive meanwhile coalesced into the next — and tells open pages what to do. A failed rebuild
/// leaves the last good site on disk (builds write nothing on failure) and shows its errors on the pages.
/// </summary>
public sealed class PreviewSession : IDisposable
{
    private readonly BuildOptions _options;
    private readonly BuildSession _session = new();
    private readonly SemaphoreSlim _building = new(1, 1);
    // The changes seen and not yet rebuilt, and the loop that rebuilds them.
    private readonly RebuildQueue _queue;
    private IReadOnlyDictionary<string, string> _assets = new Dictionary<string, string>();
    private SiteWatcher? _watcher;
    // The last good build's papers' slugs in the profile's order, to find the pages a title edit moves (see PageMoves).
    private IReadOnlyList<string> _paperSlugs = [];
    // The moves shown ahead of the running rebuild (old destination to new) and the base path of their URLs, until it
    // ends: a browser sent to a new place goes back if the rebuild fails, or on to where the rebuild put the paper.
    private IReadOnlyDictionary<string, string> _aheadMoves = new Dictionary<string, string>();
    private string _aheadBase = "/";

    /// <summary>
    /// Creates a session over a site. With <paramref name="deferCollections"/> (the serve command's choice) rebuilds
    /// run in a <see cref="CollectionWindow"/>: the collector waits until the site is written. Failed rebuilds are
    /// reported to <paramref name="logErrors"/> (serve's <c>--quiet</c> still prints them), by default to <paramref name="log"/>.
    /// </summary>
    public PreviewSession(BuildOptions options, LiveReload liveReload, Action<string> log, bool deferCollections = false, Action<string>? logErrors = null)
    {
        _options = options;
        LiveReload = liveReload;
        Log = log;
        LogErrors = logErrors ?? log;
        _deferCollections = deferCollections;
        _queue = new RebuildQueue(RebuildLoop);
    }

    private readonly bool _deferCollections;

    /// <summary>The live-reload hub.</summary>
    public LiveReload LiveReload { get; }

    /// <summary>Where the session reports what it does.</summary>
    public Action<string> Log { get; }

    /// <summary>Where the session reports rebuilds that failed.</summary>
    public Action<string> LogErrors { get; }

    // The warnings (and notes) of the last good build, as build prints them; a rebuild logs its own only when they differ.
    private IReadOnlyList<string> _warnings = [];

    /// <summary>The last build's result.</summary>
    public BuildResult? Last { get; private set; }

    /// <summary>How many builds finished (successful or not).</summary>
    public int Builds { get; private set; }

    /// <summary>Raised after every build, with its result.</summary>
    public event Action<BuildResult>? Built;

    /// <summary>
    /// Raised after a build wrote the site, before open pages are told to reload: serve moves the preview to the
    /// build's base path here, so that a page reloaded at the old place finds the site's new one.
    /// </summary>
    public event Action<BuildResult>? Written;

    /// <summary>Builds the site (the first build of the session).</summary>
    public async Task<BuildResult> BuildAsync(CancellationToken cancellationToken = default)
    {
        await _building.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var allocated = GC.GetTotalAllocatedBytes();
            var result = await SiteBuilder.BuildAsync(_options, _session, cancellationToken).ConfigureAwait(false);
            Finish(result, changed: [], first: true);
            // Watching began before this build (see Watch); it now covers what the build read, too.
            _watcher?.Add(result.Inputs);
            Tidy(GC.GetTotalAllocatedBytes() - allocated);
            return result;
        }
        finally
        {
            _building.Release();
        }
    }

    /// <summary>
    /// Starts watching the site's inputs: the usual folders and the profile, and the inputs of the last build. Serve
    /// calls it before its first build, so that a file saved while that build runs is rebuilt too; the first build
    /// then adds what it read (a theme outside the site, say). Changes seen during a build wait for it to end.
    /// </summary>
    public void Watch(TimeSpan quiet)
    {
        var root = Path.GetFullPath(_options.SiteRoot);
        var paths = new List<string>(Last?.Inputs ?? [])
        {
            Path.Combine(root, _options.Content ?? "content"),
            Path.Combine(root, "seeds"),
            Path.Combine(root, "themes"),
        };
        if (_options.Profile is { } p) paths.Add(Path.Combine(root, p));
        var existing = paths.Where(p => Directory.Exists(p) || File.Exists(p));
        if (_watcher is not null)
        {
            _watcher.Add(existing);
            return;
        }
        var output = Path.GetFullPath(Path.Combine(root, _options.Output ?? "_site"));
        _watcher = new SiteWatcher(existing, output, quiet, changed => _ = Changed(changed));
    }

    /// <summary>Queues a rebuild for changed paths (the watcher calls this; tests may too).</summary>
    public Task Changed(IReadOnlyList<string> paths) => _queue.Add(paths, building: _building.CurrentCount == 0);

    private async Task RebuildLoop()
    {
        while (true)
        {
            if (_queue.Take() is not { } batch) return;
            var (changed, seen, behind) = batch;
            await _building.WaitAsync().ConfigureAwait(false);
            try
            {
                var allocated = GC.GetTotalAllocatedBytes();
                // The times logged run from the change seen (by the watcher, the moment its events went quiet) to the page
                // shown and to the site written, pages rendered ahead included, and so does any wait for the last build.
                var waited = behind ? Stopwatch.GetElapsedTime(seen) : TimeSpan.Zero;
                await RenderAhead(changed, seen, waited).ConfigureAwait(false);
                var result = await SiteBuilder.BuildAsync(_options, _session).ConfigureAwait(false);
                Finish(result, changed, first: false, Stopwatch.GetElapsedTime(seen), waited);
                Tidy(GC.GetTotalAllocatedBytes() - allocated);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                LogErrors($"rebuild failed: {e.Message}");
                WithdrawAhead();
                LiveReload.ShowError([e.Message]);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A bug, not bad input: said in full, and the session goes on watching (an exception left to the
                // loop's task would end it without a word, and no change would be rebuilt again).
                LogErrors($"rebuild failed with an internal error (please report it): {e}");
                WithdrawAhead();
                LiveReload.ShowError([$"internal error: {e.Message}"]);
            }
            finally
            {
                _building.Release();
            }
        }
    }

    // The paper pages open in a browser are rendered first, with the same pipelines (SiteBuilder.RenderAheadAsync), and
    // shown at once; the rest of the site follows. Hugo's server does the same for the pages being viewed (its "fast
    // render mode"). Only pages whose bytes change are shown; the rebuild then writes those same bytes, and the pages
    // are not reloaded a second time. A stylesheet edit is left to the stylesheet swap, and nothing is rendered ahead
    // after a failed build (the pages show its errors until a build succeeds). A page whose paper a title edit moved to
    // another slug is rendered at its new place, and the browser showing it is sent there.
    private async Task RenderAhead(IReadOnlyList<string> changed, long seen, TimeSpan waited)
    {
        if (Last is not { Success: true } last || LiveReload.CurrentState is not null
            || changed.All(c => c.EndsWith(".css", StringComparison.OrdinalIgnoreCase))) return;
        var open = LiveReload.Pages.Where(IsPaperPage).ToHashSet(StringComparer.Ordinal);
        if (open.Count == 0) return;
        try
        {
            var ahead = await SiteBuilder.RenderAheadAsync(_options, _session, open, _paperSlugs).ConfigureAwait(false);
            // A page that links a theme asset under a new name (an edited stylesheet, script or font) waits for the
            // rebuild: the asset is not in the site before it.
            if (ahead.AssetPaths.Count != last.AssetPaths.Count || ahead.AssetPaths.Any(a => !last.AssetPaths.TryGetValue(a.Key, out var path) || path != a.Value)) return;
            var shown = ahead.Pages.Where(p => !SameAsSite(last.OutputDirectory, p.Key, p.Value)).ToDictionary(StringComparer.Ordinal);
            if (shown.Count == 0) return;
            var moves = ahead.Moves.Where(m => shown.ContainsKey(m.Value)).ToDictionary(StringComparer.Ordinal);
            (_aheadMoves, _aheadBase) = (moves, last.BasePath);
            LiveReload.ShowAhead(shown, Urls(moves, last.BasePath));
            var from = Inverse(moves);
            Log(string.Create(CultureInfo.InvariantCulture,
                $"{Changes(changed)} changed: {string.Join(", ", shown.Keys.Order(StringComparer.Ordinal).Select(k => Folder(k) + (from.TryGetValue(k, out var old) ? $" (moved from {Folder(old)})" : "")))} shown in {Stopwatch.GetElapsedTime(seen).TotalMilliseconds:0} ms{Waited(waited)}; rebuilding the rest of the site"));
        }
        catch (Exception e)
        {
            // The rebuild itself goes on, whatever went wrong here (no token cancels this): it reports what is wrong with
            // the inputs, and this is only a head start.
            Log($"rendering the open pages ahead failed (the rebuild goes on): {e.Message}");
            WithdrawAhead();
        }
    }

    // A page's folder, as the log names it: papers/x/ for papers/x/index.html.
    private static string Folder(string destination) => destination[..^"index.html".Length];

    // Moves the other way: new destination to old.
    private static Dictionary<string, string> Inverse(IReadOnlyDictionary<string, string> moves)
        => moves.ToDictionary(m => m.Value, m => m.Key, StringComparer.Ordinal);

    // Moves by destination, as the URL paths the pages go to.
    private static Dictionary<string, string> Urls(IReadOnlyDictionary<string, string> moves, string basePath)
        => moves.ToDictionary(m => m.Key, m => basePath + SiteUrls.PathOf(m.Value), StringComparer.Ordinal);

    // A paper's page: papers/<slug>/index.html.
    private static bool IsPaperPage(string destination) => SiteUrls.PaperSlugOf(destination) is not null;

    private static bool SameAsSite(string output, string destination, byte[] bytes)
    {
        var file = Path.Combine(output, destination);
        try
        {
            return new FileInfo(file) is { Exists: true } info && info.Length == bytes.Length && File.ReadAllBytes(file).AsSpan().SequenceEqual(bytes);
        }
        catch (IOException)
        {
            return false;
        }
    }

    // A rebuild that failed after pages were shown ahead: those pages go back to the last good site (with its errors),
    // and a page sent to its new place goes back to the old one, which the site still has.
    private void WithdrawAhead()
    {
        var shown = LiveReload.EndAhead();
        var moves = _aheadMoves;
        _aheadMoves = new Dictionary<string, string>();
        if (moves.Count > 0) LiveReload.Redirect(Urls(Inverse(moves), _aheadBase));
        if (shown.Count > 0) LiveReload.Reload(page => page is not null && shown.ContainsKey(page));
    }

    private string Changes(IReadOnlyList<string> changed)
    {
        var root = Path.GetFullPath(_options.SiteRoot);
        return string.Join(", ", changed.Take(3).Select(c => Path.GetRelativePath(root, c))) + (changed.Count > 3 ? $" and {changed.Count - 3} more" : "");
    }

    // What the log adds when a change waited for the last rebuild (or its tidying) before its own could start.
    private static string Waited(TimeSpan waited)
        => waited.TotalMilliseconds >= 1 ? string.Create(CultureInfo.InvariantCulture, $" ({waited.TotalMilliseconds:0} ms of it waiting for the last rebuild)") : "";

    private void Finish(BuildResult result, IReadOnlyList<string> changed, bool first, TimeSpan? elapsed = null, TimeSpan waited = default)
    {
        Last = result;
        Builds++;
        var what = changed.Count == 0 ? "" : Changes(changed) + " changed: re";
        var ms = (elapsed ?? result.Elapsed).TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
        if (result.Success)
        {
            Written?.Invoke(result);
            var c = result.Commit!;
            var rendered = result.Rendered;
            Log(string.Create(CultureInfo.InvariantCulture,
                $"{what}built in {ms} ms{Waited(waited)}: {rendered.Count} page(s) rendered, {result.Reused} reused{(result.CardsDrawn > 0 ? $", {result.CardsDrawn} social card(s) drawn" : "")}; {c.Written} file(s) written, {c.Removed} removed")
                + (rendered.Count is > 0 and <= 12 && !first ? "\n    " + string.Join("\n    ", rendered) : ""));
            // The first build's warnings are the caller's to print (serve prints them as build does).
            var warnings = WarningsOf(result);
            if (!first && WarningChanges(_warnings, warnings) is { } news) Log(news);
            _warnings = warnings;
            var oldAssets = _assets;
            _assets = result.AssetPaths;
            // Pages a title edit moved (those shown ahead were sent to their new place already). A page shown ahead at a
            // new place that this build did not write (the profile was saved again meanwhile) sends its browsers on to
            // where the paper is now, or back to its old place.
            var moves = PageMoves.Find(_paperSlugs, result.PaperSlugs).ToDictionary(m => SiteUrls.PaperPage(m.Key), m => SiteUrls.PaperPage(m.Value), StringComparer.Ordinal);
            _paperSlugs = result.PaperSlugs;
            var stray = new Dictionary<string, string>(StringComparer.Ordinal);
            if (_aheadMoves.Count > 0)
            {
                var written = result.PaperSlugs.Select(SiteUrls.PaperPage).ToHashSet(StringComparer.Ordinal);
                foreach (var (old, ahead) in _aheadMoves)
                {
                    if (written.Contains(ahead)) continue;
                    if (moves.TryGetValue(old, out var now)) stray[ahead] = now;
                    else if (written.Contains(old)) stray[ahead] = old;
                }
            }
            _aheadMoves = new Dictionary<string, string>();
            LiveReload.Redirect(Urls(stray, result.BasePath));
            if (!first)
            {
                if (moves.Count > 0) LiveReload.Move(Urls(moves, result.BasePath));
                var shown = LiveReload.EndAhead();
                var map = StylesheetSwaps(changed, oldAssets, result);
                if (map is not null) LiveReload.SwapStylesheets(map);
                else if (shown.Count > 0 && LiveReload.CurrentState is null)
                {
                    // The pages shown ahead already show what the rebuild wrote; the others reload now.
                    LiveReload.Reload(page => page is null || !shown.TryGetValue(page, out var bytes) || !SameAsSite(result.OutputDirectory, page, bytes));
                }
                else if (c.Written > 0 || c.Removed > 0 || LiveReload.CurrentState is not null) LiveReload.Reload();
            }
        }
        else
        {
            WithdrawAhead();
            var errors = FailureDiagnostics(result, _options.Strict).Select(d => d.ToString()).ToList();
            LogErrors($"{what}build failed in {ms} ms; serving the last good site:\n    " + string.Join("\n    ", errors));
            LiveReload.ShowError(errors);
        }
        Built?.Invoke(result);
    }

    /// <summary>
    /// What the session reports of a failed build: its errors (under <c>--strict</c> its warnings too), or, when it has
    /// none of those, everything it found. The rest is the caller's to print, if it prints the first build's problems.
    /// </summary>
    public static IReadOnlyList<Diagnostic> FailureDiagnostics(BuildResult result, bool strict)
    {
        var failing = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error || (strict && d.Severity == DiagnosticSeverity.Warning)).ToList();
        return failing.Count > 0 ? failing : result.Diagnostics;
    }

    // A build's warnings and notes, each as build prints it (file(line,col): warning CODE: message), in its order.
    private static List<string> WarningsOf(BuildResult result)
        => [.. result.Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Error).Select(d => d.ToString()).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// What a rebuild logs about its warnings: those the last good build did not have, in full, and how many it had
    /// that are gone; null when they are the same. A warning that stays (a site without a base URL has one on every
    /// build) is printed once, not after every save, where it would bury the new one the save just caused.
    /// </summary>
    internal static string? WarningChanges(IReadOnlyList<string> before, IReadOnlyList<string> now)
    {
        var old = before.ToHashSet(StringComparer.Ordinal);
        var added = now.Where(w => !old.Contains(w)).ToList();
        var gone = before.Count - (now.Count - added.Count);
        if (added.Count == 0 && gone == 0) return null;
        var left = now.Count == 0 ? "no warnings now" : string.Create(CultureInfo.InvariantCulture, $"{now.Count} left");
        if (added.Count == 0) return string.Create(CultureInfo.InvariantCulture, $"{gone} warning(s) gone; {left}");
        var also = now.Count > added.Count ? string.Create(CultureInfo.InvariantCulture, $", {now.Count} in all") : "";
        var fixedToo = gone > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({gone} gone)") : "";
        return string.Create(CultureInfo.InvariantCulture, $"{added.Count} new warning(s){also}{fixedToo}:\n    ") + string.Join("\n    ", added);
    }

    // A build leaves its garbage behind, and a rebuild that had to collect it (a full collection of a big site's
    // heap takes a few hundred milliseconds) would keep the page waiting that long. So the session collects once
    // the site is written and the pages are told, while it waits for the next change: the next rebuild starts
    // with an empty young generation and seldom needs a full collection of its own.
    // The large-object heap is compacted too: each rebuild leaves large arrays of slightly different sizes (the home
    // page, the feed, the search index grow with every edit), and without compaction their holes added up to ~3 MB
    // of resident memory per rebuild at 1,000 papers (measured before arrays under 4 MB stayed in the small-object
    // heap; a big site's home page is still over that).
    private void Tidy(long allocated) => CollectAfterBuild(allocated, _deferCollections, _session);

    /// <summary>
    /// What the session does once a build is written and announced (benchmarks mirror serve with it): a full
    /// collection and, with deferred collections, a no-GC region as large as this build allocated for the next. First
    /// it checks the files the build left in the output folder (see <see cref="Output.VerifiedOutput"/>), so that the
    /// next rebuild need not, and it lets the profile's cache and the views' memo make what the next rebuild looks things
    /// up in (the profile's text made whole, the slugs' index, the entries and views by key).
    /// </summary>
    public static void CollectAfterBuild(long allocated, bool deferCollections, BuildSession? session = null)
    {
        // Verified while the rebuild's no-GC region still has room: its few megabytes need no collection of their own.
        session?.Output.Verify();
        // Made now, not when the next edit is read (see Profiles.ProfileParseCache.Settle, PaperViewMemo.Settle).
        session?.Profile.Settle();
        session?.Views.Settle();
        if (deferCollections) CollectionWindow.Close();
        CollectAfterRebuild(deferCollections ? CollectionWindow.KeepFor(allocated) : 0);
        if (deferCollections) CollectionWindow.Open(CollectionWindow.BudgetFor(allocated));
    }

    /// <summary>
    /// The full collection, compacting the large-object heap too. With server GC, memory the heap no longer uses is
    /// kept for the next rebuild up to <paramref name="keep"/> bytes, and all of it is given back past that.
    /// </summary>
    /// <remarks>
    /// Server GC (the CLI's) keeps the regions a collection frees and hands them back a little at each later
    /// collection, and a rebuild in a no-GC region makes none. An aggressive collection gives them all back at once,
    /// but then the next rebuild allocates its ~170 MB (10,000 papers) in fresh memory, and on a virtual machine that
    /// hands free pages back to its host each fresh page costs ~14 us to fault in: ~33,000 faults, about a third of the
    /// rebuild's CPU time (30 November 2026). Giving back only what is kept beyond twice the next rebuild's budget cut
    /// them to 0.1-10k; the server holds ~0.9 GB after abstract edits and up to ~1.6 GB after title edits at 10,000
    /// papers, against ~0.65 GB (without any bound it had risen from 1.1 to 1.8 GB over 20 edits). Giving back then
    /// takes two full collections rather than one, while the session is idle.
    /// </remarks>
    public static void CollectAfterRebuild(long keep = 0)
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        CollectAfterRebuild(keep, System.Runtime.GCSettings.IsServerGC, mode => GC.Collect(2, mode, blocking: true, compacting: true), () =>
        {
            var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
            return (info.TotalCommittedBytes, info.HeapSizeBytes);
        });
    }

    /// <summary>The collections <see cref="CollectAfterRebuild(long)"/> makes, given the kind of GC, a way to collect and the memory the last full collection left.</summary>
    internal static void CollectAfterRebuild(long keep, bool serverGC, Action<GCCollectionMode> collect, Func<(long Committed, long Heap)> memory)
    {
        if (!serverGC)
        {
            collect(GCCollectionMode.Forced);
            return;
        }
        if (keep > 0)
        {
            collect(GCCollectionMode.Forced);
            var (committed, heap) = memory();
            if (!CollectionWindow.GiveBack(committed, heap, keep)) return;
        }
        collect(GCCollectionMode.Aggressive);
    }

    // When only stylesheets changed, pages can swap them instead of reloading. The live-reload script finds a page's
    // <link> by its href as written, so both are the URLs the pages link assets by (the template's `asset`, SiteUrls.Url):
    // percent-encoded under the base path, /assets/my%20style.1a2b3c4d5e.css for assets/my style.css.
    private IReadOnlyDictionary<string, string>? StylesheetSwaps(IReadOnlyList<string> changed, IReadOnlyDictionary<string, string> oldAssets, BuildResult result)
    {
        if (changed.Count == 0 || !changed.All(c => c.EndsWith(".css", StringComparison.OrdinalIgnoreCase))) return null;
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, path) in result.AssetPaths)
        {
            if (!name.EndsWith(".css", StringComparison.OrdinalIgnoreCase)) continue;
            if (oldAssets.TryGetValue(name, out var old) && old != path)
                map[result.BasePath + SiteUrls.EncodePath(old)] = result.BasePath + SiteUrls.EncodePath(path);
        }
        return map.Count > 0 ? map : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _watcher?.Dispose();
        _session.Dispose();
        _building.Dispose();
        if (_deferCollections) CollectionWindow.Close();
    }
}
