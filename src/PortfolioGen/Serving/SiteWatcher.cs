namespace PortfolioGen.Serving;

/// <summary>
/// Watches the site's inputs (the profile, content/, the theme folders) and reports bursts of changes once,
/// after they have been quiet for a moment (an editor's save is often several events). Changes inside the
/// output folder, and editors' temporary files, are ignored.
/// </summary>
public sealed class SiteWatcher : IDisposable
{
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly Timer _timer;
    private readonly TimeSpan _quiet;
    private readonly string _output;
    private readonly Action<IReadOnlyList<string>> _changed;

    /// <summary>Starts watching.</summary>
    /// <param name="paths">Files and folders to watch.</param>
    /// <param name="output">The output folder (changes there are the build's own).</param>
    /// <param name="quiet">How long changes must stop before they are reported.</param>
    /// <param name="changed">Receives the changed paths (full paths, sorted).</param>
    public SiteWatcher(IEnumerable<string> paths, string output, TimeSpan quiet, Action<IReadOnlyList<string>> changed)
    {
        _quiet = quiet;
        _changed = changed;
        _output = Path.TrimEndingDirectorySeparator(Path.GetFullPath(output)) + Path.DirectorySeparatorChar;
        _timer = new Timer(_ => Flush(), null, Timeout.Infinite, Timeout.Infinite);
        Add(paths);
    }

    /// <summary>
    /// Watches more files and folders (serve starts watching before its first build, and adds what that build read,
    /// such as a theme outside the site). Paths already watched, or inside a watched folder, are skipped.
    /// </summary>
    public void Add(IEnumerable<string> paths)
    {
        lock (_gate)
        {
            foreach (var path in paths.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal))
            {
                if (IsWatched(path)) continue;
                FileSystemWatcher watcher;
                if (Directory.Exists(path))
                {
                    watcher = new FileSystemWatcher(path) { IncludeSubdirectories = true };
                }
                else if (Directory.Exists(Path.GetDirectoryName(path)))
                {
                    watcher = new FileSystemWatcher(Path.GetDirectoryName(path)!, Path.GetFileName(path));
                }
                else
                {
                    continue;
                }
                watcher.NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size;
                watcher.Changed += (_, e) => Note(e.FullPath);
                watcher.Created += (_, e) => Note(e.FullPath);
                watcher.Deleted += (_, e) => Note(e.FullPath);
                watcher.Renamed += (_, e) => { Note(e.OldFullPath); Note(e.FullPath); };
                watcher.EnableRaisingEvents = true;
                _watchers.Add(watcher);
            }
        }
    }

    private bool IsWatched(string path) => _watchers.Any(w => w.Filter is "*" or ""
        ? path == w.Path || path.StartsWith(Path.TrimEndingDirectorySeparator(w.Path) + Path.DirectorySeparatorChar, StringComparison.Ordinal)
        : path == Path.Combine(w.Path, w.Filter));

    /// <summary>The folders and files being watched.</summary>
    public IReadOnlyList<string> Watched
    {
        get
        {
            lock (_gate) return [.. _watchers.Select(w => w.Filter is "*" or "" ? w.Path : Path.Combine(w.Path, w.Filter))];
        }
    }

    /// <summary>Whether a path is a change worth rebuilding for.</summary>
    public bool IsRelevant(string fullPath)
    {
        if (fullPath.StartsWith(_output, StringComparison.Ordinal)) return false;
        var name = Path.GetFileName(fullPath);
        if (name.Length == 0) return false;
        // Editors' swap, backup and temporary files, and the one `sed -i` writes before renaming it over the file it edits.
        if (name.StartsWith(".#", StringComparison.Ordinal) || name.EndsWith('~') || name.EndsWith(".swp", StringComparison.Ordinal)
            || name.EndsWith(".swx", StringComparison.Ordinal) || name.EndsWith(".tmp", StringComparison.Ordinal) || name == "4913"
            || IsSedTemporary(name)) return false;
        return true;
    }

    // GNU sed -i: "sed" and six letters or digits (mkostemp's XXXXXX), no extension.
    private static bool IsSedTemporary(string name)
        => name.Length == 9 && name.StartsWith("sed", StringComparison.Ordinal) && !name.AsSpan(3).ContainsAnyExcept(AsciiLettersAndDigits);

    private static readonly System.Buffers.SearchValues<char> AsciiLettersAndDigits =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");

    private void Note(string path)
    {
        if (!IsRelevant(path)) return;
        lock (_gate)
        {
            _pending.Add(path);
            _timer.Change(_quiet, Timeout.InfiniteTimeSpan);
        }
    }

    private void Flush()
    {
        string[] batch;
        lock (_gate)
        {
            batch = [.. _pending.Order(StringComparer.Ordinal)];
            _pending.Clear();
        }
        if (batch.Length > 0) _changed(batch);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var w in _watchers) w.Dispose();
        }
        _timer.Dispose();
    }
}
