using System.Text;
using PortfolioGen.Site;

namespace PortfolioGen.Scholarly.Visuals;

using Math = System.Math;

/// <summary>Papers in one year and series.</summary>
/// <param name="Year">The year.</param>
/// <param name="Series">A category code (<c>cs.CL</c>), <see cref="Timeline.OtherSeries"/>, or <see cref="Timeline.AllSeries"/> for a single series.</param>
/// <param name="Count">Papers; 0 for a year without any.</param>
public sealed record YearCount(int Year, string Series, int Count);

/// <summary>A chart's data, worked out once: the series in legend order with their names, and the counts (see <see cref="Timeline.Counts"/>).</summary>
public sealed record TimelineData(IReadOnlyList<(string Series, string Name)> Series, IReadOnlyList<YearCount> Counts, bool ByCategory);

/// <summary>
/// Papers per year as inline SVG bar charts (print them as raw markup): a <c>viewBox</c> and <c>width="100%"</c>
/// so they scale to any column, colours only through the theme's classes (<c>pg-series-0</c>…<c>pg-series-7</c>,
/// <c>pg-axis</c>, <c>pg-grid</c>), <c>role="img"</c> named by a <c>&lt;title&gt;</c> and <c>&lt;desc&gt;</c>, and a
/// <c>&lt;title&gt;</c> on every bar segment. <see cref="Counts"/> is the data, for a table beside the chart.
/// </summary>
public static class Timeline
{
    /// <summary>The series name of a single-series chart.</summary>
    public const string AllSeries = "papers";

    /// <summary>The series that gathers the smallest categories when there are more than <see cref="MaxSeries"/>.</summary>
    public const string OtherSeries = "other";

    /// <summary>Series drawn at most (the theme has that many colours).</summary>
    public const int MaxSeries = 8;

    private const double Width = 440;
    // 14 units in a 440-unit canvas print at 11 px on a 390 px phone (12 printed at 9.5 px); the theme keeps the
    // chart narrower on a desktop so the text stays near the page's.
    private const double FontSize = 14;
    private const double PlotHeight = 150;
    private const double PlotTop = 26;
    private const double RightPad = 8;
    private const double RowHeight = 21;
    private const double Swatch = 12;

    /// <summary>Papers per year, stacked by category, with a legend (code and name).</summary>
    public static string StackedByCategory(IReadOnlyList<PaperView> papers, string idPrefix, string title) => Chart(Data(papers, byCategory: true), idPrefix, title);

    /// <summary>Papers per year as one series (a co-author's papers together, a topic's papers).</summary>
    public static string PerYear(IReadOnlyList<PaperView> papers, string idPrefix, string title) => Chart(Data(papers, byCategory: false), idPrefix, title);

    /// <summary>
    /// The data behind a chart: for every year from the first to the last (0 where there are none) and every series
    /// in legend order, the papers. By category, the series are the category codes, most papers first (ties by code,
    /// ordinal); past <see cref="MaxSeries"/>, the smallest share <see cref="OtherSeries"/>. Otherwise one series,
    /// <see cref="AllSeries"/>. Empty for no papers.
    /// </summary>
    public static IReadOnlyList<YearCount> Counts(IReadOnlyList<PaperView> papers, bool byCategory) => Data(papers, byCategory).Counts;

    /// <summary>The series and the <see cref="Counts"/> of a chart, for drawing it (<see cref="Chart"/>) and for a table beside it.</summary>
    public static TimelineData Data(IReadOnlyList<PaperView> papers, bool byCategory)
    {
        ArgumentNullException.ThrowIfNull(papers);
        if (papers.Count == 0) return new([], [], byCategory);
        IReadOnlyList<(string Series, string Name)> series = byCategory ? Series(papers) : [(AllSeries, "Papers")];
        var column = series.Select((s, i) => (s.Series, i)).ToDictionary(t => t.Series, t => t.i, StringComparer.Ordinal);
        var first = papers.Min(p => p.Paper.Date.Year);
        var last = papers.Max(p => p.Paper.Date.Year);
        var grid = new int[last - first + 1, series.Count];
        foreach (var p in papers) grid[p.Paper.Date.Year - first, byCategory ? column.GetValueOrDefault(p.Paper.Category.Code, column.GetValueOrDefault(OtherSeries)) : 0]++;
        var counts = new List<YearCount>(grid.Length);
        for (var y = first; y <= last; y++)
        {
            for (var s = 0; s < series.Count; s++) counts.Add(new YearCount(y, series[s].Series, grid[y - first, s]));
        }
        return new(series, counts, byCategory);
    }

    /// <summary>
    /// The category series in legend order with their names (<c>Computation and Language</c>; "Other subjects"
    /// for <see cref="OtherSeries"/>), for a table's column headings.
    /// </summary>
    public static IReadOnlyList<(string Series, string Name)> Series(IReadOnlyList<PaperView> papers)
    {
        ArgumentNullException.ThrowIfNull(papers);
        var totals = papers.GroupBy(p => p.Paper.Category.Code, StringComparer.Ordinal)
            .Select(g => (Code: g.Key, g.First().Paper.Category.Name, Count: g.Count()))
            .OrderByDescending(t => t.Count).ThenBy(t => t.Code, StringComparer.Ordinal)
            .ToList();
        if (totals.Count <= MaxSeries) return [.. totals.Select(t => (t.Code, t.Name))];
        return [.. totals.Take(MaxSeries - 1).Select(t => (t.Code, t.Name)), (OtherSeries, "Other subjects")];
    }

    /// <summary>The chart of <paramref name="data"/> (<see cref="StackedByCategory"/> or <see cref="PerYear"/> as its <see cref="TimelineData.ByCategory"/> says).</summary>
    public static string Chart(TimelineData data, string idPrefix, string title)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(title);
        Svg.CheckIdPrefix(idPrefix);
        var (series, counts, byCategory) = (data.Series, data.Counts, data.ByCategory);
        // Counts hold every series of a year together, years in order.
        var years = new List<int>();
        var perYear = new List<int>();
        for (var i = 0; series.Count > 0 && i < counts.Count; i += series.Count)
        {
            years.Add(counts[i].Year);
            var total = 0;
            for (var k = i; k < i + series.Count; k++) total += counts[k].Count;
            perYear.Add(total);
        }

        var sb = new StringBuilder(2048 + counts.Count * 120);
        var body = new StringBuilder();
        double height;
        if (years.Count == 0)
        {
            height = 40;
            body.Append("<text class=\"pg-axis-text\" x=\"").Append(Svg.F(Width / 2)).Append("\" y=\"24.0\" text-anchor=\"middle\">No papers</text>\n");
        }
        else
        {
            height = Draw(body, years, perYear, counts, series, byCategory);
        }

        sb.Append("<svg xmlns=\"").Append(Svg.Namespace).Append("\" class=\"pg-chart pg-timeline\" viewBox=\"0 0 ")
            .Append(Svg.F(Width)).Append(' ').Append(Svg.F(height)).Append("\" width=\"100%\" role=\"img\" aria-labelledby=\"")
            .Append(idPrefix).Append("-title ").Append(idPrefix).Append("-desc\" font-size=\"").Append(Svg.F(FontSize)).Append("\">\n");
        sb.Append("<title id=\"").Append(idPrefix).Append("-title\">").Append(Svg.Text(title)).Append("</title>\n");
        sb.Append("<desc id=\"").Append(idPrefix).Append("-desc\">").Append(Svg.Text(Describe(years, perYear, counts, series, byCategory))).Append("</desc>\n");
        sb.Append(body);
        sb.Append("</svg>");
        return sb.ToString();
    }

    private static double Draw(StringBuilder sb, List<int> years, List<int> perYear, IReadOnlyList<YearCount> counts,
        IReadOnlyList<(string Series, string Name)> series, bool byCategory)
    {
        // A step of 1, 2 or 5 × 10ⁿ papers that needs at most five steps to the top.
        var max = Math.Max(1, perYear.Max());
        var step = 1;
        for (var i = 0; (max + step - 1) / step > 5; i++) step = (i % 3) switch { 0 => step * 2, 1 => step / 2 * 5, _ => step * 2 };
        var top = (max + step - 1) / step * step;
        var left = 10 + Svg.Ems(Svg.N(top)) * FontSize;
        var plotWidth = Width - left - RightPad;
        var bottom = PlotTop + PlotHeight;
        var unit = PlotHeight / top;

        // Axis: the caption, gridlines and tick labels, the baseline.
        sb.Append("<g class=\"pg-axis\">\n");
        sb.Append("<text class=\"pg-axis-text\" x=\"0.0\" y=\"").Append(Svg.F(PlotTop - 12)).Append("\">Papers</text>\n");
        for (var v = 0; v <= top; v += step)
        {
            var y = Svg.Round(bottom - v * unit);
            if (v > 0)
            {
                sb.Append("<line class=\"pg-grid\" x1=\"").Append(Svg.F(left)).Append("\" y1=\"").Append(Svg.F(y))
                    .Append("\" x2=\"").Append(Svg.F(Width - RightPad)).Append("\" y2=\"").Append(Svg.F(y)).Append("\"/>\n");
            }
            sb.Append("<text class=\"pg-axis-text\" x=\"").Append(Svg.F(left - 5)).Append("\" y=\"").Append(Svg.F(y + 5))
                .Append("\" text-anchor=\"end\">").Append(Svg.N(v)).Append("</text>\n");
        }
        var band = plotWidth / years.Count;
        var every = new[] { 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000 }.First(e => band * e >= Svg.Ems("0000") * FontSize + 6 || e == 1000);
        for (var i = 0; i < years.Count; i++)
        {
            if (years[i] % every != 0) continue;
            sb.Append("<text class=\"pg-axis-text\" x=\"").Append(Svg.F(left + (i + 0.5) * band)).Append("\" y=\"").Append(Svg.F(bottom + 17))
                .Append("\" text-anchor=\"middle\">").Append(Svg.I(years[i])).Append("</text>\n");
        }
        sb.Append("<line class=\"pg-baseline\" x1=\"").Append(Svg.F(left)).Append("\" y1=\"").Append(Svg.F(bottom))
            .Append("\" x2=\"").Append(Svg.F(Width - RightPad)).Append("\" y2=\"").Append(Svg.F(bottom)).Append("\"/>\n");
        sb.Append("</g>\n");

        // Bars: one per year, segments stacked bottom-up in legend order.
        var barWidth = Math.Max(1, band * 0.72);
        sb.Append("<g class=\"pg-bars\">\n");
        for (var i = 0; i < years.Count; i++)
        {
            var x = left + i * band + (band - barWidth) / 2;
            var below = Svg.Round(bottom);
            var sum = 0;
            for (var s = 0; s < series.Count; s++)
            {
                var count = counts[i * series.Count + s].Count;
                if (count == 0) continue;
                sum += count;
                var y = Svg.Round(bottom - sum * unit);
                var label = byCategory
                    ? Svg.I(years[i]) + " · " + (series[s].Series == OtherSeries ? "other subjects" : series[s].Series) + " · " + Svg.Papers(count)
                    : Svg.I(years[i]) + " · " + Svg.Papers(count);
                sb.Append("<rect class=\"pg-series-").Append(Svg.I(s)).Append("\" x=\"").Append(Svg.F(x)).Append("\" y=\"").Append(Svg.F(y))
                    .Append("\" width=\"").Append(Svg.F(barWidth)).Append("\" height=\"").Append(Svg.F(below - y)).Append("\"><title>")
                    .Append(Svg.Text(label)).Append("</title></rect>\n");
                below = y;
            }
        }
        sb.Append("</g>\n");
        if (!byCategory) return bottom + 26;

        // Legend: swatch, code and name; items flow into rows; a name too long for a row is shortened with "…".
        sb.Append("<g class=\"pg-legend\">\n");
        var row = bottom + 30;
        var at = left;
        var room = Width - RightPad - left;
        for (var s = 0; s < series.Count; s++)
        {
            var text = Fit(series[s].Series == OtherSeries || series[s].Name == series[s].Series ? series[s].Name : series[s].Series + " " + Site.TopicNames.Plain(series[s].Name, series[s].Series),
                room - Swatch - 4);
            var itemWidth = Swatch + 4 + Svg.Ems(text) * FontSize;
            if (at > left && at + itemWidth > Width - RightPad)
            {
                at = left;
                row += RowHeight;
            }
            sb.Append("<rect class=\"pg-series-").Append(Svg.I(s)).Append("\" x=\"").Append(Svg.F(at)).Append("\" y=\"").Append(Svg.F(row))
                .Append("\" width=\"").Append(Svg.F(Swatch)).Append("\" height=\"").Append(Svg.F(Swatch)).Append("\"/>");
            sb.Append("<text x=\"").Append(Svg.F(at + Swatch + 4)).Append("\" y=\"").Append(Svg.F(row + Swatch - 0.5)).Append("\">")
                .Append(Svg.Text(text)).Append("</text>\n");
            at += itemWidth + 14;
        }
        sb.Append("</g>\n");
        return Svg.Round(row + RowHeight);
    }

    private static string Fit(string text, double room)
    {
        if (Svg.Ems(text) * FontSize <= room) return text;
        var runes = text.EnumerateRunes().ToList();
        while (runes.Count > 1 && Svg.Ems(string.Concat(runes.Select(r => r.ToString())) + "…") * FontSize > room) runes.RemoveAt(runes.Count - 1);
        return string.Concat(runes.Select(r => r.ToString())).TrimEnd() + "…";
    }

    private static string Describe(List<int> years, List<int> perYear, IReadOnlyList<YearCount> counts,
        IReadOnlyList<(string Series, string Name)> series, bool byCategory)
    {
        if (years.Count == 0) return "No papers.";
        var sb = new StringBuilder();
        var total = perYear.Sum();
        var peak = perYear.Max();
        sb.Append("Papers per year").Append(byCategory ? ", stacked by subject" : "").Append(": ").Append(Svg.Papers(total));
        sb.Append(years.Count == 1 ? " in " + Svg.I(years[0]) : " from " + Svg.I(years[0]) + " to " + Svg.I(years[^1]));
        if (years.Count > 1)
        {
            sb.Append(", most in ").AppendJoin(" and ", years.Where((_, i) => perYear[i] == peak).Select(Svg.I)).Append(" (").Append(Svg.N(peak)).Append(')');
            var none = years.Where((_, i) => perYear[i] == 0).ToList();
            if (none.Count > 0) sb.Append(", none in ").AppendJoin(", ", none.Select(Svg.I));
        }
        sb.Append('.');
        if (byCategory)
        {
            sb.Append(" By subject: ").AppendJoin(", ", series.Select(s =>
                (s.Series == OtherSeries ? s.Name : s.Series + " " + Site.TopicNames.Plain(s.Name, s.Series)) + " (" + Svg.N(counts.Where(c => c.Series == s.Series).Sum(c => c.Count)) + ")"))
                .Append('.');
        }
        return sb.ToString();
    }
}
