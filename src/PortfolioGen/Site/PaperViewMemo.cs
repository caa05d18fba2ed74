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

    /// <summary>The citation keys the last build gave its papers, kept while no paper's key could change.</summary>
    public Scholarly.Citations.CitationKeyMemo CitationKeys { get; } = new();

    /// <summary>Views handed on by the last <see cref="Keep"/>.</summary>
    public int Reused { get; private set; }

    // What every view of the last Keep was made with besides its paper and additions: the co-authors (their slugs) and
    // site.yml (featured papers, co-authors' homepages). The profile's owner keys go with the co-authors, which the
    // parse keeps only while the owner's keys are the same.
    private (System.Collections.Immutable.ImmutableArray<Profiles.CoAuthor> CoAuthors, string? Settings)? _environment;

    /// <summary>
    /// The last build's view of <paramref name="paper"/>, when it can be handed on without making the view again: it is
    /// of this very paper object (the profile's read kept it, see <see cref="Profiles.ProfileParseCache"/>) and these
    /// very additions, and the site's co-authors and site.yml are the ones it was made with. Null otherwise.
    /// </summary>
    public PaperView? Reusable(Profiles.Paper paper, PaperAdditions additions, SiteContext site)
    {
        if (_environment is not { } e || e.CoAuthors != site.Profile.CoAuthors || e.Settings != site.SettingsText) return null;
        return _last.TryGetValue(paper.Slug, out var old) && ReferenceEquals(old.Paper, paper) && ReferenceEquals(old.Additions, additions) ? old : null;
    }

    /// <summary>
    /// Replaces each view equal to the last build's view of the same paper (<see cref="InputKey.Same"/>, and the same
    /// line) with that earlier object, and remembers the result, and what <paramref name="site"/> made the views with, for the
    /// next build.
    /// </summary>
    public void Keep(PaperView[] views, SiteContext? site = null)
    {
        _environment = site is null ? null : (site.Profile.CoAuthors, site.SettingsText);
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
