namespace PortfolioGen.Output;

/// <summary>
/// What a <c>serve</c> session found in its output folder after its last successful build: every file that build
/// wrote or kept, with its content hash and length, checked on disk (it exists, with that length) once the build was
/// written and announced, while the session waits for the next change; and the modification time of each folder
/// holding them. A rebuild then keeps an unchanged file without asking the file system about it again (see
/// <see cref="OutputFolder.StageUnchanged(string, string, long)"/>) as long as its folder was not changed since: one stat per folder instead
/// of one per file (at 10,000 papers a title edit reused ~50,000 files, and their stat calls were a quarter of its
/// time). A file deleted or added by hand changes its folder's time, so the next rebuild looks at that folder's files
/// again and writes back what is missing. (A file edited by hand in place changes only its own time: it is written
/// again by the first rebuild that changes it, or by <c>build</c>.) A file found as it was by the check before is kept
/// as the same <see cref="VerifiedFile"/>, which a rebuild's cache holds on to: the next rebuild keeps the file with
/// neither a lookup by its path nor a new record. A session that watches its output (see <see cref="OutputWatch"/>) does
/// not even stat the folders: a folder no event touched since the check is as the check found it.
/// </summary>
public sealed class VerifiedOutput : IDisposable
{
    private Dictionary<string, VerifiedFile> _files = new(StringComparer.Ordinal);
    private Dictionary<string, VerifiedFolder> _folders = new(StringComparer.Ordinal);
    private OutputFolder? _pending;
    private readonly bool _watchEnabled;
    private OutputWatch? _watch;
    // The watch's event number the latest check reached before it looked at the folders (null: the watch vouches for nothing).
    private long? _watchedAt;

    // How long a sync may wait for its marker's event: with a watch just started, at a check (off the rebuild's path);
    // with the watch kept from the last check (whose folder may have been deleted and made again since: a watch then
    // hears nothing more); and at the start of a rebuild (only the events since the check are still to come). A watch
    // whose marker does not come in time is stopped, and the next check starts another; when even a new watch's marker
    // does not come, watching stops for the session (a file system whose changes inotify does not report would make
    // every check wait): the folders are asked about instead.
    private static readonly TimeSpan NewWatchSyncTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan KeptWatchSyncTimeout = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan RebuildSyncTimeout = TimeSpan.FromMilliseconds(250);
    private bool _watchRefused;

    /// <summary>
    /// What a session found in its output folder; with <paramref name="watch"/>, each check also starts (or keeps) a watch
    /// on the folder, so that rebuilds trust the checked folders no event touched without a stat (see <see cref="OutputWatch"/>).
    /// </summary>
    public VerifiedOutput(bool watch = false) => _watchEnabled = watch;

    /// <summary>The watch on the output folder, while there is one.</summary>
    public OutputWatch? Watch => _watch;

    /// <summary>How many times the files were checked: a <see cref="VerifiedFile"/> of the latest check is on disk as the last commit left it.</summary>
    internal int Generation { get; private set; }

    // The output folder the latest check was of (a session may build into another; what it found holds only there).
    private string? _checkedRoot;

    /// <summary>Whether the latest check was of the output folder at <paramref name="root"/> (its full path).</summary>
    internal bool Checked(string root) => _checkedRoot == root;

    /// <summary>
    /// How recent a folder's change may be for its files to be trusted: file-system times advance in steps of a
    /// few milliseconds, so a folder changed within the same step as the check could change again unseen.
    /// </summary>
    public static readonly TimeSpan Settled = TimeSpan.FromSeconds(1);

    /// <summary>Files known to be on disk (none between a commit and its check).</summary>
    public int Count => _checkedRoot is null ? 0 : _files.Count;

    /// <summary>Remembers a committed build's folder, to be verified (before that, nothing of it is trusted).</summary>
    public void Committed(OutputFolder output)
    {
        var manifest = Path.Combine(output.Root, OutputFolder.ManifestName);
        var info = new FileInfo(manifest);
        // The bytes of the manifest before this one are free now: the next commit patches a copy into them.
        if (_manifest?.Files.Bytes is { } before && System.Runtime.InteropServices.MemoryMarshal.TryGetArray(before.Bytes, out var array)
            && !(output.Written?.Bytes is { } now && System.Runtime.InteropServices.MemoryMarshal.TryGetArray(now.Bytes, out var nowArray) && ReferenceEquals(nowArray.Array, array.Array)))
        {
            _spareManifest = array.Array;
        }
        _manifest = output.Written is { } written && info.Exists ? (manifest, info.Length, info.LastWriteTimeUtc, written) : null;
        _pending = output;
        // Nothing of the last check holds for this commit until it is checked in turn; its records stay, for the next
        // check to hand on every file and folder it finds as they were (so that the caches holding them see the same
        // objects; see OutputFolder.StageUnchanged(StagedFile, ref object?)).
        Generation++;
        _checkedRoot = null;
    }

    private (string Path, long Length, DateTime Time, SavedManifest Files)? _manifest;
    private byte[]? _spareManifest;

    /// <summary>
    /// An array of at least <paramref name="length"/> bytes that no saved manifest uses any more (the one before last),
    /// or a new one. Taken, not lent: a commit that fails just drops it. At 10,000 papers a manifest is 12 MB, and a new
    /// array at every rebuild was ~3,000 pages of fresh memory for the kernel to fault in.
    /// </summary>
    internal byte[] ManifestBuffer(int length)
    {
        var spare = _spareManifest;
        _spareManifest = null;
        // With room to grow: a title edit makes the manifest a few bytes longer, and an array of the exact length would
        // be too short for the next one but one.
        return spare is not null && spare.Length >= length ? spare : new byte[length + Math.Max(4096, length / 32)];
    }

    /// <summary>
    /// The manifest the last commit wrote at <paramref name="path"/>, when the file still has the length and time it
    /// had then; else null (the file must be read).
    /// </summary>
    public SavedManifest? Manifest(string path)
    {
        if (_manifest is not { } m || m.Path != path) return null;
        var info = new FileInfo(path);
        return info.Exists && info.Length == m.Length && info.LastWriteTimeUtc == m.Time ? m.Files : null;
    }

    // Where a commit may keep the old versions of the large files it replaced until the rebuild is written (see
    // OutputFolder.ReleaseFrom): the output folder it was decided for, and the decision.
    private sealed record ReleaseDecision(string Root, bool Later);

    private ReleaseDecision? _releases;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _released = new();

    /// <summary>
    /// Whether a commit into the output folder at <paramref name="root"/> (a full path) lets the old versions of the large
    /// files it replaces go after the rebuild (kept meanwhile by hard links, see <see cref="OutputFolder.ReleasedName"/>)
    /// rather than freeing their pages in the rename that replaces them: on Linux, on a local file system (where a hard
    /// link is certain and costs what a small file's freeing does; elsewhere this is unmeasured).
    /// </summary>
    internal bool ReleasesLater(string root)
    {
        if (Volatile.Read(ref _releases) is { } known && known.Root == root) return known.Later;
        var later = false;
        try
        {
            later = OperatingSystem.IsLinux() && Directory.Exists(root) && OutputWatch.Local(new DriveInfo(root).DriveFormat);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // An unknown file system: freed in the rename, as a single build does.
        }
        Volatile.Write(ref _releases, new ReleaseDecision(root, later));
        return later;
    }

    /// <summary>A folder of old files a commit moved aside (see <see cref="OutputFolder.ReleasedName"/>), to be deleted once the rebuild is written.</summary>
    internal void Released(string folder) => _released.Enqueue(folder);

    /// <summary>Deletes the folders of old files the session's commits moved aside: at its check after a rebuild, off the rebuild's path.</summary>
    internal void DeleteReleased()
    {
        while (_released.TryDequeue(out var folder))
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Left for the next build of the folder, which deletes what any session left.
            }
        }
    }

    /// <summary>Checks every file of the last committed build on disk; returns how many are as it left them.</summary>
    public int Verify()
    {
        // First, so that the watch's sync below comes after the events of the deletion.
        DeleteReleased();
        if (_pending is not { } output) return Count;
        _pending = null;
        Watched(output.Root);
        var settled = DateTime.UtcNow - Settled;
        var (beforeFiles, beforeFolders) = (_files, _folders);
        var folders = new Dictionary<string, VerifiedFolder>(StringComparer.Ordinal);
        var files = new Dictionary<string, VerifiedFile>(StringComparer.Ordinal);
        foreach (var f in output.Committed)
        {
            var path = Path.GetDirectoryName(f.FinalPath)!;
            if (!folders.TryGetValue(path, out var folder))
            {
                var changed = Directory.GetLastWriteTimeUtc(path);
                folder = folders[path] = beforeFolders.TryGetValue(path, out var known) && known.Seen == changed ? known : new VerifiedFolder(path, changed);
            }
            if (folder.Seen > settled) continue;
            var info = new FileInfo(f.FinalPath);
            if (!info.Exists || info.Length != f.Length) continue;
            var file = beforeFiles.TryGetValue(f.Destination, out var was) && was.Kept.Hash == f.Hash && was.Kept.Length == f.Length && was.Kept.FinalPath == f.FinalPath
                ? was : new VerifiedFile(new StagedFile(f.Destination, f.FinalPath, null, f.Hash, f.Length, Created: false));
            file.Folder = folder;
            file.Generation = Generation;
            files[f.Destination] = file;
        }
        (_files, _folders) = (files, folders);
        _checkedRoot = output.Root;
        return files.Count;
    }

    // Starts the check with the watch: the number of its latest event, every earlier event having arrived (what they
    // changed, the stats that follow see). The watch kept from the last check, while it hears its folder; else a new one.
    private void Watched(string root)
    {
        _watchedAt = null;
        if (!_watchEnabled || _watchRefused) return;
        if (_watch is { Failed: false } kept && kept.Root == root && kept.Sync(KeptWatchSyncTimeout) is { } at)
        {
            _watchedAt = at;
            kept.Forget(at);
            return;
        }
        StopWatch();
        if (_watchRefused || OutputWatch.Start(root) is not { } watch) return;
        _watch = watch;
        _watchedAt = watch.Sync(NewWatchSyncTimeout);
        if (_watchedAt is { } first)
        {
            watch.Forget(first);
            return;
        }
        StopWatch();
        // A new watch whose marker did not come: this file system's changes are not heard.
        if (!watch.Failed) _watchRefused = true;
    }

    /// <summary>
    /// At the start of a rebuild (after the change was seen): whether the watch can vouch for the folders of the latest
    /// check, once every event so far has arrived.
    /// </summary>
    internal bool SyncWatch()
    {
        if (_watchedAt is null || _watch is not { } watch) return false;
        if (watch.Sync(RebuildSyncTimeout) is not null) return true;
        StopWatch();
        return false;
    }

    /// <summary>
    /// Whether no event since the latest check touched <paramref name="folder"/> (after a successful <see cref="SyncWatch"/>),
    /// or null once the watch stopped or failed (the folder must be asked about).
    /// </summary>
    internal bool? WatchVouches(string folder) => Volatile.Read(ref _watch) is { Failed: false } watch && _watchedAt is { } at ? watch.Unchanged(folder, at) : null;

    /// <summary>
    /// Lets the watch go: during a build that writes much of the site (see <see cref="OutputFolder.WatchedWrites"/>; the
    /// build's folders not yet vouched for are asked about instead), or one that failed or no longer hears its folder.
    /// The next check starts a new watch, unless this one used up the user's inotify watches (another would too, and
    /// leave none for the editors). It is stopped on another thread: removing its ~12,000 inotify watches takes a while.
    /// </summary>
    internal void StopWatch()
    {
        if (Interlocked.Exchange(ref _watch, null) is not { } watch) return;
        if (watch.LimitReached) _watchRefused = true;
        ThreadPool.QueueUserWorkItem(_ => watch.Dispose());
    }

    /// <summary>Stops the watch.</summary>
    public void Dispose()
    {
        DeleteReleased();
        _watch?.Dispose();
        _watch = null;
        _watchedAt = null;
    }

    /// <summary>The file as the last check found it, when that was with this content hash and length (and no commit came since); else null.</summary>
    internal VerifiedFile? Holds(string destination, string hash, long length)
        => _checkedRoot is not null && _files.TryGetValue(destination, out var f) && f.Kept.Length == length && f.Kept.Hash == hash ? f : null;
}

/// <summary>
/// A file a <see cref="VerifiedOutput"/> check found on disk as the commit left it: the same object from one check to the
/// next while the file stays the same, so that a cache can hold on to it and find it again without a lookup.
/// </summary>
internal sealed class VerifiedFile(StagedFile kept)
{
    /// <summary>The file as a build that keeps it stages it (in place, not created).</summary>
    public StagedFile Kept { get; } = kept;

    /// <summary>Its folder as the check found it (set by the check; read by rebuilds, which never run during one).</summary>
    public VerifiedFolder Folder { get; set; } = null!;

    /// <summary>The check that last found it (see <see cref="VerifiedOutput.Generation"/>).</summary>
    public int Generation { get; set; }
}

/// <summary>A folder a check found, with its modification time then; a build asks the file system about it once.</summary>
internal sealed class VerifiedFolder(string path, DateTime seen)
{
    private sealed record Answer(long Build, bool Unchanged);

    private Answer? _answer;

    /// <summary>The folder's modification time when it was checked.</summary>
    public DateTime Seen { get; } = seen;

    /// <summary>
    /// Whether the folder's time is still the one the check saw: a stat, once per build (two threads asking at once may
    /// both look; they find the same); or, when the session watches its output, whether no event touched it since.
    /// </summary>
    public bool Unchanged(OutputFolder build)
    {
        if (Volatile.Read(ref _answer) is { } a && a.Build == build.Id) return a.Unchanged;
        var unchanged = build.FolderUnchanged(path, Seen);
        Volatile.Write(ref _answer, new Answer(build.Id, unchanged));
        return unchanged;
    }
}

/// <summary>
/// A manifest as a commit saved it: destination to content hash, the destinations in the order saved (ordinal), and
/// its bytes with where each entry ends in them (the next commit copies the entries that stayed as they were).
/// </summary>
public sealed record SavedManifest(Dictionary<string, string> Files, string[] Order, ManifestBytes? Bytes = null);

/// <summary>
/// A manifest as a commit wrote it: its bytes, and where each entry (<c>"destination": "hash"</c>, in the manifest's
/// order) ends in them, so that the next commit of a session can copy the entries that stayed as they are.
/// </summary>
/// <param name="Bytes">The manifest's bytes.</param>
/// <param name="EndAt">For each entry, the offset just past its value's closing quote.</param>
public sealed record ManifestBytes(ReadOnlyMemory<byte> Bytes, int[] EndAt);
