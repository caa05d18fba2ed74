namespace PortfolioGen.Output;

/// <summary>
/// A serve session's watch on its output folder (Linux: inotify, through <see cref="FileSystemWatcher"/>): which
/// folders had an entry created, deleted or renamed, and which paths were created, deleted or moved, numbered in the
/// order the events happened. A <see cref="VerifiedOutput"/> check notes the number it reached (see <see cref="Sync"/>)
/// before it looks at the folders; a rebuild then trusts a checked folder with no stat at all while no event since that
/// number touched it or a folder above it (at 10,000 papers the ~12,000 stats, at ~4 µs each on a small virtual
/// machine, were a tenth of a rebuild after an edit). What the events cannot vouch for is looked at as before: after
/// any error of the watch (an overflowing event queue), until a new watch is started and a check made with it.
/// </summary>
/// <remarks>
/// Events arrive on the watcher's own thread, in the order the kernel queued them, a little after the change. So a
/// number means something only once every event before it is known to have arrived: <see cref="Sync"/> creates a
/// marker file in the folder and waits for its event, which comes after every earlier one.
/// </remarks>
public sealed class OutputWatch : IDisposable
{
    /// <summary>The name (a prefix) of the marker files <see cref="Sync"/> creates and deletes at once in the output folder.</summary>
    public const string MarkerName = ".portfoliogen-sync";

    private readonly FileSystemWatcher _watcher;
    private readonly string _staging;
    // The number of the latest event of each folder whose entries changed, and of each path that came, went or moved.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _entries = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _paths = new(StringComparer.Ordinal);
    private readonly Lock _syncGate = new();
    private readonly ManualResetEventSlim _arrived = new();
    private long _events;
    // Numbered for the process, with its id in the name: a marker of another watch or process is never awaited.
    private static int s_markers;
    private string? _awaited;
    private long _markerAt;
    private volatile bool _failed;

    private OutputWatch(string root)
    {
        Root = root;
        _staging = Path.Combine(root, OutputFolder.StagingName);
        _watcher = new FileSystemWatcher(root)
        {
            IncludeSubdirectories = true,
            // What changes a folder's time: an entry created, deleted or renamed (not a file written in place).
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName,
        };
        _watcher.Created += (_, e) => Created(e.FullPath);
        _watcher.Deleted += (_, e) => Changed(e.FullPath);
        _watcher.Renamed += (_, e) =>
        {
            Changed(e.OldFullPath);
            Changed(e.FullPath);
        };
        _watcher.Error += (_, e) => Fail(e.GetException());
        // Starts at once, every folder below watched before this returns.
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>
    /// A watch on the folder at <paramref name="root"/> (a full path), or null where none can be had: on systems other than
    /// Linux (whose watchers report late or coalesce), or when the system refuses one (its limit of watches reached).
    /// </summary>
    public static OutputWatch? Start(string root)
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists(root)) return null;
        try
        {
            // inotify hears only the changes made through this machine's kernel: not those made from the other side of a
            // network or shared folder (NFS, SMB, a FUSE or virtiofs mount, WSL's Windows drives), which stats do see.
            if (!Local(new DriveInfo(root).DriveFormat)) return null;
            // Markers a stopped session left (its sync cut short) would never be heard of again.
            foreach (var stale in Directory.EnumerateFiles(root, MarkerName + "*")) File.Delete(stale);
            return new OutputWatch(root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or PlatformNotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Whether a file system (as <see cref="DriveInfo.DriveFormat"/> names it) is one whose every change goes through this machine's kernel, and so is heard.</summary>
    internal static bool Local(string format) => format.ToLowerInvariant() is "ext2" or "ext3" or "ext4" or "xfs" or "btrfs" or "tmpfs" or "ramfs"
        or "f2fs" or "jfs" or "zfs" or "bcachefs" or "reiserfs" or "nilfs2" or "overlay" or "overlayfs";

    /// <summary>The folder watched (full path).</summary>
    public string Root { get; }

    /// <summary>Whether the watch may have missed an event (an error was reported) or was stopped: nothing it says holds any more.</summary>
    public bool Failed => _failed;

    /// <summary>Whether the watch failed because the user's limit of inotify watches was reached (a new one would too).</summary>
    public bool LimitReached { get; private set; }

    /// <summary>Whether the watch was stopped (its inotify watches removed).</summary>
    public bool Stopped { get; private set; }

    /// <summary>
    /// The number of the latest event, once every event before now has arrived (a marker file's event did); null when the
    /// watch failed or the marker's event did not come within <paramref name="timeout"/>.
    /// </summary>
    public long? Sync(TimeSpan timeout)
    {
        if (_failed) return null;
        lock (_syncGate)
        {
            var name = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{MarkerName}-{Environment.ProcessId}-{Interlocked.Increment(ref s_markers)}");
            var path = Path.Combine(Root, name);
            _arrived.Reset();
            Volatile.Write(ref _awaited, path);
            try
            {
                // A new file, or no event would come.
                new FileStream(path, FileMode.CreateNew, FileAccess.Write).Dispose();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Volatile.Write(ref _awaited, null);
                return null;
            }
            try
            {
                return _arrived.Wait(timeout) && !_failed ? Interlocked.Read(ref _markerAt) : null;
            }
            finally
            {
                Volatile.Write(ref _awaited, null);
                try
                {
                    File.Delete(path);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Left for the next sync's folder to hold; it is no page of the site.
                }
            }
        }
    }

    /// <summary>
    /// Whether no event after <paramref name="since"/> (a number <see cref="Sync"/> gave) touched the folder at
    /// <paramref name="folder"/> (a full path inside <see cref="Root"/>): none of its entries came, went or was renamed,
    /// and neither it nor a folder above it was created, deleted or moved.
    /// </summary>
    public bool Unchanged(string folder, long since)
    {
        if (_failed) return false;
        if (_entries.TryGetValue(folder, out var at) && at > since) return false;
        if (_paths.IsEmpty) return true;
        for (var path = folder; path.Length > Root.Length; path = Path.GetDirectoryName(path)!)
        {
            if (_paths.TryGetValue(path, out at) && at > since) return false;
        }
        return true;
    }

    /// <summary>
    /// Forgets the events up to <paramref name="since"/>: a check made after them looked at what they changed (a watch
    /// kept for a whole session would otherwise hold every path it ever saw).
    /// </summary>
    public void Forget(long since)
    {
        foreach (var (key, at) in _entries)
        {
            if (at <= since) _entries.TryRemove(new KeyValuePair<string, long>(key, at));
        }
        foreach (var (key, at) in _paths)
        {
            if (at <= since) _paths.TryRemove(new KeyValuePair<string, long>(key, at));
        }
    }

    /// <summary>
    /// An error of the watcher (tests call it too: an overflowing queue cannot be made on purpose reliably): the watch
    /// vouches for nothing more, and it is stopped at once on another thread, so that its inotify watches (~12,000 at
    /// 10,000 papers) go back to the user's limit instead of waiting for the next check.
    /// </summary>
    internal void Fail(Exception? error = null)
    {
        // ENOSPC: the user's limit of inotify watches was reached.
        if (error is IOException { HResult: 28 }) LimitReached = true;
        _failed = true;
        _arrived.Set();
        ThreadPool.QueueUserWorkItem(_ => Dispose());
    }

    private void Created(string path)
    {
        if (Volatile.Read(ref _awaited) is { } awaited && path == awaited)
        {
            Interlocked.Exchange(ref _markerAt, Interlocked.Increment(ref _events));
            _arrived.Set();
            return;
        }
        Changed(path);
    }

    private void Changed(string path)
    {
        var at = Interlocked.Increment(ref _events);
        // The staging folder's files are the build's own, and never kept: only its coming and going is noted (in Root).
        if (path.StartsWith(_staging, StringComparison.Ordinal) && path.Length > _staging.Length && path[_staging.Length] == Path.DirectorySeparatorChar) return;
        _paths[path] = at;
        if (Path.GetDirectoryName(path) is { } folder) _entries[folder] = at;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // A stopped watch reports no more events: it vouches for nothing.
        _failed = true;
        lock (_syncGate)
        {
            _watcher.Dispose();
            Stopped = true;
        }
    }
}
