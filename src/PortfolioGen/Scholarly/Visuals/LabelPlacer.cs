namespace PortfolioGen.Scholarly.Visuals;

using Math = System.Math;

/// <summary>A label's box in canvas units: the text's estimated extent plus a small padding.</summary>
public readonly record struct LabelBox(double Left, double Top, double Right, double Bottom)
{
    /// <summary>Whether the two boxes share any area (touching edges do not count).</summary>
    public bool Overlaps(LabelBox other) => Left < other.Right && other.Left < Right && Top < other.Bottom && other.Top < Bottom;

    /// <summary>Whether the box lies inside a <paramref name="width"/> × <paramref name="height"/> canvas.</summary>
    public bool Inside(double width, double height) => Left >= 0 && Top >= 0 && Right <= width && Bottom <= height;

    /// <summary>Whether a circle touches the box.</summary>
    public bool Touches(double cx, double cy, double r)
    {
        var nx = Math.Clamp(cx, Left, Right) - cx;
        var ny = Math.Clamp(cy, Top, Bottom) - cy;
        return nx * nx + ny * ny < r * r;
    }
}

/// <summary>A placed label: the text's anchor point (<c>x</c>, baseline <c>y</c>, <c>text-anchor</c>) and its box.</summary>
/// <param name="NodeId">The node it names.</param>
/// <param name="Text">The text (unescaped).</param>
/// <param name="X">The anchor's x, as printed.</param>
/// <param name="Y">The baseline's y, as printed.</param>
/// <param name="Anchor"><c>start</c>, <c>middle</c> or <c>end</c>.</param>
/// <param name="Box">The box the text is estimated to fill, padded.</param>
public sealed record GraphLabel(string NodeId, string Text, double X, double Y, string Anchor, LabelBox Box);

/// <summary>
/// Greedy label placement: in order of importance, each label tries twelve spots around its node (right, left,
/// above, below, the diagonals, then beside it half a line up or down); a spot is allowed when its box stays inside the canvas and overlaps no label
/// placed before; among allowed spots the one covering fewest other circles wins (first in that order on ties).
/// A label with no allowed spot is skipped.
/// </summary>
internal static class LabelPlacer
{
    /// <summary>The labels' size in canvas units where the picture is drawn wide (about the text column of a desktop).</summary>
    public const double FontSize = 13;

    /// <summary>
    /// The labels' size on a phone, where the canvas is drawn about 350 px wide: 13 units would print at 8 px there,
    /// 18 print at 11 px at 390 px. The theme shows one set of labels or the other by the screen's width.
    /// </summary>
    public const double NarrowFontSize = 18;

    private const double Pad = 1.5;
    private const double Gap = 3;

    /// <summary>Circles above which a label may lie over some (the fewest it can): every spot around a node is taken.</summary>
    public const int Crowded = 100;

    public static List<GraphLabel> Place(IReadOnlyList<(int Node, string Id, string Text)> wanted, double[] x, double[] y, double[] radius, double width, double height,
        double fontSize = FontSize)
    {
        var (ascent, descent) = (0.8 * fontSize, 0.24 * fontSize);
        var placed = new List<GraphLabel>();
        foreach (var (node, id, text) in wanted)
        {
            var w = Svg.Ems(text) * fontSize;
            GraphLabel? best = null;
            var bestCover = int.MaxValue;
            foreach (var (tx, ty, anchor) in Spots(x[node], y[node], radius[node], ascent, descent))
            {
                var label = Make(id, text, Svg.Round(tx), Svg.Round(ty), anchor, w, ascent, descent);
                if (!label.Box.Inside(width, height) || placed.Any(p => p.Box.Overlaps(label.Box))) continue;
                var cover = 0;
                for (var j = 0; j < x.Length && cover < bestCover; j++)
                {
                    if (j != node && label.Box.Touches(x[j], y[j], radius[j])) cover++;
                }
                if (cover < bestCover)
                {
                    best = label;
                    bestCover = cover;
                }
                if (cover == 0) break;
            }
            // Only where it hides nobody: a label over another person's circle hid it (and its link) from every reader;
            // that person stays a circle, with their name in its tooltip and in the table beside the picture. The owner's
            // label, which says whose picture it is, is always placed; in a crowded picture no label would be left, so
            // there every label hides as few circles as it can.
            if (best is not null && (bestCover == 0 || x.Length > Crowded || id == CollaborationGraphBuilder.OwnerId)) placed.Add(best);
        }
        return placed;
    }

    private static GraphLabel Make(string id, string text, double tx, double ty, string anchor, double w, double ascent, double descent)
    {
        var left = anchor switch { "start" => tx, "end" => tx - w, _ => tx - w / 2 };
        return new GraphLabel(id, text, tx, ty, anchor, new LabelBox(left - Pad, ty - ascent - Pad, left + w + Pad, ty + descent + Pad));
    }

    private static IEnumerable<(double X, double Y, string Anchor)> Spots(double x, double y, double r, double ascent, double descent)
    {
        var middle = (ascent - descent) / 2; // baseline offset that centres the text on y
        var diagonal = r * 0.7071 + Gap;
        yield return (x + r + Gap, y + middle, "start");
        yield return (x - r - Gap, y + middle, "end");
        yield return (x, y - r - Gap - descent, "middle");
        yield return (x, y + r + Gap + ascent, "middle");
        yield return (x + diagonal, y - diagonal - descent, "start");
        yield return (x + diagonal, y + diagonal + ascent, "start");
        yield return (x - diagonal, y - diagonal - descent, "end");
        yield return (x - diagonal, y + diagonal + ascent, "end");
        // Beside the node but a half line higher or lower.
        var half = (ascent + descent) / 2;
        yield return (x + r + Gap, y + middle - half, "start");
        yield return (x + r + Gap, y + middle + half, "start");
        yield return (x - r - Gap, y + middle - half, "end");
        yield return (x - r - Gap, y + middle + half, "end");
    }
}
