using System.Globalization;
using System.Text;
using PortfolioGen.Profiles;

namespace PortfolioGen.Tests.Profiles;

/// <summary>
/// A compact, line-oriented dump of a parse result, the "expected" side of the format spec.
/// Absent values are left out, so examples stay short; every present value is shown.
/// </summary>
public static class ProfileDump
{
    public static string Write(ProfileParseResult result)
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        if (result.Profile is { } p)
        {
            sb.Append("owner: ").Append(p.Name).Append('\n');
            if (p.PrimaryCategory is { } pc) sb.Append("primary: ").Append(pc.Code).Append(" (").Append(pc.Name).Append(")\n");
            var f = p.Figures;
            var figures = new List<string>();
            if (f.HIndex is { } h) figures.Add($"h-index={h}");
            if (f.Papers is { } n) figures.Add($"papers={n}");
            if (f.Citations is { } c) figures.Add($"citations={c}");
            if (f.NoveltyPercent is { } nv) figures.Add($"novelty={nv}%");
            if (f.AiScore is { } ai) figures.Add($"ai-score={ai}");
            if (figures.Count > 0) sb.Append("figures: ").AppendJoin(' ', figures).Append('\n');
            if (p.DeclaredPaperCount is { } d) sb.Append("declared: ").Append(d.ToString(inv)).Append('\n');
            foreach (var paper in p.Papers)
            {
                sb.Append("paper ").Append(paper.Slug).Append('\n');
                sb.Append("  title: ").Append(paper.Title).Append('\n');
                if (paper.TitleMarkup.Html != Text.Html.Escape(paper.Title)) sb.Append("  title-html: ").Append(paper.TitleMarkup.Html).Append('\n');
                if (paper.TitleMarkup.Readable != paper.Title) sb.Append("  title-text: ").Append(paper.TitleMarkup.Readable).Append('\n');
                sb.Append("  category: ").Append(paper.Category.Code).Append(" (").Append(paper.Category.Name).Append(")\n");
                sb.Append("  date: ").Append(paper.Date.ToString("yyyy-MM-dd", inv)).Append(paper.HasCode ? " code" : "").Append('\n');
                sb.Append("  authors: ").AppendJoin(" | ", paper.Authors).Append(paper.AuthorsTruncated ? " | et al." : "").Append('\n');
                if (paper.Organization is { } org) sb.Append("  organization: ").Append(org).Append('\n');
                if (paper.Abstract is { } abs)
                {
                    sb.Append("  abstract: ").Append(abs.Source.Replace("\n", "\\n")).Append('\n');
                    if (abs.Html != "<p>" + Text.Html.Escape(abs.Source).Replace("\n\n", "</p>\n<p>") + "</p>")
                        sb.Append("  html: ").Append(abs.Html.Replace("\n", "\\n")).Append('\n');
                    if (abs.Text != abs.Source) sb.Append("  text: ").Append(abs.Text.Replace("\n", "\\n")).Append('\n');
                }
            }
            foreach (var co in p.CoAuthors)
            {
                sb.Append("coauthor ").Append(co.Slug).Append(": ").Append(co.Name)
                  .Append(" [").AppendJoin(", ", co.Papers).Append("] ")
                  .Append(co.FirstYear.ToString(inv)).Append('-').Append(co.LastYear.ToString(inv)).Append('\n');
            }
        }
        else
        {
            sb.Append("(no profile)\n");
        }
        foreach (var d in result.Diagnostics)
        {
            sb.Append(d.SeverityText).Append(' ').Append(d.Code).Append(" (")
              .Append(d.Line.ToString(inv)).Append(',').Append(d.Column.ToString(inv)).Append("): ").Append(d.Message).Append('\n');
        }
        return sb.ToString();
    }
}
