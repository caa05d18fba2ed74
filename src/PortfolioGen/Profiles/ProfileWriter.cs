using System.Globalization;
using System.Text;

namespace PortfolioGen.Profiles;

/// <summary>
/// Writes a profile in the plain-text format, the inverse of <see cref="ProfileParser"/>: what it writes
/// reads back to the same model. Used to scaffold new sites and by the round-trip tests.
/// </summary>
public static class ProfileWriter
{
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>The profile as text, with "\n" line ends and a final newline.</summary>
    public static string Write(Profile profile)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(profile.Name).Append("\n\n");
        var header = new List<string>();
        if (profile.PrimaryCategory is { } pc) header.Add(CodeOf(pc));
        var f = profile.Figures;
        if (f.HIndex is { } h) header.Add(string.Create(inv, $"h-index{h}"));
        if (f.Papers is { } p) header.Add(string.Create(inv, $"{p}papers"));
        if (f.Citations is { } c) header.Add(string.Create(inv, $"{c}citations"));
        if (f.NoveltyPercent is { } n) header.Add(string.Create(inv, $"Novelty{n}%"));
        if (f.AiScore is { } a) header.Add(string.Create(inv, $"AI Score{a}"));
        if (header.Count > 0) sb.AppendJoin('\n', header).Append("\n\n");
        if (profile.DeclaredPaperCount is { } d) sb.Append(d.ToString(inv)).Append(" Papers\n\n");
        foreach (var paper in profile.Papers)
        {
            WritePaper(sb, paper);
        }
        return sb.ToString();
    }

    // Profiles write cs subjects bare (CL); anything else in full, since a bare SY would read as cs.SY.
    private static string CodeOf(Category category)
        => category.Known && category.Code.StartsWith("cs.", StringComparison.Ordinal) ? category.ShortCode : category.Code;

    /// <summary>Appends one entry.</summary>
    public static void WritePaper(StringBuilder sb, Paper paper)
    {
        var inv = CultureInfo.InvariantCulture;
        sb.Append(CodeOf(paper.Category)).Append(Months[paper.Date.Month - 1]).Append(' ')
          .Append(paper.Date.Day.ToString(inv)).Append(", ").Append(paper.Date.Year.ToString("D4", inv));
        if (paper.HasCode) sb.Append("Code");
        sb.Append('\n').Append(paper.Title).Append("\n\n");
        sb.AppendJoin(", ", paper.Authors);
        if (paper.AuthorsTruncated) sb.Append(" et al.");
        if (paper.Organization is { } org) sb.Append(" \u00B7 ").Append(org);
        sb.Append("\n\n");
        if (paper.Abstract is { } abs) sb.Append(abs.Source).Append("\n\n");
    }
}
