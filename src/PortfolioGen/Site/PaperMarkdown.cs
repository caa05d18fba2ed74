using System.Globalization;
using System.Text;
using PortfolioGen.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

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
        return string.Join("\n\n", a.Source.Split("\n\n").Select(p => LatexText.ToMarkdown(LatexText.Parse(p))));
    }

    /// <summary>The whole page: front matter and body.</summary>
    public static string Generate(PaperView view, SiteUrls urls)
    {
        var p = view.Paper;
        var sb = new StringBuilder();
        sb.Append("---\n");
        using (var writer = new StringWriter(sb, CultureInfo.InvariantCulture))
        {
            var e = new Emitter(writer, new EmitterSettings().WithMaxSimpleKeyLength(1024));
            e.Emit(new StreamStart());
            e.Emit(new DocumentStart(null, null, isImplicit: true));
            e.Emit(new MappingStart());
            Pair(e, "title", p.Title);
            Pair(e, "slug", p.Slug);
            Plain(e, "date", p.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Key(e, "category");
            e.Emit(new MappingStart());
            Pair(e, "code", p.Category.Code);
            Pair(e, "name", p.Category.Name);
            e.Emit(new MappingEnd());
            Plain(e, "has_code", p.HasCode ? "true" : "false");
            Key(e, "authors");
            e.Emit(new SequenceStart(null, null, false, SequenceStyle.Block));
            foreach (var a in p.Authors) Quoted(e, a);
            e.Emit(new SequenceEnd());
            Plain(e, "authors_truncated", p.AuthorsTruncated ? "true" : "false");
            if (p.Organization is { } org) Pair(e, "organization", org);
            if (urls.Absolute(view.Path) is { } url) Pair(e, "url", url);
            if (view.Additions.Venue is { } venue) Pair(e, "venue", venue);
            if (view.Featured) Plain(e, "featured", "true");
            if (view.Additions.Tags.Length > 0)
            {
                Key(e, "tags");
                e.Emit(new SequenceStart(null, null, false, SequenceStyle.Block));
                foreach (var t in view.Additions.Tags) Quoted(e, t);
                e.Emit(new SequenceEnd());
            }
            if (view.Links.Length > 0)
            {
                Key(e, "links");
                e.Emit(new MappingStart());
                foreach (var l in view.Links) Pair(e, l.Kind, l.Url);
                e.Emit(new MappingEnd());
            }
            e.Emit(new MappingEnd());
            e.Emit(new DocumentEnd(isImplicit: true));
            e.Emit(new StreamEnd());
        }
        sb.Append("---\n");
        if (p.Abstract is not null)
        {
            sb.Append("\n## Abstract\n\n").Append(Abstract(view)).Append('\n');
        }
        if (view.Additions.Notes.Length > 0)
        {
            sb.Append("\n## Notes\n\n").Append(view.Additions.Notes.TrimEnd()).Append('\n');
        }
        return sb.ToString();
    }

    private static void Key(IEmitter e, string key) => e.Emit(new Scalar(null, null, key, ScalarStyle.Plain, true, false));

    // Text is always double-quoted: a title such as "Yes" or "1984" must read back as text, not a boolean or a number.
    private static void Quoted(IEmitter e, string value) => e.Emit(new Scalar(null, null, value, ScalarStyle.DoubleQuoted, false, true));

    private static void Pair(IEmitter e, string key, string value)
    {
        Key(e, key);
        Quoted(e, value);
    }

    private static void Plain(IEmitter e, string key, string value)
    {
        Key(e, key);
        e.Emit(new Scalar(null, null, value, ScalarStyle.Plain, true, false));
    }
}
