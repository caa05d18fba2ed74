namespace PortfolioGen.Output;

/// <summary>
/// What a <c>serve</c> session found in its output folder after its last successful build: every file that build
/// wrote or kept, with its content hash and length, checked on disk (it exists, with that length) once the build was
/// written and announced, while the session waits for the next change; and the modification time of each folder
/// holding them. A rebuild then keeps an unchanged file without asking the file system about it again (see
/// <see cref="OutputFolder.StageUnchanged"/>) as long as its folder was not changed since: one stat per folder instead
/// of one per file (at 10,000 papers a title edit reused ~50,000 files, and their stat calls were a quarter of its
/// time). A file deleted or added by hand changes its folder's time, so the next rebuild looks at that folder's files
/// again and writes back what is missing. (A file edited by hand in place changes only its own time: it is written
/// again by the first rebuild that changes it, or by <c>build</c>.)
/// </summary>
public sealed class VerifiedOutput
{
    private Dictionary<string, (string Full, string Folder, string Hash, long Length)> _files = new(StringComparer.Ordinal);
    private Dictionary<string, DateTime> _folders = new(StringComparer.Ordinal);
    private OutputFolder? _pending;

    /// <summary>
    /// How recent a folder's change may be for its files to be trusted: file-system times advance in steps of a
    /// few milliseconds, so a folder changed within the same step as the check could change again unseen.
    /// </summary>
    public static readonly TimeSpan Settled = TimeSpan.FromSeconds(1);

    /// <summary>Files known to be on disk.</summary>
    public int Count => _files.Count;

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
        _files = new(StringComparer.Ordinal);
        _folders = new(StringComparer.Ordinal);
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
        return spare is not null && spare.Length >= length ? spare : new byte[length];
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

    /// <summary>Checks every file of the last committed build on disk; returns how many are as it left them.</summary>
    public int Verify()
    {
        if (_pending is not { } output) return _files.Count;
        _pending = null;
        var settled = DateTime.UtcNow - Settled;
        var folders = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        var files = new Dictionary<string, (string, string, string, long)>(StringComparer.Ordinal);
        foreach (var f in output.Committed)
        {
            var folder = Path.GetDirectoryName(f.FinalPath)!;
            if (!folders.TryGetValue(folder, out var changed))
            {
                changed = folders[folder] = Directory.GetLastWriteTimeUtc(folder);
            }
            if (changed > settled) continue;
            var info = new FileInfo(f.FinalPath);
            if (info.Exists && info.Length == f.Length) files[f.Destination] = (f.FinalPath, folder, f.Hash, f.Length);
        }
        (_files, _folders) = (files, folders);
        return files.Count;
    }

    /// <summary>The file's full path and folder when it was verified with this content hash and length; else null.</summary>
    public (string Full, string Folder)? Holds(string destination, string hash, long length)
        => _files.TryGetValue(destination, out var f) && f.Length == length && f.Hash == hash ? (f.Full, f.Folder) : null;

    /// <summary>Whether a folder's modification time is still the one the check saw (a stat).</summary>
    public bool FolderUnchanged(string folder) => _folders.TryGetValue(folder, out var seen) && Directory.GetLastWriteTimeUtc(folder) == seen;
}

/// <summary>
/// A manifest as a commit saved it: destination to content hash, the destinations in the order saved (ordinal), and
/// its bytes with where each hash starts in them (the next commit writes its changed hashes over a copy).
/// </summary>
public sealed record SavedManifest(Dictionary<string, string> Files, string[] Order, (ReadOnlyMemory<byte> Bytes, int[] HashAt)? Bytes = null);
