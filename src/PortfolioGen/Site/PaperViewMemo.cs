namespace PortfolioGen.Site;

/// <summary>
/// The paper views of a <c>serve</c> session's last build, so that a rebuild hands on the same view object for every
/// paper whose view did not change. Every cache a rebuild consults (<see cref="Pipelines.CacheDocuments"/> keys, the
/// list entries' models and their fingerprints) then finds it by reference instead of comparing or hashing it again.
/// A view is handed on only when its paper is also on the same lines, as messages name them.
/// </summary>
public sealed class PaperViewMemo
{
    // The last build's views in the profile's order, where a rebuild finds nearly every paper, and the same by slug (for
    // a paper an edit moved to another place), made when first needed or while serve waits for an edit (Settle).
    private PaperView[] _last = [];
    private Dictionary<string, PaperView>? _bySlug;

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
    public PaperView? Reusable(Profiles.Paper paper, PaperAdditions additions, SiteContext site) => Reusable(-1, paper, additions, site);

    /// <summary><see cref="Reusable(Profiles.Paper, PaperAdditions, SiteContext)"/> of the paper at <paramref name="index"/>
    /// in the profile, where it is looked for first.</summary>
    public PaperView? Reusable(int index, Profiles.Paper paper, PaperAdditions additions, SiteContext site)
    {
        var answer = _answer;
        if (answer is null || !ReferenceEquals(answer.Site, site)) _answer = answer = new Answer(site, Fits(site));
        if (!answer.Fits) return null;
        var last = _last;
        var old = (uint)index < (uint)last.Length && ReferenceEquals(last[index].Paper, paper) ? last[index] : BySlug(last).GetValueOrDefault(paper.Slug);
        return old is not null && ReferenceEquals(old.Paper, paper) && ReferenceEquals(old.Additions, additions) ? old : null;
    }

    // The last views by slug; safe to ask for from several threads at once.
    private Dictionary<string, PaperView> BySlug(PaperView[] last)
    {
        if (_bySlug is { } made) return made;
        var bySlug = new Dictionary<string, PaperView>(last.Length, StringComparer.Ordinal);
        foreach (var view in last) bySlug[view.Slug] = view;
        return Interlocked.CompareExchange(ref _bySlug, bySlug, null) ?? bySlug;
    }

    /// <summary>Makes the lookup by slug while <c>serve</c> waits for the next edit, so that a rebuild need not.</summary>
    public void Settle() => BySlug(_last);

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
        var reused = 0;
        for (var i = 0; i < views.Length; i++)
        {
            // Handed on by Reusable, or the last view of the paper in the same place, else of the same slug anywhere.
            if (i < last.Length && ReferenceEquals(views[i], last[i]))
            {
                reused++;
                continue;
            }
            var old = i < last.Length && last[i].Slug == views[i].Slug ? last[i] : BySlug(last).GetValueOrDefault(views[i].Slug);
            if (old is not null && old.Paper.Line == views[i].Paper.Line && InputKey.Same(old, views[i]))
            {
                views[i] = old;
                reused++;
            }
        }
        (_last, _bySlug) = ([.. views], null);
        Reused = reused;
    }
}
