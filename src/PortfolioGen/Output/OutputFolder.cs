using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Text.Json;

namespace PortfolioGen.Output;

/// <summary>How a write went.</summary>
public enum WriteOutcome
{
    /// <summary>The file was created or its bytes changed.</summary>
    Written,
    /// <summary>The file already had these bytes; it was not touched.</summary>
    Unchanged,
}

/// <summary>What committing a build did.</summary>
/// <param name="Written">Files created or changed.</param>
/// <param name="Unchanged">Files left alone because their bytes were already right.</param>
/// <param name="Removed">Files of an earlier build that this build no longer makes, deleted.</param>
/// <param name="Kept">Files of an earlier build no longer made but changed by someone since, so kept.</param>
public sealed record CommitResult(int Written, int Unchanged, int Removed, IReadOnlyList<string> Kept)
{
    /// <summary>How many folders the build asked the file system about, to keep the files a serve session checked.</summary>
    public int FolderStats { get; init; }
}

/// <summary>
/// The output folder, written safely: every destination must stay inside it; files whose bytes did not
/// change are not rewritten; a manifest (<c>.portfoliogen-manifest.json</c>) remembers what the generator
/// wrote, so that only files it wrote — and nobody changed since — are ever deleted.
/// </summary>
public sealed class OutputFolder
{
    /// <summary>The manifest's file name inside the output folder.</summary>
    public const string ManifestName = ".portfoliogen-manifest.json";

    /// <summary>
    /// Where a build puts the files it will write until it knows it succeeded: inside the output folder (so a
    /// commit is a rename on the same file system), hidden, and removed when the build ends either way (a serve
    /// session's successful build moves it aside instead, see <see cref="ReleasedName"/>).
    /// </summary>
    public const string StagingName = ".portfoliogen-staging";

    /// <summary>
    /// The name (a prefix) of the folders a serve session's commit moves its staging folder to, with the old versions
    /// of the large files it replaced: the session deletes them once the rebuild is written (see
    /// <see cref="VerifiedOutput.ReleasesLater"/>); a build deletes any a stopped session left.
    /// </summary>
    public const string ReleasedName = ".portfoliogen-released";

    /// <summary>
    /// From what size of the new file a file a session replaces is let go after the rebuild rather than in its commit: freeing a file's
    /// pages is part of the rename that replaces it, ~0.1 ms a megabyte on tmpfs and ~0.4 ms on ext4 here (the ~100 MB of
    /// site-wide files of 10,000 papers: 10 and 35-40 ms of every rebuild), while a link costs what a small file's freeing does.
    /// </summary>
    internal const long ReleaseFrom = 256 * 1024;

    private readonly ConcurrentQueue<string> _created = new();
    private readonly ConcurrentQueue<string> _createdDirectories = new();
    private readonly ConcurrentDictionary<string, bool> _directories = new(StringComparer.Ordinal);
    private readonly bool _existed;

    private readonly Dictionary<string, string> _previous;
    private readonly string[]? _previousOrder;
    private readonly ManifestBytes? _previousBytes; // the last manifest's bytes, where each entry ends in them
    // The files this build committed, by destination (the next manifest; what a serve session checks afterwards).
    private readonly ConcurrentDictionary<string, StagedFile> _current;
    private int _written;
    private int _unchanged;

    /// <summary>
    /// Opens an output folder (it need not exist yet) and reads its manifest; in a serve session, with what the
    /// session found on disk after its last commit (see <see cref="VerifiedOutput"/>).
    /// </summary>
    public OutputFolder(string root, VerifiedOutput? verified = null)
    {
        Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        _existed = Directory.Exists(Root);
        var manifest = Path.Combine(Root, ManifestName);
        // In serve, the manifest the last commit wrote, while the file is still as it left it (no 50,000-entry parse).
        var saved = verified?.Manifest(manifest);
        _previous = saved?.Files ?? ReadManifest(manifest);
        // Sized for the last build's files, with many locks: at 10,000 papers the Output phase's threads put ~52,000
        // files in, and the default table grew eleven times (each time under all its locks) and had a lock per core.
        _current = new(Environment.ProcessorCount * 16, Math.Max(31, _previous.Count + _previous.Count / 8), StringComparer.Ordinal);
        _savedManifest = saved is not null;
        _checkedHere = verified?.Checked(Root) == true;
        _previousOrder = saved?.Order;
        _previousBytes = saved?.Bytes;
        _verified = verified;
        // What a session stopped before its check left (or one that was killed); a session's own are deleted by its check.
        verified?.DeleteReleased();
        if (_existed)
        {
            DeleteReleased(Root);
            // A staging folder a build that was killed left: it holds nothing of the site, and would be published with it.
            try
            {
                RemoveStaging();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
        // The change that started this build was seen: every event before now is waited for, so that what the watch
        // vouches for includes it.
        _watched = _checkedHere && _savedManifest && verified!.SyncWatch();
    }

    // Whether the session's watch vouches for the folders its latest check found (see VerifiedOutput.SyncWatch).
    private readonly bool _watched;
    private int _folderStats;

    /// <summary>How many folders this build asked the file system about (the session's watch vouched for the others).</summary>
    public int FolderStats => _folderStats;

    /// <summary>
    /// Whether a folder the session's latest check found is as it was then: when the session's watch is synced for this
    /// build, whether no event touched it since (its word is final: an event is a change, whatever the folder's time
    /// says); otherwise, or once the watch stopped, whether its modification time is still <paramref name="seen"/> (a
    /// stat, counted).
    /// </summary>
    internal bool FolderUnchanged(string folder, DateTime seen)
    {
        if (_watched && _verified!.WatchVouches(folder) is { } vouched) return vouched;
        Interlocked.Increment(ref _folderStats);
        return Directory.GetLastWriteTimeUtc(folder) == seen;
    }

    private readonly VerifiedOutput? _verified;
    // Whether the manifest read is the one the last commit saved (still as it left it on disk): then every file the
    // session's last check found is in it with that hash.
    private readonly bool _savedManifest;
    // Whether the session's latest check was of this folder: only then do its records say anything about these files.
    private readonly bool _checkedHere;

    // Tells builds apart (a folder's answer is for one build; see VerifiedFolder) without holding on to the last one.
    private static long s_builds;

    /// <summary>This build's number in the process.</summary>
    internal long Id { get; } = Interlocked.Increment(ref s_builds);

    /// <summary>The manifest <see cref="Commit"/> saved (destination to content hash), for the next build of a serve session; null outside one.</summary>
    internal SavedManifest? Written { get; private set; }

    /// <summary>Every file the commit put or left in place (after <see cref="Commit"/>), for <see cref="VerifiedOutput.Verify"/>.</summary>
    internal IEnumerable<StagedFile> Committed => _current.Values;

    /// <summary>The folder (full path).</summary>
    public string Root { get; }

    /// <summary>The files the previous build wrote (from the manifest).</summary>
    public IReadOnlyCollection<string> PreviousFiles => _previous.Keys;

    /// <summary>
    /// Why an output folder may not be used, or null when it may: it must not be the site folder, a folder
    /// that holds inputs (content, profiles, themes) or any folder above them, nor a folder inside them.
    /// </summary>
    public static string? Refusal(string output, string siteRoot, IEnumerable<(string Name, string Path)> inputs)
    {
        var o = Normalize(output);
        var site = Normalize(siteRoot);
        if (o == site || IsInside(site, o))
        {
            return $"the output folder '{output}' is the site folder or a folder above it; building there would mix the site with its sources (use a folder such as _site)";
        }
        foreach (var (name, path) in inputs)
        {
            var p = Normalize(path);
            if (o == p || IsInside(p, o))
            {
                return $"the output folder '{output}' is the {name} folder or a folder above it; the build would overwrite its own inputs";
            }
            if (IsInside(o, p))
            {
                return $"the output folder '{output}' is inside the {name} folder; the next build would read its own output as input";
            }
        }
        return null;
    }

    private static string Normalize(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));

    // Whether `inner` is strictly inside `outer`.
    private static bool IsInside(string inner, string outer)
        => inner.Length > outer.Length && inner.StartsWith(outer, StringComparison.Ordinal)
           && (inner[outer.Length] == Path.DirectorySeparatorChar || outer.EndsWith(Path.DirectorySeparatorChar));

    /// <summary>Whether a destination is a plain relative path that stays inside the output folder; why not otherwise.</summary>
    public static bool IsSafeDestination(string destination, out string reason)
    {
        reason = "";
        if (string.IsNullOrEmpty(destination)) { reason = "it is empty"; return false; }
        if (destination.Length > 1024) { reason = "it is too long"; return false; }
        if (destination.StartsWith('/') || Path.IsPathRooted(destination)) { reason = "it is an absolute path"; return false; }
        foreach (var ch in destination)
        {
            if (ch is '\\' or ':' or '\0' || char.IsControl(ch)) { reason = $"it contains the character U+{(int)ch:X4}"; return false; }
        }
        foreach (var range in destination.AsSpan().Split('/'))
        {
            var segment = destination.AsSpan(range);
            if (segment is "" or "." or "..") { reason = "it has an empty, '.' or '..' segment"; return false; }
            if (segment.Length > 255) { reason = "a path segment is longer than 255 characters"; return false; }
        }
        if (destination == ManifestName) { reason = "it is the manifest's name"; return false; }
        if (destination == StagingName || destination.StartsWith(StagingName + "/", StringComparison.Ordinal)) { reason = "it is the staging folder's name"; return false; }
        if (destination.StartsWith(OutputWatch.MarkerName, StringComparison.Ordinal)) { reason = "it is the name of serve's marker files"; return false; }
        if (destination.StartsWith(ReleasedName, StringComparison.Ordinal)) { reason = "it is the name of the folders serve lets old files go in"; return false; }
        return true;
    }

    /// <summary>
    /// Prepares a file without changing anything the site already has, so memory holds no page after it is
    /// made: a file whose bytes are already there is left alone; a file the site does not have yet is written
    /// in place (a failed build deletes it again, see <see cref="Abort"/>); a file that would change is written
    /// to the staging folder and replaces the old one only in <see cref="CommitStaged"/>, once the whole build
    /// succeeded. A fresh build so writes each file once.
    /// </summary>
    public StagedFile Stage(string destination, ReadOnlySpan<byte> bytes)
    {
        var full = Resolve(destination);
        var hash = Hash(bytes);
        // A file the last build did not write is most likely not there (always so in a first build): create
        // it outright, and only when that finds a file there look at what it holds.
        if (!_previous.ContainsKey(destination))
        {
            EnsureDirectory(Path.GetDirectoryName(full)!);
            Writing();
            if (TryWriteNew(full, bytes))
            {
                return new StagedFile(destination, full, null, hash, bytes.Length, Created: true);
            }
        }
        var info = new FileInfo(full);
        if (info.Exists)
        {
            if (info.Length == bytes.Length
                && ((_previous.TryGetValue(destination, out var old) && old == hash) || File.ReadAllBytes(full).AsSpan().SequenceEqual(bytes)))
            {
                return new StagedFile(destination, full, null, hash, bytes.Length, Created: false);
            }
            var staged = Path.Combine(Root, StagingName, destination);
            EnsureDirectory(Path.GetDirectoryName(staged)!);
            Writing();
            Write(staged, bytes, FileMode.Create);
            return new StagedFile(destination, full, staged, hash, bytes.Length, Created: false);
        }
        EnsureDirectory(Path.GetDirectoryName(full)!);
        Writing();
        // Recorded before it is written: a write that fails (a full disk) leaves a file for Abort to delete.
        _created.Enqueue(full);
        Write(full, bytes, FileMode.Create);
        return new StagedFile(destination, full, null, hash, bytes.Length, Created: true);
    }

    /// <summary>
    /// How many files a build may write before it stops the session's watch (see <see cref="OutputWatch"/>): each file
    /// written, staged and renamed is an event or three, and for a build that writes much of the site (a theme edit, at
    /// 10,000 papers ~52,000 files) the watch's work (~1 s of CPU, ~0.5 s longer) would cost far more than the folder
    /// stats it saves the next rebuild. The check after the build starts a new watch.
    /// </summary>
    internal const int WatchedWrites = 1000;
    private int _writes;

    private void Writing()
    {
        if (Interlocked.Increment(ref _writes) == WatchedWrites) _verified?.StopWatch();
    }

    /// <summary>
    /// Stages text as its UTF-8 bytes (see <see cref="Stage"/>). A page is encoded into a buffer rented from the
    /// shared pool; a large one (a home page listing 10,000 papers is 6 million characters) into the one buffer kept
    /// for large pages (see <see cref="_largeText"/>), never into the pool, which would keep a buffer of its size in
    /// the slot of each thread that ever staged such a page, for as long as the process lives.
    /// </summary>
    public StagedFile StageText(string destination, string text)
    {
        Interlocked.Increment(ref _textsEncoded);
        var most = System.Text.Encoding.UTF8.GetMaxByteCount(text.Length);
        if (most > LargestPooledText) return StageLargeText(destination, text);
        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(most);
        try
        {
            var length = System.Text.Encoding.UTF8.GetBytes(text, rented);
            return Stage(destination, rented.AsSpan(0, length));
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    // Paper and co-author pages fit; list pages of big sites do not.
    private const int LargestPooledText = 1 << 18;

    /// <summary>How many texts this build encoded to stage them (a page kept as it was staged before is not).</summary>
    internal int TextsEncoded => _textsEncoded;
    private int _textsEncoded;

    // One buffer for large pages, kept by the process and grown to the largest: serve stages the 6 MB home page of a
    // 10,000-paper site again after every title edit, and a fresh array of that size cost more to fault in (~14 us a
    // 4 KB page on a small virtual machine) than to fill. A page staged while another holds it gets an array of its own.
    private static byte[]? _largeText;

    private StagedFile StageLargeText(string destination, string text)
    {
        var count = System.Text.Encoding.UTF8.GetByteCount(text);
        var buffer = Interlocked.Exchange(ref _largeText, null);
        if (buffer is null || buffer.Length < count) buffer = GC.AllocateUninitializedArray<byte>(count);
        try
        {
            var length = System.Text.Encoding.UTF8.GetBytes(text, buffer);
            return Stage(destination, buffer.AsSpan(0, length));
        }
        finally
        {
            // The larger of the two is kept.
            if (Volatile.Read(ref _largeText) is not { } kept || kept.Length < buffer.Length) Volatile.Write(ref _largeText, buffer);
        }
    }

    /// <summary>
    /// Stages a file written piece by piece (a whole-site bibliography joined from 10,000 papers' entries), so it
    /// is never whole in memory. While the pieces match the file already in the site they are only compared (an
    /// unchanged rebuild writes nothing, not even to the staging folder); from the first difference, or when
    /// there is no such file, they go to the staging folder. <see cref="StagedStream.Complete"/> then decides as
    /// <see cref="Stage"/> does: the same bytes leave the site's file as it is, a new file is put in place at
    /// once, a changed one waits in the staging folder for the commit.
    /// </summary>
    public StagedStream OpenStaged(string destination)
    {
        var full = Resolve(destination);
        var stream = new StagedStream(this, destination, full, Path.Combine(Root, StagingName, destination));
        _open.Enqueue(stream);
        return stream;
    }

    // Queues, not bags: a ConcurrentBag keeps each thread's items in a thread-local queue that the thread holds on to, and
    // a stream points back at this folder, so every finished build's folder (manifest, file list) stayed reachable in serve.
    private readonly ConcurrentQueue<StagedStream> _open = new();

    internal void EnsureParent(string path) => EnsureDirectory(Path.GetDirectoryName(path)!);

    // A new file goes in place at once (as Stage does); a changed one waits in staging for the commit.
    internal StagedFile Place(string destination, string full, string staged, string hash, long length)
    {
        if (!File.Exists(full))
        {
            EnsureDirectory(Path.GetDirectoryName(full)!);
            File.Move(staged, full);
            _created.Enqueue(full);
            return new StagedFile(destination, full, null, hash, length, Created: true);
        }
        return new StagedFile(destination, full, staged, hash, length, Created: false);
    }

    // Creates a file that must not exist yet; false when something is already there. The file is recorded as this
    // build's once it exists, before its bytes are written: a write that fails leaves it for Abort to delete.
    private bool TryWriteNew(string path, ReadOnlySpan<byte> bytes)
    {
        Microsoft.Win32.SafeHandles.SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite, FileOptions.None, 0);
        }
        catch (IOException) when (Path.Exists(path))
        {
            return false;
        }
        _created.Enqueue(path);
        using (handle) RandomAccess.Write(handle, bytes, 0);
        return true;
    }

    // Opened shared, so .NET takes no advisory lock (two calls a file); nothing else writes the output meanwhile.
    private static void Write(string path, ReadOnlySpan<byte> bytes, FileMode mode)
    {
        using var handle = File.OpenHandle(path, mode, FileAccess.Write, FileShare.ReadWrite, FileOptions.None, 0);
        RandomAccess.Write(handle, bytes, 0);
    }

    // Every folder is created once per build, whatever the number of files in it. _directories says whether this
    // build created a folder (true) or found it (false); a failed build removes the ones it created.
    private void EnsureDirectory(string directory)
    {
        if (_directories.ContainsKey(directory)) return;
        var parent = Path.GetDirectoryName(directory);
        if (parent is not null && _directories.TryGetValue(parent, out var parentIsNew) && parentIsNew)
        {
            // Inside a folder this build created, nothing was there before: no need to look first
            // (10,000 paper folders under a new papers/ are 20,000 stat calls fewer).
            Directory.CreateDirectory(directory);
            _createdDirectories.Enqueue(directory);
            _directories[directory] = true;
            return;
        }
        var missing = new List<string>();
        for (var d = directory; d is not null && !Directory.Exists(d); d = Path.GetDirectoryName(d)) missing.Add(d);
        Directory.CreateDirectory(directory);
        foreach (var m in missing)
        {
            _createdDirectories.Enqueue(m);
            _directories[m] = true;
        }
        _directories.TryAdd(directory, false);
    }

    /// <summary>
    /// Stages a file known only by its content hash (as <see cref="Hash"/> makes it) and length, without its bytes:
    /// when the last build wrote exactly that content there (its manifest says so) and the file still has that
    /// length — the test <see cref="Stage"/> trusts too — it is kept as it is; otherwise null, and the caller stages
    /// the bytes. For files made from a cache (social cards, a serve session's cached documents), which need not then
    /// be made or read at all. In a serve session a file the session checked after the last build (see
    /// <see cref="VerifiedOutput"/>) is kept without looking at it again, while its folder's time is unchanged.
    /// </summary>
    public StagedFile? StageUnchanged(string destination, string hash, long length)
    {
        object? found = null;
        return StageUnchanged(destination, hash, length, ref found);
    }

    /// <summary>
    /// <see cref="StageUnchanged(string, string, long)"/> for a file an earlier build staged (a serve session's cached
    /// document), with what this call found the last time (<paramref name="found"/>; null at first): while that is the
    /// session's latest check of the file, the file is kept without looking it up again, as the very
    /// <see cref="StagedFile"/> returned then. At 10,000 papers a rebuild keeps ~52,000 files, and their lookups in the
    /// manifest and in the check (two dictionaries of 52,000 paths) were a third of the time it spent keeping them.
    /// </summary>
    internal StagedFile? StageUnchanged(StagedFile file, ref object? found) => StageUnchanged(file.Destination, file.Hash, file.Length, ref found);

    private StagedFile? StageUnchanged(string destination, string hash, long length, ref object? found)
    {
        // Checked by the session once the last build was written (off the rebuild's path): a stat per folder, not per file.
        if (_savedManifest && _checkedHere && found is VerifiedFile known && known.Generation == _verified!.Generation
            && known.Kept.Hash == hash && known.Kept.Length == length && known.Kept.Destination == destination
            && known.Folder.Unchanged(this))
        {
            return known.Kept;
        }
        if (!_previous.TryGetValue(destination, out var old) || old != hash) return null;
        if (_checkedHere && _verified!.Holds(destination, hash, length) is { } verified && verified.Folder.Unchanged(this))
        {
            found = verified;
            return verified.Kept;
        }
        var full = Resolve(destination);
        var info = new FileInfo(full);
        return info.Exists && info.Length == length ? new StagedFile(destination, full, null, hash, length, Created: false) : null;
    }

    /// <summary>Puts a staged file in place (a rename); a file written in place or unchanged needs nothing.</summary>
    public WriteOutcome CommitStaged(StagedFile file)
    {
        _current[file.Destination] = file;
        if (file.Created)
        {
            Interlocked.Increment(ref _written);
            return WriteOutcome.Written;
        }
        if (file.StagedPath is null)
        {
            Interlocked.Increment(ref _unchanged);
            return WriteOutcome.Unchanged;
        }
        // The old file is kept (a link in the staging folder) until the build is over: a build that fails after this
        // (another pipeline's file, the commit) puts it back (see Abort); a successful one deletes it with the staging
        // folder, and a serve session only after the rebuild, so that its pages are not freed in the rename (see ReleaseFrom).
        Retire(file.FinalPath, replacing: true);
        File.Move(file.StagedPath, file.FinalPath, overwrite: true);
        Interlocked.Increment(ref _written);
        return WriteOutcome.Written;
    }

    // A name in the staging folder for an old file kept there, unique to this build (a staging folder another process
    // left, or one that could not be removed, never holds it).
    private string KeptName() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{_token}-{Interlocked.Increment(ref _kept)}");

    private readonly string _token = Guid.NewGuid().ToString("N");

    // The previous site's files this build replaced or removed, each with where it is kept until the build is over.
    private readonly ConcurrentQueue<(string Path, string Kept)> _retired = new();
    private int _kept;

    // Keeps the file at `path` in the staging folder: a hard link when the file is to be replaced (the site never lacks
    // the file, and the rename that follows replaces it at once), else, or where no link can be made, the file itself,
    // moved there. A file that is not there needs nothing kept; one that a replacement then creates goes on Abort.
    private void Retire(string path, bool replacing)
    {
        var folder = Path.Combine(Root, StagingName, ReleasedName);
        EnsureDirectory(folder);
        var kept = Path.Combine(folder, KeptName());
        if (!(replacing && TryLink(path, kept)))
        {
            try
            {
                File.Move(path, kept);
            }
            catch (FileNotFoundException) when (!File.Exists(path))
            {
                if (replacing) _created.Enqueue(path);
                return;
            }
        }
        _retired.Enqueue((path, kept));
    }

    private static bool TryLink(string path, string link)
    {
        try
        {
            return Native.Link(path, link) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    // Links the file at `path` into `folder` (a name no page may have), so that replacing it does not free its pages; the
    // folder goes when the session deletes it after the rebuild. Nothing is copied: where no link can be made (the file is
    // gone, a folder of the site on another file system, a file system without links), the rename frees them, as ever.
    private void KeepForRelease(string path, string folder)
    {
        EnsureDirectory(folder);
        // No C library to ask, or no link: the rename frees the pages.
        _ = TryLink(path, Path.Combine(folder, KeptName()));
    }

    /// <summary>
    /// Why the output folder cannot be made or written in, or null: a file where a folder of its path must be, or (on
    /// Linux and macOS) a folder the user may not write in — the output folder, or the nearest folder above it that
    /// exists. Asked before the build, so that the one cause is one error, not a failure of every pipeline's first file.
    /// <paramref name="denied"/> answers for a folder (the reason it may not be written in, or null; by default the
    /// system's <c>access(2)</c>); <paramref name="show"/> names a path in the message.
    /// </summary>
    public static string? CannotWrite(string output, Func<string, string?>? denied = null, Func<string, string>? show = null)
    {
        denied ??= Denied;
        show ??= p => p;
        var folder = Path.GetFullPath(output);
        while (!Directory.Exists(folder))
        {
            if (File.Exists(folder)) return $"the output folder cannot be made: {show(folder)} is a file, not a folder";
            if (Path.GetDirectoryName(folder) is not { } parent) return null;
            folder = parent;
        }
        if (denied(folder) is not { } reason) return null;
        return folder == Path.GetFullPath(output)
            ? $"the output folder cannot be written in ({reason})"
            : $"the output folder cannot be made: {show(folder)} cannot be written in ({reason})";
    }

    // The system's answer: whether this process may create files in `folder` (write and search permission).
    private static string? Denied(string folder)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return null;
        try
        {
            const int writeAndSearch = 2 | 1; // W_OK | X_OK
            if (Native.Access(folder, writeAndSearch) == 0) return null;
            return System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(System.Runtime.InteropServices.Marshal.GetLastPInvokeError());
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // No C library to ask: the build finds out when it writes.
            return null;
        }
    }

    private static class Native
    {
        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "access", SetLastError = true)]
        internal static extern int Access([System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string path, int mode);

        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "link", SetLastError = true)]
        internal static extern int Link([System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string path,
            [System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string link);
    }

    // The staging folder of a successful session build, moved aside with what it holds (the links KeepForRelease made)
    // for the session to delete after the rebuild; null when it is removed at once.
    private string? _releasedFolder;

    private static int s_released;

    // Never fails the commit: a folder that cannot be moved aside (or made) is removed at once, as a single build does.
    private string? Release()
    {
        if (_releasedFolder is not null || _verified?.ReleasesLater(Root) != true) return _releasedFolder;
        var staging = Path.Combine(Root, StagingName);
        var released = Path.Combine(Root, string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{ReleasedName}-{Environment.ProcessId}-{Interlocked.Increment(ref s_released)}-{Guid.NewGuid():N}"));
        try
        {
            if (Directory.Exists(staging)) Directory.Move(staging, released);
            else Directory.CreateDirectory(released);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            RemoveStaging();
            return null;
        }
        _verified.Released(released);
        return _releasedFolder = released;
    }

    /// <summary>Deletes the folders of old files that sessions left in the output folder at <paramref name="root"/> (see <see cref="ReleasedName"/>).</summary>
    internal static void DeleteReleased(string root)
    {
        string[] folders;
        try
        {
            folders = Directory.GetDirectories(root, ReleasedName + "-*");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }
        foreach (var folder in folders)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Tried again by the next build; the folder is hidden and never published by serve.
            }
        }
    }

    /// <summary>
    /// Ends a failed build, at any point before <see cref="Commit"/> returned: the files it replaced or removed are put
    /// back, those it created go, and so does the staging folder, so the site is exactly as it was. Never throws (it
    /// runs after a failure, which may be a full disk): what it could not undo is returned, a line each.
    /// </summary>
    public IReadOnlyList<string> Abort()
    {
        var problems = new List<string>();
        void Undo(Action step)
        {
            try
            {
                step();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add(e.Message);
            }
        }
        // Closing a stream flushes what it buffered, which on a full disk fails again: the file goes with the staging folder.
        foreach (var stream in _open) Undo(stream.Dispose);
        foreach (var (path, kept) in _retired)
        {
            Undo(() =>
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.Move(kept, path, overwrite: true);
            });
        }
        // Files this build created where there were none go again, and so do the folders made for them.
        foreach (var file in _created) Undo(() => File.Delete(file));
        Undo(RemoveStaging);
        foreach (var dir in _createdDirectories.OrderByDescending(d => d.Length))
        {
            Undo(() =>
            {
                if (Directory.Exists(dir) && !Directory.EnumerateFileSystemEntries(dir).Any()) Directory.Delete(dir);
            });
        }
        // A first build that failed leaves no empty output folder behind either.
        Undo(() =>
        {
            if (!_existed && Directory.Exists(Root) && !Directory.EnumerateFileSystemEntries(Root).Any()) Directory.Delete(Root);
        });
        return problems;
    }

    private void RemoveStaging()
    {
        var staging = Path.Combine(Root, StagingName);
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
    }

    private string Resolve(string destination)
    {
        if (!IsSafeDestination(destination, out var reason))
        {
            throw new InvalidOperationException($"refusing to write '{destination}': {reason}");
        }
        var full = Path.GetFullPath(Path.Combine(Root, destination));
        if (!full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"refusing to write '{destination}': it leaves the output folder");
        }
        return full;
    }

    /// <summary>
    /// Ends a successful build: deletes the files an earlier build wrote that this one did not (unless someone
    /// changed them since), removes folders that became empty, and saves the new manifest.
    /// </summary>
    public CommitResult Commit()
    {
        var known = _previousOrder is { } order ? Match(order) : null;
        var removed = 0;
        var kept = new List<string>();
        var dropped = new List<string>(); // stale files the next manifest leaves out (deleted, or not there to delete)
        // In ordinal order: the last commit's order is, and so is a sorted manifest.
        var stale = known is { } k ? _previousOrder!.Where((_, i) => k.Hashes[i] is null)
            : _previous.Keys.Where(k => !_current.ContainsKey(k)).Order(StringComparer.Ordinal);
        foreach (var destination in stale)
        {
            if (!IsSafeDestination(destination, out _))
            {
                dropped.Add(destination);
                continue;
            }
            var full = Path.GetFullPath(Path.Combine(Root, destination));
            if (!full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(full))
            {
                dropped.Add(destination);
                continue;
            }
            if (Hash(File.ReadAllBytes(full)) != _previous[destination])
            {
                kept.Add(destination);
                continue;
            }
            dropped.Add(destination);
            // Kept in the staging folder until the manifest is saved: a commit that fails before puts it back.
            Retire(full, replacing: false);
            removed++;
            for (var dir = Path.GetDirectoryName(full); dir is not null && dir.Length > Root.Length; dir = Path.GetDirectoryName(dir))
            {
                if (Directory.EnumerateFileSystemEntries(dir).Any()) break;
                Directory.Delete(dir);
            }
        }
        // Files kept because someone changed them stay ours to manage next time, under their old hash. Sorted once
        // (an array sort, not 50,000 inserts into a tree).
        var (manifest, fresh, from) = Manifest(kept, known);
        // In a session, a file that changed hash, came or went means the manifest differs from the one the last
        // commit wrote: it is not read back (7.6 MB at 10,000 papers) to be compared first.
        // The entries that stayed as they were are copied from the last manifest's bytes, and only the others written
        // (serialising 52,000 entries took ~25 ms of every serve rebuild at 10,000 papers, ~40 ms when files came or went).
        var bytes = known is not null && from is not null ? Spliced(manifest, from, known) : null;
        ManifestSpliced = bytes is not null;
        bytes = WriteManifest(manifest, bytes, differs: known is not null && (known.Changed.Length > 0 || fresh.Count > 0 || dropped.Count > 0));
        // What the next build of a serve session starts from; a single build has no next one (at 10,000 papers the
        // dictionary alone took ~10 ms at the end of every build).
        Written = _verified is null ? null
            : known is null ? new SavedManifest(new Dictionary<string, string>(manifest, StringComparer.Ordinal), Array.ConvertAll(manifest, m => m.Key), bytes)
            : Update(known, dropped, fresh, manifest) with { Bytes = bytes };
        // The build is in place: what it kept of the previous site goes (in a session, after the rebuild, see ReleaseFrom).
        // Nothing here can fail the build any more; a staging folder left behind is removed by the next one.
        try
        {
            if (_verified?.ReleasesLater(Root) == true && Directory.Exists(Path.Combine(Root, StagingName))) Release();
            else RemoveStaging();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return new CommitResult(_written, _unchanged, removed, kept) { FolderStats = _folderStats };
    }

    // In a serve session, what became of each destination of the last commit's manifest: the hash this build gave it
    // (null when this build did not write it), how many it wrote (all the others are new), and which changed hash.
    // One pass over the 50,000 destinations, on all cores, instead of a lookup per destination for the stale files,
    // another for the new ones and a third for the merged order, one after the other after the build.
    private sealed record Known(string?[] Hashes, int Matched, int[] Changed);

    private Known Match(string[] order)
    {
        var hashes = new string?[order.Length];
        var matched = 0;
        var changed = new ConcurrentBag<int>();
        var chunk = Math.Max(1024, order.Length / (4 * Environment.ProcessorCount) + 1);
        Parallel.For(0, (order.Length + chunk - 1) / chunk, c =>
        {
            var found = 0;
            for (int i = c * chunk, end = Math.Min(order.Length, i + chunk); i < end; i++)
            {
                if (!_current.TryGetValue(order[i], out var file)) continue;
                hashes[i] = file.Hash;
                found++;
                if (_previous[order[i]] != file.Hash) changed.Add(i);
            }
            Interlocked.Add(ref matched, found);
        });
        return new Known(hashes, matched, [.. changed]);
    }

    // The last commit's manifest (this session's, not read from disk), brought up to date in place: the few hashes that
    // changed, the stale files gone, the new ones added; its order is kept when no file came or went.
    private SavedManifest Update(Known known, List<string> dropped, List<KeyValuePair<string, string>> fresh, KeyValuePair<string, string>[] manifest)
    {
        var order = _previousOrder!;
        foreach (var i in known.Changed) _previous[order[i]] = known.Hashes[i]!;
        foreach (var destination in dropped) _previous.Remove(destination);
        foreach (var (destination, hash) in fresh) _previous[destination] = hash;
        return new SavedManifest(_previous, dropped.Count == 0 && fresh.Count == 0 ? order : Array.ConvertAll(manifest, m => m.Key));
    }

    // The manifest: every destination with its content hash, in ordinal order, and the destinations that are new since the
    // last commit. Sorting 50,000 paths took ~50 ms of every serve rebuild at 10,000 papers, so when the last commit's order
    // is known (a serve session) its destinations that remain keep that order, and the few new ones are sorted on their own
    // and merged in.
    private (KeyValuePair<string, string>[] Files, List<KeyValuePair<string, string>> Fresh, int[]? From) Manifest(List<string> kept, Known? known)
    {
        var manifest = new List<KeyValuePair<string, string>>(_current.Count + kept.Count);
        var fresh = new List<KeyValuePair<string, string>>();
        if (known is null)
        {
            foreach (var (destination, file) in _current) manifest.Add(new(destination, file.Hash));
            foreach (var k in kept) manifest.Add(new(k, _previous[k]));
            var all = manifest.ToArray();
            Array.Sort(all, (a, b) => string.CompareOrdinal(a.Key, b.Key));
            return (all, fresh, null);
        }
        // Every file this build wrote that the last manifest has was matched; only when some were not is there a new one.
        if (known.Matched < _current.Count)
        {
            foreach (var (destination, file) in _current)
            {
                if (!_previous.ContainsKey(destination)) fresh.Add(new(destination, file.Hash));
            }
            fresh.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        }
        var keptSet = kept.ToHashSet(StringComparer.Ordinal);
        var order = _previousOrder!;
        // Where each entry was in the last manifest (-1 for a new one).
        var from = new List<int>(manifest.Capacity);
        var f = 0;
        for (var i = 0; i < order.Length; i++)
        {
            var destination = order[i];
            var hash = known.Hashes[i] ?? (keptSet.Contains(destination) ? _previous[destination] : null);
            if (hash is null) continue;
            for (; f < fresh.Count && string.CompareOrdinal(fresh[f].Key, destination) < 0; f++)
            {
                manifest.Add(fresh[f]);
                from.Add(-1);
            }
            manifest.Add(new(destination, hash));
            from.Add(i);
        }
        for (; f < fresh.Count; f++)
        {
            manifest.Add(fresh[f]);
            from.Add(-1);
        }
        return manifest.Count == _current.Count + kept.Count ? ([.. manifest], fresh, [.. from])
            : throw new InvalidOperationException($"the manifest has {manifest.Count} of {_current.Count + kept.Count} files");
    }

    /// <summary>Whether the last commit spliced its manifest from the one before (see <see cref="Spliced"/>).</summary>
    internal bool ManifestSpliced { get; private set; }

    // The manifest's bytes made from the last manifest's: a run of entries that stayed where they were (neighbours before
    // as now) is copied as one block, a changed hash is written over the old one (hex, as long), and only the new
    // entries (and a changed one whose old value was not such a hash) are serialised. Null when there is nothing to
    // splice (no bytes kept, or either manifest empty).
    private ManifestBytes? Spliced(KeyValuePair<string, string>[] files, int[] from, Known known)
    {
        if (_previousBytes is not { } last || last.EndAt.Length == 0 || files.Length == 0) return null;
        var shape = ManifestShape.Value;
        var order = _previousOrder!;
        var changed = known.Changed.Length == 0 ? null : new HashSet<int>(known.Changed);
        // Per entry: copied from the last manifest's bytes (its hash written over afterwards when it changed), or made.
        var copied = new bool[files.Length];
        var written = new List<KeyValuePair<string, string>>();
        for (var k = 0; k < files.Length; k++)
        {
            var i = from[k];
            copied[k] = i >= 0 && (changed?.Contains(i) != true
                || (IsHex(files[k].Value) && _previous[order[i]] is var old && old.Length == files[k].Value.Length && IsHex(old)));
            if (!copied[k]) written.Add(files[k]);
        }
        var made = written.Count > 0 ? Serialise([.. written]) : null;

        // The pieces, in order: the header, then per entry its separator and body (a run of copied entries is one piece,
        // their separators inside it), then the tail.
        var pieces = new List<(ReadOnlyMemory<byte> Source, int Start, int Length)> { (shape.Bytes, 0, shape.Header) };
        var endAt = new int[files.Length];
        var at = shape.Header;
        var next = 0;
        for (var k = 0; k < files.Length; k++)
        {
            var i = from[k];
            if (copied[k] && k > 0 && i > 0 && copied[k - 1] && from[k - 1] == i - 1)
            {
                // The entry after the last one in the old manifest too: the run's piece grows to its end.
                var run = pieces[^1];
                var grown = last.EndAt[i] - last.EndAt[i - 1];
                pieces[^1] = (run.Source, run.Start, run.Length + grown);
                at += grown;
            }
            else
            {
                var (sepStart, sepLength) = k == 0 ? shape.SepFirst : shape.SepNext;
                pieces.Add((shape.Bytes, sepStart, sepLength));
                at += sepLength;
                var (source, start, end) = copied[k] ? (last.Bytes, shape.BodyStart(last.EndAt, i), last.EndAt[i])
                    : (made!.Bytes, shape.BodyStart(made.EndAt, next), made.EndAt[next++]);
                pieces.Add((source, start, end - start));
                at += end - start;
            }
            endAt[k] = at;
        }
        pieces.Add((shape.Bytes, shape.TailStart, shape.Bytes.Length - shape.TailStart));
        var length = at + shape.Bytes.Length - shape.TailStart;
        var bytes = _verified?.ManifestBuffer(length) ?? new byte[length];
        var to = 0;
        foreach (var (source, start, count) in pieces)
        {
            source.Span.Slice(start, count).CopyTo(bytes.AsSpan(to));
            to += count;
        }
        // The changed hashes of copied entries: the value ends the entry, its closing quote the last byte.
        if (changed is not null)
        {
            for (var k = 0; k < files.Length; k++)
            {
                if (!copied[k] || !changed.Contains(from[k])) continue;
                var hash = files[k].Value;
                System.Text.Encoding.ASCII.GetBytes(hash, bytes.AsSpan(endAt[k] - 1 - hash.Length, hash.Length));
            }
        }
        return new ManifestBytes(bytes.AsMemory(0, length), endAt);
    }

    // Lowercase hex, as Hash gives: written as it is in JSON, a byte a character.
    private static bool IsHex(string value) => value.Length > 0 && !value.AsSpan().ContainsAnyExcept("0123456789abcdef");

    // What the serialiser writes around the entries, learned once from a manifest of two: the header up to the files'
    // opening brace, the separator before the first entry and before each other one, and the tail after the last.
    private sealed record ManifestLayout(ReadOnlyMemory<byte> Bytes, int Header, (int Start, int Length) SepFirst, (int Start, int Length) SepNext, int TailStart)
    {
        // Where entry i's body (its key's opening quote) starts, given where each entry ends.
        public int BodyStart(int[] endAt, int i) => i == 0 ? Header + SepFirst.Length : endAt[i - 1] + SepNext.Length;
    }

    private static readonly Lazy<ManifestLayout> ManifestShape = new(() =>
    {
        var two = Serialise([new("a", "b"), new("c", "d")]);
        var span = two.Bytes.Span;
        var header = span.IndexOf("\"files\""u8);
        header += span[header..].IndexOf((byte)'{') + 1;
        var first = span[header..].IndexOf((byte)'"');
        var second = span[two.EndAt[0]..].IndexOf((byte)'"');
        return new ManifestLayout(two.Bytes, header, (header, first), (two.EndAt[0], second), two.EndAt[1]);
    });

    // Writes the manifest (its bytes, when spliced; else serialised), unless the file already holds them; returns the
    // bytes and where each entry ends in them, for the next commit of a session.
    private ManifestBytes? WriteManifest(KeyValuePair<string, string>[] files, ManifestBytes? spliced, bool differs)
    {
        var written = spliced ?? Serialise(files);
        Directory.CreateDirectory(Root);
        var path = Path.Combine(Root, ManifestName);
        if (differs || !File.Exists(path) || !File.ReadAllBytes(path).AsSpan().SequenceEqual(written.Bytes.Span))
        {
            var temp = path + ".tmp";
            _created.Enqueue(temp); // a write that fails (a full disk) leaves nothing once aborted
            File.WriteAllBytes(temp, written.Bytes.Span);
            // In a session the old manifest (12 MB at 10,000 papers) is let go after the rebuild, as large files are.
            if (written.Bytes.Length >= ReleaseFrom && _verified?.ReleasesLater(Root) == true && File.Exists(path)) KeepForRelease(path, Path.Combine(Root, StagingName, ReleasedName));
            File.Move(temp, path, overwrite: true);
        }
        // Only a session keeps them (a single build has no next commit).
        return _verified is null ? null : written;
    }

    private static ManifestBytes Serialise(KeyValuePair<string, string>[] files)
    {
        // Sized for the usual entry (path, hash, indent), and written straight into that buffer (a writer over a
        // stream grows a buffer of its own): no doubling trail of large arrays at 50,000 files.
        var ms = new System.Buffers.ArrayBufferWriter<byte>(files.Sum(f => f.Key.Length + f.Value.Length + 16) + 256);
        var endAt = new int[files.Length];
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("generator", "PortfolioGen");
            w.WriteStartObject("files");
            for (var i = 0; i < files.Length; i++)
            {
                w.WriteString(files[i].Key, files[i].Value);
                // The value ends the entry: its closing quote is the last byte written.
                endAt[i] = (int)(w.BytesCommitted + w.BytesPending);
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return new ManifestBytes(ms.WrittenMemory, endAt);
    }

    private static Dictionary<string, string> ReadManifest(string path)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path)) return result;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            if (doc.RootElement.TryGetProperty("files", out var files) && files.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in files.EnumerateObject())
                {
                    if (p.Value.ValueKind == JsonValueKind.String) result[p.Name] = p.Value.GetString()!;
                }
            }
        }
        catch (JsonException)
        {
            // A damaged manifest only means nothing is known to be ours: nothing gets deleted.
        }
        return result;
    }

    /// <summary>The content hash the manifest records.</summary>
    public static string Hash(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(XxHash128.Hash(bytes));
}

/// <summary>
/// A file prepared by <see cref="OutputFolder.Stage"/>: in the staging folder (<paramref name="StagedPath"/>),
/// newly written in place (<paramref name="Created"/>), or already there unchanged.
/// </summary>
public sealed record StagedFile(string Destination, string FinalPath, string? StagedPath, string Hash, long Length, bool Created);

/// <summary>A file being staged piece by piece (see <see cref="OutputFolder.OpenStaged"/>).</summary>
public sealed class StagedStream : IDisposable
{
    private readonly OutputFolder _output;
    private readonly string _destination, _full, _staged;
    private readonly XxHash128 _hash = new();
    private Microsoft.Win32.SafeHandles.SafeFileHandle? _existing; // the site's file, while what is written matches it
    private long _existingLength;
    private FileStream? _file;                                      // the staging file, once it differs
    private long _length;
    private StagedFile? _result;

    internal StagedStream(OutputFolder output, string destination, string full, string staged)
    {
        (_output, _destination, _full, _staged) = (output, destination, full, staged);
        if (File.Exists(full))
        {
            _existing = File.OpenHandle(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            _existingLength = RandomAccess.GetLength(_existing);
        }
        else
        {
            Diverge();
        }
    }

    /// <summary>Bytes written so far.</summary>
    public long Length => _length;

    /// <summary>A write-only <see cref="Stream"/> over this file, for writers that take one (XML, JSON, text).</summary>
    public Stream AsStream() => new Writer(this);

    private sealed class Writer(StagedStream target) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => target.Length;
        public override long Position { get => target.Length; set => throw new NotSupportedException(); }
        public override void Write(byte[] buffer, int offset, int count) => target.Write(buffer.AsSpan(offset, count));
        public override void Write(ReadOnlySpan<byte> buffer) => target.Write(buffer);
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    /// <summary>Appends bytes.</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        ObjectDisposedException.ThrowIf(_result is not null, this);
        _hash.Append(bytes);
        if (_file is null && !Matches(bytes)) Diverge();
        _file?.Write(bytes);
        _length += bytes.Length;
    }

    // Whether the site's file holds these bytes at this point. The site's file is read ahead in 64 KB blocks: a
    // whole-site bibliography is appended to in 10,000 pieces of ~2 KB, and a read per piece was 10,000 system calls.
    private bool Matches(ReadOnlySpan<byte> bytes)
    {
        if (_length + bytes.Length > _existingLength) return false;
        _window ??= System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 16);
        var position = _length;
        for (var done = 0; done < bytes.Length;)
        {
            if (position < _windowStart || position >= _windowStart + _windowLength)
            {
                _windowStart = position;
                _windowLength = RandomAccess.Read(_existing!, _window.AsSpan(0, (int)Math.Min(_window.Length, _existingLength - position)), position);
                if (_windowLength <= 0) return false;
            }
            var offset = (int)(position - _windowStart);
            var n = Math.Min(bytes.Length - done, _windowLength - offset);
            if (!_window.AsSpan(offset, n).SequenceEqual(bytes.Slice(done, n))) return false;
            done += n;
            position += n;
        }
        return true;
    }

    private byte[]? _window;
    private long _windowStart;
    private int _windowLength;

    private void ReturnWindow()
    {
        if (_window is null) return;
        System.Buffers.ArrayPool<byte>.Shared.Return(_window);
        _window = null;
        _windowLength = 0;
    }

    // From here on the content goes to the staging folder, starting with the part that matched.
    private void Diverge()
    {
        _output.EnsureParent(_staged);
        _file = new FileStream(_staged, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        if (_existing is null) return;
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            for (long copied = 0; copied < _length;)
            {
                var n = RandomAccess.Read(_existing, buffer.AsSpan(0, (int)Math.Min(buffer.Length, _length - copied)), copied);
                if (n <= 0) throw new IOException($"'{_full}' changed while it was being compared");
                _file.Write(buffer, 0, n);
                copied += n;
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
        _existing.Dispose();
        _existing = null;
        ReturnWindow();
    }

    /// <summary>Closes the file and stages it; the result goes into a <see cref="Pipelines.StagedContent"/>.</summary>
    public StagedFile Complete()
    {
        if (_result is not null) return _result;
        var hash = Convert.ToHexStringLower(_hash.GetCurrentHash());
        if (_file is null && _length == _existingLength)
        {
            // Every byte matched the site's file: it stays as it is.
            _existing!.Dispose();
            _existing = null;
            ReturnWindow();
            return _result = new StagedFile(_destination, _full, null, hash, _length, Created: false);
        }
        if (_file is null) Diverge(); // the site's file is longer
        _file!.Dispose();
        return _result = _output.Place(_destination, _full, _staged, hash, _length);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _existing?.Dispose();
        _file?.Dispose();
        ReturnWindow();
    }
}
