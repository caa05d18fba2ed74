using System.Globalization;
using System.Text;
using PortfolioGen.Profiles;
using PortfolioGen.Text;

namespace PortfolioGen.Site;

/// <summary>
/// A paper as a Markdown page: YAML front matter with every field of the paper (and what its additions
/// file adds), then the abstract, then the notes. Published as <c>papers/&lt;slug&gt;/index.md</c>, for
/// people and programs that prefer Markdown to HTML.
/// </summary>
public static class PaperMarkdown
{
    /// <summary>The abstract as Markdown (empty when the paper has none).</summary>
    public static string Abstract(PaperView view)
    {
        if (view.Paper.Abstract is not { } a) return "";
        var sb = StringBuilderCache.Acquire(a.Source.Length + 64);
        AppendAbstract(sb, a);
        return StringBuilderCache.GetStringAndRelease(sb);
    }

    // Paragraph by paragraph (each is parsed on its own, as the profile's reader does), into the page's builder.
    private static void AppendAbstract(StringBuilder sb, RichText a)
    {
        var first = true;
        foreach (var paragraph in a.Source.Split("\n\n"))
        {
            if (!first) sb.Append("\n\n");
            first = false;
            LatexText.AppendMarkdown(sb, LatexText.Parse(paragraph));
        }
    }

    /// <summary>The whole page: front matter and body.</summary>
    public static string Generate(PaperView view, SiteUrls urls)
    {
        var p = view.Paper;
        var sb = StringBuilderCache.Acquire(4096);
        sb.Append("---\n");
        Pair(sb, "title", p.Title);
        Pair(sb, "slug", p.Slug);
        sb.Append("date: ").Append(p.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('\n');
        sb.Append("category:\n");
        Pair(sb, "code", p.Category.Code, "  ");
        Pair(sb, "name", p.Category.Name, "  ");
        sb.Append("has_code: ").Append(p.HasCode ? "true" : "false").Append('\n');
        sb.Append("authors:\n");
        foreach (var a in p.Authors) Quoted(sb.Append("- "), a).Append('\n');
        sb.Append("authors_truncated: ").Append(p.AuthorsTruncated ? "true" : "false").Append('\n');
        if (p.Organization is { } org) Pair(sb, "organization", org);
        if (urls.Absolute(view.Path) is { } url) Pair(sb, "url", url);
        if (view.Additions.Venue is { } venue) Pair(sb, "venue", venue);
        if (view.Additions.Journal is { } journal)
        {
            // The keys of the additions file, so that the page's front matter reads as one.
            Pair(sb, "journal", journal.Name);
            if (journal.Volume is { } volume) Pair(sb, "volume", volume);
            if (journal.Issue is { } issue) Pair(sb, "issue", issue);
            if (journal.Pages is { } pages) Pair(sb, "pages", pages);
            if (journal.Publisher is { } publisher) Pair(sb, "publisher", publisher);
        }
        if (view.Featured) sb.Append("featured: true\n");
        if (view.Additions.Tags.Length > 0)
        {
            sb.Append("tags:\n");
            foreach (var t in view.Additions.Tags) Quoted(sb.Append("- "), t).Append('\n');
        }
        if (view.Links.Length > 0)
        {
            sb.Append("links:\n");
            foreach (var l in view.Links) Pair(sb, l.Kind, l.Url, "  ");
        }
        sb.Append("---\n");
        if (p.Abstract is not null)
        {
            AppendAbstract(sb.Append("\n## Abstract\n\n"), p.Abstract);
            sb.Append('\n');
        }
        if (view.Additions.Notes.Length > 0)
        {
            // Root-relative links get the base path, as on the paper's page: /homepage/papers/x/, not /papers/x/.
            sb.Append("\n## Notes\n\n").Append(PortfolioGen.Markdown.MarkdownRenderer.WithBasePath(view.Additions.Notes.TrimEnd(), urls.BasePath)).Append('\n');
        }
        return StringBuilderCache.GetStringAndRelease(sb);
    }

    private static void Pair(StringBuilder sb, string key, string value, string indent = "")
        => Quoted(sb.Append(indent).Append(key).Append(": "), value).Append('\n');

    // Text is always a double-quoted YAML scalar: a title such as "Yes" or "1984" must read back as text, not
    // a boolean or a number, and quoting every value is the one form that needs no judgement. Inside double
    // quotes YAML escapes backslash, the quote and control characters; everything else stands as it is.
    private static StringBuilder Quoted(StringBuilder sb, string value)
    {
        sb.Append('"');
        foreach (var ch in value)
        {
            switch (ch)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\u0085': sb.Append("\\N"); break;
                case '\u2028': sb.Append("\\L"); break;
                case '\u2029': sb.Append("\\P"); break;
                case '\uFEFF': sb.Append("\\uFEFF"); break;
                case < ' ' or '\u007F' or (>= '\u0080' and < '\u00A0'):
                    sb.Append("\\u").Append(((int)ch).ToString("X4", CultureInfo.InvariantCulture));
                    break;
                default:
                    sb.Append(ch);
                    break;
            }
        }
        return sb.Append('"');
    }
}
