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

    // What every view of the last Keep was made with besides its paper and additions: the co-authors (a view links each
    // by its slug), the owner's keys (which authors are the owner) and site.yml (featured papers, co-authors' homepages).
    private sealed record Environment(System.Collections.Immutable.ImmutableArray<Profiles.CoAuthor> CoAuthors,
        System.Collections.Immutable.ImmutableHashSet<string> OwnerKeys, string? Settings);

    private Environment? _environment;

    // Whether the site of the build asking is one the last views fit, worked out once per site.
    private sealed record Answer(SiteContext Site, bool Fits);

    private Answer? _answer;

    /// <summary>
    /// The last build's view of <paramref name="paper"/>, when it can be handed on without making the view again: it is
    /// of this very paper object (the profile's read kept it, see <see cref="Profiles.ProfileParseCache"/>) and these
    /// very additions, and the site's owner's keys and site.yml are the ones it was made with, as are its co-authors'
    /// keys and slugs (a title edit that renames a paper gives its co-authors new paper lists, which views do not show).
    /// Null otherwise.
    /// </summary>
    public PaperView? Reusable(Profiles.Paper paper, PaperAdditions additions, SiteContext site)
    {
        var answer = _answer;
        if (answer is null || !ReferenceEquals(answer.Site, site)) _answer = answer = new Answer(site, Fits(site));
        if (!answer.Fits) return null;
        return _last.TryGetValue(paper.Slug, out var old) && ReferenceEquals(old.Paper, paper) && ReferenceEquals(old.Additions, additions) ? old : null;
    }

    private bool Fits(SiteContext site)
        => _environment is { } e && e.Settings == site.SettingsText && (ReferenceEquals(e.OwnerKeys, site.Profile.OwnerKeys) || e.OwnerKeys.SetEquals(site.Profile.OwnerKeys))
           && SameLinks(e.CoAuthors, site.Profile.CoAuthors);

    // Whether two builds' co-authors are the same people (keys) with the same slugs, in the same order: a view links its
    // co-authors by slug. (The profile's read makes new papers, and so new views, whenever co-authors could change; this
    // is the memo's own guard.)
    internal static bool SameLinks(System.Collections.Immutable.ImmutableArray<Profiles.CoAuthor> then, System.Collections.Immutable.ImmutableArray<Profiles.CoAuthor> now)
    {
        if (then == now) return true;
        if (then.Length != now.Length) return false;
        for (var i = 0; i < now.Length; i++)
        {
            if (!ReferenceEquals(then[i], now[i]) && (then[i].Key != now[i].Key || then[i].Slug != now[i].Slug)) return false;
        }
        return true;
    }

    /// <summary>
    /// Replaces each view equal to the last build's view of the same paper (<see cref="InputKey.Same"/>, and the same
    /// line) with that earlier object, and remembers the result, and what <paramref name="site"/> made the views with, for the
    /// next build.
    /// </summary>
    public void Keep(PaperView[] views, SiteContext? site = null)
    {
        _environment = site is null ? null : new Environment(site.Profile.CoAuthors, site.Profile.OwnerKeys, site.SettingsText);
        _answer = null;
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
