using System.Globalization;
using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using PortfolioGen.Site;

namespace PortfolioGen.Scholarly;

/// <summary>The Atom feed, the sitemap, robots.txt and llms.txt.</summary>
public static class Feeds
{
    private static readonly XmlWriterSettings XmlSettings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
        NewLineHandling = NewLineHandling.Replace,
    };

    /// <summary>
    /// An Atom feed (System.ServiceModel.Syndication) with one entry per paper, newest first: the abstract as
    /// summary, every listed author, the category. Its date is the newest paper's, never the build time,
    /// so an unchanged site gives an unchanged feed. Requires the base URL (feeds need absolute links).
    /// </summary>
    public static void Atom(Stream output, SiteContext site, IReadOnlyList<PaperView> newestFirst) => Atom(output, site, newestFirst, null);

    /// <summary>
    /// The same feed, with each entry kept in <paramref name="memo"/> (in <c>serve</c>): only the entries of papers
    /// whose views changed are serialised again, by the same formatter, and the feed is its head, the entries in
    /// order and its tail, the same bytes as one pass over every paper.
    /// </summary>
    public static void Atom(Stream output, SiteContext site, IReadOnlyList<PaperView> newestFirst, EntryMemo? memo)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(newestFirst);
        var updated = newestFirst.Count > 0 ? Midnight(newestFirst[0].Paper.Date) : new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        if (memo is null)
        {
            using var writer = XmlWriter.Create(output, XmlSettings);
            new Atom10FeedFormatter(FeedOf(site, updated, newestFirst)).WriteTo(writer);
            return;
        }
        byte[] head = [], tail = [];
        var entries = memo.Parts("feed.xml", site.Urls.Key, newestFirst, null, missing =>
        {
            (head, var made, tail) = SplitEntries(FeedOf(site, updated, missing.Select(i => newestFirst[i])), missing.Count);
            return made;
        });
        EntryMemo.Write(output, head, entries, tail);
    }

    // A feed of these entries, serialised and cut into the part before the first entry, each entry (with the line
    // break and indent before it), and the rest. An entry starts at "<entry" followed by '>' or a space: the
    // formatter escapes '<' in every text, so that is never inside one.
    private static (byte[] Head, byte[][] Entries, byte[] Tail) SplitEntries(SyndicationFeed feed, int count)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, XmlSettings)) new Atom10FeedFormatter(feed).WriteTo(writer);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        var starts = new List<int>(count + 1);
        for (var at = 0; ;)
        {
            var found = bytes[at..].IndexOf("<entry"u8);
            if (found < 0) break;
            at += found;
            if (at + 6 < bytes.Length && bytes[at + 6] is (byte)'>' or (byte)' ') starts.Add(WithIndent(bytes, at));
            at += 6;
        }
        var end = bytes.LastIndexOf("</feed>"u8);
        if (starts.Count != count || end < 0) throw new InvalidOperationException($"the feed has {starts.Count} entries where {count} were written");
        starts.Add(WithIndent(bytes, end));
        var entries = new byte[count][];
        for (var i = 0; i < count; i++) entries[i] = bytes[starts[i]..starts[i + 1]].ToArray();
        return (bytes[..starts[0]].ToArray(), entries, bytes[starts[count]..].ToArray());

        static int WithIndent(ReadOnlySpan<byte> bytes, int at)
        {
            while (at > 0 && bytes[at - 1] is (byte)' ' or (byte)'\n') at--;
            return at;
        }
    }

    private static SyndicationFeed FeedOf(SiteContext site, DateTimeOffset updated, IEnumerable<PaperView> views)
    {
        var urls = site.Urls;
        var home = urls.Absolute("")!;
        var feed = new SyndicationFeed
        {
            Id = home,
            Title = new TextSyndicationContent(site.Title),
            Description = new TextSyndicationContent(site.Description),
            Language = site.Settings.Language,
            Generator = site.Generator,
            LastUpdatedTime = updated,
        };
        feed.Authors.Add(new SyndicationPerson { Name = site.Profile.Name, Uri = home });
        feed.Links.Add(new SyndicationLink(new Uri(urls.Absolute("feed.xml")!), "self", site.Title, "application/atom+xml", 0));
        feed.Links.Add(new SyndicationLink(new Uri(home), "alternate", site.Title, "text/html", 0));
        var items = new List<SyndicationItem>();
        foreach (var view in views)
        {
            var p = view.Paper;
            var url = urls.Absolute(view.Path)!;
            var item = new SyndicationItem
            {
                Id = url,
                Title = new TextSyndicationContent(p.TitleMarkup.Readable),
                PublishDate = Midnight(p.Date),
                LastUpdatedTime = Midnight(p.Date),
                Summary = new TextSyndicationContent(p.Abstract?.Text ?? p.TitleMarkup.Readable),
            };
            item.Links.Add(new SyndicationLink(new Uri(url), "alternate", null, "text/html", 0));
            foreach (var a in view.Authors)
            {
                var uri = a.IsOwner ? home : a.CoAuthorSlug is { } s ? urls.Absolute(SiteUrls.CoAuthorPath(s)) : null;
                item.Authors.Add(new SyndicationPerson { Name = a.Name, Uri = uri });
            }
            // The scheme names arXiv's archive only for arXiv's own subjects: an unknown one is the profile's own text.
            var scheme = p.Category.Known ? "https://arxiv.org/archive/" + p.Category.Code.Split('.')[0] : null;
            item.Categories.Add(new SyndicationCategory(p.Category.Code, scheme, p.Category.Name));
            items.Add(item);
        }
        feed.Items = items;
        return feed;
    }

    private static DateTimeOffset Midnight(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>One page of the sitemap.</summary>
    public sealed record SitemapEntry(string SitePath, DateOnly? LastModified);

    /// <summary>A sitemap (sitemaps.org 0.9) with absolute URLs; <c>lastmod</c> where a date applies.</summary>
    public static void Sitemap(Stream output, SiteUrls urls, IEnumerable<SitemapEntry> entries)
    {
        const string ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        using var w = XmlWriter.Create(output, XmlSettings);
        w.WriteStartDocument();
        w.WriteStartElement("urlset", ns);
        foreach (var e in entries)
        {
            w.WriteStartElement("url", ns);
            w.WriteElementString("loc", ns, urls.Absolute(e.SitePath));
            if (e.LastModified is { } d) w.WriteElementString("lastmod", ns, d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteEndElement();
        }
        w.WriteEndElement();
        w.WriteEndDocument();
    }

    /// <summary>robots.txt: everything may be crawled; the sitemap is named when there is one.</summary>
    public static string Robots(SiteUrls urls)
    {
        var sb = new StringBuilder("User-agent: *\nAllow: /\n");
        if (urls.Absolute("sitemap.xml") is { } sitemap) sb.Append("\nSitemap: ").Append(sitemap).Append('\n');
        return sb.ToString();
    }

    /// <summary>
    /// llms.txt (llmstxt.org): the owner, then every paper with a one-line summary and the URL of its
    /// Markdown page, newest first.
    /// </summary>
    public static void LlmsTxt(Stream output, SiteContext site, IReadOnlyList<PaperView> newestFirst) => LlmsTxt(output, site, newestFirst, null);

    /// <summary>The same file, with each paper's line kept in <paramref name="memo"/> (in <c>serve</c>): only changed papers' lines are made again.</summary>
    public static void LlmsTxt(Stream output, SiteContext site, IReadOnlyList<PaperView> newestFirst, EntryMemo? memo)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(newestFirst);
        var urls = site.Urls;
        string Link(string path) => urls.Absolute(path) ?? urls.Url(path);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        // The file is Markdown and what it quotes is text, escaped (see Markdown): a name, a title or an abstract pasted
        // with a [link](javascript:…) or an HTML tag reads back as those characters.
        var head = new StringBuilder();
        head.Append("# ").Append(Markdown(site.Profile.Name, lineStart: true)).Append("\n\n");
        head.Append("> ").Append(Markdown(site.Description, lineStart: true)).Append("\n\n");
        var details = new List<string>();
        if (site.Profile.PrimaryCategory is { } pc) details.Add($"Primary research area: {pc.Name} ({pc.Code}).");
        if (site.Settings.Owner.Affiliation is { } aff) details.Add($"Affiliation: {Markdown(aff)}.");
        details.Add(string.Create(CultureInfo.InvariantCulture, $"{newestFirst.Count} papers; each has an HTML page, a Markdown page (linked below) and citation files (cite.bib, cite.ris, cite.json) beside it."));
        head.Append(string.Join('\n', details)).Append("\n\n");
        head.Append("## Papers\n\n");
        var tail = string.Concat("\n## Optional\n\n",
            "- [All publications as BibTeX](", Link("publications.bib"), ")\n",
            "- [All publications as CSL-JSON](", Link("publications.json"), ")\n",
            "- [Co-authors](", Link("coauthors/"), ")\n");
        string Line(PaperView v)
        {
            var p = v.Paper;
            return string.Concat(["- [", Markdown(p.TitleMarkup.Readable),
                "](", Link(v.Path + "index.md"), "): ", p.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ", ", p.Category.Code, ". ",
                Markdown(Sentence(p.Abstract)), "\n"]);
        }
        if (memo is null)
        {
            using var w = new StreamWriter(output, utf8, 1 << 16);
            w.Write(head);
            foreach (var v in newestFirst) w.Write(Line(v));
            w.Write(tail);
            return;
        }
        var lines = memo.Parts("llms.txt", urls.Key, newestFirst, null,
            missing => [.. missing.Select(i => utf8.GetBytes(Line(newestFirst[i])))]);
        EntryMemo.Write(output, utf8.GetBytes(head.ToString()), lines, utf8.GetBytes(tail));
    }

    // Text on one line, as Markdown that reads back as that text.
    private static string Markdown(string text, bool lineStart = false) => Text.LatexText.EscapeMarkdown(Citations.CitationText.OneLine(text), lineStart);

    // An abstract's first sentence (as OneLine gives it), once per abstract object (see CitationText.AbstractLine).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Profiles.RichText, string> Sentences = new();

    private static string Sentence(Profiles.RichText? abstractText)
        => abstractText is null ? OneLine(null)
            : Sentences.GetValue(abstractText, a => string.IsNullOrWhiteSpace(a.Text) ? OneLine(null) : FirstSentence(Citations.CitationText.AbstractLine(a)));

    /// <summary>The first sentence of a text (at most about 200 characters, cut at a word).</summary>
    public static string OneLine(string? text) => string.IsNullOrWhiteSpace(text) ? "No abstract." : FirstSentence(Citations.CitationText.OneLine(text));

    private static string FirstSentence(string flat)
    {
        var end = -1;
        for (var i = 40; i < flat.Length - 1; i++)
        {
            if (flat[i] is '.' or '?' or '!' && flat[i + 1] == ' ' && !char.IsDigit(flat[i - 1]) && !(i >= 3 && flat.AsSpan(i - 3, 4).SequenceEqual("e.g.")) && !(i >= 3 && flat.AsSpan(i - 3, 4).SequenceEqual("i.e.")))
            {
                end = i + 1;
                break;
            }
        }
        var sentence = end > 0 ? flat[..end] : flat;
        return sentence.Length <= 220 ? sentence : SitePipelines.Describe(sentence, 200);
    }
}
