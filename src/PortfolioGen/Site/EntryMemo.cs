using System.Collections.Concurrent;

namespace PortfolioGen.Site;

/// <summary>
/// The bytes of each paper's part of the site-wide files (its entry in the feed, its document in the search index,
/// its line in <c>llms.txt</c>), kept across the builds of one <c>serve</c> session. A view the
/// <see cref="PaperViewMemo"/> handed on unchanged is the same object, so its part is taken by reference, and after
/// an edit to one paper of 10,000 only that paper's part is made again; the file is then its head, the parts in
/// order and its tail. A part is kept under the view, the <c>extra</c> it was made with (a position, a length limit:
/// whatever else of the build it depends on) and the file's environment (the site's URLs); a file whose environment
/// changed starts afresh, each build keeps only the parts of its own views, and a file a build did not make (the feed
/// of a site that lost its base URL) is let go at the build's end (<see cref="EndBuild"/>).
/// </summary>
public sealed class EntryMemo
{
    private readonly ConcurrentDictionary<string, FileParts> _files = new(StringComparer.Ordinal);
    private int _made, _build;

    private sealed record FileParts(string Environment, Dictionary<PaperView, (object? Extra, byte[] Bytes)> Parts, int Build);

    /// <summary>Starts a build: the files it makes are marked as its own.</summary>
    public void BeginBuild() => Interlocked.Increment(ref _build);

    /// <summary>Ends a build: files it did not make go, with their parts and the views they are kept under.</summary>
    public void EndBuild()
    {
        foreach (var (file, parts) in _files)
        {
            if (parts.Build != Volatile.Read(ref _build)) _files.TryRemove(file, out _);
        }
    }

    /// <summary>How many parts were made (not found) since the session began; tests read it.</summary>
    public int Made => Volatile.Read(ref _made);

    /// <summary>
    /// The parts of <paramref name="file"/> for <paramref name="views"/>, in their order. Those not kept are made
    /// by <paramref name="make"/>, in one call, from their indices in <paramref name="views"/> (ascending); it returns
    /// one part per index given (it is called with none too, when everything was kept, so it can make the file's head
    /// and tail). <paramref name="extraOf"/> gives what else a part at an index depends on (compared with
    /// <see cref="object.Equals(object?, object?)"/>), or is null when nothing does.
    /// </summary>
    public byte[][] Parts(string file, string environment, IReadOnlyList<PaperView> views, Func<int, object?>? extraOf,
        Func<IReadOnlyList<int>, IReadOnlyList<byte[]>> make)
    {
        ArgumentNullException.ThrowIfNull(views);
        ArgumentNullException.ThrowIfNull(make);
        var kept = _files.TryGetValue(file, out var before) && before.Environment == environment ? before.Parts : null;
        var parts = new byte[views.Count][];
        var extras = new object?[views.Count];
        var missing = new List<int>();
        for (var i = 0; i < views.Count; i++)
        {
            extras[i] = extraOf?.Invoke(i);
            if (kept is not null && kept.TryGetValue(views[i], out var part) && Equals(part.Extra, extras[i])) parts[i] = part.Bytes;
            else missing.Add(i);
        }
        var made = make(missing);
        if (made.Count != missing.Count) throw new InvalidOperationException($"{file}: {made.Count} parts made for {missing.Count} papers");
        for (var m = 0; m < missing.Count; m++) parts[missing[m]] = made[m];
        Interlocked.Add(ref _made, missing.Count);
        var now = new Dictionary<PaperView, (object?, byte[])>(views.Count, ReferenceEqualityComparer.Instance);
        for (var i = 0; i < views.Count; i++) now[views[i]] = (extras[i], parts[i]);
        _files[file] = new FileParts(environment, now, Volatile.Read(ref _build));
        return parts;
    }

    /// <summary>Writes <paramref name="head"/>, the parts and <paramref name="tail"/> to <paramref name="output"/>.</summary>
    public static void Write(Stream output, ReadOnlySpan<byte> head, IReadOnlyList<byte[]> parts, ReadOnlySpan<byte> tail)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(parts);
        output.Write(head);
        foreach (var part in parts) output.Write(part);
        output.Write(tail);
    }
}
