using System.Collections.Concurrent;

namespace PortfolioGen.Themes;

/// <summary>
/// Remembers each page's rendered HTML with the fingerprint of what it was made from (layout, theme,
/// model). Kept across the rebuilds of one <c>serve</c> session: a page whose fingerprint did not change
/// is not rendered again. Also records, per build, which pages were rendered, for the log.
/// </summary>
public sealed class RenderCache
{
    private readonly ConcurrentDictionary<string, (UInt128 Fingerprint, string Html)> _entries = new(StringComparer.Ordinal);
    private readonly RenderCache? _owner;
    private ConcurrentQueue<string> _rendered = new();
    private int _reused;

    /// <summary>An empty cache.</summary>
    public RenderCache()
    {
    }

    private RenderCache(RenderCache owner) => _owner = owner;

    /// <summary>
    /// A view of this cache that only counts what is rendered: it keeps no HTML and reuses none. For pages whose whole
    /// result another cache keeps (see <see cref="Pipelines.CacheDocuments"/>).
    /// </summary>
    public RenderCache RecordOnly => _recordOnly ??= new RenderCache(this);

    private RenderCache? _recordOnly;

    /// <summary>Whether this cache keeps pages (false for <see cref="RecordOnly"/>).</summary>
    public bool Stores => _owner is null;

    /// <summary>The previous HTML of a page, when its fingerprint is unchanged.</summary>
    public bool TryGet(string destination, UInt128 fingerprint, out string html)
    {
        if (_owner is null && _entries.TryGetValue(destination, out var e) && e.Fingerprint == fingerprint)
        {
            Interlocked.Increment(ref _reused);
            html = e.Html;
            return true;
        }
        html = "";
        return false;
    }

    /// <summary>Stores a page just rendered.</summary>
    public void Set(string destination, UInt128 fingerprint, string html)
    {
        if (_owner is not null)
        {
            _owner._rendered.Enqueue(destination);
            return;
        }
        _entries[destination] = (fingerprint, html);
        _rendered.Enqueue(destination);
    }

    /// <summary>Starts counting for a new build.</summary>
    public void BeginBuild()
    {
        _rendered = new();
        _reused = 0;
    }

    /// <summary>The pages rendered during the current build, sorted.</summary>
    public IReadOnlyList<string> Rendered => [.. _rendered.Order(StringComparer.Ordinal)];

    /// <summary>How many pages were reused during the current build.</summary>
    public int Reused => _reused;
}
