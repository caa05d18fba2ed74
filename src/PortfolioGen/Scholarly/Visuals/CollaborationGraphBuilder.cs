using PortfolioGen.Profiles;
using PortfolioGen.Site;

namespace PortfolioGen.Scholarly.Visuals;

using Math = System.Math;

/// <summary>Builds the owner's co-authorship graph from her papers and lays it out.</summary>
public static class CollaborationGraphBuilder
{
    /// <summary>The owner's node id (never a slug: slugs have no '@').</summary>
    public const string OwnerId = "@owner";

    /// <summary>The canvas: about the width of the theme's text column, so labels print near body size on a desktop.</summary>
    public const double Width = 560, Height = 460;

    // Circles keep this far from the canvas edge, leaving room for a label above or below.
    private const double Margin = 8;
    private const double MinRadius = 2.5;
    private const double MaxCoAuthorRadius = 20;
    private const double MaxOwnerRadius = 30;

    /// <summary>Edges drawn at most, per node shown (the strongest are kept): a denser drawing is unreadable and heavy.</summary>
    public const int EdgesPerNode = 4;

    /// <summary>
    /// The owner and her co-authors as nodes (circle area proportional to papers together; the owner's is all papers,
    /// capped at radius 30 when that would dwarf the rest, which the description then says; no radius below 2.5),
    /// an edge between any two people listed on the same paper (the owner where she is listed), weighted by the papers
    /// they share. With more than <paramref name="maxNodes"/> co-authors only the strongest are kept (most papers
    /// together, ties by name, ordinal); <see cref="CollaborationGraph.TotalCoAuthors"/> and
    /// <see cref="CollaborationGraph.Shown"/> say so. Edges beyond <see cref="EdgesPerNode"/> per node are dropped,
    /// weakest first. The layout is a seeded force-directed one (Barnes–Hut), so the same papers always give the same
    /// picture, byte for byte; 300 nodes take a few tens of milliseconds.
    /// </summary>
    /// <param name="papers">The papers to draw (usually all of them).</param>
    /// <param name="profile">The profile (co-authors' display names).</param>
    /// <param name="coAuthorUrl">A co-author's page URL from their slug.</param>
    /// <param name="maxNodes">Co-authors drawn at most (the owner comes on top).</param>
    /// <param name="maxLabels">Co-authors labelled at most (the strongest; the owner is labelled besides).</param>
    public static CollaborationGraph Build(IReadOnlyList<PaperView> papers, Profile profile, Func<string, string> coAuthorUrl, int maxNodes = 300, int maxLabels = 30)
    {
        ArgumentNullException.ThrowIfNull(papers);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(coAuthorUrl);
        ArgumentOutOfRangeException.ThrowIfNegative(maxNodes);
        ArgumentOutOfRangeException.ThrowIfNegative(maxLabels);

        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in profile.CoAuthors) names.TryAdd(c.Slug, c.Name);

        // Everyone on the papers (by co-author slug), and how many papers list them.
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var slugs = new List<string>();
        var labels = new List<string>();
        var counts = new List<int>();
        var stamp = new List<int>();
        for (var p = 0; p < papers.Count; p++)
        {
            foreach (var a in papers[p].Authors)
            {
                if (a.IsOwner || a.CoAuthorSlug is not { } slug) continue;
                if (!index.TryGetValue(slug, out var i))
                {
                    i = index[slug] = slugs.Count;
                    slugs.Add(slug);
                    labels.Add(names.GetValueOrDefault(slug) ?? a.Name);
                    counts.Add(0);
                    stamp.Add(-1);
                }
                if (stamp[i] == p) continue; // listed twice on one paper
                stamp[i] = p;
                counts[i]++;
            }
        }

        // The strongest co-authors become nodes 1…shown; node 0 is the owner.
        var order = Enumerable.Range(0, slugs.Count)
            .OrderByDescending(i => counts[i])
            .ThenBy(i => labels[i], StringComparer.Ordinal)
            .ThenBy(i => slugs[i], StringComparer.Ordinal)
            .Take(maxNodes)
            .ToArray();
        var shown = order.Length;
        var nodeOf = new int[slugs.Count];
        Array.Fill(nodeOf, -1);
        for (var k = 0; k < shown; k++) nodeOf[order[k]] = k + 1;

        var (edges, totalEdges) = Edges(papers, index, nodeOf, shown + 1);

        // Area ∝ papers: r = scale·√papers, the scale chosen so circles cover at most ~16% of the canvas and the
        // strongest co-author stays modest.
        var n = shown + 1;
        var paperCount = new int[n];
        paperCount[0] = papers.Count;
        for (var k = 0; k < shown; k++) paperCount[k + 1] = counts[order[k]];
        var coPapers = paperCount.Skip(1).Sum();
        var scale = 5.5;
        if (coPapers > 0)
        {
            scale = Math.Min(scale, Math.Sqrt(0.16 * Width * Height / (Math.PI * coPapers)));
            scale = Math.Min(scale, MaxCoAuthorRadius / Math.Sqrt(paperCount[1]));
        }
        var radius = new double[n];
        for (var k = 0; k < n; k++) radius[k] = Svg.Round(Math.Max(MinRadius, scale * Math.Sqrt(paperCount[k])));
        var ownerNotToScale = radius[0] > MaxOwnerRadius;
        radius[0] = Math.Min(radius[0], MaxOwnerRadius);

        var (x, y) = ForceLayout.Run(radius, edges, Width, Height, Margin);
        for (var k = 0; k < n; k++)
        {
            // Rounded to the printed precision, then kept inside even after rounding.
            var r = radius[k] + Margin;
            x[k] = Svg.Round(Math.Clamp(Svg.Round(x[k]), r, Width - r));
            y[k] = Svg.Round(Math.Clamp(Svg.Round(y[k]), r, Height - r));
        }

        var ids = new string[n];
        ids[0] = OwnerId;
        for (var k = 0; k < shown; k++) ids[k + 1] = slugs[order[k]];
        var text = new string[n];
        text[0] = profile.Name;
        for (var k = 0; k < shown; k++) text[k + 1] = labels[order[k]];

        var wanted = Enumerable.Range(0, 1 + Math.Min(maxLabels, shown)).Select(k => (k, ids[k], text[k])).ToList();
        var placed = LabelPlacer.Place(wanted, x, y, radius, Width, Height);
        var narrow = LabelPlacer.Place(wanted, x, y, radius, Width, Height, LabelPlacer.NarrowFontSize);
        var labelled = placed.Select(l => l.NodeId).ToHashSet(StringComparer.Ordinal);

        var nodes = new GraphNode[n];
        for (var k = 0; k < n; k++)
        {
            nodes[k] = new GraphNode(ids[k], text[k], k == 0 ? null : coAuthorUrl(ids[k]), paperCount[k], k == 0,
                x[k], y[k], radius[k], labelled.Contains(ids[k]));
        }
        return new CollaborationGraph(nodes, [.. edges.Select(e => new GraphEdge(ids[e.A], ids[e.B], e.Weight))], slugs.Count, shown, Width, Height)
        {
            Labels = placed,
            NarrowLabels = narrow,
            TotalEdges = totalEdges,
            OwnerNotToScale = ownerNotToScale,
        };
    }

    /// <summary>Edges among the nodes: every pair listed on one paper, weighted by papers; the strongest kept.</summary>
    private static (List<(int A, int B, int Weight)> Edges, int Total) Edges(IReadOnlyList<PaperView> papers, Dictionary<string, int> index, int[] nodeOf, int n)
    {
        var weights = new Dictionary<long, int>();
        var onPaper = new List<int>();
        foreach (var paper in papers)
        {
            onPaper.Clear();
            foreach (var a in paper.Authors)
            {
                var node = a.IsOwner ? 0 : a.CoAuthorSlug is { } slug ? nodeOf[index[slug]] : -1;
                if (node >= 0 && !onPaper.Contains(node)) onPaper.Add(node);
            }
            onPaper.Sort();
            for (var i = 0; i < onPaper.Count; i++)
            {
                for (var j = i + 1; j < onPaper.Count; j++)
                {
                    var key = (long)onPaper[i] * n + onPaper[j];
                    weights[key] = weights.GetValueOrDefault(key) + 1;
                }
            }
        }
        var all = weights.Select(kv => (A: (int)(kv.Key / n), B: (int)(kv.Key % n), Weight: kv.Value)).ToList();
        var cap = EdgesPerNode * n;
        IEnumerable<(int A, int B, int Weight)> kept = all;
        if (all.Count > cap) kept = all.OrderByDescending(e => e.Weight).ThenBy(e => e.A).ThenBy(e => e.B).Take(cap);
        return ([.. kept.OrderBy(e => e.A).ThenBy(e => e.B)], all.Count);
    }
}
