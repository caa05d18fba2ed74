namespace PortfolioGen.Site;

/// <summary>
/// The paper views of a <c>serve</c> session's last build, so that a rebuild hands on the same view object for every
/// paper whose view did not change. Every cache a rebuild consults (<see cref="Pipelines.CacheDocuments"/> keys, the
/// list entries' models and their fingerprints) then finds it by reference instead of comparing or hashing it again.
/// A view is handed on only when its paper is also on the same lines, as messages name them.
/// </summary>
public sealed class PaperViewMemo
{
    private Dictionary<string, PaperView> _last = new(StringComparer.Ordinal);

    /// <summary>Views handed on by the last <see cref="Keep"/>.</summary>
    public int Reused { get; private set; }

    /// <summary>
    /// Replaces each view equal to the last build's view of the same paper (<see cref="InputKey.Same"/>, and the same
    /// line) with that earlier object, and remembers the result for the next build.
    /// </summary>
    public void Keep(PaperView[] views)
    {
        var last = _last;
        var next = new Dictionary<string, PaperView>(views.Length, StringComparer.Ordinal);
        var reused = 0;
        for (var i = 0; i < views.Length; i++)
        {
            if (last.TryGetValue(views[i].Slug, out var old) && old.Paper.Line == views[i].Paper.Line && InputKey.Same(old, views[i]))
            {
                views[i] = old;
                reused++;
            }
            next[views[i].Slug] = views[i];
        }
        _last = next;
        Reused = reused;
    }
}
