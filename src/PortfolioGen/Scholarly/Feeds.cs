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
    public static void Atom(Stream output, SiteContext site, IReadOnlyList<PaperView> newestFirst)
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
            LastUpdatedTime = newestFirst.Count > 0 ? Midnight(newestFirst[0].Paper.Date) : new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero),
        };
        feed.Authors.Add(new SyndicationPerson { Name = site.Profile.Name, Uri = home });
        feed.Links.Add(new SyndicationLink(new Uri(urls.Absolute("feed.xml")!), "self", site.Title, "application/atom+xml", 0));
        feed.Links.Add(new SyndicationLink(new Uri(home), "alternate", site.Title, "text/html", 0));
        var items = new List<SyndicationItem>();
        foreach (var view in newestFirst)
        {
            var p = view.Paper;
            var url = urls.Absolute(view.Path)!;
            var item = new SyndicationItem
            {
                Id = url,
                Title = new TextSyndicationContent(p.TitleMarkup.Text),
                PublishDate = Midnight(p.Date),
                LastUpdatedTime = Midnight(p.Date),
                Summary = new TextSyndicationContent(p.Abstract?.Text ?? p.TitleMarkup.Text),
            };
            item.Links.Add(new SyndicationLink(new Uri(url), "alternate", null, "text/html", 0));
            foreach (var a in view.Authors)
            {
                var uri = a.IsOwner ? home : a.CoAuthorSlug is { } s ? urls.Absolute(SiteUrls.CoAuthorPath(s)) : null;
                item.Authors.Add(new SyndicationPerson { Name = a.Name, Uri = uri });
            }
            item.Categories.Add(new SyndicationCategory(p.Category.Code, "https://arxiv.org/archive/" + p.Category.Code.Split('.')[0], p.Category.Name));
            items.Add(item);
        }
        feed.Items = items;
        using var writer = XmlWriter.Create(output, XmlSettings);
        new Atom10FeedFormatter(feed).WriteTo(writer);
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
    public static void LlmsTxt(Stream output, SiteContext site, IReadOnlyList<PaperView> newestFirst)
    {
        var urls = site.Urls;
        string Link(string path) => urls.Absolute(path) ?? urls.Url(path);
        using var w = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16);
        void Write(params ReadOnlySpan<string?> parts)
        {
            foreach (var part in parts) w.Write(part);
        }
        Write("# ", site.Profile.Name, "\n\n");
        Write("> ", site.Description, "\n\n");
        var details = new List<string>();
        if (site.Profile.PrimaryCategory is { } pc) details.Add($"Primary research area: {pc.Name} ({pc.Code}).");
        if (site.Settings.Owner.Affiliation is { } aff) details.Add($"Affiliation: {aff}.");
        details.Add(string.Create(CultureInfo.InvariantCulture, $"{newestFirst.Count} papers; each has an HTML page, a Markdown page (linked below) and citation files (cite.bib, cite.ris, cite.json) beside it."));
        Write(string.Join('\n', details), "\n\n");
        Write("## Papers\n\n");
        foreach (var v in newestFirst)
        {
            var p = v.Paper;
            Write("- [", p.TitleMarkup.Text.Replace("[", "\\[", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal),
                "](", Link(v.Path + "index.md"), "): ", p.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ", ", p.Category.Code, ". ",
                Sentence(p.Abstract), "\n");
        }
        Write("\n## Optional\n\n");
        Write("- [All publications as BibTeX](", Link("publications.bib"), ")\n");
        Write("- [All publications as CSL-JSON](", Link("publications.json"), ")\n");
        Write("- [Co-authors](", Link("coauthors/"), ")\n");
    }

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
