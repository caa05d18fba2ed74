using System.Collections.Immutable;
using PortfolioGen.Profiles;

namespace PortfolioGen.Site;

/// <summary>A listed author as pages show them.</summary>
/// <param name="Name">As the paper lists them.</param>
/// <param name="IsOwner">Whether this is the site's owner (highlighted, not linked).</param>
/// <param name="CoAuthorSlug">The co-author's slug (null for the owner).</param>
/// <param name="Homepage">Their homepage from site.yml, if any.</param>
public sealed record AuthorView(string Name, bool IsOwner, string? CoAuthorSlug, string? Homepage);

/// <summary>A paper with everything the site adds to it: additions, featured state, author links.</summary>
public sealed record PaperView(Paper Paper, PaperAdditions Additions, bool Featured, ImmutableArray<AuthorView> Authors, ImmutableArray<PaperLink> Links)
{
    /// <summary>The site path of its page.</summary>
    /// <remarks>
    /// Made with the view (and again by a <c>with</c> that changes the paper): pages, citations, feeds and the search
    /// index ask for it ~20 times a paper, 3.7 MiB of strings in a 1,000-paper build when it was made each time.
    /// </remarks>
    public string Path { get; private init; } = SiteUrls.PaperPath(Paper.Slug);

    /// <summary>The paper (its initializer sets the field; <c>with</c> goes through <c>init</c>).</summary>
    public Paper Paper
    {
        get;
        init
        {
            field = value;
            Path = SiteUrls.PaperPath(value.Slug);
        }
    } = Paper;

    /// <summary>The slug.</summary>
    public string Slug => Paper.Slug;

    /// <summary>Builds the view of a paper.</summary>
    public static PaperView Create(Paper paper, PaperAdditions additions, Profile profile, SiteSettings settings,
        IReadOnlyDictionary<string, CoAuthor> coAuthorsByKey)
    {
        var authors = paper.Authors.Select(a =>
        {
            var key = Text.PersonNames.Key(a);
            if (profile.OwnerKeys.Contains(key)) return new AuthorView(a, true, null, null);
            coAuthorsByKey.TryGetValue(key, out var co);
            settings.CoAuthorHomepages.TryGetValue(key, out var homepage);
            return new AuthorView(a, false, co?.Slug, homepage);
        }).ToImmutableArray();
        var featured = additions.Featured || settings.Featured.Contains(paper.Slug);
        var links = additions.Links;
        // A paper marked "Code" whose abstract names a repository gets a code link without any extra file.
        if (paper.HasCode && !links.Any(l => l.Kind == "code") && CodeUrl(paper) is { } code)
        {
            var index = links.TakeWhile(l => Array.IndexOf(CodeFirst, l.Kind) >= 0).Count();
            links = links.Insert(index, new PaperLink("code", "Code", code));
        }
        return new PaperView(paper, additions, featured, authors, links);
    }

    /// <summary>Authors a list of papers shows at most (the paper's own page shows them all).</summary>
    public const int ListedAuthors = 10;

    /// <summary>
    /// The authors a list shows: all of them up to <paramref name="max"/>; else the first <paramref name="max"/>, or,
    /// when the owner is not among those, the first <paramref name="max"/> − 1 and the owner, so that the researcher is
    /// always in sight on her own site (a collaboration paper has ~2,600 authors, and her name is in the middle).
    /// </summary>
    /// <returns>The indexes (into <see cref="Authors"/>) of the authors shown, the authors left out between the last
    /// two shown (before the owner), and the authors left out after the last one shown.</returns>
    public static (int[] Shown, int Gap, int After) ListAuthors(ImmutableArray<AuthorView> authors, int max = ListedAuthors)
    {
        var n = authors.Length;
        if (n <= max) return ([.. Enumerable.Range(0, n)], 0, 0);
        var owner = OwnerIndex(authors);
        if (owner < max) return ([.. Enumerable.Range(0, max)], 0, n - max);
        return ([.. Enumerable.Range(0, max - 1), owner], owner - (max - 1), n - owner - 1);
    }

    /// <summary>Where the owner is among <paramref name="authors"/>, or -1.</summary>
    public static int OwnerIndex(ImmutableArray<AuthorView> authors)
    {
        for (var i = 0; i < authors.Length; i++)
        {
            if (authors[i].IsOwner) return i;
        }
        return -1;
    }

    private static readonly string[] CodeFirst = ["pdf", "arxiv", "doi"];

    private static string? CodeUrl(Paper paper)
    {
        if (paper.Abstract is null) return null;
        // The first word (words end at spaces, brackets and line ends) that is a repository's address.
        var text = paper.Abstract.Text;
        for (var at = text.IndexOf("https://", StringComparison.Ordinal); at >= 0; at = text.IndexOf("https://", at + 1, StringComparison.Ordinal))
        {
            if (at > 0 && text[at - 1] is not (' ' or '(' or ')' or '\n')) continue;
            var end = text.AsSpan(at).IndexOfAny(" ()\n");
            var w = text.AsSpan(at, end < 0 ? text.Length - at : end).TrimEnd(".,;:");
            if ((w.StartsWith("https://github.com/", StringComparison.Ordinal) || w.StartsWith("https://gitlab.com/", StringComparison.Ordinal)
                 || w.StartsWith("https://huggingface.co/", StringComparison.Ordinal))
                && w.Count('/') >= 4)
            {
                return w.ToString();
            }
        }
        return null;
    }
}
