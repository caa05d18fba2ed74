namespace PortfolioGen.Output;

/// <summary>
/// What a <c>serve</c> session found in its output folder after its last successful build: every file that build
/// wrote or kept, with its content hash and length, checked on disk (it exists, with that length) once the build was
/// written and announced, while the session waits for the next change. A rebuild then keeps an unchanged file without
/// asking the file system again (see <see cref="OutputFolder.StageUnchanged"/>): at 10,000 papers a title edit
/// reused ~50,000 files and spent a quarter of its time on their stat calls. A file deleted by hand in the time between
/// that check and the next rebuild is written again by the first rebuild that changes it, or by <c>build</c>.
/// </summary>
public sealed class VerifiedOutput
{
    private Dictionary<string, (string Full, string Hash, long Length)> _files = new(StringComparer.Ordinal);
    private OutputFolder? _pending;

    /// <summary>Files known to be on disk.</summary>
    public int Count => _files.Count;

    /// <summary>Remembers a committed build's folder, to be verified (before that, nothing of it is trusted).</summary>
    public void Committed(OutputFolder output)
    {
        _pending = output;
        _files = new(StringComparer.Ordinal);
    }

    /// <summary>Checks every file of the last committed build on disk; returns how many are as it left them.</summary>
    public int Verify()
    {
        if (_pending is not { } output) return _files.Count;
        _pending = null;
        var files = new Dictionary<string, (string, string, long)>(StringComparer.Ordinal);
        foreach (var f in output.Committed)
        {
            var info = new FileInfo(f.FinalPath);
            if (info.Exists && info.Length == f.Length) files[f.Destination] = (f.FinalPath, f.Hash, f.Length);
        }
        _files = files;
        return files.Count;
    }

    /// <summary>The file's full path when it was verified with this content hash and length; else null.</summary>
    public string? Holds(string destination, string hash, long length)
        => _files.TryGetValue(destination, out var f) && f.Length == length && f.Hash == hash ? f.Full : null;
}
