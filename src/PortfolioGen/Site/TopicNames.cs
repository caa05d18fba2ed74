using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using PortfolioGen.Profiles;

namespace PortfolioGen.Site;

/// <summary>
/// Topics a reader can tell apart: arXiv gives some categories the same name (cs.LG and stat.ML are both "Machine
/// Learning", math.MP and math-ph both "Mathematical Physics"). When a site has two such categories, each is named with
/// its code too, "Machine Learning (cs.LG)", wherever a topic's name shows (chips, topic pages' titles and headings, the
/// search index, the feed, the charts); a category whose name no other of the site's shares keeps its name.
/// </summary>
public static class TopicNames
{
    // Each paper given another name for its category, kept while the paper lives: serve's memos know an unchanged paper
    // by reference (see PaperViewMemo), so an unchanged paper must get the same renamed object on every rebuild.
    private static readonly ConditionalWeakTable<Paper, Paper> Renamed = new();

    /// <summary>The profile with every category whose name another of its categories shares (its papers' and its primary
    /// category) named with its code too; the profile itself when there is none.</summary>
    public static Profile Distinguish(Profile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        HashSet<string>? alike = null;
        var codeByName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in profile.Papers.Select(p => p.Category).Append(profile.PrimaryCategory))
        {
            if (c is null) continue;
            if (!codeByName.TryGetValue(c.Name, out var code)) codeByName[c.Name] = c.Code;
            else if (code != c.Code) (alike ??= new HashSet<string>(StringComparer.Ordinal)).UnionWith([code, c.Code]);
        }
        if (alike is null) return profile;
        Category Named(Category c) => alike.Contains(c.Code) ? c with { Name = $"{c.Name} ({c.Code})" } : c;
        var papers = profile.Papers.Select(p =>
        {
            if (!alike.Contains(p.Category.Code)) return p;
            var category = Named(p.Category);
            if (Renamed.TryGetValue(p, out var renamed) && renamed.Category == category) return renamed;
            renamed = p with { Category = category };
            Renamed.AddOrUpdate(p, renamed);
            return renamed;
        }).ToImmutableArray();
        return profile with { Papers = papers, PrimaryCategory = profile.PrimaryCategory is { } primary ? Named(primary) : null };
    }

    /// <summary>
    /// The name arXiv gives a category, without the code <see cref="Distinguish"/> may have added: for places that show
    /// the code beside the name already ("cs.LG Machine Learning" on a social card or in a chart's legend).
    /// </summary>
    public static string Plain(string name, string code)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(code);
        return name.Length > code.Length + 3 && name.EndsWith(")", StringComparison.Ordinal)
            && name.AsSpan(name.Length - code.Length - 3).StartsWith(" (", StringComparison.Ordinal)
            && name.AsSpan(name.Length - code.Length - 1, code.Length).SequenceEqual(code)
            ? name[..^(code.Length + 3)] : name;
    }

    /// <summary><see cref="Plain(string, string)"/> of a category.</summary>
    public static string Plain(Category category) => Plain(category.Name, category.Code);
}
