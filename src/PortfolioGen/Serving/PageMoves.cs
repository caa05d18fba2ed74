namespace PortfolioGen.Serving;

/// <summary>
/// Which paper pages an edit moved: a paper's page lives at its slug, and a title edit that changes the slug moves the
/// page (<c>papers/old-title/</c> to <c>papers/new-title/</c>). <c>serve</c> sends a browser showing the old page to the
/// new one instead of reloading it into a 404.
/// </summary>
public static class PageMoves
{
    /// <summary>
    /// Pairs the pages of two builds, each given by its paper's slug in the profile's order (entry by entry, as the file lists them). An
    /// edit inside entries keeps that order, so where the two lists differ only in a stretch of the same length in
    /// which every place either keeps its page or has a page that is gone replaced by one that is new, each such page
    /// moved to the new page in its place. Anything else (an entry added or removed, entries moved, a page that went
    /// to another paper) leaves which paper is which unknown, and nothing is paired. Returns the moves, old slug to
    /// new. <paramref name="present"/> says whether a slug is among <paramref name="after"/> (the build's own lookup, if
    /// it has one); by default a set of them is made.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Find(IReadOnlyList<string> before, IReadOnlyList<string> after, Func<string, bool>? present = null)
    {
        var moves = new Dictionary<string, string>(StringComparer.Ordinal);
        var prefix = 0;
        while (prefix < before.Count && prefix < after.Count && before[prefix] == after[prefix]) prefix++;
        var suffix = 0;
        while (suffix < before.Count - prefix && suffix < after.Count - prefix && before[^(suffix + 1)] == after[^(suffix + 1)]) suffix++;
        var length = before.Count - prefix - suffix;
        if (length == 0 || length != after.Count - prefix - suffix) return moves;
        present ??= after.ToHashSet(StringComparer.Ordinal).Contains;
        for (var i = prefix; i < prefix + length; i++)
        {
            if (before[i] == after[i]) continue;
            // A page still in the site, in another place: the entries moved, or one paper took another's page. (A page of
            // the last build that now stands in another place is caught at its own old place: pages are unique.)
            if (present(before[i])) return new Dictionary<string, string>();
            moves[before[i]] = after[i];
        }
        return moves;
    }
}
