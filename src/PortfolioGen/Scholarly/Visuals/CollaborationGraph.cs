using System.Text;

namespace PortfolioGen.Scholarly.Visuals;

using Math = System.Math;

/// <summary>A person in the collaboration graph, laid out.</summary>
/// <param name="Id">The co-author's slug, or <see cref="CollaborationGraphBuilder.OwnerId"/> for the owner.</param>
/// <param name="Label">The name to show.</param>
/// <param name="Url">The co-author's page; null for the owner (she has no co-author page).</param>
/// <param name="Papers">Papers together (for the owner: all papers).</param>
/// <param name="IsOwner">Whether this is the owner.</param>
/// <param name="X">Centre x in canvas units (one decimal, as printed).</param>
/// <param name="Y">Centre y in canvas units (one decimal, as printed).</param>
/// <param name="Radius">Radius in canvas units (one decimal, as printed).</param>
/// <param name="Labelled">Whether a label was placed for the node (see <see cref="CollaborationGraph.Labels"/>).</param>
public sealed record GraphNode(string Id, string Label, string? Url, int Papers, bool IsOwner, double X, double Y, double Radius, bool Labelled);

/// <summary>Two people listed on the same papers.</summary>
/// <param name="From">A node id.</param>
/// <param name="To">The other node id.</param>
/// <param name="Weight">Papers that list both.</param>
public sealed record GraphEdge(string From, string To, int Weight);

/// <summary>
/// The owner's co-authorship graph, laid out and ready to draw (see <see cref="CollaborationGraphBuilder.Build"/>).
/// </summary>
/// <param name="Nodes">The owner first, then co-authors, most papers together first.</param>
/// <param name="Edges">The edges drawn, ordered by node order.</param>
/// <param name="TotalCoAuthors">Every co-author on the papers given.</param>
/// <param name="Shown">Co-authors drawn (the owner not counted); less than <paramref name="TotalCoAuthors"/> when capped.</param>
/// <param name="Width">Canvas width (the SVG's viewBox).</param>
/// <param name="Height">Canvas height.</param>
public sealed record CollaborationGraph(IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphEdge> Edges, int TotalCoAuthors, int Shown, double Width, double Height)
{
    /// <summary>The labels placed, most important first; no two boxes overlap and all lie inside the canvas.</summary>
    public IReadOnlyList<GraphLabel> Labels { get; init; } = [];

    /// <summary>
    /// The labels for a phone (<see cref="LabelPlacer.NarrowFontSize"/>, larger against the canvas, so fewer fit), placed
    /// by the same rules. The SVG carries both sets; this one is <c>display="none"</c> until the theme shows it on a
    /// narrow screen (class <c>pg-labels-narrow</c>), so without the stylesheet the picture shows one set.
    /// </summary>
    public IReadOnlyList<GraphLabel> NarrowLabels { get; init; } = [];

    /// <summary>Every edge among the nodes shown; more than <see cref="Edges"/>.Count when only the strongest are drawn.</summary>
    public int TotalEdges { get; init; }

    /// <summary>Whether the owner's circle was capped (her paper count would dwarf everyone else's).</summary>
    public bool OwnerNotToScale { get; init; }

    /// <summary>Whether some co-authors were left out.</summary>
    public bool Capped => Shown < TotalCoAuthors;

    /// <summary>
    /// The text alternative: one row per co-author drawn, in node order (most papers together first) — the same
    /// names, links and counts as the picture.
    /// </summary>
    public IReadOnlyList<(string Name, string? Url, int Papers)> TableRows()
        => [.. Nodes.Where(n => !n.IsOwner).Select(n => (n.Label, n.Url, n.Papers))];

    /// <summary>
    /// The stroke width an edge of <paramref name="weight"/> papers is drawn with: 0.6 for one paper up to 3.2 for the
    /// heaviest edge in the graph, by the square root of the weight (so the heaviest of thousands does not dwarf the rest).
    /// </summary>
    public double EdgeWidth(int weight) => EdgeWidth(weight, Heaviest());

    private int Heaviest() => Edges.Count == 0 ? 1 : Edges.Max(e => e.Weight);

    private static double EdgeWidth(int weight, int heaviest)
    {
        var share = heaviest <= 1 ? 0 : (Math.Sqrt(weight) - 1) / (Math.Sqrt(heaviest) - 1);
        return Svg.Round(0.6 + 2.6 * Math.Clamp(share, 0, 1));
    }

    /// <summary>
    /// Inline SVG (print it as raw markup). A <c>viewBox</c> and <c>width="100%"</c>, no fixed size, so it scales to
    /// any column; colours only through the theme's classes (<c>pg-edge</c>, <c>pg-node</c>, <c>pg-owner</c>,
    /// <c>pg-label</c>; <c>pg-labels-narrow</c> for the phone's labels, see <see cref="NarrowLabels"/>). Named by a
    /// <c>&lt;title&gt;</c> and <c>&lt;desc&gt;</c> through <c>aria-labelledby</c>; each
    /// co-author is a link to their page named by its own <c>&lt;title&gt;</c>. The root has <c>role="group"</c>, not
    /// <c>img</c>: an image's children are presentational in ARIA, so links inside <c>role="img"</c> would be hidden
    /// from assistive technology (axe reports it as nested-interactive). Labels are <c>aria-hidden</c>, as they
    /// repeat the links' names.
    /// </summary>
    /// <param name="idPrefix">Makes the ids unique on the page: an ASCII letter, then letters, digits, '-' or '_'.</param>
    public string ToSvg(string idPrefix = "collab")
    {
        Svg.CheckIdPrefix(idPrefix);
        var owner = Nodes.FirstOrDefault(n => n.IsOwner);
        var sb = new StringBuilder(4096 + Nodes.Count * 160 + Edges.Count * 28);
        sb.Append("<svg xmlns=\"").Append(Svg.Namespace).Append("\" class=\"pg-chart pg-graph\" viewBox=\"0 0 ")
            .Append(Svg.F(Width)).Append(' ').Append(Svg.F(Height)).Append("\" width=\"100%\" role=\"group\" aria-labelledby=\"")
            .Append(idPrefix).Append("-title ").Append(idPrefix).Append("-desc\">\n");
        sb.Append("<title id=\"").Append(idPrefix).Append("-title\">")
            .Append(Svg.Text(owner is null ? "Co-authors" : "Co-authors of " + owner.Label)).Append("</title>\n");
        sb.Append("<desc id=\"").Append(idPrefix).Append("-desc\">").Append(Svg.Text(Describe(owner))).Append("</desc>\n");

        // Edges: one path per stroke width, thinnest first.
        var at = Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        sb.Append("<g class=\"pg-edges\" aria-hidden=\"true\">");
        var heaviest = Heaviest();
        var widths = Edges.Select(e => e.Weight).Distinct().ToDictionary(w => w, w => EdgeWidth(w, heaviest));
        foreach (var group in Edges.GroupBy(e => widths[e.Weight]).OrderBy(g => g.Key))
        {
            sb.Append("<path class=\"pg-edge\" stroke-width=\"").Append(Svg.F(group.Key)).Append("\" d=\"");
            foreach (var e in group)
            {
                var (a, b) = (at[e.From], at[e.To]);
                sb.Append('M').Append(Svg.F(a.X)).Append(' ').Append(Svg.F(a.Y))
                    .Append('L').Append(Svg.F(b.X)).Append(' ').Append(Svg.F(b.Y));
            }
            sb.Append("\"/>");
        }
        sb.Append("</g>\n");

        // Nodes: the owner first (largest, underneath), then co-authors strongest first — the order links are tabbed in.
        sb.Append("<g class=\"pg-nodes\">\n");
        foreach (var n in Nodes)
        {
            var title = n.Label + " · " + Svg.Papers(n.Papers) + (n.IsOwner ? "" : " together");
            var circle = "<circle class=\"pg-node" + (n.IsOwner ? " pg-owner" : "") + "\" cx=\"" + Svg.F(n.X) + "\" cy=\"" + Svg.F(n.Y)
                + "\" r=\"" + Svg.F(n.Radius) + "\"/>";
            if (n.Url is null)
            {
                sb.Append("<g><title>").Append(Svg.Text(title)).Append("</title>").Append(circle).Append("</g>\n");
            }
            else
            {
                sb.Append("<a href=\"").Append(Svg.Text(n.Url)).Append("\"><title>").Append(Svg.Text(title)).Append("</title>")
                    .Append(circle).Append("</a>\n");
            }
        }
        sb.Append("</g>\n");

        AppendLabels(sb, Labels, owner, "pg-labels", LabelPlacer.FontSize, "");
        AppendLabels(sb, NarrowLabels, owner, "pg-labels pg-labels-narrow", LabelPlacer.NarrowFontSize, " display=\"none\"");
        sb.Append("</svg>");
        return sb.ToString();
    }

    private static void AppendLabels(StringBuilder sb, IReadOnlyList<GraphLabel> labels, GraphNode? owner, string cls, double fontSize, string extra)
    {
        sb.Append("<g class=\"").Append(cls).Append("\" aria-hidden=\"true\" font-size=\"").Append(Svg.F(fontSize)).Append('"').Append(extra).Append(">\n");
        foreach (var l in labels)
        {
            var isOwner = owner is not null && string.Equals(l.NodeId, owner.Id, StringComparison.Ordinal);
            sb.Append("<text class=\"pg-label").Append(isOwner ? " pg-owner-label" : "").Append("\" x=\"").Append(Svg.F(l.X))
                .Append("\" y=\"").Append(Svg.F(l.Y)).Append("\" text-anchor=\"").Append(l.Anchor).Append("\">")
                .Append(Svg.Text(l.Text)).Append("</text>\n");
        }
        sb.Append("</g>\n");
    }

    private string Describe(GraphNode? owner)
    {
        var name = owner?.Label ?? "The owner";
        var sb = new StringBuilder();
        sb.Append(name).Append(" and ");
        sb.Append(Shown == 1 ? "1 co-author" : Svg.N(Shown) + " co-authors");
        if (Capped) sb.Append(" (the ").Append(Svg.N(Shown)).Append(" with the most papers together, of ").Append(Svg.N(TotalCoAuthors)).Append(')');
        sb.Append(". Each circle is a person, its area proportional to papers together");
        if (OwnerNotToScale) sb.Append(" (").Append(name).Append("’s own circle is not to scale)");
        sb.Append(". A line joins two people listed on the same paper, thicker for more papers");
        var total = Math.Max(TotalEdges, Edges.Count);
        if (total > Edges.Count) sb.Append("; the ").Append(Svg.N(Edges.Count)).Append(" strongest of ").Append(Svg.N(total)).Append(" links are drawn");
        sb.Append('.');
        var top = Nodes.Where(n => !n.IsOwner).Take(3).ToList();
        if (top.Count > 0)
        {
            sb.Append(" Most papers together: ").AppendJoin(", ", top.Select(n => n.Label + " (" + Svg.N(n.Papers) + ")")).Append('.');
        }
        return sb.ToString();
    }
}
